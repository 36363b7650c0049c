from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import ita_extract.validate as validate_module
from ita_extract.errors import InputNotFoundError, InvalidReportError, ItaExtractError
from ita_extract.report import Report
from ita_extract.validate import SCHEMA_RULE, validate
from ita_extract.validate.schema import json_path


@pytest.mark.parametrize(
    ("loc", "path"),
    [
        (("indicators", 2, "score"), "indicators[2].score"),
        (("action_plan", "rows", 0, "timeframe", "text"), "action_plan.rows[0].timeframe.text"),
        (("fiscal_year",), "fiscal_year"),
        ((), "$"),
    ],
)
def test_json_path(loc: tuple[int | str, ...], path: str) -> None:
    assert json_path(loc) == path


def _set(data: dict[str, Any], path: list[Any], value: Any) -> None:
    target: Any = data
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value


@pytest.mark.parametrize(
    ("where", "value", "rule", "path"),
    [
        (["indicators", 2, "score"], "ninety", SCHEMA_RULE, "indicators[2].score"),
        (["indicators", 2, "score"], 120, "score.range", "indicators[2].score"),
        (["items", 0, "code"], "x1", SCHEMA_RULE, "items[0].code"),
        (["items", 1, "tool"], "XIT", SCHEMA_RULE, "items[1].tool"),
        (["overall", "grade"], "A+", SCHEMA_RULE, "overall.grade"),
        (
            ["action_plan", "rows", 0, "timeframe", "start"],
            "ตุลาคม",
            SCHEMA_RULE,
            "action_plan.rows[0].timeframe.start",
        ),
        (["bogus"], 1, SCHEMA_RULE, "bogus"),
        (["fiscal_year"], 1999, SCHEMA_RULE, "fiscal_year"),
    ],
)
def test_schema_errors_name_their_json_path(
    report_data: dict[str, Any], where: list[Any], value: Any, rule: str, path: str
) -> None:
    _set(report_data, where, value)

    result = validate(report_data)

    # -- the schema finding first; the rules then run on the rest, never again on that value --
    assert (result.findings[0].rule, result.findings[0].location.path) == (rule, path)
    assert [f.location.path for f in result.findings].count(path) == 1
    assert result.findings[0].location.section == where[0]
    assert not result.valid


def test_json_that_is_not_an_object_fails_at_the_root(tmp_path: Path) -> None:
    path = tmp_path / "list.json"
    path.write_text("[1, 2]", encoding="utf-8")

    (finding,) = validate(path).findings

    assert finding.rule == SCHEMA_RULE
    assert finding.location.path == "$"


def test_framework_rules_run_beside_a_schema_error(report_data: dict[str, Any]) -> None:
    report_data["overall"]["grade"] = "F"  # a grade mismatch, beside a field the schema refuses
    report_data["bogus"] = True
    report_data["indicators"][2]["score"] = "ninety"

    result = validate(report_data)

    found = {(finding.rule, finding.location.path) for finding in result.findings}
    assert {
        (SCHEMA_RULE, "bogus"),
        (SCHEMA_RULE, "indicators[2].score"),
        ("overall.grade_mismatch", "overall.grade"),
    } <= found
    assert result.findings[0].rule == SCHEMA_RULE
    assert result.fiscal_year == 2566


def test_paths_of_rule_findings_count_in_the_original_lists(report_data: dict[str, Any]) -> None:
    report_data["indicators"][0]["number"] = "one"  # -- number is required: the row goes
    report_data["indicators"][4]["tool"] = "EIT"  # -- the framework says IIT

    result = validate(report_data)

    wrong_tool = [f for f in result.findings if f.rule == "indicator.wrong_tool"]
    assert [f.location.path for f in wrong_tool] == ["indicators[4].tool"]


def test_places_are_named_as_people_name_them(report_data: dict[str, Any]) -> None:
    report_data["topics"][0]["assessments"][0]["items"][0]["score"] = 120

    (finding,) = [f for f in validate(report_data).findings if f.rule == "score.range"]

    assert finding.location.path == "topics[0].assessments[0].items[0].score"
    assert finding.location.place_th == "ประเด็นที่ 1 · IIT · ข้อ i1 · หน้า 2"
    assert finding.location.place_en == "topic 1, IIT, item i1, page 2"


def test_a_json_file_is_read_and_named(tmp_path: Path, report_data: dict[str, Any]) -> None:
    path = tmp_path / "ise-2566.json"
    path.write_text(json.dumps(report_data, ensure_ascii=False), encoding="utf-8")

    result = validate(path)

    assert result.findings == ()
    assert result.source == "ise-2566.json"


@pytest.mark.parametrize(
    ("content", "error"),
    [
        (b"{not json", InvalidReportError),
        (b"\xff\xfe\x00garbage", InvalidReportError),
    ],
)
def test_a_json_file_that_is_not_json_is_unreadable(
    tmp_path: Path, content: bytes, error: type[ItaExtractError]
) -> None:
    path = tmp_path / "broken.json"
    path.write_bytes(content)

    with pytest.raises(error, match="not JSON"):
        validate(path)


def test_a_missing_file_is_unreadable(tmp_path: Path) -> None:
    with pytest.raises(InputNotFoundError, match="no such file"):
        validate(tmp_path / "missing.json")


def test_a_document_is_parsed_first(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, report_data: dict[str, Any]
) -> None:
    parsed: list[Path] = []
    report = Report.model_validate(report_data)

    def fake_parse(path: Path) -> Report:
        parsed.append(path)
        return report

    monkeypatch.setattr(validate_module, "parse", fake_parse)

    result = validate(str(tmp_path / "ise-2566.PDF"))

    assert parsed == [tmp_path / "ise-2566.PDF"]
    assert result.source == "ise-2566.pdf"  # the name the report records


def test_a_document_that_cannot_be_parsed_raises(tmp_path: Path) -> None:
    path = tmp_path / "notes.docx"
    path.write_text("สวัสดี", encoding="utf-8")

    with pytest.raises(ItaExtractError):
        validate(path)
