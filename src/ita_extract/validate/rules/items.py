"""Rules on item scores: codes, tools and where they are listed."""

from __future__ import annotations

from collections.abc import Iterator

from ita_extract.framework import Framework
from ita_extract.normalize.codes import tool_of_code
from ita_extract.report import Report
from ita_extract.validate.findings import Location, Severity
from ita_extract.validate.registry import Issue, RuleContext, framework_rule, rule
from ita_extract.validate.rules.entries import item_entries, repeats


@rule("item.duplicate", Severity.ERROR)
def item_duplicate(context: RuleContext) -> Iterator[Issue]:
    """An item code has two report-level records (the contract keeps one record per code)."""
    report = context.report
    for index, code in repeats(item.code for item in report.items):
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
    for entry in item_entries(context.report):
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
    for entry in item_entries(report):
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
    for entry in item_entries(context.report):
        code = entry.item.code
        if entry.topic is None or entry.item.score is None or code in listed or code in reported:
            continue
        reported.add(code)
        yield Issue(
            f"ข้อ {code} มีคะแนนในตารางประเด็นที่ {entry.topic} แต่ไม่อยู่ในรายการคะแนนรายข้อ",
            f"Item {code} is scored in topic {entry.topic} but missing from items.",
            entry.location,
        )
