"""Indicator scores stated in text: sentences, bullets, or a name cell with its score under it.

Reports without an indicator table still state each indicator's score: a prose analysis writes
``ตัวชี้วัดที่ 1 การปฏิบัติหน้าที่ ได้ 97.68 คะแนน``, an indicator-analysis table puts
``97.68 คะแนน`` on the line under ``1. การปฏิบัติหน้าที่``. A mention is an indicator's name (as
the year's framework knows it, matched fuzzily) followed by a score with nothing between them
but the vocabulary's connecting words (``ได้``, ``มีคะแนน``, the tool's acronym): text that only
names an indicator's subject (a topic, a plan row) is no mention.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

from ita_extract import framework
from ita_extract.document import Cell, Paragraph
from ita_extract.normalize.numbers import find_number_phrases
from ita_extract.normalize.thai import thai_to_arabic_digits
from ita_extract.recognize.matching import locate_phrase, phrase_key, text_key
from ita_extract.records.context import BuildContext
from ita_extract.records.evidence import evidence_of
from ita_extract.report import Indicator
from ita_extract.vocabulary import Phrases

DEFAULT_MENTION_NAME_SCORE = 90.0
"""How alike (rapidfuzz partial ratio of keys) the text must be to an indicator's name."""


@dataclass(frozen=True)
class _Mention:
    number: int
    name: str
    score: float
    source: Paragraph | Cell


def text_indicators(ctx: BuildContext) -> list[Indicator]:
    """Return the indicators whose scores the document states in text, first mention each."""
    found: dict[int, Indicator] = {}
    for source in _sources(ctx):
        for mention in _mentions(source, ctx):
            if mention.number not in found:
                found[mention.number] = Indicator(
                    number=mention.number,
                    tool=framework.indicator_tool(mention.number, ctx.fiscal_year),
                    name=mention.name,
                    score=mention.score,
                    page=mention.source.page,
                    evidence=evidence_of(mention.source),
                )
    return sorted(found.values(), key=lambda indicator: indicator.number)


def _sources(ctx: BuildContext) -> Iterator[Paragraph | Cell]:
    """Every paragraph, and every table cell, in reading order."""
    for block in ctx.layout.document.blocks:
        if isinstance(block, Paragraph):
            yield block
            continue
        yield from sorted(block.cells, key=lambda c: (c.row_start, c.col_start))


def _mentions(source: Paragraph | Cell, ctx: BuildContext) -> Iterator[_Mention]:
    """Yield the mentions in ``source``: each score, with the indicator named just before it."""
    text = source.labelled_text if isinstance(source, Paragraph) else source.text
    spec_year = framework.get_framework(ctx.fiscal_year) or framework.get_framework(None)
    if spec_year is None:
        return
    arabic = thai_to_arabic_digits(text)
    connectives = sorted(
        {phrase_key(word) for word in ctx.vocabulary.words(Phrases.INDICATORS_SCORE_CONNECTIVES)},
        key=len,
        reverse=True,
    )
    start = 0
    for phrase in find_number_phrases(arabic):
        head = text[start : phrase.start]
        start = phrase.end
        reading = ctx.score_reading(text[phrase.start : phrase.end])
        head_key = text_key(head)
        if (reading.value is None and not reading.unreadable) or not head_key:
            continue
        named = [
            (located, spec)
            for spec in spec_year.indicators
            if (located := locate_phrase(spec.name, head_key)).score >= DEFAULT_MENTION_NAME_SCORE
            and _only_connectives(head_key[located.end :], connectives)
        ]
        if not named:
            continue
        located, spec = max(named, key=lambda pair: (pair[0].score, pair[0].end - pair[0].start))
        what = f"indicator {spec.number} score"
        score = ctx.take_number(reading, what=what, expected="a score 0-100", page=source.page)
        if score is None:
            continue
        name = _text_between(head, located.start, located.end)
        cleaned = ctx.clean(name, page=source.page) or spec.name
        yield _Mention(spec.number, cleaned, score, source)


def _only_connectives(gap: str, connectives: list[str]) -> bool:
    """Return whether ``gap`` (a key) is made only of connecting words, or is empty."""
    while gap:
        word = next((word for word in connectives if gap.startswith(word)), None)
        if word is None:
            return False
        gap = gap[len(word) :]
    return True


def _text_between(text: str, key_start: int, key_end: int) -> str:
    """Return the part of ``text`` whose key spans ``[key_start, key_end)``, last marks kept."""
    end = _offset(text, key_end)
    while end < len(text) and unicodedata.category(text[end]) == "Mn":
        end += 1
    # -- the name starts at the letter that makes the key's next character, after any
    #    punctuation or list marker the key leaves out --
    start = max(_offset(text, key_start + 1) - 1, 0)
    return text[start:end].strip()


def _offset(text: str, key_length: int) -> int:
    """The shortest prefix of ``text`` whose key is ``key_length`` long (binary search)."""
    low, high = 0, len(text)
    while low < high:
        middle = (low + high) // 2
        if len(text_key(text[:middle])) >= key_length:
            high = middle
        else:
            low = middle + 1
    return low
