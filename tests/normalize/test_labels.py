from __future__ import annotations

import pytest

from ita_extract.normalize.labels import split_list_label


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
        ("๒.แจกเวียนให้", "๒.", "แจกเวียนให้"),
        ("(3)ขั้นตอน", "(3)", "ขั้นตอน"),
        ("2566.การ", None, "2566.การ"),
        ("-ไม่มี", None, "-ไม่มี"),
        ("9.1การ", None, "9.1การ"),
    ],
)
def test_split_list_label(text: str, label: str | None, rest: str) -> None:
    assert split_list_label(text) == (label, rest)


@pytest.mark.parametrize(
    ("text", "label", "rest"),
    [
        ("▪ จัดทำคู่มือ", "▪", "จัดทำคู่มือ"),
        ("-ข้อจำกัดด้านบุคลากร", "-", "ข้อจำกัดด้านบุคลากร"),
        ("๒. แจกเวียน", "๒.", "แจกเวียน"),
        ("3.", "3.", ""),
        ("  (4) ประกาศ ", "(4)", "ประกาศ"),
        ("1.2. ขั้นตอนย่อย", "1.2.", "ขั้นตอนย่อย"),
        ("1.5 ล้านบาท", None, "1.5 ล้านบาท"),
        ("9.1 การเปิดเผยข้อมูล", None, "9.1 การเปิดเผยข้อมูล"),
        ("2566. ปี", None, "2566. ปี"),
        (" จัดทำคู่มือ ", None, "จัดทำคู่มือ"),
    ],
)
def test_a_line_inside_a_text_may_end_with_its_label_or_touch_its_text(
    text: str, label: str | None, rest: str
) -> None:
    assert split_list_label(text, in_text=True) == (label, rest)


def test_a_label_alone_or_touching_a_dash_is_no_paragraph_label() -> None:
    """The laxer rule is for lines of a text already read, never for a paragraph's start."""
    assert split_list_label("3.") == (None, "3.")
    assert split_list_label("-ไม่มี") == (None, "-ไม่มี")
