from __future__ import annotations

import importlib.util
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest

from ita_extract.evaluate import Accuracy, ReportFact, normalize_text, score_report
from ita_extract.report import Item, Limitation, Recommendation, RecommendationSection, Report, Tool

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
PDF_A = FIXTURES / "ita-2566-obt-a.pdf.expected.json"
DOCX_A = FIXTURES / "ita-2566-obt-a.docx.expected.json"
PDF_C = FIXTURES / "ita-2566-single-table-c.pdf.expected.json"

Mutation = Callable[[Report], None]


def load(path: Path) -> Report:
    return Report.model_validate_json(path.read_text(encoding="utf-8"))


def change_indicator_score(report: Report) -> None:
    report.indicators[3].score = 12.34


def change_item_score(report: Report) -> None:
    report.items[0].score = 50.0


def change_topic_item_score(report: Report) -> None:
    report.topics[1].assessments[0].items[2].score = 1.0


def change_recommendation_text(report: Report) -> None:
    report.recommendations[2].text = "หน่วยงานควรทำอย่างอื่น"


def drop_reference(report: Report) -> None:
    report.recommendations[0].references = report.recommendations[0].references[1:]


def change_plan_step(report: Report) -> None:
    assert report.action_plan is not None
    report.action_plan.rows[1].steps[0] = "ขั้นตอนอื่น"


def change_timeframe_end(report: Report) -> None:
    assert report.action_plan is not None
    timeframe = report.action_plan.rows[4].timeframe
    assert timeframe is not None
    timeframe.end = "2030-01"


def change_limitation(report: Report) -> None:
    report.limitations[0].text = "ไม่มีข้อจำกัด"


def forget_signature_date(report: Report) -> None:
    report.signature.date = None


def change_overall_result(report: Report) -> None:
    report.overall.result = "ไม่ผ่าน"


def move_item_to_wrong_page(report: Report) -> None:
    report.items[5].page = 99


@pytest.mark.parametrize(
    "mutate",
    [
        change_indicator_score,
        change_item_score,
        change_topic_item_score,
        change_recommendation_text,
        drop_reference,
        change_plan_step,
        change_timeframe_end,
        change_limitation,
        forget_signature_date,
        change_overall_result,
        move_item_to_wrong_page,
    ],
)
def test_a_changed_or_lost_value_lowers_recall(mutate: Mutation) -> None:
    expected = load(PDF_A)
    parsed = load(PDF_A)
    mutate(parsed)
    accuracy = score_report(parsed, expected)
    assert accuracy.recall < 1.0
    assert len(accuracy.missing) == 1


def invent_item(report: Report) -> None:
    report.items.append(Item(code="e15", tool=Tool.EIT, score=70.0))


def invent_oit_recommendation(report: Report) -> None:
    report.oit_recommendation = "ควรเผยแพร่ข้อมูลให้ครบ"


def invent_recommendation(report: Report) -> None:
    report.recommendations.append(
        Recommendation(codes=["i1"], text="หน่วยงานควร", section=RecommendationSection.ANALYSIS)
    )


def invent_limitation(report: Report) -> None:
    report.limitations.append(Limitation(category="เวลา", text="ระยะเวลาไม่เพียงพอ"))


def invent_district(report: Report) -> None:
    report.agency.district = "เมืองน่าน"


@pytest.mark.parametrize(
    "mutate",
    [
        invent_item,
        invent_oit_recommendation,
        invent_recommendation,
        invent_limitation,
        invent_district,
    ],
)
def test_an_invented_value_lowers_precision_only(mutate: Mutation) -> None:
    expected = load(PDF_C)
    parsed = load(PDF_C)
    mutate(parsed)
    accuracy = score_report(parsed, expected)
    assert accuracy.precision < 1.0
    assert accuracy.recall == 1.0
    assert accuracy.extra


@pytest.mark.parametrize("path", sorted(FIXTURES.glob("*.expected.json")), ids=lambda p: p.name)
def test_an_identical_report_scores_one(path: Path) -> None:
    accuracy = score_report(load(path), load(path))
    assert (accuracy.recall, accuracy.precision) == (1.0, 1.0)
    assert accuracy.expected > 50
    assert not accuracy.missing and not accuracy.extra


@pytest.mark.parametrize("path", [PDF_A, PDF_C], ids=lambda p: p.name)
def test_list_order_does_not_matter(path: Path) -> None:
    parsed = load(path)
    parsed.indicators.reverse()
    parsed.items.reverse()
    parsed.topics.reverse()
    for topic in parsed.topics:
        topic.assessments.reverse()
        for assessment in topic.assessments:
            assessment.items.reverse()
    parsed.recommendations.reverse()
    parsed.limitations.reverse()
    assert parsed.action_plan is not None
    parsed.action_plan.rows.reverse()
    accuracy = score_report(parsed, load(path))
    assert (accuracy.recall, accuracy.precision) == (1.0, 1.0)


def test_pages_count_only_where_the_expected_page_is_known() -> None:
    # -- a DOCX expectation has no pages: a parse that states them is not penalised --
    accuracy = score_report(load(PDF_A), load(DOCX_A))
    assert (accuracy.recall, accuracy.precision) == (1.0, 1.0)
    with_pages = score_report(load(PDF_A), load(PDF_A))
    assert with_pages.expected > accuracy.expected


def test_an_empty_parse_finds_nothing_and_claims_nothing() -> None:
    accuracy = score_report(Report(), load(PDF_A))
    assert accuracy.recall == pytest.approx(0.0)
    assert accuracy.precision == 1.0
    assert len(accuracy.missing) == accuracy.expected


@pytest.mark.parametrize(
    ("text", "normalized"),
    [
        ("คะแนน ๙๗.๘๐", "คะแนน97.80"),
        ("มี ประสิทธิ ภาพ\n(อ้างอิงจาก ๐๑๓)", "มีประสิทธิภาพ(อ้างอิงจาก013)"),
        ("  ", ""),
    ],
)
def test_text_is_compared_without_whitespace_and_with_arabic_digits(
    text: str, normalized: str
) -> None:
    assert normalize_text(text) == normalized


def test_thai_digits_and_wrapping_do_not_count_as_differences() -> None:
    expected = load(PDF_A)
    parsed = load(PDF_A)
    parsed.recommendations[0].text = (
        parsed.recommendations[0].text.replace("0", "๐").replace(" ", "\n")
    )
    assert score_report(parsed, expected).recall == 1.0


def test_scores_pool_over_files() -> None:
    first = Accuracy(expected=10, parsed=8, matched=6)
    second = Accuracy(
        expected=30, parsed=2, matched=2, extra=(ReportFact("item", ("i1",), "score", 1.0),)
    )
    pooled = first + second
    assert (pooled.expected, pooled.parsed, pooled.matched) == (40, 10, 8)
    assert pooled.recall == pytest.approx(0.2)
    assert pooled.precision == pytest.approx(0.8)
    assert len(pooled.extra) == 1


def load_benchmark() -> ModuleType:
    path = Path(__file__).resolve().parents[2] / "benchmarks" / "accuracy.py"
    spec = importlib.util.spec_from_file_location("accuracy_benchmark", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("content", [b"", b"%PDF-1.7 broken", b"not a report at all"])
def test_the_benchmark_counts_an_unreadable_file_as_zero_recall(
    tmp_path: Path, content: bytes
) -> None:
    benchmark = load_benchmark()
    (tmp_path / "broken.pdf").write_bytes(content)
    expected = tmp_path / "broken.pdf.expected.json"
    expected.write_text(PDF_C.read_text(encoding="utf-8"), encoding="utf-8")
    accuracy, failure = benchmark.score_fixture(expected)
    assert accuracy.recall == 0.0
    assert accuracy.expected > 0
    assert failure
