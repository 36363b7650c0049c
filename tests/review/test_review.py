"""The review page of every format: self-contained, a box per located value, linked both ways."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pdfplumber
import pytest

import ita_extract
from ita_extract.cli import main
from ita_extract.evaluate import check_score_boxes
from ita_extract.review import locate_in_pdf_copy
from ita_extract.review.records import review_records

FIXTURES = Path(__file__).parents[1] / "fixtures"
PDF = FIXTURES / "ita-2566-obt-a.pdf"

_BOX = re.compile(r'<a class="box [^"]*" id="(b\d+)" data-record="(r\d+)"')
_ROW = re.compile(r'<tr id="(r\d+)"[^>]*data-boxes="([^"]*)"')


def boxes_and_rows(html: str) -> tuple[dict[str, str], dict[str, list[str]]]:
    boxes = dict(_BOX.findall(html))
    rows = {row: ids.split() for row, ids in _ROW.findall(html)}
    return boxes, rows


def assert_linked_both_ways(html: str) -> None:
    boxes, rows = boxes_and_rows(html)
    assert boxes
    for box, row in boxes.items():
        assert box in rows[row]
    for row, ids in rows.items():
        assert all(boxes[box] == row for box in ids)


@pytest.mark.slow
def test_pdf_review_boxes_every_located_span_and_nothing_comes_from_outside(
    tmp_path: Path,
) -> None:
    out = tmp_path / "review.html"
    html = ita_extract.review(PDF, out)
    assert out.read_text(encoding="utf-8") == html
    report = ita_extract.parse(PDF)
    spans = [
        span for entry in review_records(report) for span in entry.evidence if span.bbox is not None
    ]
    boxes, _ = boxes_and_rows(html)
    assert len(boxes) == len(spans)
    assert html.count('<div class="page"') == report.source.pages
    assert not re.search(r'(?:src|href)="(?:https?:)?//', html)
    assert_linked_both_ways(html)
    # -- a score the validation doubts or a missing value is marked on its row --
    assert "tr.missing" in html and "tr.doubtful" in html


@pytest.mark.slow
@pytest.mark.parametrize("name", ["ita-2567-tessaban-b.docx", "ita-2567-tessaban-b.doc"])
def test_word_review_locates_the_values_in_a_pdf_copy(name: str) -> None:
    data = (FIXTURES / name).read_bytes()
    report = ita_extract.parse(data)
    pdf_copy = locate_in_pdf_copy(data, report)
    # -- every score's box, found in LibreOffice's PDF of the file, prints that score --
    with pdfplumber.open(io.BytesIO(pdf_copy)) as pdf:
        check = check_score_boxes(
            report, lambda page, box: pdf.pages[page - 1].crop(box).extract_text() or ""
        )
    assert check.checked >= 20 and check.share >= 0.99, check.misses
    html = ita_extract.review(FIXTURES / name)
    assert html.count('<div class="page"') >= 3
    assert_linked_both_ways(html)


@pytest.mark.slow
def test_scanned_review_boxes_the_ocr_readings() -> None:
    html = ita_extract.review(FIXTURES / "scanned" / "ita-2566-single-table-c.pdf")
    boxes, _ = boxes_and_rows(html)
    assert len(boxes) >= 10
    assert "· OCR" in html
    assert_linked_both_ways(html)


def test_cli_review_writes_the_page_and_refuses_bad_input_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "page.html"
    assert main(["review", str(FIXTURES / "ita-2568-obj-f.pdf"), "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    capsys.readouterr()
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"%PDF-1.7 not really")
    assert main(["review", str(bad), "-o", str(tmp_path / "x.html")]) == 2
    error = capsys.readouterr().err.strip().splitlines()
    assert len(error) == 1 and error[0].startswith("ita-extract: ")
    assert not (tmp_path / "x.html").exists()
