"""Check report JSON written by others against the contract before any framework rule."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ita_extract.api import read_path
from ita_extract.errors import InvalidReportError
from ita_extract.report import Report
from ita_extract.validate.findings import Finding, Location, Severity
from ita_extract.validate.rules import score_range_issue

SCHEMA_RULE = "schema.invalid"
"""Rule id of a value that breaks the contract (wrong type, unknown field, bad pattern…)."""

SCORE_RANGE_RULE = "score.range"
"""A score outside 0–100 keeps its framework rule's id, whether found in JSON or in a Report."""

_RANGE_ERRORS = frozenset({"greater_than_equal", "less_than_equal"})


def read_json(path: Path) -> Any:
    """Return the parsed JSON of ``path``.

    Raises:
        InputNotFoundError, InputIsAFolderError, UnreadableInputError: the file cannot be read.
        InvalidReportError: the file is not JSON at all (so there is nothing to validate).
    """
    data = read_path(path)
    try:
        return json.loads(data)
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise InvalidReportError(f"the file is not JSON: {error}") from error


def report_from_data(data: Any) -> tuple[Report | None, tuple[Finding, ...]]:
    """Return the report ``data`` holds, or None with the schema findings that prevent it."""
    try:
        return Report.model_validate(data), ()
    except ValidationError as error:
        return None, tuple(_finding_of_error(detail) for detail in error.errors())


def json_path(loc: Sequence[int | str]) -> str:
    """Return ``('indicators', 2, 'score')`` as ``indicators[2].score`` (the root as ``$``)."""
    path = ""
    for part in loc:
        path += f"[{part}]" if isinstance(part, int) else f".{part}"
    return path.lstrip(".") or "$"


def _finding_of_error(detail: Any) -> Finding:
    loc = tuple(detail["loc"])
    location = Location(
        section=str(loc[0]) if loc else None,
        path=json_path(loc),
        code=None,
    )
    if detail["type"] in _RANGE_ERRORS and loc and loc[-1] == "score":
        issue = score_range_issue(detail.get("input"), location)
        return Finding(
            rule=SCORE_RANGE_RULE,
            severity=Severity.ERROR,
            message_th=issue.message_th,
            message_en=issue.message_en,
            location=location,
        )
    return Finding(
        rule=SCHEMA_RULE,
        severity=Severity.ERROR,
        message_th=f"ข้อมูลที่ {location.path} ไม่ตรงตามรูปแบบ JSON ของรายงาน: {detail['msg']}",
        message_en=f"{location.path}: {detail['msg']}",
        location=location,
    )
