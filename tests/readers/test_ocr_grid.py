"""Deskew and table-grid recovery on drawn page images (no Tesseract needed)."""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np
import pytest
from PIL import Image

from ita_extract.readers.ocr.grid import deskew, estimate_skew, find_table_grids

PAGE_WIDTH, PAGE_HEIGHT = 1654, 2339  # A4 at 200 dpi
Span = tuple[int, int, int, int]  # row_start, row_end, col_start, col_end


@dataclass(frozen=True)
class Layout:
    """A ruled table to draw: row heights, column widths and merged cells (half-open)."""

    row_heights: tuple[int, ...]
    col_widths: tuple[int, ...]
    merges: tuple[Span, ...] = ()

    def expected_cells(self) -> set[Span]:
        covered = {
            (row, col)
            for row_start, row_end, col_start, col_end in self.merges
            for row in range(row_start, row_end)
            for col in range(col_start, col_end)
        }
        singles = {
            (row, row + 1, col, col + 1)
            for row in range(len(self.row_heights))
            for col in range(len(self.col_widths))
            if (row, col) not in covered
        }
        return singles | set(self.merges)


# The report's indicator table: แบบ merged down over its tool's rows.
INDICATORS = Layout((70, 60, 60, 60, 60), (160, 110, 700, 160), ((1, 3, 0, 1), (3, 5, 0, 1)))
# A Part 1 topic table: ลำดับ and หัวข้อ over everything, the recommendation cell over many rows.
TOPIC = Layout(
    (70, 55, 55, 55, 55),
    (90, 300, 160, 180, 130, 380),
    ((1, 5, 0, 1), (1, 5, 1, 2), (1, 3, 2, 3), (3, 5, 2, 3), (1, 5, 5, 6)),
)
# A header cell merged across, as in an action plan's two-level header.
WIDE_HEADER = Layout((60, 60, 60), (300, 300, 300), ((0, 1, 0, 2), (1, 3, 2, 3)))
PLAIN = Layout((60, 60), (200, 200, 200))


def draw_table(
    layout: Layout, *, origin: tuple[int, int] = (150, 300), thickness: int = 1
) -> np.ndarray:
    """Return a white A4 page with ``layout`` ruled on it, and letter-like strokes in cells."""
    page = np.full((PAGE_HEIGHT, PAGE_WIDTH), 255, np.uint8)
    left, top = origin
    rows = [top, *(top + sum(layout.row_heights[: i + 1]) for i in range(len(layout.row_heights)))]
    cols = [left, *(left + sum(layout.col_widths[: i + 1]) for i in range(len(layout.col_widths)))]

    def merged_away(row: int, col: int, *, vertical: bool) -> bool:
        # -- is the border right of (or below) slot (row, col) inside a merged cell? --
        for row_start, row_end, col_start, col_end in layout.merges:
            inside_rows = row_start <= row < row_end
            inside_cols = col_start <= col < col_end
            if vertical and inside_rows and col_start <= col < col_end - 1:
                return True
            if not vertical and inside_cols and row_start <= row < row_end - 1:
                return True
        return False

    for row in range(len(rows)):
        for col in range(len(cols) - 1):
            inner = 0 < row < len(rows) - 1
            if not (inner and merged_away(row - 1, col, vertical=False)):
                cv2.line(page, (cols[col], rows[row]), (cols[col + 1], rows[row]), 0, thickness)
    for col in range(len(cols)):
        for row in range(len(rows) - 1):
            inner = 0 < col < len(cols) - 1
            if not (inner and merged_away(row, col - 1, vertical=True)):
                cv2.line(page, (cols[col], rows[row]), (cols[col], rows[row + 1]), 0, thickness)
    # -- letters have straight strokes too: a tall one and a wide one per cell must not count --
    for row in range(len(rows) - 1):
        for col in range(len(cols) - 1):
            x, y = cols[col] + 20, rows[row] + 12
            cv2.line(page, (x, y), (x, y + 30), 0, 3)
            cv2.line(page, (x + 10, y + 30), (x + 40, y + 30), 0, 3)
    return page


def scanned(page: np.ndarray, tilt: float, seed: int = 7) -> np.ndarray:
    """Return ``page`` tilted ``tilt`` degrees counter-clockwise, with scanner noise."""
    turned = Image.fromarray(page).rotate(tilt, resample=Image.Resampling.BICUBIC, fillcolor=255)
    rng = np.random.default_rng(seed)
    pixels = np.asarray(turned, dtype=np.float64) + rng.normal(0, 6, page.shape)
    pixels[rng.random(page.shape) < 0.0005] = 0
    return np.clip(pixels, 0, 255).astype(np.uint8)


def cell_spans(page: np.ndarray) -> list[set[Span]]:
    grids, _ = find_table_grids(page)
    return [
        {(cell.row_start, cell.row_end, cell.col_start, cell.col_end) for cell in grid.cells}
        for grid in grids
    ]


@pytest.mark.parametrize("layout", [INDICATORS, TOPIC, WIDE_HEADER, PLAIN])
def test_merged_cells_come_from_missing_borders(layout: Layout) -> None:
    assert cell_spans(draw_table(layout)) == [layout.expected_cells()]


@pytest.mark.parametrize(("layout", "tilt"), [(INDICATORS, 1.2), (TOPIC, -0.8)])
def test_grid_survives_a_tilted_noisy_scan_of_hairlines(layout: Layout, tilt: float) -> None:
    page, _ = deskew(scanned(draw_table(layout, thickness=1), tilt))
    assert cell_spans(page) == [layout.expected_cells()]


def test_two_tables_on_a_page_are_found_top_to_bottom() -> None:
    page = draw_table(PLAIN, origin=(150, 1200))
    page = np.minimum(page, draw_table(WIDE_HEADER, origin=(150, 300)))
    assert cell_spans(page) == [WIDE_HEADER.expected_cells(), PLAIN.expected_cells()]


def test_grid_cell_boxes_follow_the_rulings() -> None:
    (grid,), _ = find_table_grids(draw_table(PLAIN, origin=(100, 200), thickness=2))
    assert (grid.row_count, grid.col_count) == (2, 3)
    corner = next(cell for cell in grid.cells if (cell.row_start, cell.col_start) == (1, 2))
    # -- drawn lines sit at x 100/300/500/700 and y 200/260/320; allow a pixel for thickness --
    assert corner.box.left == pytest.approx(500, abs=1)
    assert corner.box.top == pytest.approx(260, abs=1)
    assert corner.box.right == pytest.approx(700, abs=1)
    assert corner.box.bottom == pytest.approx(320, abs=1)


def text_page() -> np.ndarray:
    """Return a page of text-like lines of blobs (words) with no ruled lines at all."""
    page = np.full((PAGE_HEIGHT, PAGE_WIDTH), 255, np.uint8)
    rng = np.random.default_rng(3)
    for top in range(250, 1900, 60):
        x = 150
        while x < 1450:
            width = int(rng.integers(40, 160))
            cv2.rectangle(page, (x, top), (x + width, top + 28), 0, -1)
            x += width + 20
    return page


@pytest.mark.parametrize("tilt", [-1.5, -0.6, 0.5, 1.3])
@pytest.mark.parametrize("make_page", [text_page, lambda: draw_table(TOPIC)], ids=["text", "table"])
def test_deskew_measures_a_known_tilt(tilt: float, make_page: object) -> None:
    page = make_page()  # type: ignore[operator]
    assert estimate_skew(scanned(page, tilt)) == pytest.approx(tilt, abs=0.3)


def test_a_blank_page_has_no_tilt_and_no_tables() -> None:
    blank = np.full((PAGE_HEIGHT, PAGE_WIDTH), 255, np.uint8)
    assert estimate_skew(blank) == 0.0
    assert cell_spans(blank) == []


def test_a_shaded_header_row_is_parted_from_the_body_without_a_border() -> None:
    # -- drawn with the header merged into the first body row: no border between them --
    unparted = Layout((60, 60, 60), (200, 200), ((0, 2, 0, 1), (0, 2, 1, 2)))
    page = draw_table(unparted, origin=(150, 300))
    header = page[301:360, 151:550]
    header[header == 255] = 225  # a pale header fill, under the letter strokes
    assert cell_spans(page) == [Layout((60, 60, 60), (200, 200)).expected_cells()]
    # -- unshaded, nothing parts the header from the first body row: one taller row --
    unshaded = draw_table(unparted, origin=(150, 300))
    assert cell_spans(unshaded) == [Layout((120, 60), (200, 200)).expected_cells()]


def test_a_tall_letter_stem_in_a_header_cell_is_no_border() -> None:
    # -- a stem under a stacked vowel and tone mark (``ชี้``) in a bold 70 px header cell is
    #    as long as the ruling kernel and covers most of the row, but meets neither line --
    page = draw_table(INDICATORS, origin=(150, 300))
    stem_x = 150 + 160 + 110 + 350
    cv2.line(page, (stem_x, 300 + 13), (stem_x, 300 + 57), 0, 3)
    assert cell_spans(page) == [INDICATORS.expected_cells()]
