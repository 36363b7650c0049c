"""Recover tables, with merged cells as spans, from a PDF page's ruling lines.

The cells come from the lines Word or LibreOffice drew (pdfplumber's pure edge → cell
functions, fed with PDFium's path segments, so no page is parsed twice). A merged cell is
one drawn box over several grid slots; its span is read off the box's corners against the
table's row and column boundaries. Where a table was drawn without inner horizontal borders,
a box holds several rows' lines at once; they are split back into rows when the boxes side
by side hold the same number of lines at the same heights.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from statistics import median

from pdfplumber.table import (
    cells_to_tables,
    edges_to_intersections,
    intersections_to_cells,
    merge_edges,
)

from ita_extract.document import Cell, Paragraph, Table
from ita_extract.readers.pdf_layout import (
    PdfColumn,
    PdfLine,
    glyphs_to_lines,
    is_number,
    is_wrapped_number,
    lines_to_paragraphs,
    starts_with_list_label,
)
from ita_extract.readers.pdf_page import Edge, Glyph, PointBox

SNAP_TOLERANCE = 3.0
"""Parallel lines closer than this (points) are one line (double borders, thick rules)."""
JOIN_TOLERANCE = 3.0
"""Collinear segments with a gap smaller than this are one line."""
INTERSECTION_TOLERANCE = 3.0
MIN_EDGE_LENGTH = 3.0
"""Shorter segments are ticks or glyph strokes, not borders."""
BOUNDARY_TOLERANCE = 2.0
"""Cell corners closer than this belong to the same row or column boundary."""
CUT_ROW_ROOM = 1.0
"""Lines of room a row the page break cut leaves below it at most: one more would have fit
(pages of one size end their text a few points apart)."""
FINISHED_ROOM = 2.5
"""Lines of room below a cell's text that say it ended there: widow and orphan control move
up to two lines of a paragraph past the break, leaving that much room."""
SHORT_LINE = 0.75
"""A line narrower than this share of its cell ended its paragraph (it did not wrap)."""
ALIGNED_BASELINES = 0.4
"""Lines in neighbouring cells are side by side when their baselines differ by less than this
share of the font size."""


@dataclass(slots=True)
class DraftCell:
    """A drawn cell with its box and the lines written in it."""

    box: PointBox
    lines: list[PdfLine] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class DraftTable:
    """A table found on a page: its outer box and cells, before text becomes paragraphs."""

    box: PointBox
    cells: tuple[DraftCell, ...]


def edges_to_cell_boxes(edges: Sequence[Edge]) -> list[list[PointBox]]:
    """Given a page's ruling lines, return the boxes of each table's cells, table by table."""
    if len(edges) < 4:
        return []
    merged = merge_edges(
        [edge.as_pdfplumber() for edge in edges],
        snap_x_tolerance=SNAP_TOLERANCE,
        snap_y_tolerance=SNAP_TOLERANCE,
        join_x_tolerance=JOIN_TOLERANCE,
        join_y_tolerance=JOIN_TOLERANCE,
    )
    long_enough = [
        edge
        for edge in merged
        if (edge["x1"] - edge["x0"] if edge["orientation"] == "h" else edge["height"])
        >= MIN_EDGE_LENGTH
    ]
    intersections = edges_to_intersections(
        long_enough, INTERSECTION_TOLERANCE, INTERSECTION_TOLERANCE
    )
    # -- one drawn box with nothing inside is a frame around text, not a table --
    return [
        [tuple(map(float, box)) for box in boxes]  # type: ignore[misc]
        for boxes in cells_to_tables(intersections_to_cells(intersections))
        if len(boxes) > 1
    ]


def find_tables(
    edges: Sequence[Edge], glyphs: Sequence[Glyph]
) -> tuple[list[DraftTable], list[Glyph]]:
    """Return the page's tables, their cells holding their lines, and the glyphs outside them."""
    tables: list[DraftTable] = []
    for boxes in edges_to_cell_boxes(edges):
        outer = (
            min(box[0] for box in boxes),
            min(box[1] for box in boxes),
            max(box[2] for box in boxes),
            max(box[3] for box in boxes),
        )
        tables.append(DraftTable(outer, tuple(DraftCell(box) for box in boxes)))
    if not tables:
        return [], list(glyphs)
    inside: dict[int, list[Glyph]] = {index: [] for index in range(len(tables))}
    outside: list[Glyph] = []
    for glyph in glyphs:
        x, y = glyph.x_middle, glyph.y_middle
        for index, table in enumerate(tables):
            x0, top, x1, bottom = table.box
            if x0 <= x <= x1 and top <= y <= bottom:
                inside[index].append(glyph)
                break
        else:
            outside.append(glyph)
    for index, table in enumerate(tables):
        # -- text inside a table's outline but in no cell (a row that ends early) is page text --
        outside.extend(_fill_cells(table, inside[index]))
    return tables, outside


def _fill_cells(table: DraftTable, glyphs: Sequence[Glyph]) -> list[Glyph]:
    """Write ``glyphs`` into the lines of the cells they sit in; return those in none."""
    columns = _boundaries(value for cell in table.cells for value in (cell.box[0], cell.box[2]))
    rows = _boundaries(value for cell in table.cells for value in (cell.box[1], cell.box[3]))
    slots: dict[tuple[int, int], DraftCell] = {}
    for cell in table.cells:
        x0, top, x1, bottom = cell.box
        for row in range(_index(rows, top), _index(rows, bottom)):
            for column in range(_index(columns, x0), _index(columns, x1)):
                slots[row, column] = cell
    contents: dict[int, list[Glyph]] = {}
    homeless: list[Glyph] = []
    for glyph in glyphs:
        row = bisect.bisect_right(rows, glyph.y_middle) - 1
        column = bisect.bisect_right(columns, glyph.x_middle) - 1
        owner = slots.get((row, column))
        if owner is None:
            homeless.append(glyph)
        else:
            contents.setdefault(id(owner), []).append(glyph)
    for cell in table.cells:
        cell.lines = glyphs_to_lines(contents.get(id(cell), []))
    return homeless


def _boundaries(values: Iterable[float]) -> list[float]:
    """Return ``values`` sorted, with values closer than the tolerance collapsed into one."""
    result: list[float] = []
    for value in sorted(values):
        if not result or value - result[-1] > BOUNDARY_TOLERANCE:
            result.append(value)
    return result


def _index(boundaries: Sequence[float], value: float) -> int:
    """Return the index of the boundary nearest ``value``."""
    position = bisect.bisect_left(boundaries, value)
    candidates = [i for i in (position - 1, position) if 0 <= i < len(boundaries)]
    return min(candidates, key=lambda i: abs(boundaries[i] - value))


def split_borderless_rows(cells: Sequence[DraftCell]) -> list[DraftCell]:
    """Return ``cells`` with boxes that hold several rows' lines cut into one box per line.

    A table drawn without inner horizontal borders leaves one tall box per column holding
    every row's line (codes in one, scores in the next). Boxes of the same drawn row are
    cut when at least two of them hold the same number of lines at the same heights, one of
    them holds a number of its own on every line (scores: wrapped text never does, and a
    number wrapped in a narrow column is one number), and none holds a list item wrapped over
    several lines;
    the other boxes of that row (a merged recommendation) stay whole and come to span the
    new rows. The table's first drawn row is its header, whose wrapped titles line up by
    nature, and is never cut.
    """
    header_top = min(cell.box[1] for cell in cells)
    padding = _text_inset(cells)
    by_band: dict[tuple[float, float], list[DraftCell]] = {}
    for cell in cells:
        by_band.setdefault((cell.box[1], cell.box[3]), []).append(cell)
    result: list[DraftCell] = []
    for (top, _), band in by_band.items():
        result.extend(band if top == header_top else _split_band(band, padding))
    return result


def _text_inset(cells: Sequence[DraftCell]) -> float:
    """Return the table's cell padding: the usual gap between a cell's left edge and its text.

    Most cells hold left-aligned text; centred numbers and glyphs overhanging the edge sit
    apart from the median.
    """
    insets = [
        max(0.0, min(line.x0 for line in cell.lines) - cell.box[0]) for cell in cells if cell.lines
    ]
    return median(insets) if insets else 0.0


def _split_band(band: list[DraftCell], padding: float) -> list[DraftCell]:
    by_count: dict[int, list[DraftCell]] = {}
    for cell in band:
        if len(cell.lines) > 1:
            by_count.setdefault(len(cell.lines), []).append(cell)
    for group in by_count.values():
        if (
            len(group) < 2
            or not _aligned(group)
            or not any(_holds_numbers(cell, padding) for cell in group)
            or any(map(_holds_wrapped_list_item, group))
        ):
            continue
        return _cut_band(band, group)
    return band


def _aligned(group: Sequence[DraftCell]) -> bool:
    first = group[0].lines
    return all(
        abs(line.baseline - other.baseline) < ALIGNED_BASELINES * line.size
        for cell in group[1:]
        for line, other in zip(first, cell.lines, strict=True)
    )


def _holds_numbers(cell: DraftCell, padding: float) -> bool:
    """Return whether every line of ``cell`` is a number of its own, as one per row is."""
    return all(is_number(line.text) for line in cell.lines) and not _wrapped_number(cell, padding)


def _wrapped_number(cell: DraftCell, padding: float) -> bool:
    """Return whether the lines of ``cell`` are the pieces of one number wrapped in it.

    The pieces read whole as one number (:func:`is_wrapped_number`), and side by side they
    would not fit between the cell's paddings.
    """
    room = cell.box[2] - cell.box[0] - 2 * padding
    pieces = [line.text for line in cell.lines]
    return is_wrapped_number(pieces) and sum(line.width for line in cell.lines) > room


def _holds_wrapped_list_item(cell: DraftCell) -> bool:
    """Return whether a line with a list label is followed by one without (its wrap)."""
    labelled = [starts_with_list_label(line.text) for line in cell.lines]
    return any(upper and not lower for upper, lower in pairwise(labelled))


def _cut_band(band: Sequence[DraftCell], group: Sequence[DraftCell]) -> list[DraftCell]:
    """Return ``band`` cut into the rows the lines of ``group`` stand on.

    The boxes of ``group`` give one row per line. A box beside them whose few lines each
    stand on one of those rows, with rows left free between them (a tool's name beside
    its items), is cut into one piece per line, reaching down to the next; the rows those
    pieces start on mark groups, and a longer text beside them (the recommendations of
    each group) is cut where a paragraph of it starts on such a row.
    """
    rows = group[0].lines
    _, top, _, bottom = group[0].box
    # -- a row starts right above its line: text between two rows' lines (the end of a
    # -- recommendation that stretched the row above) belongs to the upper row --
    edges = [top, *(row.top for row in rows[1:]), bottom]
    in_group = {id(cell) for cell in group}
    starts_of: dict[int, list[int]] = {}
    for cell in band:
        if id(cell) in in_group:
            starts_of[id(cell)] = list(range(len(rows)))
            continue
        positions = [_row_of(line, rows) for line in cell.lines]
        if len(positions) > 1 and None not in positions:
            known = [position for position in positions if position is not None]
            if known != list(range(known[0], known[0] + len(known))):
                starts_of[id(cell)] = known
    group_starts = {
        start
        for cell in band
        if id(cell) not in in_group and id(cell) in starts_of
        for start in starts_of[id(cell)][1:]
    }
    pieces: list[DraftCell] = []
    for cell in band:
        starts = starts_of.get(id(cell)) or _paragraph_starts(cell, rows, group_starts)
        pieces.extend(_cut_at(cell, starts, edges) if starts else [cell])
    return pieces


def _row_of(line: PdfLine, rows: Sequence[PdfLine]) -> int | None:
    for index, row in enumerate(rows):
        if abs(line.baseline - row.baseline) < ALIGNED_BASELINES * line.size:
            return index
    return None


def _paragraph_starts(
    cell: DraftCell, rows: Sequence[PdfLine], group_starts: set[int]
) -> list[int]:
    """Return the rows where ``cell`` can be cut: group starts where a paragraph of it opens."""
    width = cell.box[2] - cell.box[0]
    cuts = [
        row
        for upper, line in pairwise(cell.lines)
        if (row := _row_of(line, rows)) in group_starts
        and (upper.width < SHORT_LINE * width or starts_with_list_label(line.text))
    ]
    return [_row_of(cell.lines[0], rows) or 0, *cuts] if cuts else []


def _cut_at(cell: DraftCell, starts: Sequence[int], edges: Sequence[float]) -> list[DraftCell]:
    """Return ``cell`` cut into pieces starting on rows ``starts``, each down to the next."""
    x0, top, x1, bottom = cell.box
    bounds = [top, *(edges[start] for start in starts[1:]), bottom]
    return [
        DraftCell(
            (x0, upper, x1, lower),
            [line for line in cell.lines if upper <= line.baseline < lower],
        )
        for upper, lower in pairwise(bounds)
    ]


def columns_running_on(draft: DraftTable, body_bottom: float, pitch: float) -> frozenset[int]:
    """Return the columns whose bottom cell's text runs on past the page break.

    A cell's text runs on when it fills the cell to its bottom edge, leaving no room for
    another line. That alone tells for a merged cell (its rows are sized by the cells
    beside it); a one-row cell fills its row whenever it is the row's tallest, so it counts
    only when the table also reaches the very bottom of the page's text area, where the
    break, not the end of the row, stopped it.
    """
    cells = [cell for cell in draft.cells if cell.lines]
    line_height = _line_height(draft, pitch)
    if line_height is None:
        return frozenset()
    outer_bottom = draft.box[3]
    at_page_bottom = not stops_short(draft, body_bottom, pitch)
    columns = _boundaries(value for cell in draft.cells for value in (cell.box[0], cell.box[2]))
    rows = _boundaries(value for cell in draft.cells for value in (cell.box[1], cell.box[3]))
    return frozenset(
        _index(columns, cell.box[0])
        for cell in cells
        if cell.box[3] == outer_bottom
        and cell.box[3] - cell.lines[-1].bottom < line_height
        and (at_page_bottom or _index(rows, cell.box[3]) - _index(rows, cell.box[1]) > 1)
    )


def columns_finished(draft: DraftTable, pitch: float) -> frozenset[int]:
    """Return the columns whose bottom cell's text ended well above the table's bottom.

    Their text cannot go on past the page break: room was left for more lines than widow
    and orphan control carry over.
    """
    line_height = _line_height(draft, pitch)
    if line_height is None:
        return frozenset()
    columns = _boundaries(value for cell in draft.cells for value in (cell.box[0], cell.box[2]))
    return frozenset(
        _index(columns, cell.box[0])
        for cell in draft.cells
        if cell.lines
        and cell.box[3] == draft.box[3]
        and cell.box[3] - cell.lines[-1].bottom > FINISHED_ROOM * line_height
    )


def stops_short(draft: DraftTable, body_bottom: float, pitch: float) -> bool:
    """Return whether ``draft`` ends too far above the text area's bottom to be cut there.

    The page break cuts a row only where the next line no longer fits; a table ending more
    than a line above the bottom ended its last row there, and the next page's first row is
    a row of its own (under a merged cell, perhaps, whose column it leaves empty).
    """
    line_height = _line_height(draft, pitch)
    return line_height is not None and draft.box[3] < body_bottom - CUT_ROW_ROOM * line_height


def _line_height(draft: DraftTable, pitch: float) -> float | None:
    """Return the height of the table's largest line, or None for a table without text."""
    sizes = [line.size for cell in draft.cells for line in cell.lines]
    return pitch * max(sizes) if sizes else None


def _cell_column(cell: DraftCell, pitch: float) -> PdfColumn:
    """Return the text column of ``cell``: its box less the padding its text keeps."""
    x0, _, x1, _ = cell.box
    padding = max(0.0, min((line.x0 for line in cell.lines), default=x0) - x0)
    return PdfColumn(x0 + padding, x1 - padding, pitch, page_text=False)


def _cell_paragraphs(
    cell: DraftCell, page: int, pitch: float, padding: float
) -> tuple[Paragraph, ...]:
    """Return the paragraphs of ``cell``; a number wrapped in it is written whole (``98.27``)."""
    paragraphs = lines_to_paragraphs(cell.lines, page=page, column=_cell_column(cell, pitch))
    if len(paragraphs) == 1 and _wrapped_number(cell, padding):
        whole = "".join(line.text.strip() for line in cell.lines)
        return (paragraphs[0].model_copy(update={"text": whole}),)
    return tuple(paragraphs)


def draft_to_table(draft: DraftTable, page: int, pitch: float) -> Table:
    """Return the model table of ``draft``: spans from the cells' corners, text as paragraphs."""
    cells = split_borderless_rows(draft.cells)
    padding = _text_inset(cells)
    columns = _boundaries(value for cell in cells for value in (cell.box[0], cell.box[2]))
    rows = _boundaries(value for cell in cells for value in (cell.box[1], cell.box[3]))
    model_cells = []
    taken: set[tuple[int, int]] = set()
    for cell in sorted(cells, key=lambda cell: (cell.box[1], cell.box[0])):
        x0, top, x1, bottom = cell.box
        row_start, row_end = _index(rows, top), _index(rows, bottom)
        col_start, col_end = _index(columns, x0), _index(columns, x1)
        slots = {(r, c) for r in range(row_start, row_end) for c in range(col_start, col_end)}
        # -- a degenerate box (thinner than the tolerance) or one drawn twice covers nothing new --
        if not slots or slots & taken:
            continue
        taken |= slots
        model_cells.append(
            Cell(
                row_start=row_start,
                row_end=row_end,
                col_start=col_start,
                col_end=col_end,
                paragraphs=_cell_paragraphs(cell, page, pitch, padding),
                page=page,
            )
        )
    return Table(
        row_count=len(rows) - 1,
        col_count=len(columns) - 1,
        cells=tuple(model_cells),
        page=page,
    )
