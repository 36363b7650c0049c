"""Thai text rules: digits, numbers, years, glyph and OCR repair, line joining, free-text cleaning.

This is the one module that knows how Thai is written. Everything that reads text out of a
report (readers, recognisers, record builders) goes through these functions, so a rule fixed
here is fixed everywhere. PyThaiNLP does the linguistic work (digit conversion, mark order,
word segmentation); this module decides when to apply it.
"""

from __future__ import annotations

import html
import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate, pairwise

from pythainlp.corpus import thai_words, tnc
from pythainlp.tokenize import word_tokenize
from pythainlp.util import (
    remove_repeat_vowels,
    remove_spaces_before_marks,
    thai_digit_to_arabic_digit,
)
from pythainlp.util.date import thai_abbr_months

from ita_extract.report import Warning

GLYPHS_REPAIRED = "text.glyphs_repaired"
"""Warning code: PDF font damage (Private Use Area glyphs, split ``ำ``, mark order) was repaired."""
FOREIGN_SCRIPT = "text.foreign_script"
"""Warning code: letters of another script sit in the text, a sign of a broken PDF font map."""
OCR_REPAIRED = "ocr.repaired"
"""Warning code: OCR text was repaired (a lost tone mark, a code's letter read as a digit)."""

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
_THAI_RUN = re.compile(f"[{_THAI_LETTER}]+")

_NUMBER = re.compile(
    r"(?<![A-Za-z0-9.])(?P<sign>[-−])?(?P<digits>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
)
_BE_YEAR = re.compile(r"(?<!\d)(2[5-7]\d\d)(?!\d)")

_MARKUP_BREAK = re.compile(r"<\s*(?:br|/p|/div|/li|/tr)\b[^<>]*>", re.IGNORECASE)
_MARKUP_TAG = re.compile(r"<\s*/?\s*[A-Za-z][^<>]*>")
# The lookbehind starts a match only at the head of a run of spaces (linear, not quadratic).
_FORM_BLANK = re.compile(r"(?<![ \t])[ \t]*+(?:\.(?:[ \t]?\.){2,}|…+|_{3,})[ \t]*+")
_HORIZONTAL_SPACE = re.compile(r"[^\S\n]+")
_ANY_SPACE = re.compile(r"\s+")

_NO_SPACE_AFTER = frozenset("([{/“‘")
_NO_SPACE_BEFORE = frozenset(")]},.;:!?%/”’")
_HYPHENS = frozenset("-‐")

_MIN_SHORT_FRAGMENTS_FOR_JUSTIFIED_RUN = 3
_MAX_SHORT_FRAGMENT_CHARS = 6
_WORD_CACHE_SIZE = 8192
_WRAP_CONTEXT_CHARS = 40
"""Thai letters either side of a wrap that segmentation looks at: enough for any word."""
_MAX_RUNS_NAMED = 5
"""A foreign-script warning names this many distinct runs; more would only bury the message."""

# Thai sets these words off with a space even inside a sentence (Royal Institute spacing
# rules): a wrap next to them was a space, not the middle of a run of words.
_SPACE_BEFORE_WORDS = frozenset(
    {"ณ", "เช่น", "อาทิ", "ได้แก่", "โดย", "โดยเฉพาะ", "ซึ่ง", "รวมทั้ง", "รวมถึง", "ตลอดจน", "ทั้งนี้"}
)
_SPACE_AFTER_WORDS = frozenset({"ณ", "เช่น", "อาทิ", "ได้แก่"})


@dataclass(frozen=True, slots=True)
class TextRepairs:
    """What :func:`clean_text_with_repairs` had to repair or found damaged in one text.

    Builders turn this into :class:`~ita_extract.report.Warning` records with
    :meth:`to_warnings`, so every repair is counted under a stable code.
    """

    glyphs_repaired: bool = False
    """Private Use Area glyphs, a split ``ำ`` or mis-ordered marks were put right."""
    foreign_script: tuple[str, ...] = ()
    """Runs of another script left in the text (not repairable: the right letters are unknown)."""

    def __bool__(self) -> bool:
        return self.glyphs_repaired or bool(self.foreign_script)

    def to_warnings(self, *, page: int | None = None, where: str = "text") -> list[Warning]:
        """Return one warning per kind of repair, naming ``where`` (e.g. a field) in the message."""
        warnings = []
        if self.glyphs_repaired:
            warnings.append(
                Warning(
                    code=GLYPHS_REPAIRED,
                    message=f"{where}: damaged Thai glyphs repaired "
                    "(font Private Use Area, split ำ, mark order)",
                    page=page,
                )
            )
        if self.foreign_script:
            runs = ", ".join(list(dict.fromkeys(self.foreign_script))[:_MAX_RUNS_NAMED])
            warnings.append(
                Warning(
                    code=FOREIGN_SCRIPT,
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
    guessing the era of a bare number would invent data.
    """
    years = (int(match[1]) for match in _BE_YEAR.finditer(thai_to_arabic_digits(text)))
    return next((year for year in years if year in BE_YEAR_RANGE), None)


def be_to_ce(year: int) -> int:
    """Return the Common Era year of Buddhist Era ``year``."""
    return year - BE_CE_OFFSET


def ce_to_be(year: int) -> int:
    """Return the Buddhist Era year of Common Era ``year``."""
    return year + BE_CE_OFFSET


@lru_cache(maxsize=_REPAIR_CACHE_SIZE)
def _repair_glyphs_reporting(text: str) -> tuple[str, bool]:
    """Return the repaired text and whether anything beyond invisible characters changed.

    Cached: recognition keys the same cell and heading texts many times, and PyThaiNLP's mark
    reordering is the costliest step of building a report.
    """
    without_pua = text.translate(_GLYPH_TABLE)
    repaired = remove_repeat_vowels(remove_spaces_before_marks(without_pua))
    had_damage = bool(_PUA_GLYPH.search(text)) or repaired != without_pua
    return repaired, had_damage


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


def _is_thai_letter(char: str) -> bool:
    return _THAI_RUN.fullmatch(char) is not None


def _trailing_thai(text: str) -> str:
    """Return the Thai letters ``text`` ends with, at most a segmentation window of them."""
    start = len(text)
    while (
        start > 0 and len(text) - start < _WRAP_CONTEXT_CHARS and _is_thai_letter(text[start - 1])
    ):
        start -= 1
    return text[start:]


def _leading_thai(text: str) -> str:
    """Return the Thai letters ``text`` starts with, at most a segmentation window of them."""
    head = _THAI_RUN.match(text, 0, _WRAP_CONTEXT_CHARS)
    return head[0] if head else ""


@lru_cache(maxsize=_WORD_CACHE_SIZE)
def _words(text: str) -> tuple[str, ...]:
    """Return PyThaiNLP's newmm segmentation of ``text``, whitespace kept as tokens."""
    return tuple(word_tokenize(text, engine="newmm", keep_whitespace=True))


def _word_bounds(text: str) -> frozenset[int]:
    """Return the offsets where ``text``'s words end."""
    return frozenset(accumulate(len(word) for word in _words(text)))


def _thai_wrap_separator(left_tail: str, right_head: str) -> str:
    """Return what goes at a wrap between Thai letters: nothing, unless a phrase breaks there.

    Word and LibreOffice wrap Thai at word boundaries, or inside a word in a narrow column,
    and PDF extraction loses a space written at the wrap. So the join is solid, except where
    segmentation shows the break between two words and one of them is a word Thai sets off
    with a space (``ณ``, ``เช่น``, ``โดย``…).
    """
    words = _words(left_tail + right_head)
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
    left_tail, right_head = _trailing_thai(left), _leading_thai(right)
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
    return len(fragment) <= _MAX_SHORT_FRAGMENT_CHARS or len(_word_bounds(fragment)) <= 1


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
    bounds = _word_bounds("".join(fragments))
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


_SPLIT_SARA_AM = "\u0e31\u0e32"
"""MAI HAN-AKAT + SARA AA: never valid Thai; Tesseract's reading of ``ำ``."""
_SARA_AM = "\u0e33"
_UPPER_VOWELS = frozenset("\u0e31\u0e34\u0e35\u0e36\u0e37")
"""ั ิ ี ึ ื: the vowels a tone mark stacks on, and the stack Tesseract loses the top of."""
_TONE_MARKS = "\u0e48\u0e49\u0e4a\u0e4b"
"""่ ้ ๊ ๋, the candidates for a lost mark."""
_MIN_PHRASE_LETTERS = 6
"""Shortest known phrase (in letters that take width) whose lost tone marks are put back."""
_LOOKALIKE_VOWELS = "\u0e34\u0e35\u0e36\u0e37"
"""ิ ี ึ ื: upper vowels OCR takes for one another (``หน้าทิ`` for ``หน้าที่``)."""
_MARKS_ABOVE_VOWEL = frozenset(_TONE_MARKS + "\u0e4c\u0e4d")
"""Marks that can sit on an upper vowel (tone marks, ์, ํ): a vowel carrying one lost none."""
_LIKELIER = 20
"""A word OCR left unmarked is taken for its marked twin when that is this many times as common."""
_COMMON_WORD = 1000
"""Occurrences the marked twin needs in the Thai National Corpus: loan words whose official
spelling has no mark (``แอนิเมชัน``) are rare either way and stay as read."""
_MAX_SPAN_WORDS = 3
"""Segmented pieces joined when looking for the word a lost mark split (``หน้า`` + ``ที``)."""
_SPAN_CACHE_SIZE = 16384
"""Spans whose lost mark is remembered: a report has a few thousand distinct ones."""


@lru_cache(maxsize=1)
def _dictionary() -> frozenset[str]:
    """Return PyThaiNLP's word list, the one newmm segments with."""
    return frozenset(thai_words())


@lru_cache(maxsize=_SPAN_CACHE_SIZE)
def _lost_mark(span: str) -> tuple[int, str] | None:
    """Return where and which tone mark makes ``span`` a dictionary word, if exactly one does.

    Only an upper vowel without a mark on it can have lost one. None when no insertion, or more
    than one (``ซือ``: ``ซื่อ`` or ``ซื้อ``), gives a word: a guess would invent text.
    """
    words = _dictionary()
    found = [
        (index + 1, mark)
        for index, char in enumerate(span)
        if char in _UPPER_VOWELS and span[index + 1 : index + 2] not in _MARKS_ABOVE_VOWEL
        for mark in _TONE_MARKS
        if span[: index + 1] + mark + span[index + 1 :] in words
    ]
    return found[0] if len(found) == 1 else None


@lru_cache(maxsize=1)
def _word_counts() -> dict[str, int]:
    """Return how often each word occurs in the Thai National Corpus (bundled with PyThaiNLP)."""
    return dict(tnc.word_freqs())


@lru_cache(maxsize=_SPAN_CACHE_SIZE)
def _lost_common_mark(word: str) -> tuple[int, str] | None:
    """Return where and which mark dictionary ``word`` lost, if its marked twin is far likelier.

    A lone ``ที`` is a word (a turn), but ``ที่`` is sixty times as common: in OCR text,
    where marks are lost all the time, ``ที`` is ``ที่`` with its mark lost.
    """
    found = _lost_mark(word)
    if found is None:
        return None
    offset, mark = found
    counts = _word_counts()
    marked = counts.get(word[:offset] + mark + word[offset:], 0)
    common = marked >= _COMMON_WORD and marked >= _LIKELIER * counts.get(word, 0)
    return found if common else None


@dataclass(frozen=True, slots=True)
class _MarkFix:
    """A tone mark to insert at ``offset`` of a Thai run, found in its words ``first``–``last``."""

    first: int
    last: int
    offset: int
    mark: str


def _mark_fixes(words: Sequence[str], *, glued_before: bool, glued_after: bool) -> list[_MarkFix]:
    """Return the lost marks restored in the segmented run ``words``, in document order.

    A word not in the dictionary, or two or three neighbours that do not join into one, are
    tried. Not tried: words before a stray mark (``ตัง`` + ``้``: the mark is misplaced, not
    lost) and words at an edge ``glued`` to the next run, where a space splits a word
    (``เดือ น`` is ``เดือน``, not ``เดื่อ``). A fix whose words overlap a different fix's is in
    doubt, and both are dropped. Last, a word no fix touched that is far rarer than its marked
    twin (``ที``) is taken for the twin.
    """
    dictionary = _dictionary()
    starts = [0, *accumulate(len(word) for word in words)]
    first_tried = 1 if glued_before else 0
    last_tried = len(words) - 2 if glued_after else len(words) - 1
    proposed: list[_MarkFix] = []
    for first in range(first_tried, last_tried + 1):
        for last in range(first, min(first + _MAX_SPAN_WORDS - 1, last_tried) + 1):
            span = "".join(words[first : last + 1])
            if span in dictionary or _before_stray_mark(words, last):
                continue
            found = _lost_mark(span)
            if found is not None:
                offset, mark = found
                proposed.append(_MarkFix(first, last, starts[first] + offset, mark))
    in_doubt = {
        (fix.offset, fix.mark)
        for fix in proposed
        for other in proposed
        if (fix.offset, fix.mark) != (other.offset, other.mark)
        and fix.first <= other.last
        and other.first <= fix.last
    }
    shortest: dict[tuple[int, str], _MarkFix] = {}
    for fix in proposed:
        key = (fix.offset, fix.mark)
        if key not in in_doubt and (
            key not in shortest or fix.last - fix.first < shortest[key].last - shortest[key].first
        ):
            shortest[key] = fix
    fixes = list(shortest.values())
    covered = {index for fix in fixes for index in range(fix.first, fix.last + 1)}
    for index in range(first_tried, last_tried + 1):
        if index in covered or _before_stray_mark(words, index):
            continue
        common = _lost_common_mark(words[index])
        if common is not None:
            offset, mark = common
            fixes.append(_MarkFix(index, index, starts[index] + offset, mark))
    return sorted(fixes, key=lambda fix: fix.offset)


def _before_stray_mark(words: Sequence[str], index: int) -> bool:
    """Tell whether the word after ``words[index]`` starts with a stray mark that is its own."""
    return index + 1 < len(words) and words[index + 1][0] in _MARKS_ABOVE_VOWEL


@lru_cache(maxsize=_REPAIR_CACHE_SIZE)
def _restore_run(
    run: str, *, glued_before: bool, glued_after: bool
) -> tuple[str, tuple[tuple[str, str], ...]]:
    """Return a run of Thai letters with lost marks restored, and the words repaired.

    ``glued_before``/``glued_after``: a space splits a word at that edge of the run.
    """
    if not any(char in _UPPER_VOWELS for char in run):
        return run, ()
    pieces = run.split(_SPLIT_SARA_AM)
    amended = _SARA_AM.join(pieces)
    words = _words(amended)
    starts = [0, *accumulate(len(word) for word in words)]
    # Sara am written back, as offsets in ``amended``: each one was two characters as read.
    sara_am_at = [end - 1 for end in accumulate(len(piece) + 1 for piece in pieces[:-1])]
    fixes = _mark_fixes(words, glued_before=glued_before, glued_after=glued_after)
    word_at = [bisect_right(starts, offset) - 1 for offset in sara_am_at]
    repaired_words = [(index, index) for index in word_at]
    repaired_words += [(fix.first, fix.last) for fix in fixes]
    repaired = amended
    for fix in reversed(fixes):
        repaired = repaired[: fix.offset] + fix.mark + repaired[fix.offset :]

    def as_read(offset: int) -> int:
        return offset + bisect_left(sara_am_at, offset)

    def after_repair(offset: int) -> int:
        # A mark restored on a word's last vowel has the next word's start offset: it counts.
        return offset + sum(1 for fix in fixes if fix.offset <= offset)

    pairs = []
    for first, last in _merge_ranges(repaired_words):
        start, end = starts[first], starts[last + 1]
        pairs.append(
            (
                run[as_read(start) : as_read(end)],
                repaired[after_repair(start) : after_repair(end)],
            )
        )
    return repaired, tuple(pairs)


def _merge_ranges(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Return inclusive index ranges sorted, with overlapping ones merged."""
    merged: list[tuple[int, int]] = []
    for first, last in sorted(ranges):
        if merged and first <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], last))
        else:
            merged.append((first, last))
    return merged


_LETTER = "[\u0e01-\u0e2e]"
_ANY_MARKS = "[\u0e31-\u0e3a\u0e47-\u0e4e]*"
_DOTTED_ABBREVIATION = re.compile(f"(?<!{_LETTER})(?:{_LETTER}{_ANY_MARKS}\\.{_ANY_MARKS}){{2}}")
"""Two Thai letters each followed by a full stop, with any marks OCR put on or after them."""


def restore_month_abbreviations(text: str) -> tuple[str, list[tuple[str, str]]]:
    """Return OCR ``text`` with marks OCR added to month abbreviations removed, and the repairs.

    Month abbreviations are bare letters but for a few (``มี.ค.``, ``มิ.ย.``); a scan's specks
    come back as vowels on them (``ธิ.ค.``, ``พ.ุย.``), which the date parser does not know. A
    dotted pair whose letters are those of exactly one month abbreviation becomes it;
    ``มิ.ค.`` stays, since ``ม.ค.`` and ``มี.ค.`` share their letters.
    """
    repairs: list[tuple[str, str]] = []
    months = _months_by_letters()

    def restore(match: re.Match[str]) -> str:
        read = match.group()
        month = months.get(without_marks(read))
        if month is None or month == read:
            return read
        repairs.append((read, month))
        return month

    return _DOTTED_ABBREVIATION.sub(restore, text), repairs


@lru_cache(maxsize=1)
def _months_by_letters() -> dict[str, str]:
    """Return each month abbreviation by its letters, leaving out letters two months share."""
    by_letters: dict[str, list[str]] = {}
    for month in thai_abbr_months:
        by_letters.setdefault(without_marks(month), []).append(month)
    return {letters: months[0] for letters, months in by_letters.items() if len(months) == 1}


def without_marks(text: str) -> str:
    """Return ``text`` without its nonspacing marks (Thai vowels above and below, tone marks)."""
    return "".join(char for char in text if unicodedata.category(char) != "Mn")


def restore_lost_marks(text: str) -> tuple[str, list[tuple[str, str]]]:
    """Return OCR ``text`` with lost tone marks and misread ``ำ`` restored, and the repairs.

    Tesseract often drops a tone mark stacked on an upper vowel (``หน้าที`` for ``หน้าที่``,
    ``ขันตอน`` for ``ขั้นตอน``) and reads ``ำ`` as ``ัา``. ``ัา`` is never valid Thai, so it
    always becomes ``ำ``. A tone mark is put back only where the dictionary leaves no doubt:
    inserting exactly one mark, at exactly one unmarked upper vowel, makes a word that newmm
    segmentation split (or could not find) into one dictionary word, and no other insertion
    nearby does. ``เรือง`` is a word as read and stays; a word sixty times rarer than its
    marked twin in the Thai National Corpus (a lone ``ที``) is taken for the twin. Everything
    but Thai letters (spaces, line breaks, digits, Latin, punctuation) is kept as it is.

    The repairs are (as read, repaired) pairs, one per repaired span, in document order:
    ``('หน้าที', 'หน้าที่')``.
    """
    runs = list(_THAI_RUN.finditer(text))
    glued = [_splits_word(text, left, right) for left, right in pairwise(runs)]
    parts: list[str] = []
    repairs: list[tuple[str, str]] = []
    end = 0
    for index, match in enumerate(runs):
        repaired, pairs = _restore_run(
            match[0],
            glued_before=index > 0 and glued[index - 1],
            glued_after=index < len(glued) and glued[index],
        )
        parts += [text[end : match.start()], repaired]
        repairs += pairs
        end = match.end()
    parts.append(text[end:])
    return "".join(parts), repairs


def _splits_word(text: str, left: re.Match[str], right: re.Match[str]) -> bool:
    """Return whether only spaces part two Thai runs and closing them up makes a word span them."""
    if not _HORIZONTAL_SPACE.fullmatch(text, left.end(), right.start()):
        return False
    tail, head = _trailing_thai(left[0]), _leading_thai(right[0])
    return len(tail) not in _word_bounds(tail + head)


def _repair_and_inspect(text: str) -> tuple[str, TextRepairs]:
    """Return ``text`` with its glyphs repaired, and what was repaired or found damaged."""
    repaired, glyphs_repaired = _repair_glyphs_reporting(text)
    foreign = tuple(find_foreign_script(repaired))
    return repaired, TextRepairs(glyphs_repaired=glyphs_repaired, foreign_script=foreign)


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
    """Return the first word of ``text``: up to its first space, or the dictionary's first word.

    Thai runs words together; where a line could break is where the dictionary parts them.
    """
    head = text.split(maxsplit=1)[0] if text.strip() else ""
    words = _words(head) if head else ()
    return words[0] if words else head


def spacing_length(text: str) -> int:
    """Return how many characters of ``text`` take width: Thai marks above and below do not."""
    return sum(1 for char in text if not unicodedata.combining(char))


@lru_cache(maxsize=8)
def _marked_phrases(phrases: tuple[str, ...]) -> tuple[re.Pattern[str], dict[str, str]] | None:
    """Return a pattern matching any long phrase with marks lost or upper vowels misread.

    Also returns each phrase by its :func:`_phrase_key`; two phrases with the same key are
    both left out, since the text cannot tell them apart.
    """
    by_key: dict[str, str | None] = {}
    for phrase in phrases:
        if any(char in _TONE_MARKS or char in _LOOKALIKE_VOWELS for char in phrase) and (
            spacing_length(phrase) >= _MIN_PHRASE_LETTERS
        ):
            key = _phrase_key(phrase)
            by_key[key] = phrase if by_key.get(key, phrase) == phrase else None
    known = {key: phrase for key, phrase in by_key.items() if phrase is not None}
    if not known:
        return None
    alternatives = (
        "".join(_flexible(char) for char in phrase)
        for phrase in sorted(known.values(), key=len, reverse=True)
    )
    return re.compile("|".join(alternatives)), known


def restore_phrase_marks(text: str, phrases: Sequence[str]) -> tuple[str, list[tuple[str, str]]]:
    """Return OCR ``text`` with marks put back where it spells a known phrase without them.

    The dictionary cannot tell ``คะแนนทีได้`` from a real ``ที``; a report's own vocabulary
    can: ``คะแนนที่ได้`` and ``ระดับผลการประเมินอยู่ที่`` are phrases every report uses. A
    stretch of text that is one of ``phrases`` with some tone marks missing, or an upper vowel
    taken for its lookalike (``การปฏิบัติหน้าทิ``), spaced as it may be, becomes the phrase.
    Phrases shorter than a few letters are not used: too many words look alike. Also returns
    each ``(as read, repaired)`` pair.
    """
    compiled = _marked_phrases(tuple(phrases))
    if compiled is None:
        return text, []
    pattern, known = compiled
    repairs: list[tuple[str, str]] = []

    def restore(match: re.Match[str]) -> str:
        read = match.group()
        phrase = known[_phrase_key(read)]
        if phrase != read:
            repairs.append((read, phrase))
        return phrase

    return pattern.sub(restore, text), repairs


def _flexible(char: str) -> str:
    """Return the pattern of one phrase character: a mark may be lost, a vowel misread."""
    if char in _TONE_MARKS:
        return f"{re.escape(char)}?"
    if char in _LOOKALIKE_VOWELS:
        return f"[{_LOOKALIKE_VOWELS}]"
    return r"\s*" if char.isspace() else re.escape(char)


def _phrase_key(text: str) -> str:
    """Return ``text`` as compared with a phrase: no tone marks or spaces, one upper vowel."""
    return "".join(
        _LOOKALIKE_VOWELS[0] if char in _LOOKALIKE_VOWELS else char
        for char in text
        if char not in _TONE_MARKS and not char.isspace()
    )


def dictionary_share(text: str) -> float:
    """Return the share of ``text``'s Thai letters that stand in dictionary words (0–1).

    Tells Thai from junk that only looks like it: Tesseract reads a row of stray tone marks
    as letters (``ขยฉณ``), which no dictionary segments into words.
    """
    words = [word for word in _words(text) if _THAI_RUN.fullmatch(word)]
    letters = sum(len(word) for word in words)
    if not letters:
        return 0.0
    dictionary = _dictionary()
    return sum(len(word) for word in words if word in dictionary) / letters
