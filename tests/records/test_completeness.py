"""Completeness, missing facts and cross-checks: a null never passes for a value.

The removal tests start from the fixture reports' own content (tests/fixtures/generator) and
write them again with python-docx without a part: the overall sentence, then the overall
(total) row of the indicator table, then the cover.
"""

from __future__ import annotations

import dataclasses
import io

import pytest
from docmaker import ABOVE, TITLE, TOPIC_HEADER, document, table
from tests.fixtures.generator import report_b, report_f
from tests.fixtures.generator.build import Fixture
from tests.fixtures.generator.catalogue import FIXTURES
from tests.fixtures.generator.content import TEN_INDICATORS, ReportContent
from tests.fixtures.generator.style import Style
from tests.fixtures.generator.writer import write_report

import ita_extract
from ita_extract.records import build_report
from ita_extract.report import Report

REPORTS = [fixture for fixture in FIXTURES if fixture.keep_docx]
YEAR_COLUMNS = [(report_f.REPORT, report_f.STYLE), (report_b.REPORT, report_b.STYLE)]
"""Reports whose indicator table has a column of last year's scores (F: and a difference)."""
LAST_YEARS_OVERALL = 80.25


def _parse(content: ReportContent, style: Style) -> Report:
    buffer = io.BytesIO()
    write_report(content, style).save(buffer)
    return ita_extract.parse(buffer.getvalue())


def _codes(report: Report) -> list[str]:
    return [warning.code for warning in report.warnings]


def _found(report: Report, part: str) -> bool:
    assert report.completeness is not None
    [entry] = [entry for entry in report.completeness.parts if entry.part == part]
    return entry.found


def _without_sentence(content: ReportContent) -> ReportContent:
    overall = dataclasses.replace(content.overall, sentence="", previous=LAST_YEARS_OVERALL)
    return dataclasses.replace(content, overall=overall)


@pytest.mark.parametrize(("content", "style"), YEAR_COLUMNS, ids=lambda v: getattr(v, "stem", ""))
def test_without_the_sentence_the_overall_row_gives_the_report_years_score(
    content: ReportContent, style: Style
) -> None:
    with_row = dataclasses.replace(style, indicator_total_row="คะแนนรวม")
    report = _parse(_without_sentence(content), with_row)
    assert report.overall.score == content.overall.score
    assert report.overall.score != LAST_YEARS_OVERALL
    assert [i.score for i in report.indicators] == [i.score for i in content.indicators]
    assert _codes(report) == []
    assert report.completeness is not None and report.completeness.share < 1.0  # no result


@pytest.mark.parametrize(("content", "style"), YEAR_COLUMNS, ids=lambda v: getattr(v, "stem", ""))
def test_without_sentence_and_row_the_overall_is_null_and_missing(
    content: ReportContent, style: Style
) -> None:
    report = _parse(_without_sentence(content), style)
    assert report.overall.score is None
    assert "missing.overall" in _codes(report)
    assert not _found(report, "overall.score")
    assert report.fiscal_year == content.fiscal_year


@pytest.mark.parametrize("fixture", REPORTS, ids=lambda fixture: fixture.content.stem)
def test_without_the_cover_agency_and_year_are_right_or_missing(fixture: Fixture) -> None:
    content, style = fixture.content, dataclasses.replace(fixture.style, title_block=False)
    for variant in (content, _without_sentence(content)):
        report = _parse(variant, style)
        assert report.agency.name in (None, content.agency.name)
        assert report.fiscal_year in (None, content.fiscal_year)
        assert (report.agency.name is None) == ("missing.agency" in _codes(report))
        assert (report.fiscal_year is None) == ("missing.fiscal_year" in _codes(report))
        assert _found(report, "agency") == (report.agency.name is not None)


def test_without_cover_and_sentence_the_template_report_names_neither() -> None:
    [fixture] = [f for f in REPORTS if f.content.stem == "ita-2566-obt-a"]
    style = dataclasses.replace(fixture.style, title_block=False)
    report = _parse(_without_sentence(fixture.content), style)
    assert (report.agency.name, report.fiscal_year) == (None, None)
    assert {"missing.agency", "missing.fiscal_year", "missing.overall"} <= set(_codes(report))


def _indicators(scores: list[str]) -> list[tuple[str, ...]]:
    """Return the rows of an indicator table of the ten indicators with ``scores``."""
    rows = [("ลำดับ", "ตัวชี้วัด", "คะแนน")]
    numbered = enumerate(zip(TEN_INDICATORS, scores, strict=True), start=1)
    rows += [(str(number), name, score) for number, ((_, name), score) in numbered]
    return rows


def test_all_found_is_full_completeness_and_no_warning() -> None:
    sentence = "คะแนนที่ได้ 90.00 คะแนน ระดับผลการประเมินอยู่ที่ ผ่าน"
    report = build_report(document(*TITLE, sentence, table(_indicators(["90.00"] * 10))))
    assert report.warnings == []
    assert report.completeness is not None
    parts = [entry.part for entry in report.completeness.parts]
    assert parts[:14] == [
        "agency",
        "fiscal_year",
        "overall.score",
        "overall.result",
        *(f"indicator.{n}" for n in range(1, 11)),
    ]
    assert all(entry.found for entry in report.completeness.parts[:14])
    # -- no items, topics, recommendations, plan, limitations or signature in this document --
    assert report.completeness.share == round(14 / 22, 2)


def test_fewer_indicators_than_the_framework_are_warned_by_number() -> None:
    sentence = "คะแนนที่ได้ 90.00 คะแนน"
    rows = _indicators(["90.00"] * 10)
    del rows[7], rows[3]  # -- indicators 7 and 3 --
    report = build_report(document(*TITLE, sentence, table(rows)))
    [warning] = [w for w in report.warnings if w.code == "missing.indicators"]
    assert warning.message.endswith("not found: 3, 7")
    assert not _found(report, "indicator.3")
    assert _found(report, "indicator.4")


def test_an_overall_score_that_is_not_the_weighted_mean_is_warned() -> None:
    sentence = "คะแนนที่ได้ 90.00 คะแนน"
    agreeing = build_report(document(*TITLE, sentence, table(_indicators(["90.00"] * 10))))
    assert "check.overall_mean" not in _codes(agreeing)
    # -- 2566 weights: IIT 6% each, EIT 10% each, OIT 20% each; one misread indicator --
    misread = build_report(
        document(*TITLE, sentence, table(_indicators(["90.00"] * 8 + ["9.00", "90.00"])))
    )
    [warning] = [w for w in misread.warnings if w.code == "check.overall_mean"]
    assert "73.80" in warning.message


def test_an_item_under_another_tool_and_an_indicator_stated_twice_are_warned() -> None:
    topic = table(
        [
            TOPIC_HEADER,
            ("๑", "การเปิดเผยข้อมูล", "OIT", "ข้อ O1 ข้อมูลพื้นฐาน", "100", "ผ่าน"),
            (ABOVE, ABOVE, ABOVE, "ข้อ i1 ปฏิบัติงานตามมาตรฐาน", "90.00", ABOVE),
        ]
    )
    indicators = table(
        [
            ("ลำดับ", "ตัวชี้วัด", "คะแนน"),
            ("1", "การปฏิบัติหน้าที่", "90.00"),
            ("1", "การปฏิบัติหน้าที่", "91.00"),
        ]
    )
    report = build_report(document(*TITLE, indicators, "ประเด็นที่ ๑ การเปิดเผยข้อมูล", topic))
    [tool] = [w for w in report.warnings if w.code == "check.item_tool"]
    assert "i1" in tool.message and "OIT" in tool.message
    [twice] = [w for w in report.warnings if w.code == "check.stated_twice"]
    assert "indicator 1" in twice.message
