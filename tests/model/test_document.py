from __future__ import annotations

import pytest
from pydantic import ValidationError

from ita_extract.document import Cell, Document, Paragraph, ParagraphKind, Table
from ita_extract.report import SourceFormat


def cell(rows: tuple[int, int], cols: tuple[int, int], text: str = "") -> Cell:
    return Cell(
        row_start=rows[0],
        row_end=rows[1],
        col_start=cols[0],
        col_end=cols[1],
        paragraphs=(Paragraph(text=text),) if text else (),
    )


# The indicator table of a 2566 report: the tool cell merged down over its rows.
INDICATOR_TABLE = Table(
    row_count=3,
    col_count=3,
    cells=(
        cell((0, 1), (0, 3), "header"),
        cell((1, 3), (0, 1), "IIT"),
        cell((1, 2), (1, 3), "1 การปฏิบัติหน้าที่"),
        cell((2, 3), (1, 2), "2"),
    ),
)


def test_grid_repeats_a_merged_cell_in_every_slot_it_covers() -> None:
    grid = INDICATOR_TABLE.grid()

    assert grid[1][0] is grid[2][0]
    assert grid[0][0] is grid[0][2]
    assert grid[2][2] is None  # the last row ends early


def test_rows_list_each_cell_once_per_row() -> None:
    rows = INDICATOR_TABLE.rows()

    assert [[c.text for c in row] for row in rows] == [
        ["header"],
        ["IIT", "1 การปฏิบัติหน้าที่"],
        ["IIT", "2"],
    ]
    assert rows[2][0].row_start == 1  # a continuation of the merged cell, not its first row


def test_spans_are_derived_from_coordinates() -> None:
    merged = INDICATOR_TABLE.cells[1]

    assert (merged.row_span, merged.col_span) == (2, 1)


@pytest.mark.parametrize(
    ("cells", "message"),
    [
        ((cell((0, 2), (0, 1)), cell((1, 2), (0, 1))), "two cells cover grid slot"),
        ((cell((0, 1), (0, 4)),), "overflows"),
    ],
)
def test_inconsistent_tables_are_rejected(cells: tuple[Cell, ...], message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        Table(row_count=2, col_count=3, cells=cells)


def test_empty_cell_extent_is_rejected() -> None:
    with pytest.raises(ValidationError, match="empty cell extent"):
        Cell(row_start=1, row_end=1, col_start=0, col_end=1)


def test_cell_text_shows_list_labels() -> None:
    measures = Cell(
        row_start=0,
        row_end=1,
        col_start=0,
        col_end=1,
        paragraphs=(
            Paragraph(text="จัดทำคู่มือ", kind=ParagraphKind.LIST_ITEM, list_label="1."),
            Paragraph(text="เผยแพร่", kind=ParagraphKind.LIST_ITEM, list_label="2."),
        ),
    )

    assert measures.text == "1. จัดทำคู่มือ\n2. เผยแพร่"


def test_document_separates_paragraphs_from_tables() -> None:
    title = Paragraph(text="รายงานการวิเคราะห์", kind=ParagraphKind.HEADING, page=1)
    document = Document(format=SourceFormat.PDF, blocks=(title, INDICATOR_TABLE), page_count=1)

    assert document.paragraphs == [title]
    assert document.tables == [INDICATOR_TABLE]


def test_document_model_is_immutable() -> None:
    with pytest.raises(ValidationError):
        INDICATOR_TABLE.row_count = 5  # type: ignore[misc]
