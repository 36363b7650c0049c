from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from ita_extract.framework import (
    Framework,
    Status,
    available_years,
    expand_code_range,
    get_framework,
    grade_for_score,
    indicator_tool,
    passed_for_score,
)
from ita_extract.normalize.codes import tool_of_code
from ita_extract.report import Grade, Tool

YEARS = range(2561, 2569)


def framework_of(year: int) -> Framework:
    framework = get_framework(year)
    assert framework is not None
    return framework


def test_every_year_of_the_ten_indicator_method_has_a_file() -> None:
    assert available_years() == tuple(YEARS)


@pytest.mark.parametrize("year", [None, 2560, 2569, 2400])
def test_an_unknown_year_has_no_framework(year: int | None) -> None:
    assert get_framework(year) is None


@pytest.mark.parametrize("year", YEARS)
def test_each_year_has_ten_indicators_on_three_tools(year: int) -> None:
    framework = framework_of(year)

    tools = [indicator.tool for indicator in framework.indicators]

    assert tools == [Tool.IIT] * 5 + [Tool.EIT] * 3 + [Tool.OIT] * 2
    assert framework.indicator(9) is not None
    assert framework.indicator(9).name == "การเปิดเผยข้อมูล"  # type: ignore[union-attr]
    assert framework.indicator(11) is None


@pytest.mark.parametrize("year", YEARS)
def test_each_year_is_internally_consistent(year: int) -> None:
    framework = framework_of(year)

    oit_codes = framework.item_codes(Tool.OIT)
    sub_numbers = {entry.number for entry in framework.sub_indicators.entries}

    for tool in Tool:
        assert framework.item_codes(tool), f"{tool} has no codes"
        assert {tool_of_code(code) for code in framework.item_codes(tool)} == {tool}
    assert {item.code for item in framework.oit_items} <= oit_codes
    assert {item.sub_indicator for item in framework.oit_items} - {None} <= sub_numbers
    assert {entry.indicator_number for entry in framework.sub_indicators.entries} <= {9, 10}
    for indicator in framework.indicators:
        assert indicator.source and indicator.status in Status


@pytest.mark.parametrize("year", YEARS)
def test_weights_sum_to_a_hundred(year: int) -> None:
    weights = framework_of(year).weights

    assert weights is not None
    assert sum(weights.percent.values()) == pytest.approx(100)


@pytest.mark.parametrize(
    ("year", "scores", "published"),
    [
        # ตราด 2564 in the NACC consultant report กลุ่ม 2 p.168 (ita-framework.md §2.1).
        (2564, [93.55, 87.72, 91.01, 87.93, 89.52, 90.55, 88.68, 88.58, 72.89, 65.56], 81.45),
        (2564, [100.0] * 10, 100.0),
        (2566, [50.0] * 5 + [100.0] * 3 + [0.0] * 2, 45.0),
    ],
)
def test_the_weights_reproduce_published_totals(
    year: int, scores: list[float], published: float
) -> None:
    overall = framework_of(year).overall_score(dict(enumerate(scores, start=1)))

    assert overall is not None
    assert round(overall, 2) == published


def test_overall_score_needs_every_weighted_indicator() -> None:
    assert framework_of(2566).overall_score({number: 90.0 for number in range(1, 10)}) is None


@pytest.mark.parametrize(
    ("score", "grade"),
    [
        (100.0, Grade.AA),
        (95.0, Grade.AA),
        (94.99, Grade.A),
        (85.0, Grade.A),
        (84.99, Grade.B),
        (75.0, Grade.B),
        (74.99, Grade.C),
        (65.0, Grade.C),
        (64.99, Grade.D),
        (55.0, Grade.D),
        (54.99, Grade.E),
        (50.0, Grade.E),
        (49.99, Grade.F),
        (0.0, Grade.F),
    ],
)
@pytest.mark.parametrize("year", [None, 2561, 2565, 2567, 2999])
def test_grades_at_each_boundary(score: float, grade: Grade, year: int | None) -> None:
    assert grade_for_score(score, year) is grade


@pytest.mark.parametrize(("score", "passed"), [(85.0, True), (84.99, False), (100.0, True)])
@pytest.mark.parametrize("year", [None, 2564, 2568])
def test_pass_mark_is_85(score: float, passed: bool, year: int | None) -> None:
    assert passed_for_score(score, year) is passed


@pytest.mark.parametrize(
    ("number", "tool"),
    [(1, Tool.IIT), (5, Tool.IIT), (6, Tool.EIT), (8, Tool.EIT), (9, Tool.OIT), (10, Tool.OIT)],
)
@pytest.mark.parametrize("year", [None, 2561, 2566, 2568])
def test_indicator_tool_by_number(number: int, tool: Tool, year: int | None) -> None:
    assert indicator_tool(number, year) is tool


def test_indicator_tool_of_a_missing_indicator_is_none() -> None:
    assert indicator_tool(11, 2566) is None


@pytest.mark.parametrize(
    ("year", "code", "known"),
    [
        (2566, "O43", True),
        (2566, "O44", False),
        (2566, "i30", True),
        (2566, "i31", False),
        (2566, "e15", True),
        (2566, "e16", False),
        (2568, "O37", True),
        (2568, "O38", False),
        (2566, "x1", False),
    ],
)
def test_has_item(year: int, code: str, known: bool) -> None:
    assert framework_of(year).has_item(code) is known


@pytest.mark.parametrize(
    ("year", "code", "title"),
    [
        (2566, "O42", "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน"),
        (2566, "O1", "โครงสร้าง"),
        (2565, "O34", "นโยบายไม่รับของขวัญ (No Gift Policy)"),
        (2568, "O36", "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน"),
    ],
)
def test_oit_titles_follow_the_spec(year: int, code: str, title: str) -> None:
    item = framework_of(year).oit_item(code)

    assert item is not None
    assert item.title == title


@pytest.mark.parametrize(
    ("fact", "status"),
    [
        (lambda: framework_of(2567).tool_items(Tool.OIT), Status.UNCONFIRMED),
        (lambda: framework_of(2567).weights, Status.UNCONFIRMED),
        (lambda: framework_of(2564).weights, Status.DERIVED),
        (lambda: framework_of(2563).weights, Status.DERIVED),
        (lambda: framework_of(2565).grades, Status.CONFIRMED),
        (lambda: framework_of(2564).tool_items(Tool.IIT), Status.CONFIRMED),
        (lambda: framework_of(2566).tool_items(Tool.EIT), Status.UNCONFIRMED),
        (lambda: framework_of(2566).tool_items(Tool.OIT), Status.THIRD_PARTY),
        (lambda: framework_of(2565).tool_items(Tool.OIT), Status.CONFIRMED),
        (lambda: framework_of(2561).indicator(1), Status.UNCONFIRMED),
        (lambda: framework_of(2566).pass_mark, Status.CONFIRMED),
    ],
)
def test_status_follows_the_spec(fact: Any, status: Status) -> None:
    assert fact().status is status


def test_only_unconfirmed_facts_are_not_established() -> None:
    assert [status for status in Status if not status.established] == [Status.UNCONFIRMED]


def _mutated(change: Any) -> dict[str, Any]:
    data = framework_of(2566).model_dump(mode="json")
    change(data)
    return data


@pytest.mark.parametrize(
    "change",
    [
        lambda data: data["weights"]["percent"].update({"10": 21.0}),
        lambda data: data["indicators"].pop(0),
        lambda data: data["items"]["OIT"].update(codes=["O1", "i2"]),
        lambda data: data["oit_items"].append({**data["oit_items"][0], "code": "O99"}),
        lambda data: data["grades"]["minimum"].update({"B": 90.0}),
        lambda data: data["sub_indicators"]["entries"][0].update(number="12.1"),
        lambda data: data["analysis_report_item"].update(code="O77"),
    ],
)
def test_inconsistent_data_is_refused(change: Any) -> None:
    with pytest.raises(ValidationError):
        Framework.model_validate(_mutated(change))


def test_an_unchanged_dump_validates() -> None:
    assert Framework.model_validate(_mutated(lambda data: None)) == framework_of(2566)


@pytest.mark.parametrize(
    ("entry", "codes"),
    [("i1-i3", ("i1", "i2", "i3")), ("O42", ("O42",)), ("e7-e7", ("e7",))],
)
def test_expand_code_range(entry: str, codes: tuple[str, ...]) -> None:
    assert expand_code_range(entry) == codes


@pytest.mark.parametrize("entry", ["i3-i1", "x1", "i1-e3", "O0", ""])
def test_expand_code_range_refuses_nonsense(entry: str) -> None:
    with pytest.raises(ValueError, match=r"range|item code"):
        expand_code_range(entry)
