"""The overall result: score, level in the document's words, passed and grade."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ita_extract import framework
from ita_extract.document import Paragraph, Region
from ita_extract.normalize.numbers import (
    NumberPhrase,
    NumberReading,
    find_number_phrases,
    read_stated_number,
)
from ita_extract.normalize.thai import BE_YEAR_RANGE, clean_text, match_key, thai_to_arabic_digits
from ita_extract.recognize import SectionKind, TableKind
from ita_extract.records.context import BuildContext
from ita_extract.records.evidence import regions_to_evidence, sources_of
from ita_extract.report import Grade, Overall
from ita_extract.vocabulary import Phrases, Vocabulary

_SEARCHED_SECTIONS = (SectionKind.TITLE, SectionKind.ANALYSIS)
"""The overall sentence stands before part 1's topics; later prose quotes other scores."""
_NOT_READ_AS_SENTENCES = (
    TableKind.TOPIC,
    TableKind.ANALYSIS,
    TableKind.ACTION_PLAN,
    TableKind.INDICATOR,
)
"""Tables whose rows are not read as sentences: topic, analysis and plan tables quote item
scores and measures, never the overall result; the indicator table's total row is read by its
columns (the report year's, not last year's nor the difference) by the indicator builder."""


def _find_after(phrases: Iterable[str], text: str, start: int = 0) -> int | None:
    """Return the offset just after the first of ``phrases`` found in ``text`` from ``start``."""
    for phrase in phrases:
        index = text.find(phrase, start)
        if index != -1:
            return index + len(phrase)
    return None


def _is_pass_mark(before: str, after: str, ctx: BuildContext) -> bool:
    """Return whether a number between ``before`` and ``after`` is the pass mark, not a score.

    ``เกณฑ์ผ่าน 85 คะแนน`` and ``ได้คะแนน 85 คะแนนขึ้นไป`` quote the threshold next to the score.
    """
    words = ctx.vocabulary.words
    return any(word in before for word in words(Phrases.OVERALL_PASS_MARK_BEFORE)) or any(
        word in after for word in words(Phrases.OVERALL_PASS_MARK_AFTER)
    )


def _phrase_score(phrase: NumberPhrase, ctx: BuildContext) -> NumberReading | None:
    """Return what a number phrase says as a score; None for a year or another plain number.

    A year before the score (``ประจำปี 2568 91.21``) is left out; a phrase that is no clean
    number (``7 9.62``, ``88.75 88.60``) is read whole, repaired or unreadable.
    """
    words = phrase.text.split()
    if len(words) > 1 and read_stated_number(words[0], integer=True).value in BE_YEAR_RANGE:
        words = words[1:]
    reading = ctx.score_reading(" ".join(words))
    if reading.unreadable and read_stated_number(" ".join(words)).value is not None:
        return None  # -- a clean number that is no score: a year, a count --
    return reading


def _score_after(text: str, start: int, ctx: BuildContext) -> NumberReading | None:
    """Return the first score phrase in ``text`` after ``start`` that is not the pass mark.

    A year before it (ประจำปี 2568) is no score 0-100, so it is skipped too.
    """
    tail = text[start:]
    for phrase in find_number_phrases(tail):
        reading = _phrase_score(phrase, ctx)
        if reading is None:
            continue
        before = tail[: phrase.start].split()[-1:]
        after = " ".join(tail[phrase.end :].split()[:2])
        if not _is_pass_mark(" ".join(before), after, ctx):
            return reading
    return None


_FORM_MARKS = " .,:;()="
"""Marks around a form's blank (``...ผ่าน....``, ``: A``), not part of the level."""


def _word_after(text: str, end: int) -> str | None:
    """Return the first word of ``text`` from ``end``, with a form's dots and colons dropped."""
    for token in text[end:].split():
        if word := token.strip(_FORM_MARKS):
            return word
    return None


def _level_after(text: str, start: int, ctx: BuildContext) -> str | None:
    """Return the level stated after a level phrase found from ``start``, or None.

    After a phrase that names the level (``อยู่ในระดับ``) the next word is the level, known or
    not; after one that also opens other sentences (``ผลการประเมิน``) only a result word is.
    """
    words = ctx.vocabulary.words
    after_level = _find_after(words(Phrases.OVERALL_RESULT_PHRASES), text, start)
    if after_level is not None:
        return _word_after(text, after_level)
    for phrase in words(Phrases.OVERALL_RESULT_PHRASES_IF_RESULT_WORD):
        index = text.find(phrase, start)
        while index != -1:
            word = _word_after(text, index + len(phrase))
            if word is not None and read_result(word, ctx.vocabulary) is not None:
                return word
            index = text.find(phrase, index + len(phrase))
    return None


def sentence_to_overall(text: str, ctx: BuildContext) -> tuple[NumberReading, str | None] | None:
    """Given a cleaned paragraph, return its overall score and level, or None if it has none.

    ``คะแนนที่ได้ 95.51 คะแนน ระดับผลการประเมินอยู่ที่ ผ่าน`` → ``(95.51, 'ผ่าน')``. A sentence
    comparing years (``ปี 2565 ได้คะแนน 80.00 … ปี 2566 ได้คะแนน 88.56``) is read from its
    mention of the report's year first.
    """
    for start in dict.fromkeys((_report_year_offset(text, ctx), 0)):
        after_score = _find_after(ctx.vocabulary.words(Phrases.OVERALL_SCORE_PHRASES), text, start)
        score = _score_after(text, after_score, ctx) if after_score is not None else None
        if after_score is not None and score is not None:
            # The level may come first: "ผลการประเมินอยู่ในระดับ A ได้คะแนน 90.12 คะแนน".
            level = _level_after(text, after_score, ctx) or _level_after(text, 0, ctx)
            return score, level
    return None


def _first_after(phrases: Iterable[str], text: str) -> int | None:
    """Return the offset just after the earliest of ``phrases`` in ``text``, or None."""
    ends = [index + len(phrase) for phrase in phrases if (index := text.find(phrase)) != -1]
    return min(ends, default=None)


def terse_sentence_to_overall(
    text: str, ctx: BuildContext, *, under_heading: bool = False
) -> tuple[NumberReading, str | None] | None:
    """Return the score and level of a terse overall sentence, or None.

    ``ได้ 88.56 คะแนน`` and ``ระดับผลการประเมิน A คะแนน 88.56`` name no overall score phrase, and
    say the same of a topic or an indicator (``ตัวชี้วัดที่ 9 ได้ 78.50 คะแนน``). So they are read
    only after words naming the overall result, or in the paragraph ``under_heading`` of the
    overall result, and not after a word naming a part of it.
    """
    words = ctx.vocabulary.words
    start = 0 if under_heading else _first_after(words(Phrases.OVERALL_ANCHORS), text)
    if start is None:
        return None
    for phrase in find_number_phrases(text[start:]):
        at = start + phrase.start
        previous = text[:at].split()[-1:]
        if previous not in ([word] for word in words(Phrases.OVERALL_TERSE_SCORE_BEFORE)):
            continue
        reading = _phrase_score(phrase, ctx)
        if reading is None:
            continue
        if any(word in text[:at] for word in words(Phrases.OVERALL_NOT_OVERALL)):
            return None
        return reading, _level_after(text, 0, ctx)
    return None


def _report_year_offset(text: str, ctx: BuildContext) -> int:
    """Return where ``text`` first names the report's fiscal year, or 0."""
    if ctx.fiscal_year is None:
        return 0
    return max(thai_to_arabic_digits(text).find(str(ctx.fiscal_year)), 0)


@dataclass(frozen=True)
class _Text:
    """A cleaned paragraph, or a table row read as one sentence."""

    text: str
    in_table: bool
    page: int | None
    sources: tuple[Region, ...] = ()
    """Where the paragraph or row was read."""


def _is_overall_heading(entry: _Text, ctx: BuildContext) -> bool:
    """Return whether ``entry`` is a paragraph that only names the overall result."""
    headings = {match_key(heading) for heading in ctx.vocabulary.words(Phrases.OVERALL_HEADINGS)}
    return not entry.in_table and match_key(entry.text) in headings


def _as_written(text: str) -> str:
    """Return ``text`` cleaned with its digits as typed, so a warning can quote them."""
    return clean_text(text, keep_thai_digits=True)


def _overall_texts(ctx: BuildContext) -> list[_Text]:
    """Return the texts that may state the overall result, in reading order.

    Paragraphs of the title block and part 1's introduction, and the rows of their tables that
    no table kind explains (a small ``คะแนนรวม | 92.10`` box).
    """
    layout = ctx.layout
    other_tables = {
        table.block_index for table in layout.tables if table.kind not in _NOT_READ_AS_SENTENCES
    }
    recognized = {table.block_index for table in layout.tables}
    texts: list[_Text] = []
    for section in layout.sections:
        if section.kind not in _SEARCHED_SECTIONS:
            continue
        first = section.body_start
        for index in range(first, section.end):
            block = layout.document.blocks[index]
            if isinstance(block, Paragraph):
                texts.append(
                    _Text(
                        _as_written(block.text),
                        in_table=False,
                        page=block.page,
                        sources=block.sources,
                    )
                )
            elif index in other_tables or index not in recognized:
                texts.extend(
                    _Text(
                        _as_written(" ".join(cell.text for cell in row)),
                        in_table=True,
                        page=next((cell.page for cell in row if cell.page), block.page),
                        sources=(*sources_of(*row),),
                    )
                    for row in block.rows()
                )
    return texts


@dataclass(frozen=True)
class _Found:
    """The overall score and level a text states, and where they were read."""

    score: float | None
    level: str | None
    sources: tuple[Region, ...]


def _find_overall(ctx: BuildContext) -> _Found | None:
    """Return the overall score and level the document states, or None.

    The sentence, which also states the level, is the first source (in its terse forms only
    where the overall result is named); a score box's row the second (the indicator table's
    total row is :func:`build_overall`'s last resort). A level missing beside the score may
    stand on the line below it (a form's next blank).
    """
    texts = _overall_texts(ctx)
    for in_table in (False, True):
        for index, entry in enumerate(texts):
            if entry.in_table is not in_table:
                continue
            under_heading = index > 0 and _is_overall_heading(texts[index - 1], ctx)
            found = sentence_to_overall(entry.text, ctx) or terse_sentence_to_overall(
                entry.text, ctx, under_heading=under_heading
            )
            if found is None:
                continue
            reading, level = found
            sources = entry.sources
            if level is None and index + 1 < len(texts):
                level = _level_after(texts[index + 1].text, 0, ctx)
                if level is not None:
                    sources += texts[index + 1].sources
            what = "overall score" + (" (table row)" if entry.in_table else "")
            score = ctx.take_number(reading, what=what, expected="one score 0-100", page=entry.page)
            return _Found(score, level, sources)
    return None


@dataclass(frozen=True)
class ResultReading:
    """What the document's result words say: passed or not, and a grade, where they say it."""

    passed: bool | None = None
    grade: Grade | None = None


def read_result(result: str, vocabulary: Vocabulary) -> ResultReading | None:
    """Return what ``result`` (ผ่าน, ไม่ผ่าน, AA, ระดับ A …) says, or None for words not known.

    The one reading of the result words: the builder takes the document's passed and grade
    from it, and validation compares them with the score by it.
    """
    key = match_key(result)
    # -- "ระดับ AA" states the grade after a result phrase; the longest phrase is the one typed --
    phrases = sorted(map(match_key, vocabulary.words(Phrases.OVERALL_RESULT_PHRASES)), key=len)
    for phrase in reversed(phrases):
        if key.startswith(phrase):
            key = key.removeprefix(phrase)
            break
    grades = {grade.value.casefold(): grade for grade in Grade}
    if key in grades:
        return ResultReading(grade=grades[key])
    # -- failed words first: ไม่ผ่าน contains ผ่าน --
    for words, passed in (
        (Phrases.OVERALL_FAILED_WORDS, False),
        (Phrases.OVERALL_PASSED_WORDS, True),
    ):
        if any(match_key(word) in key for word in vocabulary.words(words)):
            return ResultReading(passed=passed)
    return None


def build_overall(ctx: BuildContext, total_row_score: float | None = None) -> Overall:
    """Return the overall result.

    The sentence of the title block or part 1's introduction is read; failing that, the
    indicator table's total row (``total_row_score``). ``grade`` and ``passed`` are the
    document's where it states them, else derived from the score by the year's thresholds.
    """
    found = _find_overall(ctx)
    score, result = (found.score, found.level) if found is not None else (None, None)
    if score is None:
        # -- no sentence states it, or the one that does is unreadable: the total row --
        score = total_row_score
    if result is not None:
        result = ctx.clean(result)
    reading = read_result(result, ctx.vocabulary) if result else None
    grade = reading.grade if reading else None
    passed = reading.passed if reading else None
    if score is not None:
        grade = grade or framework.grade_for_score(score, ctx.fiscal_year)
        passed = (
            passed if passed is not None else framework.passed_for_score(score, ctx.fiscal_year)
        )
    evidence = regions_to_evidence(found.sources if found is not None else ())
    return Overall(score=score, result=result, passed=passed, grade=grade, evidence=evidence)
