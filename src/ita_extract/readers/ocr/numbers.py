"""Which tokens the digit reader reads again, and how its readings replace Tesseract's.

Tesseract's Thai model misreads Thai digits and glues numbers to words; :mod:`.digits` reads
digit shapes well. This module picks the tokens that are numbers or item codes, joins a code
letter Tesseract set apart, and puts the digit reader's reading in their place.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from ita_extract.readers.ocr.digits import DIGITS, DigitReading, read_number
from ita_extract.readers.ocr.grid import Image, PixelBox
from ita_extract.readers.ocr.tesseract import (
    OcrLine,
    Word,
    box_around,
    text_of,
)
from ita_extract.shared import Warning
from ita_extract.warning_codes import WarningCode

_MAX_NUMBER_CHARS = 12
_MAX_CODE_CHARS = 4
_CODE_LIKE = re.compile(r"[ieEIl|\[!][0-9๐-๙ilo|]{1,3}")
"""How Tesseract writes short item codes it misread: ``el`` for ``e1``, ``io`` for ``i๑``."""
_APART = frozenset("|[!lI๐0Oo")
"""What Tesseract makes of a code's ``i`` (or ``O``) standing apart from its digits."""
_E_APART = frozenset("6๖")
"""What Tesseract makes of a code's ``e`` standing apart: the digit reader tells them apart."""
_OPENING = "(["
_CLOSING = ")],;:"
_NUMERIC_SHARE = 0.5
"""A token Tesseract read with at least this share of Thai digits and dots is a number."""
_DIGIT_SYMBOLS = "©"
"""What Tesseract reads for a Thai digit (``๑`` as ``©``): such a token goes to the digit reader."""


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
    if not 0 < index < len(tokens) - 1 or not _looks_numeric(text_of(tokens[index + 1])):
        return False
    before, after = tokens[index - 1][-1].box, tokens[index + 1][0].box
    if after.left - before.right < 2:
        return False
    between = PixelBox(before.right + 1, after.top, after.left - 1, after.bottom)
    reading = read_number(image, between, code=True, text_height=height)
    return reading is not None and reading.text.startswith("e")


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


@dataclass
class NumberReader:
    """Read a line's numbers and item codes again with the digit reader, noting unsure ones.

    ``warnings`` collects an ``ocr.low_confidence`` warning for each reading the digit reader
    was unsure of, on ``page``.
    """

    page: int
    warnings: list[Warning] = field(default_factory=list)

    def reread(self, line: OcrLine, image: Image, height: int) -> OcrLine:
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
            text = text_of(token)
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
        return OcrLine(tuple(tokens))

    def _reread_token(
        self, token: tuple[Word, ...], image: Image, height: int
    ) -> list[tuple[Word, ...]]:
        """Return ``token`` with its numbers read again, each a token of its own.

        Tesseract glues numbers to Thai words (``ประเด็นที๕การ``, ``ได้๙๐.๙๔``); the runs of
        non-Thai words inside a token are read on their own.
        """
        text = text_of(token)
        if _looks_numeric(text) or _CODE_LIKE.fullmatch(text):
            whole = self._read_run(token, image, height)
            if whole is not None:
                return [(whole,)]
        result: list[tuple[Word, ...]] = []
        piece: list[Word] = []
        for thai, run in itertools.groupby(token, key=lambda word: _has_thai_letter([word])):
            words = tuple(run)
            run_text = text_of(words)
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
        text = text_of(words)
        box, ends = box_around(word.box for word in words), _punctuation_ends(text)
        # -- a range's second code comes as a token of its own after the hyphen (``-O29)``) --
        short = len(text.strip(_OPENING + _CLOSING + "-")) <= _MAX_CODE_CHARS
        stops = sum(char in ".," for char in text.strip(_OPENING + _CLOSING))
        reading = read_number(image, box, code=short, text_height=height, ends=ends, stops=stops)
        if reading is None and short:
            # -- four digits (a year) fit a code's length but no code's shape --
            reading = read_number(
                image, box, code=False, text_height=height, ends=ends, stops=stops
            )
        if reading is None or (need_digit and not any(char in DIGITS for char in reading.text)):
            return None
        return self._read_word(reading, text, words)

    def _read_word(self, reading: DigitReading, read: str, words: Sequence[Word]) -> Word:
        """Return the digit reader's word for ``words``, warning if it was unsure."""
        if not reading.sure:
            self.warnings.append(
                Warning(
                    code=WarningCode.OCR_LOW_CONFIDENCE,
                    message=f"unsure digits in {reading.text!r} (Tesseract read {read!r})",
                    page=self.page,
                )
            )
        return Word(reading.text, 100 * reading.score, box_around(word.box for word in words))
