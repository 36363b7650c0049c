"""Rules on the indicators: numbers, tools and names against the year's framework."""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator

from rapidfuzz import fuzz

from ita_extract.framework import Framework
from ita_extract.normalize.thai import match_key
from ita_extract.records.completeness import indicator_scores
from ita_extract.report import Report
from ita_extract.validate.findings import Location, Severity
from ita_extract.validate.registry import Issue, RuleContext, framework_rule, rule
from ita_extract.validate.rules.entries import indicator_location, repeats

NAME_SIMILARITY = 80.0
"""rapidfuzz ratio from which an indicator name counts as the same name written differently
(``การใช้ทรัพย์สินของทางราชการ`` for ``การใช้ทรัพย์สินของราชการ`` scores 94)."""


@rule("indicator.duplicate", Severity.ERROR)
def indicator_duplicate(context: RuleContext) -> Iterator[Issue]:
    """An indicator number is listed twice."""
    report = context.report
    for index, number in repeats(indicator.number for indicator in report.indicators):
        yield Issue(
            f"ตัวชี้วัดที่ {number} ซ้ำ",
            f"Indicator {number} is listed twice.",
            indicator_location(report, index),
        )


@framework_rule("indicator.unknown_number", Severity.ERROR)
def indicator_unknown_number(report: Report, framework: Framework) -> Iterator[Issue]:
    """An indicator number does not exist in the year's framework (1–10 in 2561–2568)."""
    structure_established = all(spec.status.established for spec in framework.indicators)
    for index, indicator in enumerate(report.indicators):
        if framework.indicator(indicator.number) is None:
            yield Issue(
                f"ไม่มีตัวชี้วัดที่ {indicator.number} ในกรอบการประเมินปี {framework.fiscal_year}",
                f"Indicator {indicator.number} does not exist in the "
                f"{framework.fiscal_year} framework.",
                indicator_location(report, index, "number"),
                unconfirmed=not structure_established,
            )


@framework_rule("indicator.missing", Severity.ERROR)
def indicator_missing(report: Report, framework: Framework) -> Iterator[Issue]:
    """An indicator of the year's framework has no score, in a report that lists indicators.

    One finding names every missing indicator.
    """
    if not report.indicators:
        return  # report.section_missing already says so, once
    scored = indicator_scores(report)
    missing = [spec for spec in framework.indicators if spec.number not in scored]
    if missing:
        numbers = ", ".join(str(spec.number) for spec in missing)
        yield Issue(
            f"ไม่พบคะแนนตัวชี้วัดที่ {numbers}",
            f"No score for indicator {numbers}.",
            Location(section="indicators", path="indicators", code=numbers),
            unconfirmed=not all(spec.status.established for spec in missing),
        )


@framework_rule("indicator.wrong_tool", Severity.ERROR)
def indicator_wrong_tool(report: Report, framework: Framework) -> Iterator[Issue]:
    """An indicator is listed under another tool than the framework's.

    In 2561–2568 indicators 1–5 are IIT, 6–8 EIT, 9–10 OIT.
    """
    for index, indicator in enumerate(report.indicators):
        spec = framework.indicator(indicator.number)
        if spec and indicator.tool is not None and indicator.tool is not spec.tool:
            yield Issue(
                f"ตัวชี้วัดที่ {indicator.number} อยู่ในแบบ {spec.tool} ไม่ใช่ {indicator.tool}",
                f"Indicator {indicator.number} belongs to {spec.tool}, not {indicator.tool}.",
                indicator_location(report, index, "tool"),
                unconfirmed=not spec.status.established,
            )


@functools.lru_cache(maxsize=1024)
def _name_key(name: str) -> str:
    """Return :func:`match_key` of a name; cached, since every indicator meets every name."""
    return match_key(name)


def _name_similarity(name: str, candidates: Iterable[str]) -> float:
    """Return how well ``name`` matches the best of ``candidates`` (100 when one contains it)."""
    key = _name_key(name)
    best = 0.0
    for candidate in candidates:
        other = _name_key(candidate)
        if key and other and (other in key or key in other):
            return 100.0
        best = max(best, fuzz.ratio(key, other))
    return best


def _best_named_indicator(name: str, framework: Framework) -> tuple[int, float]:
    """Return the indicator number whose name ``name`` resembles most, and how much."""
    return max(
        (
            (spec.number, _name_similarity(name, (spec.name, *spec.aliases)))
            for spec in framework.indicators
        ),
        key=lambda pair: pair[1],
    )


@framework_rule("indicator.name_mismatch", Severity.ERROR)
def indicator_name_mismatch(report: Report, framework: Framework) -> Iterator[Issue]:
    """An indicator's name is the name of another indicator of the year (numbers swapped)."""
    for index, indicator in enumerate(report.indicators):
        spec = framework.indicator(indicator.number)
        if spec is None or not indicator.name:
            continue
        own = _name_similarity(indicator.name, (spec.name, *spec.aliases))
        other, similarity = _best_named_indicator(indicator.name, framework)
        if own < NAME_SIMILARITY <= similarity and other != spec.number:
            yield Issue(
                f"ชื่อ '{indicator.name}' เป็นชื่อของตัวชี้วัดที่ {other} "
                f"ไม่ใช่ตัวชี้วัดที่ {spec.number} {spec.name}",
                f"The name '{indicator.name}' is indicator {other}'s, "
                f"not indicator {spec.number}'s ({spec.name}).",
                indicator_location(report, index, "name"),
                unconfirmed=not spec.status.established,
            )


@framework_rule("indicator.name_unknown", Severity.WARNING)
def indicator_name_unknown(report: Report, framework: Framework) -> Iterator[Issue]:
    """An indicator's name resembles no indicator name of the year (misread or renamed)."""
    for index, indicator in enumerate(report.indicators):
        if not indicator.name or framework.indicator(indicator.number) is None:
            continue
        if _best_named_indicator(indicator.name, framework)[1] < NAME_SIMILARITY:
            yield Issue(
                f"ไม่รู้จักชื่อตัวชี้วัด '{indicator.name}' ในกรอบการประเมินปี {framework.fiscal_year}",
                f"The indicator name '{indicator.name}' matches no indicator of the "
                f"{framework.fiscal_year} framework.",
                indicator_location(report, index, "name"),
            )
