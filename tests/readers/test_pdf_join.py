"""join_continued_tables on hand-built pages of blocks (the OCR reader shares it)."""

from __future__ import annotations

import pytest

from ita_extract.document import Block, Cell, Paragraph, Table
from ita_extract.readers.pdf_join import join_continued_tables

HEADER = ("หัวข้อ", "วิธีการ", "ระยะเวลา")


def cell(row: int, col: int, text: str, *, rows: int = 1, page: int = 1) -> Cell:
    paragraphs = tuple(Paragraph(text=line, page=page) for line in text.split("|") if line)
    return Cell(
        row_start=row,
        row_end=row + rows,
        col_start=col,
        col_end=col + 1,
        paragraphs=paragraphs,
        page=page,
    )


def table(rows: int, cells: list[Cell], page: int) -> Table:
    return Table(row_count=rows, col_count=3, cells=tuple(cells), page=page)


def header(page: int) -> list[Cell]:
    return [cell(0, col, text, page=page) for col, text in enumerate(HEADER)]


FIRST_PART = table(
    3,
    [
        *header(1),
        cell(1, 0, "๑. กระบวนการ", rows=2),
        cell(1, 1, "มาตรการ ก"),
        cell(1, 2, "ตุลาคม ๒๕๖๖"),
        cell(2, 1, "มาตรการ ข ครึ่งแรก"),
        cell(2, 2, "มกราคม ๒๕๖๗"),
    ],
    page=1,
)


def texts(joined: Table) -> dict[tuple[int, int, int], str]:
    """Return each cell's text keyed by (first row, last row + 1, column)."""
    return {(c.row_start, c.row_end, c.col_start): c.text for c in joined.cells}


def test_cut_row_is_joined_and_repeated_header_dropped() -> None:
    second = table(
        3,
        [
            *header(2),
            cell(1, 0, "", rows=2, page=2),
            cell(1, 1, "ครึ่งหลัง", page=2),
            cell(1, 2, "", page=2),
            cell(2, 1, "มาตรการ ค", page=2),
            cell(2, 2, "เมษายน ๒๕๖๗", page=2),
        ],
        page=2,
    )
    [joined] = join_continued_tables([[FIRST_PART], [second]])
    assert isinstance(joined, Table)
    assert (joined.row_count, joined.page) == (4, 1)
    assert texts(joined) == {
        (0, 1, 0): "หัวข้อ",
        (0, 1, 1): "วิธีการ",
        (0, 1, 2): "ระยะเวลา",
        (1, 4, 0): "๑. กระบวนการ",
        (1, 2, 1): "มาตรการ ก",
        (1, 2, 2): "ตุลาคม ๒๕๖๖",
        (2, 3, 1): "มาตรการ ข ครึ่งแรก\nครึ่งหลัง",
        (2, 3, 2): "มกราคม ๒๕๖๗",
        (3, 4, 1): "มาตรการ ค",
        (3, 4, 2): "เมษายน ๒๕๖๗",
    }


def test_new_row_under_a_merged_cell_spanning_the_break() -> None:
    second = table(
        2,
        [
            cell(0, 0, "", rows=2, page=2),
            cell(0, 1, "มาตรการ ค", page=2),
            cell(0, 2, "เมษายน ๒๕๖๗", page=2),
            cell(1, 1, "มาตรการ ง", page=2),
            cell(1, 2, "กรกฎาคม ๒๕๖๗", page=2),
        ],
        page=2,
    )
    [joined] = join_continued_tables([[FIRST_PART], [second]])
    assert isinstance(joined, Table)
    assert joined.row_count == 5
    merged = texts(joined)
    assert merged[1, 5, 0] == "๑. กระบวนการ"
    assert merged[2, 3, 1] == "มาตรการ ข ครึ่งแรก"
    assert (merged[3, 4, 1], merged[4, 5, 2]) == ("มาตรการ ค", "กรกฎาคม ๒๕๖๗")


def test_merged_cell_text_cut_by_the_break_is_concatenated() -> None:
    second = table(
        1,
        [
            cell(0, 0, "(ต่อ) ขั้นตอน", page=2),
            cell(0, 1, "ต่อท้าย", page=2),
            cell(0, 2, "", page=2),
        ],
        page=2,
    )
    [joined] = join_continued_tables([[FIRST_PART], [second]])
    assert isinstance(joined, Table)
    assert joined.row_count == 3
    assert texts(joined)[1, 3, 0] == "๑. กระบวนการ\n(ต่อ) ขั้นตอน"


OTHER_TABLE = Table(
    row_count=1,
    col_count=2,
    cells=(cell(0, 0, "ก", page=2), cell(0, 1, "ข", page=2)),
    page=2,
)


@pytest.mark.parametrize(
    "pages",
    [
        [[FIRST_PART], [OTHER_TABLE]],
        [[FIRST_PART], [Paragraph(text="ส่วนที่ ๓", page=2), FIRST_PART]],
        [[FIRST_PART, Paragraph(text="ลงชื่อ", page=1)], [FIRST_PART]],
    ],
    ids=["other-column-count", "paragraph-opens-the-page", "paragraph-closes-the-page"],
)
def test_tables_that_do_not_continue_stay_apart(pages: list[list[Block]]) -> None:
    blocks = join_continued_tables(pages)
    assert blocks == [block for page in pages for block in page]


def test_merged_cell_running_on_takes_the_text_below_the_break() -> None:
    second = table(
        1,
        [
            cell(0, 0, "และการจัดซื้อจัดจ้าง", page=2),
            cell(0, 1, "มาตรการ ค", page=2),
            cell(0, 2, "เมษายน ๒๕๖๗", page=2),
        ],
        page=2,
    )
    without = join_continued_tables([[FIRST_PART], [second]])
    [joined] = join_continued_tables([[FIRST_PART], [second]], running_on={1: {0}})
    assert isinstance(without[0], Table) and isinstance(joined, Table)
    assert texts(without[0])[3, 4, 0] == "และการจัดซื้อจัดจ้าง"
    assert texts(joined)[1, 4, 0] == "๑. กระบวนการ\nและการจัดซื้อจัดจ้าง"
    assert texts(joined)[3, 4, 1] == "มาตรการ ค"


FULL_CUT = table(
    1,
    [
        cell(0, 0, "", rows=1, page=2),
        cell(0, 1, "ครึ่งหลัง", page=2),
        cell(0, 2, "ถึงมีนาคม", page=2),
    ],
    page=2,
)
SCORES_BELOW = table(
    1,
    [
        cell(0, 0, "", rows=1, page=2),
        cell(0, 1, "๙๐.๕๐", page=2),
        cell(0, 2, "๘๘.๐๐", page=2),
    ],
    page=2,
)
ITEMS_BELOW = table(
    1,
    [
        cell(0, 0, "", rows=1, page=2),
        Cell(
            row_start=0,
            row_end=1,
            col_start=1,
            col_end=2,
            paragraphs=(Paragraph(text="มาตรการ ค", list_label="▪", page=2),),
            page=2,
        ),
        cell(0, 2, "ครึ่งหลัง", page=2),
    ],
    page=2,
)


@pytest.mark.parametrize(
    ("lower", "running_on", "rows"),
    [
        (FULL_CUT, {1: {1, 2}}, 3),
        (FULL_CUT, {1: {1}}, 4),
        (FULL_CUT, {}, 4),
        (SCORES_BELOW, {1: {1, 2}}, 4),
    ],
    ids=["every-cell-runs-on", "one-cell-runs-on", "no-geometry", "scores-below"],
)
def test_row_cut_with_text_in_every_cell(
    lower: Table, running_on: dict[int, set[int]], rows: int
) -> None:
    [joined] = join_continued_tables([[FIRST_PART], [lower]], running_on=running_on)
    assert isinstance(joined, Table)
    assert joined.row_count == rows


def test_list_item_below_the_break_is_its_own_paragraph() -> None:
    [joined] = join_continued_tables([[FIRST_PART], [ITEMS_BELOW]], running_on={1: {1, 2}})
    assert isinstance(joined, Table)
    cut = next(c for c in joined.cells if c.row_start == 2 and c.col_start == 1)
    assert [(p.list_label, p.text) for p in cut.paragraphs] == [
        (None, "มาตรการ ข ครึ่งแรก"),
        ("▪", "มาตรการ ค"),
    ]
    assert texts(joined)[2, 3, 2] == "มกราคม ๒๕๖๗\nครึ่งหลัง"
