r"""The neutral document model that every format reader produces.

Readers (DOCX, PDF, OCR) turn their format's quirks into this one shape; everything after
them (section and table recognition, record builders) reads only this model. It is small on
purpose: paragraphs and tables in reading order, each with the page it starts on.

Conventions every reader keeps:

- ``Paragraph.text`` is the paragraph's text with its *visual* line breaks kept as ``"\\n"``
  (a PDF line wrap, a DOCX ``<w:br/>``), so the Thai-aware line joining can decide later
  whether a break fell inside a word. A list item's label (``"▪"``, ``"1."``, ``"๑."``, or
  the label Word's automatic numbering would print) is in ``list_label``, not in ``text``.
- Table cells store half-open grid coordinates; a merged cell is one :class:`Cell` that
  covers several grid slots. Spans are derived from the coordinates, never stored twice.
- ``page`` is 1-based, or ``None`` where the format does not know it (DOCX without explicit
  page breaks).
- ``Paragraph.regions`` says where the text stands on the page, one :class:`Region` per visual
  line of ``text``, in PDF points from the page's top-left corner. Readers that know no
  positions (DOCX, DOC) leave it empty; the record builders then cite the text alone.
"""

from __future__ import annotations

from collections.abc import Iterator
from enum import StrEnum
from typing import Literal, Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

from ita_extract.shared import SourceFormat, Warning


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


BoundingBox = tuple[float, float, float, float]
"""``x0, top, x1, bottom`` in PDF points from the page's top-left corner (pdfplumber's way)."""


class Region(_Frozen):
    """Where one visual line of text stands on a page, and the text as the reader read it."""

    page: int | None = Field(default=None, ge=1)
    bbox: BoundingBox | None = None
    text: str = ""


class ParagraphKind(StrEnum):
    """What a paragraph is, as far as the reader can tell."""

    HEADING = "heading"
    PARAGRAPH = "paragraph"
    LIST_ITEM = "list_item"


class Paragraph(_Frozen):
    """A paragraph of text, inside or outside a table."""

    type: Literal["paragraph"] = "paragraph"
    text: str
    kind: ParagraphKind = ParagraphKind.PARAGRAPH
    page: int | None = Field(default=None, ge=1)
    list_level: int = Field(default=0, ge=0, description="Nesting level of a list item, from 0.")
    list_label: str | None = Field(
        default=None, description="The bullet or number a list item shows (▪, 1., ๑.)."
    )
    style: str | None = Field(default=None, description="The reader's style name, if any.")
    regions: tuple[Region, ...] = Field(
        default=(), description="One per visual line of the text where the reader knows it."
    )
    typed_breaks: bool = Field(
        default=False,
        description="The line breaks were typed (Word's Shift+Enter), not wrapped by a layout: "
        "each line was meant to stand on its own, as a list's entries do.",
    )

    @property
    def labelled_text(self) -> str:
        """Return the text with its list label in front, as a reader of the page sees it."""
        return f"{self.list_label} {self.text}" if self.list_label else self.text

    @property
    def sources(self) -> tuple[Region, ...]:
        """Return where the paragraph was read: its regions, else its text and page alone."""
        if self.regions:
            return self.regions
        return (Region(page=self.page, text=self.labelled_text),)

    def line_sources(self) -> list[tuple[Region, ...]]:
        """Return, for each visual line of :attr:`labelled_text`, where it was read.

        Where a later step changed the line count (lines joined), every line gets all the
        paragraph's sources: the place is still right, only less tight.
        """
        lines = self.labelled_text.split("\n")
        if len(self.regions) == len(lines):
            return [(region,) for region in self.regions]
        return [self.sources] * len(lines)


class Cell(_Frozen):
    """A table cell over grid rows ``[row_start, row_end)`` and columns ``[col_start, col_end)``."""

    row_start: int = Field(ge=0)
    row_end: int = Field(ge=1)
    col_start: int = Field(ge=0)
    col_end: int = Field(ge=1)
    paragraphs: tuple[Paragraph, ...] = ()
    page: int | None = Field(default=None, ge=1, description="Page the cell's text starts on.")

    @model_validator(mode="after")
    def _check_extent(self) -> Self:
        if self.row_end <= self.row_start or self.col_end <= self.col_start:
            raise ValueError(
                f"empty cell extent rows [{self.row_start},{self.row_end}) "
                f"cols [{self.col_start},{self.col_end})"
            )
        return self

    @property
    def row_span(self) -> int:
        """Return how many grid rows the cell covers."""
        return self.row_end - self.row_start

    @property
    def col_span(self) -> int:
        """Return how many grid columns the cell covers."""
        return self.col_end - self.col_start

    @property
    def text(self) -> str:
        """Return the cell's paragraphs joined by newlines, list labels included."""
        return "\n".join(p.labelled_text for p in self.paragraphs)

    @property
    def sources(self) -> tuple[Region, ...]:
        """Return where the cell's text was read, paragraph by paragraph."""
        return tuple(region for paragraph in self.paragraphs for region in paragraph.sources)

    def line_sources(self) -> list[tuple[Region, ...]]:
        """Return where each line of :attr:`text` was read (see :meth:`Paragraph.line_sources`)."""
        return [lines for paragraph in self.paragraphs for lines in paragraph.line_sources()]


class Table(_Frozen):
    """A table as a grid of cells; a table that crosses pages is one table."""

    type: Literal["table"] = "table"
    row_count: int = Field(ge=0)
    col_count: int = Field(ge=0)
    cells: tuple[Cell, ...] = ()
    page: int | None = Field(default=None, ge=1, description="Page the table starts on.")

    @model_validator(mode="after")
    def _check_cells_fit(self) -> Self:
        taken: set[tuple[int, int]] = set()
        for cell in self.cells:
            if cell.row_end > self.row_count or cell.col_end > self.col_count:
                raise ValueError(
                    f"cell at row {cell.row_start}, column {cell.col_start} overflows a "
                    f"{self.row_count}x{self.col_count} table"
                )
            for slot in _slots(cell):
                if slot in taken:
                    raise ValueError(f"two cells cover grid slot {slot}")
                taken.add(slot)
        return self

    def grid(self) -> list[list[Cell | None]]:
        """Return the table as rows of grid slots; a merged cell fills every slot it covers.

        A slot no cell covers (a row that ends early) is ``None``.
        """
        grid: list[list[Cell | None]] = [[None] * self.col_count for _ in range(self.row_count)]
        for cell in self.cells:
            for row, col in _slots(cell):
                grid[row][col] = cell
        return grid

    def rows(self) -> list[list[Cell]]:
        """Return, for each grid row, the distinct cells that cover it, left to right.

        A vertically merged cell is listed in every row it covers (it is the same object);
        compare ``cell.row_start`` with the row index to tell its first row from the others.
        """
        result: list[list[Cell]] = []
        for slots in self.grid():
            row: list[Cell] = []
            for cell in slots:
                if cell is not None and (not row or row[-1] is not cell):
                    row.append(cell)
            result.append(row)
        return result


def _slots(cell: Cell) -> Iterator[tuple[int, int]]:
    for row in range(cell.row_start, cell.row_end):
        for col in range(cell.col_start, cell.col_end):
            yield row, col


Block = Paragraph | Table


class Document(_Frozen):
    """A whole document in reading order, as one reader saw it."""

    format: SourceFormat
    blocks: tuple[Block, ...] = ()
    page_count: int | None = Field(default=None, ge=0)
    ocr: bool = Field(default=False, description="True when any page's text came from OCR.")
    warnings: tuple[Warning, ...] = Field(
        default=(), description="What the reader had to repair or could not read."
    )

    @property
    def paragraphs(self) -> list[Paragraph]:
        """Return the paragraphs outside tables, in reading order."""
        return [block for block in self.blocks if isinstance(block, Paragraph)]

    @property
    def tables(self) -> list[Table]:
        """Return the tables, in reading order."""
        return [block for block in self.blocks if isinstance(block, Table)]
