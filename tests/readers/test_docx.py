"""The DOCX reader, on small documents built here with python-docx and raw WordprocessingML."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml

from ita_extract.document import Document, Paragraph, ParagraphKind, Table
from ita_extract.errors import CorruptDocumentError, EmptyDocumentError, UnsupportedFormatError
from ita_extract.readers.docx import read_docx
from ita_extract.report import SourceFormat

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NAMESPACES = (
    f'xmlns:w="{W_NS}" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:v="urn:schemas-microsoft-com:vml" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"'
)
RENDERED_BREAK = "<w:r><w:lastRenderedPageBreak/></w:r>"


def build(*body: str, numbering: str = "", edit: Callable[[object], None] | None = None) -> bytes:
    """Return a DOCX whose body holds the given WordprocessingML snippets, in order.

    ``numbering`` is inserted into numbering.xml (abstractNum elements before the num
    elements, as the schema wants); ``edit`` may change the python-docx document first.
    """
    document = docx.Document()
    if edit is not None:
        edit(document)
    body_element = document.element.body
    for snippet in body:
        body_element.insert(
            len(body_element) - 1, parse_xml(f"<w:root {NAMESPACES}>{snippet}</w:root>")[0]
        )
    if numbering:
        root = document.part.numbering_part.element
        for element in parse_xml(f"<w:root {NAMESPACES}>{numbering}</w:root>"):
            if element.tag == f"{{{W_NS}}}abstractNum":
                first_num = root.find(f"{{{W_NS}}}num")
                if first_num is not None:
                    first_num.addprevious(element)
                    continue
            root.append(element)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def para(text: str, props: str = "") -> str:
    return f'<w:p><w:pPr>{props}</w:pPr><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'


def cell(text: str, props: str = "") -> str:
    return f"<w:tc><w:tcPr>{props}</w:tcPr>{para(text)}</w:tc>"


def table(*rows: str, columns: int) -> str:
    grid = "".join("<w:gridCol/>" for _ in range(columns))
    return f"<w:tbl><w:tblGrid>{grid}</w:tblGrid>{''.join(rows)}</w:tbl>"


def only_paragraphs(document: Document) -> list[Paragraph]:
    assert all(isinstance(block, Paragraph) for block in document.blocks)
    return document.paragraphs


def only_table(document: Document) -> Table:
    tables = document.tables
    assert len(tables) == 1
    return tables[0]


def extents(table: Table) -> list[tuple[int, int, int, int, str]]:
    return [(c.row_start, c.row_end, c.col_start, c.col_end, c.text) for c in table.cells]


# -- text -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("paragraph_xml", "expected"),
    [
        pytest.param(
            "<w:p><w:r><w:t>กระบวน</w:t></w:r><w:r><w:t>การ</w:t></w:r></w:p>",
            "กระบวนการ",
            id="runs split mid-word",
        ),
        pytest.param(
            "<w:p><w:r><w:t>บรรทัดแรก</w:t><w:br/><w:t>บรรทัดสอง</w:t></w:r></w:p>",
            "บรรทัดแรก\nบรรทัดสอง",
            id="line break",
        ),
        pytest.param("<w:p><w:r><w:t>ก</w:t><w:tab/><w:t>ข</w:t></w:r></w:p>", "ก ข", id="tab"),
        pytest.param(
            '<w:p><w:r><w:t xml:space="preserve">   คะแนน   </w:t></w:r></w:p>',
            "คะแนน",
            id="outer spaces stripped",
        ),
        pytest.param(
            "<w:p><w:r><w:t>เก็บ</w:t></w:r><w:ins><w:r><w:t>ใหม่</w:t></w:r></w:ins>"
            "<w:del><w:r><w:delText>ลบ</w:delText></w:r></w:del></w:p>",
            "เก็บใหม่",
            id="tracked changes accepted",
        ),
        pytest.param(
            "<w:p><w:r><w:t>เห็น</w:t></w:r>"
            "<w:r><w:rPr><w:vanish/></w:rPr><w:t>ซ่อน</w:t></w:r></w:p>",
            "เห็น",
            id="hidden run dropped",
        ),
        pytest.param(
            '<w:p><w:hyperlink><w:r><w:t xml:space="preserve">ลิงก์ </w:t></w:r></w:hyperlink>'
            "<w:sdt><w:sdtContent><w:r><w:t>ช่อง</w:t></w:r></w:sdtContent></w:sdt></w:p>",
            "ลิงก์ ช่อง",
            id="hyperlink and content control",
        ),
        pytest.param(
            '<w:p><w:r><w:sym w:font="Wingdings" w:char="F0A7"/>'
            '<w:t xml:space="preserve"> ข้อ</w:t></w:r></w:p>',
            "ข้อ",
            id="symbol bullet becomes a label",
        ),
    ],
)
def test_paragraph_text(paragraph_xml: str, expected: str) -> None:
    (paragraph,) = only_paragraphs(read_docx(build(paragraph_xml)))
    assert paragraph.text == expected


def test_empty_paragraphs_are_dropped_and_order_is_kept() -> None:
    document = read_docx(
        build(
            para("ก่อน"),
            "<w:p/>",
            para("   "),
            table(f"<w:tr>{cell('ตาราง')}</w:tr>", columns=1),
            "<w:sdt><w:sdtContent>" + para("ในช่อง") + "</w:sdtContent></w:sdt>",
            para("หลัง"),
        )
    )
    kinds = [type(block).__name__ for block in document.blocks]
    assert kinds == ["Paragraph", "Table", "Paragraph", "Paragraph"]
    assert [p.text for p in document.paragraphs] == ["ก่อน", "ในช่อง", "หลัง"]
    assert document.format is SourceFormat.DOCX


def test_tracked_changes_give_a_warning() -> None:
    document = read_docx(build("<w:p><w:ins><w:r><w:t>ใหม่</w:t></w:r></w:ins></w:p>"))
    assert [warning.code for warning in document.warnings] == ["docx.tracked_changes"]
    assert read_docx(build(para("เดิม"))).warnings == ()


def test_headers_and_footers_are_left_out() -> None:
    def add_header_and_footer(document: object) -> None:
        section = document.sections[0]  # type: ignore[attr-defined]
        section.header.paragraphs[0].text = "หัวกระดาษ"
        section.footer.paragraphs[0].text = "หน้า ๑"

    document = read_docx(build(para("เนื้อหา"), edit=add_header_and_footer))
    assert [p.text for p in document.paragraphs] == ["เนื้อหา"]


def test_text_box_text_follows_its_paragraph_once() -> None:
    box = "<w:txbxContent>" + para("ในกล่อง") + "</w:txbxContent>"
    anchored = (
        "<w:p><w:r><w:t>ย่อหน้า</w:t></w:r><w:r><mc:AlternateContent>"
        f'<mc:Choice Requires="wps"><w:drawing><wps:txbx>{box}</wps:txbx></w:drawing></mc:Choice>'
        f"<mc:Fallback><w:pict><v:shape><v:textbox>{box}</v:textbox></v:shape></w:pict>"
        "</mc:Fallback></mc:AlternateContent></w:r></w:p>"
    )
    assert [p.text for p in only_paragraphs(read_docx(build(anchored)))] == ["ย่อหน้า", "ในกล่อง"]


# -- headings and styles ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("props", "kind"),
    [
        ('<w:outlineLvl w:val="0"/>', ParagraphKind.HEADING),
        ('<w:pStyle w:val="Heading1"/><w:outlineLvl w:val="9"/>', ParagraphKind.PARAGRAPH),
        ('<w:pStyle w:val="Heading1"/>', ParagraphKind.HEADING),
    ],
)
def test_a_paragraph_outline_level_decides_over_its_style(props: str, kind: ParagraphKind) -> None:
    (paragraph,) = only_paragraphs(read_docx(build(para("ส่วนที่ ๑", props))))
    assert paragraph.kind is kind


@pytest.mark.parametrize(
    ("add", "kind", "style"),
    [
        (lambda d: d.add_heading("ส่วนที่ ๑", level=1), ParagraphKind.HEADING, "Heading 1"),
        (lambda d: d.add_heading("ส่วนที่ ๒", level=2), ParagraphKind.HEADING, "Heading 2"),
        (lambda d: d.add_heading("รายงาน", level=0), ParagraphKind.HEADING, "Title"),
        (
            lambda d: d.add_paragraph("ตัวหนา").runs[0].__setattr__("bold", True),
            ParagraphKind.PARAGRAPH,
            "Normal",
        ),
        (
            lambda d: d.add_paragraph("ข้อ", style="List Bullet"),
            ParagraphKind.LIST_ITEM,
            "List Bullet",
        ),
    ],
)
def test_kind_and_style_come_from_the_paragraph_style(
    add: Callable[[object], object], kind: ParagraphKind, style: str
) -> None:
    (paragraph,) = only_paragraphs(read_docx(build(edit=add)))
    assert (paragraph.kind, paragraph.style) == (kind, style)


# -- tables -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("merges", "expected"),
    [
        pytest.param(
            [],
            [(r, r + 1, c, c + 1, f"{r}{c}") for r in range(3) for c in range(3)],
            id="no merge",
        ),
        pytest.param(
            [((0, 0), (0, 2))],
            [(0, 1, 0, 3, "00\n01\n02")]
            + [(r, r + 1, c, c + 1, f"{r}{c}") for r in (1, 2) for c in range(3)],
            id="horizontal over a whole row",
        ),
        pytest.param(
            [((0, 0), (2, 0))],
            [(0, 3, 0, 1, "00\n10\n20")]
            + [(r, r + 1, c, c + 1, f"{r}{c}") for r in range(3) for c in (1, 2)],
            id="vertical over a whole column",
        ),
        pytest.param(
            [((1, 1), (2, 2))],
            [(0, 1, c, c + 1, f"0{c}") for c in range(3)]
            + [(1, 2, 0, 1, "10"), (1, 3, 1, 3, "11\n12\n21\n22"), (2, 3, 0, 1, "20")],
            id="block of two by two",
        ),
        pytest.param(
            [((0, 2), (2, 2)), ((1, 0), (1, 1))],
            [
                (0, 1, 0, 1, "00"),
                (0, 1, 1, 2, "01"),
                (0, 3, 2, 3, "02\n12\n22"),
                (1, 2, 0, 2, "10\n11"),
                (2, 3, 0, 1, "20"),
                (2, 3, 1, 2, "21"),
            ],
            id="vertical beside horizontal",
        ),
    ],
)
def test_merged_cells_become_one_cell_per_region(
    merges: list[tuple[tuple[int, int], tuple[int, int]]],
    expected: list[tuple[int, int, int, int, str]],
) -> None:
    def make_table(document: object) -> None:
        grid = document.add_table(rows=3, cols=3)  # type: ignore[attr-defined]
        for row in range(3):
            for column in range(3):
                grid.cell(row, column).text = f"{row}{column}"
        for (top, left), (bottom, right) in merges:
            grid.cell(top, left).merge(grid.cell(bottom, right))

    result = only_table(read_docx(build(edit=make_table)))
    assert (result.row_count, result.col_count) == (3, 3)
    assert sorted(extents(result)) == sorted(expected)


V_RESTART, V_CONTINUE = '<w:vMerge w:val="restart"/>', "<w:vMerge/>"
H_RESTART, H_CONTINUE = '<w:hMerge w:val="restart"/>', "<w:hMerge/>"
DELETED_ROW = '<w:trPr><w:del w:id="1" w:author="x"/></w:trPr>'


def row(*cells: str, props: str = "") -> str:
    return f"<w:tr>{props}{''.join(cells)}</w:tr>"


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        pytest.param(
            [row(cell("ผ่าน"), cell("ผ่าน")), row(cell("ผ่าน"), cell("ผ่าน"))],
            [(r, r + 1, c, c + 1, "ผ่าน") for r in range(2) for c in range(2)],
            id="equal text is not merged",
        ),
        pytest.param(
            [
                row(cell("ก"), cell("ข"), cell("ค")),
                row(
                    cell("ง", '<w:gridSpan w:val="2"/>'),
                    props='<w:trPr><w:gridBefore w:val="1"/></w:trPr>',
                ),
                row(cell("จ"), props='<w:trPr><w:gridAfter w:val="2"/></w:trPr>'),
            ],
            [
                (0, 1, 0, 1, "ก"),
                (0, 1, 1, 2, "ข"),
                (0, 1, 2, 3, "ค"),
                (1, 2, 1, 3, "ง"),
                (2, 3, 0, 1, "จ"),
            ],
            id="rows that start late or end early",
        ),
        pytest.param(
            [
                row(cell("IIT", V_RESTART), cell("๑")),
                row(cell("", V_CONTINUE), cell("๒")),
                row(cell("ต่อ", V_CONTINUE), cell("๓")),
            ],
            [(0, 3, 0, 1, "IIT\nต่อ"), (0, 1, 1, 2, "๑"), (1, 2, 1, 2, "๒"), (2, 3, 1, 2, "๓")],
            id="vertical merge keeps continuation text",
        ),
        pytest.param(
            [row(cell("ซ้าย", H_RESTART), cell("ขวา", H_CONTINUE), cell("ท้าย"))],
            [(0, 1, 0, 2, "ซ้าย\nขวา"), (0, 1, 2, 3, "ท้าย")],
            id="legacy horizontal merge",
        ),
        pytest.param(
            [row(cell("คง")), row(cell("ลบ"), props=DELETED_ROW), row(cell("ท้าย"))],
            [(0, 1, 0, 1, "คง"), (1, 2, 0, 1, "ท้าย")],
            id="deleted row dropped",
        ),
    ],
)
def test_spans_come_from_the_xml(
    rows: list[str], expected: list[tuple[int, int, int, int, str]]
) -> None:
    result = only_table(read_docx(build(table(*rows, columns=3))))
    assert extents(result) == expected
    assert result.col_count == 3


def test_slots_no_cell_covers_are_none() -> None:
    late = row(cell("ข"), props='<w:trPr><w:gridBefore w:val="1"/></w:trPr>')
    result = only_table(read_docx(build(table(row(cell("ก"), cell("ข")), late, columns=2))))
    assert [[c is None for c in slots] for slots in result.grid()] == [
        [False, False],
        [True, False],
    ]


def test_damaged_spans_and_starts_are_held_to_word_limits() -> None:
    document = read_docx(
        build(
            table(row(cell("กว้าง", '<w:gridSpan w:val="100000000"/>')), columns=1),
            numbered("ก", 901),
            numbering=abstract(900, level(0, "lowerLetter", "%1.", start=10**9)) + num(901, 900),
        )
    )
    assert extents(only_table(document)) == [(0, 1, 0, 63, "กว้าง")]
    assert len(document.paragraphs[0].list_label or "") < 1300


def test_continuation_without_a_cell_above_is_its_own_cell_with_a_warning() -> None:
    document = read_docx(build(table(row(cell("ก", V_CONTINUE)), columns=1)))
    assert extents(only_table(document)) == [(0, 1, 0, 1, "ก")]
    assert [w.code for w in document.warnings] == ["docx.merge_without_start"]


def test_nested_table_is_flattened_into_its_cell() -> None:
    inner = table(
        f"<w:tr>{cell('ใน ๑')}{cell('ใน ๒')}</w:tr>", f"<w:tr>{cell('ใน ๓')}</w:tr>", columns=2
    )
    outer_cell = f"<w:tc>{para('ก่อน')}{inner}{para('หลัง')}</w:tc>"
    result = only_table(
        read_docx(build(table(f"<w:tr>{outer_cell}{cell('ข้าง')}</w:tr>", columns=2)))
    )
    assert [p.text for p in result.cells[0].paragraphs] == ["ก่อน", "ใน ๑", "ใน ๒", "ใน ๓", "หลัง"]
    assert extents(result)[1] == (0, 1, 1, 2, "ข้าง")


# -- list labels ------------------------------------------------------------------------


def level(index: int, num_format: str, text: str, start: int = 1, extra: str = "") -> str:
    return (
        f'<w:lvl w:ilvl="{index}"><w:start w:val="{start}"/><w:numFmt w:val="{num_format}"/>'
        f'<w:lvlText w:val="{text}"/>{extra}</w:lvl>'
    )


def abstract(abstract_id: int, *levels: str) -> str:
    return f'<w:abstractNum w:abstractNumId="{abstract_id}">{"".join(levels)}</w:abstractNum>'


def num(num_id: int, abstract_id: int, overrides: str = "") -> str:
    return f'<w:num w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/>{overrides}</w:num>'


def numbered(text: str, num_id: int, ilvl: int = 0) -> str:
    return para(text, f'<w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>')


@pytest.mark.parametrize(
    ("definition", "expected"),
    [
        (level(0, "decimal", "%1."), ["1.", "2.", "3."]),
        (level(0, "decimal", "%1)", start=4), ["4)", "5)", "6)"]),
        (level(0, "thaiNumbers", "%1."), ["๑.", "๒.", "๓."]),
        (level(0, "thaiLetters", "%1."), ["ก.", "ข.", "ค."]),
        (level(0, "lowerLetter", "(%1)"), ["(a)", "(b)", "(c)"]),
        (level(0, "upperRoman", "%1."), ["I.", "II.", "III."]),
        (level(0, "decimal", "ขั้นที่ %1"), ["ขั้นที่ 1", "ขั้นที่ 2", "ขั้นที่ 3"]),
        (
            level(0, "bullet", "\uf0a7", extra='<w:rPr><w:rFonts w:ascii="Wingdings"/></w:rPr>'),
            ["▪", "▪", "▪"],
        ),
        (
            level(0, "bullet", "\uf0b7", extra='<w:rPr><w:rFonts w:ascii="Symbol"/></w:rPr>'),
            ["•", "•", "•"],
        ),
        (level(0, "bullet", "-"), ["-", "-", "-"]),
        (
            '<w:lvl w:ilvl="0"><w:start w:val="1"/><mc:AlternateContent>'
            '<mc:Choice Requires="w14"><w:numFmt w:val="custom" w:format="01, 02, 03, ..."/>'
            '</mc:Choice><mc:Fallback><w:numFmt w:val="decimalZero"/></mc:Fallback>'
            '</mc:AlternateContent><w:lvlText w:val="%1."/></w:lvl>',
            ["01.", "02.", "03."],
        ),
    ],
)
def test_automatic_numbering_formats(definition: str, expected: list[str]) -> None:
    document = read_docx(
        build(
            *(numbered(t, 901) for t in ("ก", "ข", "ค")),
            numbering=abstract(900, definition) + num(901, 900),
        )
    )
    paragraphs = only_paragraphs(document)
    assert [p.list_label for p in paragraphs] == expected
    assert [p.text for p in paragraphs] == ["ก", "ข", "ค"]
    assert {p.kind for p in paragraphs} == {ParagraphKind.LIST_ITEM}


def test_numbering_levels_restart_and_lists_continue_or_restart_like_word() -> None:
    definition = abstract(900, level(0, "decimal", "%1."), level(1, "decimal", "%1.%2."))
    restarted = '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride>'
    document = read_docx(
        build(
            numbered("หนึ่ง", 901),
            numbered("ย่อย", 901, ilvl=1),
            numbered("ย่อย", 901, ilvl=1),
            numbered("สอง", 901),
            numbered("ย่อยใหม่", 901, ilvl=1),
            numbered("สาม", 902),  # -- another w:num of the same definition: the count goes on --
            numbered("ใหม่", 903),  # -- a w:num with a start override: a new count --
            numbered("ใหม่", 903),
            para("ธรรมดา", '<w:numPr><w:numId w:val="0"/></w:numPr>'),
            numbered("ไม่มีนิยาม", 999),
            numbering=definition + num(901, 900) + num(902, 900) + num(903, 900, restarted),
        )
    )
    paragraphs = only_paragraphs(document)
    assert [(p.list_label, p.list_level) for p in paragraphs] == [
        ("1.", 0),
        ("1.1.", 1),
        ("1.2.", 1),
        ("2.", 0),
        ("2.1.", 1),
        ("3.", 0),
        ("1.", 0),
        ("2.", 0),
        (None, 0),
        (None, 0),
    ]
    assert [w.code for w in document.warnings] == ["docx.numbering_undefined"]


def test_an_empty_numbered_paragraph_is_dropped_but_counted_as_word_shows_it() -> None:
    document = read_docx(
        build(
            numbered("หนึ่ง", 901),
            numbered("", 901),
            numbered("สาม", 901),
            numbering=abstract(900, level(0, "decimal", "%1.")) + num(901, 900),
        )
    )
    assert [(p.list_label, p.text) for p in document.paragraphs] == [("1.", "หนึ่ง"), ("3.", "สาม")]


def test_numbering_from_the_paragraph_style_and_in_table_cells() -> None:
    def add_lists(document: object) -> None:
        document.add_paragraph("ข้อแรก", style="List Number")  # type: ignore[attr-defined]
        grid = document.add_table(rows=1, cols=1)  # type: ignore[attr-defined]
        grid.cell(0, 0).paragraphs[0].text = "ข้อในตาราง"
        grid.cell(0, 0).paragraphs[0].style = document.styles["List Number"]  # type: ignore[attr-defined]

    document = read_docx(build(edit=add_lists))
    (paragraph,) = document.paragraphs
    (table_cell,) = only_table(document).cells
    assert (paragraph.list_label, paragraph.style) == ("1.", "List Number")
    assert table_cell.paragraphs[0].list_label == "2."
    assert table_cell.text == "2. ข้อในตาราง"


def test_typed_label_moves_to_list_label_unless_word_numbered_the_paragraph() -> None:
    paragraphs = only_paragraphs(
        read_docx(
            build(
                para("▪ จัดทำคู่มือ"),
                numbered("๑. ขั้นตอน", 901),
                numbering=abstract(900, level(0, "decimal", "%1.")) + num(901, 900),
            )
        )
    )
    assert [(p.list_label, p.text, p.kind) for p in paragraphs] == [
        ("▪", "จัดทำคู่มือ", ParagraphKind.LIST_ITEM),
        ("1.", "๑. ขั้นตอน", ParagraphKind.LIST_ITEM),
    ]


# -- pages ------------------------------------------------------------------------------


def test_pages_are_unknown_without_rendered_breaks() -> None:
    hard_break = '<w:p><w:r><w:br w:type="page"/></w:r></w:p>'
    document = read_docx(build(para("หน้าแรก"), hard_break, para("หน้าสอง")))
    assert document.page_count is None
    assert [p.page for p in document.paragraphs] == [None, None]


def test_pages_count_rendered_and_explicit_breaks_once_each() -> None:
    document = read_docx(
        build(
            para("หนึ่ง"),
            # -- a natural break Word rendered inside a paragraph: the paragraph starts on 1 --
            "<w:p><w:r><w:t>ยังหนึ่ง</w:t><w:lastRenderedPageBreak/><w:t>ต่อ</w:t></w:r></w:p>",
            para("สอง"),
            # -- a hard break, then the rendered break Word writes after it: one new page --
            '<w:p><w:r><w:br w:type="page"/></w:r></w:p>',
            f"<w:p>{RENDERED_BREAK}<w:r><w:t>สาม</w:t></w:r></w:p>",
            para("สี่", "<w:pageBreakBefore/>"),
            table(
                f"<w:tr>{cell('แถวบน')}{cell('ข้าง')}</w:tr>",
                # -- a row that starts a page, marked in its first cell only --
                f"<w:tr><w:tc><w:p>{RENDERED_BREAK}<w:r><w:t>แถวล่าง</w:t></w:r></w:p></w:tc>"
                f"{cell('ข้างล่าง')}</w:tr>",
                # -- a row split by the page end: each cell starts where the row starts --
                "<w:tr><w:tc><w:p><w:r><w:t>ยาว</w:t><w:lastRenderedPageBreak/>"
                f"<w:t>ต่อ</w:t></w:r></w:p></w:tc>{cell('สั้น')}</w:tr>",
                columns=2,
            ),
            para("ท้าย"),
        )
    )
    assert [(p.text, p.page) for p in document.paragraphs] == [
        ("หนึ่ง", 1),
        ("ยังหนึ่งต่อ", 1),
        ("สอง", 2),
        ("สาม", 3),
        ("สี่", 4),
        ("ท้าย", 6),
    ]
    result = only_table(document)
    assert result.page == 4
    assert [(c.text, c.page) for c in result.cells] == [
        ("แถวบน", 4),
        ("ข้าง", 4),
        ("แถวล่าง", 5),
        ("ข้างล่าง", 5),
        ("ยาวต่อ", 5),
        ("สั้น", 5),
    ]
    assert document.page_count == 6


# -- errors -----------------------------------------------------------------------------


def zip_bytes(files: dict[str, str | bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def with_part(data: bytes, name: str, content: str) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    return zip_bytes({n: (content if n == name else source.read(n)) for n in source.namelist()})


@pytest.mark.parametrize(
    "content_type",
    [
        "application/vnd.ms-word.document.macroEnabled.main+xml",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
    ],
    ids=["docm", "dotx"],
)
def test_macro_enabled_documents_and_templates_are_read(content_type: str) -> None:
    data = build(para("ข้อความ"))
    types = zipfile.ZipFile(io.BytesIO(data)).read("[Content_Types].xml").decode()
    plain = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
    assert plain in types
    relabelled = with_part(data, "[Content_Types].xml", types.replace(plain, content_type))
    assert [p.text for p in read_docx(relabelled).paragraphs] == ["ข้อความ"]


def no_text(document: object) -> None:
    document.add_table(rows=2, cols=2)  # type: ignore[attr-defined]
    document.add_paragraph("   ")  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("data", "error"),
    [
        pytest.param(b"", EmptyDocumentError, id="empty file"),
        pytest.param(build(edit=no_text), EmptyDocumentError, id="no text at all"),
        pytest.param(build(para("ข้อความ"))[:2000], CorruptDocumentError, id="truncated package"),
        pytest.param(
            with_part(build(para("ข้อความ")), "word/document.xml", "<w:document"),
            CorruptDocumentError,
            id="broken XML",
        ),
        pytest.param(
            zip_bytes({"word/document.xml": "<x/>"}), CorruptDocumentError, id="no content types"
        ),
        pytest.param(
            zip_bytes({"data.csv": "a,b"}), UnsupportedFormatError, id="ZIP of something else"
        ),
        pytest.param(b"%PDF-1.7\n", UnsupportedFormatError, id="a PDF"),
        pytest.param(b"plain text", UnsupportedFormatError, id="plain text"),
    ],
)
def test_bad_input_raises_a_typed_error(data: bytes, error: type[Exception]) -> None:
    with pytest.raises(error):
        read_docx(data)


# -- the generated report A (tests/fixtures), checked by eye against the document ------

REPORT_A = Path(__file__).parents[1] / "fixtures" / "ita-2566-obt-a.docx"


@pytest.fixture(scope="module")
def report_a() -> Document:
    return read_docx(REPORT_A.read_bytes())


def test_report_a_indicator_table_merges_the_tool_cell_over_its_indicators(
    report_a: Document,
) -> None:
    indicators = report_a.tables[0]
    assert (indicators.row_count, indicators.col_count) == (11, 4)
    tool_cells = [c for c in indicators.cells if c.col_start == 0 and c.row_start > 0]
    assert [(c.text, c.row_start, c.row_end) for c in tool_cells] == [
        ("IIT", 1, 6),
        ("EIT", 6, 9),
        ("OIT", 9, 11),
    ]
    assert [c.text for c in indicators.rows()[1]] == ["IIT", "๑", "การปฏิบัติหน้าที่", "๙๗.๖๑"]
    assert [c.text for c in indicators.rows()[10]][1:] == ["๑๐", "การป้องกันการทุจริต", "๙๖.๒๕"]


def test_report_a_topic_table_merges_number_title_tool_and_remarks(report_a: Document) -> None:
    topic = report_a.tables[1]
    assert (topic.row_count, topic.col_count) == (13, 6)
    spans = {(c.col_start, c.row_start): c.row_end for c in topic.cells if c.row_span > 1}
    assert spans == {
        (0, 1): 13,  # ลำดับ
        (1, 1): 13,  # หัวข้อ
        (2, 1): 4,  # IIT
        (5, 1): 4,  # ผ่าน
        (2, 4): 9,  # EIT
        (5, 4): 9,  # the recommendations beside the EIT rows
        (2, 9): 13,  # OIT
        (5, 9): 13,  # ผ่าน
    }
    remarks = topic.grid()[4][5]
    assert remarks is not None and remarks.text.startswith("e๕ หน่วยงานควร")
    assert [c.text for c in topic.rows()[9]][3:5] == ["ข้อ ๐๑๑", "๑๐๐"]


def test_report_a_action_plan_labels_and_continuation_row(report_a: Document) -> None:
    plan = report_a.tables[-1]
    assert (plan.row_count, plan.col_count) == (10, 5)
    first_topic = plan.grid()[1][0]
    assert first_topic is not None and (first_topic.row_start, first_topic.row_end) == (1, 4)
    assert [(p.list_label, p.text) for p in first_topic.paragraphs] == [
        ("๑.", "กระบวนการปฏิบัติงานที่โปร่งใสและมีประสิทธิภาพ")
    ]
    measures, _, steps, timeframe = plan.rows()[1][1:]
    assert {p.list_label for p in measures.paragraphs} == {"▪"}  # -- Word's automatic bullets --
    assert [p.list_label for p in steps.paragraphs] == ["๑.", "๒.", "๓."]  # -- typed --
    assert timeframe.text == "ตุลาคม ๒๕๖๖"
    continuation = plan.rows()[6]
    assert [c.text for c in continuation][:3] == ["", "", ""]
    assert [p.list_label for p in continuation[3].paragraphs] == ["๓.", "๔."]


def test_report_a_order_pages_and_limitations(report_a: Document) -> None:
    assert len(report_a.tables) == 9  # -- indicators, seven topics, the action plan --
    assert report_a.page_count is None  # -- written by python-docx, never laid out by Word --
    assert {p.page for p in report_a.paragraphs} == {None}
    limitations = [p for p in report_a.paragraphs if p.list_label == "-"]
    assert [p.text.split()[0] for p in limitations] == [
        "ข้อจำกัดด้านบุคลากร",
        "ข้อจำกัดด้านงบประมาณ",
        "ข้อจำกัดด้านระบบเทคโนโลยีสารสนเทศ",
    ]


def test_report_b_automatic_steps_restart_in_every_cell() -> None:
    document = read_docx(REPORT_A.with_name("ita-2567-tessaban-b.docx").read_bytes())
    plan = document.tables[-1]
    assert (plan.row_count, plan.col_count) == (5, 5)
    steps = [[p.list_label for p in row[3].paragraphs] for row in plan.rows()[1:]]
    assert steps == [["1.", "2.", "3."], ["1.", "2."], ["1.", "2.", "3."], ["1.", "2.", "3."]]
    assert [p.text for p in plan.rows()[2][3].paragraphs] == [
        "ประชุมคณะทำงาน",
        "ประกาศหลักเกณฑ์ให้บุคลากรทราบ",
    ]
    topic = plan.grid()[1][0]
    assert topic is not None and (topic.row_start, topic.row_end, topic.text) == (
        1,
        3,
        "1. การปฏิบัติหน้าที่และการใช้อำนาจ",
    )
    # -- this indicator table names the tool on every row: nothing is merged --
    assert all(c.row_span == 1 and c.col_span == 1 for c in document.tables[0].cells)


def test_docs_examples_run_and_print_what_they_say(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    root = Path(__file__).parents[2]
    page = (root / "docs" / "readers.md").read_text(encoding="utf-8")
    section = page.split("## DOCX and DOC", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```python\n(.*?)```", section, re.DOTALL)
    assert blocks
    monkeypatch.chdir(root)
    for number, block in enumerate(blocks, start=1):
        exec(compile(block, f"docs/readers.md DOCX example {number}", "exec"), {})
    assert capsys.readouterr().out.splitlines() == [
        "IIT 1 6",
        "0 IIT",
        "1 ๑",
        "2 การปฏิบัติหน้าที่",
        "3 ๙๗.๖๑",
    ]
