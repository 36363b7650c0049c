"""Part 1's topic tables: topics, their assessments per tool, item scores and recommendations.

A topic's table may be split across pages (by the reader or by the author); a table without a
number, title or heading of its own continues the topic before it, so a recommendation cut by
the page break is read as one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from ita_extract.document import Cell, Region
from ita_extract.normalize.codes import parse_item_code, split_leading_codes, tool_of_code
from ita_extract.normalize.labels import split_list_label
from ita_extract.normalize.numbers import read_stated_number
from ita_extract.normalize.thai import thai_to_arabic_digits
from ita_extract.recognize import ColumnRole, RecognizedTable, SectionKind, TableKind
from ita_extract.recognize.headings import key_to_topic_number
from ita_extract.recognize.matching import phrase_key, text_key, text_to_tool
from ita_extract.records.context import BuildContext
from ita_extract.records.evidence import page_stating, regions_to_evidence, sources_of
from ita_extract.records.items import ItemMention
from ita_extract.records.lists import label_number
from ita_extract.records.recommendations import (
    TextLine,
    lines_to_recommendations,
    paragraphs_to_text_lines,
)
from ita_extract.report import (
    Assessment,
    ItemScore,
    Recommendation,
    RecommendationSection,
    Tool,
    Topic,
)
from ita_extract.vocabulary import Phrases
from ita_extract.warning_codes import WarningCode

_AFTER_NUMBER = re.compile(r"\D*?[0-9]+\s*[.:)]?\s*")
"""Everything up to the topic's number, and the punctuation after it."""


@dataclass
class _TopicDraft:
    number: int
    title: str | None
    page: int | None
    assessments: dict[Tool, Assessment] = field(default_factory=dict)
    lines: list[TextLine] = field(default_factory=list)
    statuses: dict[Tool, list[str]] = field(default_factory=dict)
    """The statuses the last column gives beside each tool's rows ("" for recommendations)."""
    sources: dict[Tool, list[Region]] = field(default_factory=dict)
    """Where each tool's rows and status were read."""

    def result(self, tool: Tool) -> str | None:
        """Return the tool's status when every remark beside its rows is that one status."""
        statuses = set(self.statuses.get(tool, []))
        return statuses.pop() if len(statuses) == 1 and "" not in statuses else None


@dataclass(frozen=True)
class TopicRecords:
    """What the topic tables hold."""

    topics: list[Topic]
    recommendations: list[Recommendation]
    mentions: list[ItemMention]


def _without_remark_label(line: TextLine, ctx: BuildContext) -> TextLine | None:
    """Return ``line`` without a leading remark label (``ข้อเสนอแนะ :``); None if that is all.

    A label alone may combine several names (``ข้อบกพร่อง/ข้อเสนอแนะ``). Only a paragraph's
    first line is one: a wrapped line that happens to read ``ข้อเสนอแนะ`` is text.
    """
    if not line.opens_paragraph:
        return line
    labels = ctx.vocabulary.words(Phrases.REMARKS_LABELS)
    label_keys = {phrase_key(label) for label in labels}
    if all(text_key(part) in label_keys for part in line.text.split("/")):
        return None
    for label in labels:
        match = re.match(rf"\s*{re.escape(label)}\s*[:：]\s*", line.text)
        if match:
            return replace(line, text=line.text[match.end() :])
    return line


def _is_status(text: str, ctx: BuildContext) -> bool:
    key = text_key(text)
    return bool(key) and key in {
        phrase_key(word) for word in ctx.vocabulary.words(Phrases.REMARKS_STATUSES)
    }


def topic_heading_title(text: str, ctx: BuildContext) -> str | None:
    """Return a topic heading's title: its text after ``ประเด็นที่ N``.

    The heading's own line is found by its prefix and number (a scan may put a line of noise
    above it); the title is what follows the number there, with the lines after it.
    """
    lines = text.split("\n")
    for index, line in enumerate(lines):
        if key_to_topic_number(text_key(line), ctx.layout.settings) is None:
            continue
        match = _AFTER_NUMBER.match(thai_to_arabic_digits(line))
        rest = line[match.end() :] if match else line
        # A heading typed with a trailing colon (``ประเด็นที่ ๒ การใช้งบประมาณ :``) titles without it.
        return ctx.clean("\n".join([rest, *lines[index + 1 :]])).rstrip(" :") or None
    return None


def _caption_heading(table: RecognizedTable, ctx: BuildContext) -> tuple[int, str | None] | None:
    """Return the number and title of a topic heading written in the table's caption row.

    Some templates put ``ประเด็นที่ ๑ …`` in a first row merged across the table.
    """
    width = table.table.col_count
    for row in sorted(table.header_rows):
        cell = table.grid[row][0]
        if cell is None or cell.row_start != row or cell.col_end < width:
            continue
        number = key_to_topic_number(text_key(cell.text), ctx.layout.settings)
        if number is not None:
            return number, topic_heading_title(cell.text, ctx)
    return None


def _number_and_title(
    table: RecognizedTable, use_heading: bool, ctx: BuildContext
) -> tuple[int | None, str | None, int | None]:
    """Return the topic number, title and page a table or its heading states.

    ``use_heading`` is False for the second table under one heading: the heading named the
    first.
    """
    heading_number = heading_title = heading_page = None
    section = ctx.layout.section_of(table.block_index)
    if use_heading and section.heading is not None:
        paragraph = section.heading.paragraph
        heading_number = section.heading.number
        heading_title = topic_heading_title(paragraph.labelled_text, ctx)
        heading_page = paragraph.page
    else:
        caption = _caption_heading(table, ctx)
        if caption is not None:
            heading_number, heading_title = caption
    # The number column names the topic only when one cell spans the table; one number per
    # row counts rows.
    number_cells = _distinct_cells(table, ColumnRole.NUMBER)
    number = None
    if len(number_cells) == 1:
        value = read_stated_number(number_cells[0].text, low=1, integer=True).value
        number = int(value) if value is not None else None
    title = None
    title_cells = _distinct_cells(table, ColumnRole.TITLE)
    if title_cells:
        # A merged title cell cut by a page break comes back as one cell per page.
        raw = "\n".join(cell.text for cell in title_cells)
        label, rest = split_list_label(raw, in_text=True)
        number = number or label_number(label)
        title = ctx.clean(rest, page=title_cells[0].page, where="topic title") or None
    page = heading_page or table.table.page
    # The heading's one line reads more reliably than a narrow merged cell's wrapped lines
    # (a scan puts the cell's borders into its text).
    return heading_number or number, heading_title or title, page


def _distinct_cells(table: RecognizedTable, role: ColumnRole) -> list[Cell]:
    """Return the non-empty cells of ``role``'s column, each once, top to bottom."""
    cells: list[Cell] = []
    for row in table.data_rows():
        cell = table.cell(row, role)
        if cell is not None and cell.text.strip() and all(cell is not seen for seen in cells):
            cells.append(cell)
    return cells


def _row_tool(table: RecognizedTable, row: int, ctx: BuildContext) -> Tool | None:
    """Return the tool a row's tool cell names.

    A cell that names none readably (a scan's ``IT``) is known by the codes beside it: the
    rows it spans whose codes carry their letter.
    """
    cell = table.cell(row, ColumnRole.TOOL)
    if cell is None:
        return None
    named = text_to_tool(cell.text, ctx.vocabulary)
    if named is not None:
        return named
    tools = set()
    for spanned in range(cell.row_start, cell.row_end):
        question = table.cell(spanned, ColumnRole.QUESTION)
        code = parse_item_code(question.text) if question is not None else None
        if code is not None:
            tools.add(tool_of_code(code))
    return tools.pop() if len(tools) == 1 else None


def _line_codes(cell: Cell) -> list[str]:
    """Return the codes of a cell's lines that are each one code (``i7``, ``ข้อ O11``)."""
    lines = cell.text.split("\n")
    return [
        code
        for index in _line_codes_at(cell)
        if (code := parse_item_code(lines[index])) is not None
    ]


def collapsed_rows(table: RecognizedTable) -> set[int]:
    """Return the rows whose question cell lists several codes, one per line.

    A PDF table that Word drew without inner borders comes out as one cell per column holding
    every row's line, the header's words included; its codes and scores are zipped by line.
    """
    rows = set()
    for row in range(table.table.row_count):
        question = table.cell(row, ColumnRole.QUESTION)
        if question is not None and question.row_start == row and len(_line_codes(question)) > 1:
            rows.add(row)
    return rows


def _row_items(
    table: RecognizedTable, row: int, collapsed: bool, ctx: BuildContext
) -> list[tuple[str, float | None, list[Region]]]:
    """Return the codes and scores one row states (several, zipped, in a collapsed row).

    Each comes with where it was read: its row's cells, or in a collapsed row its lines.
    """
    question = table.cell(row, ColumnRole.QUESTION)
    score_column = table.score_column(ctx.fiscal_year)
    score_cell = table.grid[row][score_column] if score_column is not None else None
    if question is None:
        return []
    if not collapsed:
        code = parse_item_code(question.text, tool=_row_tool(table, row, ctx))
        score_text = score_cell.text if score_cell is not None else ""
        if code is not None:
            score = ctx.read_score(score_text, what=f"item {code}", page=question.page)
            return [(code, score, sources_of(question, score_cell))]
        if ctx.score_reading(score_text).value is not None:
            ctx.warn(
                WarningCode.TOPIC_UNREADABLE_CODE,
                f"no item code in {question.text.strip()!r} beside score {score_text.strip()!r}",
                page=question.page,
            )
        return []
    codes = _line_codes(question)
    score_lines = score_cell.text.split("\n") if score_cell is not None else []
    # -- the header's words head the cell: lines that are no number are no scores --
    score_at = _score_lines_at(score_cell, ctx)
    runs = _rejoin_wrapped_scores(score_lines, score_at, len(codes), ctx)
    where = f"scores of {', '.join(codes)}"
    scores = [
        ctx.take_number(
            ctx.score_reading(" ".join(score_lines[index] for index in run)),
            what=where,
            expected="a score",
            page=question.page,
        )
        for run in runs
    ]
    if len(scores) != len(codes):
        ctx.warn(
            WarningCode.TOPIC_UNZIPPED_SCORES,
            f"{len(codes)} codes beside {len(scores)} scores in one cell; scores left out",
            page=question.page,
        )
        return [(code, None, sources_of(question)) for code in codes]
    return [
        (code, score, [*code_sources, *score_sources])
        for code, score, code_sources, score_sources in zip(
            codes,
            scores,
            _line_sources(question, _line_codes_at(question)),
            _run_sources(score_cell, runs),
            strict=True,
        )
    ]


def _rejoin_wrapped_scores(
    lines: Sequence[str], score_at: Sequence[int], codes: int, ctx: BuildContext
) -> list[list[int]]:
    """Return the score lines ``score_at`` in runs, one per score, for ``codes`` codes.

    A column too narrow for ``98.27`` wraps it (``9`` / ``8.27``), leaving more number lines
    than codes. A whole number on a line followed by a decimal on the next that read whole
    as one score is one score wrapped; the runs are kept only where that leaves exactly one
    score per code (the reading then warns of the repair it made), else one line per score.
    """
    runs: list[list[int]] = []
    for index in score_at:
        last = runs[-1] if runs else None
        if (
            len(score_at) > codes
            and last is not None
            and len(last) == 1
            and last[0] == index - 1
            and "." not in lines[last[0]]
            and "." in lines[index]
            and ctx.score_reading(f"{lines[last[0]]} {lines[index]}").value is not None
        ):
            last.append(index)
        else:
            runs.append([index])
    return runs if len(runs) == codes else [[index] for index in score_at]


def _run_sources(cell: Cell | None, runs: Sequence[Sequence[int]]) -> list[tuple[Region, ...]]:
    """Return where each run of a cell's lines was read."""
    return [
        tuple(region for sources in _line_sources(cell, list(run)) for region in sources)
        for run in runs
    ]


def _line_codes_at(cell: Cell) -> list[int]:
    """Return the indexes of the lines :func:`_line_codes` reads a code from."""
    return [
        index
        for index, line in enumerate(cell.text.split("\n"))
        if parse_item_code(line) is not None and not split_leading_codes(line)[1].strip()
    ]


def _score_lines_at(cell: Cell | None, ctx: BuildContext) -> list[int]:
    """Return the indexes of a cell's lines that are numbers (the header's words may head it)."""
    if cell is None:
        return []
    lines = cell.text.split("\n")
    return [index for index, line in enumerate(lines) if ctx.score_reading(line).value is not None]


def _line_sources(cell: Cell | None, indexes: list[int]) -> list[tuple[Region, ...]]:
    """Return where each of a cell's lines ``indexes`` was read."""
    if cell is None:
        return [() for _ in indexes]
    sources = cell.line_sources()
    return [sources[index] for index in indexes]


def _read_rows(table: RecognizedTable, draft: _TopicDraft, ctx: BuildContext) -> list[ItemMention]:
    """Add the table's item rows to the draft's assessments; return them as mentions."""
    mentions: list[ItemMention] = []
    collapsed = collapsed_rows(table)
    for row in sorted(set(table.data_rows()) | collapsed):
        question = table.cell(row, ColumnRole.QUESTION)
        if question is None or question.row_start != row:
            continue
        page = question.page or table.table.page
        row_tool = None if row in collapsed else _row_tool(table, row, ctx)
        items = _row_items(table, row, row in collapsed, ctx)
        for position, (code, score, sources) in enumerate(items):
            tool = row_tool or tool_of_code(code)
            assessment = draft.assessments.setdefault(tool, Assessment(tool=tool))
            code_page = page_stating(code, sources, page)
            if all(item.code != code for item in assessment.items):
                evidence = regions_to_evidence(sources)
                assessment.items.append(
                    ItemScore(code=code, score=score, page=code_page, evidence=evidence)
                )
            draft.sources.setdefault(tool, []).extend(sources)
            place = (table.block_index, row, position)
            mentions.append(ItemMention(code, score, code_page, place, tuple(sources)))
    return mentions


def _read_remarks(table: RecognizedTable, draft: _TopicDraft, ctx: BuildContext) -> None:
    """Read the last column: statuses beside each tool's rows, other text as recommendations.

    A tool has a result only where every remark beside its rows is the same status; a tool
    with recommendations beside any of its rows has none.
    """
    seen: set[int] = set()
    collapsed = collapsed_rows(table)
    for row in sorted(set(table.data_rows()) | collapsed):
        cell = table.cell(row, ColumnRole.REMARK)
        # A dash or a dot (nothing to say) is no recommendation.
        if cell is None or id(cell) in seen or not text_key(cell.text):
            continue
        seen.add(id(cell))
        if row in collapsed:
            # The header's words head the cell; the recommendations start at the first code.
            lines = paragraphs_to_text_lines(cell.paragraphs)
            first = next(
                (i for i, line in enumerate(lines) if split_leading_codes(line.text)[0]), len(lines)
            )
            draft.lines.extend(lines[first:])
            continue
        tools = _tools_beside(table, cell, ctx)
        status = ctx.clean(cell.text, page=cell.page) if _is_status(cell.text, ctx) else ""
        for tool in tools:
            draft.statuses.setdefault(tool, []).append(status)
            if status:
                draft.sources.setdefault(tool, []).extend(cell.sources)
        if not status:
            context_tool = tools[0] if len(tools) == 1 else None
            lines = paragraphs_to_text_lines(cell.paragraphs, context_tool)
            # A cell may give one item's status and the next one's recommendations: a status
            # line says nothing to recommend, and neither does the column's name typed above
            # them (``ข้อเสนอแนะ :``).
            draft.lines.extend(
                unlabelled
                for line in lines
                if not _is_status(line.text, ctx)
                and (unlabelled := _without_remark_label(line, ctx)) is not None
            )


def _tools_beside(table: RecognizedTable, cell: Cell, ctx: BuildContext) -> list[Tool]:
    """Return the tools of the item rows a merged remark cell stands beside, in order."""
    tools: list[Tool] = []
    for row in range(cell.row_start, cell.row_end):
        if row in table.header_rows:
            continue
        tool = _row_tool(table, row, ctx)
        if tool is None:
            question = table.cell(row, ColumnRole.QUESTION)
            code = parse_item_code(question.text) if question is not None else None
            tool = tool_of_code(code) if code else None
        if tool is not None and tool not in tools:
            tools.append(tool)
    return tools


def build_topics(ctx: BuildContext) -> TopicRecords:
    """Return the topics of part 1, their recommendations, and the item scores they state."""
    drafts: list[_TopicDraft] = []
    mentions: list[ItemMention] = []
    last_heading: int | None = None
    for table in ctx.layout.tables_of_kind(TableKind.TOPIC):
        section = ctx.layout.section_of(table.block_index)
        new_heading = section.kind is SectionKind.TOPIC and section.start != last_heading
        number, title, page = _number_and_title(table, new_heading, ctx)
        continues = drafts and table.continued and number is None and title is None
        if drafts and ((continues and not new_heading) or number == drafts[-1].number):
            draft = drafts[-1]
        else:
            if number is None:
                number = len(drafts) + 1
                ctx.warn(
                    WarningCode.TOPIC_NUMBER_INFERRED,
                    f"a topic table states no number; numbered {number} by its order",
                    page=page,
                )
            draft = _TopicDraft(number, title, page)
            drafts.append(draft)
        if section.kind is SectionKind.TOPIC:
            last_heading = section.start
        mentions.extend(_read_rows(table, draft, ctx))
        _read_remarks(table, draft, ctx)
    topics: list[Topic] = []
    recommendations: list[Recommendation] = []
    for draft in drafts:
        topics.append(
            Topic(
                number=draft.number,
                title=draft.title,
                page=draft.page,
                assessments=[
                    assessment.model_copy(
                        update={
                            "result": draft.result(tool),
                            "evidence": regions_to_evidence(draft.sources.get(tool, [])),
                        }
                    )
                    for tool, assessment in draft.assessments.items()
                ],
            )
        )
        recommendations.extend(
            lines_to_recommendations(
                draft.lines, ctx, section=RecommendationSection.TOPIC, topic=draft.number
            )
        )
    return TopicRecords(topics, recommendations, mentions)
