"""PDF table losses, read from committed PDFs of the drawn corpus (``tests/fixtures/drawn``).

LibreOffice wraps a score in a narrow column (``9`` / ``8.27``), cuts indicator rows at page
breaks and runs two limitation paragraphs together where a line ends near the margin; each
test compares the records with the expectation the engine made from the drawn data.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ita_extract import parse
from ita_extract.report import Report

DRAWN = Path(__file__).parents[1] / "fixtures" / "drawn"


def parsed_and_expected(stem: str) -> tuple[Report, Report]:
    path = DRAWN / f"{stem}.pdf"
    expected = Report.model_validate_json(
        (DRAWN / f"{stem}.pdf.expected.json").read_text(encoding="utf-8")
    )
    return parse(path), expected


@pytest.mark.parametrize("stem", ["draw-002", "draw-026"])
def test_scores_wrapped_in_a_narrow_column_are_read_whole(stem: str) -> None:
    parsed, expected = parsed_and_expected(stem)
    assert [(i.code, i.score) for i in parsed.items] == [(i.code, i.score) for i in expected.items]


@pytest.mark.parametrize("stem", ["draw-028", "draw-042"])
def test_an_item_row_cut_by_a_page_break_is_on_the_page_that_states_its_code(stem: str) -> None:
    parsed, expected = parsed_and_expected(stem)
    assert [(i.code, i.page) for i in parsed.items] == [(i.code, i.page) for i in expected.items]


@pytest.mark.parametrize("stem", ["draw-004", "draw-019", "draw-026", "draw-032", "draw-033"])
def test_indicator_rows_stay_apart_across_page_breaks(stem: str) -> None:
    parsed, expected = parsed_and_expected(stem)

    def rows(report: Report) -> list[tuple[int, str | None, float | None]]:
        return [(i.number, i.name, i.score) for i in report.indicators]

    assert rows(parsed) == rows(expected)


@pytest.mark.parametrize("stem", ["draw-001", "draw-003", "draw-032"])
def test_limitation_paragraphs_run_together_in_the_pdf_are_told_apart(stem: str) -> None:
    parsed, expected = parsed_and_expected(stem)

    def limitations(report: Report) -> list[tuple[str | None, str]]:
        return [(limitation.category, limitation.text) for limitation in report.limitations]

    assert limitations(parsed) == limitations(expected)


def test_a_bracketed_code_closing_a_report_without_signature_is_no_signatory() -> None:
    # -- the last recommendation cell ends ``(OIT)`` / ``(อ้างอิงจาก O25)`` in the PDF --
    parsed, expected = parsed_and_expected("draw-037")
    assert expected.signature.name is None
    assert (parsed.signature.name, parsed.signature.position) == (None, None)
