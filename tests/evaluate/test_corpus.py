"""The committed fixture corpus is what its README promises, and matches its expectations."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import docx
import pdfplumber
import pypdfium2 as pdfium
import pytest
from docx.oxml.ns import qn

from ita_extract.report import Report

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
EXPECTED = sorted(FIXTURES.glob("*.expected.json"))
PUA = re.compile("[\uf700-\uf71a]")


def pdf_text(path: Path) -> str:
    document = pdfium.PdfDocument(path)
    try:
        return "".join(page.get_textpage().get_text_range() for page in document)
    finally:
        document.close()


def test_every_report_has_its_formats() -> None:
    names = {path.name.removesuffix(".expected.json") for path in EXPECTED}
    for stem in (
        "ita-2566-obt-a",
        "ita-2567-tessaban-b",
        "ita-2566-single-table-c",
        "ita-2566-department-failed-d",
        "ita-2565-tessaban-mueang-e",
        "ita-2568-obj-f",
    ):
        assert {f"{stem}.docx", f"{stem}.pdf"} <= names
    assert any(name.endswith(".doc") for name in names)
    assert "ita-2566-single-table-c-pua.pdf" in names


@pytest.mark.parametrize("expected_path", EXPECTED, ids=lambda path: path.name)
def test_expectation_describes_the_file_beside_it(expected_path: Path) -> None:
    expected = Report.model_validate_json(expected_path.read_text(encoding="utf-8"))
    document = expected_path.with_name(expected_path.name.removesuffix(".expected.json"))
    data = document.read_bytes()
    assert expected.source.file == document.name
    assert expected.source.sha256 == hashlib.sha256(data).hexdigest()
    assert expected.source.format is not None
    assert expected.source.format.value == document.suffix.lstrip(".")
    if document.suffix == ".pdf":
        assert expected.source.pages == len(pdfium.PdfDocument(data))
        assert all(indicator.page for indicator in expected.indicators)
    else:
        assert expected.source.pages is None
        assert all(item.page is None for item in expected.items)


def test_the_pua_pdf_carries_legacy_glyphs_and_its_twin_does_not() -> None:
    legacy = pdf_text(FIXTURES / "ita-2566-single-table-c-pua.pdf")
    plain = pdf_text(FIXTURES / "ita-2566-single-table-c.pdf")
    assert len(PUA.findall(legacy)) > 50
    assert "\u0e4d\u0e32" in legacy  # ำ split into NIKHAHIT + SARA AA
    assert "\u0e33" not in legacy
    assert not PUA.search(plain)


def test_report_d_pdf_has_cells_holding_several_codes() -> None:
    with pdfplumber.open(FIXTURES / "ita-2566-department-failed-d.pdf") as pdf:
        cells = [
            cell or "" for table in pdf.pages[1].extract_tables() for row in table for cell in row
        ]
    assert any(len(re.findall(r"^[ieO]\d+$", cell, re.MULTILINE)) >= 4 for cell in cells)


def test_report_a_docx_uses_word_merges_header_rows_and_bullets() -> None:
    document = docx.Document(str(FIXTURES / "ita-2566-obt-a.docx"))
    body = document.element.body
    assert len(body.findall(f".//{qn('w:vMerge')}")) > 100
    assert body.findall(f".//{qn('w:tblHeader')}")
    numbering = document.part.numbering_part.element
    bullet_texts = [element.get(qn("w:val")) for element in numbering.iter(qn("w:lvlText"))]
    assert "▪" in bullet_texts
    assert body.findall(f".//{qn('w:numPr')}")


def test_report_b_steps_carry_no_typed_numbers() -> None:
    document = docx.Document(str(FIXTURES / "ita-2567-tessaban-b.docx"))
    plan = document.tables[-1]
    steps = [paragraph for row in plan.rows[1:] for paragraph in row.cells[3].paragraphs]
    assert steps
    assert all(
        paragraph._p.pPr is not None and paragraph._p.pPr.numPr is not None for paragraph in steps
    )
    assert not any(re.match(r"\s*\d+\.", paragraph.text) for paragraph in steps)


def test_report_f_indicator_table_shows_last_year_and_a_signed_difference() -> None:
    document = docx.Document(str(FIXTURES / "ita-2568-obj-f.docx"))
    indicators = document.tables[0]
    header = [cell.text for cell in indicators.rows[0].cells]
    assert header[-3:] == ["ปี 2567", "ปี 2568", "ผลต่าง"]
    differences = [row.cells[-1].text for row in indicators.rows[1:]]
    assert any(text.startswith("+") for text in differences)
    assert any(text.startswith("-") for text in differences)
    expected = Report.model_validate_json(
        (FIXTURES / "ita-2568-obj-f.docx.expected.json").read_text(encoding="utf-8")
    )
    this_year = [float(row.cells[-2].text) for row in indicators.rows[1:]]
    assert [indicator.score for indicator in expected.indicators] == this_year
