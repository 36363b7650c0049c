"""Rules on the report as a whole: its fiscal year and the sections it must or should have."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from ita_extract.framework import available_years, get_framework
from ita_extract.report import Report
from ita_extract.validate.findings import Location, Severity
from ita_extract.validate.registry import Issue, RuleContext, rule


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
