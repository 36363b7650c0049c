"""Every warning code the parser can emit, with its meaning and severity: the one registry.

A warning says that a value was repaired, is in doubt, or is missing, so a person (or a
dashboard) can decide what to trust. Readers, record builders and cross-checks emit only the
members of :class:`WarningCode`; the table in ``docs/warnings.md`` is :func:`markdown_table`'s
output, and a test fails when either drifts. Like ``report.py`` this module is a bottom layer:
it imports nothing else from ``ita_extract``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Final


class WarningSeverity(StrEnum):
    """How much a warning should change what a reader trusts."""

    REPAIRED = "repaired"
    """Something was put right where only one reading makes sense; the value can be used."""
    DOUBTFUL = "doubtful"
    """A value may be wrong, or was dropped because it could not be read for sure: look."""
    MISSING = "missing"
    """Something a report of its year should state was not found: the field is null or short."""
    INFO = "info"
    """A fact about the file worth counting; the values are not in doubt."""

    @property
    def thai(self) -> str:
        """The severity's name in Thai, for what ``validate --lang th`` prints."""
        return _THAI_SEVERITIES[self]


_THAI_SEVERITIES: Final = {
    WarningSeverity.REPAIRED: "ซ่อมแล้ว",
    WarningSeverity.DOUBTFUL: "น่าสงสัย",
    WarningSeverity.MISSING: "ไม่พบ",
    WarningSeverity.INFO: "ข้อมูล",
}


class WarningCode(StrEnum):
    """The registered warning codes (stable: a batch run counts them across years)."""

    # -- readers --
    DOCX_TRACKED_CHANGES = "docx.tracked_changes"
    DOCX_NUMBERING_UNDEFINED = "docx.numbering_undefined"
    DOCX_MERGE_WITHOUT_START = "docx.merge_without_start"
    DOCX_EMBEDDED_CONTENT_SKIPPED = "docx.embedded_content_skipped"
    PDF_PAGE_WITHOUT_TEXT = "pdf.page_without_text"
    PDF_SCAN_TEXT_LAYER = "pdf.scan_text_layer"
    TEXT_GLYPHS_REPAIRED = "text.glyphs_repaired"
    TEXT_FOREIGN_SCRIPT = "text.foreign_script"
    TEXT_SPLIT_YEAR = "text.split_year"
    OCR_LOW_CONFIDENCE = "ocr.low_confidence"
    OCR_REPAIRED = "ocr.repaired"
    OCR_BLANK_PAGE = "ocr.blank_page"
    OCR_UNREADABLE_PAGE = "ocr.unreadable_page"
    # -- values read from cells and phrases --
    NUMBER_REPAIRED = "number.repaired"
    NUMBER_UNREADABLE = "number.unreadable"
    # -- record builders --
    TOPIC_NUMBER_INFERRED = "topic.number_inferred"
    TOPIC_UNREADABLE_CODE = "topic.unreadable_code"
    TOPIC_UNZIPPED_SCORES = "topic.unzipped_scores"
    RECOMMENDATION_CODE_INFERRED = "recommendation.code_inferred"
    ITEM_CONFLICTING_SCORE = "item.conflicting_score"
    PLAN_UNREAD_TIMEFRAME = "plan.unread_timeframe"
    # -- what the report of its year should state, and did not --
    MISSING_AGENCY = "missing.agency"
    MISSING_FISCAL_YEAR = "missing.fiscal_year"
    MISSING_OVERALL = "missing.overall"
    MISSING_INDICATORS = "missing.indicators"
    # -- cross-checks of the values read against each other and the framework --
    CHECK_OVERALL_MEAN = "check.overall_mean"
    CHECK_ITEM_TOOL = "check.item_tool"
    CHECK_STATED_TWICE = "check.stated_twice"

    @property
    def severity(self) -> WarningSeverity:
        """Return the code's registered severity."""
        return REGISTRY[self].severity

    @property
    def meaning(self) -> str:
        """Return what the code means, as the docs state it."""
        return REGISTRY[self].meaning


@dataclass(frozen=True)
class WarningInfo:
    """What one code means and how severe it is."""

    severity: WarningSeverity
    meaning: str


_R, _D, _M, _I = (
    WarningSeverity.REPAIRED,
    WarningSeverity.DOUBTFUL,
    WarningSeverity.MISSING,
    WarningSeverity.INFO,
)

REGISTRY: Final[dict[WarningCode, WarningInfo]] = {
    WarningCode.DOCX_TRACKED_CHANGES: WarningInfo(
        _I, "The document holds tracked changes; they were read as accepted."
    ),
    WarningCode.DOCX_NUMBERING_UNDEFINED: WarningInfo(
        _D,
        "A paragraph names a list or level that `numbering.xml` does not define; its label "
        "is left out.",
    ),
    WarningCode.DOCX_MERGE_WITHOUT_START: WarningInfo(
        _R, "A vertically merged cell continues no cell above it; it is read as a cell of its own."
    ),
    WarningCode.DOCX_EMBEDDED_CONTENT_SKIPPED: WarningInfo(
        _M, "An embedded HTML/RTF chunk (`w:altChunk`) was left out."
    ),
    WarningCode.PDF_PAGE_WITHOUT_TEXT: WarningInfo(
        _M,
        "A page has no usable text layer and was not read by OCR (OCR off or not installed).",
    ),
    WarningCode.PDF_SCAN_TEXT_LAYER: WarningInfo(
        _D,
        "A scanned page was read from the invisible text an OCR program laid over it; its "
        "tables are not recognised.",
    ),
    WarningCode.TEXT_GLYPHS_REPAIRED: WarningInfo(
        _R,
        "A page's Thai glyphs were damaged (Private Use Area marks, a split `ำ`, marks out of "
        "order, U+FFFD) and repaired; once per page, the message counts each kind.",
    ),
    WarningCode.TEXT_FOREIGN_SCRIPT: WarningInfo(
        _D,
        "Letters of another script (Arabic, Cyrillic…) inside Thai text: a broken PDF font "
        "map; those words cannot be trusted. Once per page.",
    ),
    WarningCode.TEXT_SPLIT_YEAR: WarningInfo(
        _R,
        "A year was written with a space inside (`256 6`, from justified layout) and read "
        "whole; the message quotes it as written.",
    ),
    WarningCode.OCR_LOW_CONFIDENCE: WarningInfo(
        _D, "Tesseract, or the digit reader, was unsure of some words; the message quotes them."
    ),
    WarningCode.OCR_REPAIRED: WarningInfo(
        _R,
        "A look-alike OCR reading was fixed where only one reading makes sense (a letter "
        "inside a number, a lost tone mark); the message gives both readings.",
    ),
    WarningCode.OCR_BLANK_PAGE: WarningInfo(_I, "A scanned page has no ink; it gives no text."),
    WarningCode.OCR_UNREADABLE_PAGE: WarningInfo(
        _M, "A scanned page is mostly ink or noise, or OCR is too unsure of it; it gives no text."
    ),
    WarningCode.NUMBER_REPAIRED: WarningInfo(
        _R,
        "A score, year or count was read from a mistyped cell where only one reading makes "
        "sense (spaces inside the number, a decimal comma, O for zero); the message quotes "
        "the cell.",
    ),
    WarningCode.NUMBER_UNREADABLE: WarningInfo(
        _D,
        "A cell that should hold a score, year or count holds something else (two numbers, a "
        "letter inside, out of range); the value is null and the message quotes the cell.",
    ),
    WarningCode.TOPIC_NUMBER_INFERRED: WarningInfo(
        _R,
        "A topic table states no number and has no `ประเด็นที่ N` heading; it is numbered by "
        "its order.",
    ),
    WarningCode.TOPIC_UNREADABLE_CODE: WarningInfo(
        _D, "A topic-table row has a score but no readable item code; the row is left out."
    ),
    WarningCode.TOPIC_UNZIPPED_SCORES: WarningInfo(
        _D,
        "A table drawn without inner borders lists a different number of codes and scores; "
        "the scores are left out.",
    ),
    WarningCode.RECOMMENDATION_CODE_INFERRED: WarningInfo(
        _R,
        "A recommendation opened with a bare number (`๕ หน่วยงานควร…`); its letter was taken "
        "from the tool of the rows beside it.",
    ),
    WarningCode.ITEM_CONFLICTING_SCORE: WarningInfo(
        _D, "The same item code is stated with two different scores; the first is kept."
    ),
    WarningCode.PLAN_UNREAD_TIMEFRAME: WarningInfo(
        _D,
        "No month could be read from a plan row's time frame; its text is kept, `start` and "
        "`end` are null.",
    ),
    WarningCode.MISSING_AGENCY: WarningInfo(_M, "No agency name was found."),
    WarningCode.MISSING_FISCAL_YEAR: WarningInfo(_M, "No fiscal year was found."),
    WarningCode.MISSING_OVERALL: WarningInfo(
        _M, "No overall score was found (in a sentence, a score box or the total row)."
    ),
    WarningCode.MISSING_INDICATORS: WarningInfo(
        _M,
        "Fewer indicators were found than the framework of the year has; the message names them.",
    ),
    WarningCode.CHECK_OVERALL_MEAN: WarningInfo(
        _D,
        "The overall score is not the weighted mean of the indicator scores (the year's "
        "weights, beyond rounding): one of them may be misread.",
    ),
    WarningCode.CHECK_ITEM_TOOL: WarningInfo(
        _D, "An item is listed under another tool than its code letter says."
    ),
    WarningCode.CHECK_STATED_TWICE: WarningInfo(
        _D, "An indicator number is stated twice in the indicator table; both are kept."
    ),
}


def severity_of(code: str) -> WarningSeverity | None:
    """Return the severity of a registered ``code``, or None for a code not registered."""
    try:
        return REGISTRY[WarningCode(code)].severity
    except ValueError:
        return None


SEVERITY_ORDER: Final = (
    WarningSeverity.DOUBTFUL,
    WarningSeverity.MISSING,
    WarningSeverity.REPAIRED,
    WarningSeverity.INFO,
)
"""The order summaries list severities in: what a person must look at first."""
NEEDS_A_LOOK: Final = frozenset({WarningSeverity.DOUBTFUL, WarningSeverity.MISSING})
"""Severities that make ``ita-extract parse --strict`` fail."""


def severity_counts(codes: Iterable[str]) -> dict[WarningSeverity, int]:
    """Return how many of ``codes`` have each severity, in :data:`SEVERITY_ORDER`.

    A code this version does not know (read from newer JSON) counts as doubtful.
    """
    counts = dict.fromkeys(SEVERITY_ORDER, 0)
    for code in codes:
        counts[severity_of(code) or WarningSeverity.DOUBTFUL] += 1
    return counts


def summary_line(codes: Iterable[str], *, lang: str = "en") -> str | None:
    """Return ``3 warnings: 2 doubtful, 1 missing`` for ``codes``, or None when there are none.

    ``lang="th"`` gives ``คำเตือน 3 รายการ: น่าสงสัย 2, ไม่พบ 1``.
    """
    counts = {severity: count for severity, count in severity_counts(codes).items() if count}
    total = sum(counts.values())
    if not total:
        return None
    if lang == "th":
        parts = ", ".join(f"{severity.thai} {count}" for severity, count in counts.items())
        return f"คำเตือน {total} รายการ: {parts}"
    parts = ", ".join(f"{count} {severity}" for severity, count in counts.items())
    return f"{total} warning{'' if total == 1 else 's'}: {parts}"


def markdown_table() -> str:
    """Return the registry as the Markdown table ``docs/warnings.md`` holds."""
    lines = ["| Code | Severity | Meaning |", "|---|---|---|"]
    lines += [f"| `{code}` | {info.severity} | {info.meaning} |" for code, info in REGISTRY.items()]
    return "\n".join(lines)
