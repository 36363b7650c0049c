"""Join a table that runs over a page break back into one table.

Works on the neutral model only (pages of blocks), so the text-layer reader and the OCR
reader share it. A page that opens with a table of the same column count as the table that
closed the page before continues that table: the header row Word repeats on every page is
dropped, a row the break cut in two is joined back (its lower part's text appended to the
cells above), and a merged cell the break cut stays one cell.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection, Mapping, Sequence
from itertools import groupby

from ita_extract.document import Block, Cell, Paragraph, Table
from ita_extract.normalize.codes import split_leading_codes
from ita_extract.normalize.thai import thai_to_arabic_digits
from ita_extract.readers.pdf_layout import is_number, is_wrapped_number, starts_with_list_label

MIN_CUT_CELLS = 2
"""Cells that must run on past the break, with text below it, to call a full row cut."""
MIN_LIKE_CELLS = 2
"""Cells of a column that must share a shape for it to be the column's usual one."""
_OPENS_WITH_NUMBER = re.compile(r"\(?[-+−]?[0-9๐-๙]")
_WHOLE_NUMBER = re.compile(r"[0-9]+")
_DECIMAL = re.compile(r"[0-9]*\.[0-9]+")


def join_continued_tables(
    pages: Sequence[Sequence[Block]],
    *,
    running_on: Mapping[int, Collection[int]] | None = None,
    finished: Mapping[int, Collection[int]] | None = None,
    ended: Collection[int] = (),
) -> list[Block]:
    """Given each page's blocks in reading order, return the document's blocks in one list.

    ``pages[i]`` holds the blocks of page ``i + 1``. Page headers and footers must already be
    gone: a table continues only when nothing stands between the end of one page's table and
    the start of the next page's. ``running_on`` maps a page number to the columns (by
    ``col_start``) of the last table on that page whose bottom cell's text is known to run
    on past the page break (the PDF reader sees the text fill the cell to the page's
    bottom); a merged cell there absorbs the text below the break. Without it, a merged
    cell continues only into an empty cell. ``finished`` maps a page number to the columns
    of that table whose text ended well above the break. ``ended`` holds the pages whose
    last table stopped too far above the page's bottom for the break to have cut its last row.
    """
    blocks: list[Block] = []
    last_page = 0
    for number, page_blocks in enumerate(pages, start=1):
        rest = list(page_blocks)
        if rest and blocks:
            previous, first = blocks[-1], rest[0]
            if (
                isinstance(previous, Table)
                and isinstance(first, Table)
                and previous.col_count == first.col_count
            ):
                columns = (running_on or {}).get(last_page, ())
                blocks[-1] = join_tables(
                    previous,
                    first,
                    running_on=frozenset(columns),
                    finished=frozenset((finished or {}).get(last_page, ())),
                    row_ended=last_page in ended,
                )
                rest.pop(0)
        # -- a page that only continues a table still ends with it: the next break's page --
        if page_blocks:
            last_page = number
        blocks.extend(rest)
    return blocks


def join_tables(
    upper: Table,
    lower: Table,
    *,
    running_on: frozenset[int] = frozenset(),
    finished: frozenset[int] = frozenset(),
    row_ended: bool = False,
) -> Table:
    """Return ``lower`` appended to ``upper``: repeated header dropped, cut row and cells joined.

    ``running_on`` names the columns whose bottom cell in ``upper`` continues below the break,
    ``finished`` those whose bottom cell's text ended well above it; ``row_ended`` says the
    break did not cut ``upper``'s last row (a merged cell may still run on).
    """
    lower_cells = _drop_repeated_header(upper, lower)
    if not lower_cells:
        return upper
    first_row = min(cell.row_start for cell in lower_cells)
    lower_cells = [_shift(cell, -first_row) for cell in lower_cells]
    lower_rows = max(cell.row_end for cell in lower_cells)
    above = {cell.col_start: cell for cell in upper.cells if cell.row_end == upper.row_count}
    opening = [cell for cell in lower_cells if cell.row_start == 0]
    header_only = upper.row_count == 1
    cut_row = not row_ended and _is_cut_row(
        opening,
        above,
        running_on,
        (*upper.cells, *lower_cells),
        header_only=header_only,
        finished=finished,
    )
    # -- a cut row's lower part becomes part of the upper table's last row --
    offset = upper.row_count - 1 if cut_row else upper.row_count
    joined: dict[int, Cell] = {id(cell): cell for cell in upper.cells}
    result_lower: list[Cell] = []
    for cell in lower_cells:
        partner = above.get(cell.col_start)
        # -- a merged cell goes on past the break, never a header cell into the data below --
        continues = (
            partner is not None
            and partner.col_end == cell.col_end
            and cell.row_start == 0
            and (
                cut_row
                or (
                    not header_only
                    and (partner.col_start in running_on or _is_empty(cell))
                    and (partner.row_span > 1 or cell.row_span > 1)
                )
            )
        )
        if partner is not None and continues:
            joined[id(partner)] = partner.model_copy(
                update={
                    "row_end": cell.row_end + offset,
                    "paragraphs": _concatenate(partner.paragraphs, cell.paragraphs),
                }
            )
        else:
            result_lower.append(_shift(cell, offset))
    return Table(
        row_count=offset + lower_rows,
        col_count=upper.col_count,
        cells=(*joined.values(), *result_lower),
        page=upper.page,
    )


def _drop_repeated_header(upper: Table, lower: Table) -> list[Cell]:
    """Return the cells of ``lower`` below the header rows it repeats from ``upper``."""
    upper_rows, lower_rows = _row_texts(upper), _row_texts(lower)
    repeated = 0
    while (
        repeated < min(len(upper_rows), len(lower_rows)) - 1
        and upper_rows[repeated] == lower_rows[repeated]
        and any(lower_rows[repeated])
    ):
        repeated += 1
    # -- never cut a merged cell in half: the header ends where no cell crosses it --
    while repeated and any(cell.row_start < repeated < cell.row_end for cell in lower.cells):
        repeated -= 1
    return [cell for cell in lower.cells if cell.row_start >= repeated]


def _row_texts(table: Table) -> list[tuple[str, ...]]:
    return [
        tuple(" ".join(cell.text.split()) if cell.row_start == index else "" for cell in row)
        for index, row in enumerate(table.rows())
    ]


def _is_cut_row(
    opening: Sequence[Cell],
    above: Mapping[int, Cell],
    running_on: frozenset[int],
    cells: Sequence[Cell],
    *,
    header_only: bool = False,
    finished: frozenset[int] = frozenset(),
) -> bool:
    """Return whether the lower part's first row is the rest of the upper part's last row.

    The break leaves empty the cells whose text already ended above it (a merged cell is
    empty below the break by nature, so only cells of one row, above and below, count).
    When every cell still had text to go, the reader's ``running_on`` tells: a row that
    ended on its own fills to its bottom in its tallest cell only, a cut row in every cell
    the break cut, and their rest is text (not a number such as a score) that does not open
    with a new list item. A column with a number both above and below the break holds the
    pieces of one number the break cut, or two values (an order, a score), so two rows.
    """
    if not any(not _is_empty(cell) for cell in opening) or not all(
        cell.col_start in above and above[cell.col_start].col_end == cell.col_end
        for cell in opening
    ):
        return False
    # -- a header's words never go on as a number: one below a header alone is a row's --
    if header_only and any(is_number(cell.text) for cell in opening):
        return False
    one_row = [(cell, above[cell.col_start]) for cell in opening]
    one_row = [(cell, partner) for cell, partner in one_row if partner.row_span == 1]
    # -- a number above the break and one below it are two values (an order each: the lower
    # -- opens a row of its own) unless they read whole as one number the break cut (9 / 8.81)
    numbers = [
        (cell, partner)
        for cell, partner in one_row
        if cell.row_span == 1 and is_number(cell.text) and is_number(partner.text)
    ]
    if any(not is_wrapped_number([partner.text, cell.text]) for cell, partner in numbers):
        return False
    if numbers and all(
        partner.col_start in running_on or _cut_decimal(partner.text, cell.text)
        for cell, partner in numbers
    ):
        return True
    # -- the table's first cell below the break opens with a row's key (an item code, a topic
    # -- number) as the cell above it does, or below a header alone above the break (whose
    # -- cells fill to the bottom as a cut row's do): it opens a row of its own --
    first = [(cell, above[cell.col_start]) for cell in opening if cell.col_start == 0]
    if first and _opens_a_row(*first[0], header_only=header_only):
        return False
    # -- a cell whose text ended well above the break has nothing left for below it: text
    # -- there opens a row of its own --
    if any(not _is_empty(cell) and partner.col_start in finished for cell, partner in one_row):
        return False
    # -- an empty cell over several rows below the break is a merged cell going on --
    if any(
        _is_empty(cell) and cell.row_span == 1 and not _is_empty(partner)
        for cell, partner in one_row
    ):
        return True
    # -- a name above the break and its score below (``79.28 คะแนน``) make the cell the rows
    # -- of their column hold, which neither part is alone --
    if any(_completes_its_column(partner, cell, cells) for cell, partner in one_row):
        return True
    # -- a number below the break (a score) is a value of its own, never the rest of one --
    rests = [
        cell
        for cell, partner in one_row
        if partner.col_start in running_on
        and cell.row_span == 1
        and not _is_empty(cell)
        and not is_number(cell.text)
    ]
    return len(rests) >= MIN_CUT_CELLS and any(
        cell.paragraphs[0].list_label is None for cell in rests
    )


def _cut_decimal(upper: str, lower: str) -> bool:
    """Return whether a whole number above the break and a decimal below it are one score.

    A narrow column wraps ``79.69`` as ``7`` / ``9.69``; no column states a whole number in
    one row and a decimal in the next (an order column has no decimals, a score column's
    scores all have them).
    """
    above, below = thai_to_arabic_digits(upper.strip()), thai_to_arabic_digits(lower.strip())
    return _WHOLE_NUMBER.fullmatch(above) is not None and _DECIMAL.fullmatch(below) is not None


def _row_key(text: str) -> str | None:
    """Return how a cell opens a row: with an item code, a list label, or neither (None)."""
    if split_leading_codes(text)[0]:
        return "code"
    return "label" if starts_with_list_label(text) else None


def _opens_a_row(lower: Cell, upper: Cell, *, header_only: bool) -> bool:
    """Return whether ``lower`` opens a row with its key.

    The key is of the kind its partner ``upper`` opens with, or any kind where ``upper`` is
    the table's header alone (``header_only``), whose cells open with none.
    """
    key = _row_key(lower.text)
    return key is not None and (header_only or key == _row_key(upper.text))


def _shape(paragraphs: Sequence[Paragraph]) -> tuple[bool, ...]:
    """Return the runs of lines that open with a number (a score) or not, list labels aside."""
    lines = [line for paragraph in paragraphs for line in paragraph.text.splitlines()]
    opens = (_OPENS_WITH_NUMBER.match(line) is not None for line in lines if line.strip())
    return tuple(key for key, _ in groupby(opens))


def _completes_its_column(upper: Cell, lower: Cell, cells: Sequence[Cell]) -> bool:
    """Return whether ``lower`` holds what ``upper`` lacks of the cell its column's rows hold.

    Rows of a name and its score under it: the cell the break cut holds the name above it
    and the score below, each part short of the shape the column's other cells share.
    """
    column = [
        cell.paragraphs
        for cell in cells
        if (cell.col_start, cell.col_end) == (upper.col_start, upper.col_end)
        and cell.row_span == 1
        and cell is not upper
        and cell is not lower
        and not _is_empty(cell)
    ]
    common = Counter(map(_shape, column)).most_common(1)
    if not common or common[0][1] < MIN_LIKE_CELLS:
        return False
    usual = common[0][0]
    parts = (_shape(upper.paragraphs), _shape(lower.paragraphs))
    return usual not in parts and _shape((*upper.paragraphs, *lower.paragraphs)) == usual


def _is_empty(cell: Cell) -> bool:
    return not cell.text.strip()


def _shift(cell: Cell, rows: int) -> Cell:
    return cell.model_copy(
        update={"row_start": cell.row_start + rows, "row_end": cell.row_end + rows}
    )


def _concatenate(
    upper: tuple[Paragraph, ...], lower: tuple[Paragraph, ...]
) -> tuple[Paragraph, ...]:
    """Return the paragraphs of a cell cut by a page break, the cut paragraph made whole.

    A lower part that starts without a list label continues the paragraph above the break
    (a visual line break joins them); one that starts with a label is a paragraph of its own.
    """
    if not upper or not lower:
        return upper or lower
    head, first = upper[-1], lower[0]
    if first.list_label is not None:
        return (*upper, *lower)
    joined = head.model_copy(
        update={"text": f"{head.text}\n{first.text}", "regions": head.regions + first.regions}
    )
    return (*upper[:-1], joined, *lower[1:])
