"""Rules on the action plan: complete rows and time frames inside the fiscal year."""

from __future__ import annotations

from collections.abc import Iterator

from ita_extract.normalize.dates import fiscal_year_months
from ita_extract.report import Report
from ita_extract.validate.findings import Location, Severity
from ita_extract.validate.registry import Issue, RuleContext, rule


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
