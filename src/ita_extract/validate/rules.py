"""The validation rules, one small check each, registered in documentation order.

Each check's docstring is the rule's description in ``docs/validation.md``. Checks yield
:class:`Issue` objects; the registry names the rule and sets the severity. A check marks an
issue ``unconfirmed`` when the framework fact it relies on is unconfirmed, which lowers an error
to a warning.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from rapidfuzz import fuzz

from ita_extract.framework import Fact, Framework, available_years, get_framework
from ita_extract.normalize.codes import tool_of_code
from ita_extract.normalize.dates import fiscal_year_months
from ita_extract.normalize.thai import match_key
from ita_extract.records.completeness import indicator_scores
from ita_extract.records.overall import read_result
from ita_extract.report import Grade, ItemScore, RecommendationSection, Report, Tool
from ita_extract.validate.findings import Location, Severity
from ita_extract.validate.registry import Issue, RuleContext, framework_rule, rule
from ita_extract.vocabulary import load_vocabulary

NAME_SIMILARITY = 80.0
"""rapidfuzz ratio from which an indicator name counts as the same name written differently
(``การใช้ทรัพย์สินของทางราชการ`` for ``การใช้ทรัพย์สินของราชการ`` scores 94)."""


@dataclass(frozen=True)
class ScoreAt:
    """A score of the report with where it stands."""

    score: float
    location: Location


@dataclass(frozen=True)
class ItemAt:
    """An item entry of the report, in ``items`` or in a topic table, with where it stands."""

    item: ItemScore
    listed_tool: Tool
    """The tool it is listed under: the item's own for ``items``, the assessment's in a topic."""
    topic: int | None
    """The topic number for an entry of a topic table; None in ``items``."""
    path: str

    @property
    def location(self) -> Location:
        """Return where the entry stands."""
        section = "items" if self.topic is None else "topics"
        return Location(section=section, path=self.path, page=self.item.page, code=self.item.code)


def _item_entries(report: Report) -> Iterator[ItemAt]:
    """Yield the report-level items, then the items of each topic table."""
    for index, item in enumerate(report.items):
        yield ItemAt(item, item.tool, None, f"items[{index}]")
    for topic_index, topic in enumerate(report.topics):
        for assessment_index, assessment in enumerate(topic.assessments):
            for item_index, item_score in enumerate(assessment.items):
                path = f"topics[{topic_index}].assessments[{assessment_index}].items[{item_index}]"
                yield ItemAt(item_score, assessment.tool, topic.number, path)


@dataclass(frozen=True)
class SectionPresence:
    """A section a report must (or should) have, and whether this report has it."""

    name: str
    name_th: str
    present: bool


def _required_sections(report: Report) -> tuple[SectionPresence, ...]:
    overall = report.overall
    plan = report.action_plan
    return (
        SectionPresence("agency", "ชื่อหน่วยงาน", bool(report.agency.name)),
        SectionPresence(
            "overall",
            "ผลการประเมินภาพรวม",
            any(value is not None for value in (overall.score, overall.result, overall.grade)),
        ),
        SectionPresence("indicators", "ตารางคะแนนรายตัวชี้วัด", bool(report.indicators)),
        SectionPresence("action_plan", "แผนการนำผลการวิเคราะห์ไปสู่การปฏิบัติ", bool(plan and plan.rows)),
    )


def _expected_sections(report: Report) -> tuple[SectionPresence, ...]:
    return (
        SectionPresence("items", "คะแนนรายข้อคำถาม", bool(report.items)),
        SectionPresence(
            "recommendations",
            "ข้อเสนอแนะ",
            bool(report.recommendations or report.oit_recommendation),
        ),
        SectionPresence(
            "signature",
            "ผู้ลงนามหรือวันที่ประกาศ",
            bool(report.signature.name or report.signature.date),
        ),
    )


# --- report --------------------------------------------------------------------------------


@rule("report.fiscal_year_missing", Severity.ERROR)
def fiscal_year_missing(context: RuleContext) -> Iterator[Issue]:
    """The report states no fiscal year, so no framework rule can be applied to it."""
    if context.report.fiscal_year is None:
        yield Issue(
            "ไม่พบปีงบประมาณของรายงาน จึงตรวจกับกรอบการประเมินของปีนั้นไม่ได้",
            "The report has no fiscal year, so it cannot be checked against a framework.",
            Location(section="fiscal_year", path="fiscal_year"),
        )


@rule("report.unknown_fiscal_year", Severity.WARNING)
def unknown_fiscal_year(context: RuleContext) -> Iterator[Issue]:
    """The fiscal year has no framework file (2561–2568 are known); framework rules are skipped."""
    year = context.report.fiscal_year
    if year is not None and get_framework(year) is None:
        known = f"{min(available_years())}–{max(available_years())}"
        yield Issue(
            f"ไม่มีข้อมูลกรอบการประเมิน ITA ของปีงบประมาณ {year} (มีเฉพาะปี {known}) "
            "จึงข้ามกฎที่ต้องใช้กรอบการประเมิน",
            f"No ITA framework is known for fiscal year {year} (known: {known}); "
            "the framework rules were skipped.",
            Location(section="fiscal_year", path="fiscal_year"),
        )


@rule("report.section_missing", Severity.ERROR)
def section_missing(context: RuleContext) -> Iterator[Issue]:
    """A section every analysis report needs is empty.

    The required sections: agency name, overall result, indicator scores, action plan.
    """
    for section in _required_sections(context.report):
        if not section.present:
            yield Issue(
                f"ไม่พบส่วน{section.name_th}",
                f"The report has no {section.name.replace('_', ' ')} section.",
                Location(section=section.name, path=section.name),
            )


@rule("report.section_expected", Severity.WARNING)
def section_expected(context: RuleContext) -> Iterator[Issue]:
    """A section most reports have is empty: item scores, recommendations, signature."""
    for section in _expected_sections(context.report):
        if not section.present:
            yield Issue(
                f"ไม่พบส่วน{section.name_th} ควรตรวจสอบว่าเอกสารมีส่วนนี้หรือไม่",
                f"The report has no {section.name} section; check whether the document has one.",
                Location(section=section.name, path=section.name),
            )


# --- scores --------------------------------------------------------------------------------


def _scores(report: Report) -> Iterator[ScoreAt]:
    """Yield every score of the report with its location."""
    if report.overall.score is not None:
        yield ScoreAt(report.overall.score, Location(section="overall", path="overall.score"))
    for index, indicator in enumerate(report.indicators):
        if indicator.score is not None:
            where = _indicator_location(report, index, "score")
            yield ScoreAt(indicator.score, where)
    for entry in _item_entries(report):
        if entry.item.score is not None:
            where = entry.location.model_copy(update={"path": f"{entry.path}.score"})
            yield ScoreAt(entry.item.score, where)


@rule("score.range", Severity.ERROR)
def score_range(context: RuleContext) -> Iterator[Issue]:
    """A score lies outside 0–100 (in JSON this is found by the schema check under this id)."""
    for found in _scores(context.report):
        if not 0 <= found.score <= 100:
            yield score_range_issue(found.score, found.location)


def score_range_issue(score: object, location: Location) -> Issue:
    """Return the issue of a score outside 0–100; the schema check reports JSON the same way."""
    return Issue(
        f"คะแนน {score} อยู่นอกช่วง 0–100",
        f"The score {score} lies outside 0–100.",
        location,
    )


# --- overall -------------------------------------------------------------------------------


@framework_rule("overall.weighted_mean", Severity.ERROR)
def overall_weighted_mean(report: Report, framework: Framework) -> Iterator[Issue]:
    """The overall score is not the weighted mean of the indicator scores.

    Weights of the year: IIT 6% each, EIT 10% each, OIT 20% each (derived for 2563–2564,
    assumed for the other years); the tolerance is 0.01 for rounding.
    """
    stated = report.overall.score
    if stated is None or framework.weights is None:
        return
    computed = framework.mean_mismatch(stated, indicator_scores(report))
    if computed is not None:
        yield Issue(
            f"คะแนนภาพรวม {stated:.2f} ไม่ตรงกับค่าเฉลี่ยถ่วงน้ำหนักของคะแนนรายตัวชี้วัด ({computed:.2f})",
            f"The overall score {stated:.2f} is not the weighted mean of the indicator scores "
            f"({computed:.2f}).",
            Location(section="overall", path="overall.score"),
            unconfirmed=not framework.weights.status.established,
        )


@framework_rule("overall.grade_mismatch", Severity.ERROR)
def overall_grade_mismatch(report: Report, framework: Framework) -> Iterator[Issue]:
    """The stated grade is not the grade of the overall score.

    Grades: AA ≥ 95, A ≥ 85, B ≥ 75, C ≥ 65, D ≥ 55, E ≥ 50, F below (confirmed for 2565).
    """
    overall = report.overall
    if overall.score is None or overall.grade is None:
        return
    expected = framework.grade_for_score(overall.score)
    if overall.grade is not expected:
        yield Issue(
            f"ระดับ {overall.grade} ไม่ตรงกับคะแนน {overall.score:.2f} ซึ่งควรได้ระดับ {expected}",
            f"The grade {overall.grade} does not match the score {overall.score:.2f}, "
            f"which is grade {expected}.",
            Location(section="overall", path="overall.grade"),
            unconfirmed=not framework.grades.status.established,
        )


def _grade_passes(grade: Grade, framework: Framework) -> bool:
    """Return True when every score of ``grade`` reaches the pass mark."""
    lowest = framework.grades.minimum.get(grade, 0.0)
    return framework.passed_for_score(lowest)


@framework_rule("overall.passed_mismatch", Severity.ERROR)
def overall_passed_mismatch(report: Report, framework: Framework) -> Iterator[Issue]:
    """``passed`` disagrees with the overall score, or, without a score, with the grade.

    The pass mark is 85 in every year.
    """
    overall = report.overall
    if overall.passed is None:
        return
    if overall.score is not None:
        expected = framework.passed_for_score(overall.score)
        basis_th, basis_en = f"คะแนน {overall.score:.2f}", f"the score {overall.score:.2f}"
        unconfirmed = not framework.pass_mark.status.established
    elif overall.grade is not None:
        expected = _grade_passes(overall.grade, framework)
        basis_th, basis_en = f"ระดับ {overall.grade}", f"the grade {overall.grade}"
        unconfirmed = not (
            framework.pass_mark.status.established and framework.grades.status.established
        )
    else:
        return
    if overall.passed != expected:
        stated_th = "ผ่าน" if overall.passed else "ไม่ผ่าน"
        stated_en = "passed" if overall.passed else "failed"
        yield Issue(
            f"ระบุว่า{stated_th} ซึ่งขัดกับ{basis_th} (เกณฑ์ผ่าน {framework.pass_mark.score:g})",
            f"The report says {stated_en}, which contradicts {basis_en} "
            f"(pass mark {framework.pass_mark.score:g}).",
            Location(section="overall", path="overall.passed"),
            unconfirmed=unconfirmed,
        )


@framework_rule("overall.result_mismatch", Severity.ERROR)
def overall_result_mismatch(report: Report, framework: Framework) -> Iterator[Issue]:
    """The result in the document's words contradicts the score.

    ``ผ่าน``/``ไม่ผ่าน`` is compared with the pass mark, a grade (``AA``…) with the grade of the
    score; without a score, with the stated ``passed`` and ``grade``.
    """
    overall = report.overall
    reading = read_result(overall.result, load_vocabulary()) if overall.result else None
    if reading is None:
        return
    score = overall.score
    expected_passed = framework.passed_for_score(score) if score is not None else overall.passed
    expected_grade = framework.grade_for_score(score) if score is not None else overall.grade
    fact: Fact
    if reading.passed is not None and expected_passed not in (None, reading.passed):
        fact = framework.pass_mark
    elif reading.grade is not None and expected_grade not in (None, reading.grade):
        fact = framework.grades
    else:
        return
    yield Issue(
        f"ผลการประเมิน '{overall.result}' ขัดกับคะแนนหรือระดับที่ระบุ",
        f"The result '{overall.result}' contradicts the stated score, grade or pass.",
        Location(section="overall", path="overall.result"),
        unconfirmed=not fact.status.established,
    )


@rule("overall.result_unrecognized", Severity.WARNING)
def overall_result_unrecognized(context: RuleContext) -> Iterator[Issue]:
    """The result is neither a pass/fail word nor a grade, so it cannot be checked."""
    result = context.report.overall.result
    if result and read_result(result, load_vocabulary()) is None:
        yield Issue(
            f"ไม่รู้จักผลการประเมิน '{result}' (ควรเป็น ผ่าน ไม่ผ่าน หรือระดับ AA–F)",
            f"The result '{result}' is not recognised (expected ผ่าน, ไม่ผ่าน or a grade AA–F).",
            Location(section="overall", path="overall.result"),
        )


# --- indicators ----------------------------------------------------------------------------


def _indicator_location(report: Report, index: int, field: str | None = None) -> Location:
    indicator = report.indicators[index]
    path = f"indicators[{index}]" + (f".{field}" if field else "")
    return Location(
        section="indicators", path=path, page=indicator.page, code=str(indicator.number)
    )


def _repeats(values: Iterable[object]) -> Iterator[tuple[int, object]]:
    """Yield (index, value) of every value already seen earlier in ``values``."""
    seen: set[object] = set()
    for index, value in enumerate(values):
        if value in seen:
            yield index, value
        seen.add(value)


@rule("indicator.duplicate", Severity.ERROR)
def indicator_duplicate(context: RuleContext) -> Iterator[Issue]:
    """An indicator number is listed twice."""
    report = context.report
    for index, number in _repeats(indicator.number for indicator in report.indicators):
        yield Issue(
            f"ตัวชี้วัดที่ {number} ซ้ำ",
            f"Indicator {number} is listed twice.",
            _indicator_location(report, index),
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
                _indicator_location(report, index, "number"),
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
                _indicator_location(report, index, "tool"),
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
                _indicator_location(report, index, "name"),
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
                _indicator_location(report, index, "name"),
            )


# --- items ---------------------------------------------------------------------------------


@rule("item.duplicate", Severity.ERROR)
def item_duplicate(context: RuleContext) -> Iterator[Issue]:
    """An item code has two report-level records (the contract keeps one record per code)."""
    report = context.report
    for index, code in _repeats(item.code for item in report.items):
        yield Issue(
            f"ข้อ {code} ซ้ำในรายการคะแนนรายข้อ",
            f"Item {code} has more than one record in items.",
            Location(
                section="items",
                path=f"items[{index}]",
                page=report.items[index].page,
                code=str(code),
            ),
        )


@rule("item.wrong_tool", Severity.ERROR)
def item_wrong_tool(context: RuleContext) -> Iterator[Issue]:
    """An item is listed under another tool than its code letter says (i: IIT, e: EIT, O: OIT)."""
    for entry in _item_entries(context.report):
        code, tool = entry.item.code, tool_of_code(entry.item.code)
        if entry.listed_tool is not tool:
            yield Issue(
                f"ข้อ {code} เป็นข้อของแบบ {tool} แต่อยู่ใต้แบบ {entry.listed_tool}",
                f"Item {code} is an {tool} item but is listed under {entry.listed_tool}.",
                entry.location,
            )


@framework_rule("item.unknown_code", Severity.ERROR)
def item_unknown_code(report: Report, framework: Framework) -> Iterator[Issue]:
    """An item code does not exist in the year's framework.

    For example O44 in 2566, whose OIT has O1–O43. Each code is reported once.
    """
    reported: set[str] = set()
    for entry in _item_entries(report):
        code = entry.item.code
        if code in reported or framework.has_item(code):
            continue
        reported.add(code)
        tool_items = framework.tool_items(tool_of_code(code))
        yield Issue(
            f"ไม่มีข้อ {code} ในกรอบการประเมินปี {framework.fiscal_year}",
            f"Item {code} does not exist in the {framework.fiscal_year} framework.",
            entry.location,
            unconfirmed=tool_items is None or not tool_items.status.established,
        )


@rule("item.not_listed", Severity.ERROR)
def item_not_listed(context: RuleContext) -> Iterator[Issue]:
    """An item scored in a topic table has no report-level record in ``items``."""
    listed = {item.code for item in context.report.items}
    reported: set[str] = set()
    for entry in _item_entries(context.report):
        code = entry.item.code
        if entry.topic is None or entry.item.score is None or code in listed or code in reported:
            continue
        reported.add(code)
        yield Issue(
            f"ข้อ {code} มีคะแนนในตารางประเด็นที่ {entry.topic} แต่ไม่อยู่ในรายการคะแนนรายข้อ",
            f"Item {code} is scored in topic {entry.topic} but missing from items.",
            entry.location,
        )


# --- recommendations -----------------------------------------------------------------------


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
    for index, _ in _repeats(keys):
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


# --- action plan ---------------------------------------------------------------------------


def _plan_year(report: Report) -> int | None:
    """Return the fiscal year the plan must fall in: the year after the assessed one."""
    if report.fiscal_year is not None:
        return report.fiscal_year + 1
    return report.action_plan.fiscal_year if report.action_plan else None


def _row_location(report: Report, index: int, field: str | None = None) -> Location:
    plan = report.action_plan
    page = plan.rows[index].page if plan else None
    path = f"action_plan.rows[{index}]" + (f".{field}" if field else "")
    return Location(section="action_plan", path=path, page=page)


@rule("plan.row_incomplete", Severity.ERROR)
def plan_row_incomplete(context: RuleContext) -> Iterator[Issue]:
    """An action-plan row lacks measures, someone responsible, or a time frame."""
    plan = context.report.action_plan
    for index, row in enumerate(plan.rows if plan else ()):
        missing = [
            (th, en)
            for th, en, present in (
                ("มาตรการ", "measures", row.measures),
                ("ผู้รับผิดชอบ", "responsible person", row.responsible),
                ("ระยะเวลา", "time frame", row.timeframe),
            )
            if not present
        ]
        if missing:
            yield Issue(
                "แถวของแผนไม่มี" + " / ".join(th for th, _ in missing),
                "An action-plan row has no " + " or ".join(en for _, en in missing) + ".",
                _row_location(context.report, index),
            )


@rule("plan.fiscal_year_mismatch", Severity.WARNING)
def plan_fiscal_year_mismatch(context: RuleContext) -> Iterator[Issue]:
    """The plan's fiscal year is not the year after the assessed year."""
    report = context.report
    plan = report.action_plan
    if report.fiscal_year is None or plan is None or plan.fiscal_year is None:
        return
    if plan.fiscal_year != report.fiscal_year + 1:
        yield Issue(
            f"แผนเป็นของปีงบประมาณ {plan.fiscal_year} แต่ควรเป็นปี {report.fiscal_year + 1} "
            f"(ปีถัดจากปีที่ประเมิน {report.fiscal_year})",
            f"The plan is for fiscal year {plan.fiscal_year}, not {report.fiscal_year + 1}, "
            f"the year after the assessed {report.fiscal_year}.",
            Location(section="action_plan", path="action_plan.fiscal_year"),
        )


@rule("plan.timeframe_outside_year", Severity.ERROR)
def plan_timeframe_outside_year(context: RuleContext) -> Iterator[Issue]:
    """A plan row's time frame falls outside the fiscal year after the assessed one.

    For an assessment of 2566 the plan runs in fiscal 2567: October 2023 – September 2024.
    """
    report = context.report
    year = _plan_year(report)
    if year is None or report.action_plan is None:
        return
    first, last = fiscal_year_months(year)
    for index, row in enumerate(report.action_plan.rows):
        timeframe = row.timeframe
        months = [month for month in (timeframe.start, timeframe.end) if month] if timeframe else []
        if timeframe and any(not first <= month <= last for month in months):
            yield Issue(
                f"ระยะเวลา '{timeframe.text}' อยู่นอกปีงบประมาณ {year} ({first} ถึง {last})",
                f"The time frame '{timeframe.text}' lies outside fiscal year {year} "
                f"({first} to {last}).",
                _row_location(report, index, "timeframe"),
            )


@rule("plan.timeframe_reversed", Severity.ERROR)
def plan_timeframe_reversed(context: RuleContext) -> Iterator[Issue]:
    """A plan row's time frame ends before it starts."""
    plan = context.report.action_plan
    for index, row in enumerate(plan.rows if plan else ()):
        timeframe = row.timeframe
        if timeframe and timeframe.start and timeframe.end and timeframe.end < timeframe.start:
            yield Issue(
                f"ระยะเวลา '{timeframe.text}' สิ้นสุดก่อนเริ่มต้น",
                f"The time frame '{timeframe.text}' ends before it starts.",
                _row_location(context.report, index, "timeframe"),
            )
