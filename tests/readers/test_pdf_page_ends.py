"""How a page's last table ends: the columns running on past the break, or a row ended."""

from __future__ import annotations

from dataclasses import replace

from test_pdf_layout import SIZE, glyphs

from ita_extract.readers.pdf import _page_ends, _TextLayer
from ita_extract.readers.pdf_layout import PdfLine
from ita_extract.readers.pdf_tables import DraftCell, DraftTable

PITCH = 1.5
LINE = PITCH * SIZE
PORTRAIT, LANDSCAPE = 842, 595


def line_at(bottom: float, x: float = 100.0) -> PdfLine:
    """A line of text whose glyphs end ``bottom`` points down the page."""
    written = glyphs("ข้อความ", x=x)
    shift = bottom - written[0].bottom
    moved = (
        replace(g, top=g.top + shift, bottom=g.bottom + shift, baseline=g.baseline + shift)
        for g in written
    )
    return PdfLine.of(tuple(moved))


def one_row_table(bottom: float) -> DraftTable:
    """A table of one row of two cells, the first filled with text down to its bottom, the
    second holding one line at its top (three lines of room left below it)."""
    top = bottom - 4 * LINE
    cells = (
        DraftCell((90.0, top, 300.0, bottom), [line_at(bottom - LINE), line_at(bottom - 2.0)]),
        DraftCell((300.0, top, 500.0, bottom), [line_at(top + LINE, x=310.0)]),
    )
    return DraftTable((90.0, top, 500.0, bottom), cells)


def second_page_ends(table_bottom: float, height: int = PORTRAIT) -> _TextLayer:
    """Page 1 portrait with text down to 760; page 2 of ``height`` ending with a table."""
    return _page_ends(
        {1: [], 2: []},
        {1: [], 2: [one_row_table(table_bottom)]},
        {1: [line_at(760.0)], 2: [line_at(200.0)]},
        PITCH,
        {1: PORTRAIT, 2: height},
    )


def test_a_landscape_page_is_measured_against_its_own_bottom_not_a_portrait_one() -> None:
    layer = second_page_ends(530.0, LANDSCAPE)
    assert layer.running_on[2] == frozenset({0})
    assert 2 not in layer.stopped_short


def test_a_table_ending_lines_above_the_bottom_ended_its_row() -> None:
    layer = second_page_ends(760.0 - 3 * LINE)
    assert layer.running_on[2] == frozenset()
    assert layer.stopped_short == frozenset({2})


def test_a_cell_filled_to_a_table_ending_within_a_line_of_the_bottom_runs_on() -> None:
    # -- pages of one size end their text a little apart: within a line is the bottom --
    layer = second_page_ends(760.0 - 0.5 * LINE)
    assert 2 not in layer.stopped_short
    assert layer.running_on[2] == frozenset({0})
    assert layer.finished[2] == frozenset({1})
