"""A PDF mixing text-layer pages and scanned pages: OCR repairs touch the scanned pages only.

The mixed PDF is made from two committed fixtures, report A's PDF and its scan: its pages but
the last come from the text layer, its last page is the scan's. Whatever OCR repairs on the
scanned page (tone marks, look-alike digits, a cell's lines taken as one text), the text pages
must read, and build records, exactly as in the text-only PDF.
"""

from __future__ import annotations

import io
from functools import cache
from pathlib import Path

import pypdfium2 as pdfium

from ita_extract import parse
from ita_extract.document import Block, Document, Paragraph, SourceFormat, Table
from ita_extract.readers.pdf import read_pdf
from ita_extract.recognize.known_phrases import known_phrases
from ita_extract.records import build_report

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
NAME = "ita-2566-obt-a.pdf"


@cache
def mixed_pdf() -> tuple[bytes, int]:
    """Return report A with its last page replaced by the scanned one, and its page count."""
    text = pdfium.PdfDocument(FIXTURES / NAME)
    scan = pdfium.PdfDocument(FIXTURES / "scanned" / NAME)
    pages = len(text)
    mixed = pdfium.PdfDocument.new()
    mixed.import_pages(text, list(range(pages - 1)))
    mixed.import_pages(scan, [pages - 1])
    buffer = io.BytesIO()
    mixed.save(buffer)
    for document in (mixed, scan, text):
        document.close()
    return buffer.getvalue(), pages


def _texts(blocks: tuple[Block, ...], last_page: int) -> list[str]:
    """Return every paragraph's and cell's text on pages before ``last_page``, in order."""
    texts = []
    for block in blocks:
        if isinstance(block, Paragraph) and (block.page or 0) < last_page:
            texts.append(block.labelled_text)
        elif isinstance(block, Table):
            texts.extend(
                f"{cell.row_start},{cell.col_start}:{cell.text}"
                for cell in block.cells
                if (cell.page or 0) < last_page
            )
    return texts


def test_text_pages_read_as_in_the_text_only_pdf() -> None:
    data, pages = mixed_pdf()
    mixed = read_pdf(data, known_phrases=known_phrases())
    text_only = read_pdf((FIXTURES / NAME).read_bytes(), known_phrases=known_phrases())
    assert mixed.ocr and not text_only.ocr
    assert _texts(mixed.blocks, pages) == _texts(text_only.blocks, pages)
    assert {warning.page for warning in mixed.warnings if warning.code.startswith("ocr.")} <= {
        pages
    }


def test_records_from_text_pages_are_those_of_the_text_only_pdf() -> None:
    data, _ = mixed_pdf()
    mixed = parse(data)
    text_only = parse(FIXTURES / NAME)
    assert mixed.source is not None and mixed.source.ocr
    for field in ("indicators", "topics", "recommendations", "action_plan", "overall"):
        assert getattr(mixed, field) == getattr(text_only, field), field


def test_record_builders_apply_no_ocr_repair() -> None:
    """A document marked as OCR'd is built as read: repairs belong to the OCR reader."""
    title = "รายงานผลการวิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใส (ITA) ประจำปีงบประมาณ พ.ศ. 2566"
    typo = "คะแนนทีได้ 90.94 คะแนน"
    document = Document(
        format=SourceFormat.PDF,
        blocks=(Paragraph(text=title, page=1), Paragraph(text=typo, page=1)),
        page_count=1,
        ocr=True,
    )
    report = build_report(document)
    assert not [warning for warning in report.warnings if warning.code == "ocr.repaired"]
