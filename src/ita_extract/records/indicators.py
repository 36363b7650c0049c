"""The indicator table: each indicator's number, tool, name and score of the report's year."""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz

from ita_extract import framework
from ita_extract.normalize.numbers import read_stated_number
from ita_extract.normalize.thai import parse_year, thai_to_arabic_digits
from ita_extract.recognize import ColumnRole, RecognizedTable, TableKind
from ita_extract.recognize.matching import phrase_key, text_key, text_to_tool
from ita_extract.records.context import BuildContext
from ita_extract.records.evidence import evidence_of
from ita_extract.report import Indicator
from ita_extract.vocabulary import Phrases

DEFAULT_NAME_MATCH_SCORE = 88.0
"""How alike (rapidfuzz ratio of match keys) a name must be to a framework indicator's name."""

_NAME_NUMBER = r"^\s*(?:{prefixes})?\s*([0-9]{{1,2}})\s*(?:[.):]?\s+|[.):]?\s*$)"


@dataclass(frozen=True)
class IndicatorRows:
    """What the indicator table holds: the indicators, and the total row's score if any."""

    indicators: list[Indicator]
    total_score: float | None


def _split_number(name: str, ctx: BuildContext) -> tuple[int | None, str]:
    """Return the number a name cell opens with (``ตัวชี้วัดที่ 1 การปฏิบัติ…``) and the rest."""
    prefixes = "|".join(map(re.escape, ctx.vocabulary.words(Phrases.INDICATORS_NUMBER_PREFIXES)))
    match = re.match(_NAME_NUMBER.format(prefixes=prefixes), thai_to_arabic_digits(name))
    if match is None:
        return None, name
    return int(match[1]), name[match.end() :].strip()


def _number_by_name(name: str, fiscal_year: int | None) -> int | None:
    """Return the number of the framework indicator whose name ``name`` is, or None.

    Names are compared fuzzily: hand-typed tables drop a word (``การแก้ไขปัญหาทุจริต``). A
    name like no indicator's gets no number, so the row is not reported: a number is never
    guessed.
    """
    spec_year = framework.get_framework(fiscal_year)
    if spec_year is None or not name:
        return None
    key = text_key(name)
    scored = [
        (fuzz.ratio(key, phrase_key(candidate)), spec.number)
        for spec in spec_year.indicators
        for candidate in (spec.name, *spec.aliases)
    ]
    score, number = max(scored, default=(0.0, None))
    return number if score >= DEFAULT_NAME_MATCH_SCORE else None


def _is_total_row(name: str, ctx: BuildContext) -> bool:
    """Return whether a row's name is the total's (``คะแนนรวม``, ``รวม/คะแนนเฉลี่ย``, ``ITA รวม``)."""
    totals = {phrase_key(word) for word in ctx.vocabulary.words(Phrases.OVERALL_TOTAL_ROWS)}
    keys = [key for part in re.split(r"[/,\s]+", name) if (key := text_key(part))]
    return bool(keys) and all(key in totals for key in keys)


def _year_row(table: RecognizedTable, ctx: BuildContext) -> int | None:
    """Return the row of the report's year in an indicators-as-columns table.

    Rows are years (``ปี 2565``, ``ปี 2566``): the report's year, else the latest; a single
    row without a year is taken as it is.
    """
    rows = table.data_rows()
    years = {}
    for row in rows:
        first = table.grid[row][0]
        year = parse_year(first.text) if first is not None else None
        if year is not None:
            years[row] = year
    exact = [row for row, year in years.items() if year == ctx.fiscal_year]
    if exact:
        return exact[0]
    if years:
        return max(years, key=years.__getitem__)
    return rows[0] if len(rows) == 1 else None


def transposed_to_indicators(table: RecognizedTable, ctx: BuildContext) -> list[Indicator]:
    """Given an indicator table with indicators as columns, return the report year's row."""
    row = _year_row(table, ctx)
    if row is None:
        return []
    by_column = {label.column: label for label in table.labels}
    indicators = []
    for column, number in table.indicator_columns.items():
        cell = table.grid[row][column]
        name = _split_number(by_column[column].text, ctx)[1] if column in by_column else ""
        page = (cell.page if cell is not None else None) or table.table.page
        indicators.append(
            Indicator(
                number=number,
                tool=framework.indicator_tool(number, ctx.fiscal_year),
                name=ctx.clean(name) or None,
                score=ctx.read_score(cell.text, what=f"indicator {number} score", page=page)
                if cell is not None
                else None,
                page=page,
                evidence=evidence_of(cell),
            )
        )
    return indicators


def table_to_indicators(table: RecognizedTable, ctx: BuildContext) -> IndicatorRows:
    """Given an indicator table, return its indicators in row order and its total row's score."""
    if table.indicator_columns:
        return IndicatorRows(transposed_to_indicators(table, ctx), None)
    score_column = table.score_column(ctx.fiscal_year)
    indicators: list[Indicator] = []
    total: float | None = None
    for row in table.data_rows():
        number_cell = table.cell(row, ColumnRole.NUMBER)
        name_cell = table.cell(row, ColumnRole.NAME)
        tool_cell = table.cell(row, ColumnRole.TOOL)
        score_cell = table.grid[row][score_column] if score_column is not None else None
        raw_name = name_cell.text if name_cell is not None else ""
        page = next((c.page for c in (name_cell, score_cell) if c and c.page), table.table.page)
        score_text = score_cell.text if score_cell is not None else ""
        if _is_total_row(raw_name, ctx) or (
            number_cell is not None and _is_total_row(number_cell.text, ctx)
        ):
            total = ctx.read_score(score_text, what="overall score (total row)", page=page)
            continue
        number_value: float | None = None
        if number_cell is not None:
            # -- the cell is the number (``๑``, ``9.1``), or names it (``ตัวชี้วัดที่ 1``) --
            stated = read_stated_number(number_cell.text).value
            number_value = stated if stated is not None else _split_number(number_cell.text, ctx)[0]
        if number_value is not None and not float(number_value).is_integer():
            # A sub-indicator's row (``9.1``) is not an indicator, whatever its name says.
            continue
        number = int(number_value) if number_value else None
        named_number, raw_name = _split_number(raw_name, ctx)
        name = ctx.clean(raw_name, page=page, where="indicator name") or None
        number = number or named_number or (_number_by_name(name or "", ctx.fiscal_year))
        if number is None or not 1 <= number <= 20:
            continue
        score = ctx.read_score(score_text, what=f"indicator {number} score", page=page)
        tool = text_to_tool(tool_cell.text, ctx.vocabulary) if tool_cell is not None else None
        indicators.append(
            Indicator(
                number=number,
                tool=tool or framework.indicator_tool(number, ctx.fiscal_year),
                name=name,
                score=score,
                page=page,
                # -- a tool cell merged over its indicators' rows is theirs all, no row's own --
                evidence=evidence_of(number_cell, name_cell, score_cell),
            )
        )
    return IndicatorRows(indicators, total)


def build_indicators(ctx: BuildContext) -> IndicatorRows:
    """Return the indicators of the report's indicator table (and its continuations).

    A second indicator table restating numbers already read is not read again.
    """
    indicators: list[Indicator] = []
    total: float | None = None
    seen: set[int] = set()
    for table in ctx.layout.tables_of_kind(TableKind.INDICATOR):
        rows = table_to_indicators(table, ctx)
        fresh = [indicator for indicator in rows.indicators if indicator.number not in seen]
        if indicators and not table.continued and len(fresh) < len(rows.indicators):
            continue
        indicators.extend(fresh)
        seen.update(indicator.number for indicator in fresh)
        total = total if total is not None else rows.total_score
    return IndicatorRows(indicators, total)
