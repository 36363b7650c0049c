"""Thai repairs for what OCR loses: tone marks, ``ำ``, marks on month abbreviations, phrases.

Tesseract drops a tone mark stacked on an upper vowel, reads ``ำ`` as ``ัา``, puts specks on
month abbreviations as vowels and takes one upper vowel for another. A text layer has none of
these faults, so these repairs run only on OCR text, per page, inside the OCR reader; the Thai
rules they stand on (segmentation, letter runs, mark-free keys) are those of
:mod:`ita_extract.normalize.thai`.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate, pairwise

from pythainlp.corpus import thai_words, tnc
from pythainlp.util.date import thai_abbr_months

from ita_extract.normalize.thai import (
    THAI_RUN,
    joins_into_word,
    leading_thai,
    segment_words,
    spacing_length,
    trailing_thai,
    without_marks,
    word_ends,
)
from ita_extract.vocabulary import load_vocabulary

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
_RUN_CACHE_SIZE = 8192
"""Thai runs whose repair is remembered: a scanned report repeats its phrases."""


@lru_cache(maxsize=1)
def _dictionary() -> frozenset[str]:
    """Return PyThaiNLP's word list, the one newmm segments with, and the ITA vocabulary's words.

    The vocabulary has the words every report uses that the general list lacks (``ตัวชี้วัด``).
    """
    vocabulary = (
        phrase for phrase in load_vocabulary().every_phrase() if THAI_RUN.fullmatch(phrase)
    )
    return frozenset(thai_words()) | frozenset(vocabulary)


_LOOKALIKES = ("ชซ", "ขช", "ดต", "บป", "ผฝ", "พฟ", "ใไ", "าำ", "ั็", "่้", _LOOKALIKE_VOWELS)
"""Characters OCR takes for one another: ช/ซ, ข/ช, ด/ต, บ/ป, ผ/ฝ, พ/ฟ, ใ/ไ (a tail, a notch or a
loop lost or seen in grain), า/ำ (the circle of ``ำ`` lost), ั/็, ่/้, the upper vowels ิ ี ึ ื."""
_STACKS_READ = (("\u0e47", "\u0e35\u0e49"), ("\u0e48\u0e32", "\u0e33"), ("\u0e49\u0e32", "\u0e33"))
"""Stacks OCR reads as one mark, and what they were: ็ for ี้ (``ช็แจง``), ่า or ้า for ำ
(``การท่างาน``: the circle of ``ำ`` taken for a tone mark)."""
_CONSONANT = re.compile("[\u0e01-\u0e2e]")
_LOST_ON_LETTER = "\u0e38\u0e39\u0e48\u0e49"
"""ุ ู ่ ้: marks a scan's grain or a thin stroke takes off a bare consonant (``ข้อมล``,
``เผยแพร``)."""
_MARKS_ON_LETTER = frozenset(
    "\u0e31\u0e34\u0e35\u0e36\u0e37\u0e38\u0e39\u0e3a\u0e47\u0e48\u0e49\u0e4a\u0e4b\u0e4c\u0e4d"
)
"""Marks above or below a consonant: one that has any is no bare consonant."""
_MIN_LOOKALIKE_LETTERS = 4
"""Shortest word (in letters that take width) a lookalike is mended in: short words and names
are one letter apart all the time (``บ้านดุง`` is a village, not ``ตุง``; ``ทต.`` no ``ทด``)."""
_LOOKALIKE_OF = {
    char: "".join(group.replace(char, "") for group in _LOOKALIKES if char in group)
    for char in "".join(_LOOKALIKES)
}


@lru_cache(maxsize=_SPAN_CACHE_SIZE)
def _misreading(span: str, *, lookalikes: bool = True) -> tuple[int, int, str] | None:
    """Return the one edit of an OCR misreading that makes ``span`` a dictionary word.

    The edit is ``(offset, characters replaced, replacement)``. Tesseract loses a tone mark
    stacked on an upper vowel all the time (only a vowel without a mark on it can have lost
    one). Less often it reads a character as its lookalike (:data:`_LOOKALIKES`: ``ชื่อสัตย์``
    is ``ซื่อสัตย์``, ``คาร้อง`` is ``คำร้อง``), loses a mark off a bare consonant
    (``ข้อมล``) or sees one in grain (``ธั้นวาคม``); those are taken only in words of
    :data:`_MIN_LOOKALIKE_LETTERS` letters or more (short words and names are one letter
    apart all the time), and a lost or added mark only where the word it makes is common in
    the Thai National Corpus (two right words join into a rare one: ``มาใช้``, ``ม้าใช้``).
    None when no edit, or more than one (``ซือ``: ``ซื่อ`` or ``ซื้อ``), gives a word: a guess
    would invent text. Without ``lookalikes``, only a tone mark lost from a vowel is looked for.
    """
    words = _dictionary()
    found = [
        (index + 1, 0, mark)
        for index, char in enumerate(span)
        if char in _UPPER_VOWELS and span[index + 1 : index + 2] not in _MARKS_ABOVE_VOWEL
        for mark in _TONE_MARKS
        if span[: index + 1] + mark + span[index + 1 :] in words
    ]
    if not lookalikes:
        return found[0] if len(found) == 1 else None
    bare = [
        (index + 1, 0, mark)
        for index, char in enumerate(span)
        if _CONSONANT.fullmatch(char) and span[index + 1 : index + 2] not in _MARKS_ON_LETTER
        for mark in _LOST_ON_LETTER
        if span[: index + 1] + mark + span[index + 1 :] in words
    ]
    swapped = [
        (index, 1, other)
        for index, char in enumerate(span)
        for other in _LOOKALIKE_OF.get(char, "")
        if span[:index] + other + span[index + 1 :] in words
    ]
    swapped += [
        (index, len(read), meant)
        for read, meant in _STACKS_READ
        for index in range(len(span))
        if span.startswith(read, index)
        and span[:index] + meant + span[index + len(read) :] in words
    ]
    bare += [
        (index, 1, "")
        for index, char in enumerate(span)
        if char in _TONE_MARKS and span[:index] + span[index + 1 :] in words
    ]
    edits = found + swapped + bare
    if len(edits) != 1:
        return None
    if not found and spacing_length(span) < _MIN_LOOKALIKE_LETTERS:
        return None
    if bare:
        offset, replaced, mark = bare[0]
        if _word_counts().get(span[:offset] + mark + span[offset + replaced :], 0) < _COMMON_WORD:
            return None
    return edits[0]


@lru_cache(maxsize=1)
def _word_counts() -> dict[str, int]:
    """Return how often each word occurs in the Thai National Corpus (bundled with PyThaiNLP)."""
    return dict(tnc.word_freqs())


@lru_cache(maxsize=_SPAN_CACHE_SIZE)
def _lost_common_mark(word: str) -> tuple[int, int, str] | None:
    """Return where and which mark dictionary ``word`` lost, if its marked twin is far likelier.

    A lone ``ที`` is a word (a turn), but ``ที่`` is sixty times as common: in OCR text,
    where marks are lost all the time, ``ที`` is ``ที่`` with its mark lost.
    """
    found = _misreading(word, lookalikes=False)
    if found is None:
        return None
    offset, _, mark = found
    counts = _word_counts()
    marked = counts.get(word[:offset] + mark + word[offset:], 0)
    common = marked >= _COMMON_WORD and marked >= _LIKELIER * counts.get(word, 0)
    return found if common else None


@dataclass(frozen=True, slots=True)
class _MarkFix:
    """A misreading to mend at ``offset`` of a Thai run, found in its words ``first``–``last``.

    ``replaced`` characters as read there become ``mark`` (none for a lost tone mark).
    """

    first: int
    last: int
    offset: int
    replaced: int
    mark: str

    @property
    def key(self) -> tuple[int, int, str]:
        """What the fix does, whichever words it was found in."""
        return (self.offset, self.replaced, self.mark)


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
            found = _misreading(span)
            if found is not None:
                offset, replaced, mark = found
                proposed.append(_MarkFix(first, last, starts[first] + offset, replaced, mark))
    in_doubt = {
        fix.key
        for fix in proposed
        for other in proposed
        if fix.key != other.key and fix.first <= other.last and other.first <= fix.last
    }
    shortest: dict[tuple[int, int, str], _MarkFix] = {}
    for fix in proposed:
        key = fix.key
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
            offset, _, mark = common
            fixes.append(_MarkFix(index, index, starts[index] + offset, 0, mark))
    return sorted(fixes, key=lambda fix: fix.offset)


def _before_stray_mark(words: Sequence[str], index: int) -> bool:
    """Tell whether the word after ``words[index]`` starts with a stray mark that is its own."""
    return index + 1 < len(words) and words[index + 1][0] in _MARKS_ABOVE_VOWEL


@lru_cache(maxsize=_RUN_CACHE_SIZE)
def _restore_run(
    run: str, *, glued_before: bool, glued_after: bool
) -> tuple[str, tuple[tuple[str, str], ...]]:
    """Return a run of Thai letters with lost marks restored, and the words repaired.

    ``glued_before``/``glued_after``: a space splits a word at that edge of the run.
    """
    pieces = run.split(_SPLIT_SARA_AM)
    amended = _SARA_AM.join(pieces)
    words = segment_words(amended)
    starts = [0, *accumulate(len(word) for word in words)]
    # Sara am written back, as offsets in ``amended``: each one was two characters as read.
    sara_am_at = [end - 1 for end in accumulate(len(piece) + 1 for piece in pieces[:-1])]
    fixes = _mark_fixes(words, glued_before=glued_before, glued_after=glued_after)
    word_at = [bisect_right(starts, offset) - 1 for offset in sara_am_at]
    repaired_words = [(index, index) for index in word_at]
    repaired_words += [(fix.first, fix.last) for fix in fixes]
    repaired = amended
    for fix in reversed(fixes):
        repaired = repaired[: fix.offset] + fix.mark + repaired[fix.offset + fix.replaced :]

    def as_read(offset: int) -> int:
        return offset + bisect_left(sara_am_at, offset)

    def after_repair(offset: int) -> int:
        # A mark restored on a word's last vowel has the next word's start offset: it counts.
        return offset + sum(len(fix.mark) - fix.replaced for fix in fixes if fix.offset <= offset)

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
    runs = list(THAI_RUN.finditer(text))
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


_GLUED_APOSTROPHE = re.compile(
    f"(?<=[\u0e01-\u0e2e\u0e30-\u0e3a\u0e40-\u0e4e])['’`](?={_LETTER}|\\s|$)"
)
"""An apostrophe after a Thai letter: Tesseract's reading of ``่`` now and then."""


def restore_apostrophe_marks(text: str) -> tuple[str, list[tuple[str, str]]]:
    """Return OCR ``text`` with an apostrophe read for ``่`` put back as the mark, and the repairs.

    No Thai word holds an apostrophe, and ``่`` looks like one (``เผยแพร'ประกาศ``). It is
    taken for the mark only where the word it then stands in is a dictionary word.
    """
    repairs: list[tuple[str, str]] = []

    def restore(match: re.Match[str]) -> str:
        before = trailing_thai(text[: match.start()])
        after = leading_thai(text[match.end() :])
        joined = before + _TONE_MARKS[0] + after
        end = len(before) + 1
        bounds = {0, *word_ends(joined)}
        word_start = max(start for start in bounds if start < end)
        word_end = min((stop for stop in bounds if stop >= end), default=len(joined))
        if joined[word_start:word_end] not in _dictionary():
            return match.group()
        read = before[word_start:] + match.group()
        repairs.append((read, joined[word_start:end]))
        return _TONE_MARKS[0]

    return _GLUED_APOSTROPHE.sub(restore, text), repairs


def _splits_word(text: str, left: re.Match[str], right: re.Match[str]) -> bool:
    """Return whether only spaces part two Thai runs and closing them up makes a word span them."""
    gap = text[left.end() : right.start()]
    if not gap or not gap.isspace() or "\n" in gap:
        return False
    return joins_into_word(left[0], right[0])


@lru_cache(maxsize=8)
def _marked_phrases(phrases: tuple[str, ...]) -> tuple[re.Pattern[str], dict[str, str]] | None:
    """Return a pattern matching any long phrase with marks lost or letters read as lookalikes.

    Also returns each phrase by its :func:`_phrase_key`; two phrases with the same key are
    both left out, since the text cannot tell them apart.
    """
    by_key: dict[str, str | None] = {}
    for phrase in phrases:
        if any(char in _TONE_MARKS or char in _LOOKALIKE_OF for char in phrase) and (
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
    stretch of text that is one of ``phrases`` with some tone marks missing, or characters
    taken for their lookalikes (:data:`_LOOKALIKES`: an upper vowel in ``การปฏิบัติหน้าทิ``,
    ``ใ`` in ``ความโปร่งไส``), spaced as it may be, becomes the phrase.
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
        if "".join(phrase.split()) == "".join(read.split()):
            return read  # -- only spaced otherwise: nothing was misread --
        if phrase != read:
            repairs.append((read, phrase))
        return phrase

    return pattern.sub(restore, text), repairs


def _flexible(char: str) -> str:
    """Return the pattern of one phrase character: a mark may be lost, a letter misread."""
    if char in _TONE_MARKS:
        return f"[{re.escape(_lookalike_class(char))}]?"
    if char in _LOOKALIKE_OF:
        return f"[{_lookalike_class(char)}]"
    return r"\s*" if char.isspace() else re.escape(char)


@lru_cache(maxsize=64)
def _lookalike_class(char: str) -> str:
    """Return ``char`` with every character OCR may read for it, or it for, directly or not."""
    found = {char}
    while grown := {other for seen in found for other in _LOOKALIKE_OF.get(seen, "")} - found:
        found |= grown
    return "".join(sorted(found))


def _phrase_key(text: str) -> str:
    """Return ``text`` as compared with a phrase: no tone marks or spaces, lookalikes as one."""
    return "".join(
        _lookalike_class(char)[0] for char in text if char not in _TONE_MARKS and not char.isspace()
    )


def dictionary_share(text: str) -> float:
    """Return the share of ``text``'s Thai letters that stand in dictionary words (0–1).

    Tells Thai from junk that only looks like it: Tesseract reads a row of stray tone marks
    as letters (``ขยฉณ``), which no dictionary segments into words.
    """
    words = [word for word in segment_words(text) if THAI_RUN.fullmatch(word)]
    letters = sum(len(word) for word in words)
    if not letters:
        return 0.0
    dictionary = _dictionary()
    return sum(len(word) for word in words if word in dictionary) / letters
