"""ITA item codes as reports write them, and as the contract writes them.

Reports mix scripts and prefixes freely: ``ข้อ i๑``, ``I1``, ``e๑๓``, ``O.11``, ``OIT 11``, and
OIT codes typed with a zero for the letter O (``๐๑๑``, ``011``, ``๐๘``). The contract has one
form: ``i<n>``, ``e<n>``, ``O<n>``. References inside recommendations (``อ้างอิงจาก ๐๓๙ - ๐๔๑``)
also name sub-indicators (``9.1``).

Every pattern here runs on text whose Thai digits were made Arabic by
:func:`~ita_extract.normalize.thai.thai_to_arabic_digits`, which keeps offsets, so a match
slices the original text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from ita_extract.normalize.thai import thai_to_arabic_digits
from ita_extract.report import Tool
from ita_extract.vocabulary import Phrases, load_vocabulary

_LETTER_OF_TOOL = {Tool.IIT: "i", Tool.EIT: "e", Tool.OIT: "O"}
_TOOL_OF_LETTER = {letter: tool for tool, letter in _LETTER_OF_TOOL.items()}

_MAX_RANGE_LENGTH = 60
"""A reference range longer than this (``O1 - O99``) is a typo, not a list of items."""

# A code: a tool letter (optionally the whole tool name: ``OIT 11``) with optional dot or
# spaces before the number, or a zero for the letter O, which also reads as zero-padding
# (``011``, ``08``, ``008``). The number must end there: ``i1.5`` and ``0112`` are not codes,
# nor are dates and times (``01/10``, ``08.30``) or telephone numbers (``045-612345``).
_CODE = (
    r"(?<![A-Za-z0-9./:])"
    r"(?:(?P<letter>[ieo])(?:it)?[ \t]*+\.?[ \t]*+(?P<number>[1-9][0-9]?)"
    r"|0{1,2}(?P<o_number>[1-9][0-9]?))"
    r"(?![0-9]|\.[0-9]|[/:][0-9]|-[0-9]{4})"
)
_CODE_PATTERN = re.compile(_CODE, re.IGNORECASE)


def _anonymous(pattern: str) -> str:
    """Return ``pattern`` without group names, so it can repeat inside a larger pattern."""
    return re.sub(r"\(\?P<\w+>", "(?:", pattern)


_ANY_CODE = _anonymous(_CODE)
_PREFIX = r"(?:ข้อที่|ข้อ)?[ \t]*+"
_BARE_NUMBER = re.compile(rf"[ \t]*+{_PREFIX}(?P<number>[1-9][0-9]?)[ \t.]*")
_RANGE_DASH = r"[-–—]|ถึง"
_LIST_SEPARATOR = rf"(?:[ \t]*+(?:,|และ|/|&|{_RANGE_DASH}))*[ \t]*+"
_CODE_LIST = rf"{_PREFIX}{_ANY_CODE}(?:{_LIST_SEPARATOR}{_PREFIX}{_ANY_CODE})*"
# Leading codes are bare or wrapped whole in one pair of brackets (``(e6)``, ``[O11]``). Bare
# codes followed by ``)`` close a reference wrapped from the line above (``… (อ้างอิงจาก`` /
# ``๐๓๑ - ๐๓๓)``), so they are no leading codes; the list is atomic so that a shorter list
# (``๐๓๑`` with `` - `` as its separator) cannot pass instead.
_LEADING_CODES = re.compile(
    rf"[ \t]*+(?:\([ \t]*+{_CODE_LIST}[ \t]*+\)|\[[ \t]*+{_CODE_LIST}[ \t]*+\]"
    rf"|(?>{_CODE_LIST})(?![ \t]*+\)))"
    r"[ \t]*+[:.\-–]?[ \t]*+",
    re.IGNORECASE,
)

_SUB_INDICATOR = r"(?<![0-9.])(?P<major>[1-9][0-9]?)\.(?P<minor>[1-9][0-9]?)(?![0-9]|\.[0-9])"
_REFERENCE_ATOM = re.compile(rf"{_SUB_INDICATOR}|{_CODE}", re.IGNORECASE)
_ANY_REFERENCE = rf"(?:ตัวชี้วัด(?:ที่)?)?[ \t]*+{_PREFIX}(?:{_anonymous(_SUB_INDICATOR)}|{_ANY_CODE})"


def _marker_pattern(markers: Iterable[str]) -> str:
    """Return a pattern for any reference marker; a space in a marker may or may not be typed."""
    longest_first = sorted(markers, key=len, reverse=True)
    return "|".join(r"[ \t]*+".join(map(re.escape, marker.split())) for marker in longest_first)


_REFERENCE_MARKER = _marker_pattern(load_vocabulary().words(Phrases.REMARKS_REFERENCE_MARKERS))
_REFERENCE_GROUP = re.compile(
    rf"(?:{_REFERENCE_MARKER})[ \t]*+{_ANY_REFERENCE}"
    rf"(?:{_LIST_SEPARATOR}{_ANY_REFERENCE})*",
    re.IGNORECASE,
)
_RANGE_BETWEEN = re.compile(rf"[ \t]*+(?:{_RANGE_DASH})[ \t]*+{_PREFIX}", re.IGNORECASE)


def tool_of_code(code: str) -> Tool:
    """Return the tool an item code belongs to, from its letter (``'i1'`` → IIT).

    Raises:
        ValueError: ``code`` is not in the contract's form (``i<n>``, ``e<n>``, ``O<n>``).
    """
    tool = _TOOL_OF_LETTER.get(code[:1])
    if tool is None or not code[1:].isdigit():
        raise ValueError(f"not an item code: {code!r}")
    return tool


def _code_of_match(match: re.Match[str]) -> str:
    """Return the contract form of a :data:`_CODE` match."""
    if match["o_number"]:
        return f"O{match['o_number']}"
    letter = match["letter"].lower()
    return f"{'O' if letter == 'o' else letter}{match['number']}"


def parse_item_code(text: str, *, tool: Tool | None = None) -> str | None:
    """Return the item code ``text`` names, in contract form, or None if it names none.

    Every form reports use is read: ``'ข้อ i๑'`` → ``'i1'``, ``'O.11'``/``'OIT 11'``/``'๐๑๑'``
    → ``'O11'``. A bare number (``'๕'``, ``'ข้อ 5'``) is a code only when the caller knows the
    ``tool`` (the row's tool column); without it a number is not a code.
    """
    digits = thai_to_arabic_digits(text)
    match = _CODE_PATTERN.search(digits)
    if match:
        return _code_of_match(match)
    bare = _BARE_NUMBER.fullmatch(digits)
    if tool is not None and bare:
        return f"{_LETTER_OF_TOOL[tool]}{bare['number']}"
    return None


def _unique(values: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(values))


def find_item_codes(text: str) -> list[str]:
    """Return every item code in ``text``, in document order, each once."""
    digits = thai_to_arabic_digits(text)
    return _unique(_code_of_match(match) for match in _CODE_PATTERN.finditer(digits))


def split_leading_codes(text: str) -> tuple[list[str], str]:
    """Split the item codes a recommendation starts with from its text.

    ``'e๖ หน่วยงานควร…'`` → ``(['e6'], 'หน่วยงานควร…')``; ``'i15, i24 หน่วยงานควร…'`` →
    ``(['i15', 'i24'], …)``; a range is expanded (``'i1 - i3'``); codes wrapped in brackets
    (``'(e6) …'``, ``'[O๑๑] …'``) are read too. A sentence number
    (``'2. จัดทำ…'``) or a year is not a code, so text without a leading code comes back
    whole: ``([], text)``; so does the end of a reference wrapped from the line above
    (``'๐๓๑ - ๐๓๓)'``), whose codes are followed by ``)``.
    """
    digits = thai_to_arabic_digits(text)
    match = _LEADING_CODES.match(digits)
    if match is None:
        return [], text
    return _unique(_listed_references(match[0])), text[match.end() :]


def _between(first: re.Match[str], last: re.Match[str]) -> Iterator[str]:
    """Yield the references strictly between ``first`` and ``last`` when they form a range."""
    if first["major"] and last["major"]:
        if first["major"] == last["major"]:
            low, high = int(first["minor"]), int(last["minor"])
            if 0 < high - low <= _MAX_RANGE_LENGTH:
                yield from (f"{first['major']}.{minor}" for minor in range(low + 1, high))
        return
    if first["major"] or last["major"]:
        return
    start, end = _code_of_match(first), _code_of_match(last)
    if start[0] == end[0]:
        low, high = int(start[1:]), int(end[1:])
        if 0 < high - low <= _MAX_RANGE_LENGTH:
            yield from (f"{start[0]}{number}" for number in range(low + 1, high))


def _reference_of_match(match: re.Match[str]) -> str:
    if match["major"]:
        return f"{match['major']}.{match['minor']}"
    return _code_of_match(match)


def _listed_references(listing: str) -> Iterator[str]:
    """Yield the codes and sub-indicators ``listing`` names, expanding ranges (``O39 - O41``)."""
    atoms = list(_REFERENCE_ATOM.finditer(listing))
    for index, atom in enumerate(atoms):
        if index and _RANGE_BETWEEN.fullmatch(listing[atoms[index - 1].end() : atom.start()]):
            yield from _between(atoms[index - 1], atom)
        yield _reference_of_match(atom)


def parse_references(text: str) -> list[str]:
    """Return what the ``อ้างอิงจาก …`` groups in ``text`` cite, in document order, each once.

    ``'(อ้างอิงจาก ๐๑๓)'`` → ``['O13']``; ranges are expanded (``'๐๓๙ - ๐๔๑'`` → O39, O40,
    O41); sub-indicators stay numbers (``'ตัวชี้วัด ๙.๑, ๙.๒'`` → ``['9.1', '9.2']``).
    """
    digits = thai_to_arabic_digits(text)
    return _unique(
        reference
        for group in _REFERENCE_GROUP.finditer(digits)
        for reference in _listed_references(group[0])
    )
