"""The ITA framework of each fiscal year, loaded from ``data/framework/<year>.toml``.

The framework (indicators, item codes, weights, grades, pass mark) changes between years and is
only partly documented in public. Every fact therefore carries a :class:`Status` and the citation
it came from, so a rule built on an :attr:`Status.UNCONFIRMED` fact can warn instead of failing a
report. Years are Buddhist Era; a year's file describes the assessment of that fiscal year.

>>> framework = get_framework(2566)
>>> framework.indicator(9).name if framework else None
'การเปิดเผยข้อมูล'
>>> grade_for_score(95.51), passed_for_score(84.99)
(<Grade.AA: 'AA'>, False)
"""

from __future__ import annotations

import functools
import itertools
import re
import tomllib
from collections.abc import Mapping
from enum import StrEnum
from importlib import resources
from typing import Any, Self

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from ita_extract.normalize.codes import tool_of_code
from ita_extract.report import ITEM_CODE_PATTERN, SUB_INDICATOR_PATTERN, Grade, Tool

FRAMEWORK_DATA = ("data", "framework")
"""Where the year files live inside the package."""

SOURCES_FILE = "sources.toml"
OVERALL_TOLERANCE = 0.01 + 1e-9
"""Indicator scores and the overall score are each rounded to two decimals, so the weighted mean
of the rounded indicators may differ from the published total by up to 0.005 + 0.005."""

_CODE_RANGE = re.compile(
    r"^(?P<letter>[ieO])(?P<first>[1-9][0-9]*)-(?P=letter)(?P<last>[1-9][0-9]*)$"
)
_ITEM_CODE = re.compile(ITEM_CODE_PATTERN)


class Status(StrEnum):
    """How sure a framework fact is (the tags of ``ita-framework.md``)."""

    CONFIRMED = "confirmed"
    """Seen in the cited source."""
    DERIVED = "derived"
    """Computed from cited numbers."""
    THIRD_PARTY = "third-party"
    """Copied from an agency's or school's site or code, not from an NACC document."""
    UNCONFIRMED = "unconfirmed"
    """A recollection, inference or assumption: rules relying on it only warn."""

    @property
    def established(self) -> bool:
        """Return True when a rule may raise an error on the strength of this fact."""
        return self is not Status.UNCONFIRMED


class FrameworkModel(BaseModel):
    """Base of the framework models: immutable, since loaded frameworks are cached and shared."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class Fact(FrameworkModel):
    """A framework fact with how sure it is and where it comes from."""

    status: Status
    source: str = Field(min_length=1, description="The citation, resolved from sources.toml.")


class IndicatorSpec(Fact):
    """An indicator (ตัวชี้วัด): its number, tool and Thai name."""

    number: int = Field(ge=1)
    tool: Tool
    name: str = Field(min_length=1)
    aliases: tuple[str, ...] = Field(
        default=(), description="Other names a document may use (the NACC's English names)."
    )


class SubIndicatorSpec(Fact):
    """A sub-indicator such as ``9.1 ข้อมูลพื้นฐาน``."""

    number: str = Field(pattern=SUB_INDICATOR_PATTERN)
    name: str | None = None

    @property
    def indicator_number(self) -> int:
        """Return the indicator this sub-indicator belongs to (9 for ``9.1``)."""
        return int(self.number.split(".", 1)[0])


class SubIndicatorList(Fact):
    """The sub-indicators known for a year; ``status`` says whether the list is complete."""

    entries: tuple[SubIndicatorSpec, ...] = ()


class ToolItems(Fact):
    """The item codes of one tool. The data file writes ranges (``i1-i30``) or single codes."""

    codes: frozenset[str]

    @field_validator("codes", mode="before")
    @classmethod
    def _expand_ranges(cls, value: object) -> object:
        if not isinstance(value, list | tuple):
            return value
        return frozenset(code for entry in value for code in expand_code_range(str(entry)))


class OitItemSpec(Fact):
    """An OIT checklist item with its Thai title, where a source gives one."""

    code: str = Field(pattern=r"^O[1-9][0-9]*$")
    title: str | None = None
    sub_indicator: str | None = Field(default=None, pattern=SUB_INDICATOR_PATTERN)


class Weights(Fact):
    """Each indicator's share of the overall score, in percent."""

    percent: Mapping[int, float]

    @field_validator("percent")
    @classmethod
    def _sum_to_hundred(cls, percent: Mapping[int, float]) -> Mapping[int, float]:
        if abs(sum(percent.values()) - 100) > 1e-9:
            raise ValueError(f"weights sum to {sum(percent.values())}, not 100")
        return percent


class GradeScale(Fact):
    """The lowest score of each grade from AA to E; anything below E's minimum is F."""

    minimum: Mapping[Grade, float]

    @field_validator("minimum")
    @classmethod
    def _descending(cls, minimum: Mapping[Grade, float]) -> Mapping[Grade, float]:
        expected = [grade for grade in Grade if grade is not Grade.F]
        if list(minimum) != expected:
            raise ValueError(f"grades must be listed as {', '.join(expected)}")
        bounds = list(minimum.values())
        if any(low >= high for high, low in itertools.pairwise(bounds)):
            raise ValueError(f"grade minimums must fall strictly: {bounds}")
        if not (bounds[-1] > 0 and bounds[0] <= 100):
            raise ValueError(f"grade minimums must lie in (0, 100]: {bounds}")
        return minimum

    def grade_for(self, score: float) -> Grade:
        """Return the grade of ``score`` (0–100)."""
        for grade, lowest in self.minimum.items():
            if score >= lowest:
                return grade
        return Grade.F


class PassMark(Fact):
    """The score from which an agency passes (ผ่าน)."""

    score: float = Field(ge=0, le=100)


class AnalysisReportItem(Fact):
    """The OIT item under which this year's assessment asks for the analysis of last year's."""

    code: str = Field(pattern=r"^O[1-9][0-9]*$")


class Framework(FrameworkModel):
    """The ITA framework of one fiscal year."""

    fiscal_year: int = Field(ge=2500, le=2700)
    pass_mark: PassMark
    grades: GradeScale
    weights: Weights | None = None
    analysis_report_item: AnalysisReportItem | None = None
    indicators: tuple[IndicatorSpec, ...]
    sub_indicators: SubIndicatorList
    items: Mapping[Tool, ToolItems]
    oit_items: tuple[OitItemSpec, ...] = ()

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        """Refuse a data file whose parts contradict each other."""
        numbers = [indicator.number for indicator in self.indicators]
        if numbers != list(range(1, len(numbers) + 1)):
            raise ValueError(f"indicators must be numbered 1..n in order, got {numbers}")
        if self.weights is not None and set(self.weights.percent) != set(numbers):
            raise ValueError("weights must name exactly the indicators")
        for tool, tool_items in self.items.items():
            wrong = sorted(code for code in tool_items.codes if tool_of_code(code) is not tool)
            if wrong:
                raise ValueError(f"{tool} lists codes of another tool: {wrong}")
        if {indicator.tool for indicator in self.indicators} - set(self.items):
            raise ValueError("every tool with indicators needs its item codes")
        sub_numbers = [entry.number for entry in self.sub_indicators.entries]
        if len(set(sub_numbers)) != len(sub_numbers):
            raise ValueError(f"duplicated sub-indicators: {sub_numbers}")
        if any(entry.indicator_number not in numbers for entry in self.sub_indicators.entries):
            raise ValueError(f"a sub-indicator belongs to no indicator: {sub_numbers}")
        self._check_oit_items(set(sub_numbers))
        return self

    def _check_oit_items(self, sub_numbers: set[str]) -> None:
        oit_codes = self.item_codes(Tool.OIT)
        listed = [item.code for item in self.oit_items]
        if len(set(listed)) != len(listed):
            raise ValueError("an OIT item is listed twice")
        outside = sorted(set(listed) - oit_codes)
        if outside:
            raise ValueError(f"OIT items outside the year's OIT codes: {outside}")
        if any(item.sub_indicator not in sub_numbers | {None} for item in self.oit_items):
            raise ValueError("an OIT item names a sub-indicator the year does not list")
        if self.analysis_report_item and self.analysis_report_item.code not in oit_codes:
            raise ValueError("the analysis report item is not an OIT item of the year")

    def indicator(self, number: int) -> IndicatorSpec | None:
        """Return indicator ``number``, or None when the year has no such indicator."""
        return next((spec for spec in self.indicators if spec.number == number), None)

    def sub_indicator(self, number: str) -> SubIndicatorSpec | None:
        """Return sub-indicator ``number`` (``"9.1"``), or None when it is not listed."""
        return next((spec for spec in self.sub_indicators.entries if spec.number == number), None)

    def tool_items(self, tool: Tool) -> ToolItems | None:
        """Return the item codes of ``tool`` with their status, or None when none are known."""
        return self.items.get(tool)

    def item_codes(self, tool: Tool) -> frozenset[str]:
        """Return the item codes of ``tool`` (empty when none are known)."""
        tool_items = self.items.get(tool)
        return tool_items.codes if tool_items else frozenset()

    def has_item(self, code: str) -> bool:
        """Return True when ``code`` (``i1``, ``e15``, ``O43``) is an item of this year."""
        try:
            return code in self.item_codes(tool_of_code(code))
        except ValueError:  # not an item code at all
            return False

    def oit_item(self, code: str) -> OitItemSpec | None:
        """Return what is known of OIT item ``code`` (its title), or None."""
        return next((item for item in self.oit_items if item.code == code), None)

    def overall_score(self, indicator_scores: Mapping[int, float]) -> float | None:
        """Return the weighted overall score, unrounded.

        Returns None when the year's weights are unknown or a weighted indicator has no score.
        """
        if self.weights is None:
            return None
        if not set(self.weights.percent) <= set(indicator_scores):
            return None
        return sum(
            indicator_scores[number] * percent / 100
            for number, percent in self.weights.percent.items()
        )

    def mean_mismatch(self, stated: float, indicator_scores: Mapping[int, float]) -> float | None:
        """Return the weighted mean of ``indicator_scores`` if ``stated`` is not it, else None.

        None too where the mean cannot be computed. The tolerance covers the rounding of the
        indicators and of the overall score to two decimals (:data:`OVERALL_TOLERANCE`).
        """
        computed = self.overall_score(indicator_scores)
        if computed is None or abs(stated - computed) <= OVERALL_TOLERANCE:
            return None
        return computed

    def grade_for_score(self, score: float) -> Grade:
        """Return the grade of ``score`` by this year's thresholds."""
        return self.grades.grade_for(score)

    def passed_for_score(self, score: float) -> bool:
        """Return True when ``score`` reaches this year's pass mark."""
        return score >= self.pass_mark.score


def expand_code_range(entry: str) -> tuple[str, ...]:
    """Return the codes of ``entry``: a range such as ``i1-i30`` or one code such as ``O42``.

    Raises:
        ValueError: ``entry`` is neither, or its range runs backwards.
    """
    match = _CODE_RANGE.match(entry)
    if match is None:
        if _ITEM_CODE.match(entry) is None:
            raise ValueError(f"not an item code or range: {entry!r}")
        return (entry,)
    first, last = int(match["first"]), int(match["last"])
    if first > last:
        raise ValueError(f"range runs backwards: {entry!r}")
    return tuple(f"{match['letter']}{number}" for number in range(first, last + 1))


def available_years() -> tuple[int, ...]:
    """Return the fiscal years that have a framework file, oldest first."""
    return tuple(sorted(_frameworks()))


def get_framework(fiscal_year: int | None) -> Framework | None:
    """Return the framework of ``fiscal_year`` (Buddhist Era), or None for an unknown year."""
    if fiscal_year is None:
        return None
    return _frameworks().get(fiscal_year)


def grade_for_score(score: float, fiscal_year: int | None = None) -> Grade:
    """Return the grade of ``score``: AA ≥ 95, A ≥ 85, B ≥ 75, C ≥ 65, D ≥ 55, E ≥ 50, else F.

    An unknown or missing year uses the latest known year's thresholds.
    """
    return _framework_or_latest(fiscal_year).grade_for_score(score)


def passed_for_score(score: float, fiscal_year: int | None = None) -> bool:
    """Return True when ``score`` passes (85 and above); an unknown year uses the latest one."""
    return _framework_or_latest(fiscal_year).passed_for_score(score)


def indicator_tool(number: int, fiscal_year: int | None = None) -> Tool | None:
    """Return the tool of indicator ``number`` (1–5 IIT, 6–8 EIT, 9–10 OIT in 2561–2568).

    An unknown or missing year uses the latest known year; None when there is no such indicator.
    """
    spec = _framework_or_latest(fiscal_year).indicator(number)
    return spec.tool if spec else None


def _framework_or_latest(fiscal_year: int | None) -> Framework:
    frameworks = _frameworks()
    return get_framework(fiscal_year) or frameworks[max(frameworks)]


@functools.cache
def _frameworks() -> dict[int, Framework]:
    """Load every year file once; the result is shared, which is why the models are frozen."""
    folder = resources.files("ita_extract").joinpath(*FRAMEWORK_DATA)
    sources = tomllib.loads(folder.joinpath(SOURCES_FILE).read_text(encoding="utf-8"))["sources"]
    frameworks: dict[int, Framework] = {}
    for entry in folder.iterdir():
        if not re.fullmatch(r"[0-9]{4}\.toml", entry.name):
            continue
        raw = tomllib.loads(entry.read_text(encoding="utf-8"))
        framework = Framework.model_validate(_resolve_sources(raw, sources, entry.name))
        if f"{framework.fiscal_year}.toml" != entry.name:
            raise ValueError(f"{entry.name} describes fiscal year {framework.fiscal_year}")
        frameworks[framework.fiscal_year] = framework
    return frameworks


def _resolve_sources(value: Any, sources: Mapping[str, str], file_name: str) -> Any:
    """Replace every ``source`` key by its citation, so a typo in a key cannot pass unnoticed."""
    if isinstance(value, list):
        return [_resolve_sources(element, sources, file_name) for element in value]
    if not isinstance(value, dict):
        return value
    resolved = {
        key: _resolve_sources(element, sources, file_name) for key, element in value.items()
    }
    if "source" in resolved:
        key = resolved["source"]
        if key not in sources:
            raise ValueError(f"{file_name}: unknown source {key!r}; add it to {SOURCES_FILE}")
        resolved["source"] = sources[key]
    return resolved
