"""Tell a table's kind and its columns from the words of its header, never from its position.

Steps, each a pure function: the table's top rows → column labels → the roles those labels
name under each table kind → the best kind. A table without a header of its own that follows
a recognised one (a page's continuation) is given the same kind and columns by the
orchestrator in :mod:`ita_extract.recognize.layout`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace

from rapidfuzz import fuzz

from ita_extract.document import Cell, Table
from ita_extract.normalize.codes import split_leading_codes
from ita_extract.normalize.dates import names_month
from ita_extract.normalize.thai import parse_score, parse_year
from ita_extract.recognize.matching import best_keyword_score, locate_phrase, phrase_key, text_key
from ita_extract.recognize.settings import RecognizeSettings
from ita_extract.vocabulary import ColumnRole, Phrases, TableKind, TableVocabulary

_DIGITS = re.compile(r"[0-9]")
_NUMBER = re.compile(r"[0-9]{1,2}")

Grid = tuple[tuple[Cell | None, ...], ...]


@dataclass(frozen=True)
class ColumnLabel:
    """The header text over a run of grid columns that share the same header cells."""

    column: int
    """First grid column of the run: the column whose cells a builder reads."""
    text: str
    key: str


@dataclass(frozen=True)
class ScoreColumn:
    """A column of scores, with what its header says about which year it holds."""

    column: int
    year: int | None = None
    previous: bool = False
    """The header names last year (``ปีที่ผ่านมา``)."""
    difference: bool = False
    """The header names a change (``ผลต่าง``, ``เพิ่ม/ลด``)."""


@dataclass(frozen=True)
class HeaderMatch:
    """How well one table kind explains a header."""

    kind: TableKind
    columns: Mapping[ColumnRole, int]
    score_columns: tuple[int, ...]
    explained: float
    """Share of non-empty header labels that name a column of this kind."""
    total_score: float


@dataclass(frozen=True)
class RecognizedTable:
    """A table whose kind and columns are known."""

    block_index: int
    table: Table
    kind: TableKind
    columns: Mapping[ColumnRole, int]
    header_rows: frozenset[int]
    """Rows that are not data: caption, header, and headers repeated on later pages."""
    labels: tuple[ColumnLabel, ...] = ()
    score_columns: tuple[ScoreColumn, ...] = ()
    continued: bool = False
    """True when the table goes on with the recognised table before it (``recognize.layout``):
    record builders stitch tables together only here."""
    indicator_columns: Mapping[int, int] = field(default_factory=dict)
    """For an indicator table laid out the other way round (indicators as columns, years as
    rows, as in the NACC's reports): each column's indicator number."""
    grid: Grid = field(default=(), repr=False)
    month_columns: Mapping[int, str] = field(default_factory=dict)
    """For a month-grid plan (the time-frame header spanning one column per month, named in
    the row below it): each month column's month as written (``ต.ค.``); else empty."""

    def data_rows(self) -> list[int]:
        """Return the indices of the rows that hold data, top to bottom."""
        return [row for row in range(self.table.row_count) if row not in self.header_rows]

    def cell(self, row: int, role: ColumnRole) -> Cell | None:
        """Return the cell of ``role``'s column in grid ``row``, or None if there is none."""
        column = self.columns.get(role)
        if column is None or not self.grid:
            return None
        return self.grid[row][column]

    def score_column(self, fiscal_year: int | None) -> int | None:
        """Return the column holding the scores of ``fiscal_year`` (the report's year).

        Columns of last year's scores or of differences are never chosen; among columns
        headed by years, the report's year wins, else the latest one.
        """
        usable = [col for col in self.score_columns if not col.previous and not col.difference]
        if fiscal_year is not None:
            exact = [col for col in usable if col.year == fiscal_year]
            if exact:
                return exact[0].column
        dated = [col for col in usable if col.year is not None]
        if dated:
            return max(dated, key=lambda col: col.year or 0).column
        return usable[0].column if usable else None


def table_to_grid(table: Table) -> Grid:
    """Given a table, return its grid as nested tuples (computed once per table)."""
    return tuple(tuple(row) for row in table.grid())


def grid_to_labels(grid: Grid, start: int, depth: int) -> tuple[ColumnLabel, ...]:
    """Given header rows ``[start, start + depth)``, return one label per run of columns.

    Grid columns covered by the same header cells (a header cell spanning two columns) make
    one label, so a spanned header is counted once.
    """
    rows = grid[start : start + depth]
    if not rows:
        return ()
    labels: list[ColumnLabel] = []
    previous: tuple[int, ...] | None = None
    for column in range(len(rows[0])):
        stack = tuple(id(row[column]) for row in rows)
        if stack == previous:
            continue
        previous = stack
        texts: list[str] = []
        for row in rows:
            cell = row[column]
            if cell is not None and cell.text.strip() and cell.text not in texts:
                texts.append(cell.text)
        text = " ".join(texts)
        labels.append(ColumnLabel(column, text, text_key(text)))
    return tuple(labels)


def labels_to_match(
    labels: Sequence[ColumnLabel], vocabulary: TableVocabulary, settings: RecognizeSettings
) -> HeaderMatch | None:
    """Given column labels, return how ``vocabulary``'s kind explains them, or None if not.

    Each label gets at most one role and each role one column, best scores first; the score
    role may take several columns (this year's, last year's, the difference).
    """
    candidates: list[tuple[float, int, ColumnRole]] = []
    for index, label in enumerate(labels):
        for role, keywords in vocabulary.columns.items():
            score = best_keyword_score(
                keywords,
                label.key,
                min_partial_chars=settings.min_partial_chars,
                max_offset=settings.header_max_offset,
            )
            if role is ColumnRole.SCORE and _is_year_label(label, settings):
                score = max(score, settings.header_min_score)
            if role is ColumnRole.SCORE and _label_names(
                label, Phrases.SCORE_COLUMNS_WEIGHT, settings
            ):
                continue
            if score >= settings.header_min_score:
                candidates.append((score, index, role))
    candidates.sort(key=lambda candidate: (-candidate[0], candidate[1]))
    columns: dict[ColumnRole, int] = {}
    score_columns: list[int] = []
    taken: set[int] = set()
    total = 0.0
    for score, index, role in candidates:
        if index in taken or (role in columns and role is not ColumnRole.SCORE):
            continue
        taken.add(index)
        total += score
        if role is ColumnRole.SCORE:
            score_columns.append(labels[index].column)
            columns.setdefault(role, labels[index].column)
        else:
            columns[role] = labels[index].column
    if not vocabulary.required <= columns.keys():
        return None
    non_empty = sum(1 for label in labels if label.key)
    return HeaderMatch(
        kind=vocabulary.kind,
        columns=columns,
        score_columns=tuple(sorted(score_columns)),
        explained=len(taken) / max(non_empty, 1),
        total_score=total,
    )


def _is_year_label(label: ColumnLabel, settings: RecognizeSettings) -> bool:
    """Return whether a label is only a year (``ปี 2567``): a column of that year's scores."""
    if parse_year(label.text) is None:
        return False
    words = {
        phrase_key(word) for word in settings.vocabulary.words(Phrases.SCORE_COLUMNS_YEAR_WORDS)
    }
    return _DIGITS.sub("", label.key) in words | {""}


def labels_to_best_match(
    labels: Sequence[ColumnLabel], settings: RecognizeSettings
) -> HeaderMatch | None:
    """Given column labels, return the table kind that explains them best, or None."""
    matches = [
        match
        for vocabulary in settings.vocabulary.tables.values()
        if (match := labels_to_match(labels, vocabulary, settings)) is not None
    ]
    return max(matches, key=_match_rank, default=None)


def _match_rank(match: HeaderMatch) -> tuple[float, int, float]:
    return (match.explained, len(match.columns), match.total_score)


def _is_sub_header_row(grid: Grid, row: int, settings: RecognizeSettings) -> bool:
    """Return whether ``row`` reads as a second header row: short labels, no scores, a year.

    Only years are looked for: a sub-header splits a score column by year (``ปี 2565 | 2566``),
    and a data row of short words must not be swallowed into the header.
    """
    has_year = False
    for column, cell in enumerate(grid[row]):
        if cell is None or cell.row_start != row or (column and grid[row][column - 1] is cell):
            continue
        text = cell.text.strip()
        if len(text_key(text)) > settings.sub_header_max_chars:
            return False
        if text and parse_score(text) is not None:
            return False
        has_year = has_year or parse_year(text) is not None
    return has_year


def grid_to_header(
    grid: Grid, settings: RecognizeSettings
) -> tuple[HeaderMatch, int, int, tuple[ColumnLabel, ...]] | None:
    """Given a table's grid, return its best header: the match, first row, depth and labels.

    The search stops below a row that names a known column word for word (``ตัวชี้วัด``) yet
    explains no kind, at a row that names none: that row is the header, so the rows under
    it are data (a measure ``ควรจัดทำมาตรการ…`` there is no ``มาตรการ`` column). A row
    naming columns of its own may finish a header above it (``ผลการประเมิน`` / ``คะแนน``).
    """
    best: tuple[HeaderMatch, int, int, tuple[ColumnLabel, ...]] | None = None
    for start in range(min(settings.header_search_rows, len(grid))):
        if (
            best is None
            and start
            and _names_a_column(grid_to_labels(grid, start - 1, 1), settings)
            and not _names_a_column(grid_to_labels(grid, start, 1), settings)
        ):
            break
        for depth in range(1, settings.header_max_depth + 1):
            if start + depth > len(grid):
                break
            if depth > 1 and not _is_sub_header_row(grid, start + depth - 1, settings):
                break
            labels = grid_to_labels(grid, start, depth)
            match = labels_to_best_match(labels, settings)
            if match is None:
                continue
            if best is None or _match_rank(match) > _match_rank(best[0]):
                best = (match, start, depth, labels)
            elif depth > 1 and best[1] == start and _match_rank(match) >= _match_rank(best[0]):
                # A second header row that explains as much adds detail (years over scores).
                best = (match, start, depth, labels)
    return best


def _names_a_column(labels: Sequence[ColumnLabel], settings: RecognizeSettings) -> bool:
    """Return whether a label is word for word a column keyword of some table kind."""
    keys = {
        key
        for vocabulary in settings.vocabulary.tables.values()
        for words in vocabulary.columns.values()
        for word in words
        if len(key := text_key(word)) >= settings.min_partial_chars
    }
    return any(label.key in keys for label in labels)


def label_to_score_column(label: ColumnLabel, settings: RecognizeSettings) -> ScoreColumn:
    """Given a score column's label, return what it says about the year it holds."""
    return ScoreColumn(
        column=label.column,
        year=parse_year(label.text),
        previous=_label_names(label, Phrases.SCORE_COLUMNS_PREVIOUS, settings),
        difference=_label_names(label, Phrases.SCORE_COLUMNS_DIFFERENCE, settings),
    )


def _label_names(label: ColumnLabel, group: Phrases, settings: RecognizeSettings) -> bool:
    """Return whether ``label`` holds one of the vocabulary ``group``'s phrases."""
    return any(
        locate_phrase(phrase, label.key).score >= settings.header_min_score
        for phrase in settings.vocabulary.words(group)
    )


def repeated_header_rows(
    grid: Grid,
    labels: Sequence[ColumnLabel],
    first_data_row: int,
    settings: RecognizeSettings,
    keywords: Mapping[int, Sequence[str]] | None = None,
) -> set[int]:
    """Return the data rows that repeat the header (Word repeats it on every page).

    A cell repeats its column's header when it reads like the first header's label, or like
    the column's own keywords (``keywords``: column → the words of its role), since two
    scans of one header differ.
    """
    repeated: set[int] = set()
    for row in range(first_data_row, len(grid)):
        compared = same = 0
        for label in labels:
            if not label.key:
                continue
            cell = grid[row][label.column]
            key = text_key(cell.text) if cell is not None and cell.row_start == row else ""
            if not key:
                continue
            compared += 1
            # Whole-cell comparisons only: a data cell may hold a header word among others.
            words = keywords.get(label.column, ()) if keywords else ()
            named = max((fuzz.ratio(key, phrase_key(word)) for word in words), default=0.0)
            if max(fuzz.ratio(key, label.key), named) >= settings.header_min_score:
                same += 1
        if compared and same / compared >= settings.repeated_header_share:
            repeated.add(row)
    return repeated


def _column_keywords(match: HeaderMatch, settings: RecognizeSettings) -> dict[int, Sequence[str]]:
    """Return, for each recognised column, the keywords of the role it was given."""
    vocabulary = settings.vocabulary.tables[match.kind]
    return {column: vocabulary.columns[role] for role, column in match.columns.items()}


def _column_cells(grid: Grid, column: int) -> list[Cell]:
    """Return the non-empty cells that start in ``column``, each once, top to bottom."""
    cells: list[Cell] = []
    for row in grid:
        cell = row[column]
        fresh = cell is not None and all(cell is not seen for seen in cells)
        if cell is not None and fresh and cell.col_start == column and cell.text.strip():
            cells.append(cell)
    return cells


def _lines(text: str) -> list[str]:
    return [line for line in text.split("\n") if line.strip()]


def _is_code_line(line: str) -> bool:
    codes, rest = split_leading_codes(line.strip())
    return bool(codes) and not rest.strip()


def _is_score_line(line: str) -> bool:
    return parse_score(line) is not None and text_key(line).isdigit()


def _is_code_cell(text: str) -> bool:
    """Return whether most of a cell's lines are item codes (one, or a borderless column)."""
    return _share_of_lines([text], _is_code_line) >= 0.5


def _share_of_lines(texts: Sequence[str], test: Callable[[str], bool]) -> float:
    lines = [line for text in texts for line in _lines(text)]
    return sum(map(test, lines)) / len(lines) if lines else 0.0


def _share(grid: Grid, column: int, test: Callable[[str], bool], min_rows: int) -> float:
    """Return the share of a column's lines that pass ``test``; 0 below ``min_rows`` lines.

    Lines, not cells: a table drawn without inner borders holds a whole column in one cell.
    """
    texts = [cell.text for cell in _column_cells(grid, column)]
    if sum(len(_lines(text)) for text in texts) < min_rows:
        return 0.0
    return _share_of_lines(texts, test)


def grid_to_content_match(grid: Grid, settings: RecognizeSettings) -> HeaderMatch | None:
    """Given a table whose header is unreadable, return it as a topic table if its content is one.

    A scan's shaded header row often OCRs to nothing; the table still reads as a topic table
    when one column holds item codes (``ข้อ i1``) and a column right of it scores. The columns
    left of the codes are, from the right, tool, title and number; the one after the scores
    holds the remarks.
    """
    width = len(grid[0]) if grid else 0
    min_rows, min_share = settings.content_min_rows, settings.content_min_share
    code_shares = [_share(grid, column, _is_code_line, min_rows) for column in range(width)]
    question = max(range(width), key=code_shares.__getitem__, default=None)
    if question is None or code_shares[question] < min_share:
        return None
    scores = [
        column
        for column in range(question + 1, width)
        if _share(grid, column, _is_score_line, min_rows) >= min_share
    ]
    if not scores:
        return None
    columns = {ColumnRole.QUESTION: question, ColumnRole.SCORE: scores[0]}
    for role, column in zip(
        (ColumnRole.TOOL, ColumnRole.TITLE, ColumnRole.NUMBER),
        range(question - 1, -1, -1),
        strict=False,
    ):
        columns[role] = column
    if scores[0] + 1 < width:
        columns[ColumnRole.REMARK] = scores[0] + 1
    return HeaderMatch(TableKind.TOPIC, columns, (scores[0],), explained=0.0, total_score=0.0)


def labels_to_indicator_columns(
    labels: Sequence[ColumnLabel], settings: RecognizeSettings
) -> dict[int, int]:
    """Given header labels, return the columns that each name one indicator (``ตัวชี้วัดที่ 3``)."""
    prefixes = [
        phrase_key(word) for word in settings.vocabulary.words(Phrases.INDICATORS_NUMBER_PREFIXES)
    ]
    columns: dict[int, int] = {}
    for label in labels:
        prefix = next((prefix for prefix in prefixes if label.key.startswith(prefix)), None)
        number = _NUMBER.match(label.key, len(prefix)) if prefix is not None else None
        if number is not None:
            columns[label.column] = int(number[0])
    return columns


def _transposed_to_recognized(
    block_index: int, table: Table, grid: Grid, settings: RecognizeSettings
) -> RecognizedTable | None:
    """Return an indicator table with indicators as columns, or None if ``table`` is not one."""
    for start in range(min(settings.header_search_rows, len(grid))):
        labels = grid_to_labels(grid, start, 1)
        columns = labels_to_indicator_columns(labels, settings)
        if len(columns) >= settings.transposed_min_indicators:
            return RecognizedTable(
                block_index=block_index,
                table=table,
                kind=TableKind.INDICATOR,
                columns={},
                header_rows=frozenset(range(start + 1)),
                labels=labels,
                indicator_columns=columns,
                grid=grid,
            )
    return None


def table_to_recognized(
    block_index: int, table: Table, settings: RecognizeSettings
) -> RecognizedTable | None:
    """Given a table, return it with its kind and columns, or None if no kind fits."""
    grid = table_to_grid(table)
    transposed = _transposed_to_recognized(block_index, table, grid, settings)
    if transposed is not None:
        return transposed
    header = grid_to_header(grid, settings)
    if header is None:
        return _content_to_recognized(block_index, table, grid, settings)
    match, start, depth, labels = header
    first_data_row = start + depth
    header_rows = set(range(first_data_row)) | repeated_header_rows(
        grid, labels, first_data_row, settings, _column_keywords(match, settings)
    )
    by_column = {label.column: label for label in labels}
    return RecognizedTable(
        block_index=block_index,
        table=table,
        kind=match.kind,
        columns=match.columns,
        header_rows=frozenset(header_rows),
        labels=labels,
        score_columns=tuple(
            label_to_score_column(by_column[column], settings) for column in match.score_columns
        ),
        grid=grid,
    )


def _content_to_recognized(
    block_index: int, table: Table, grid: Grid, settings: RecognizeSettings
) -> RecognizedTable | None:
    """Return a table without a readable header as the kind its content shows, or None."""
    match = grid_to_content_match(grid, settings)
    if match is None:
        return None
    question = match.columns[ColumnRole.QUESTION]
    first = next(
        row
        for row in range(len(grid))
        if (cell := grid[row][question]) is not None and _is_code_cell(cell.text)
    )
    return RecognizedTable(
        block_index=block_index,
        table=table,
        kind=match.kind,
        columns=match.columns,
        header_rows=frozenset(range(first)),
        score_columns=tuple(ScoreColumn(column) for column in match.score_columns),
        grid=grid,
    )


def continue_recognized(
    block_index: int, table: Table, previous: RecognizedTable, settings: RecognizeSettings
) -> RecognizedTable | None:
    """Return ``table`` as a continuation of ``previous`` if its grid has the same columns."""
    if table.col_count != previous.table.col_count:
        return None
    grid = table_to_grid(table)
    return RecognizedTable(
        block_index=block_index,
        table=table,
        kind=previous.kind,
        columns=previous.columns,
        header_rows=frozenset(repeated_header_rows(grid, previous.labels, 0, settings)),
        labels=previous.labels,
        score_columns=previous.score_columns,
        continued=True,
        grid=grid,
    )


_MONTH_GRID_MIN_MONTHS = 3
"""Month names a row under the time-frame header needs to be a month grid's header."""


def with_month_rows(table: RecognizedTable) -> RecognizedTable:
    """Return a plan ``table`` with the rows naming its months as header rows, if it has them.

    Some plans span the time-frame header over one column per month (``ต.ค. | พ.ย. | …``,
    named in the row under it) and tick the months of each measure instead of writing a
    phrase. That row, and the same row repeated further down (on the next page), is header.
    """
    first = table.columns.get(ColumnRole.TIMEFRAME)
    rows = table.data_rows()
    if table.kind is not TableKind.ACTION_PLAN or first is None or not rows:
        return table
    months = _month_names(table, rows[0], first)
    if len(set(months.values())) < _MONTH_GRID_MIN_MONTHS:
        return table
    named = {row for row in rows if _month_names(table, row, min(months)) == months}
    return replace(table, header_rows=table.header_rows | named, month_columns=months)


def _month_names(table: RecognizedTable, row: int, first: int) -> dict[int, str]:
    """Return the cells of ``row`` from column ``first`` on that name a month, by column."""
    return {
        column: cell.text.strip()
        for column in range(first, table.table.col_count)
        if (cell := table.grid[row][column]) is not None and names_month(cell.text)
    }
