"""Failure classes seen on reports made by other hands, each rebuilt from the variation engine.

Every test draws reports with the variant under test fixed (other axes drawn from the seed),
writes them as DOCX, parses them and compares with the expectation the engine made from the
same data. PDF-only classes are read from the committed drawn corpus (``tests/fixtures/drawn``).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from pydantic import BaseModel
from tests.fixtures.generator.build import write_docx
from tests.fixtures.generator.drawn import fixture_of
from tests.fixtures.generator.expected import expected_report
from tests.fixtures.generator.variation import draw

from ita_extract import parse
from ita_extract.report import Report

SEEDS = (101, 202)
"""Seeds for the other axes; none is a corpus seed."""


def drawn_docx(seed: int, fixed: dict[str, str], directory: Path) -> tuple[Report, Report]:
    """Draw a report with ``fixed`` axes, write it as DOCX; return (parsed, expected)."""
    drawn = draw(seed, f"variant-{seed}", fixed)
    path = write_docx(fixture_of(drawn, with_doc=False), directory)
    return parse(path), expected_report(drawn.content, drawn.style, path, drawn.glyphs)


def facts(records: Sequence[BaseModel]) -> list[dict[str, object]]:
    """Records as the document states them: the parse's evidence spans left out."""
    return [record.model_dump(exclude={"evidence"}) for record in records]


def scores(report: Report) -> list[tuple[int, float | None]]:
    return [(indicator.number, indicator.score) for indicator in report.indicators]


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("written", ["sentences", "bullets"])
def test_a_prose_analysis_states_each_indicator_score_in_a_sentence(
    seed: int, written: str, tmp_path: Path
) -> None:
    parsed, expected = drawn_docx(seed, {"family": "prose", "indicator_prose": written}, tmp_path)
    assert scores(parsed) == scores(expected)
    assert [i.name for i in parsed.indicators] == [i.name for i in expected.indicators]


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("place", ["beside", "under"])
def test_an_indicator_analysis_table_gives_each_score_beside_or_under_its_name(
    seed: int, place: str, tmp_path: Path
) -> None:
    fixed = {"family": "indicator_analysis", "score_place": place}
    parsed, expected = drawn_docx(seed, fixed, tmp_path)
    assert scores(parsed) == scores(expected)
    assert [i.tool for i in parsed.indicators] == [i.tool for i in expected.indicators]


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("family", ["per_topic", "single_table", "prose"])
def test_the_framework_recap_weights_are_not_the_agency_scores(
    seed: int, family: str, tmp_path: Path
) -> None:
    fixed = {"family": family, "boilerplate": "text_and_table"}
    parsed, expected = drawn_docx(seed, fixed, tmp_path)
    assert scores(parsed) == scores(expected)


@pytest.mark.parametrize("seed", SEEDS)
def test_an_indicator_table_without_tool_column_but_with_last_year_and_difference(
    seed: int, tmp_path: Path
) -> None:
    fixed = {
        "family": "per_topic",
        "indicator_tool": "absent",
        "indicator_years": "previous_and_difference",
    }
    parsed, expected = drawn_docx(seed, fixed, tmp_path)
    assert facts(parsed.indicators) == facts(expected.indicators)


def plan_lists(report: Report) -> list[tuple[list[str], list[str]]]:
    plan = report.action_plan
    return [(row.measures, row.steps) for row in plan.rows] if plan else []


@pytest.mark.parametrize(
    "written", ["auto_bullets", "typed_bullets", "typed_numbers", "auto_numbers", "plain", "breaks"]
)
def test_each_way_of_writing_a_list_in_a_cell_gives_one_entry_per_item(
    written: str, tmp_path: Path
) -> None:
    fixed = {"family": "per_topic", "missing": "none", "measures_list": written}
    parsed, expected = drawn_docx(SEEDS[0], fixed | {"steps_list": written}, tmp_path)
    assert plan_lists(parsed) == plan_lists(expected)


@pytest.mark.parametrize("written", ["typed_numbers", "auto_numbers", "typed_bullets"])
def test_a_caption_line_heading_a_list_cell_is_no_entry(written: str, tmp_path: Path) -> None:
    fixed = {"family": "per_topic", "missing": "none", "steps_list": written}
    parsed, expected = drawn_docx(SEEDS[1], fixed | {"list_caption": "caption"}, tmp_path)
    assert plan_lists(parsed) == plan_lists(expected)


def years_and_timeframes(report: Report) -> tuple[object, ...]:
    plan = report.action_plan
    rows = (
        [row.timeframe.model_dump() if row.timeframe else None for row in plan.rows] if plan else []
    )
    return report.fiscal_year, plan.fiscal_year if plan else None, rows


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("family", ["per_topic", "single_table"])
def test_a_year_with_a_justification_space_inside_is_read_whole_and_warned(
    seed: int, family: str, tmp_path: Path
) -> None:
    # -- `ปีงบประมาณ พ.ศ. 256 6` in the title, `ตลอดปีงบประมาณ ๒๕ ๖๘` in a time frame --
    fixed = {"family": family, "missing": "none", "year_gap": "inside"}
    parsed, expected = drawn_docx(seed, fixed, tmp_path)
    assert years_and_timeframes(parsed) == years_and_timeframes(expected)
    warnings = [w.message for w in parsed.warnings if w.code == "text.split_year"]
    assert warnings and all("read whole" in message for message in warnings)


@pytest.mark.parametrize("seed", [*SEEDS, 303, 404])
def test_limitations_of_topics_outside_the_usual_ones_keep_their_words(
    seed: int, tmp_path: Path
) -> None:
    # -- `ด้านสภาพพื้นที่ และการเดินทาง พื้นที่…`: a topic of two phrases, in no word list --
    fixed = {"missing": "none", "limitation_topics": "other"}
    parsed, expected = drawn_docx(seed, fixed, tmp_path)
    assert facts(parsed.limitations) == facts(expected.limitations)


def test_the_unusual_limitation_topics_include_topics_of_two_phrases() -> None:
    fixed = {"missing": "none", "limitation_topics": "other"}
    categories = {
        limitation.category
        for seed in (*SEEDS, 303, 404)
        for limitation in draw(seed, fixed=fixed).content.limitations
    }
    assert any(" " in category for category in categories)


DRAWN = Path(__file__).resolve().parent.parent / "fixtures" / "drawn"


def _first_page_text(path: Path) -> str:
    document = pdfium.PdfDocument(path)
    try:
        return str(document[0].get_textpage().get_text_range())
    finally:
        document.close()


def test_a_title_block_whose_text_layer_splits_words_still_gives_agency_year_and_overall() -> None:
    # -- LibreOffice's PDFs of the drawn corpus write ปีงบประมาณ as `ปี งบประมาณ` and wrap long
    #    title lines mid-phrase; the title block must still be found --
    split = [path for path in sorted(DRAWN.glob("*.pdf")) if "ปี งบประมาณ" in _first_page_text(path)]
    assert len(split) >= 5
    for path in split[:8]:
        expected = Report.model_validate_json(
            path.with_name(path.name + ".expected.json").read_text(encoding="utf-8")
        )
        parsed = parse(path)
        assert parsed.fiscal_year == expected.fiscal_year, path.name
        assert facts([parsed.agency]) == facts([expected.agency]), path.name
        assert parsed.overall.score == expected.overall.score, path.name


def test_a_prose_report_without_tables_whose_title_reads_like_part_one_is_a_report(
    tmp_path: Path,
) -> None:
    # -- seed 30046 of a fresh draw: a measures title without และ, then
    #    `การวิเคราะห์ผลการประเมิน…` (no รายงาน), prose only, no plan: no table at all --
    fixed = {"family": "prose", "missing": "plan", "title": "measures_then_analysis"}
    parsed, expected = drawn_docx(30046, fixed, tmp_path)
    assert parsed.fiscal_year == expected.fiscal_year
    assert scores(parsed) == scores(expected)
