"""Rules on recommendations: their references and topics."""

from __future__ import annotations

from collections.abc import Iterator

from ita_extract.framework import Framework
from ita_extract.normalize.codes import tool_of_code
from ita_extract.normalize.thai import match_key
from ita_extract.report import RecommendationSection, Report
from ita_extract.validate.findings import Location, Severity
from ita_extract.validate.registry import Issue, RuleContext, framework_rule, rule
from ita_extract.validate.rules.entries import repeats


def _reference_known(reference: str, framework: Framework) -> tuple[bool, bool]:
    """Return whether ``reference`` exists in the year, and whether that answer is established."""
    if "." in reference:
        exists = framework.sub_indicator(reference) is not None
        parent = framework.indicator(int(reference.split(".", 1)[0]))
        established = parent is None or framework.sub_indicators.status.established
        return exists, established
    exists = framework.has_item(reference)
    tool_items = framework.tool_items(tool_of_code(reference))
    return exists, tool_items is not None and tool_items.status.established


@framework_rule("recommendation.unknown_reference", Severity.ERROR)
def recommendation_unknown_reference(report: Report, framework: Framework) -> Iterator[Issue]:
    """A recommendation names an item code or sub-indicator the year's framework lacks.

    Both ``codes`` (what it is about) and ``references`` (what it cites) are checked.
    """
    for index, recommendation in enumerate(report.recommendations):
        for field, references in (
            ("codes", recommendation.codes),
            ("references", recommendation.references),
        ):
            for reference in references:
                exists, established = _reference_known(reference, framework)
                if not exists:
                    yield Issue(
                        f"ข้อเสนอแนะอ้างถึง {reference} ซึ่งไม่มีในกรอบการประเมินปี {framework.fiscal_year}",
                        f"A recommendation refers to {reference}, which does not exist in the "
                        f"{framework.fiscal_year} framework.",
                        Location(
                            section="recommendations",
                            path=f"recommendations[{index}].{field}",
                            page=recommendation.page,
                            code=reference,
                        ),
                        unconfirmed=not established,
                    )


@rule("recommendation.duplicate", Severity.WARNING)
def recommendation_duplicate(context: RuleContext) -> Iterator[Issue]:
    """The same recommendation (section, topic, codes and text) appears twice."""
    recommendations = context.report.recommendations
    keys = (
        (rec.section, rec.topic, tuple(rec.codes), match_key(rec.text)) for rec in recommendations
    )
    for index, _ in repeats(keys):
        recommendation = recommendations[index]
        codes = ", ".join(recommendation.codes) or None
        yield Issue(
            "ข้อเสนอแนะซ้ำกับข้อเสนอแนะก่อนหน้า",
            "This recommendation repeats an earlier one.",
            Location(
                section="recommendations",
                path=f"recommendations[{index}]",
                page=recommendation.page,
                code=codes,
            ),
        )


@rule("recommendation.topic_mismatch", Severity.ERROR)
def recommendation_topic_mismatch(context: RuleContext) -> Iterator[Issue]:
    """A recommendation's topic number does not fit its section.

    A ``topic`` recommendation needs a topic number the report has; others have none.
    """
    report = context.report
    topic_numbers = {topic.number for topic in report.topics}
    for index, recommendation in enumerate(report.recommendations):
        in_topic = recommendation.section is RecommendationSection.TOPIC
        topic = recommendation.topic
        if in_topic and topic is None:
            problem_th, problem_en = "ไม่ระบุประเด็น", "has no topic number"
        elif not in_topic and topic is not None:
            problem_th = f"อยู่ในส่วน {recommendation.section} แต่ระบุประเด็นที่ {topic}"
            problem_en = f"is in section {recommendation.section} but names topic {topic}"
        elif topic is not None and topic_numbers and topic not in topic_numbers:
            problem_th, problem_en = (
                f"อ้างประเด็นที่ {topic} ซึ่งไม่มีในรายงาน",
                f"names topic {topic}, which the report lacks",
            )
        else:
            continue
        yield Issue(
            f"ข้อเสนอแนะ{problem_th}",
            f"A recommendation {problem_en}.",
            Location(
                section="recommendations",
                path=f"recommendations[{index}].topic",
                page=recommendation.page,
            ),
        )
