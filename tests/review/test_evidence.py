"""Evidence on the fixture corpus: boxes hold what was read, Word files cite text, lean output."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import jsonschema
import pdfplumber
import pytest

import ita_extract
from ita_extract.cli import main
from ita_extract.evaluate import check_score_boxes, states_number
from ita_extract.report import Report
from ita_extract.review.records import review_records

FIXTURES = Path(__file__).parents[1] / "fixtures"
TEXT_PDFS = sorted(
    path for path in FIXTURES.glob("*.pdf") if path.with_name(f"{path.name}.expected.json").exists()
)
WORD_FILES = sorted([*FIXTURES.glob("*.docx"), *FIXTURES.glob("*.doc")])
MIN_HELD_SHARE = 0.99


@cache
def parsed(path: Path) -> Report:
    return ita_extract.parse(path)


@pytest.mark.slow
@pytest.mark.parametrize("path", TEXT_PDFS, ids=lambda path: path.name)
def test_text_pdf_score_boxes_print_the_score(path: Path) -> None:
    report = parsed(path)
    with pdfplumber.open(path) as pdf:
        check = check_score_boxes(
            report, lambda page, box: pdf.pages[page - 1].crop(box).extract_text() or ""
        )
    assert check.checked >= 10
    assert check.share >= MIN_HELD_SHARE, check.misses


@pytest.mark.slow
@pytest.mark.parametrize("path", TEXT_PDFS, ids=lambda path: path.name)
def test_every_stated_pdf_record_has_a_box(path: Path) -> None:
    for entry in review_records(parsed(path)):
        if entry.missing:
            continue
        assert entry.evidence, entry.path
        for span in entry.evidence:
            assert span.page is not None and span.bbox is not None, entry.path
            x0, top, x1, bottom = span.bbox
            assert 0 <= x0 < x1 and 0 <= top < bottom, entry.path


@pytest.mark.slow
def test_a_recommendation_cut_by_a_page_break_has_a_span_per_page() -> None:
    report = parsed(FIXTURES / "ita-2567-tessaban-b.pdf")
    (recommendation,) = [r for r in report.recommendations if r.codes == ["e7", "e9"]]
    spans = recommendation.evidence or []
    assert [span.page for span in spans] == [recommendation.page, (recommendation.page or 0) + 1]


@pytest.mark.slow
@pytest.mark.parametrize("path", WORD_FILES, ids=lambda path: path.name)
def test_word_files_cite_the_text_without_a_place(path: Path) -> None:
    report = parsed(path)
    assert report.indicators
    for indicator in report.indicators:
        assert indicator.score is not None
        spans = indicator.evidence or []
        assert spans and all(span.page is None and span.bbox is None for span in spans)
        assert states_number(spans[0].text, indicator.score)


def test_without_evidence_the_json_has_no_evidence_key(tmp_path: Path) -> None:
    path = FIXTURES / "ita-2568-obj-f.docx"
    lean = ita_extract.parse(path, evidence=False)
    assert "evidence" not in lean.model_dump_json()
    assert all(indicator.evidence is None for indicator in lean.indicators)
    out = tmp_path / "lean.json"
    assert main(["parse", str(path), "--no-evidence", "-o", str(out)]) == 0
    assert '"evidence"' not in out.read_text(encoding="utf-8")
    full = tmp_path / "full.json"
    assert main(["parse", str(path), "-o", str(full)]) == 0
    assert '"evidence"' in full.read_text(encoding="utf-8")


@pytest.mark.slow
def test_evidence_follows_the_published_json_schema() -> None:
    report = parsed(FIXTURES / "ita-2566-obt-a.pdf")
    data = json.loads(report.model_dump_json())
    jsonschema.validate(data, Report.model_json_schema(mode="serialization"))
    assert data["indicators"][0]["evidence"][0]["bbox"] == list(
        report.indicators[0].evidence[0].bbox or ()
    )
    # -- the source text is kept as read: this report writes Thai digits --
    assert "๙" in data["indicators"][0]["evidence"][0]["text"]
