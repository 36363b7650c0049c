"""Pixel checks on what Tesseract read: square bullets, dash lengths, grain, rows of marks.

Tesseract's Thai model has no square, tells no en dash from a hyphen, reads scanner grain as
junk and a row of tone marks as a line of its own. Each is told from the page's pixels here.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Iterator, Mapping, Sequence
from typing import TypeVar

import cv2
import numpy as np
import numpy.typing as npt

from ita_extract.readers.ocr.digits import DIGITS
from ita_extract.readers.ocr.grid import GridCell, Image, PixelBox, ink_mask
from ita_extract.readers.ocr.tesseract import (
    LOW_CONFIDENCE,
    OcrLine,
    Word,
    box_around,
    grown,
    mean_confidence,
    text_of,
)
from ita_extract.readers.ocr.thai_marks import dictionary_share

_MIN_CELL_INK_PIXELS = 25
_SPECK_PIXELS = 8
_MARK_LINE = 0.6
"""A line lower than this share of the text line it touches, above or below, is only marks."""
_MARK_GAP = 0.2
"""Marks touch their line: a gap over this share of its height is line spacing (a word's
last letters wrapped to a line of their own, ``ประสิทธิภา`` over ``พ``)."""
BULLET = "■"
"""The text given to a square bullet found in the image (Tesseract reads it as ``พ`` or ``2``)."""
_BULLET_SIZE = (0.3, 1.1)
"""A square bullet is this share of the usual word height (a word box, not an em), both ways."""
_BULLET_SQUARENESS = 0.7
_BULLET_FILL = 0.8
"""Share of its box a bullet's ink fills; no letter of the script is that solid."""
_DASHES = "-–"
_EN_DASH_LENGTH = 0.6
"""A bar at least this share of the usual word height is an en dash (hyphens measure 0.3–0.45,
en dashes 0.7–0.8 in the scanned fixtures)."""
_BAR_SHAPE = 2.5
_BAR_THICKNESS = 0.25
"""A dash is at least this many times as long as thick, and thinner than this share of a word."""
_WORD_SHARE = 0.6
"""A low line is text, not stray marks, when this share of its letters forms dictionary words."""
_LETTER_HEIGHT_SHARE = 0.5
"""A cell or line whose tallest mark is under this share of the usual tallest holds only grain."""
_THAI_CONSONANT = re.compile("[\u0e01-\u0e2e]")


def specks(page: Image) -> npt.NDArray[np.bool_]:
    """Return where dust on the scanner glass left dots smaller than any mark of the script.

    Tesseract reads clusters of them as words (``za ey``); Thai tone marks and full stops
    are several times larger, so they stay.
    """
    _, labels, stats, _ = cv2.connectedComponentsWithStats(ink_mask(page), connectivity=8)
    small = np.flatnonzero(stats[:, cv2.CC_STAT_AREA] < _SPECK_PIXELS)
    return np.isin(labels, small[small > 0])


def with_bullet(line: OcrLine, image: Image, height: int) -> OcrLine:
    """Return ``line`` opening with :data:`BULLET` where the image shows a square bullet there.

    Tesseract has no square in its Thai model: it reads ``■`` as a letter (``พ``, ``2``)
    glued to the first word, or drops it. A solid square of about half the letter height
    at the start of the line is a bullet; no letter of the script is that solid. The
    first word's first character is taken for the bullet's reading when the square lies
    inside the word's box.
    """
    first = line.words[0]
    reach = PixelBox(
        max(0, first.box.left - height), first.box.top, first.box.right, first.box.bottom
    )
    square = _leading_square(image, reach, height)
    if square is None:
        return line
    bullet_word = Word(BULLET, 100.0, square)
    if square.right <= first.box.left + 1:
        return OcrLine(((bullet_word,), *line.tokens))
    rest_text = first.text[1:]
    first_token = line.tokens[0]
    rest = Word(
        rest_text,
        first.confidence,
        PixelBox(square.right, first.box.top, first.box.right, first.box.bottom),
    )
    opened = (rest, *first_token[1:]) if rest_text else first_token[1:]
    return OcrLine(((bullet_word,), *((opened,) if opened else ()), *line.tokens[1:]))


def _leading_square(image: Image, reach: PixelBox, height: int) -> PixelBox | None:
    """Return the box of a solid square that is the first ink in ``reach``, if there is one."""
    if height <= 0 or reach.width <= 0 or reach.height <= 0:
        return None
    crop = ink_mask(image[reach.top : reach.bottom, reach.left : reach.right])
    count, _, stats, _ = cv2.connectedComponentsWithStats(crop, connectivity=8)
    if count < 2:
        return None
    first = min(range(1, count), key=lambda label: int(stats[label, cv2.CC_STAT_LEFT]))
    left, top, width, tall, area = (int(value) for value in stats[first][:5])
    smallest, largest = (share * height for share in _BULLET_SIZE)
    solid = (
        smallest <= width <= largest
        and smallest <= tall <= largest
        and min(width, tall) >= _BULLET_SQUARENESS * max(width, tall)
        and area >= _BULLET_FILL * width * tall
    )
    if not solid:
        return None
    return PixelBox(
        reach.left + left, reach.top + top, reach.left + left + width, reach.top + top + tall
    )


def with_dashes(line: OcrLine, image: Image, height: int) -> OcrLine:
    """Return ``line`` with each dash Tesseract read told apart as hyphen or en dash by length.

    Tesseract reads ``–`` as ``-``: ``ตุลาคม ๒๕๖๖ – กันยายน ๒๕๖๗`` and ``E-Service`` look
    alike to it. An en dash is half an em long, a hyphen about a quarter; the bars found in
    a token's pixels are measured against the usual word height, in the order of the
    token's dashes. Where the bars do not match the dashes one to one, the reading stands.
    """
    tokens = []
    for token in line.tokens:
        text = text_of(token)
        dashes = sum(char in _DASHES for char in text)
        bars = _dash_bars(image, box_around(word.box for word in token), height) if dashes else []
        if not dashes or len(bars) != dashes:
            tokens.append(token)
            continue
        kinds = iter("–" if bar >= _EN_DASH_LENGTH * height else "-" for bar in bars)
        tokens.append(tuple(_with_text(word, _redashed(word.text, kinds)) for word in token))
    return OcrLine(tuple(tokens))


def _redashed(text: str, kinds: Iterator[str]) -> str:
    return "".join(next(kinds) if char in _DASHES else char for char in text)


def _with_text(word: Word, text: str) -> Word:
    return Word(text, word.confidence, word.box)


def _dash_bars(image: Image, box: PixelBox, height: int) -> list[int]:
    """Return the lengths of the dash-like bars in and just around ``box``, left to right."""
    reach = grown(
        PixelBox(box.left - height // 2, box.top, box.right + height // 2, box.bottom), image
    )
    crop = ink_mask(image[reach.top : reach.bottom, reach.left : reach.right])
    count, _, stats, _ = cv2.connectedComponentsWithStats(crop, connectivity=8)
    bars = sorted(
        (int(stats[label, cv2.CC_STAT_LEFT]), int(stats[label, cv2.CC_STAT_WIDTH]))
        for label in range(1, count)
        if stats[label, cv2.CC_STAT_WIDTH] >= _BAR_SHAPE * stats[label, cv2.CC_STAT_HEIGHT]
        and stats[label, cv2.CC_STAT_HEIGHT] <= _BAR_THICKNESS * height
    )
    return [length for _, length in bars]


_Part = TypeVar("_Part", "OcrLine", GridCell)
"""A part of a page that may hold text: a table cell or a line outside tables."""


def with_letters(
    page: Image, parts: Sequence[_Part], boxes: Mapping[_Part, PixelBox]
) -> list[_Part]:
    """Return the cells or lines of ``parts`` whose ink holds a letter, not only scanner grain.

    Tesseract reads junk (``®``, ``eae``) into an empty cell or margin speckled by the
    scanner. A letter or digit is several times taller than any grain: a part whose tallest
    mark is well under the usual tallest mark of its neighbours holds no text.
    """
    tallest = {part: _tallest_mark(page, boxes[part]) for part in parts}
    if not tallest:
        return []
    usual = statistics.median(tallest.values())
    return [part for part in parts if tallest[part] >= _LETTER_HEIGHT_SHARE * usual]


def _tallest_mark(page: Image, box: PixelBox) -> int:
    """Return the height of the tallest connected mark of ink inside ``box``."""
    crop = ink_mask(page[box.top : box.bottom, box.left : box.right])
    count, _, stats, _ = cv2.connectedComponentsWithStats(crop, connectivity=8)
    return max((int(stats[label, cv2.CC_STAT_HEIGHT]) for label in range(1, count)), default=0)


def has_ink(ink: Image, box: PixelBox) -> bool:
    """Tell whether ``box`` holds enough ink to be worth reading (a cell is often empty).

    ``ink`` is the page's ink mask (:func:`~ita_extract.readers.ocr.grid.ink_mask` of the
    whole page), made once: its threshold lies between the page's paper and its print. A
    threshold of the cell's own would split an empty cell's bare, grainy paper in two and
    find ink in half of it, which Tesseract then reads as lines of junk.
    """
    if box.width <= 0 or box.height <= 0:
        return False
    crop = ink[box.top : box.bottom, box.left : box.right]
    return int(np.count_nonzero(crop)) >= _MIN_CELL_INK_PIXELS


def without_mark_lines(lines: Sequence[OcrLine]) -> list[OcrLine]:
    """Return ``lines`` without the lines that are only the marks above or below a text line.

    Over bold or tightly set Thai, Tesseract may take the row of tone marks and upper
    vowels, or of lower vowels, for a line of its own and read it as junk (``a ow da``,
    ``ขบ`` under ``ผู้รับผิด``); such a line is much lower than the text line it touches, and
    no sure reading. The marks are lost either way.
    """
    return [
        line
        for index, line in enumerate(lines)
        if _is_sure_thai(line)
        or not any(
            _is_mark_row(line, neighbour, above)
            for neighbour, above in ((_at(lines, index + 1), True), (_at(lines, index - 1), False))
        )
    ]


def _at(lines: Sequence[OcrLine], index: int) -> OcrLine | None:
    return lines[index] if 0 <= index < len(lines) else None


def _is_mark_row(line: OcrLine, text_line: OcrLine | None, above: bool) -> bool:
    """Tell whether ``line`` is low and touches ``text_line`` from above (or below)."""
    if text_line is None:
        return False
    box, text_box = line.box, text_line.box
    gap = text_box.top - box.bottom if above else box.top - text_box.bottom
    return (
        box.height < _MARK_LINE * text_box.height
        and gap < _MARK_GAP * text_box.height
        and box.left < text_box.right
        and text_box.left < box.right
    )


def _is_sure_thai(line: OcrLine) -> bool:
    """Tell a line read surely as Thai words or numbers: no row of stray tone marks is.

    Such a row comes back as letters too (``ขยฉณ`` over a bold ``ผรบผดชอบ``), but no
    dictionary makes words of them.
    """
    if mean_confidence([line]) < LOW_CONFIDENCE:
        return False
    text = line.text
    if not any(_THAI_CONSONANT.match(char) for char in text):
        return any(char in DIGITS for char in text)
    return dictionary_share(text) >= _WORD_SHARE
