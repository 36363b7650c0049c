"""Recognise one page image: deskew, tables from ruled lines, Tesseract text, document blocks.

Imported only once :func:`ita_extract.readers.ocr.check_ocr_available` has passed, so the
OpenCV and pytesseract imports here may be plain module imports.
"""

from __future__ import annotations

import itertools
import os
import re
import statistics
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

import cv2
import numpy as np
import numpy.typing as npt
import pytesseract
from PIL import Image as PILImage

from ita_extract.document import Block, Cell, Paragraph, ParagraphKind, Table
from ita_extract.errors import ConversionTimeoutError
from ita_extract.normalize.codes import parse_item_code
from ita_extract.normalize.thai import (
    OCR_REPAIRED,
    dictionary_share,
    first_word,
    restore_lost_marks,
    restore_month_abbreviations,
    spacing_length,
)
from ita_extract.readers.labels import split_typed_label
from ita_extract.readers.ocr_digits import DIGITS, DigitReading, read_number
from ita_extract.readers.ocr_grid import (
    Box,
    GridCell,
    Image,
    TableGrid,
    as_image,
    deskew,
    find_table_grids,
    ink_mask,
)
from ita_extract.report import Warning

LANGUAGES = "tha+eng"
"""Thai text with English words and codes (IIT, E-Service, i1) in it."""
THAI_ONLY = "tha"
TESSERACT_TIMEOUT_SECONDS = 120
LOW_CONFIDENCE = 60
"""Tesseract word confidence (0–100) under which a word is reported as unsure."""

LOW_CONFIDENCE_CODE = "ocr.low_confidence"
BLANK_PAGE_CODE = "ocr.blank_page"
UNREADABLE_PAGE_CODE = "ocr.unreadable_page"

_BLANK_INK_SHARE = 0.0005
_NOISE_INK_SHARE = 0.3
"""Print covers a tenth of a page at most; ink over this share is noise or a photograph."""
_UNREADABLE_MEAN_CONFIDENCE = 30
_MIN_CELL_INK_PIXELS = 25
_MAX_NUMBER_CHARS = 12
_MAX_CODE_CHARS = 4
_CODE_LIKE = re.compile(r"[ieEIl|\[!][0-9๐-๙ilo|]{1,3}")
"""How Tesseract writes short item codes it misread: ``el`` for ``e1``, ``io`` for ``i๑``."""
_APART = frozenset("|[!lI๐0Oo")
"""What Tesseract makes of a code's ``i`` (or ``O``) standing apart from its digits."""
_DOTTED_LETTERS = re.compile(r"(?:[A-Za-z0-9]\.)+")
"""Letters each followed by a full stop: an abbreviation (``A.A.``, ``W.8.``)."""
_E_APART = frozenset("6๖")
"""What Tesseract makes of a code's ``e`` standing apart: the digit reader tells them apart."""
_OPENING = "(["
_CLOSING = ")],;:"
_NUMERIC_SHARE = 0.5
"""A token Tesseract read with at least this share of Thai digits and dots is a number."""
_SPECK_CONFIDENCE = 10
_SPECK_PIXELS = 8
_CELL_INSET = 4
"""Pixels trimmed inside a cell's borders, so that no trace of a ruling reaches Tesseract."""
_CELL_ZOOM = 1.5
"""Tables are set smaller (14 pt); enlarged, Tesseract stops reading a cell's tone marks
and the dot of an ``i`` as a line of their own. 2.0 read single-table fixture C better
(recall 0.81, not 0.77) but the five scanned fixtures worse (0.874/0.900, not 0.883/0.906)."""
_CELL_PADDING = 20
"""White margin around each cell image: Tesseract finds no text touching the image edge."""
_PAPER_PERCENTILE = 75
"""A cell is mostly paper: this percentile of its grey levels is the paper's."""
_WHITE = 250
_LINE_MARGIN = 8
_THAI_MARGIN = 10
"""How much surer (mean confidence) a Thai-only reading must be to replace a mixed one."""
_MARK_LINE = 0.6
"""A line lower than this share of the text line it touches, above or below, is only marks."""
_MARK_GAP = 0.2
"""Marks touch their line: a gap over this share of its height is line spacing (a word's
last letters wrapped to a line of their own, ``ประสิทธิภา`` over ``พ``)."""
_PARAGRAPH_GAP = 0.6
"""A vertical gap over this many line heights always starts a new paragraph."""
_GAP_SLACK = 0.05
"""Added to twice the usual line gap (in line heights) before a gap counts as wide."""
_SHORT_LINE = 0.85
"""A line ending before this share of the text width ends its paragraph (Word fills lines)."""
_CENTRED_TOLERANCE = 0.08
_THAI_SPACE = 0.55
"""A gap wider than this many letter heights between Thai letters is a space (about 0.35 em)."""
_LATIN_SPACE = 0.3
"""Tesseract splits Latin text at spaces already; a narrower gap still separates words."""
_COLUMN_CONFIG = "--psm 4"
"""Page segmentation mode 4, one column of lines of varying size: a report page outside its
tables, and each cell."""
_BLOCK_CONFIG = "--psm 6"
"""Page segmentation mode 6, one uniform block: for cells mode 4 read doubtfully."""

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
_DIGIT_SYMBOLS = "©"
"""What Tesseract reads for a Thai digit (``๑`` as ``©``): such a token goes to the digit reader."""
_THAI_CONSONANT = re.compile("[\u0e01-\u0e2e]")
_DIGIT_LOOKALIKES = {"o": "0", "O": "0", "l": "1", "I": "1", "|": "1"}
_THAI_DIGITS = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")
_NUMBER_WITH_LOOKALIKES = re.compile(
    r"(?<![A-Za-z0-9๐-๙])[0-9๐-๙][0-9๐-๙.]*[oOlI|][0-9๐-๙.oOlI|]*(?![A-Za-z0-9๐-๙])"
)
"""A number that a letter slipped into: it starts with a digit, so it is no item code."""
_ZERO_LED_CODE = re.compile(r"0[0-9]{1,2}")
_ZERO_LED_CODES = re.compile(
    r"(?<![0-9๐-๙A-Za-z.,/:])0[1-9][0-9]?"
    r"(?:\s*[,\-–]\s*[0O][0-9]{1,2})*(?!\s*[,\-–]\s*[0-9๐-๙]|[.,/:]?[0-9๐-๙]|[/:])"
)
"""A run of zero-led codes (``025``, ``011-012``, ``07,08``) that no number reaches into."""
_SPLIT_NUMBER = re.compile(
    r"(?P<year>(?<![0-9๐-๙.,])[2๒] [5๕][0-9๐-๙]{2}(?![0-9๐-๙]))"
    r"|(?P<label>^[ \t]*[0-9๐-๙]{1,2},(?=[ \t]*[\u0e01-\u0e2e\u0e40-\u0e44]))",
    re.MULTILINE,
)
"""A Buddhist-era year with a space after its first digit; a list number ending in a comma."""
_CODE_WITH_LOOKALIKE = re.compile(r"(?<!\S)[|\[!l][0-9๐-๙]{1,2}(?![0-9๐-๙.])")
"""A stroke before one or two digits, at the start of a token (``IIT`` can read ``แ[1``)."""


@dataclass(frozen=True)
class Word:
    """One word as Tesseract read it, in page pixels."""

    text: str
    confidence: float
    box: Box


@dataclass(frozen=True)
class Line:
    """A text line: its space-separated tokens left to right, each a run of words."""

    tokens: tuple[tuple[Word, ...], ...]

    @classmethod
    def of_words(cls, words: Sequence[Word]) -> Line:
        """Return the line of ``words``, split into tokens where the page shows a space.

        Tesseract's Thai model reports each letter cluster as a "word", so its word
        boundaries are not spaces. A gap wider than a share of the letter height is.
        """
        height = statistics.median(word.box.height for word in words)
        tokens = [[words[0]]]
        for before, after in itertools.pairwise(words):
            latin = _is_latin(before.text) and _is_latin(after.text)
            space = (_LATIN_SPACE if latin else _THAI_SPACE) * height
            if after.box.left - before.box.right > space:
                tokens.append([])
            tokens[-1].append(after)
        return cls(tuple(tuple(token) for token in tokens))

    @property
    def words(self) -> list[Word]:
        """Return the line's words, left to right."""
        return [word for token in self.tokens for word in token]

    @property
    def box(self) -> Box:
        """Return the box around the line's words."""
        return _union(word.box for word in self.words)

    @property
    def text(self) -> str:
        """Return the line's text, with a space only where the page shows one."""
        return " ".join("".join(word.text for word in token) for token in self.tokens)


def _is_latin(text: str) -> bool:
    return any(char.isascii() and char.isalnum() for char in text)


@dataclass(frozen=True)
class PageResult:
    """The blocks of one page in reading order, and what went wrong reading it."""

    blocks: tuple[Block, ...]
    warnings: tuple[Warning, ...]


def read_page_image(image: PILImage.Image, page: int) -> PageResult:
    """Return the paragraphs and tables of a scanned page, with OCR warnings.

    A blank page or a page of noise gives no blocks and a warning, never an error.

    Raises:
        ConversionTimeoutError: Tesseract ran past its time limit.
    """
    grey: Image = np.asarray(image.convert("L"), dtype=np.uint8)
    ink_share = float((ink_mask(grey) > 0).mean())
    if ink_share < _BLANK_INK_SHARE:
        return PageResult((), (Warning(code=BLANK_PAGE_CODE, message="blank page", page=page),))
    if ink_share > _NOISE_INK_SHARE:
        return PageResult((), (_unreadable(page, f"{ink_share:.0%} of the page is ink"),))

    level, _ = deskew(grey)
    grids, rulings = find_table_grids(level)
    # -- erase the rulings (a little wider than found) so they are not read as | or l --
    # -- a light blur evens out scanner grain, which otherwise turns Latin letters to Thai --
    clean = as_image(cv2.GaussianBlur(level, (3, 3), 0))
    clean[cv2.dilate(rulings, np.ones((5, 5), np.uint8)) > 0] = 255
    clean[_specks(clean)] = 255
    reader = _PageReader(page)

    tables: list[tuple[int, Block]] = [(grid.box.top, reader.table(clean, grid)) for grid in grids]
    body = clean.copy()
    for grid in grids:
        body[grid.box.top : grid.box.bottom, grid.box.left : grid.box.right] = 255
    paragraphs: list[tuple[int, Block]] = list(reader.paragraphs(body))
    confidences = reader.confidences
    if confidences and statistics.fmean(confidences) < _UNREADABLE_MEAN_CONFIDENCE:
        mean = statistics.fmean(confidences)
        return PageResult((), (_unreadable(page, f"mean OCR confidence {mean:.0f}"),))
    ordered = sorted([*tables, *paragraphs], key=lambda placed: placed[0])
    return PageResult(tuple(block for _, block in ordered), tuple(reader.warnings))


def text_to_paragraph(
    text: str, page: int, *, kind: ParagraphKind = ParagraphKind.PARAGRAPH
) -> Paragraph:
    """Return an OCR paragraph with a typed bullet or list number moved into ``list_label``.

    OCR gives the label as part of the text; the DOCX and PDF readers move it by the same
    rule (:func:`~ita_extract.readers.labels.split_typed_label`), so builders see one shape
    whatever the format. A labelled paragraph is a list item, as in a PDF.
    """
    label, rest = split_typed_label(text)
    if label is None:
        return Paragraph(text=text, kind=kind, page=page)
    return Paragraph(text=rest, kind=ParagraphKind.LIST_ITEM, list_label=label, page=page)


def _specks(page: Image) -> npt.NDArray[np.bool_]:
    """Return where dust on the scanner glass left dots smaller than any mark of the script.

    Tesseract reads clusters of them as words (``za ey``); Thai tone marks and full stops
    are several times larger, so they stay.
    """
    _, labels, stats, _ = cv2.connectedComponentsWithStats(ink_mask(page), connectivity=8)
    small = np.flatnonzero(stats[:, cv2.CC_STAT_AREA] < _SPECK_PIXELS)
    return np.isin(labels, small[small > 0])


def _unreadable(page: int, why: str) -> Warning:
    return Warning(code=UNREADABLE_PAGE_CODE, message=f"page image unreadable ({why})", page=page)


class _PageReader:
    """Turn Tesseract words into blocks of one page, collecting warnings as it goes."""

    def __init__(self, page: int) -> None:
        self.page = page
        self.warnings: list[Warning] = []
        self.confidences: list[float] = []

    def paragraphs(self, body: Image) -> list[tuple[int, Paragraph]]:
        """Return the paragraphs outside tables with their top pixel row, top to bottom."""
        read = _recognise(body, _COLUMN_CONFIG)
        read = _with_letters(body, read, {line: line.box for line in read})
        regions = [_grown(line.box, body) for line in read]
        second = _thai_second_opinion(body, regions, [[line] for line in read])
        read_again = [line for lines in second for line in lines]
        kept = without_mark_lines(read_again)
        height = _word_height(kept)
        lines = [self._reread_line(line, body, height) for line in kept]
        if not lines:
            return []
        text_box = _union(line.box for line in lines)
        placed: list[tuple[int, Paragraph]] = []
        for group in _lines_to_paragraphs(lines, text_box):
            kind = (
                ParagraphKind.HEADING
                if len(group) == 1 and _is_centred(group[0].box, text_box)
                else ParagraphKind.PARAGRAPH
            )
            paragraph = text_to_paragraph(self._text_of(group), self.page, kind=kind)
            placed.append((group[0].box.top, paragraph))
        return placed

    def table(self, clean: Image, grid: TableGrid) -> Table:
        """Return a ruled table with each non-empty cell recognised on its own."""
        boxes = {cell: _inset(cell.box) for cell in grid.cells}
        inked = _with_letters(
            clean, [cell for cell, box in boxes.items() if _has_ink(clean, box)], boxes
        )
        regions = [boxes[cell] for cell in inked]
        lines_by_cell = _thai_second_opinion(clean, regions, _recognise_regions(clean, regions))
        texts = {
            cell: self._reread_cell(lines, clean)
            for cell, lines in zip(inked, lines_by_cell, strict=True)
        }
        cells = []
        for grid_cell in grid.cells:
            lines = without_mark_lines(texts.get(grid_cell, []))
            box = boxes[grid_cell]
            paragraphs = tuple(
                text_to_paragraph(self._text_of(group), self.page)
                for group in _lines_to_paragraphs(lines, box)
            )
            cells.append(
                Cell(
                    row_start=grid_cell.row_start,
                    row_end=grid_cell.row_end,
                    col_start=grid_cell.col_start,
                    col_end=grid_cell.col_end,
                    paragraphs=paragraphs,
                    page=self.page,
                )
            )
        return Table(
            row_count=grid.row_count, col_count=grid.col_count, cells=tuple(cells), page=self.page
        )

    def _reread_cell(self, lines: Sequence[Line], image: Image) -> list[Line]:
        height = _word_height(lines)
        return [self._reread_line(line, image, height) for line in lines]

    def _reread_line(self, line: Line, image: Image, height: int) -> Line:
        """Return ``line`` with its bullet, dashes and numbers read from the image again."""
        marked = _with_dashes(_with_bullet(line, image, height), image, height)
        return self._reread_numbers(marked, image, height)

    def _reread_numbers(self, line: Line, image: Image, height: int) -> Line:
        """Return ``line`` with its numbers and item codes read again by the digit reader.

        Only tokens Tesseract itself read as mostly digits, or as a short run of non-Thai
        marks after Thai letters (``ข้อio`` for ``ข้อ i๑``), are read again, on their own
        pixels; where the digit reader cannot read every shape, Tesseract's text stays.
        A lone stroke or zero before a number (``| ๑๓``, ``๐ ๑๒``) is read with it: it is a
        code's ``i`` or ``O``; so is a lone ``6`` whose shape is a code's ``e`` (``6 ๑๕``).
        ``height`` is the usual height of a word box around it.
        """
        tokens: list[tuple[Word, ...]] = []
        pending: tuple[Word, ...] = ()
        detached = detach_code_letters(line.tokens)
        for index, token in enumerate(detached):
            text = _text(token)
            if not pending and (
                text in _APART or (text in _E_APART and is_code_e(detached, index, image, height))
            ):
                pending = token
                continue
            if pending and (text[:1] in DIGITS or text[:1] in "iI"):
                token = pending + token
            elif pending:
                tokens.append(pending)
            pending = ()
            tokens.extend(self._reread_token(token, image, height))
        if pending:
            tokens.append(pending)
        return Line(tuple(tokens))

    def _reread_token(
        self, token: tuple[Word, ...], image: Image, height: int
    ) -> list[tuple[Word, ...]]:
        """Return ``token`` with its numbers read again, each a token of its own.

        Tesseract glues numbers to Thai words (``ประเด็นที๕การ``, ``ได้๙๐.๙๔``); the runs of
        non-Thai words inside a token are read on their own.
        """
        text = _text(token)
        if _looks_numeric(text) or _CODE_LIKE.fullmatch(text):
            whole = self._read_run(token, image, height)
            if whole is not None:
                return [(whole,)]
        result: list[tuple[Word, ...]] = []
        piece: list[Word] = []
        for thai, run in itertools.groupby(token, key=lambda word: _has_thai_letter([word])):
            words = tuple(run)
            run_text = _text(words)
            read = (
                self._read_run(words, image, height, need_digit=True)
                if not thai
                and _has_character(run_text)
                and (_looks_numeric(run_text) or len(run_text) <= _MAX_CODE_CHARS)
                else None
            )
            if read is None:
                piece.extend(words)
                continue
            if piece:
                result.append(tuple(piece))
                piece = []
            result.append((read,))
        if piece:
            result.append(tuple(piece))
        return result

    def _read_run(
        self, words: Sequence[Word], image: Image, height: int, *, need_digit: bool = False
    ) -> Word | None:
        """Return the digit reader's word for ``words``, or None where it cannot read them.

        A short run may be an item code whose letter Tesseract took for a digit.
        """
        text = _text(words)
        box, ends = _union(word.box for word in words), _punctuation_ends(text)
        short = len(text) <= _MAX_CODE_CHARS
        reading = read_number(image, box, code=short, text_height=height, ends=ends)
        if reading is None and short:
            # -- four digits (a year) fit a code's length but no code's shape --
            reading = read_number(image, box, code=False, text_height=height, ends=ends)
        if reading is None or (need_digit and not any(char in DIGITS for char in reading.text)):
            return None
        return self._read_word(reading, text, words)

    def _read_word(self, reading: DigitReading, read: str, words: Sequence[Word]) -> Word:
        """Return the digit reader's word for ``words``, warning if it was unsure."""
        if not reading.sure:
            self.warnings.append(
                Warning(
                    code=LOW_CONFIDENCE_CODE,
                    message=f"unsure digits in {reading.text!r} (Tesseract read {read!r})",
                    page=self.page,
                )
            )
        return Word(reading.text, 100 * reading.score, _union(word.box for word in words))

    def _text_of(self, lines: Sequence[Line]) -> str:
        """Return the lines' text joined by newlines, repaired, and warn about unsure words."""
        words = [word for line in lines for word in line.words]
        self.confidences.extend(word.confidence for word in words)
        text = "\n".join(line.text for line in lines)
        unsure = [word for word in words if word.confidence < LOW_CONFIDENCE]
        if unsure:
            listed = ", ".join(f"{word.text!r} ({word.confidence:.0f})" for word in unsure)
            self.warnings.append(
                Warning(
                    code=LOW_CONFIDENCE_CODE,
                    message=f"unsure OCR of {listed} in {_excerpt(text)!r}",
                    page=self.page,
                )
            )
        return self._repair_lookalikes(text)

    def _repair_lookalikes(self, text: str) -> str:
        """Return ``text`` with every OCR repair applied, each warned of."""
        for repair in _REPAIRS:
            text, repairs = repair(text)
            self.warnings.extend(
                Warning(
                    code=OCR_REPAIRED,
                    message=f"OCR read {read!r}; taken as {fixed!r}",
                    page=self.page,
                )
                for read, fixed in repairs
            )
        return text


def repair_number_lookalikes(text: str) -> tuple[str, list[tuple[str, str]]]:
    """Return ``text`` with letters read inside numbers turned back into digits.

    Tesseract reads a digit zero as ``o``/``O`` and a one as ``l``/``I``/``|`` now and then.
    Only a token that starts with a digit and holds nothing but digits, dots and such
    letters is repaired, into the script of most of its digits: ``๑o๐`` is ``๑๐๐``, while
    ``O11`` (an item code) and ``Old`` stay. Also returns each ``(read, repaired)`` pair.
    """
    repairs: list[tuple[str, str]] = []

    def repair(match: re.Match[str]) -> str:
        token = match.group()
        fixed = "".join(_DIGIT_LOOKALIKES.get(char, char) for char in token)
        thai_digits = sum("๐" <= char <= "๙" for char in token)
        if thai_digits > sum(char.isascii() and char.isdigit() for char in token):
            fixed = fixed.translate(_THAI_DIGITS)
        repairs.append((token, fixed))
        return fixed

    return _NUMBER_WITH_LOOKALIKES.sub(repair, text), repairs


def repair_code_lookalikes(text: str) -> tuple[str, list[tuple[str, str]]]:
    """Return ``text`` with a stroke read in place of an item code's ``i`` made ``i`` again.

    Tesseract reads the ``i`` of ``ข้อ i๑`` as ``|``, ``[``, ``!`` or ``l``. Such a mark is
    taken for ``i`` only where it stands at the start of a token before one or two digits
    and the result is an item code (:func:`~ita_extract.normalize.codes.parse_item_code`);
    a bare ``1`` or ``I`` is left alone (``I1`` already reads as ``i1``). Also returns each
    ``(read, repaired)`` pair.
    """
    repairs: list[tuple[str, str]] = []

    def repair(match: re.Match[str]) -> str:
        token = match.group()
        fixed = "i" + token[1:]
        if parse_item_code(fixed) is None:
            return token
        repairs.append((token, fixed))
        return fixed

    return _CODE_WITH_LOOKALIKE.sub(repair, text), repairs


def _with_bullet(line: Line, image: Image, height: int) -> Line:
    """Return ``line`` opening with :data:`BULLET` where the image shows a square bullet there.

    Tesseract has no square in its Thai model: it reads ``■`` as a letter (``พ``, ``2``)
    glued to the first word, or drops it. A solid square of about half the letter height
    at the start of the line is a bullet; no letter of the script is that solid. The
    first word's first character is taken for the bullet's reading when the square lies
    inside the word's box.
    """
    first = line.words[0]
    reach = Box(max(0, first.box.left - height), first.box.top, first.box.right, first.box.bottom)
    square = _leading_square(image, reach, height)
    if square is None:
        return line
    bullet_word = Word(BULLET, 100.0, square)
    if square.right <= first.box.left + 1:
        return Line(((bullet_word,), *line.tokens))
    rest_text = first.text[1:]
    first_token = line.tokens[0]
    rest = Word(
        rest_text,
        first.confidence,
        Box(square.right, first.box.top, first.box.right, first.box.bottom),
    )
    opened = (rest, *first_token[1:]) if rest_text else first_token[1:]
    return Line(((bullet_word,), *((opened,) if opened else ()), *line.tokens[1:]))


def _with_dashes(line: Line, image: Image, height: int) -> Line:
    """Return ``line`` with each dash Tesseract read told apart as hyphen or en dash by length.

    Tesseract reads ``–`` as ``-``: ``ตุลาคม ๒๕๖๖ – กันยายน ๒๕๖๗`` and ``E-Service`` look
    alike to it. An en dash is half an em long, a hyphen about a quarter; the bars found in
    a token's pixels are measured against the usual word height, in the order of the
    token's dashes. Where the bars do not match the dashes one to one, the reading stands.
    """
    tokens = []
    for token in line.tokens:
        text = _text(token)
        dashes = sum(char in _DASHES for char in text)
        bars = _dash_bars(image, _union(word.box for word in token), height) if dashes else []
        if not dashes or len(bars) != dashes:
            tokens.append(token)
            continue
        kinds = iter("–" if bar >= _EN_DASH_LENGTH * height else "-" for bar in bars)
        tokens.append(tuple(_with_text(word, _redashed(word.text, kinds)) for word in token))
    return Line(tuple(tokens))


def _redashed(text: str, kinds: Iterator[str]) -> str:
    return "".join(next(kinds) if char in _DASHES else char for char in text)


def _with_text(word: Word, text: str) -> Word:
    return Word(text, word.confidence, word.box)


def _dash_bars(image: Image, box: Box, height: int) -> list[int]:
    """Return the lengths of the dash-like bars in and just around ``box``, left to right."""
    reach = _grown(Box(box.left - height // 2, box.top, box.right + height // 2, box.bottom), image)
    crop = ink_mask(image[reach.top : reach.bottom, reach.left : reach.right])
    count, _, stats, _ = cv2.connectedComponentsWithStats(crop, connectivity=8)
    bars = sorted(
        (int(stats[label, cv2.CC_STAT_LEFT]), int(stats[label, cv2.CC_STAT_WIDTH]))
        for label in range(1, count)
        if stats[label, cv2.CC_STAT_WIDTH] >= _BAR_SHAPE * stats[label, cv2.CC_STAT_HEIGHT]
        and stats[label, cv2.CC_STAT_HEIGHT] <= _BAR_THICKNESS * height
    )
    return [length for _, length in bars]


def _leading_square(image: Image, reach: Box, height: int) -> Box | None:
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
    return Box(
        reach.left + left, reach.top + top, reach.left + left + width, reach.top + top + tall
    )


def repair_open_data_codes(text: str) -> tuple[str, list[tuple[str, str]]]:
    """Return ``text`` with the ``O`` of open-data item codes that OCR read as zero put back.

    The digit reader knows digits and the code letters ``i`` and ``e``; an ``O`` comes back
    as ``0`` (``อ้างอิงจาก O25`` as ``อ้างอิงจาก025``, ``O11-O12`` as ``011-012``). No number
    is written with a leading zero, so a zero followed by one or two digits, standing apart
    from any longer number, decimal, date or time, is taken for an ``O`` where the result is
    an item code. A Thai zero stays: it is what the report wrote (``อ้างอิงจาก ๐๑๔``), as
    some reports in Thai digits write their open-data codes. Also returns each
    ``(read, repaired)`` pair.
    """
    repairs: list[tuple[str, str]] = []

    def repair(match: re.Match[str]) -> str:
        run = match.group()
        fixed = _ZERO_LED_CODE.sub(lambda code: "O" + code.group()[1:], run)
        if not all(parse_item_code(code) for code in _ZERO_LED_CODE.findall(run)):
            return run
        repairs.append((run, fixed))
        return fixed

    return _ZERO_LED_CODES.sub(repair, text), repairs


def repair_split_numbers(text: str) -> tuple[str, list[tuple[str, str]]]:
    """Return ``text`` with a year split by a space joined, and a list number's comma a dot.

    Tesseract puts a space inside a Buddhist-era year now and then (``พ.ศ. ๒ ๕๖๕``), and
    reads the full stop after a list number as a comma (``๒, การใช้งบประมาณ``); a list
    number never ends in a comma before a Thai word. Also returns each ``(read, repaired)`` pair.
    """
    repairs: list[tuple[str, str]] = []

    def repair(match: re.Match[str]) -> str:
        read = match.group()
        fixed = "".join(read.split()) if match["year"] else read.replace(",", ".")
        repairs.append((read, fixed))
        return fixed

    return _SPLIT_NUMBER.sub(repair, text), repairs


def detach_code_letters(tokens: Sequence[tuple[Word, ...]]) -> list[tuple[Word, ...]]:
    """Return ``tokens`` with a code letter Tesseract glued to the word before made a token.

    ``ข้อ i๒๐`` can come back as ``ข้อ|`` and ``๒๐``: the stroke belongs to the number. Only
    a letter right after Thai letters is one: in ``ข้อ|๑๐`` the zero ends the number.
    """
    result: list[tuple[Word, ...]] = []
    for token in tokens:
        if len(token) > 1 and token[-1].text in _APART and _has_thai_letter(token[-2:-1]):
            result.extend([token[:-1], token[-1:]])
        else:
            result.append(token)
    return result


def is_code_e(tokens: Sequence[tuple[Word, ...]], index: int, image: Image, height: int) -> bool:
    """Tell whether the lone ``6`` at ``tokens[index]``, before a number, is a code's ``e``.

    Tesseract's box for such a letter may miss its ink, so the digit reader reads what stands
    between the tokens around it (and the number's first digit, whose box Tesseract cuts).
    """
    if not 0 < index < len(tokens) - 1 or not _looks_numeric(_text(tokens[index + 1])):
        return False
    before, after = tokens[index - 1][-1].box, tokens[index + 1][0].box
    if after.left - before.right < 2:
        return False
    between = Box(before.right + 1, after.top, after.left - 1, after.bottom)
    reading = read_number(image, between, code=True, text_height=height)
    return reading is not None and reading.text.startswith("e")


def _word_height(lines: Sequence[Line]) -> int:
    """Return the usual height of the word boxes of a cell or page (0 if it has none).

    Taken over all lines, not one: a line such as ``ม . ค .`` is mostly full stops.
    """
    heights = [word.box.height for line in lines for word in line.words]
    return round(statistics.median(heights)) if heights else 0


def _text(words: Sequence[Word]) -> str:
    return "".join(word.text for word in words)


def _punctuation_ends(text: str) -> tuple[str, str]:
    """Return the bracket or punctuation Tesseract saw at each end of ``text``, if any."""
    return (text[0] if text[0] in _OPENING else "", text[-1] if text[-1] in _CLOSING else "")


def _has_thai_letter(words: Sequence[Word]) -> bool:
    return any("\u0e01" <= char <= "\u0e4e" for word in words for char in word.text)


def _has_character(text: str) -> bool:
    """Tell a run with a letter or digit from bare punctuation (``.`` of ``พ.ศ.`` is no digit)."""
    return any(char.isalnum() or char in _DIGIT_SYMBOLS for char in text)


def _looks_numeric(text: str) -> bool:
    """Tell whether Tesseract's reading of a token is mostly a number.

    A token with Latin letters is not: Tesseract reads item codes such as ``e11,e12`` well,
    and the digit reader, asked for digits only, would make their letters zeros.
    """
    digits = DIGITS + _DIGIT_SYMBOLS
    if not any(char in digits for char in text) or len(text) > _MAX_NUMBER_CHARS:
        return False
    if any(char.isascii() and char.isalpha() for char in text):
        return False
    digit_like = sum(char in digits or char in ".," for char in text)
    return digit_like >= _NUMERIC_SHARE * len(text)


def _union(boxes: Iterable[Box]) -> Box:
    listed = list(boxes)
    return Box(
        min(box.left for box in listed),
        min(box.top for box in listed),
        max(box.right for box in listed),
        max(box.bottom for box in listed),
    )


def _excerpt(text: str, limit: int = 60) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def _inset(box: Box) -> Box:
    return Box(
        box.left + _CELL_INSET,
        box.top + _CELL_INSET,
        box.right - _CELL_INSET,
        box.bottom - _CELL_INSET,
    )


_Part = TypeVar("_Part", "Line", GridCell)
"""A part of a page that may hold text: a table cell or a line outside tables."""


def _with_letters(page: Image, parts: Sequence[_Part], boxes: Mapping[_Part, Box]) -> list[_Part]:
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


def _tallest_mark(page: Image, box: Box) -> int:
    """Return the height of the tallest connected mark of ink inside ``box``."""
    crop = ink_mask(page[box.top : box.bottom, box.left : box.right])
    count, _, stats, _ = cv2.connectedComponentsWithStats(crop, connectivity=8)
    return max((int(stats[label, cv2.CC_STAT_HEIGHT]) for label in range(1, count)), default=0)


def _has_ink(page: Image, box: Box) -> bool:
    if box.width <= 0 or box.height <= 0:
        return False
    crop = page[box.top : box.bottom, box.left : box.right]
    return int((ink_mask(crop) > 0).sum()) >= _MIN_CELL_INK_PIXELS


def _thai_second_opinion(
    page: Image, regions: Sequence[Box], readings: Sequence[list[Line]]
) -> list[list[Line]]:
    """Return the readings, each replaced by a Thai-only reading where that is surer.

    With ``tha+eng`` Tesseract sometimes reads a whole Thai phrase as English (``ข้อ i๑``
    comes back as ``Vaio``). Regions whose reading holds Latin letters are read again with
    the Thai model alone, and that reading wins only if clearly surer, so a real
    ``E-Service`` or ``EIT`` keeps its English reading. A stray Latin letter standing alone
    (``U 2566`` for ``ปี 2566``) is no English at all: there a fair Thai reading wins.
    """
    doubtful = [
        index
        for index, lines in enumerate(readings)
        if any(_is_latin(word.text) for line in lines for word in line.words)
    ]
    chosen = list(readings)
    if not doubtful:
        return chosen
    rereads = _recognise_regions(page, [regions[index] for index in doubtful], THAI_ONLY)
    for index, reread in zip(doubtful, rereads, strict=True):
        mixed, thai = _mean_confidence(readings[index]), _mean_confidence(reread)
        stray = _has_stray_letter(readings[index]) and not _has_stray_letter(reread)
        if reread and (thai > mixed + _THAI_MARGIN or (stray and thai >= LOW_CONFIDENCE)):
            chosen[index] = reread
    return chosen


def _has_stray_letter(lines: Sequence[Line]) -> bool:
    """Tell whether a reading has Latin letters standing alone where Thai ones are likelier.

    A lone letter that is no item-code letter is one; so is a run of dotted letters
    (``A.A.`` for ``ต.ค.``, ``W.8.`` for ``พ.ย.``): Thai writes months, titles and units as
    such abbreviations, and in a Thai report they are far likelier than English ones.
    """
    return any(
        (len(text) == 1 and text.isascii() and text.isalpha() and text not in "ieO")
        or (_DOTTED_LETTERS.fullmatch(text) is not None and any(char.isalpha() for char in text))
        for line in lines
        for token in line.tokens
        if (text := _text(token))
    )


def _mean_confidence(lines: Sequence[Line]) -> float:
    confidences = [word.confidence for line in lines for word in line.words]
    return statistics.fmean(confidences) if confidences else 0.0


def _grown(box: Box, page: Image) -> Box:
    """Return ``box`` with a margin of white around it, clipped to the page."""
    height, width = page.shape
    return Box(
        max(0, box.left - _LINE_MARGIN),
        max(0, box.top - _LINE_MARGIN),
        min(width, box.right + _LINE_MARGIN),
        min(height, box.bottom + _LINE_MARGIN),
    )


def _recognise(
    image: Image, config: str, languages: str = LANGUAGES, *, zoom: float = 1.0
) -> list[Line]:
    """Return the text lines Tesseract finds in ``image``, top to bottom, in its pixels.

    ``zoom`` enlarges the image for Tesseract only; the boxes come back in ``image`` pixels.

    Raises:
        ConversionTimeoutError: Tesseract ran past its time limit.
    """
    if zoom != 1.0:
        image = _zoomed(image, zoom)
    data = _tesseract_data(PILImage.fromarray(image), config, languages)
    return _lines_of_pages(data, zoom, 0).get(1, [])


def _tesseract_data(
    image: PILImage.Image | str, config: str, languages: str
) -> dict[str, list[Any]]:
    """Return Tesseract's words (TSV as columns) for an image, or a file listing images.

    Raises:
        ConversionTimeoutError: Tesseract ran past its time limit.
    """
    try:
        data: dict[str, list[Any]] = pytesseract.image_to_data(
            image,
            lang=languages,
            config=config,
            output_type=pytesseract.Output.DICT,
            timeout=TESSERACT_TIMEOUT_SECONDS,
        )
    except RuntimeError as error:
        # -- pytesseract signals its timeout with a bare RuntimeError --
        raise ConversionTimeoutError(
            f"Tesseract took over {TESSERACT_TIMEOUT_SECONDS} s on one page image"
        ) from error
    return data


def _lines_of_pages(data: dict[str, list[Any]], zoom: float, padding: int) -> dict[int, list[Line]]:
    """Return Tesseract's lines per page (from 1), top to bottom, in unzoomed pixels.

    ``padding`` is the white margin each image was given before it was zoomed.
    """
    words: dict[tuple[int, int, int, int], list[Word]] = {}
    for index, text in enumerate(data["text"]):
        confidence = float(data["conf"][index])
        if confidence < 0 or not text.strip() or _is_speck(text, confidence):
            continue
        left, top = int(data["left"][index]) - padding, int(data["top"][index]) - padding
        width, height = int(data["width"][index]), int(data["height"][index])
        box = Box(
            round(left / zoom),
            round(top / zoom),
            round((left + width) / zoom),
            round((top + height) / zoom),
        )
        key = (
            int(data["page_num"][index]),
            int(data["block_num"][index]),
            int(data["par_num"][index]),
            int(data["line_num"][index]),
        )
        words.setdefault(key, []).append(Word(text.strip(), confidence, box))
    pages: dict[int, list[Line]] = {}
    for (page, *_), line_words in words.items():
        pages.setdefault(page, []).append(Line.of_words(line_words))
    for lines in pages.values():
        lines.sort(key=lambda line: (line.box.top, line.box.left))
    return pages


def _zoomed(image: Image, zoom: float) -> Image:
    return as_image(cv2.resize(image, None, fx=zoom, fy=zoom, interpolation=cv2.INTER_CUBIC))


def _is_speck(text: str, confidence: float) -> bool:
    """Tell a scanner speck or a ruling's stub read as punctuation from a real word."""
    return confidence < _SPECK_CONFIDENCE and not any(char.isalnum() for char in text)


def _recognise_regions(
    page: Image, boxes: Sequence[Box], languages: str = LANGUAGES
) -> list[list[Line]]:
    """Return the text lines of each box of ``page``, in page pixels.

    Each box is read on its own, as a page of one Tesseract run over a list of images:
    starting Tesseract and loading the Thai model costs about 0.3 s, which a run per cell
    would pay a hundred times a page. Cells whose reading is in doubt are read once more as
    uniform blocks, and the surer reading stays.
    """
    result = _read_cells(page, boxes, languages, _COLUMN_CONFIG)
    doubtful = [index for index, lines in enumerate(result) if _doubtful(lines)]
    rereads = _read_cells(page, [boxes[index] for index in doubtful], languages, _BLOCK_CONFIG)
    for index, reread in zip(doubtful, rereads, strict=True):
        first = result[index]
        # -- a line of stray tone marks makes one line too many; fewer lines, if surer, win --
        if not first or (
            0 < len(reread) < len(first) and _mean_confidence(reread) > _mean_confidence(first)
        ):
            result[index] = reread
    return result


def _doubtful(lines: Sequence[Line]) -> bool:
    """Tell whether a cell's reading is empty or has a line Tesseract was unsure of.

    Read as one column, a cell may lose a lone short word (a row number in a narrow cell) as
    noise, or read the tone marks of a bold line as a line of their own (``a ow da`` over
    ``รายละเอยดตวชวด``); read as a block, such cells come out right.
    """
    return not lines or any(_mean_confidence([line]) < LOW_CONFIDENCE for line in lines)


def _read_cells(page: Image, boxes: Sequence[Box], languages: str, config: str) -> list[list[Line]]:
    """Return the lines of each box, read as the pages of one Tesseract run."""
    if not boxes:
        return []
    with tempfile.TemporaryDirectory(prefix="ita-extract-ocr-") as folder:
        names = []
        for index, box in enumerate(boxes):
            crop = _whitened(page[box.top : box.bottom, box.left : box.right])
            pad = _CELL_PADDING
            padded = cv2.copyMakeBorder(
                _zoomed(crop, _CELL_ZOOM), pad, pad, pad, pad, cv2.BORDER_CONSTANT, value=255
            )
            name = os.path.join(folder, f"cell-{index:04d}.png")
            cv2.imwrite(name, padded)
            names.append(name)
        listing = os.path.join(folder, "cells.txt")
        with open(listing, "w", encoding="utf-8") as file:
            file.write("\n".join(names) + "\n")
        pages = _lines_of_pages(
            _tesseract_data(listing, config, languages), _CELL_ZOOM, _CELL_PADDING
        )
    return [
        [_moved_line(line, box.left, box.top) for line in pages.get(index + 1, [])]
        for index, box in enumerate(boxes)
    ]


def _whitened(crop: Image) -> Image:
    """Return ``crop`` with its paper made white.

    Header cells are often shaded; Tesseract's layout analysis takes a grey box for a
    picture and skips the text in it.
    """
    paper = float(np.percentile(crop, _PAPER_PERCENTILE))
    if paper >= _WHITE:
        return crop
    return as_image(np.clip(crop.astype(np.float32) * (255.0 / max(paper, 1.0)), 0, 255))


def _moved_line(line: Line, right: int, down: int) -> Line:
    return Line(tuple(tuple(_moved(word, right, down) for word in token) for token in line.tokens))


def _moved(word: Word, right: int, down: int) -> Word:
    box = word.box
    return Word(
        word.text,
        word.confidence,
        Box(box.left + right, box.top + down, box.right + right, box.bottom + down),
    )


def without_mark_lines(lines: Sequence[Line]) -> list[Line]:
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


def _at(lines: Sequence[Line], index: int) -> Line | None:
    return lines[index] if 0 <= index < len(lines) else None


def _is_mark_row(line: Line, text_line: Line | None, above: bool) -> bool:
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


def _is_sure_thai(line: Line) -> bool:
    """Tell a line read surely as Thai words or numbers: no row of stray tone marks is.

    Such a row comes back as letters too (``ขยฉณ`` over a bold ``ผรบผดชอบ``), but no
    dictionary makes words of them.
    """
    if _mean_confidence([line]) < LOW_CONFIDENCE:
        return False
    text = line.text
    if not any(_THAI_CONSONANT.match(char) for char in text):
        return any(char in DIGITS for char in text)
    return dictionary_share(text) >= _WORD_SHARE


def _lines_to_paragraphs(lines: Iterable[Line], text_box: Box) -> list[list[Line]]:
    """Group lines into paragraphs: a wide vertical gap, or a line that ends short, ends one.

    Word fills every line of a paragraph to the right margin except the last, so a short line
    marks a paragraph's end even where paragraphs have no space between them. A gap is wide
    when it is well over the usual gap between lines on the page (paragraph spacing, or the
    space before a heading), and in any case over a share of the line height.
    """
    paragraphs: list[list[Line]] = []
    ordered = list(lines)
    if not ordered:
        return paragraphs
    line_height = statistics.median(line.box.height for line in ordered)
    gaps = [after.box.top - before.box.bottom for before, after in itertools.pairwise(ordered)]
    usual = statistics.median(gaps) if gaps else 0.0
    wide = min(_PARAGRAPH_GAP * line_height, max(2 * usual, 0.0) + _GAP_SLACK * line_height)
    for line in ordered:
        previous = paragraphs[-1][-1] if paragraphs else None
        if (
            previous is None
            or line.box.top - previous.box.bottom > wide
            or _opens_with_label(line)
            or text_box.right - previous.box.right > _first_word_width(line)
        ):
            paragraphs.append([line])
        else:
            paragraphs[-1].append(line)
    return paragraphs


def _opens_with_label(line: Line) -> bool:
    """Tell whether ``line`` starts with a bullet or a list number: it opens a paragraph."""
    return split_typed_label(line.text)[0] is not None


def _first_word_width(line: Line) -> float:
    """Return about how wide the first word of ``line`` is, in pixels.

    Word fills a line as long as the next word fits; a line that ends with room for the
    next line's first word to spare was the end of a paragraph. Thai is written without
    spaces, so the word is found by the dictionary and its width is its share of the line's
    letters (marks above and below take no width).
    """
    text = line.text
    first = first_word(text)
    return line.box.width * spacing_length(first) / max(1, spacing_length(text))


def _is_centred(line: Box, text_box: Box) -> bool:
    left_margin = line.left - text_box.left
    right_margin = text_box.right - line.right
    return (
        line.width < 0.8 * text_box.width
        and abs(left_margin - right_margin) < _CENTRED_TOLERANCE * text_box.width
    )


_REPAIRS: tuple[Callable[[str], tuple[str, list[tuple[str, str]]]], ...] = (
    repair_number_lookalikes,
    repair_code_lookalikes,
    repair_open_data_codes,
    repair_split_numbers,
    restore_lost_marks,
    restore_month_abbreviations,
)
"""The text repairs for what OCR misreads, in the order they apply, each returning its pairs."""
