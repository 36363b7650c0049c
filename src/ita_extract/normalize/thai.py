"""Thai text rules: digits, numbers, years, glyph repair, word segmentation, line joining, cleaning.

This is the one module that knows how Thai is written. Everything that reads text out of a
report (readers, recognisers, record builders) goes through these functions, so a rule fixed
here is fixed everywhere. PyThaiNLP does the linguistic work (digit conversion, mark order,
word segmentation); this module decides when to apply it.
"""

from __future__ import annotations

import dataclasses
import html
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate

from icu4py.breakers import LineBreaker
from pythainlp.tokenize import word_tokenize
from pythainlp.util import (
    remove_repeat_vowels,
    remove_spaces_before_marks,
    thai_digit_to_arabic_digit,
)

from ita_extract.report import Warning
from ita_extract.warning_codes import WarningCode

BE_CE_OFFSET = 543
"""Buddhist Era year = Common Era year + 543."""
BE_YEAR_RANGE = range(2500, 2701)
"""BE years a report can mention (CE 1957–2157); other four-digit numbers are not years."""

# Thai fonts shape stacked marks by swapping in Private Use Area glyphs: tone marks and upper
# vowels shifted down or left, consonants without their descender. A PDF whose font has no
# ToUnicode entry for them leaks the PUA code points into the text layer. The code points are
# the Windows (U+F700–U+F71A) and Mac (U+F884–U+F89E) sets HarfBuzz's Thai shaper emits.
_SHIFTED_GLYPHS = (
    # (character, Windows PUA, Mac PUA)
    ("\u0e48", 0xF70A, 0xF88B),  # MAI EK, shifted down
    ("\u0e49", 0xF70B, 0xF88E),  # MAI THO, shifted down
    ("\u0e4a", 0xF70C, 0xF891),  # MAI TRI, shifted down
    ("\u0e4b", 0xF70D, 0xF894),  # MAI CHATTAWA, shifted down
    ("\u0e4c", 0xF70E, 0xF897),  # THANTHAKHAT, shifted down
    ("\u0e38", 0xF718, 0xF89B),  # SARA U, shifted down
    ("\u0e39", 0xF719, 0xF89C),  # SARA UU, shifted down
    ("\u0e3a", 0xF71A, 0xF89D),  # PHINTHU, shifted down
    ("\u0e48", 0xF705, 0xF88C),  # MAI EK, shifted down-left
    ("\u0e49", 0xF706, 0xF88F),  # MAI THO, shifted down-left
    ("\u0e4a", 0xF707, 0xF892),  # MAI TRI, shifted down-left
    ("\u0e4b", 0xF708, 0xF895),  # MAI CHATTAWA, shifted down-left
    ("\u0e4c", 0xF709, 0xF898),  # THANTHAKHAT, shifted down-left
    ("\u0e48", 0xF713, 0xF88A),  # MAI EK, shifted left
    ("\u0e49", 0xF714, 0xF88D),  # MAI THO, shifted left
    ("\u0e4a", 0xF715, 0xF890),  # MAI TRI, shifted left
    ("\u0e4b", 0xF716, 0xF893),  # MAI CHATTAWA, shifted left
    ("\u0e4c", 0xF717, 0xF896),  # THANTHAKHAT, shifted left
    ("\u0e31", 0xF710, 0xF884),  # MAI HAN-AKAT, shifted left
    ("\u0e34", 0xF701, 0xF885),  # SARA I, shifted left
    ("\u0e35", 0xF702, 0xF886),  # SARA II, shifted left
    ("\u0e36", 0xF703, 0xF887),  # SARA UE, shifted left
    ("\u0e37", 0xF704, 0xF888),  # SARA UEE, shifted left
    ("\u0e47", 0xF712, 0xF889),  # MAITAIKHU, shifted left
    ("\u0e4d", 0xF711, 0xF899),  # NIKHAHIT, shifted left
    ("\u0e0d", 0xF70F, 0xF89A),  # YO YING without descender
    ("\u0e10", 0xF700, 0xF89E),  # THO THAN without descender
)
_PUA_TO_THAI = {pua: char for char, *puas in _SHIFTED_GLYPHS for pua in puas}
# pythainlp.util.remove_zw knows only ZWSP and ZWNJ; Word and PDF exports add the rest.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))
_GLYPH_TABLE = str.maketrans({**_PUA_TO_THAI, **_INVISIBLE})
_REPAIR_CACHE_SIZE = 8192
"""Texts whose repair and match key are remembered (a report has a few hundred)."""
_PUA_GLYPH = re.compile("[" + "".join(map(chr, _PUA_TO_THAI)) + "]")

_THAI_LETTER = "\u0e01-\u0e2e\u0e30-\u0e3a\u0e40-\u0e45\u0e47-\u0e4e"
"""Thai consonants, vowels and marks; not digits, ฯ (U+0E2F) or ๆ (U+0E46), which end phrases."""
THAI_RUN = re.compile(f"[{_THAI_LETTER}]+")
"""A run of Thai letters: where words are looked for."""

_NUMBER = re.compile(
    r"(?<![A-Za-z0-9.])(?P<sign>[-−])?(?P<digits>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
)
_BE_YEAR = re.compile(r"(?<!\d)(2[5-7]\d\d)(?!\d)")

_MARKUP_BREAK = re.compile(r"<\s*(?:br|/p|/div|/li|/tr)\b[^<>]*>", re.IGNORECASE)
_MARKUP_TAG = re.compile(r"<\s*/?\s*[A-Za-z][^<>]*>")
# The lookbehind starts a match only at the head of a run of spaces (linear, not quadratic).
_FORM_BLANK = re.compile(r"(?<![ \t])[ \t]*+(?:\.(?:[ \t]?\.){2,}|…+|_{3,})[ \t]*+")
_HORIZONTAL_SPACE = re.compile(r"[^\S\n]+")
_SPLIT_NUMBER = re.compile(r"(?<![\d.,])(?=(\d{1,3})[^\S\n]+(?:\n[^\S\n]*)?(\d{1,3})(?![\d.,]))")
"""Two runs of digits one space apart (looked for in Arabic-digit text, overlapping); a line
may wrap at that space, which the line above then ends with (``25 `` / ``68``)."""
_YEAR_DIGITS = 4
_ANY_SPACE = re.compile(r"\s+")

_NO_SPACE_AFTER = frozenset("([{/“‘")
_NO_SPACE_BEFORE = frozenset(")]},.;:!?%/”’")
_HYPHENS = frozenset("-‐")

_MIN_SHORT_FRAGMENTS_FOR_JUSTIFIED_RUN = 3
_MAX_SHORT_FRAGMENT_CHARS = 6
_WORD_CACHE_SIZE = 8192
_ICU_THAI = "th_TH"
"""The locale whose line breaking LibreOffice applies to Thai text."""
_WRAP_CONTEXT_CHARS = 40
"""Thai letters either side of a wrap that segmentation looks at: enough for any word."""
_NON_SPACING = frozenset({"Mn", "Me"})
"""Unicode categories of marks written on the letter before, taking no width of their own."""
_MAX_RUNS_NAMED = 5
"""A foreign-script warning names this many distinct runs; more would only bury the message."""

# Thai sets these words off with a space even inside a sentence (Royal Institute spacing
# rules): a wrap next to them was a space, not the middle of a run of words.
_SPACE_BEFORE_WORDS = frozenset(
    {"ณ", "เช่น", "อาทิ", "ได้แก่", "โดย", "โดยเฉพาะ", "ซึ่ง", "รวมทั้ง", "รวมถึง", "ตลอดจน", "ทั้งนี้"}
)
_SPACE_AFTER_WORDS = frozenset({"ณ", "เช่น", "อาทิ", "ได้แก่"})


@dataclass(frozen=True, slots=True)
class GlyphDamage:
    """What was wrong with the Thai glyphs of a text (a PDF page's text layer, say).

    Marks merely put in canonical order are not counted: both orders draw the same letters,
    and many clean PDFs store one of them, so counting them would bury the real damage.
    """

    private_use: int = 0
    """Private Use Area glyphs (shifted marks, consonants without descender) mapped back."""
    split_sara_am: int = 0
    """``ำ`` stored as ``ํ`` + ``า``, joined again."""
    stray_marks: int = 0
    """Marks repeated, or spaced off their letter, dropped or closed up."""
    unknown: int = 0
    """U+FFFD: glyphs the font maps to nothing; left in, since the letter is unknown."""

    def __bool__(self) -> bool:
        return bool(self.private_use or self.split_sara_am or self.stray_marks or self.unknown)

    def describe(self) -> str:
        """Return the counts in words: ``12 Private Use Area glyphs, 3 split ำ``."""
        kinds = (
            (self.private_use, "Private Use Area glyphs"),
            (self.split_sara_am, "split ำ"),
            (self.stray_marks, "stray marks"),
            (self.unknown, "unknown glyphs (U+FFFD, left in)"),
        )
        return ", ".join(f"{count} {name}" for count, name in kinds if count)


@dataclass(frozen=True, slots=True)
class TextRepairs:
    """What :func:`clean_text_with_repairs` had to repair or found damaged in one text.

    Builders turn this into :class:`~ita_extract.report.Warning` records with
    :meth:`to_warnings`, so every repair is counted under a stable code.
    """

    glyphs: GlyphDamage = GlyphDamage()
    """Damaged glyphs put right (Private Use Area glyphs, a split ``ำ``, stray marks), counted."""
    foreign_script: tuple[str, ...] = ()
    """Runs of another script left in the text (not repairable: the right letters are unknown)."""
    split_years: tuple[str, ...] = ()
    """Years a justification space split (``256 6``), as written; closed up in the text."""

    def __bool__(self) -> bool:
        return self.glyphs_repaired or bool(self.foreign_script) or bool(self.split_years)

    @property
    def glyphs_repaired(self) -> bool:
        """Return whether any glyph damage was found."""
        return bool(self.glyphs)

    def to_warnings(self, *, page: int | None = None, where: str = "text") -> list[Warning]:
        """Return one warning per kind of repair, naming ``where`` (e.g. a field) in the message."""
        warnings = []
        if self.glyphs_repaired:
            warnings.append(
                Warning(
                    code=WarningCode.TEXT_GLYPHS_REPAIRED,
                    message=f"{where}: damaged Thai glyphs repaired ({self.glyphs.describe()})",
                    page=page,
                )
            )
        warnings.extend(split_year_warnings(self.split_years, where=where, page=page))
        if self.foreign_script:
            runs = ", ".join(list(dict.fromkeys(self.foreign_script))[:_MAX_RUNS_NAMED])
            warnings.append(
                Warning(
                    code=WarningCode.TEXT_FOREIGN_SCRIPT,
                    message=f"{where}: letters of another script inside Thai text: {runs}",
                    page=page,
                )
            )
        return warnings


def thai_to_arabic_digits(text: str) -> str:
    """Return ``text`` with Thai digits (๐–๙) as Arabic digits; nothing else changes.

    The result has the same length as ``text``, so offsets found in it apply to the original.
    """
    return str(thai_digit_to_arabic_digit(text))


def parse_number(text: str) -> float | None:
    """Return the first number in ``text`` (Thai or Arabic digits), or None if there is none.

    ``'๙๕.๕๑'`` → 95.51, ``'(73.60 คะแนน)'`` → 73.6, ``'1,234.5'`` → 1234.5. Digits glued to a
    Latin letter belong to a code (``i1``) and are not a number.
    """
    match = _NUMBER.search(thai_to_arabic_digits(text))
    if match is None:
        return None
    value = float(match["digits"].replace(",", ""))
    return -value if match["sign"] else value


def parse_score(text: str) -> float | None:
    """Return the first number in ``text`` if it is a score (0–100), else None."""
    value = parse_number(text)
    return value if value is not None and 0 <= value <= 100 else None


def parse_year(text: str) -> int | None:
    """Return the first Buddhist Era year (2500–2700) in ``text``, or None.

    CE years such as 2023 are not BE years and give None: reports state years in BE, and
    guessing the era of a bare number would invent data. A year that justification split
    (``256 6``) is read whole (:func:`join_split_years`).
    """
    joined = join_split_years(thai_to_arabic_digits(text))
    years = (int(match[1]) for match in _BE_YEAR.finditer(joined))
    return next((year for year in years if year in BE_YEAR_RANGE), None)


def _split_year_spans(text: str) -> list[tuple[int, int]]:
    """Where ``text`` writes a BE year with a space inside: (start, end) of each, in order.

    The two runs of digits make four together, a year of 2500–2700, and neither belongs to
    a longer number, a decimal or a code (``i 25 60`` is item i25 and a score).
    """
    digits = thai_to_arabic_digits(text)
    spans: list[tuple[int, int]] = []
    for match in _SPLIT_NUMBER.finditer(digits):
        head, tail = match[1], match[2]
        start = match.start()
        end = digits.index(tail, start + len(head)) + len(tail)
        before = digits[:start].rstrip()
        if spans and start < spans[-1][1]:
            continue
        if len(head) + len(tail) != _YEAR_DIGITS or int(head + tail) not in BE_YEAR_RANGE:
            continue
        if before and before[-1].isascii() and before[-1].isalnum():
            continue
        spans.append((start, end))
    return spans


def find_split_years(text: str) -> list[str]:
    """Return the years in ``text`` that a justification space splits, as written (``256 6``)."""
    return [text[start:end] for start, end in _split_year_spans(text)]


def join_split_years(text: str) -> str:
    """Return ``text`` with each year a justification space split closed up (``256 6`` → 2566).

    Justified lines widen the gaps of a line, and a PDF's text layer (or a document retyped
    from one) may keep a gap inside a year as a space. Digits stay as written (Thai or Arabic).
    """
    for start, end in reversed(_split_year_spans(text)):
        text = text[:start] + "".join(text[start:end].split()) + text[end:]
    return text


def split_year_warnings(
    written: Sequence[str], *, where: str, page: int | None = None
) -> list[Warning]:
    """Return one ``text.split_year`` warning naming the years read whole, or none."""
    if not written:
        return []
    readings = ", ".join(
        f"{year!r} as {''.join(thai_to_arabic_digits(year).split())}"
        for year in dict.fromkeys(written)
    )
    return [
        Warning(
            code=WarningCode.TEXT_SPLIT_YEAR,
            message=f"{where}: a year with a space inside read whole: {readings}",
            page=page,
        )
    ]


def be_to_ce(year: int) -> int:
    """Return the Common Era year of Buddhist Era ``year``."""
    return year - BE_CE_OFFSET


def ce_to_be(year: int) -> int:
    """Return the Buddhist Era year of Common Era ``year``."""
    return year + BE_CE_OFFSET


_DECOMPOSED_SARA_AM = re.compile("\u0e4d[\u0e48-\u0e4b]?\u0e32|[\u0e48-\u0e4b]\u0e4d\u0e32")
"""NIKHAHIT and SARA AA typed for ``ำ`` (a tone mark may sit between or before them)."""
_UNKNOWN_GLYPH = "\ufffd"


@lru_cache(maxsize=_REPAIR_CACHE_SIZE)
def _repair_glyphs_reporting(text: str) -> tuple[str, GlyphDamage]:
    """Return the repaired text and what was damaged in it.

    Cached: recognition keys the same cell and heading texts many times, and PyThaiNLP's mark
    reordering is the costliest step of building a report.
    """
    without_pua = text.translate(_GLYPH_TABLE)
    repaired = remove_repeat_vowels(remove_spaces_before_marks(without_pua))
    split_sara_am = len(_DECOMPOSED_SARA_AM.findall(without_pua))
    damage = GlyphDamage(
        private_use=len(_PUA_GLYPH.findall(text)),
        split_sara_am=split_sara_am,
        # -- what repair dropped beyond the joins of ำ; a reorder drops nothing --
        stray_marks=max(len(without_pua) - len(repaired) - split_sara_am, 0),
        unknown=text.count(_UNKNOWN_GLYPH),
    )
    return repaired, damage


def find_glyph_damage(text: str) -> GlyphDamage:
    """Return what :func:`repair_glyphs` repairs (or cannot) in raw ``text``, counted."""
    return _repair_glyphs_reporting(text)[1]


def repair_glyphs(text: str) -> str:
    """Return ``text`` with PDF font damage undone.

    Private Use Area glyphs (U+F700–U+F71A, and the Mac set U+F884–U+F89E) become the Thai
    characters they draw, zero-width characters and soft hyphens go, and PyThaiNLP puts marks
    in canonical order (which also joins ``ํ`` + ``า`` into ``ำ`` and drops spaces before
    marks). Line breaks are kept.
    """
    return _repair_glyphs_reporting(text)[0]


def strip_markup(text: str) -> str:
    """Return ``text`` without left-over HTML tags, with entities decoded.

    Tags that end a line (``<br>``, ``</p>``…) become line breaks so paragraphs stay apart.
    """
    return html.unescape(_MARKUP_TAG.sub("", _MARKUP_BREAK.sub("\n", text)))


def strip_form_dots(text: str) -> str:
    """Return ``text`` without form blanks: runs of three or more dots, ``…``, or underscores.

    ``'...ผ่าน....'`` → ``'ผ่าน'``; a blank between words leaves one space.
    """
    return _FORM_BLANK.sub(" ", text).strip(" \t")


_THAI_WORDS = re.compile(f"[{_THAI_LETTER}][{_THAI_LETTER} .]*")


def is_thai_words(text: str) -> bool:
    """Return whether ``text`` is Thai words only (letters, spaces, abbreviation dots).

    A person's name in a Thai report is; a code, a reference or a Latin abbreviation is not.
    """
    return _THAI_WORDS.fullmatch(text.strip()) is not None


def _is_thai_letter(char: str) -> bool:
    return THAI_RUN.fullmatch(char) is not None


def trailing_thai(text: str) -> str:
    """Return the Thai letters ``text`` ends with, at most a segmentation window of them."""
    start = len(text)
    while (
        start > 0 and len(text) - start < _WRAP_CONTEXT_CHARS and _is_thai_letter(text[start - 1])
    ):
        start -= 1
    return text[start:]


def leading_thai(text: str) -> str:
    """Return the Thai letters ``text`` starts with, at most a segmentation window of them."""
    head = THAI_RUN.match(text, 0, _WRAP_CONTEXT_CHARS)
    return head[0] if head else ""


@lru_cache(maxsize=_WORD_CACHE_SIZE)
def segment_words(text: str) -> tuple[str, ...]:
    """Return PyThaiNLP's newmm segmentation of ``text``, whitespace kept as tokens."""
    return tuple(word_tokenize(text, engine="newmm", keep_whitespace=True))


def word_ends(text: str) -> frozenset[int]:
    """Return the offsets where ``text``'s words end."""
    return frozenset(accumulate(len(word) for word in segment_words(text)))


def _thai_wrap_separator(left_tail: str, right_head: str) -> str:
    """Return what goes at a wrap between Thai letters: nothing, unless a phrase breaks there.

    Word and LibreOffice wrap Thai at word boundaries, or inside a word in a narrow column,
    and PDF extraction loses a space written at the wrap. So the join is solid, except where
    segmentation shows the break between two words and one of them is a word Thai sets off
    with a space (``ณ``, ``เช่น``, ``โดย``…).
    """
    words = segment_words(left_tail + right_head)
    ends = list(accumulate(len(word) for word in words))
    if len(left_tail) not in ends:
        return ""
    index = ends.index(len(left_tail))
    if words[index] in _SPACE_AFTER_WORDS or words[index + 1] in _SPACE_BEFORE_WORDS:
        return " "
    return ""


def _line_separator(left: str, right: str) -> str:
    """Return what goes between two wrapped lines: nothing inside Thai, else one space."""
    if left[-1].isspace() or right[0].isspace():
        return " "
    if left[-1] in _HYPHENS:
        # ``E-`` / ``Service`` is one hyphenated word; ``๖๖ -`` / ``ก.ย. ๖๗`` is a range.
        return "" if left[-2:-1].isalnum() else " "
    if left[-1] in _NO_SPACE_AFTER or right[0] in _NO_SPACE_BEFORE:
        return ""
    left_tail, right_head = trailing_thai(left), leading_thai(right)
    if left_tail and right_head:
        return _thai_wrap_separator(left_tail, right_head)
    return " "


def join_lines(lines: Sequence[str]) -> str:
    """Return the wrapped ``lines`` of one cell or paragraph as one line of text.

    A wrap between Thai letters is joined without a space (Thai puts no space between words,
    and a break inside a word such as ``มี`` / ``ประสิทธิภาพ`` must close up), unless word
    segmentation finds a word Thai sets off with a space beside it (``ประกาศ`` / ``ณ ที่ทำการ``);
    a wrap next to Latin letters, digits or after punctuation becomes one space; nothing goes
    before closing punctuation or after an opening bracket. Whitespace written at a break
    counts as a space. Empty lines are skipped.
    """
    parts: list[str] = []
    previous = ""
    for line in lines:
        if not line.strip():
            continue
        if previous:
            parts.append(_line_separator(previous, line))
        parts.append(line)
        previous = line
    return _HORIZONTAL_SPACE.sub(" ", "".join(parts)).strip()


def _is_short_fragment(fragment: str) -> bool:
    """Return whether ``fragment`` is syllable-sized, the unit justification cuts text into."""
    return len(fragment) <= _MAX_SHORT_FRAGMENT_CHARS or len(word_ends(fragment)) <= 1


def _join_justified_run(fragments: list[str]) -> str:
    """Return space-separated Thai ``fragments`` with the justification spaces removed.

    A space goes when segmenting the whole run without it puts a word across it (``วิ ธี`` →
    ``วิธี``). In a run cut into syllables (mostly short fragments, some gap inside a word),
    the space between two short fragments goes as well (``การ เผย``): it is justification,
    not phrasing; a space next to a long fragment stays.
    """
    if len(fragments) == 1:
        return fragments[0]
    gaps = list(accumulate(len(fragment) for fragment in fragments[:-1]))
    bounds = word_ends("".join(fragments))
    inside_word = [gap not in bounds for gap in gaps]
    short = [_is_short_fragment(fragment) for fragment in fragments]
    syllable_spaced = (
        any(inside_word)
        and sum(short) >= _MIN_SHORT_FRAGMENTS_FOR_JUSTIFIED_RUN
        and 2 * sum(short) >= len(fragments)
    )
    text = fragments[0]
    for index, fragment in enumerate(fragments[1:]):
        close_up = inside_word[index] or (syllable_spaced and short[index] and short[index + 1])
        text += ("" if close_up else " ") + fragment
    return text


def remove_justification_spaces(text: str) -> str:
    """Return ``text`` without the spaces that justified layout put inside Thai words.

    ``'วิ ธี การ เผย แพร่'`` → ``'วิธีการเผยแพร่'``, decided by PyThaiNLP word segmentation:
    only spaces between Thai letters are candidates, and a space stays when both sides are
    words in their own right (``'…ข้อมูล เพื่อให้…'``: a phrase space, as Thai is written).
    Line breaks and other spaces are kept as they are.
    """
    return "\n".join(_remove_justification_spaces_in_line(line) for line in text.split("\n"))


def _remove_justification_spaces_in_line(line: str) -> str:
    tokens = line.split(" ")
    runs = [[tokens[0]]]
    for token in tokens[1:]:
        previous = runs[-1][-1]
        if previous and token and _is_thai_letter(previous[-1]) and _is_thai_letter(token[0]):
            runs[-1].append(token)
        else:
            runs.append([token])
    return " ".join(_join_justified_run(run) for run in runs)


def find_foreign_script(text: str) -> list[str]:
    """Return the runs of letters of another script (Arabic, Cyrillic, Lao…) in ``text``.

    A Thai report holds Thai and Latin letters (codes like ``i1``, ``E-Service``) and digits;
    any other letter comes from a broken PDF font map (``การایشทรัพย์สิน`` → ``['ایش']``).
    """
    runs: list[str] = []
    current = ""
    for char in text:
        if _is_foreign_letter(char):
            current += char
        elif current:
            runs.append(current)
            current = ""
    if current:
        runs.append(current)
    return runs


def _is_foreign_letter(char: str) -> bool:
    if not unicodedata.category(char).startswith(("L", "M")):
        return False
    if "\u0e00" <= char <= "\u0e7f" or "\u0300" <= char <= "\u036f":
        return False
    return "LATIN" not in unicodedata.name(char, "")


def without_marks(text: str) -> str:
    """Return ``text`` without its nonspacing marks (Thai vowels above and below, tone marks)."""
    return "".join(char for char in text if unicodedata.category(char) != "Mn")


def _repair_and_inspect(text: str) -> tuple[str, TextRepairs]:
    """Return ``text`` with its glyphs repaired, and what was repaired or found damaged."""
    repaired, damage = _repair_glyphs_reporting(text)
    foreign = tuple(find_foreign_script(repaired))
    return repaired, TextRepairs(glyphs=damage, foreign_script=foreign)


def find_repairs(text: str) -> TextRepairs:
    """Return what :func:`clean_text` would repair or flag in raw ``text``, without cleaning it.

    For readers that call :func:`repair_glyphs` early (a PDF text layer): ask this of the raw
    text first, or the damage is gone before any builder can report it.
    """
    return _repair_and_inspect(text)[1]


def clean_text_with_repairs(
    text: str, *, keep_thai_digits: bool = False
) -> tuple[str, TextRepairs]:
    """Return :func:`clean_text`'s result together with the repairs it made.

    Use this where the result feeds a record, and add ``repairs.to_warnings(page=…)`` to the
    report's warnings.
    """
    repaired, repairs = _repair_and_inspect(text)
    without_blanks = strip_form_dots(strip_markup(repaired))
    # Justification is laid out line by line, so it is undone before the lines are joined.
    unjustified = remove_justification_spaces(_HORIZONTAL_SPACE.sub(" ", without_blanks))
    split_years = tuple(find_split_years(unjustified))
    if split_years:
        unjustified = join_split_years(unjustified)
        repairs = dataclasses.replace(repairs, split_years=split_years)
    cleaned = _ANY_SPACE.sub(" ", join_lines(unjustified.splitlines())).strip()
    if not keep_thai_digits:
        cleaned = thai_to_arabic_digits(cleaned)
    return cleaned, repairs


def clean_text(text: str, *, keep_thai_digits: bool = False) -> str:
    """Return a free-text field as the contract wants it.

    Glyphs repaired, markup and form blanks dropped, justification spaces removed line by
    line, wrapped lines joined the Thai way, whitespace collapsed to single spaces, Thai
    digits made Arabic unless ``keep_thai_digits``. Use :func:`clean_text_with_repairs` to
    learn what was repaired.
    """
    return clean_text_with_repairs(text, keep_thai_digits=keep_thai_digits)[0]


@lru_cache(maxsize=_REPAIR_CACHE_SIZE)
def match_key(text: str) -> str:
    """Return a key for comparing headings and labels whatever their spacing and punctuation.

    Glyphs repaired, digits Arabic, whitespace, punctuation and dots removed, Latin lower-cased:
    ``'ส่วนที่ ๑.'`` and ``'ส่วนที่1'`` give the same key.
    """
    normalised = thai_to_arabic_digits(repair_glyphs(text)).casefold()
    return "".join(char for char in normalised if unicodedata.category(char)[0] in "LMN")


def first_word(text: str) -> str:
    """Return what of ``text`` a line cannot wrap inside: its first word and the marks joining it.

    That is up to the first space; in Thai, which runs words together, the dictionary's first
    word. Punctuation that cannot open a line (``,`` ``)``) goes with the word before it, a
    slash joins the words either side (``คู่มือ/แนวทาง``), and a token that does not open with
    Thai letters (``E-Service``, ``O๑๙``, ``๒๕๖๖``) is one word.
    """
    head = text.split(maxsplit=1)[0] if text.strip() else ""
    if not leading_thai(head):
        return head
    words = segment_words(head)
    first = words[0]
    for word in words[1:]:
        if not (first[-1] in _NO_SPACE_AFTER or all(char in _NO_SPACE_BEFORE for char in word)):
            break
        first += word
    return first


@lru_cache(maxsize=_WORD_CACHE_SIZE)
def first_line_break_unit(text: str) -> str:
    """Return what of ``text`` LibreOffice cannot wrap inside: ICU's first unit of its first word.

    LibreOffice wraps Thai where ICU's line break iterator allows (its dictionary), which
    breaks finer than PyThaiNLP's (``จัด|ทำ``, ``หน่วย|งาน``), so the least a wrap can carry to
    the next line is ICU's first unit, not :func:`first_word`'s word. LibreOffice
    does not wrap after a slash or an opening bracket (``คู่มือ/แนวทาง``), and a token that
    does not open with Thai letters (``E-Service``) stays whole, as in :func:`first_word`.
    """
    word = first_word(text)
    if not leading_thai(word):
        return word
    # -- ICU's dictionary reads a word by what follows it (แนว|ทาง alone, แนวทาง|การ in a
    # -- line), so it is given the line, not the word alone --
    window = text.lstrip()[:_WRAP_CONTEXT_CHARS]
    for _, end in LineBreaker(window, _ICU_THAI).segments():
        if window[end - 1] not in _NO_SPACE_AFTER:
            break
    return window[:end].rstrip()


def wraps_mid_word(upper: str, lower: str) -> bool:
    """Return whether a line ending in ``upper`` goes on in ``lower`` in the middle of a word.

    LibreOffice and Word break a Thai word too long for a narrow column at a syllable
    (``ปีงบประ`` / ``มาณ``): the dictionary reads the two ends as one word. A line ending on a
    slash or an opening bracket has not ended either.
    """
    return upper.rstrip()[-1:] in _NO_SPACE_AFTER or joins_into_word(upper, lower)


def joins_into_word(left: str, right: str) -> bool:
    """Return whether the Thai letters ending ``left`` and starting ``right`` make one word.

    That is, the dictionary's segmentation of the two ends put together has a word across
    the join (``ปีงบประ`` + ``มาณ``); False unless both sides are Thai letters there.
    """
    left_tail, right_head = trailing_thai(left), leading_thai(right)
    if not left_tail or not right_head:
        return False
    return len(left_tail) not in word_ends(left_tail + right_head)


def spacing_length(text: str) -> int:
    """Return how many characters of ``text`` take width: Thai marks above and below do not."""
    # -- not combining(): Thai upper vowels (ั ิ ี ึ ื) have combining class 0, yet are marks --
    return sum(1 for char in text if unicodedata.category(char) not in _NON_SPACING)
