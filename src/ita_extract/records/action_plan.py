"""The action plan for the next fiscal year, and the single analysis table's layout.

A plan table's topic cell is merged over its measure rows; Word repeats the header on every
page; a row cut by the page break continues in a row whose first cells are empty. Measures
are bullet lists, steps numbered lists (labels stripped), responsible a list of units.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from ita_extract.document import Cell, Paragraph, Region
from ita_extract.normalize.codes import find_item_codes
from ita_extract.normalize.dates import parse_timeframe
from ita_extract.normalize.thai import parse_year, wraps_mid_word
from ita_extract.recognize import ColumnRole, RecognizedTable, SectionKind, TableKind
from ita_extract.recognize.headings import key_to_topic_number
from ita_extract.recognize.matching import text_key
from ita_extract.records.context import BuildContext
from ita_extract.records.evidence import regions_to_evidence
from ita_extract.records.items import ItemMention, text_to_mentions
from ita_extract.records.lists import (
    label_number,
    paragraphs_to_lines,
    paragraphs_to_list_entries,
)
from ita_extract.records.recommendations import unwrapped_references
from ita_extract.records.topics import topic_heading_title
from ita_extract.report import (
    ActionPlan,
    PlanRow,
    Recommendation,
    RecommendationSection,
    Timeframe,
)
from ita_extract.vocabulary import Phrases
from ita_extract.warning_codes import WarningCode

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


def responsible_to_list(cells: Sequence[Sequence[Paragraph]], ctx: BuildContext) -> list[str]:
    """Return the units the responsible cells of one plan row name, each once.

    Paragraphs, list labels and separators (``,`` ``/``) divide units. Where the reader could
    not tell a wrapped name (``นายก`` / ``องค์การ…``) from the next unit (its line filled the
    cell), a line opens a unit when it starts with a unit's head word (``สำนัก``, ``กอง``…),
    unless it is that word alone on the cell's last line (``…และแผน`` / ``งาน``). A line that
    ends on a head word (``สำนัก`` / ``ปลัด``, ``กองคลัง, งาน`` / ``พัสดุ``) has not finished its
    unit, nor has one whose end and the next line's head word make a compound that names
    take inside (``งานบริหาร`` / ``งานบุคคล…``: ``บริหารงาน``). A cell continuing the row
    above after a page break carries on its last unit.
    """
    heads = ctx.vocabulary.words(Phrases.RESPONSIBLE_UNIT_HEADS)
    compounds = ctx.vocabulary.words(Phrases.RESPONSIBLE_UNIT_INNER_COMPOUNDS)
    groups: list[str] = []
    for cell_index, paragraphs in enumerate(cells):
        lines = paragraphs_to_lines(paragraphs)
        unfinished = False
        for index, line in enumerate(lines):
            text = line.text.strip()
            head = next((word for word in heads if text.startswith(word)), None)
            last_alone = head == text and index == len(lines) - 1
            continues_cell = cell_index > 0 and index == 0
            inside = index > 0 and _spans_compound(lines[index - 1].text.strip(), text, compounds)
            opens = head is not None and not last_alone and not inside
            opens = opens or (line.opens_paragraph and not continues_cell)
            if line.label is not None or (opens and not unfinished) or not groups:
                groups.append(text)
            else:
                groups[-1] += "\n" + text
            unfinished = _RESPONSIBLE_SEPARATORS.split(text)[-1] in heads
    units: list[str] = []
    for group in groups:
        for part in _RESPONSIBLE_SEPARATORS.split(group):
            for unit in _split_unit_words(ctx.clean(part), heads, ctx):
                if unit not in units:
                    units.append(unit)
    return units


def _spans_compound(upper: str, lower: str, compounds: Sequence[str]) -> bool:
    """Return whether one of ``compounds`` runs from the end of ``upper`` into ``lower``."""
    return any(
        upper.endswith(compound[:cut]) and lower.startswith(compound[cut:])
        for compound in compounds
        for cut in range(1, len(compound))
    )


def _split_unit_words(text: str, heads: Sequence[str], ctx: BuildContext) -> list[str]:
    """Return the units of a line that lists them with spaces or ``และ`` (``สำนักปลัด และกองช่าง``).

    A conjunction divides only before a unit's head word, and spaces only when every word
    opens with an organisation's head word (``สำนัก``, ``กอง``): ``กองการศึกษา ศาสนาและ
    วัฒนธรรม``, ``ผู้อำนวยการ กองคลัง`` and ``งานการเจ้าหน้าที่ สำนักปลัด`` are one unit each.
    """
    pieces = [text]
    for word in ctx.vocabulary.words(Phrases.RESPONSIBLE_CONJUNCTIONS):
        pattern = re.compile(rf"\s*{re.escape(word)}\s*(?={'|'.join(map(re.escape, heads))})")
        pieces = [part for piece in pieces for part in pattern.split(piece)]
    organisations = tuple(ctx.vocabulary.words(Phrases.RESPONSIBLE_ORGANISATION_HEADS))
    units: list[str] = []
    for piece in pieces:
        words = piece.split()
        every_word_a_unit = all(word.startswith(organisations) for word in words)
        units.extend(words if every_word_a_unit else [piece])
    return [unit for unit in units if unit]


def _timeframe(
    text: str, page: int | None, fiscal_year: int | None, ctx: BuildContext
) -> Timeframe | None:
    if not ctx.clean(text):
        return None
    timeframe = parse_timeframe(
        text, fiscal_year=fiscal_year, keep_thai_digits=ctx.keep_thai_digits
    )
    if timeframe.start is None:
        ctx.warn(
            WarningCode.PLAN_UNREAD_TIMEFRAME,
            f"no month read from time frame {timeframe.text!r}",
            page=page,
        )
    return timeframe


def _topic(paragraphs: Sequence[Paragraph], ctx: BuildContext) -> tuple[int | None, str | None]:
    """Return the number and title of a plan topic cell (``๑. กระบวนการ…``, ``ประเด็นที่ ๑ …``)."""
    lines = paragraphs_to_lines(paragraphs)
    if not lines:
        return None, None
    text = "\n".join(line.text for line in lines)
    return _prefixed_topic(text, ctx) or (label_number(lines[0].label), ctx.clean(text) or None)


def _prefixed_topic(text: str, ctx: BuildContext) -> tuple[int, str | None] | None:
    """Return the number and title of a topic written like its heading (``ประเด็นที่ ๑ …``)."""
    number = key_to_topic_number(text_key(text.split("\n")[0]), ctx.layout.settings)
    return None if number is None else (number, topic_heading_title(text, ctx))


DEFAULT_PLAN_TITLE_PARAGRAPHS = 3
"""Paragraphs above a plan table searched for its year when no plan heading names one."""


def plan_fiscal_year(ctx: BuildContext) -> int | None:
    """Return the year the plan is for, or None.

    The action-plan heading names it; failing that, a paragraph just above the first plan
    table naming a year after the report's (the plan is for the next fiscal year, and the
    report's own year there would be another sentence's).
    """
    for section in ctx.layout.sections_of_kind(SectionKind.ACTION_PLAN):
        if section.heading is not None:
            heading = section.heading.paragraph
            year = ctx.read_year(heading.text, what="plan year", page=heading.page)
            if year is not None:
                return year
    plans = [
        table.block_index
        for table in ctx.layout.tables
        if table.kind in (TableKind.ACTION_PLAN, TableKind.ANALYSIS)
    ]
    if not plans:
        return None
    blocks = ctx.layout.document.blocks[: plans[0]]
    above = [block for block in blocks if isinstance(block, Paragraph) and block.text.strip()]
    for paragraph in reversed(above[-DEFAULT_PLAN_TITLE_PARAGRAPHS:]):
        year = parse_year(paragraph.text)
        if year is not None and (ctx.fiscal_year is None or year > ctx.fiscal_year):
            return ctx.read_year(paragraph.text, what="plan year", page=paragraph.page)
    return None


@dataclass
class _RowDraft:
    """A table row being read: its cells' paragraphs, gathered over continuation rows.

    Responsible cells stay apart (one tuple per cell): a cell continued after a page break
    carries on the last unit of the cell before.
    """

    row: int
    page: int | None
    cells: dict[ColumnRole, list[Paragraph]] = field(default_factory=dict)
    responsible: list[tuple[Paragraph, ...]] = field(default_factory=list)
    marked_months: list[str] = field(default_factory=list)
    """Month names over the cells a month-grid plan marks (``✓``) in this row."""
    sources: list[Region] = field(default_factory=list)
    """Where the row's own cells were read (a topic cell merged over rows above not)."""

    def add(
        self,
        table: RecognizedTable,
        row: int,
        ctx: BuildContext,
        months: Mapping[int, str] | None = None,
    ) -> None:
        """Add the cells ``row`` starts (a merged cell is read in its first row only)."""
        for column, month in (months or {}).items():
            cell = table.grid[row][column]
            if cell is not None and cell.text.strip() and month not in self.marked_months:
                self.marked_months.append(month)
                self.sources.extend(cell.sources)
        for role in table.columns:
            cell = _new_cell(table.cell(row, role), row)
            if cell is None:
                continue
            self.sources.extend(cell.sources)
            if role is ColumnRole.RESPONSIBLE:
                self.responsible.append(cell.paragraphs)
            else:
                self.cells.setdefault(role, []).extend(cell.paragraphs)

    def paragraphs(self, role: ColumnRole) -> list[Paragraph]:
        """Return the paragraphs gathered for ``role``'s column (empty when it has none)."""
        return self.cells.get(role, [])

    def text(self, role: ColumnRole) -> str:
        """Return the raw text gathered for ``role``'s column, labels kept, lines apart."""
        return "\n".join(paragraph.labelled_text for paragraph in self.paragraphs(role))

    def timeframe(self, fiscal_year: int | None, ctx: BuildContext) -> Timeframe | None:
        """Return the time frame; a dash the reader took for a bullet is part of its range.

        In a month grid the marked months give it: from the first to the last marked.
        """
        if self.marked_months:
            first, last = self.marked_months[0], self.marked_months[-1]
            text = first if first == last else f"{first} - {last}"
            return _timeframe(text, self.page, fiscal_year, ctx)
        return _timeframe(self.text(ColumnRole.TIMEFRAME), self.page, fiscal_year, ctx)


_ENTRY_ROLES = (ColumnRole.MEASURE, ColumnRole.STEPS)
"""The plan columns that list entries (measures, steps)."""


def _known_entries(drafts: Sequence[_RowDraft]) -> dict[ColumnRole, frozenset[str]]:
    """Return the keys of every entry the plan's cells list, by column.

    Each was set apart by a label or a paragraph's end somewhere in the plan.
    """
    return {
        role: frozenset(
            text_key(entry.text)
            for draft in drafts
            for entry in paragraphs_to_list_entries(draft.paragraphs(role))
        )
        for role in _ENTRY_ROLES
    }


def _entries(
    paragraphs: Sequence[Paragraph], known: frozenset[str], ctx: BuildContext
) -> list[str]:
    """Return the cleaned entries of an entry column's cell.

    A PDF's lines do not say where an unlabelled entry ended when its last line left too
    little room for the next entry's first word (:mod:`ita_extract.readers.line_breaks`):
    the two read as one paragraph. Where the lines before a wrap, or the lines after it, are
    word for word an entry the plan lists elsewhere, the wrap ended an entry.
    """
    entries = paragraphs_to_list_entries(paragraphs)
    if any(line.label for line in paragraphs_to_lines(paragraphs)):
        return [text for entry in entries if (text := ctx.clean(entry.text))]
    pieces = [piece for entry in entries for piece in _split_at_known(entry.text, known)]
    return [text for piece in pieces if (text := ctx.clean(piece))]


def _split_at_known(text: str, known: frozenset[str]) -> list[str]:
    r"""Return ``text``'s wrapped lines (``"\n"`` apart) cut where a known entry ends or starts.

    Never inside a word (``…การต่อ`` / ``ต้าน…``): a known entry cut there was cut wrongly.
    """
    lines = text.split("\n")
    pieces: list[str] = []
    start = 0
    for cut in range(1, len(lines)):
        if wraps_mid_word(lines[cut - 1], lines[cut]):
            continue
        head, tail = "\n".join(lines[start:cut]), "\n".join(lines[cut:])
        if text_key(head) in known or text_key(tail) in known:
            pieces.append(head)
            start = cut
    pieces.append("\n".join(lines[start:]))
    return pieces


def _plan_row(
    draft: _RowDraft,
    fiscal_year: int | None,
    ctx: BuildContext,
    known: Mapping[ColumnRole, frozenset[str]],
) -> PlanRow:
    """Return a finished action-plan row; ``known`` is :func:`_known_entries`'."""
    number, title = _topic(draft.paragraphs(ColumnRole.TOPIC), ctx)
    return PlanRow(
        topic_number=number,
        topic=title,
        measures=_entries(draft.paragraphs(ColumnRole.MEASURE), known[ColumnRole.MEASURE], ctx),
        responsible=responsible_to_list(draft.responsible, ctx),
        steps=_entries(draft.paragraphs(ColumnRole.STEPS), known[ColumnRole.STEPS], ctx),
        timeframe=draft.timeframe(fiscal_year, ctx),
        page=draft.page,
        evidence=regions_to_evidence(draft.sources),
    )


def _opens_with_label(cell: Cell, ctx: BuildContext) -> bool:
    lines = paragraphs_to_lines(cell.paragraphs)
    return bool(lines) and lines[0].label is not None


def _new_cells(table: RecognizedTable, role: ColumnRole) -> list[Cell]:
    return [
        cell
        for row in table.data_rows()
        if (cell := _new_cell(table.cell(row, role), row)) is not None
    ]


def table_to_drafts(table: RecognizedTable, drafts: list[_RowDraft], ctx: BuildContext) -> None:
    """Append the plan rows of ``table`` to ``drafts`` (which may hold the page before's rows).

    A row continues the row above when its first cells are empty (a page break, or the
    author, cut it) or hold only the rest of the cells above: a topic without the number the
    other topics have, a measure without the bullet the other measures have (a page break
    inside a row, or a PDF table drawn without inner borders that gives a cell per line).
    """
    months = table.month_columns
    numbered = any(_opens_with_label(cell, ctx) for cell in _new_cells(table, ColumnRole.TOPIC))
    bulleted = any(_opens_with_label(cell, ctx) for cell in _new_cells(table, ColumnRole.MEASURE))
    for row in table.data_rows():
        topic_cell = _new_cell(table.cell(row, ColumnRole.TOPIC), row)
        measure_cell = _new_cell(table.cell(row, ColumnRole.MEASURE), row)
        new_topic = topic_cell is not None and (not numbered or _opens_with_label(topic_cell, ctx))
        new_measure = measure_cell is not None and (
            not bulleted or _opens_with_label(measure_cell, ctx)
        )
        if drafts and not new_topic and not new_measure:
            drafts[-1].add(table, row, ctx, months)
            continue
        page = next(
            (cell.page for cell in (topic_cell, measure_cell) if cell and cell.page),
            table.table.page,
        )
        draft = _RowDraft(row, page)
        if topic_cell is None and drafts:
            draft.cells[ColumnRole.TOPIC] = list(drafts[-1].paragraphs(ColumnRole.TOPIC))
        draft.add(table, row, ctx, months)
        if draft.cells.keys() - {ColumnRole.TOPIC} or draft.responsible or topic_cell is not None:
            drafts.append(draft)


def _issue_mentions(
    table: RecognizedTable, draft: _RowDraft, ctx: BuildContext
) -> list[ItemMention]:
    """Return the item scores an analysis row states.

    They stand in its issue's prose, or in its own score column beside an issue naming one
    item (``e6 การเผยแพร่ข้อมูล | 73.60``); a score beside several items is no one's.
    """
    issue = draft.text(ColumnRole.ISSUE)
    place = (table.block_index, draft.row)
    issue_sources = [
        lines
        for paragraph in draft.paragraphs(ColumnRole.ISSUE)
        for lines in paragraph.line_sources()
    ]
    mentions = text_to_mentions(issue, draft.page, place, ctx, issue_sources)
    score_column = table.score_column(ctx.fiscal_year)
    codes = find_item_codes(issue)
    if mentions or score_column is None or len(codes) != 1:
        return mentions
    cell = table.grid[draft.row][score_column]
    reading = ctx.score_reading(cell.text) if cell is not None else None
    if cell is None or reading is None or (reading.value is None and not reading.unreadable):
        return []
    what = f"item {codes[0]} score"
    score = ctx.take_number(reading, what=what, expected="a score 0-100", page=draft.page)
    sources = (*(region for lines in issue_sources for region in lines), *cell.sources)
    return [ItemMention(codes[0], score, draft.page, (*place, 0), sources)]


def analysis_table_to_records(
    table: RecognizedTable, fiscal_year: int | None, ctx: BuildContext
) -> AnalysisRecords:
    """Return a single analysis table's rows as recommendations, plan rows and item scores.

    Each row is a recommendation about the items its first column names, and a plan row whose
    measure is that recommendation. A row without an issue of its own continues the row above
    (a page break cut it).
    """
    drafts: list[_RowDraft] = []
    for row in table.data_rows():
        if _new_cell(table.cell(row, ColumnRole.ISSUE), row) is None and drafts:
            drafts[-1].add(table, row, ctx)
            continue
        cells = [_new_cell(table.cell(row, role), row) for role in table.columns]
        draft = _RowDraft(row, next((c.page for c in cells if c and c.page), table.table.page))
        draft.add(table, row, ctx)
        if draft.paragraphs(ColumnRole.ISSUE) or draft.paragraphs(ColumnRole.GUIDANCE):
            drafts.append(draft)
    recommendations: list[Recommendation] = []
    rows: list[PlanRow] = []
    mentions: list[ItemMention] = []
    for draft in drafts:
        issue, guidance = draft.text(ColumnRole.ISSUE), draft.text(ColumnRole.GUIDANCE)
        mentions.extend(_issue_mentions(table, draft, ctx))
        text = ctx.clean(guidance, page=draft.page, where="recommendation")
        if text:
            recommendations.append(
                Recommendation(
                    codes=find_item_codes(issue),
                    text=text,
                    references=unwrapped_references(guidance),
                    section=RecommendationSection.ANALYSIS,
                    page=draft.page,
                    evidence=regions_to_evidence(
                        region
                        for paragraph in draft.paragraphs(ColumnRole.GUIDANCE)
                        for region in paragraph.sources
                    ),
                )
            )
        topic_number, topic = _prefixed_topic(issue, ctx) or (None, ctx.clean(issue) or None)
        rows.append(
            PlanRow(
                topic_number=topic_number,
                topic=topic,
                measures=[text] if text else [],
                responsible=responsible_to_list(draft.responsible, ctx),
                timeframe=draft.timeframe(fiscal_year, ctx),
                page=draft.page,
                evidence=regions_to_evidence(draft.sources),
            )
        )
    return AnalysisRecords(recommendations, rows, mentions)


def build_action_plan(ctx: BuildContext) -> tuple[ActionPlan | None, AnalysisRecords]:
    """Return the action plan (None without one) and the single analysis table's records."""
    fiscal_year = plan_fiscal_year(ctx)
    # -- rows are finished once every plan cell is read: an entry one cell lists tells where
    # -- another cell's entries end --
    read: list[_RowDraft | PlanRow] = []
    drafts: list[_RowDraft] = []
    recommendations: list[Recommendation] = []
    mentions: list[ItemMention] = []
    for table in ctx.layout.tables:
        if table.kind is TableKind.ACTION_PLAN:
            if not table.continued:
                read.extend(drafts)
                drafts.clear()
            table_to_drafts(table, drafts, ctx)
        elif table.kind is TableKind.ANALYSIS:
            read.extend(drafts)
            drafts.clear()
            analysis = analysis_table_to_records(table, fiscal_year, ctx)
            read.extend(analysis.rows)
            recommendations.extend(analysis.recommendations)
            mentions.extend(analysis.mentions)
    read.extend(drafts)
    known = _known_entries([item for item in read if isinstance(item, _RowDraft)])
    rows = [
        _plan_row(item, fiscal_year, ctx, known) if isinstance(item, _RowDraft) else item
        for item in read
    ]
    has_plan = rows or fiscal_year is not None
    plan = ActionPlan(fiscal_year=fiscal_year, rows=rows) if has_plan else None
    return plan, AnalysisRecords(recommendations, [], mentions)
