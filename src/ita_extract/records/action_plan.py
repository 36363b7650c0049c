"""The action plan for the next fiscal year, and the single analysis table's layout.

A plan table's topic cell is merged over its measure rows; Word repeats the header on every
page; a row cut by the page break continues in a row whose first cells are empty. Measures
are bullet lists, steps numbered lists (labels stripped), responsible a list of units.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ita_extract.document import Cell, Paragraph
from ita_extract.normalize.codes import find_item_codes, parse_references
from ita_extract.normalize.dates import parse_timeframe
from ita_extract.normalize.thai import parse_year
from ita_extract.recognize import ColumnRole, RecognizedTable, SectionKind, TableKind
from ita_extract.records.context import BuildContext
from ita_extract.records.items import ItemMention, text_to_mentions
from ita_extract.records.lists import (
    label_number,
    paragraphs_to_entries,
    paragraphs_to_lines,
    split_label,
)
from ita_extract.report import (
    ActionPlan,
    PlanRow,
    Recommendation,
    RecommendationSection,
    Timeframe,
)

UNREAD_TIMEFRAME = "plan.unread_timeframe"

_RESPONSIBLE_SEPARATORS = re.compile(r"\s*[,/、]\s*")


@dataclass(frozen=True)
class AnalysisRecords:
    """What a single analysis table holds: recommendations, plan rows and item scores."""

    recommendations: list[Recommendation]
    rows: list[PlanRow]
    mentions: list[ItemMention]


def _new_cell(cell: Cell | None, row: int) -> Cell | None:
    """Return ``cell`` only in the first row it covers (a merged cell is read once)."""
    return cell if cell is not None and cell.row_start == row and cell.text.strip() else None


def _entries(cell: Cell | None, ctx: BuildContext) -> list[str]:
    if cell is None:
        return []
    return paragraphs_to_entries(
        cell.paragraphs, ctx.vocabulary.words("lists.bullets"), lambda text: ctx.clean(text)
    )


def responsible_to_list(paragraphs: Sequence[Paragraph], ctx: BuildContext) -> list[str]:
    """Return the units a responsible cell names, each once.

    Paragraphs, list labels and separators (``,`` ``/``) divide units; within a paragraph, a
    line opening with a unit's head word (``สำนัก``, ``กอง``, ``นาย``…) starts a new one, and
    any other line is the previous name wrapped.
    """
    heads = ctx.vocabulary.words("responsible.unit_heads")
    groups: list[str] = []
    for line in paragraphs_to_lines(paragraphs, ctx.vocabulary.words("lists.bullets")):
        opens = line.opens_paragraph or line.label is not None
        if opens or not groups or line.text.lstrip().startswith(heads):
            groups.append(line.text)
        else:
            groups[-1] += "\n" + line.text
    units: list[str] = []
    for group in groups:
        for part in _RESPONSIBLE_SEPARATORS.split(group):
            unit = ctx.clean(part)
            if unit and unit not in units:
                units.append(unit)
    return units


def _timeframe(cell: Cell | None, fiscal_year: int | None, ctx: BuildContext) -> Timeframe | None:
    if cell is None or not ctx.clean(cell.text):
        return None
    timeframe = parse_timeframe(
        cell.text, fiscal_year=fiscal_year, keep_thai_digits=ctx.keep_thai_digits
    )
    if timeframe.start is None:
        ctx.warn(
            UNREAD_TIMEFRAME, f"no month read from time frame {timeframe.text!r}", page=cell.page
        )
    return timeframe


def _topic(cell: Cell, ctx: BuildContext) -> tuple[int | None, str | None]:
    """Return the number and title of a plan topic cell (``๑. กระบวนการ…``)."""
    first = cell.paragraphs[0] if cell.paragraphs else None
    label = first.list_label if first is not None else None
    text = cell.text if label is None else "\n".join(p.text for p in cell.paragraphs)
    typed_label, rest = split_label(text, ())
    number = label_number(label or typed_label)
    return number, ctx.clean(rest if typed_label else text) or None


def plan_fiscal_year(ctx: BuildContext) -> int | None:
    """Return the year the plan is for, from the action-plan heading, or None."""
    for section in ctx.layout.sections_of_kind(SectionKind.ACTION_PLAN):
        if section.heading is not None:
            year = parse_year(section.heading.paragraph.text)
            if year is not None:
                return year
    return None


def table_to_rows(
    table: RecognizedTable, rows: list[PlanRow], fiscal_year: int | None, ctx: BuildContext
) -> None:
    """Append the plan rows of ``table`` to ``rows`` (which may hold the page before's rows)."""
    for row in table.data_rows():
        topic_cell = _new_cell(table.cell(row, ColumnRole.TOPIC), row)
        measure_cell = _new_cell(table.cell(row, ColumnRole.MEASURE), row)
        steps = _entries(_new_cell(table.cell(row, ColumnRole.STEPS), row), ctx)
        responsible_cell = _new_cell(table.cell(row, ColumnRole.RESPONSIBLE), row)
        responsible = (
            responsible_to_list(responsible_cell.paragraphs, ctx) if responsible_cell else []
        )
        timeframe = _timeframe(
            _new_cell(table.cell(row, ColumnRole.TIMEFRAME), row), fiscal_year, ctx
        )
        if topic_cell is None and measure_cell is None and rows:
            # The rest of the row above, cut by a page break.
            last = rows[-1]
            last.steps.extend(steps)
            last.responsible.extend(unit for unit in responsible if unit not in last.responsible)
            last.timeframe = last.timeframe or timeframe
            continue
        if not (topic_cell or measure_cell or steps or responsible or timeframe):
            continue
        number, title = (None, None)
        if topic_cell is not None:
            number, title = _topic(topic_cell, ctx)
        elif rows:
            number, title = rows[-1].topic_number, rows[-1].topic
        page = next(
            (cell.page for cell in (topic_cell, measure_cell) if cell and cell.page),
            table.table.page,
        )
        rows.append(
            PlanRow(
                topic_number=number,
                topic=title,
                measures=_entries(measure_cell, ctx),
                responsible=responsible,
                steps=steps,
                timeframe=timeframe,
                page=page,
            )
        )


def analysis_table_to_records(
    table: RecognizedTable, fiscal_year: int | None, ctx: BuildContext
) -> AnalysisRecords:
    """Return a single analysis table's rows as recommendations, plan rows and item scores.

    Each row is a recommendation about the items its first column names, and a plan row whose
    measure is that recommendation.
    """
    recommendations: list[Recommendation] = []
    rows: list[PlanRow] = []
    mentions: list[ItemMention] = []
    for row in table.data_rows():
        issue = _new_cell(table.cell(row, ColumnRole.ISSUE), row)
        guidance = _new_cell(table.cell(row, ColumnRole.GUIDANCE), row)
        if guidance is None and issue is None:
            continue
        page = next((c.page for c in (issue, guidance) if c and c.page), table.table.page)
        codes = find_item_codes(issue.text) if issue is not None else []
        if issue is not None:
            mentions.extend(text_to_mentions(issue.text, page, (table.block_index, row), ctx))
        text = ctx.clean(guidance.text, page=page, where="recommendation") if guidance else ""
        if text:
            recommendations.append(
                Recommendation(
                    codes=codes,
                    text=text,
                    references=parse_references(guidance.text if guidance else ""),
                    section=RecommendationSection.ANALYSIS,
                    topic=None,
                    page=page,
                )
            )
        responsible_cell = _new_cell(table.cell(row, ColumnRole.RESPONSIBLE), row)
        rows.append(
            PlanRow(
                topic_number=None,
                topic=ctx.clean(issue.text) if issue is not None else None,
                measures=[text] if text else [],
                responsible=responsible_to_list(responsible_cell.paragraphs, ctx)
                if responsible_cell
                else [],
                steps=[],
                timeframe=_timeframe(
                    _new_cell(table.cell(row, ColumnRole.TIMEFRAME), row), fiscal_year, ctx
                ),
                page=page,
            )
        )
    return AnalysisRecords(recommendations, rows, mentions)


def build_action_plan(ctx: BuildContext) -> tuple[ActionPlan | None, AnalysisRecords]:
    """Return the action plan (None without one) and the single analysis table's records."""
    fiscal_year = plan_fiscal_year(ctx)
    rows: list[PlanRow] = []
    recommendations: list[Recommendation] = []
    mentions: list[ItemMention] = []
    for table in ctx.layout.tables:
        if table.kind is TableKind.ACTION_PLAN:
            table_to_rows(table, rows, fiscal_year, ctx)
        elif table.kind is TableKind.ANALYSIS:
            analysis = analysis_table_to_records(table, fiscal_year, ctx)
            rows.extend(analysis.rows)
            recommendations.extend(analysis.recommendations)
            mentions.extend(analysis.mentions)
    has_plan = rows or fiscal_year is not None
    plan = ActionPlan(fiscal_year=fiscal_year, rows=rows) if has_plan else None
    return plan, AnalysisRecords(recommendations, [], mentions)
