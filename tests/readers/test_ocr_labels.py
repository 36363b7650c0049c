"""OCR paragraphs move a typed bullet or list number into ``list_label``, as DOCX and PDF do.

Built from text, not pixels: the rule is the readers' shared one, and an OCR run is slow.
"""

from __future__ import annotations

import pytest

from ita_extract.document import Paragraph, ParagraphKind
from ita_extract.readers.ocr.paragraphs import text_to_paragraph


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "▪ จัดทำคู่มือการปฏิบัติงาน",
            Paragraph(
                text="จัดทำคู่มือการปฏิบัติงาน",
                kind=ParagraphKind.LIST_ITEM,
                list_label="▪",
                page=3,
            ),
        ),
        (
            "๑. จัดทำร่าง\nเสนอผู้บริหาร",
            Paragraph(
                text="จัดทำร่าง\nเสนอผู้บริหาร",
                kind=ParagraphKind.LIST_ITEM,
                list_label="๑.",
                page=3,
            ),
        ),
        (
            "2) เผยแพร่บนเว็บไซต์",
            Paragraph(text="เผยแพร่บนเว็บไซต์", kind=ParagraphKind.LIST_ITEM, list_label="2)", page=3),
        ),
        ("9.1 การเปิดเผยข้อมูล", Paragraph(text="9.1 การเปิดเผยข้อมูล", page=3)),
        ("2566. ปีงบประมาณ", Paragraph(text="2566. ปีงบประมาณ", page=3)),
        ("หน่วยงานควรปรับปรุง", Paragraph(text="หน่วยงานควรปรับปรุง", page=3)),
        ("▪", Paragraph(text="▪", page=3)),
    ],
)
def test_a_typed_label_moves_into_list_label(text: str, expected: Paragraph) -> None:
    assert text_to_paragraph(text, page=3) == expected


def test_a_centred_line_without_a_label_stays_a_heading() -> None:
    paragraph = text_to_paragraph("ส่วนที่ ๑", page=1, kind=ParagraphKind.HEADING)
    assert paragraph == Paragraph(text="ส่วนที่ ๑", kind=ParagraphKind.HEADING, page=1)
