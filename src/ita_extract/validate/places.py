"""Name a finding's place as people do: ``ประเด็นที่ 1 · IIT · ข้อ i1 · หน้า 2``.

A JSON path counts from 0 (``topics[0].assessments[0].items[0]``); a person editing the
report thinks in topic numbers, tools, item codes and pages. The place is read from the report
data the path runs through, so it names the topic's own number, not its position.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from ita_extract.report import ITEM_CODE_PATTERN
from ita_extract.validate.findings import Location

PathPart = str | int

_PATH_PART = re.compile(r"\.?([^.\[\]]+)|\[(\d+)\]")
_SEPARATOR = {"th": " · ", "en": ", "}

_SECTIONS = {
    "fiscal_year": ("ปีงบประมาณ", "fiscal year"),
    "agency": ("หน่วยงาน", "agency"),
    "overall": ("ผลการประเมินภาพรวม", "overall result"),
    "action_plan": ("แผนปฏิบัติการ", "action plan"),
    "signature": ("ผู้ลงนาม", "signature"),
    "source": ("ต้นฉบับ", "source"),
    "oit_recommendation": ("ข้อเสนอแนะ OIT", "OIT recommendation"),
}
"""Top-level fields named as a heading of the report would name them."""


def parse_path(path: str) -> tuple[PathPart, ...]:
    """Return ``topics[0].items[2]`` as ``("topics", 0, "items", 2)`` (``$`` as no part)."""
    if path == "$":
        return ()
    return tuple(int(index) if index else name for name, index in _PATH_PART.findall(path))


def describe(location: Location, data: Any, lang: str) -> str:
    """Return where ``location`` is in the report ``data`` (its JSON form), in ``lang``.

    ``lang`` is ``"th"`` or ``"en"``; an unknown place gives an empty string.
    """
    thai = lang == "th"
    names: list[str] = []
    page = location.page
    node: Any = data
    parent_key: PathPart | None = None
    for part in parse_path(location.path or location.section or ""):
        node = _child(node, part)
        if isinstance(part, int):
            name, element_page = _element_name(parent_key, part, node, thai)
            names += [name] if name else []
            page = page if page is not None else element_page
        elif parent_key is None and part in _SECTIONS:
            names.append(_SECTIONS[part][0 if thai else 1])
        parent_key = part
    if location.code and not any(location.code in name for name in names):
        names.append(f"ข้อ {location.code}" if thai else f"item {location.code}")
    if page is not None:
        names.append(f"หน้า {page}" if thai else f"page {page}")
    return _SEPARATOR["th" if thai else "en"].join(names)


def _child(node: Any, part: PathPart) -> Any:
    if isinstance(part, int) and isinstance(node, Sequence) and not isinstance(node, str):
        return node[part] if 0 <= part < len(node) else None
    if isinstance(part, str) and isinstance(node, Mapping):
        return node.get(part)
    return None


def _element_name(
    list_name: PathPart | None, index: int, element: Any, thai: bool
) -> tuple[str | None, int | None]:
    """Return the name of element ``index`` of the list ``list_name``, and its page."""
    fields: Mapping[str, Any] = element if isinstance(element, Mapping) else {}
    page = fields.get("page") if isinstance(fields.get("page"), int) else None
    position = index + 1
    number = fields.get("number") if isinstance(fields.get("number"), int) else position
    code = fields.get("code")
    # -- a code the schema refuses would name nothing a person can find: the position does --
    code = code if isinstance(code, str) and re.fullmatch(ITEM_CODE_PATTERN, code) else None
    names = {
        "topics": (f"ประเด็นที่ {number}", f"topic {number}"),
        "indicators": (f"ตัวชี้วัดที่ {number}", f"indicator {number}"),
        "items": (f"ข้อ {code}", f"item {code}")
        if code
        else (f"ข้อที่ {position}", f"entry {position}"),
        "recommendations": (f"ข้อเสนอแนะที่ {position}", f"recommendation {position}"),
        "rows": (f"แถวที่ {position}", f"row {position}"),
        "limitations": (f"ข้อจำกัดที่ {position}", f"limitation {position}"),
        "warnings": (f"คำเตือนที่ {position}", f"warning {position}"),
    }
    if list_name == "assessments":
        tool = fields.get("tool")
        return (str(tool) if isinstance(tool, str) else None), page
    if isinstance(list_name, str) and list_name in names:
        return names[list_name][0 if thai else 1], page
    return None, page
