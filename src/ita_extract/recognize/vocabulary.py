"""The recognition vocabulary: heading phrases and header keywords from ``data/vocabulary.toml``.

ITA knowledge lives in that data file, not in code, so a report that renames a section or a
column is handled by adding a phrase there. This module only loads and types it.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from importlib import resources
from typing import Any

from ita_extract.report import Tool


class SectionKind(StrEnum):
    """The parts of an analysis report that are told by a heading."""

    TITLE = "title"
    """Everything before the first heading: title block, overall result, indicator table."""
    ANALYSIS = "analysis"
    """Part 1, the per-topic analysis."""
    TOPIC = "topic"
    """One topic (``ประเด็นที่ N``) of part 1."""
    EIT_SURVEY = "eit_survey"
    OIT_RECOMMENDATION = "oit_recommendation"
    ACTION_PLAN = "action_plan"
    LIMITATIONS = "limitations"
    SIGNATURE = "signature"


class TableKind(StrEnum):
    """The kinds of table an analysis report holds, told by their header words."""

    INDICATOR = "indicator"
    TOPIC = "topic"
    ANALYSIS = "analysis"
    ACTION_PLAN = "action_plan"


class ColumnRole(StrEnum):
    """What a table column holds."""

    TOOL = "tool"
    NUMBER = "number"
    NAME = "name"
    SCORE = "score"
    TITLE = "title"
    QUESTION = "question"
    REMARK = "remark"
    ISSUE = "issue"
    GUIDANCE = "guidance"
    RESPONSIBLE = "responsible"
    TIMEFRAME = "timeframe"
    TOPIC = "topic"
    MEASURE = "measure"
    STEPS = "steps"


@dataclass(frozen=True)
class TableVocabulary:
    """The header words of one table kind."""

    kind: TableKind
    columns: Mapping[ColumnRole, tuple[str, ...]]
    required: frozenset[ColumnRole]


@dataclass(frozen=True)
class Vocabulary:
    """Every phrase list of ``vocabulary.toml``, typed.

    ``phrases`` holds the free-form groups (``overall.score_phrases``, ``agency.kinds`` …) under
    their dotted TOML path, so builders ask for ``vocabulary.phrases["agency.kinds"]``.
    """

    sections: Mapping[SectionKind, tuple[str, ...]]
    part_sections: Mapping[SectionKind, tuple[str, ...]]
    """Short names that open a section only after a part number (``ส่วนที่ ๓ ข้อจำกัด``)."""
    whole_sections: Mapping[SectionKind, tuple[str, ...]]
    """Short names that open a section when they are the whole paragraph (``ข้อจำกัด``)."""
    part_prefixes: tuple[str, ...]
    topic_prefixes: tuple[str, ...]
    tables: Mapping[TableKind, TableVocabulary]
    tools: Mapping[Tool, tuple[str, ...]]
    phrases: Mapping[str, tuple[str, ...]]
    numbers: Mapping[str, int]

    def words(self, path: str) -> tuple[str, ...]:
        """Return the phrase list at dotted ``path``; a missing path is a bug, so it raises."""
        return self.phrases[path]


@cache
def load_vocabulary() -> Vocabulary:
    """Return the packaged vocabulary, read once per process."""
    text = resources.files("ita_extract.data").joinpath("vocabulary.toml").read_text("utf-8")
    return toml_to_vocabulary(tomllib.loads(text))


def toml_to_vocabulary(data: Mapping[str, Any]) -> Vocabulary:
    """Given the parsed TOML, return the typed vocabulary."""
    sections = {
        SectionKind(name): tuple(entry["phrases"]) for name, entry in data["sections"].items()
    }
    part_sections = _section_lists(data, "part_phrases")
    whole_sections = _section_lists(data, "whole_phrases")
    tables = {
        TableKind(name): TableVocabulary(
            kind=TableKind(name),
            columns={ColumnRole(role): tuple(words) for role, words in entry["columns"].items()},
            required=frozenset(ColumnRole(role) for role in entry["required"]),
        )
        for name, entry in data["tables"].items()
    }
    tools = {Tool(name): tuple(words) for name, words in data["tools"].items()}
    phrases: dict[str, tuple[str, ...]] = {}
    numbers: dict[str, int] = {}
    skip = {"sections", "tables", "tools", "topic_heading", "part_heading"}
    for group, entry in data.items():
        if group in skip:
            continue
        for key, value in entry.items():
            if isinstance(value, list):
                phrases[f"{group}.{key}"] = tuple(value)
            elif isinstance(value, int):
                numbers[f"{group}.{key}"] = value
    return Vocabulary(
        sections=sections,
        part_sections=part_sections,
        whole_sections=whole_sections,
        part_prefixes=tuple(data["part_heading"]["prefixes"]),
        topic_prefixes=tuple(data["topic_heading"]["prefixes"]),
        tables=tables,
        tools=tools,
        phrases=phrases,
        numbers=numbers,
    )


def _section_lists(data: Mapping[str, Any], key: str) -> dict[SectionKind, tuple[str, ...]]:
    """Return each section's optional phrase list ``key`` (empty where it has none)."""
    return {
        SectionKind(name): tuple(entry.get(key, ())) for name, entry in data["sections"].items()
    }
