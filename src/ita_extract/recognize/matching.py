"""Fuzzy phrase matching on match keys, the one comparison every recogniser uses.

Keys come from :func:`ita_extract.normalize.thai.match_key` (spacing, punctuation, digit script
and PDF glyph damage gone) with the nonspacing marks dropped as well: OCR and damaged fonts lose
or misplace vowel and tone marks far more often than letters, and a heading is told by its
letters. What is left to tolerate is spelling slips, which rapidfuzz scores.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from rapidfuzz import fuzz

from ita_extract.normalize.thai import match_key, without_marks
from ita_extract.report import Tool
from ita_extract.vocabulary import Vocabulary


@dataclass(frozen=True)
class PhraseMatch:
    """Where a phrase was found in a key, and how well it matched."""

    phrase: str
    score: float
    start: int
    """Offset in the key where the match starts."""
    end: int
    """Offset in the key just after the match."""


def text_key(text: str) -> str:
    """Return the key recognition compares: the match key without nonspacing marks."""
    return without_marks(match_key(text))


@cache
def phrase_key(phrase: str) -> str:
    """Return the key of a vocabulary phrase, computed once."""
    return text_key(phrase)


def locate_phrase(phrase: str, key: str) -> PhraseMatch:
    """Return the best alignment of ``phrase`` inside ``key``.

    A key shorter than the phrase is compared whole, so a truncated heading still scores.
    """
    wanted = phrase_key(phrase)
    if not wanted or not key:
        return PhraseMatch(phrase, 0.0, 0, 0)
    if len(key) <= len(wanted):
        return PhraseMatch(phrase, fuzz.ratio(wanted, key), 0, len(key))
    alignment = fuzz.partial_ratio_alignment(wanted, key)
    if alignment is None:
        return PhraseMatch(phrase, 0.0, 0, 0)
    return PhraseMatch(phrase, alignment.score, alignment.dest_start, alignment.dest_end)


def whole_ratio(phrase: str, key: str) -> float:
    """Return how alike ``phrase`` and the whole of ``key`` are (rapidfuzz ratio, 0-100)."""
    return fuzz.ratio(phrase_key(phrase), key)


def best_phrase_at_start(
    phrases: Iterable[str], key: str, *, max_offset: int, min_score: float
) -> PhraseMatch | None:
    """Return the best phrase that ``key`` starts with (within ``max_offset``), or None.

    Only the start of the key is searched: a heading names its section first, while body
    text may mention a heading's words anywhere.
    """
    best: PhraseMatch | None = None
    for phrase in phrases:
        window = key[: len(phrase_key(phrase)) + max_offset]
        match = locate_phrase(phrase, window)
        good = match.score >= min_score and match.start <= max_offset
        if good and (best is None or match.score > best.score):
            best = match
    return best


def keyword_score(
    keyword: str, label_key: str, *, min_partial_chars: int, max_offset: int
) -> float:
    """Return how well a header ``keyword`` names a column whose label has key ``label_key``.

    Short keywords (``แบบ``, ``ที่``) would be found inside any longer label, so they must
    match the whole label; longer ones may stand inside it (``คะแนน`` in ``คะแนนปี2566``),
    within ``max_offset`` key characters of its start: further in, a label is data that
    reached the header row (a table drawn without inner borders), not a column name.
    """
    wanted = phrase_key(keyword)
    if not wanted or not label_key:
        return 0.0
    if len(wanted) < min_partial_chars:
        return 100.0 if wanted == label_key else 0.0
    return locate_phrase(keyword, label_key[: len(wanted) + max_offset]).score


def best_keyword_score(
    keywords: Iterable[str], label_key: str, *, min_partial_chars: int, max_offset: int
) -> float:
    """Return the best :func:`keyword_score` of any of ``keywords``."""
    return max(
        (
            keyword_score(
                word, label_key, min_partial_chars=min_partial_chars, max_offset=max_offset
            )
            for word in keywords
        ),
        default=0.0,
    )


def contains_phrase(phrases: Iterable[str], text: str, *, min_score: float) -> bool:
    """Return whether any of ``phrases`` occurs (fuzzily) anywhere in ``text``."""
    key = text_key(text)
    return any(locate_phrase(phrase, key).score >= min_score for phrase in phrases)


def text_to_tool(text: str, vocabulary: Vocabulary) -> Tool | None:
    """Return the one tool ``text`` names (``IIT``, ``แบบวัด…ภายนอก (EIT)``), or None.

    None also when the text names several tools: a merged cell over two tools names neither.
    """
    key = text_key(text)
    if not key:
        return None
    named = {
        tool
        for tool, words in vocabulary.tools.items()
        if any(phrase_key(word) in key for word in words)
    }
    return named.pop() if len(named) == 1 else None
