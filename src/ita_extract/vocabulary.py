"""The vocabulary of ITA reports: heading phrases, header keywords, words inside sections.

ITA knowledge lives in ``data/vocabulary.toml``, not in code, so a report that renames a section
or a column is handled by adding a phrase there. This module only loads and types it; it sits
beside ``framework.py`` so that recognition, record builders, normalisation and validation all
read the one source without reaching into each other.
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


class Phrases(StrEnum):
    """The phrase lists of ``vocabulary.toml`` outside sections, tables and tools, by TOML path.

    Builders ask for ``vocabulary.words(Phrases.AGENCY_KINDS)``: a misspelt name fails at import
    (and under mypy), and loading checks that the data file has exactly these lists.
    """

    SCORE_COLUMNS_PREVIOUS = "score_columns.previous"
    SCORE_COLUMNS_YEAR_WORDS = "score_columns.year_words"
    SCORE_COLUMNS_DIFFERENCE = "score_columns.difference"
    SCORE_COLUMNS_WEIGHT = "score_columns.weight"
    TITLE_ANALYSIS_PHRASES = "title.analysis_phrases"
    TITLE_REPORT_PHRASES = "title.report_phrases"
    TITLE_FISCAL_YEAR_MARKERS = "title.fiscal_year_markers"
    TITLE_MEASURE_PHRASES = "title.measure_phrases"
    TITLE_DISTRICT_PREFIXES = "title.district_prefixes"
    TITLE_PROVINCE_PREFIXES = "title.province_prefixes"
    TITLE_PROVINCE_NAMES = "title.province_names"
    AGENCY_KINDS = "agency.kinds"
    AGENCY_INTRODUCERS = "agency.introducers"
    AGENCY_NOT_AGENCIES = "agency.not_agencies"
    OVERALL_SCORE_PHRASES = "overall.score_phrases"
    OVERALL_RESULT_PHRASES = "overall.result_phrases"
    OVERALL_RESULT_PHRASES_IF_RESULT_WORD = "overall.result_phrases_if_result_word"
    OVERALL_TERSE_SCORE_BEFORE = "overall.terse_score_before"
    OVERALL_ANCHORS = "overall.anchors"
    OVERALL_HEADINGS = "overall.headings"
    OVERALL_NOT_OVERALL = "overall.not_overall"
    OVERALL_PASS_MARK_BEFORE = "overall.pass_mark_before"
    OVERALL_PASS_MARK_AFTER = "overall.pass_mark_after"
    OVERALL_PASSED_WORDS = "overall.passed_words"
    OVERALL_FAILED_WORDS = "overall.failed_words"
    OVERALL_TOTAL_ROWS = "overall.total_rows"
    REMARKS_STATUSES = "remarks.statuses"
    REMARKS_LABELS = "remarks.labels"
    REMARKS_REFERENCE_MARKERS = "remarks.reference_markers"
    INDICATORS_NUMBER_PREFIXES = "indicators.number_prefixes"
    INDICATORS_SCORE_CONNECTIVES = "indicators.score_connectives"
    ITEMS_SCORE_WORDS = "items.score_words"
    ITEMS_NOT_BETWEEN = "items.not_between"
    RESPONSIBLE_UNIT_HEADS = "responsible.unit_heads"
    RESPONSIBLE_ORGANISATION_HEADS = "responsible.organisation_heads"
    RESPONSIBLE_UNIT_INNER_COMPOUNDS = "responsible.unit_inner_compounds"
    RESPONSIBLE_CONJUNCTIONS = "responsible.conjunctions"
    LIMITATIONS_PREFIXES = "limitations.prefixes"
    LIMITATIONS_CATEGORY_JOINERS = "limitations.category_joiners"
    LIMITATIONS_TEMPLATE_INSTRUCTIONS = "limitations.template_instructions"
    LIMITATIONS_INTRODUCTION_ENDINGS = "limitations.introduction_endings"
    LIMITATIONS_TABLE_HEADERS = "limitations.table_headers"
    SIGNATURE_DATE_PHRASES = "signature.date_phrases"
    SIGNATURE_SIGN_PHRASES = "signature.sign_phrases"
    SIGNATURE_POSITION_PREFIXES = "signature.position_prefixes"
    SIGNATURE_NAME_TITLES = "signature.name_titles"


class Setting(StrEnum):
    """The numbers of ``vocabulary.toml``, by TOML path."""

    ITEMS_MAX_CHARS_BETWEEN = "items.max_chars_between"


@dataclass(frozen=True)
class TableVocabulary:
    """The header words of one table kind."""

    kind: TableKind
    columns: Mapping[ColumnRole, tuple[str, ...]]
    required: frozenset[ColumnRole]


@dataclass(frozen=True)
class Vocabulary:
    """Every phrase list of ``vocabulary.toml``, typed.

    ``phrases`` holds the free-form groups (``overall.score_phrases``, ``agency.kinds`` …) by
    their :class:`Phrases` name, so builders ask for ``vocabulary.words(Phrases.AGENCY_KINDS)``.
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
    phrases: Mapping[Phrases, tuple[str, ...]]
    numbers: Mapping[Setting, int]

    def words(self, name: Phrases) -> tuple[str, ...]:
        """Return the phrase list ``name``."""
        return self.phrases[name]

    def every_phrase(self) -> tuple[str, ...]:
        """Return every phrase of every list once, in the file's order: what reports write."""
        groups = [
            *self.sections.values(),
            *self.part_sections.values(),
            *self.whole_sections.values(),
            self.part_prefixes,
            self.topic_prefixes,
            *(column for table in self.tables.values() for column in table.columns.values()),
            *self.tools.values(),
            *self.phrases.values(),
        ]
        return tuple(dict.fromkeys(phrase for group in groups for phrase in group))


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
    phrases: dict[Phrases, tuple[str, ...]] = {}
    numbers: dict[Setting, int] = {}
    skip = {"sections", "tables", "tools", "topic_heading", "part_heading"}
    for group, entry in data.items():
        if group in skip:
            continue
        for key, value in entry.items():
            # -- a list or number the code has no name for is a typo in the data: it raises --
            if isinstance(value, list):
                phrases[Phrases(f"{group}.{key}")] = tuple(value)
            elif isinstance(value, int):
                numbers[Setting(f"{group}.{key}")] = value
    absent = [str(name) for name in (*Phrases, *Setting) if name not in {*phrases, *numbers}]
    if absent:
        raise ValueError(f"vocabulary.toml lacks {', '.join(absent)}")
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
