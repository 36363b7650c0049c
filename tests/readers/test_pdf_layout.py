"""Lines and paragraphs from positioned glyphs (the PDF reader's layout rules)."""

from __future__ import annotations

import unicodedata
from dataclasses import replace

import pytest

from ita_extract.document import ParagraphKind
from ita_extract.readers.pdf_layout import PdfColumn, glyphs_to_lines, lines_to_paragraphs
from ita_extract.readers.pdf_page import Glyph

SIZE = 16.0
ADVANCE = 8.0
PITCH = 2.0  # -- baseline distance per point of font size, as Laksaman sets it --


def glyphs(text: str, *, line: int = 0, x: float = 100.0, spacing: float = 0.0) -> list[Glyph]:
    """Return one glyph per character of ``text`` on line ``line``, ``spacing`` apart.

    Marks above and below (``ั`` ``่``) go on the glyph before, taking no width, as the
    reader puts them.
    """
    baseline = 100.0 + line * PITCH * SIZE
    result: list[Glyph] = []
    for char in text:
        if result and unicodedata.category(char) == "Mn":
            result[-1] = replace(result[-1], text=result[-1].text + char)
            continue
        result.append(
            Glyph(char, x, x + ADVANCE, baseline - SIZE, baseline + 4, baseline, SIZE, False)
        )
        x += ADVANCE + spacing
    return result


@pytest.mark.parametrize(
    ("line", "text"),
    [
        (glyphs("ควรเผยแพร่"), "ควรเผยแพร่"),
        (glyphs("ควร แพร่", spacing=3.0), "ควร แพร่"),  # justified: letters spread, space kept
        (glyphs("O20") + glyphs("ควร", x=100 + 3 * ADVANCE + 10), "O20 ควร"),  # a gap is a space
    ],
    ids=["plain", "justified", "gap"],
)
def test_line_text(line: list[Glyph], text: str) -> None:
    [only] = glyphs_to_lines(line)
    assert only.text == text


def test_glyphs_written_out_of_order_are_put_left_to_right() -> None:
    first, second = glyphs("กข"), glyphs("คง", x=100 + 2 * ADVANCE)
    [line] = glyphs_to_lines(second + first)
    assert line.text == "กขคง"


CELL = PdfColumn(100.0, 100.0 + 16 * ADVANCE, PITCH, page_text=False)
"""A cell sixteen letters wide."""


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        (["ตุลาคมของปีหน้าน่ะค่ะ", "– กันยายนปี"], [(None, "ตุลาคมของปีหน้าน่ะค่ะ\n– กันยายนปี")]),
        (["- ข้อจำกัดด้าน", "บุคลากร", "- ข้อจำกัดงบ"], [("-", "ข้อจำกัดด้าน\nบุคลากร"), ("-", "ข้อจำกัดงบ")]),
        (["▪ให้หน่วยงานควร", "เปิดเผยข้อมูล"], [("▪", "ให้หน่วยงานควร\nเปิดเผยข้อมูล")]),
        (["๑. ประชุม", "๒. จัดทำคู่มือ"], [("๑.", "ประชุม"), ("๒.", "จัดทำคู่มือ")]),
        (
            ["๒. ทดลองใช้งานระบบ", "๓.", "ประชาสัมพันธ์ช่องทาง"],
            [("๒.", "ทดลองใช้งานระบบ"), ("๓.", "ประชาสัมพันธ์ช่องทาง")],
        ),
        (["(อ้างอิงจากข้อ O๑", "๗)"], [(None, "(อ้างอิงจากข้อ O๑\n๗)")]),
        (["กองคลัง", "กองช่าง"], [(None, "กองคลัง"), (None, "กองช่าง")]),  # would have fitted
        (["หน่วยงานควรจัดทำ", "คู่มือ"], [(None, "หน่วยงานควรจัดทำ\nคู่มือ")]),  # a wrap
        # -- Thai has no spaces: the dictionary's first word (ดำเนิน) would have fitted --
        (["ทำงาน", "ดำเนินการตามแผน"], [(None, "ทำงาน"), (None, "ดำเนินการตามแผน")]),
        # -- LibreOffice wraps where ICU allows: จัด|ทำ would have fitted, จัดทำ would not --
        (["แต่งตั้งคณะทำงาน", "จัดทำคู่มือ"], [(None, "แต่งตั้งคณะทำงาน"), (None, "จัดทำคู่มือ")]),
        # -- ... but a word cut by the wrap goes on, however short its end (คณะทำงาน) --
        (["แต่งตั้งคณะ", "ทำงาน"], [(None, "แต่งตั้งคณะ\nทำงาน")]),
        (["ตลอดปีงบประ", "มาณ"], [(None, "ตลอดปีงบประ\nมาณ")]),
        # -- a word cut again at the next wrap is wider than its line --
        (["สำนักงาน", "ประชาสัมพั", "นธ์"], [(None, "สำนักงาน\nประชาสัมพั\nนธ์")]),
        (["กองคลัง, สำนัก", "ปลัด, กองช่าง"], [(None, "กองคลัง, สำนัก\nปลัด, กองช่าง")]),
    ],
    ids=[
        "range-dash",
        "dash-items",
        "bullet-without-space",
        "numbers",
        "number-alone-on-its-line",
        "wrapped-reference",
        "typed-break",
        "wrap",
        "typed-break-thai",
        "typed-break-icu-unit",
        "wrap-mid-word",
        "wrap-mid-word-short-end",
        "word-cut-twice",
        "comma-goes-with-its-word",
    ],
)
def test_cell_paragraphs(rows: list[str], expected: list[tuple[str | None, str]]) -> None:
    lines = glyphs_to_lines(
        [g for number, row in enumerate(rows) for g in glyphs(row, line=number)]
    )
    paragraphs = lines_to_paragraphs(lines, page=3, column=CELL)
    assert [(p.list_label, p.text) for p in paragraphs] == expected
    assert all(p.page == 3 for p in paragraphs)
    assert all(
        (p.kind is ParagraphKind.LIST_ITEM) == (p.list_label is not None) for p in paragraphs
    )


def test_a_thai_word_carried_up_takes_no_space_with_it() -> None:
    # -- three points of room are left past จัด (two letters): a wrap between Thai letters
    # -- carries no space up, so จัด would have fitted and the break was typed --
    upper, lower = "แต่งตั้งคณะทำงาน", "จัดทำคู่มือ"
    column = PdfColumn(100.0, 100.0 + (13 + 2) * ADVANCE + 3.0, PITCH, page_text=False)
    lines = glyphs_to_lines(glyphs(upper) + glyphs(lower, line=1))
    paragraphs = lines_to_paragraphs(lines, page=1, column=column)
    assert [p.text for p in paragraphs] == [upper, lower]


def test_bold_page_text_is_a_heading_and_a_gap_ends_a_paragraph() -> None:
    heading = [
        Glyph(g.text, g.x0, g.x1, g.top, g.bottom, g.baseline, g.size, True)
        for g in glyphs("ส่วนที่ ๒")
    ]
    body = glyphs("ข้อความแรก", line=1) + glyphs("ข้อความต่อ", line=2) + glyphs("ย่อหน้าใหม่", line=4)
    lines = glyphs_to_lines(heading + body)
    column = PdfColumn.around(lines, PITCH)
    paragraphs = lines_to_paragraphs(lines, page=1, column=column, body_size=SIZE)
    assert [(p.kind, p.text) for p in paragraphs] == [
        (ParagraphKind.HEADING, "ส่วนที่ ๒"),
        (ParagraphKind.PARAGRAPH, "ข้อความแรก\nข้อความต่อ"),
        (ParagraphKind.PARAGRAPH, "ย่อหน้าใหม่"),
    ]
