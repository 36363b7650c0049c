"""What a built report lacks, and where its values disagree: completeness and cross-checks.

Runs once the records are built. Each part the framework of the report's fiscal year expects
(agency, fiscal year, overall score and result, each indicator, items per tool, topic
assessments, recommendations, action plan, limitations, signature) is marked found or not, and
the headline facts that are absent get ``missing.*`` warnings, so a null never passes for a
value. The ``check.*`` warnings compare values read in different places: a misread score
shows as an overall score that is not the indicators' weighted mean.
"""

from __future__ import annotations

from collections import Counter

from ita_extract import framework
from ita_extract.normalize.codes import tool_of_code
from ita_extract.report import (
    Completeness,
    PartFound,
    RecommendationSection,
    Report,
    Tool,
    Warning,
)
from ita_extract.warning_codes import WarningCode

_TOOLS = (Tool.IIT, Tool.EIT, Tool.OIT)


def indicator_scores(report: Report) -> dict[int, float]:
    """Return each indicator's score, the first one where a number is listed twice."""
    scores: dict[int, float] = {}
    for indicator in report.indicators:
        if indicator.score is not None:
            scores.setdefault(indicator.number, indicator.score)
    return scores


def _expected_indicators(report: Report) -> tuple[int, ...] | None:
    """Return the indicator numbers of the report's year, or None where the year is unknown."""
    year = framework.get_framework(report.fiscal_year)
    return None if year is None else tuple(spec.number for spec in year.indicators)


def assess_completeness(report: Report) -> Completeness:
    """Return which parts the framework of the report's year expects were found.

    Where the year (so its framework) is unknown, the indicators count as one part. The single
    analysis table stands for the topic tables in reports laid out that way.
    """
    overall, plan, signature = report.overall, report.action_plan, report.signature
    found_numbers = {indicator.number for indicator in report.indicators}
    numbers = _expected_indicators(report)
    indicators = (
        [("indicators", bool(report.indicators))]
        if numbers is None
        else [(f"indicator.{number}", number in found_numbers) for number in numbers]
    )
    item_tools = {item.tool for item in report.items}
    parts = [
        ("agency", bool(report.agency.name)),
        ("fiscal_year", report.fiscal_year is not None),
        ("overall.score", overall.score is not None),
        ("overall.result", overall.result is not None),
        *indicators,
        *((f"items.{tool}", tool in item_tools) for tool in _TOOLS),
        (
            "topics",
            any(topic.assessments for topic in report.topics)
            or any(rec.section is RecommendationSection.ANALYSIS for rec in report.recommendations),
        ),
        ("recommendations", bool(report.recommendations or report.oit_recommendation)),
        ("action_plan", bool(plan and plan.rows)),
        ("limitations", bool(report.limitations)),
        ("signature", bool(signature.name or signature.date)),
    ]
    found = sum(present for _, present in parts)
    return Completeness(
        parts=[PartFound(part=part, found=present) for part, present in parts],
        share=round(found / len(parts), 2),
    )


def missing_warnings(report: Report) -> list[Warning]:
    """Return a ``missing.*`` warning for each headline fact the report lacks."""
    warnings = []
    if not report.agency.name:
        warnings.append(Warning(code=WarningCode.MISSING_AGENCY, message="no agency name found"))
    if report.fiscal_year is None:
        warnings.append(
            Warning(
                code=WarningCode.MISSING_FISCAL_YEAR,
                message="no fiscal year found; the framework of the year cannot be applied",
            )
        )
    if report.overall.score is None:
        warnings.append(
            Warning(
                code=WarningCode.MISSING_OVERALL,
                message="no overall score found (sentence, score box or total row)",
            )
        )
    numbers = _expected_indicators(report)
    found = {indicator.number for indicator in report.indicators}
    absent = [number for number in numbers or () if number not in found]
    if absent:
        listed = ", ".join(map(str, absent))
        warnings.append(
            Warning(
                code=WarningCode.MISSING_INDICATORS,
                message=f"{len(found & set(numbers or ()))} of the {len(numbers or ())} "
                f"indicators of {report.fiscal_year} found; not found: {listed}",
            )
        )
    return warnings


def cross_check_warnings(report: Report) -> list[Warning]:
    """Return a ``check.*`` warning wherever values read in different places disagree."""
    warnings = []
    year = framework.get_framework(report.fiscal_year)
    stated = report.overall.score
    if year is not None and stated is not None:
        mean = year.mean_mismatch(stated, indicator_scores(report))
        if mean is not None and year.weights is not None:
            assumed = "" if year.weights.status.established else " (the year's weights assumed)"
            warnings.append(
                Warning(
                    code=WarningCode.CHECK_OVERALL_MEAN,
                    message=f"overall score {stated:.2f} is not the weighted mean of the "
                    f"indicator scores ({mean:.2f}{assumed}); one of them may be misread",
                )
            )
    for topic in report.topics:
        for assessment in topic.assessments:
            for item in assessment.items:
                if tool_of_code(item.code) is not assessment.tool:
                    warnings.append(
                        Warning(
                            code=WarningCode.CHECK_ITEM_TOOL,
                            message=f"topic {topic.number}: item {item.code} is listed under "
                            f"{assessment.tool}",
                            page=item.page,
                        )
                    )
    repeated = Counter(indicator.number for indicator in report.indicators)
    for indicator in report.indicators:
        if repeated.pop(indicator.number, 1) > 1:
            scores = [i.score for i in report.indicators if i.number == indicator.number]
            warnings.append(
                Warning(
                    code=WarningCode.CHECK_STATED_TWICE,
                    message=f"indicator {indicator.number} is stated twice (scores {scores})",
                    page=indicator.page,
                )
            )
    return warnings


def with_completeness(report: Report) -> Report:
    """Return ``report`` with its completeness section and its missing and check warnings."""
    return report.model_copy(
        update={
            "completeness": assess_completeness(report),
            "warnings": [
                *report.warnings,
                *missing_warnings(report),
                *cross_check_warnings(report),
            ],
        }
    )
