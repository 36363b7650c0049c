"""Clean a scanned page before anything reads it: coloured ink, paper and light, edges, turn.

Office scans are not the white paper the rest of the OCR reader expects: the paper is tinted
and unevenly lit, the lid casts a dark band along an edge, signatures and notes are in blue
ballpoint, seals in red, and a page may have gone through the feeder upside down or sideways.
:func:`clean_page` turns such a scan into a grey page of white paper and dark print, upright.
Each step is measured with ``benchmarks/scan_accuracy.py``; see ``docs/ocr.md``.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np
import numpy.typing as npt

from ita_extract.readers.ocr.grid import Image, as_image, deskew, ruling_masks, stroke_width

Colour = npt.NDArray[np.uint8]
"""An RGB page: height x width x 3."""

_INK_CHROMA = 60
"""Spread between a pixel's strongest and weakest colour channel from which it is coloured ink
(ballpoint blue, stamp red: 100 and more). Black print and grey paper have almost none, and a
pale table fill (a green header tint) about 20."""
_BACKGROUND_SCALE = 8
"""The paper is estimated on a copy this many times smaller: light varies over centimetres."""
_BACKGROUND_WINDOW = 51
"""Window of the paper estimate on the small copy (400 px at full size, 5 cm at 200 dpi):
wider than any letter or shaded table header (a two-row header is 200 px tall), so neither
print nor a table's tint is taken for paper; light varies over the whole page."""
_WHITE_PAPER = 235
"""Paper at least this bright over 95% of the page is left as it is."""
_EDGE_DARKNESS = 60
"""Grey levels below the paper from which a row or column along an edge is a shadow band."""
_EDGE_TRACE = 8
"""Grey levels below the paper of a row's (or column's) mean from which a band's fading inner
side still counts as band: 3% of its pixels dark. A black-and-white scan dithers the fade
into specks, which leave the median white."""
_EDGE_MAX_SHARE = 0.08
_EDGE_SAMPLE = 4
"""A shadow band covers at most this share of the page; print starts inside the margins."""
_HAND_EXTENT = 1.8
"""A stroke figure at least this many times the page's usual letter height, both tall and wide,
is larger than any letter cluster of the body text (the fixtures' and drawn reports' largest
are under it)."""
_HAND_FILL = 0.2
"""Share of its box a scrawl, a loop or a ring covers at most; letter clusters cover 0.25-0.4."""
_HAND_STROKE = 1.8
"""Stroke width, over the page's, up to which a large figure is drawn with a pen: a title in a
large font has strokes as large as its letters."""
_RULED_SHARE = 0.6
"""Share of a figure's ink in straight runs from which it is a table's frame (nearly all of
it, letters touching the rulings aside); a seal's ring has a third of its ink in the short
runs at its top, bottom and sides."""
_HAND_LETTERS = 3
"""Letters a figure as dark as print may enclose and still go: a signature beside its name
encloses none or a few; a black-and-white seal pressed over text encloses the text (erasing
it would take the letters it touches)."""
_NOT_PRINT_SHARE = 0.3
"""Ink over this share of the page is noise or a photograph, not print and pen: it is left for
the page reader to judge unreadable (``page.py``)."""
_PRINT_CORE_PERCENTILE = 5
"""Print's core is the darkest ink of the page: this percentile of its ink pixels."""
_MIN_LETTER_PIXELS = 20
"""Components smaller than this are grain or dots, not letters whose height says anything."""
_COLUMN_MIN_BLOBS = 12
"""Word blobs a page needs for its text column to be judged (a line of text holds several)."""
_COLUMN_EDGE_LINES = 5
"""Blobs that must end (or start) at a side's outermost extent for it to be the text column's
edge: justified or left-aligned lines do; a page of a few centred lines (a signature block,
whose last word after a dotted leader may stand alone) has no such edge, and is left alone."""
_NOTE_MAX_WIDTH = 0.2
"""Share of the page's width a margin note takes at most (a margin is an eighth of an A4 page)."""
_NOTE_MAX_HEIGHT = 10
"""Letter heights a margin note stands at most: a few handwritten lines."""
_ORIENTATION_WIDTH = 800
"""Orientation is judged on a copy this wide: text lines stay a dozen pixels apart."""
_MIN_PAGE_SIDE = 1000
"""Orientation is judged only on a page-sized image (A4 is 1654 px wide as OCR renders it):
a strip of a few lines is a crop, and gives too little evidence either way."""
_ORIENTATION_MIN_LINES = 12
_FLIPPED_SKEWNESS = 0.03
"""A page is turned upside down only on clear evidence: a dozen text lines whose profiles
lean the other way (upright pages show -0.04 to -0.27)."""
_RIM_SHARE = 0.04
_RULING_SHARE = 1 / 30
"""A straight run of ink this share of the page's side long is a ruling, or the piece of one a
tilt leaves; no letter has one on the small copy (letters are 1/60 of the side tall)."""
_PROFILE_STRIPS = 8
_GAP_INK_SHARE = 0.01
"""A row of a strip with ink on less than this share of it lies between two text lines."""


@dataclass(frozen=True)
class CleanPage:
    """A cleaned page and what was done to it."""

    grey: Image
    turned: int
    """Degrees (0, 90, 180, 270) the page was turned counter-clockwise to stand upright."""
    skew: float
    """The tilt removed after that, in degrees counter-clockwise."""


def clean_page(pixels: Colour | Image) -> CleanPage:
    """Return the page as white paper and dark print, coloured ink dropped, upright and level.

    A sideways page is turned first, so that the tilt is measured along its text lines, and
    which way up it stands is judged on the level page, where its lines are straight.
    """
    grey = without_coloured_ink(pixels) if pixels.ndim == 3 else as_image(pixels)
    grey = without_pen_strokes(without_dark_edges(divided_by_paper(grey)))
    page_sized = min(grey.shape) >= _MIN_PAGE_SIDE
    turn = 90 if page_sized and is_sideways(grey) else 0
    level, skew = deskew(_turned(grey, turn))
    if page_sized and is_upside_down(level):
        level, turn = _turned(level, 180), turn + 180
    return CleanPage(grey=without_margin_notes(level), turned=turn, skew=skew)


def _turned(grey: Image, degrees: int) -> Image:
    return as_image(np.ascontiguousarray(np.rot90(grey, degrees // 90))) if degrees else grey


def without_coloured_ink(pixels: Colour) -> Image:
    """Return the page in grey with blue and red ink (signatures, notes, seals) made paper.

    A pixel whose colour channels spread widely is coloured ink, and takes the paper's
    brightness there; every other pixel its luminance. Black print crossed by a signature is
    dark in every channel, so it stays black. (A ballpoint's brightest channel is still 160 of
    255, dark enough for Tesseract to read a scrawl as letters.)
    """
    red, green, blue = cv2.split(pixels)
    brightest = cv2.max(cv2.max(red, green), blue)
    chroma = cv2.subtract(brightest, cv2.min(cv2.min(red, green), blue))
    luminance = as_image(cv2.cvtColor(pixels, cv2.COLOR_RGB2GRAY))
    coloured = cv2.threshold(chroma, _INK_CHROMA, 255, cv2.THRESH_BINARY)[1]
    if not coloured.any():
        return luminance
    # -- the pale rim of a blue or red stroke is coloured too, if less: take it with the stroke --
    rim = cv2.dilate(coloured, np.ones((3, 3), np.uint8))
    rim = cv2.bitwise_and(rim, cv2.threshold(chroma, _INK_CHROMA // 3, 255, cv2.THRESH_BINARY)[1])
    grey = luminance.copy()
    paper = _full_size(_paper_estimate(as_image(brightest)), grey.shape)
    np.copyto(grey, paper, where=cv2.bitwise_or(coloured, rim) > 0)
    return as_image(grey)


def divided_by_paper(grey: Image) -> Image:
    """Return the page with its paper made white: tone and uneven light divided out.

    The paper's brightness is estimated as the local maximum over a window wider than any
    letter (print is darker than the paper it lies on), smoothed, and divided out.
    """
    paper_small = _paper_estimate(grey)
    if np.percentile(paper_small, 5) >= _WHITE_PAPER:
        return grey  # -- white, evenly lit paper: dividing would only nudge the print's pixels --
    paper = _full_size(paper_small, grey.shape)
    ratio = grey.astype(np.float32) * 255.0 / np.maximum(paper.astype(np.float32), 1.0)
    return as_image(np.clip(ratio, 0, 255).astype(np.uint8))


def _paper_estimate(grey: Image) -> Image:
    """Return the paper's brightness on a copy :data:`_BACKGROUND_SCALE` times smaller."""
    height, width = grey.shape
    small = cv2.resize(
        grey,
        (max(width // _BACKGROUND_SCALE, 1), max(height // _BACKGROUND_SCALE, 1)),
        interpolation=cv2.INTER_AREA,
    )
    window = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (_BACKGROUND_WINDOW, _BACKGROUND_WINDOW))
    return as_image(cv2.GaussianBlur(cv2.dilate(small, window), (0, 0), _BACKGROUND_WINDOW / 4))


def _full_size(small: Image, shape: tuple[int, ...]) -> Image:
    return as_image(cv2.resize(small, (shape[1], shape[0]), interpolation=cv2.INTER_LINEAR))


def without_dark_edges(grey: Image) -> Image:
    """Return the page with a shadow band along any edge made paper.

    A band starts at an edge whose outermost row (or column) has a median far below the
    paper's, and runs inwards while the rows' mean stays below it (the fading rim); print
    never darkens a whole row's median, and starts inside the margins.
    """
    page = grey.copy()
    sample = grey[::_EDGE_SAMPLE, ::_EDGE_SAMPLE]
    paper = int(np.median(sample))
    for axis in (0, 1):
        # -- rows are medians over every 4th column and the other way round: bands are wide --
        medians = np.repeat(np.median(sample, axis=axis), _EDGE_SAMPLE)[: grey.shape[1 - axis]]
        means = np.repeat(sample.mean(axis=axis), _EDGE_SAMPLE)[: grey.shape[1 - axis]]
        limit = int(len(medians) * _EDGE_MAX_SHARE)
        for edge in ("start", "end"):
            step = 1 if edge == "start" else -1
            if not medians[::step][0] < paper - _EDGE_DARKNESS:
                continue
            # -- the band's dark core shows in the median; its fading rim only in the mean --
            fading = (means[::step] < paper - _EDGE_TRACE)[:limit]
            depth = int(np.argmin(fading)) if not fading.all() else limit
            depth += 2  # the band's soft inner rim
            if axis == 0:
                cols = slice(0, depth) if edge == "start" else slice(len(medians) - depth, None)
                page[:, cols] = 255
            else:
                rows = slice(0, depth) if edge == "start" else slice(len(medians) - depth, None)
                page[rows, :] = 255
    return as_image(page)


def without_pen_strokes(grey: Image) -> Image:
    """Return the page with pen and seal ink that colour could not part made paper.

    In a grey or black-and-white scan the ballpoint's blue and the seal's red are gone.
    Two things still tell them from print:

    - *Shape.* A signature's scrawl or a seal's ring is one stroke figure taller and wider
      than any letter cluster, yet thin-stroked and sparse; Tesseract reads it as a line of
      junk letters. A table's frame is such a figure too, but mostly straight rulings.
    - *Tone* (grey scans only). Print has a black core; a seal's red is a mid grey
      throughout. Letters with no pixel darker than halfway from the print's core to the
      ink threshold are the seal's words. Where a figure crosses print, the print's dark
      core is kept.

    In a black-and-white scan every ink is black: a figure goes whole (with any letter it
    touches) unless it encloses text, as a seal pressed over it does; a seal stays.
    """
    threshold, raw_ink = cv2.threshold(grey, 0, 1, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    ink = as_image(raw_ink)
    if float(ink.mean()) > _NOT_PRINT_SHARE:
        return grey
    straight = cv2.bitwise_or(*ruling_masks(grey)) > 0
    count, labels, raw_stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    stats = np.asarray(raw_stats, dtype=np.int32)
    areas, widths, heights = (
        stats[1:, key] for key in (cv2.CC_STAT_AREA, cv2.CC_STAT_WIDTH, cv2.CC_STAT_HEIGHT)
    )
    letters = areas >= _MIN_LETTER_PIXELS
    if not letters.any():
        return grey
    print_core = float(np.percentile(grey[ink > 0], _PRINT_CORE_PERCENTILE))
    core_limit = (print_core + threshold) / 2
    # -- labels of components with a pixel of print's darkness --
    cored = np.bincount(labels[grey <= core_limit], minlength=count)[1:] > 0
    extent = float(np.median(heights[letters])) * _HAND_EXTENT
    # -- a table's frame is large and sparse too, but made of straight rulings --
    ruled = np.bincount(labels[straight], minlength=count)[1:] > _RULED_SHARE * areas
    large = (heights > extent) & (widths > extent) & (areas < _HAND_FILL * heights * widths)
    large &= ~ruled
    pale = letters & ~cored
    if not (large.any() or pale.any()):
        return grey
    page_stroke = stroke_width(ink)
    page = grey.copy()
    rim = np.ones((3, 3), np.uint8)
    for label in np.flatnonzero(large | pale) + 1:
        left, top, width, height = (int(value) for value in stats[label, :4])
        box = np.s_[top : top + height, left : left + width]
        figure = (labels[box] == label).astype(np.uint8)
        if not pale[label - 1] and stroke_width(figure) > _HAND_STROKE * page_stroke:
            continue
        # -- the stroke's soft rim goes with it; print's core under it stays --
        drawn = cv2.dilate(figure, rim) > 0
        if float(np.median(grey[box][figure > 0])) > core_limit:
            drawn &= grey[box] > core_limit
        elif _letters_within(stats, letters & ~large, left, top, width, height) > _HAND_LETTERS:
            continue  # -- as dark as print, and over text: it would take the text with it --
        page[box][drawn] = 255
    return as_image(page)


def without_margin_notes(level: Image) -> Image:
    """Return the level page with the ink that stands outside its text column made paper.

    Print is set in one column between the margins; a note written in the margin stands beside
    it, in grey and black-and-white scans as dark as print and letter-sized, so only its place
    tells it. The page's ink is gathered into word blobs (letters closer than half a letter
    height); a blob no larger than a note whose whole extent lies beyond every other blob's,
    left or right, by more than a letter height, is in the margin, if lines end (or start) at
    that outermost extent: it is the column's edge. A page of a few blobs, or of centred
    lines, has no column to judge by and is left as it is.
    """
    _, raw_ink = cv2.threshold(level, 0, 1, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    ink = as_image(raw_ink)
    if float(ink.mean()) > _NOT_PRINT_SHARE:
        return level
    _, labels, raw_stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    stats = np.asarray(raw_stats, dtype=np.int32)[1:]
    letters = stats[:, cv2.CC_STAT_AREA] >= _MIN_LETTER_PIXELS
    if not letters.any():
        return level
    letter_height = float(np.median(stats[letters, cv2.CC_STAT_HEIGHT]))
    reach = max(int(letter_height / 2), 1)
    kept = np.isin(labels, np.flatnonzero(letters) + 1).astype(np.uint8)
    _, blobs, raw_boxes, _ = cv2.connectedComponentsWithStats(
        cv2.dilate(kept, np.ones((reach, reach), np.uint8)), connectivity=8
    )
    boxes = np.asarray(raw_boxes, dtype=np.int64)[1:]
    if len(boxes) < _COLUMN_MIN_BLOBS:
        return level
    lefts = boxes[:, cv2.CC_STAT_LEFT]
    rights = lefts + boxes[:, cv2.CC_STAT_WIDTH]
    gap = letter_height
    page = level.copy()
    for index in range(len(boxes)):
        left, top, width, height = (int(value) for value in boxes[index, :4])
        if width > level.shape[1] * _NOTE_MAX_WIDTH or height > _NOTE_MAX_HEIGHT * letter_height:
            continue
        others = np.arange(len(boxes)) != index
        right_edge, left_edge = rights[others].max(), lefts[others].min()
        # -- a column's edge is where many lines end (or start), not one line's end --
        beyond_right = left > right_edge + gap and _lines_at(rights[others], right_edge, gap)
        beyond_left = left + width < left_edge - gap and _lines_at(lefts[others], left_edge, gap)
        if beyond_right or beyond_left:
            box = np.s_[top : top + height, left : left + width]
            # -- the blob reaches half a letter past the strokes: their soft rim goes too --
            page[box][blobs[box] == index + 1] = 255
    return as_image(page)


def _lines_at(edges: npt.NDArray[np.int64], edge: int, gap: float) -> bool:
    """Tell whether enough blobs reach ``edge`` (within two ``gap``) for it to be a column's."""
    return int((np.abs(edges - edge) <= 2 * gap).sum()) >= _COLUMN_EDGE_LINES


def _letters_within(
    stats: npt.NDArray[np.int32],
    letters: npt.NDArray[np.bool_],
    left: int,
    top: int,
    width: int,
    height: int,
) -> int:
    """Return how many of the ``letters`` (by component, label less one) centre in the box."""
    centre_x = stats[1:, cv2.CC_STAT_LEFT] + stats[1:, cv2.CC_STAT_WIDTH] // 2
    centre_y = stats[1:, cv2.CC_STAT_TOP] + stats[1:, cv2.CC_STAT_HEIGHT] // 2
    inside = (
        (centre_x >= left)
        & (centre_x < left + width)
        & (centre_y >= top)
        & (centre_y < top + height)
    )
    return int((letters & inside).sum())


def is_sideways(grey: Image) -> bool:
    """Return whether the page's text lines run down the page.

    Text lines make the ink profile across them sharp and along them flat. A tilt of two
    degrees blurs the profile across the lines, while the narrow columns of a table's cells
    still make the other one sharp: a page that looks sideways is judged again level.
    """
    if not _looks_sideways(grey):
        return False
    return _looks_sideways(deskew(grey)[0])


def _looks_sideways(grey: Image) -> bool:
    ink = _text_ink(grey)
    return bool(ink.any()) and _profile_sharpness(ink, axis=0) > _profile_sharpness(ink, axis=1)


def is_upside_down(level: Image) -> bool:
    """Return whether the level page stands on its head.

    Thai tone marks and upper vowels (and Latin ascenders and capitals) stand above a line's
    body far more often than anything hangs below it; only clear evidence turns a page.
    """
    lines, skewness = _line_skewness(_text_ink(level))
    return lines >= _ORIENTATION_MIN_LINES and skewness > _FLIPPED_SKEWNESS


def _text_ink(grey: Image) -> npt.NDArray[np.uint8]:
    """Return a small ink mask of the page's letters: ruled lines and the page's rim removed.

    Print starts inside the margins; what lies at the rim is the scanner's (shadow, lid edge).
    """
    height, width = grey.shape
    rim_y, rim_x = int(height * _RIM_SHARE), int(width * _RIM_SHARE)
    grey = grey[rim_y : height - rim_y, rim_x : width - rim_x]
    height, width = grey.shape
    scale = min(_ORIENTATION_WIDTH / max(width, height), 1.0)
    small = cv2.resize(
        grey, (int(width * scale), int(height * scale)), interpolation=cv2.INTER_AREA
    )
    _, ink = cv2.threshold(
        cv2.medianBlur(small, 3), 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU
    )
    length = max(int(min(small.shape) * _RULING_SHARE), 8)
    lines = cv2.bitwise_or(
        cv2.morphologyEx(ink, cv2.MORPH_OPEN, np.ones((1, length), np.uint8)),
        cv2.morphologyEx(ink, cv2.MORPH_OPEN, np.ones((length, 1), np.uint8)),
    )
    return np.where(cv2.dilate(lines, np.ones((3, 3), np.uint8)) > 0, 0, ink).astype(np.uint8)


def _profile_sharpness(ink: npt.NDArray[np.uint8], *, axis: int) -> float:
    """Return how sharply the ink profile alternates, summing across ``axis`` in strips.

    Narrow strips keep the lines of side-by-side table cells apart, and a tilt of two degrees
    moves a line by a fraction of its height across one.
    """
    strips = np.array_split(ink, _PROFILE_STRIPS, axis=1 - axis)
    total = 0.0
    for strip in strips:
        profile = (strip > 0).sum(axis=axis).astype(np.float64)
        total += float(np.square(np.diff(profile)).sum())
    return total


def _line_skewness(ink: npt.NDArray[np.uint8]) -> tuple[int, float]:
    """Return the most text lines one strip holds, and the ink-weighted skewness of their profiles.

    An upright line's marks make a long tail above its body: negative skewness (rows count
    downwards). Lines are found in strips; a row with almost no ink (grain) parts two lines.
    """
    weighted, mass, lines = 0.0, 0.0, 0
    for strip in np.array_split(ink, _PROFILE_STRIPS, axis=1):
        profile = (strip > 0).sum(axis=1).astype(np.float64)
        rows = profile > max(strip.shape[1] * _GAP_INK_SHARE, 1.0)
        edges = np.flatnonzero(np.diff(np.concatenate(([0], rows.astype(np.int8), [0]))))
        lines = max(lines, len(edges) // 2)
        for start, end in zip(edges[::2], edges[1::2], strict=True):
            line = profile[start:end]
            total = float(line.sum())
            offsets = np.arange(len(line)) - float((np.arange(len(line)) * line).sum()) / total
            spread = float(np.sqrt((offsets**2 * line).sum() / total))
            if spread == 0.0:
                continue
            weighted += float((offsets**3 * line).sum()) / spread**3
            mass += total
    return lines, weighted / max(mass, 1.0)
