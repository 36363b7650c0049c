"""The overall result: score, level in the document's words, passed and grade."""

from __future__ import annotations

from collections.abc import Iterable

from ita_extract import framework
from ita_extract.normalize.thai import clean_text, parse_score
from ita_extract.recognize import SectionKind
from ita_extract.records.context import BuildContext
from ita_extract.report import Grade, Overall

_SEARCHED_SECTIONS = (SectionKind.TITLE, SectionKind.ANALYSIS)
"""The overall sentence stands before part 1's topics; later prose quotes other scores."""


def _find_after(phrases: Iterable[str], text: str, start: int = 0) -> int | None:
    """Return the offset just after the first of ``phrases`` found in ``text`` from ``start``."""
    for phrase in phrases:
        index = text.find(phrase, start)
        if index != -1:
            return index + len(phrase)
    return None


def sentence_to_overall(text: str, ctx: BuildContext) -> tuple[float, str | None] | None:
    """Given a cleaned paragraph, return its overall score and level, or None if it has none.

    ``คะแนนที่ได้ 95.51 คะแนน ระดับผลการประเมินอยู่ที่ ผ่าน`` → ``(95.51, 'ผ่าน')``.
    """
    words = ctx.vocabulary.words
    after_score = _find_after(words("overall.score_phrases"), text)
    if after_score is None:
        return None
    # The first number 0-100 after the phrase: a year before it (ประจำปี 2568) is skipped.
    scores = (parse_score(token) for token in text[after_score:].split())
    score = next((value for value in scores if value is not None), None)
    if score is None:
        return None
    after_level = _find_after(words("overall.result_phrases"), text, after_score)
    if after_level is None:
        # The level may come first: "ผลการประเมินอยู่ในระดับ A ได้คะแนน 90.12 คะแนน".
        after_level = _find_after(words("overall.result_phrases"), text)
    level = None
    if after_level is not None:
        tokens = text[after_level:].split()
        level = tokens[0].strip(" .,:;()") if tokens else None
    return score, level or None


def _stated_grade(result: str | None) -> Grade | None:
    if result is None:
        return None
    try:
        return Grade(result.upper())
    except ValueError:
        return None


def _stated_passed(result: str | None, ctx: BuildContext) -> bool | None:
    if result is None:
        return None
    if any(result.startswith(word) for word in ctx.vocabulary.words("overall.failed_words")):
        return False
    if any(result.startswith(word) for word in ctx.vocabulary.words("overall.passed_words")):
        return True
    return None


def build_overall(ctx: BuildContext, total_row_score: float | None = None) -> Overall:
    """Return the overall result.

    The sentence of the title block or part 1's introduction is read; failing that, the
    indicator table's total row (``total_row_score``). ``grade`` and ``passed`` are the
    document's where it states them, else derived from the score by the year's thresholds.
    """
    found: tuple[float, str | None] | None = None
    for section in ctx.layout.sections:
        if section.kind not in _SEARCHED_SECTIONS:
            continue
        for _, paragraph in ctx.layout.paragraphs_in(section):
            found = sentence_to_overall(clean_text(paragraph.text), ctx)
            if found is not None:
                break
        if found is not None:
            break
    score, result = found if found is not None else (total_row_score, None)
    if result is not None:
        result = ctx.clean(result)
    grade = _stated_grade(result)
    passed = _stated_passed(result, ctx)
    if score is not None:
        grade = grade or framework.grade_for_score(score, ctx.fiscal_year)
        passed = (
            passed if passed is not None else framework.passed_for_score(score, ctx.fiscal_year)
        )
    return Overall(score=score, result=result, passed=passed, grade=grade)
