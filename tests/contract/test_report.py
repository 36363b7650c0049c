from __future__ import annotations

import json
from typing import Any

import pytest
from pydantic import ValidationError

from ita_extract.report import Grade, Report, Tool


def test_contract_example_validates_and_round_trips(contract_example: dict[str, Any]) -> None:
    report = Report.model_validate(contract_example)

    assert report.items[1].tool is Tool.OIT
    assert report.overall.grade is Grade.AA
    assert json.loads(report.model_dump_json()) == contract_example


def test_defaults_say_nothing_was_found() -> None:
    dumped = json.loads(Report().model_dump_json())

    assert dumped["schema_version"] == "1"
    assert dumped["fiscal_year"] is None
    assert dumped["overall"] == {"score": None, "result": None, "passed": None, "grade": None}
    assert dumped["action_plan"] is None
    assert dumped["items"] == dumped["topics"] == dumped["warnings"] == []


def test_scores_keep_two_decimals() -> None:
    report = Report.model_validate({"overall": {"score": 95.51000000000001}})

    assert report.overall.score == 95.51


@pytest.mark.parametrize(
    ("path", "value", "field"),
    [
        (("items", 0, "code"), "x1", "items.0.code"),
        (("items", 0, "code"), "o11", "items.0.code"),
        (("items", 0, "code"), "i0", "items.0.code"),
        (("items", 0, "tool"), "XIT", "items.0.tool"),
        (("items", 0, "score"), 100.01, "items.0.score"),
        (("indicators", 0, "score"), -1, "indicators.0.score"),
        (("overall", "grade"), "A+", "overall.grade"),
        (("fiscal_year",), 2023, "fiscal_year"),
        (("recommendations", 0, "references", 0), "9.", "recommendations.0.references.0"),
        (("recommendations", 0, "section"), "part1", "recommendations.0.section"),
        (
            ("action_plan", "rows", 0, "timeframe", "start"),
            "2023-13",
            "action_plan.rows.0.timeframe.start",
        ),
        (("source", "sha256"), "abc", "source.sha256"),
        (("warnings", 0, "code"), "ForeignScript", "warnings.0.code"),
        (("signature", "date"), "15 มีนาคม 2568", "signature.date"),
        (("schema_version",), "2", "schema_version"),
    ],
)
def test_wrong_data_is_rejected_naming_the_field(
    contract_example: dict[str, Any], path: tuple[str | int, ...], value: object, field: str
) -> None:
    target: Any = contract_example
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value

    with pytest.raises(ValidationError) as raised:
        Report.model_validate(contract_example)

    located = {".".join(str(part) for part in error["loc"]) for error in raised.value.errors()}
    assert any(location.startswith(field) for location in located), located


def test_unknown_fields_are_rejected(contract_example: dict[str, Any]) -> None:
    contract_example["agency"]["mayor"] = "someone"

    with pytest.raises(ValidationError, match=r"agency\.mayor"):
        Report.model_validate(contract_example)


def test_assignment_is_validated() -> None:
    report = Report()

    with pytest.raises(ValidationError, match="fiscal_year"):
        report.fiscal_year = 66
