"""Check report JSON written by others against the contract, and salvage what the rules can use.

A schema error must not hide every other finding (fixing would take as many rounds as there are
kinds of mistake), so the values that break the contract are set aside, one by one, until the
rest validates; the framework rules then run on that rest.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Mapping, MutableMapping, MutableSequence, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ita_extract.api import read_path
from ita_extract.errors import InvalidReportError
from ita_extract.report import (
    ISO_MONTH_PATTERN,
    ITEM_CODE_PATTERN,
    REFERENCE_PATTERN,
    SHA256_PATTERN,
    WARNING_CODE_PATTERN,
    Report,
)
from ita_extract.validate.findings import Finding, Location, Severity
from ita_extract.validate.places import PathPart
from ita_extract.validate.rules import score_range_issue

SCHEMA_RULE = "schema.invalid"
"""Rule id of a value that breaks the contract (wrong type, unknown field, bad pattern…)."""

SCORE_RANGE_RULE = "score.range"
"""A score outside 0–100 keeps its framework rule's id, whether found in JSON or in a Report."""

_RANGE_ERRORS = frozenset({"greater_than_equal", "less_than_equal"})
_MAX_SALVAGE_ROUNDS = 500
"""Each round sets one value aside; a report has a few hundred values at most."""


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
    message_th, message_en = _schema_messages(detail)
    return Finding(
        rule=SCHEMA_RULE,
        severity=Severity.ERROR,
        message_th=f"ข้อมูลที่ {location.path} {message_th}",
        message_en=f"{location.path}: {message_en}",
        location=location,
    )


_FORMS = {
    ITEM_CODE_PATTERN: ("รหัสข้อ เช่น i1, e5, O11", "an item code such as i1, e5, O11"),
    REFERENCE_PATTERN: (
        "รหัสข้อหรือตัวชี้วัดย่อย เช่น O13, 9.1",
        "an item or sub-indicator code such as O13, 9.1",
    ),
    ISO_MONTH_PATTERN: ("ปี ค.ศ.-เดือน เช่น 2023-10", "a year and month such as 2023-10"),
    WARNING_CODE_PATTERN: (
        "รหัสคำเตือนคั่นด้วยจุด เช่น text.foreign_script",
        "a dotted warning code such as text.foreign_script",
    ),
    SHA256_PATTERN: ("เลขฐานสิบหก 64 หลัก", "64 hexadecimal digits"),
}
"""What each pattern of the contract asks for, in words: a regular expression helps nobody."""

_THAI_MESSAGES = {
    "missing": "ขาดค่าที่ต้องมี",
    "extra_forbidden": "ไม่มีช่องนี้ในรูปแบบของรายงาน",
    "string_type": "ต้องเป็นข้อความ",
    "int_type": "ต้องเป็นจำนวนเต็ม",
    "int_parsing": "ต้องเป็นจำนวนเต็ม",
    "int_from_float": "ต้องเป็นจำนวนเต็ม",
    "float_type": "ต้องเป็นตัวเลข",
    "float_parsing": "ต้องเป็นตัวเลข",
    "bool_type": "ต้องเป็นค่าจริงหรือเท็จ (true, false)",
    "bool_parsing": "ต้องเป็นค่าจริงหรือเท็จ (true, false)",
    "list_type": "ต้องเป็นรายการ",
    "dict_type": "ต้องเป็นกลุ่มข้อมูล",
    "model_type": "ต้องเป็นกลุ่มข้อมูล",
    "model_attributes_type": "ต้องเป็นกลุ่มข้อมูล",
    "string_too_short": "ต้องไม่เป็นข้อความว่าง",
    "too_short": "ต้องไม่ว่าง",
    "date_type": "ต้องเป็นวันที่ ค.ศ. แบบ ปปปป-ดด-วว เช่น 2024-03-29",
    "date_parsing": "ต้องเป็นวันที่ ค.ศ. แบบ ปปปป-ดด-วว เช่น 2024-03-29",
    "date_from_datetime_parsing": "ต้องเป็นวันที่ ค.ศ. แบบ ปปปป-ดด-วว เช่น 2024-03-29",
}
"""Thai wording of pydantic's error types: ``--lang th`` must not print English."""


def _schema_messages(detail: Any) -> tuple[str, str]:
    """Return the Thai and the English message of one pydantic error, without its regex."""
    kind, context = detail["type"], detail.get("ctx") or {}
    found = "" if kind == "missing" else f" (พบ {_shown(detail.get('input'))})"
    if kind == "string_pattern_mismatch":
        thai, english = _FORMS.get(context.get("pattern", ""), ("รูปแบบที่กำหนด", "the set form"))
        return f"ต้องเป็น{thai}{found}", f"expected {english}, not {_shown(detail.get('input'))}"
    bounds = {
        "greater_than_equal": ("ต้องไม่น้อยกว่า", "ge"),
        "greater_than": ("ต้องมากกว่า", "gt"),
        "less_than_equal": ("ต้องไม่มากกว่า", "le"),
        "less_than": ("ต้องน้อยกว่า", "lt"),
    }
    if kind in bounds:
        words, bound = bounds[kind]
        return f"{words} {context.get(bound)}{found}", detail["msg"]
    if kind in {"literal_error", "enum"}:
        return f"ต้องเป็นค่าใดค่าหนึ่งต่อไปนี้: {context.get('expected')}{found}", detail["msg"]
    thai = _THAI_MESSAGES.get(kind, "ไม่ตรงตามรูปแบบ JSON ของรายงาน")
    return f"{thai}{found}", detail["msg"]


def _shown(value: Any) -> str:
    """Return ``value`` as JSON, cut short: enough to find it in the file."""
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 40 else text[:39] + "…"


@dataclass
class Salvaged:
    """What of a schema-invalid report the rules can look at, and how to map paths back."""

    report: Report
    data: Any
    """The salvaged JSON, whose lists are the report's (so paths walk both alike)."""
    origins: dict[int, list[int]]
    """For each list of ``data`` (by ``id``), the original index of each element left."""
    set_aside: list[tuple[PathPart, ...]] = field(default_factory=list)
    """The original paths of the values set aside."""

    def original_path(self, path: Sequence[PathPart]) -> tuple[PathPart, ...] | None:
        """Return ``path`` of the salvaged report as a path of the original JSON."""
        node: Any = self.data
        parts: list[PathPart] = []
        for part in path:
            if isinstance(part, int) and isinstance(node, list):
                if not 0 <= part < len(node):
                    return None
                parts.append(self.origins[id(node)][part])
                node = node[part]
            else:
                parts.append(part)
                node = node.get(part) if isinstance(node, Mapping) else None
        return tuple(parts)

    def is_set_aside(self, path: tuple[PathPart, ...]) -> bool:
        """Return whether ``path`` lies in (or is) a value that was set aside."""
        return any(path[: len(aside)] == aside for aside in self.set_aside)


def salvage(data: Any) -> Salvaged | None:
    """Return the largest valid report that ``data`` holds, or None when nothing is left.

    A value that breaks the contract is set to null, then removed (its default applies);
    where neither helps, its parent goes the same way: a list element is dropped whole.
    """
    if not isinstance(data, Mapping):
        return None
    candidate: dict[str, Any] = copy.deepcopy(dict(data))
    salvaged = Salvaged(
        Report(), candidate, {id(node): list(range(len(node))) for node in _lists(candidate)}
    )
    tries: dict[tuple[PathPart, ...], int] = {}
    for _ in range(_MAX_SALVAGE_ROUNDS):
        try:
            salvaged.report = Report.model_validate(candidate)
            return salvaged
        except ValidationError as error:
            loc = _reachable(candidate, tuple(error.errors()[0]["loc"]))
        if not _set_aside(salvaged, loc, tries):
            return None
    return None


def _set_aside(
    salvaged: Salvaged, loc: tuple[PathPart, ...], tries: dict[tuple[PathPart, ...], int]
) -> bool:
    """Make one more attempt at ``loc``, or at its parent once ``loc``'s are spent."""
    while loc:
        container = _node(salvaged.data, loc[:-1])
        original = salvaged.original_path(loc)
        attempt = tries.get(original or loc, 0)
        tries[original or loc] = attempt + 1
        if isinstance(container, MutableMapping) and attempt < 2:
            if attempt == 0 and container.get(loc[-1], 0) is not None:
                container[loc[-1]] = None
            else:
                container.pop(loc[-1], None)
            if original is not None and original not in salvaged.set_aside:
                salvaged.set_aside.append(original)
            return True
        if isinstance(container, MutableSequence) and attempt == 0 and isinstance(loc[-1], int):
            del container[loc[-1]]
            del salvaged.origins[id(container)][loc[-1]]
            if original is not None:
                salvaged.set_aside.append(original)
            return True
        loc = loc[:-1]
    return False


def _reachable(data: Any, loc: tuple[Any, ...]) -> tuple[PathPart, ...]:
    """Return the longest head of ``loc`` that the data holds (a missing last key counts)."""
    node = data
    reached: list[PathPart] = []
    for part in loc:
        if isinstance(node, MutableMapping) and isinstance(part, str):
            reached.append(part)
            if part not in node:
                break
            node = node[part]
        elif isinstance(node, MutableSequence) and isinstance(part, int) and 0 <= part < len(node):
            reached.append(part)
            node = node[part]
        else:
            break  # -- a union member's tag, or a value that is no container --
    return tuple(reached)


def _node(data: Any, loc: tuple[PathPart, ...]) -> Any:
    node = data
    for part in loc:
        node = node[part]
    return node


def _lists(node: Any) -> list[list[Any]]:
    """Return every list inside ``node``, itself included."""
    found: list[list[Any]] = []
    if isinstance(node, list):
        found.append(node)
        children: Sequence[Any] = node
    elif isinstance(node, Mapping):
        children = list(node.values())
    else:
        return found
    for child in children:
        found += _lists(child)
    return found
