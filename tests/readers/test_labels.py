from __future__ import annotations

import pytest

from ita_extract.readers.labels import split_typed_label


@pytest.mark.parametrize(
    ("text", "label", "rest"),
    [
        ("▪ จัดทำคู่มือ", "▪", "จัดทำคู่มือ"),
        ("- ข้อจำกัดด้านบุคลากร", "-", "ข้อจำกัดด้านบุคลากร"),
        ("• ข้อ", "•", "ข้อ"),
        ("1. จัดทำ", "1.", "จัดทำ"),
        ("๑. กระบวนการ", "๑.", "กระบวนการ"),
        ("๑๒) ขั้นตอน", "๑๒)", "ขั้นตอน"),
        ("(3) ขั้นตอน", "(3)", "ขั้นตอน"),
        ("9.1 การเปิดเผยข้อมูล", None, "9.1 การเปิดเผยข้อมูล"),
        ("๙๗.๖๑", None, "๙๗.๖๑"),
        ("2566. ปี", None, "2566. ปี"),
        ("– กันยายน", "–", "กันยายน"),
        ("๑๒๓. ข้อ", "๑๒๓.", "ข้อ"),
        ("-5 คะแนน", None, "-5 คะแนน"),
        ("e๑ หน่วยงานควร", None, "e๑ หน่วยงานควร"),
        ("จ. ศรีสะเกษ", None, "จ. ศรีสะเกษ"),
        ("-", None, "-"),
        ("▪จัดทำคู่มือ", "▪", "จัดทำคู่มือ"),
        ("1.", None, "1."),
    ],
)
def test_split_typed_label(text: str, label: str | None, rest: str) -> None:
    assert split_typed_label(text) == (label, rest)
