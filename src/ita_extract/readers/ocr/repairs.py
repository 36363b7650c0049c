"""Text repairs for what OCR misreads, each returning the ``(read, repaired)`` pairs it made.

Digits and code letters that look alike, a space inside a year, a comma after a list number,
and (from :mod:`.thai_marks`) Thai marks lost or misread. They run on OCR text only, page by
page, so a text layer is never rewritten; every repair becomes an ``ocr.repaired`` warning.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from ita_extract.normalize.codes import parse_item_code
from ita_extract.normalize.thai import repair_glyphs
from ita_extract.readers.ocr.thai_marks import (
    restore_apostrophe_marks,
    restore_lost_marks,
    restore_month_abbreviations,
    restore_phrase_marks,
)
from ita_extract.shared import Warning
from ita_extract.warning_codes import WarningCode

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


_REPAIRS: tuple[Callable[[str], tuple[str, list[tuple[str, str]]]], ...] = (
    repair_number_lookalikes,
    repair_code_lookalikes,
    repair_open_data_codes,
    repair_split_numbers,
    restore_apostrophe_marks,
    restore_lost_marks,
    restore_month_abbreviations,
)
"""The text repairs for what OCR misreads, in the order they apply, each returning its pairs."""


def repair_text(text: str) -> tuple[str, list[tuple[str, str]]]:
    """Return OCR ``text`` with every repair of :data:`_REPAIRS` applied, and the pairs made.

    Tesseract writes ``ำ`` as ``ํา`` now and then; it is composed first (as every reader's
    text is, later), so that the dictionary knows the words it stands in (``ตําปล`` is ``ตำบล``
    with a lookalike: both have to be undone).
    """
    text = repair_glyphs(text)
    pairs: list[tuple[str, str]] = []
    for repair in _REPAIRS:
        text, made = repair(text)
        pairs.extend(made)
    return text, pairs


def restore_phrases(text: str, phrases: Sequence[str]) -> tuple[str, list[tuple[str, str]]]:
    """Return OCR ``text`` with the tone marks OCR lost in known ``phrases`` put back.

    The Thai dictionary fixes the words it can tell apart (:func:`repair_text`); phrases every
    report uses (``คะแนนที่ได้``) fix the rest. Where nothing was restored, ``text`` comes back
    as it was.
    """
    restored, pairs = restore_phrase_marks(repair_glyphs(text), phrases)
    return (restored, pairs) if pairs else (text, [])


def repair_warning(read: str, repaired: str, page: int) -> Warning:
    """Return the ``ocr.repaired`` warning for one repair, quoting both readings."""
    return Warning(
        code=WarningCode.OCR_REPAIRED,
        message=f"OCR read {read!r}; taken as {repaired!r}",
        page=page,
    )
