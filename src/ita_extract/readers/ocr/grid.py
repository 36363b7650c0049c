"""Page geometry for OCR: deskewing, and table grids recovered from a page image's ruled lines.

Pure image work on 8-bit grey pages (white paper, dark ink) with OpenCV; no text recognition
here, so every step can be tested on drawn images. Coordinates are pixels with the origin at
the top left; boxes and grid slots are half-open, like the document model's cells.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import cv2
import numpy as np
import numpy.typing as npt

Image = npt.NDArray[np.uint8]
"""A grey page: 2-D, 0 is black ink, 255 is white paper."""

MAX_SKEW_DEGREES = 5.0
"""Scanners and hand-fed pages tilt by a degree or two; more than this is a rotated page."""

_SKEW_COARSE_STEP = 0.25
_SKEW_FINE_STEP = 0.02
_SKEW_WORK_WIDTH = 1000
"""Skew is measured on a copy this wide: a tenth of a degree still moves a line end 2 px."""

_LINE_MIN_FRACTION = 1 / 40
"""A ruled line is at least this share of the page's width (or height): 5 mm on A4.

Shorter straight strokes are letters (Thai glyphs at 16 pt are about 3 mm tall).
"""
_LINE_SNAP = 8
"""Ruled-line pieces closer than this many pixels are one grid line (scan blur, rotation)."""
_RULING_CONTRAST = 60
"""Grey levels below the paper's from which a pixel may be part of a ruled line."""
_TINT = 12
"""Grey levels below the paper's from which a smooth area counts as shaded (a pale green
header fill is about 25 darker)."""
_SHADE_FILTER = 15
"""Median filter size: wider than any stroke of 16 pt text at 200 dpi, narrower than a row."""
_BOLD_RATIO = 1.3
"""Stroke width, over the body's, from which a header's lines are bold (Laksaman Bold is 1.5x
its regular at 200 dpi; a scan's blur or threshold thickens both alike)."""
_MIN_BAND_SHARE = 0.1
"""Text bands with less ink than this share of the row's typical band are marks or specks:
their stroke width says nothing."""
_SEPARATOR_COVERAGE = 0.6
"""A cell border counts as drawn when ruling ink covers this share of its length."""
_MIN_TABLE_SIDE = 30


@dataclass(frozen=True)
class PixelBox:
    """A pixel rectangle ``[left, right) x [top, bottom)``."""

    left: int
    top: int
    right: int
    bottom: int

    @property
    def width(self) -> int:
        """Return the width in pixels."""
        return self.right - self.left

    @property
    def height(self) -> int:
        """Return the height in pixels."""
        return self.bottom - self.top


@dataclass(frozen=True)
class GridCell:
    """A cell over grid rows ``[row_start, row_end)`` and columns ``[col_start, col_end)``.

    ``box`` is the area inside the cell's borders, in page pixels.
    """

    row_start: int
    row_end: int
    col_start: int
    col_end: int
    box: PixelBox


@dataclass(frozen=True)
class TableGrid:
    """A ruled table found on a page: its outline and its cells, top to bottom, left to right."""

    box: PixelBox
    row_lines: tuple[int, ...]
    """Pixel rows of the horizontal rulings, top to bottom: one more than the grid rows."""
    col_lines: tuple[int, ...]
    """Pixel columns of the vertical rulings, left to right: one more than the grid columns."""
    cells: tuple[GridCell, ...]

    @property
    def row_count(self) -> int:
        """Return the number of grid rows."""
        return len(self.row_lines) - 1

    @property
    def col_count(self) -> int:
        """Return the number of grid columns."""
        return len(self.col_lines) - 1


def ink_mask(page: Image) -> Image:
    """Return 255 where ``page`` has ink and 0 where it is paper.

    A 3x3 median first removes scanner speckle, which Otsu's threshold would keep as ink.
    """
    smoothed = cv2.medianBlur(page, 3)
    _, mask = cv2.threshold(smoothed, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    return as_image(mask)


def estimate_skew(page: Image) -> float:
    """Return the angle in degrees, counter-clockwise, by which the page's content is tilted.

    Text lines and ruled lines both make the horizontal ink profile sharpest when they are
    level, so the angle is found by rotating a small copy and keeping the sharpest profile
    (coarse search, then fine). This works on pages with or without tables. A blank page
    gives 0.0.
    """
    mask = ink_mask(page)
    if not mask.any():
        return 0.0
    scale = min(1.0, _SKEW_WORK_WIDTH / mask.shape[1])
    small = as_image(cv2.resize(mask, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA))
    coarse = _sharpest_angle(
        small, np.arange(-MAX_SKEW_DEGREES, MAX_SKEW_DEGREES, _SKEW_COARSE_STEP)
    )
    fine = _sharpest_angle(
        small, np.arange(coarse - _SKEW_COARSE_STEP, coarse + _SKEW_COARSE_STEP, _SKEW_FINE_STEP)
    )
    # -- the sharpest correction undoes the tilt, so the tilt is its opposite --
    return -fine


def _sharpest_angle(mask: Image, angles: npt.NDArray[np.float64]) -> float:
    best_angle, best_score = 0.0, -1.0
    for angle in angles:
        profile = rotate(mask, float(angle), fill=0).sum(axis=1, dtype=np.float64)
        score = float(np.square(np.diff(profile)).sum())
        if score > best_score:
            best_angle, best_score = float(angle), score
    return best_angle


def rotate(page: Image, degrees: float, *, fill: int = 255) -> Image:
    """Return ``page`` rotated counter-clockwise about its centre, same size, corners ``fill``."""
    height, width = page.shape
    matrix = cv2.getRotationMatrix2D((width / 2, height / 2), degrees, 1.0)
    return as_image(
        cv2.warpAffine(page, matrix, (width, height), flags=cv2.INTER_LINEAR, borderValue=fill)
    )


def as_image(array: object) -> Image:
    """Return an OpenCV result typed as the grey image it is (OpenCV's stubs say ``MatLike``)."""
    return np.asarray(array, dtype=np.uint8)


def deskew(page: Image) -> tuple[Image, float]:
    """Return ``page`` levelled, and the tilt that was removed (degrees, counter-clockwise)."""
    skew = estimate_skew(page)
    return (rotate(page, -skew) if skew else page), skew


def ruling_masks(page: Image) -> tuple[Image, Image]:
    """Return the horizontal and the vertical ruled lines of a page, as two masks.

    Word's 0.5 pt borders are one or two grey pixels at 200 dpi, which Otsu's threshold and
    a median filter lose; anything clearly darker than the paper counts here instead, and a
    morphological opening with a long thin kernel then keeps only strokes at least that long
    (speckle and letters go).
    """
    height, width = page.shape
    paper = float(np.median(page))
    _, ink = cv2.threshold(page, paper - _RULING_CONTRAST, 255, cv2.THRESH_BINARY_INV)
    horizontal_kernel = np.ones((1, max(20, int(width * _LINE_MIN_FRACTION))), np.uint8)
    vertical_kernel = np.ones((max(20, int(height * _LINE_MIN_FRACTION * 0.75)), 1), np.uint8)
    horizontal = cv2.morphologyEx(ink, cv2.MORPH_OPEN, horizontal_kernel)
    vertical = cv2.morphologyEx(ink, cv2.MORPH_OPEN, vertical_kernel)
    return as_image(horizontal), as_image(vertical)


def find_table_grids(page: Image) -> tuple[list[TableGrid], Image]:
    """Return the ruled tables on a levelled page, top to bottom, and the mask of all rulings.

    The mask lets the caller erase the lines before recognising text, so that borders are
    not read as ``|`` or ``l``; it holds only the grids' own lines, not the tall strokes of
    letters such as ``ไ``. Merged cells come from borders that are not drawn: two grid slots
    with no ruling between them belong to one cell.
    """
    horizontal, vertical = ruling_masks(page)
    joined = cv2.dilate(cv2.bitwise_or(horizontal, vertical), np.ones((5, 5), np.uint8))
    # -- a shaded header row is often parted from the body by its shading alone --
    parting = as_image(cv2.bitwise_or(horizontal, shading_edges(page)))
    count, _, stats, _ = cv2.connectedComponentsWithStats(joined, connectivity=8)
    grids: list[TableGrid] = []
    for label in range(1, count):
        left, top, width, height = (int(value) for value in stats[label, :4])
        if width < _MIN_TABLE_SIDE or height < _MIN_TABLE_SIDE:
            continue
        region = PixelBox(left, top, left + width, top + height)
        grid = _grid_in_region(parting, vertical, region)
        header_end = None if grid is None else bold_header_end(page, grid, as_image(joined))
        if grid is not None and header_end is not None:
            parted = parting.copy()
            parted[header_end, grid.box.left : grid.box.right] = 255
            grid = _grid_in_region(parted, vertical, region)
        if grid is not None:
            grids.append(grid)
    grids.sort(key=lambda grid: (grid.box.top, grid.box.left))
    rulings = np.zeros_like(page)
    for grid in grids:
        box = grid.box
        for row in grid.row_lines:
            band = np.s_[max(0, row - _LINE_SNAP) : row + _LINE_SNAP + 1, box.left : box.right]
            rulings[band] |= horizontal[band]
        for col in grid.col_lines:
            band = np.s_[box.top : box.bottom, max(0, col - _LINE_SNAP) : col + _LINE_SNAP + 1]
            rulings[band] |= vertical[band]
    return grids, rulings


def shading_edges(page: Image) -> Image:
    """Return the long horizontal edges where a shaded area (a tinted header row) begins or ends.

    A wide median filter wipes out letters, which are thin strokes, and keeps tints; the
    rows where the tint starts or stops, over at least a ruled line's length, part table
    rows as a drawn border would.
    """
    paper = float(np.median(page))
    background = cv2.medianBlur(page, _SHADE_FILTER)
    shaded = as_image(np.where(background < paper - _TINT, 255, 0))
    edges = cv2.morphologyEx(shaded, cv2.MORPH_GRADIENT, np.ones((3, 1), np.uint8))
    kernel = np.ones((1, max(20, int(page.shape[1] * _LINE_MIN_FRACTION))), np.uint8)
    return as_image(cv2.morphologyEx(edges, cv2.MORPH_OPEN, kernel))


def bold_header_end(page: Image, grid: TableGrid, rulings: Image) -> int | None:
    """Return the pixel row between a bold header and the body when one grid row holds both.

    A black-and-white scan loses a header's pale fill, the only thing that parted it from the
    body in many reports. The header's type is bold: the first row's full-width text bands
    (runs of pixel rows with ink in some column) are measured for stroke width, and a leading
    run of bands clearly bolder than the rest ends the header. None where the first row's
    type is all of one weight, or holds fewer than three bands.
    """
    top, bottom = grid.row_lines[0] + _LINE_SNAP, grid.row_lines[1] - _LINE_SNAP
    left, right = grid.box.left + _LINE_SNAP, grid.box.right - _LINE_SNAP
    if bottom - top < 3 * _LINE_SNAP or right <= left:
        return None
    ink = ink_mask(page[top:bottom, left:right])
    ink[rulings[top:bottom, left:right] > 0] = 0
    rows = (ink > 0).any(axis=1)
    edges = np.flatnonzero(np.diff(np.concatenate(([0], rows.astype(np.int8), [0]))))
    bands = [(int(start), int(end)) for start, end in zip(edges[::2], edges[1::2], strict=True)]
    weights = [
        (stroke_width(ink[start:end]), int((ink[start:end] > 0).sum())) for start, end in bands
    ]
    typical = float(np.median([area for _, area in weights])) if weights else 0.0
    text = [
        (band, width)
        for band, (width, area) in zip(bands, weights, strict=True)
        if area >= typical * _MIN_BAND_SHARE
    ]
    if len(text) < 3:
        return None
    # -- the body is the row's lower half: a header of many lines is not taken for it --
    body = float(np.median([width for _, width in text[len(text) // 2 :]]))
    bold = 0
    while bold < len(text) and text[bold][1] >= body * _BOLD_RATIO:
        bold += 1
    rest = [width for _, width in text[bold:]]
    if bold == 0 or len(rest) < 2 or max(rest) >= body * _BOLD_RATIO:
        return None
    # -- part in the gap before the body's first band (a header's last line may be one letter) --
    first_body = text[bold][0]
    above = bands[bands.index(first_body) - 1]
    return top + (above[1] + first_body[0]) // 2


def stroke_width(ink: Image) -> float:
    """Return the mean stroke width of the ink (non-zero pixels): twice its area over its rim."""
    mask = (ink > 0).astype(np.uint8)
    area = int(mask.sum())
    outline = area - int(cv2.erode(mask, np.ones((3, 3), np.uint8)).sum())
    return 2.0 * area / max(outline, 1)


def _grid_in_region(horizontal: Image, vertical: Image, region: PixelBox) -> TableGrid | None:
    def crop(mask: Image) -> Image:
        return mask[region.top : region.bottom, region.left : region.right]

    rows = [region.top + y for y in _line_positions(crop(horizontal), axis=0)]
    cols = [region.left + x for x in _line_positions(crop(vertical), axis=1)]
    rows, cols = _keep_grid_lines(horizontal, vertical, rows, cols)
    if len(rows) < 2 or len(cols) < 2:
        return None
    slot_count = (len(rows) - 1) * (len(cols) - 1)
    parent = list(range(slot_count))

    def find(slot: int) -> int:
        while parent[slot] != slot:
            parent[slot] = parent[parent[slot]]
            slot = parent[slot]
        return slot

    def slot_of(row: int, col: int) -> int:
        return row * (len(cols) - 1) + col

    for row in range(len(rows) - 1):
        for col in range(len(cols) - 1):
            if col + 1 < len(cols) - 1 and not _drawn(
                vertical, cols[col + 1], rows[row], rows[row + 1], axis=1
            ):
                parent[find(slot_of(row, col + 1))] = find(slot_of(row, col))
            if row + 1 < len(rows) - 1 and not _drawn(
                horizontal, rows[row + 1], cols[col], cols[col + 1], axis=0
            ):
                parent[find(slot_of(row + 1, col))] = find(slot_of(row, col))

    members: dict[int, list[tuple[int, int]]] = {}
    for row in range(len(rows) - 1):
        for col in range(len(cols) - 1):
            members.setdefault(find(slot_of(row, col)), []).append((row, col))
    cells = [cell for slots in members.values() for cell in _slots_to_cells(slots, rows, cols)]
    cells.sort(key=lambda cell: (cell.row_start, cell.col_start))
    return TableGrid(
        box=PixelBox(cols[0], rows[0], cols[-1], rows[-1]),
        row_lines=tuple(rows),
        col_lines=tuple(cols),
        cells=tuple(cells),
    )


def _line_positions(mask: Image, *, axis: int) -> list[int]:
    """Return the positions of the ruled lines in ``mask`` (rows if ``axis`` is 0, else columns).

    Pieces of one line (a border broken by a merged cell) share a position; positions closer
    than the snap distance are one line.
    """
    profile = (mask > 0).sum(axis=1 - axis)
    positions = np.flatnonzero(profile > 0)
    lines: list[int] = []
    group: list[int] = []
    for position in positions.tolist():
        if group and position - group[-1] > _LINE_SNAP:
            lines.append(_weighted_centre(group, profile))
            group = []
        group.append(position)
    if group:
        lines.append(_weighted_centre(group, profile))
    return lines


def _keep_grid_lines(
    horizontal: Image, vertical: Image, rows: list[int], cols: list[int]
) -> tuple[list[int], list[int]]:
    """Return the candidate lines that border at least one whole grid slot.

    A long letter stroke or an underline passes the opening but stops short of the next
    crossing line; dropping such candidates changes the slots, so repeat until stable.
    """
    while True:
        kept_rows = [
            row
            for row in rows
            if any(_drawn(horizontal, row, a, b, axis=0) for a, b in itertools.pairwise(cols))
        ]
        kept_cols = [col for col in cols if _is_column_line(vertical, col, kept_rows)]
        if (kept_rows, kept_cols) == (rows, cols):
            return rows, cols
        rows, cols = kept_rows, kept_cols


def _is_column_line(vertical: Image, col: int, rows: list[int]) -> bool:
    """Tell whether a vertical candidate at ``col`` borders a grid slot between ``rows``.

    A border that parts the cells of one row only must meet the lines above and below it:
    a letter's stem under its stacked vowel and tone mark in a tall header cell (``ชี้``)
    passes the opening and covers most of the row, but stands clear of both lines.
    """
    spans = [(a, b) for a, b in itertools.pairwise(rows) if _drawn(vertical, col, a, b, axis=1)]
    if len(spans) != 1:
        return bool(spans)
    top, bottom = spans[0]
    band = vertical[:, max(0, col - _LINE_SNAP) : col + _LINE_SNAP + 1]
    return bool(
        band[max(0, top - _LINE_SNAP) : top + _LINE_SNAP + 1].any()
        and band[max(0, bottom - _LINE_SNAP) : bottom + _LINE_SNAP + 1].any()
    )


def _weighted_centre(positions: list[int], profile: npt.NDArray[np.int64]) -> int:
    weights = profile[positions].astype(np.float64)
    return round(float(np.average(positions, weights=weights)))


def _drawn(mask: Image, at: int, start: int, end: int, *, axis: int) -> bool:
    """Tell whether a ruling runs along ``at`` from ``start`` to ``end``.

    ``axis`` 0 checks a horizontal border at row ``at``, 1 a vertical one at column ``at``.
    The ends are trimmed so that the crossing lines do not count as the border itself.
    """
    trim = _LINE_SNAP
    if end - start <= 2 * trim:
        return True
    if axis == 0:
        band = mask[max(0, at - _LINE_SNAP) : at + _LINE_SNAP + 1, start + trim : end - trim]
        covered = band.any(axis=0)
    else:
        band = mask[start + trim : end - trim, max(0, at - _LINE_SNAP) : at + _LINE_SNAP + 1]
        covered = band.any(axis=1)
    return float(covered.mean()) >= _SEPARATOR_COVERAGE


def _slots_to_cells(
    slots: list[tuple[int, int]], rows: list[int], cols: list[int]
) -> list[GridCell]:
    """Return the cell a group of joined grid slots forms.

    A group that is not a rectangle means a border was misread; its slots then stay separate
    cells rather than one cell overlapping its neighbours.
    """
    row_start = min(row for row, _ in slots)
    row_end = max(row for row, _ in slots) + 1
    col_start = min(col for _, col in slots)
    col_end = max(col for _, col in slots) + 1
    if len(slots) != (row_end - row_start) * (col_end - col_start):
        return [_cell(row, row + 1, col, col + 1, rows, cols) for row, col in slots]
    return [_cell(row_start, row_end, col_start, col_end, rows, cols)]


def _cell(
    row_start: int, row_end: int, col_start: int, col_end: int, rows: list[int], cols: list[int]
) -> GridCell:
    box = PixelBox(cols[col_start], rows[row_start], cols[col_end], rows[row_end])
    return GridCell(row_start, row_end, col_start, col_end, box)
