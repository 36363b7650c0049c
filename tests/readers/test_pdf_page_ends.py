"""How a page's last table ends: the columns running on past the break, or a row ended."""

from __future__ import annotations

from dataclasses import replace

from test_pdf_layout import SIZE, glyphs

from ita_extract.readers.pdf import _page_ends
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
    """A table of one row of two cells, the first filled with text down to its bottom."""
    top = bottom - 3 * LINE
    cells = (
        DraftCell((90.0, top, 300.0, bottom), [line_at(bottom - LINE), line_at(bottom - 2.0)]),
        DraftCell((300.0, top, 500.0, bottom), [line_at(top + LINE, x=310.0)]),
    )
    return DraftTable((90.0, top, 500.0, bottom), cells)


def test_a_landscape_page_is_measured_against_its_own_bottom_not_a_portrait_one() -> None:
    # -- page 1 portrait, text down to 760; page 2 landscape, its table down to its bottom --
    layer = _page_ends(
        {1: [], 2: []},
        {1: [], 2: [one_row_table(530.0)]},
        {1: [line_at(760.0)], 2: [line_at(200.0)]},
        PITCH,
        {1: PORTRAIT, 2: LANDSCAPE},
    )
    assert layer.running_on[2] == frozenset({0})
    assert 2 not in layer.stopped_short


def test_a_table_ending_lines_above_the_bottom_ended_its_row() -> None:
    layer = _page_ends(
        {1: [], 2: []},
        {1: [], 2: [one_row_table(760.0 - 3 * LINE)]},
        {1: [line_at(760.0)], 2: [line_at(200.0)]},
        PITCH,
        {1: PORTRAIT, 2: PORTRAIT},
    )
    assert layer.running_on[2] == frozenset()
    assert layer.stopped_short == frozenset({2})


def test_a_table_ending_less_than_a_line_above_the_bottom_may_be_cut() -> None:
    layer = _page_ends(
        {1: [], 2: []},
        {1: [], 2: [one_row_table(760.0 - 0.5 * LINE)]},
        {1: [line_at(760.0)], 2: [line_at(200.0)]},
        PITCH,
        {1: PORTRAIT, 2: PORTRAIT},
    )
    assert 2 not in layer.stopped_short


def test_a_cell_filled_to_a_table_ending_within_a_line_of_the_bottom_runs_on() -> None:
    # -- pages of one size end their text a little apart: within a line is the bottom --
    layer = _page_ends(
        {1: [], 2: []},
        {1: [], 2: [one_row_table(760.0 - 0.5 * LINE)]},
        {1: [line_at(760.0)], 2: [line_at(200.0)]},
        PITCH,
        {1: PORTRAIT, 2: PORTRAIT},
    )
    assert layer.running_on[2] == frozenset({0})
    assert layer.finished[2] == frozenset()
