"""The PDF reader on LibreOffice-exported fixtures (tests/fixtures/pdf-reader/make_fixtures.py).

Expected values are read off the generator's source text and the rendered pages, not taken
from the reader's output.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest

from ita_extract.document import Cell, Document, Paragraph, ParagraphKind, Table
from ita_extract.errors import (
    CorruptDocumentError,
    EmptyDocumentError,
    EncryptedDocumentError,
    ItaExtractError,
    MissingDependencyError,
    NoTextLayerError,
)
from ita_extract.readers import ocr as ocr_module
from ita_extract.readers.ocr import OcrPages
from ita_extract.readers.pdf import read_pdf

FIXTURES = Path(__file__).parents[1] / "fixtures" / "pdf-reader"

MEASURE = (
    "▪ ให้หน่วยงานเปิดเผยข้อมูลทั้งขั้นตอนการให้บริการแก่ผู้มาติดต่อ "
    "เพื่อนำผลการประเมินไปปรับปรุงการทำงานอย่างต่อเนื่องและโปร่งใส"
)
STEPS = [
    ("๑.", "ประชุมชี้แจงผู้บริหารและบุคลากร"),
    ("๒.", "จัดทำคู่มือการปฏิบัติงาน"),
    ("๓.", "เผยแพร่ข้อมูลบนเว็บไซต์ของหน่วยงาน"),
    ("๔.", "ติดตามและรายงานผลทุกไตรมาส"),
]


def fixture_bytes(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


@cache
def read_fixture(name: str) -> Document:
    return read_pdf(fixture_bytes(name))


def squeeze(text: str) -> str:
    """Return ``text`` without white space: line wraps fall between Thai words anywhere."""
    return "".join(text.split())


def by_position(table: Table) -> dict[tuple[int, int], Cell]:
    return {(cell.row_start, cell.col_start): cell for cell in table.cells}


def all_text(document: Document) -> str:
    parts = [paragraph.labelled_text for paragraph in document.paragraphs]
    parts += [cell.text for table in document.tables for cell in table.cells]
    return "\n".join(parts)


@pytest.mark.parametrize(
    "word", ["หน่วยงาน", "ทั้งขั้นตอน", "ผู้บริหาร", "นำผลการ", "ข้อมูล", "ความสำคัญ", "ชี้แจง"]
)
def test_thai_words_come_out_whole(word: str) -> None:
    text = all_text(read_fixture("tables-across-pages.pdf"))
    assert word in squeeze(text)


@pytest.mark.parametrize("damage", ["\u0e4d\u0e32", "หนูวยงาน", "ผ้่", "ทงั้"])
def test_no_glyph_damage_left(damage: str) -> None:
    text = all_text(read_fixture("tables-across-pages.pdf"))
    assert damage not in text
    assert not any("\uf700" <= char <= "\uf71a" for char in text)


def test_document_metadata() -> None:
    document = read_fixture("tables-across-pages.pdf")
    assert (document.format, document.page_count, document.ocr) == ("pdf", 5, False)
    assert document.warnings == ()


def test_paragraphs_outside_tables_in_reading_order() -> None:
    paragraphs = read_fixture("tables-across-pages.pdf").paragraphs
    assert [(p.kind, p.list_label, p.page) for p in paragraphs] == [
        (ParagraphKind.HEADING, None, 1),
        (ParagraphKind.PARAGRAPH, None, 1),
        (ParagraphKind.LIST_ITEM, "▪", 1),
        (ParagraphKind.LIST_ITEM, "๑.", 1),
        (ParagraphKind.HEADING, None, 2),
        (ParagraphKind.PARAGRAPH, None, 5),
    ]
    assert paragraphs[0].text == "รายงานการวิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใส"
    assert paragraphs[2].text == "หน่วยงานควรนำผลการประเมินไปปรับปรุงการทำงาน"
    assert paragraphs[4].text == "ส่วนที่ ๒ การนำผลการวิเคราะห์ไปสู่การปฏิบัติ"


def test_wrapped_paragraph_keeps_its_line_breaks() -> None:
    body = read_fixture("tables-across-pages.pdf").paragraphs[1]
    assert body.text.count("\n") == 3  # four lines on the rendered page
    assert body.text.startswith("องค์การบริหารส่วนตำบลหนองบัว อำเภอเมือง")
    assert body.text.endswith("ระดับผลการประเมินอยู่ที่ ผ่าน")


def test_page_numbers_are_left_out() -> None:
    text = all_text(read_fixture("tables-across-pages.pdf"))
    assert not any(line.strip().startswith("หน้า ") for line in text.splitlines())


@pytest.mark.parametrize(
    ("row", "col", "rows", "cols", "text"),
    [
        (0, 0, 1, 1, "แบบ"),
        (1, 0, 3, 1, "IIT"),
        (4, 0, 2, 1, "EIT"),
        (6, 0, 1, 1, "OIT"),
        (3, 2, 1, 1, "การใช้อำนาจ"),
        (3, 3, 1, 1, "๙๖.๐๐"),
        (6, 3, 1, 1, "๑๐๐"),
    ],
)
def test_merged_cells_become_spans(row: int, col: int, rows: int, cols: int, text: str) -> None:
    indicators = read_fixture("tables-across-pages.pdf").tables[0]
    assert (indicators.row_count, indicators.col_count) == (7, 4)
    cell = by_position(indicators)[row, col]
    assert (cell.row_span, cell.col_span, squeeze(cell.text)) == (rows, cols, squeeze(text))


def plan() -> Table:
    return read_fixture("tables-across-pages.pdf").tables[1]


def test_table_across_pages_is_one_table_with_one_header() -> None:
    document = read_fixture("tables-across-pages.pdf")
    assert len(document.tables) == 2
    assert (plan().row_count, plan().col_count, plan().page) == (7, 4, 2)
    headers = [cell for cell in plan().cells if squeeze(cell.text) == "หัวข้อ"]
    assert len(headers) == 1


@pytest.mark.parametrize(
    ("row", "rows", "topic"),
    [(1, 3, "๑. กระบวนการปฏิบัติงานที่โปร่งใส"), (4, 3, "๒. การให้บริการและระบบ E-Service")],
)
def test_merged_topic_cell_spanning_the_break_stays_one_cell(
    row: int, rows: int, topic: str
) -> None:
    cell = by_position(plan())[row, 0]
    assert cell.row_span == rows
    assert squeeze(cell.text) == squeeze(topic)


@pytest.mark.parametrize("row", range(1, 7))
def test_rows_cut_by_the_break_are_joined(row: int) -> None:
    cells = by_position(plan())
    assert squeeze(cells[row, 1].text) == squeeze(MEASURE)
    steps = cells[row, 2].paragraphs
    assert [(p.list_label, squeeze(p.text)) for p in steps] == STEPS
    assert all(p.kind is ParagraphKind.LIST_ITEM for p in steps)


@pytest.mark.parametrize(
    ("row", "month", "page"),
    [
        (1, "ตุลาคม ๒๕๖๖", 2),
        (2, "มกราคม ๒๕๖๗", 2),
        (3, "เมษายน ๒๕๖๗", 3),
        (4, "ตุลาคม ๒๕๖๖", 3),
        (5, "มกราคม ๒๕๖๗", 4),
        (6, "เมษายน ๒๕๖๗", 5),
    ],
)
def test_cells_keep_the_page_they_start_on(row: int, month: str, page: int) -> None:
    cell = by_position(plan())[row, 3]
    assert (squeeze(cell.text), cell.page) == (squeeze(month), page)


def borderless() -> Table:
    return read_fixture("no-inner-borders.pdf").tables[0]


@pytest.mark.parametrize(
    ("row", "code", "score"),
    [(1, "ข้อ i๑", "๙๗.๘๐"), (2, "ข้อ i๒", "๙๕.๑๒"), (3, "ข้อ i๓", "๘๙.๐๐"), (4, "ข้อ i๔", "๑๐๐")],
)
def test_borderless_lines_split_into_rows(row: int, code: str, score: str) -> None:
    cells = by_position(borderless())
    assert squeeze(cells[row, 1].text) == squeeze(code)
    assert squeeze(cells[row, 2].text) == score


@pytest.mark.parametrize(("col", "starts_with"), [(0, "๑"), (3, "i๓หน่วยงานควรเปิดเผย")])
def test_genuinely_merged_cells_beside_split_rows_stay_whole(col: int, starts_with: str) -> None:
    table = borderless()
    assert (table.row_count, table.col_count) == (5, 4)
    cell = by_position(table)[1, col]
    assert (cell.row_start, cell.row_end) == (1, 5)
    assert squeeze(cell.text).startswith(starts_with)


def test_wrapped_header_cell_is_not_split() -> None:
    header = by_position(borderless())[0, 3]
    assert header.row_span == 1
    assert squeeze(header.text) == "ข้อบกพร่อง/ข้อแก้ไข"


def test_foreign_script_page_is_flagged() -> None:
    document = read_fixture("foreign-script.pdf")
    assert [(w.code, w.page) for w in document.warnings] == [("text.foreign_script", 1)]


@pytest.mark.parametrize(
    ("data", "error"),
    [
        (lambda: fixture_bytes("encrypted.pdf"), EncryptedDocumentError),
        (lambda: fixture_bytes("tables-across-pages.pdf")[:20_000], CorruptDocumentError),
        (lambda: b"%PDF-1.7\n" + b"\x00" * 64, CorruptDocumentError),
        (lambda: fixture_bytes("no-pages.pdf"), EmptyDocumentError),
        (lambda: b"", EmptyDocumentError),
    ],
    ids=["encrypted", "truncated", "garbage", "no-pages", "zero-bytes"],
)
def test_bad_pdfs_raise_typed_errors(data: object, error: type[ItaExtractError]) -> None:
    assert callable(data)
    with pytest.raises(error):
        read_pdf(data())


def test_a_pdf_without_pages_read_after_an_encrypted_one_is_still_empty() -> None:
    # -- PDFium keeps its last error: the empty file must not inherit the password failure --
    with pytest.raises(EncryptedDocumentError):
        read_pdf(fixture_bytes("encrypted.pdf"))
    with pytest.raises(EmptyDocumentError):
        read_pdf(fixture_bytes("no-pages.pdf"))


def test_image_only_pdf_without_ocr_says_how_to_turn_it_on() -> None:
    with pytest.raises(NoTextLayerError, match=r"no text layer.*--ocr auto") as raised:
        read_pdf(fixture_bytes("image-only.pdf"), ocr="never")

    assert "install" not in str(raised.value)  # -- Tesseract may well be installed


def test_image_only_pdf_with_ocr_missing_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def missing(*_: object, **__: object) -> OcrPages:
        raise MissingDependencyError("tesseract is not installed")

    monkeypatch.setattr(ocr_module, "ocr_pages", missing)
    with pytest.raises(NoTextLayerError, match="tesseract-ocr-tha"):
        read_pdf(fixture_bytes("image-only.pdf"))


@pytest.mark.parametrize(
    ("name", "mode", "asked"),
    [
        ("image-only.pdf", "auto", [1]),
        ("no-inner-borders.pdf", "always", [1]),
        ("tables-across-pages.pdf", "always", [1, 2, 3, 4, 5]),
    ],
)
def test_ocr_reads_the_pages_it_should(
    monkeypatch: pytest.MonkeyPatch, name: str, mode: str, asked: list[int]
) -> None:
    calls: list[list[int]] = []

    def fake(pdf: bytes, page_numbers: list[int], **_: object) -> OcrPages:
        calls.append(list(page_numbers))
        return OcrPages(
            blocks={n: [Paragraph(text=f"ocr {n}", page=n)] for n in page_numbers},
            warnings=[],
        )

    monkeypatch.setattr(ocr_module, "ocr_pages", fake)
    document = read_pdf(fixture_bytes(name), ocr=mode)  # type: ignore[arg-type]
    assert calls == [asked]
    assert document.ocr
    assert [p.text for p in document.paragraphs] == [f"ocr {n}" for n in asked]


def test_text_pages_never_go_to_ocr_in_auto_mode(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*_: object, **__: object) -> OcrPages:
        raise AssertionError("OCR must not run on a PDF with a text layer")

    monkeypatch.setattr(ocr_module, "ocr_pages", fail)
    assert not read_pdf(fixture_bytes("no-inner-borders.pdf")).ocr


REPORTS = Path(__file__).parents[1] / "fixtures"
REPORT_PAIRS = [
    "ita-2566-obt-a",
    "ita-2566-department-failed-d",
    "ita-2566-single-table-c",
    "ita-2567-tessaban-b",
    "ita-2565-tessaban-mueang-e",
    "ita-2568-obj-f",
]


def cell_texts(document: Document) -> list[dict[tuple[int, int, int, int], str]]:
    """Return each table's cells by extent, their text without white space (wraps differ)."""
    return [
        {(c.row_start, c.row_end, c.col_start, c.col_end): squeeze(c.text) for c in table.cells}
        for table in document.tables
    ]


@pytest.mark.parametrize("stem", REPORT_PAIRS)
def test_pdf_tables_match_the_docx_tables_cell_for_cell(stem: str) -> None:
    from ita_extract.readers.docx import read_docx

    pdf = read_pdf((REPORTS / f"{stem}.pdf").read_bytes())
    docx = read_docx((REPORTS / f"{stem}.docx").read_bytes())
    assert cell_texts(pdf) == cell_texts(docx)


@pytest.mark.parametrize("stem", REPORT_PAIRS)
def test_pdf_list_items_match_the_docx_list_items(stem: str) -> None:
    from ita_extract.readers.docx import read_docx

    def items(document: Document) -> list[tuple[str, str]]:
        paragraphs = [*document.paragraphs]
        paragraphs += [p for table in document.tables for c in table.cells for p in c.paragraphs]
        return sorted((p.list_label or "", squeeze(p.text)) for p in paragraphs if p.list_label)

    pdf = read_pdf((REPORTS / f"{stem}.pdf").read_bytes())
    docx = read_docx((REPORTS / f"{stem}.docx").read_bytes())
    assert items(pdf) == items(docx)


def test_docs_example_runs_and_prints_what_it_says(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    root = Path(__file__).parents[2]
    page = (root / "docs" / "readers.md").read_text(encoding="utf-8")
    section = page.split("\n## PDF", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```python\n(.*?)```", section, re.DOTALL)
    assert blocks
    monkeypatch.chdir(root)
    for number, block in enumerate(blocks, start=1):
        exec(compile(block, f"docs/readers.md PDF example {number}", "exec"), {})
    assert capsys.readouterr().out.splitlines() == ["IIT 1 6 1"]


def test_ocr_always_without_ocr_installed_falls_back_to_the_text_layer(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def missing(*_: object, **__: object) -> OcrPages:
        raise MissingDependencyError("tesseract is not installed")

    monkeypatch.setattr(ocr_module, "ocr_pages", missing)
    document = read_pdf(fixture_bytes("no-inner-borders.pdf"), ocr="always")
    assert not document.ocr
    assert document.warnings == ()
    assert squeeze(document.tables[0].cells[0].text) == "ลำดับ"


def test_page_of_another_scripts_letters_has_no_usable_text_layer(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def fake(pdf: bytes, page_numbers: list[int], **_: object) -> OcrPages:
        return OcrPages(blocks={n: [Paragraph(text="หน่วยงาน", page=n)] for n in page_numbers})

    monkeypatch.setattr(ocr_module, "ocr_pages", fake)
    assert [p.text for p in read_pdf(fixture_bytes("garbled.pdf")).paragraphs] == ["หน่วยงาน"]
    with pytest.raises(NoTextLayerError, match="none that is readable"):
        read_pdf(fixture_bytes("garbled.pdf"), ocr="never")


def test_rotated_page_in_a_form_is_read_upright() -> None:
    """The page shown upright through /Rotate 90 and a form XObject has the same grid."""
    import pypdfium2 as pdfium

    from ita_extract.readers.pdf_page import read_page
    from ita_extract.readers.pdf_tables import edges_to_cell_boxes

    def page(name: str) -> tuple[float, float, list[list[tuple[float, ...]]]]:
        document = pdfium.PdfDocument(fixture_bytes(name))
        try:
            content = read_page(document[0], 1)
        finally:
            document.close()
        boxes = edges_to_cell_boxes(content.edges)
        return (
            content.width,
            content.height,
            [[tuple(round(v) for v in b) for b in t] for t in boxes],
        )

    upright, turned = page("no-inner-borders.pdf"), page("rotated-form.pdf")
    assert turned == upright
    assert len(upright[2][0]) == 8  # header row of four, four tall body cells
    heading = read_pdf(fixture_bytes("rotated-form.pdf")).paragraphs[0]
    assert heading.text == "ประเด็นที่ ๑ การปฏิบัติหน้าที่"


@pytest.mark.parametrize(
    ("ocr_installed", "ocr", "text", "warning"),
    [
        (True, "auto", "ocr 1", None),
        (False, "auto", "Searchable scan", "pdf.scan_text_layer"),
        (True, "never", "Searchable scan", "pdf.scan_text_layer"),
    ],
    ids=["ocr", "ocr-missing", "ocr-off"],
)
def test_scan_with_its_own_invisible_text_prefers_ocr(
    monkeypatch: pytest.MonkeyPatch,
    ocr_installed: bool,
    ocr: str,
    text: str,
    warning: str | None,
) -> None:
    def fake(pdf: bytes, page_numbers: list[int], **_: object) -> OcrPages:
        if not ocr_installed:
            raise MissingDependencyError("tesseract is not installed")
        return OcrPages(blocks={n: [Paragraph(text=f"ocr {n}", page=n)] for n in page_numbers})

    monkeypatch.setattr(ocr_module, "ocr_pages", fake)
    document = read_pdf(fixture_bytes("scan-with-text.pdf"), ocr=ocr)  # type: ignore[arg-type]
    assert document.paragraphs[0].text.startswith(text)
    assert [w.code for w in document.warnings] == ([warning] if warning else [])


def test_threads_reading_at_once_get_what_one_reader_gets() -> None:
    from concurrent.futures import ThreadPoolExecutor

    names = ["tables-across-pages.pdf", "no-inner-borders.pdf"] * 3
    alone = [read_pdf(fixture_bytes(name)) for name in names]
    with ThreadPoolExecutor(max_workers=3) as pool:
        together = list(pool.map(lambda name: read_pdf(fixture_bytes(name)), names))
    assert together == alone


def test_pua_fixture_warns_glyph_repairs_once_per_page_with_counts() -> None:
    pua = read_pdf((FIXTURES.parent / "ita-2566-single-table-c-pua.pdf").read_bytes())
    repaired = [w for w in pua.warnings if w.code == "text.glyphs_repaired"]
    assert [w.page for w in repaired] == list(range(1, (pua.page_count or 0) + 1))
    assert all(re.search(r"\d+ Private Use Area glyphs, \d+ split ำ", w.message) for w in repaired)
    assert all(char < "\uf700" or char > "\uf71a" for char in all_text(pua))


def test_a_clean_pdf_warns_no_glyph_repair() -> None:
    clean = read_pdf((FIXTURES.parent / "ita-2566-single-table-c.pdf").read_bytes())
    assert clean.warnings == ()
