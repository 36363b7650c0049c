"""A second reader for numbers and item codes, which Tesseract's Thai model reads poorly.

In the TH Sarabun family of fonts (Laksaman is its free twin) Tesseract's ``tha`` model
takes ``๙`` for ``๕`` or ``๓``, ``๖`` for ``๒`` and ``๗`` for ``ฒ``: a score like ``๙๗.๖๑``
comes back as ``๕ฒ.๒๑``. It also reads Arabic ``7`` as ``1`` and a code's ``e`` as ``6``.
Digits are single-stroke glyphs, so a nearest-template match of each ink shape against the
digits (and the code letters ``i``, ``e``) drawn in the Thai fonts of Debian's
``fonts-thai-tlwg`` reads them far better. It is used only where Tesseract already saw a
number or a code; where the package's fonts are missing, Tesseract's reading stands.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import cv2
import numpy as np
import numpy.typing as npt
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont

from ita_extract.readers.ocr.grid import Image, PixelBox, as_image, ink_mask

THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙"
ARABIC_DIGITS = "0123456789"
DIGITS = THAI_DIGITS + ARABIC_DIGITS
"""Reports write numbers in Thai or Arabic digits; Tesseract misreads both (``7`` as ``1``)."""
_VALUE = dict(zip(THAI_DIGITS, "0123456789", strict=True))
CODE_LETTERS = "ieO"
"""Item codes' letters. OIT's ``O`` is round where a Thai ``๐`` is a flat oval and an Arabic
``0`` a narrow one, so the shapes tell them apart: some reports write open-data codes with a
Thai zero (``๐๑๔``), others with the letter (``O๑๔``)."""
_NOT_A_CODES_O = re.compile(f"O(?![{DIGITS}]{{1,2}}(?![{DIGITS}.,]))")
"""An ``O`` that no code's one or two digits follow: a round zero of a number (``0.00``)."""
FONT_DIRS = (Path("/usr/share/fonts/truetype/tlwg"), Path("/usr/share/fonts/opentype/tlwg"))
"""Where Debian's fonts-thai-tlwg puts its fonts (TrueType or OpenType build)."""

_MARGIN = 3
_SIDE = 24
"""Glyphs are compared as SIDE x SIDE squares: enough to tell ๓ from ๕ by its tail."""
_BLUR = 1.0
_TEMPLATE_PX = 64
_ASPECT_WEIGHT = 0.5
_MIN_MATCH = 0.55
"""A shape matching no digit template better than this is not a digit (a letter, a smudge)."""
_SURE_MARGIN = 0.04
"""A best match closer than this to a different digit's is reported as unsure."""
_DOT_HEIGHT = 0.45
"""Shapes lower than this share of the tallest glyph are a full stop or a comma."""
_COMMA_ASPECT = 1.4
"""A punctuation shape this many times taller than wide is a comma, not a full stop."""
_DASH_ASPECT = 2.0
"""A low shape this many times wider than tall is a hyphen or dash (``O7-O9``, ``2566-2567``);
a full stop is about as wide as tall."""
_SPECK_AREA = 0.01
"""Dots smaller than this share of the tallest glyph's squared height are specks."""
_MIN_SHAPE_PIXELS = 3
_CUT_STEP = 2
_CODE_GAP = 0.6
"""How far (in text heights) before the digits a code's letter may stand."""
_WIDE = 1.5
"""A shape this many times wider than tall is digits touching."""

Vector = npt.NDArray[np.float32]


@dataclass(frozen=True)
class DigitReading:
    """Digits read from an image, with the weakest glyph match (0–1) and whether all were sure."""

    text: str
    score: float
    sure: bool


@dataclass(frozen=True)
class _Template:
    digit: str
    vector: Vector
    aspect: float


def read_number(
    page: Image,
    box: PixelBox,
    *,
    code: bool = False,
    text_height: int = 0,
    ends: tuple[str, str] = ("", ""),
    stops: int = 0,
) -> DigitReading | None:
    """Return the digits (and dots) of the number at ``box``, or None if it is not one.

    ``box`` is where Tesseract saw the number. Its boxes for Thai digits often cut the
    first or last glyph in half, so every ink shape that reaches into ``box`` is read whole.
    With ``code``, the first glyph may also be an item code's letter (``i๑``, ``e๑๓``,
    ``O๑๔``). Shapes much lower than the
    tallest shape, or than half ``text_height`` (the usual height of Tesseract's word boxes
    around it, which take in Thai marks above and below), are a full stop, a comma or, much
    wider than tall, a hyphen. ``ends`` are the brackets or punctuation Tesseract saw at the
    token's start and end: a first or last shape that is no digit is taken as those.
    ``stops`` is how many full stops and commas Tesseract saw inside the token: a dot as
    small as a speck, on the digits' baseline between two digits, is one of those (a thin
    font's full stop, Sawasdee's, is 2 x 3 px at 14 pt and 200 dpi; dropped, ``78.92`` was
    read ``7892``). None
    also when another shape is no digit, when nothing is drawn, or when no Thai fonts are
    installed to draw templates from.
    """
    # -- a thin font's hairlines may be lost to the page's ink mask: read again with them --
    for ink in (ink_mask, _digit_ink):
        reading = _read_box(page, box, ink, code, text_height, ends, stops)
        if reading is not None:
            return reading
    return None


def _read_box(
    page: Image,
    box: PixelBox,
    ink: Callable[[Image], Image],
    code: bool,
    text_height: int,
    ends: tuple[str, str],
    stops: int,
) -> DigitReading | None:
    """Return the number at ``box`` read from the shapes of ``ink`` (see ``read_number``)."""
    templates = _templates()
    reach = box.height
    left, right = max(0, box.left - reach), min(page.shape[1], box.right + reach)
    # -- a code's i is taller than the digits: its dot may sit above Tesseract's box --
    above = max(_MARGIN, box.height // 3) if code else _MARGIN
    top, bottom = max(0, box.top - above), min(page.shape[0], box.bottom + _MARGIN)
    mask = ink(page[top:bottom, left:right])
    count, raw_labels, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    labels = np.asarray(raw_labels, dtype=np.int32)
    core_left, core_right = box.left - left, box.right - left
    spans = [
        (int(stats[index, cv2.CC_STAT_LEFT]), int(stats[index, cv2.CC_STAT_WIDTH]), index)
        for index in range(1, count)
        if int(stats[index, cv2.CC_STAT_AREA]) >= _MIN_SHAPE_PIXELS
    ]
    shapes = _column_groups(labels, spans)
    glyphs = [
        glyph
        for glyph in shapes
        if glyph.left < core_right and glyph.left + glyph.mask.shape[1] > core_left
    ]
    if not templates or not glyphs:
        return None
    if code:
        glyphs = _with_code_letter(shapes, glyphs, templates, reach)
    tallest = max(text_height // 2, *(glyph.mask.shape[0] for glyph in glyphs))
    # -- a number is written in one script: a reading that mixes them is a misread --
    readings = [
        reading
        for script in (THAI_DIGITS, ARABIC_DIGITS)
        if (reading := _read_glyphs(glyphs, script, templates, code, (tallest, stops), ends))
        is not None
    ]
    return max(readings, key=lambda reading: reading.score, default=None)


def _read_glyphs(
    glyphs: list[_Glyph],
    script: str,
    templates: tuple[_Template, ...],
    code: bool,
    sizes: tuple[int, int],
    ends: tuple[str, str],
) -> DigitReading | None:
    """Return ``glyphs`` read as digits of ``script`` (Thai or Arabic), or None.

    Touching digits are split by the script's usual digit width: two Arabic zeros that a
    black-and-white scan joined are about as wide as one Thai digit (``100.00`` was read
    ``100.๓``).
    """
    usual_aspect = _usual_aspect(script)
    tallest, stops = sizes
    baseline = max(
        (glyph.bottom for glyph in glyphs if glyph.mask.shape[0] >= _DOT_HEIGHT * tallest),
        default=max(glyph.bottom for glyph in glyphs),
    )
    text: list[str] = []
    scores: list[float] = []
    sure = True
    for index, glyph in enumerate(glyphs):
        height, width = glyph.mask.shape
        if height < _DOT_HEIGHT * tallest:
            speck = glyph.mask.sum() < _SPECK_AREA * tallest * tallest
            # -- a thin font's full stop is speck-sized: Tesseract's stop and its place tell --
            stop = (
                bool(scores)
                and 0 < index < len(glyphs) - 1
                and sum(char in ".," for char in text) < stops
                and baseline - glyph.bottom <= _DOT_HEIGHT * tallest / 2
            )
            if speck and stop:
                text.append(".")
            elif not speck:
                text.append(
                    "-"
                    if width >= _DASH_ASPECT * height
                    else ","
                    if height > _COMMA_ASPECT * width
                    else "."
                )
            continue
        first = script + CODE_LETTERS if code and not scores else script
        # -- a shape much wider than the script's digits is digits touching --
        digit_width = usual_aspect * height
        parts = round(width / digit_width) if width > _WIDE * digit_width else 1
        matches = _read_parts(glyph.mask, parts, first, templates)
        if matches is None:
            end = ends[0] if index == 0 else ends[1] if index == len(glyphs) - 1 else ""
            if not end:
                return None
            text.append(end)
            continue
        for digit, score, margin in matches:
            text.append(digit)
            scores.append(score)
            sure = sure and margin >= _SURE_MARGIN
    if not text:
        return None
    joined = "".join(text)
    zero = "๐" if any(char in THAI_DIGITS for char in joined) else "0"
    # -- only punctuation: Tesseract took a full stop for a digit (พ.ศ. read as พ.ศ ๑) --
    return DigitReading(_NOT_A_CODES_O.sub(zero, joined), min(scores, default=1.0), sure)


@cache
def _usual_aspect(script: str) -> float:
    """Return the median width-to-height ratio of ``script``'s digits in the installed fonts.

    Thai digits are about as wide as tall (1.0), Arabic ones about two thirds (0.65).
    """
    aspects = [template.aspect for template in _templates() if template.digit in script]
    return float(np.median(aspects)) if aspects else 1.0


def _digit_ink(crop: Image) -> Image:
    """Return the ink of ``crop`` with the hairlines of thin fonts kept.

    The page's ink mask smooths speckle away with a 3x3 median, which also erases strokes one
    pixel wide: Norasi's ``๗`` fell apart into pieces side by side that match no digit. The
    pixels darker than the same threshold that touch the smoothed ink are kept too.
    """
    smoothed = cv2.medianBlur(crop, 3)
    threshold, strict = cv2.threshold(smoothed, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    loose = np.where(crop <= threshold, 255, 0).astype(np.uint8)
    _, labels = cv2.connectedComponents(loose, connectivity=8)
    touching = np.unique(np.asarray(labels)[strict > 0])
    keep = np.isin(np.asarray(labels), touching[touching > 0])
    return as_image(np.where(keep, 255, 0).astype(np.uint8))


@dataclass(frozen=True)
class _Glyph:
    left: int
    mask: Vector
    """The glyph's ink, cropped to its bounding box."""
    top: int = 0

    @property
    def bottom(self) -> int:
        """The row under the glyph's lowest ink, in the crop's rows."""
        return self.top + int(self.mask.shape[0])


def _column_groups(
    labels: npt.NDArray[np.int32], spans: list[tuple[int, int, int]]
) -> list[_Glyph]:
    """Return the ink shapes grouped by overlapping columns, left to right.

    Thai digits stand side by side, never above one another, so shapes that share columns
    are pieces of one digit: a thin stroke that the scan broke, or a loop and its tail.
    """
    groups: list[list[tuple[int, int, int]]] = []
    for span in sorted(spans):
        if groups and span[0] < max(left + width for left, width, _ in groups[-1]):
            groups[-1].append(span)
        else:
            groups.append([span])
    glyphs: list[_Glyph] = []
    for group in groups:
        left = min(start for start, _, _ in group)
        right = max(start + width for start, width, _ in group)
        mask = np.isin(labels[:, left:right], [index for _, _, index in group])
        rows = np.flatnonzero(mask.any(axis=1))
        glyphs.append(_Glyph(left, mask[rows[0] : rows[-1] + 1].astype(np.float32), int(rows[0])))
    return glyphs


def _with_code_letter(
    shapes: list[_Glyph], glyphs: list[_Glyph], templates: tuple[_Template, ...], reach: int
) -> list[_Glyph]:
    """Return ``glyphs`` with the code letter just before them, if Tesseract's box left it out.

    Justified cells stretch ``i๑๓`` until Tesseract sees ``i`` as a word of its own (or
    nothing); a shape close before the digits that matches ``i`` or ``e`` belongs to them.
    """
    first = glyphs[0]
    before = [
        shape
        for shape in shapes
        if shape.left + shape.mask.shape[1] <= first.left
        and first.left - (shape.left + shape.mask.shape[1]) <= _CODE_GAP * reach
    ]
    if not before or first.left == 0:
        return glyphs
    match = _best_digit(before[-1].mask, list(templates))
    return [before[-1], *glyphs] if match and match[0] in CODE_LETTERS else glyphs


def _read_parts(
    glyph: Vector, parts: int, first: str, templates: tuple[_Template, ...]
) -> list[tuple[str, float, float]] | None:
    """Return the best reading of ``glyph`` as ``parts`` touching characters, or None.

    The first character may be any of ``first``, the others only digits. Cuts are tried
    around each expected boundary, and the split whose weakest character matches best wins:
    the thinnest column is often inside a digit (the curl of ``๔`` meets the next digit).
    """
    if parts == 1:
        match = _best_digit(glyph, [template for template in templates if template.digit in first])
        return None if match is None else [match]
    width = glyph.shape[1]
    share = width / parts
    best: list[tuple[str, float, float]] | None = None
    for cut in range(max(1, int(share * 0.6)), min(width - 1, int(share * 1.4)) + 1, _CUT_STEP):
        head = _read_parts(glyph[:, :cut], 1, first, templates)
        tail = _read_parts(glyph[:, cut:], parts - 1, DIGITS, templates) if head else None
        if head is None or tail is None:
            continue
        if best is None or min(m[1] for m in head + tail) > min(m[1] for m in best):
            best = head + tail
    return best


def _best_digit(glyph: Vector, templates: list[_Template]) -> tuple[str, float, float] | None:
    """Return the best character for ``glyph``, its score, and its lead over the next best."""
    features = _features(glyph)
    if features is None:
        return None
    vector, aspect = features
    # -- every template at once: one matrix product, not a Python loop over hundreds --
    scores = np.stack([template.vector for template in templates]) @ vector
    aspects = np.array([template.aspect for template in templates], dtype=np.float64)
    scores = scores - _ASPECT_WEIGHT * np.abs(np.log(aspect / aspects))
    best: dict[str, float] = {}
    for template, score in zip(templates, scores.tolist(), strict=True):
        best[template.digit] = max(score, best.get(template.digit, -1.0))
    ranked = sorted(best.items(), key=lambda item: item[1], reverse=True)
    digit, score = ranked[0]
    if score < _MIN_MATCH:
        return None
    # -- ๐ and 0 (or ๑ and 1) are the same digit: only a different value makes it unsure --
    runner_up = next(
        (other for char, other in ranked if _VALUE.get(char, char) != _VALUE.get(digit, digit)),
        -1.0,
    )
    return digit, score, score - runner_up


def _features(glyph: Vector) -> tuple[Vector, float] | None:
    """Return the glyph stretched to a square, blurred, as a unit vector; and its aspect.

    Stretching gives the small strokes that tell ``๔`` from ``๕`` all the pixels it can; the
    aspect ratio, kept apart, still tells ``๑`` from ``๐``. The blur forgives a pixel's shift.
    """
    rows, cols = np.nonzero(glyph)
    if rows.size == 0:
        return None
    tight = glyph[rows.min() : rows.max() + 1, cols.min() : cols.max() + 1]
    height, width = tight.shape
    square = cv2.resize(tight, (_SIDE, _SIDE), interpolation=cv2.INTER_AREA)
    vector = cv2.GaussianBlur(square, (0, 0), _BLUR).ravel()
    vector = vector - vector.mean()
    norm = float(np.linalg.norm(vector))
    if norm == 0:
        return None
    return (vector / norm).astype(np.float32), width / height


@cache
def _templates() -> tuple[_Template, ...]:
    """Return every digit and code letter as drawn by every upright Thai font installed."""
    fonts = sorted(
        path
        for folder in FONT_DIRS
        if folder.is_dir()
        for path in folder.iterdir()
        if path.suffix in {".ttf", ".otf"}
        and not any(s in path.stem for s in ("Oblique", "Italic"))
    )
    templates: list[_Template] = []
    for path in fonts:
        font = ImageFont.truetype(str(path), _TEMPLATE_PX)
        for digit in DIGITS + CODE_LETTERS:
            canvas = PILImage.new("L", (3 * _TEMPLATE_PX, 3 * _TEMPLATE_PX), 0)
            ImageDraw.Draw(canvas).text((_TEMPLATE_PX, _TEMPLATE_PX), digit, font=font, fill=255)
            features = _features((np.asarray(canvas) > 127).astype(np.float32))
            if features is not None:
                templates.append(_Template(digit, *features))
    return tuple(templates)
