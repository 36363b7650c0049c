"""Numbers as values: a score or a count is read from the whole cell, or the whole phrase.

:func:`~ita_extract.normalize.thai.parse_number` finds the first number in a text, which is
right for telling a list number or a header row, and wrong for a value: ``7 9.62`` would be 7.
Values of the report are read here instead, whole, with the mistypings that have one reading
repaired and named, so builders can warn of them; anything else is no value at all.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ita_extract.normalize.thai import strip_form_dots, thai_to_arabic_digits

_WHOLE_NUMBER = re.compile(r"[-−+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?")
_DECIMAL_COMMA = re.compile(r"\A([-−+]?\d{1,3}),(\d{1,2})\Z")
"""A comma with one or two digits after it is a decimal comma: thousands take three."""
_DIGITS_AND_OS = re.compile(r"[-−+]?(?=[^\d]*\d)[\dOo.,\s]+")
"""A cell of digits with the letter O among them (no other letter): the Os are zeros."""
_SPLIT_NUMBER = re.compile(r"[\d.]+(?: +[\d.]+)+")
_NOTHING_STATED = frozenset({"", "-", "–", "—", "−", "N/A", "n/a"})
"""What an empty score cell holds: the document states no value, which is no error."""
_STATED_UNITS = ("%",)


def _zeros_for_os(text: str) -> str:
    if not _DIGITS_AND_OS.fullmatch(text):
        return text
    return text.replace("O", "0").replace("o", "0")


def _decimal_point(text: str) -> str:
    return _DECIMAL_COMMA.sub(r"\1.\2", text)


_NUMBER_REPAIRS = (("O read for 0", _zeros_for_os), ("decimal comma", _decimal_point))
"""Mistypings with one reading, repaired in this order (``9O,5`` is 90.5)."""


@dataclass(frozen=True, slots=True)
class NumberReading:
    """What a cell, or a phrase, that should be one number says.

    ``value`` is set only when the whole text is that number after normalisation (Thai digits,
    a unit after it, brackets around it) and, where the text was mistyped, after repairs that
    leave one reading (``repairs`` names them). Text that looks like a number but is none, or
    lies out of range, is ``unreadable``: never a value taken from part of it.
    """

    text: str
    value: float | None = None
    repairs: tuple[str, ...] = ()
    unreadable: bool = False


def read_stated_number(
    text: str,
    *,
    low: float | None = None,
    high: float | None = None,
    integer: bool = False,
    units: Sequence[str] = (),
) -> NumberReading:
    """Return the number that the whole of ``text`` is, or why it is none.

    Repairs, each named in the reading: spaces that justification or a scan put inside a
    number (``7 9.62`` → 79.62; only where one decimal point leaves one reading), a decimal
    comma (``88,45`` → 88.45: one or two digits after it, where thousands take three), and
    the letter O read or typed for a zero (``9O.10`` → 90.10). Two numbers (``88.75 88.60``),
    a letter inside (``8x.91``), a fraction where ``integer`` is asked, or a value outside
    ``low``–``high`` make it unreadable. Empty text or a dash states no number at all.
    ``units`` may follow the number (``คะแนน``); brackets may enclose it.
    """
    written = " ".join(text.split())
    core = strip_form_dots(thai_to_arabic_digits(written)).strip()
    if core.startswith("(") and core.endswith(")"):
        core = core[1:-1].strip()
    for unit in (*units, *_STATED_UNITS):
        if unit and core.endswith(unit):
            core = core[: -len(unit)].strip()
    if integer and core.endswith("."):
        core = core[:-1]
    if core in _NOTHING_STATED:
        return NumberReading(written)
    repairs: list[str] = []
    if not _WHOLE_NUMBER.fullmatch(core):
        for name, repair in _NUMBER_REPAIRS:
            repaired = repair(core)
            if repaired != core:
                repairs.append(name)
                core = repaired
        if _SPLIT_NUMBER.fullmatch(core) and core.count(".") == 1:
            pieces = core.split()
            if sum("." in piece for piece in pieces) == 1 and not pieces[-1].endswith("."):
                repairs.append("spaces inside the number")
                core = "".join(pieces)
    if not _WHOLE_NUMBER.fullmatch(core):
        return NumberReading(written, unreadable=True)
    value = float(core.replace(",", "").replace("−", "-"))
    out_of_range = (low is not None and value < low) or (high is not None and value > high)
    if out_of_range or (integer and not value.is_integer()):
        return NumberReading(written, unreadable=True)
    return NumberReading(written, value, tuple(repairs))


def read_stated_score(text: str, *, units: Sequence[str] = ()) -> NumberReading:
    """Return the score 0–100 that the whole of ``text`` is (see :func:`read_stated_number`)."""
    return read_stated_number(text, low=0, high=100, units=units)


_NUMBER_HEAD = re.compile(r"\(?((?:[0-9๐-๙]|\.[0-9๐-๙])[0-9๐-๙A-Za-z.,]*)")
_WORD = re.compile(r"\S+")


@dataclass(frozen=True, slots=True)
class NumberPhrase:
    """Words of prose that open with a digit, side by side: what a sentence states as one number."""

    start: int
    end: int
    text: str


def find_number_phrases(text: str) -> list[NumberPhrase]:
    """Return the number phrases of ``text`` in order, for :func:`read_stated_number` to read whole.

    A phrase is a run of words that each open with a digit (``7 9.62``, ``88.75 88.60``,
    ``8x.91``); Thai glued after a number (``95.51คะแนน``) or a closing bracket or comma ends it.
    Reading the whole phrase, not its first number, is what keeps ``7 9.62`` from being 7.
    """
    phrases: list[NumberPhrase] = []
    open_phrase: NumberPhrase | None = None
    for word in _WORD.finditer(text):
        head = _NUMBER_HEAD.match(word[0])
        if head is None:
            open_phrase = None
            continue
        number = head[1].rstrip(".,")
        start = word.start() + head.start(1)
        end = start + len(number)
        if open_phrase is not None:
            open_phrase = NumberPhrase(open_phrase.start, end, text[open_phrase.start : end])
            phrases[-1] = open_phrase
        else:
            open_phrase = NumberPhrase(start, end, number)
            phrases.append(open_phrase)
        if end < word.end():
            open_phrase = None
    return phrases
