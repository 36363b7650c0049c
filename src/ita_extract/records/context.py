"""What every record builder shares: the recognised layout, the options, and the warnings."""

from __future__ import annotations

from dataclasses import dataclass, field

from ita_extract.normalize.numbers import NumberReading, read_stated_score
from ita_extract.normalize.thai import (
    clean_text_with_repairs,
    find_split_years,
    parse_year,
    split_year_warnings,
)
from ita_extract.recognize import Layout
from ita_extract.report import Warning
from ita_extract.vocabulary import Phrases, Vocabulary
from ita_extract.warning_codes import WarningCode


@dataclass
class BuildContext:
    """The state builders share while turning one document into one report.

    Builders run in reading order of the report's fields; ``fiscal_year`` is set as soon as the
    title block is read, because later builders pick score columns and time frames by it.
    """

    layout: Layout
    keep_thai_digits: bool = False
    fiscal_year: int | None = None
    warnings: list[Warning] = field(default_factory=list)

    @property
    def vocabulary(self) -> Vocabulary:
        """Return the phrase lists recognition used."""
        return self.layout.settings.vocabulary

    def clean(self, text: str, *, page: int | None = None, where: str = "text") -> str:
        """Return ``text`` cleaned for the contract, recording what had to be repaired."""
        cleaned, repairs = clean_text_with_repairs(text, keep_thai_digits=self.keep_thai_digits)
        for warning in repairs.to_warnings(page=page, where=where):
            self._add_once(warning)
        return cleaned

    def read_year(self, text: str, *, what: str, page: int | None = None) -> int | None:
        """Return the first BE year in ``text``, warning where it was written split (``256 6``)."""
        year = parse_year(text)
        if year is not None:
            self.warn_split_year(text, year, what=what, page=page)
        return year

    def warn_split_year(self, text: str, year: int, *, what: str, page: int | None) -> None:
        """Warn if ``text`` writes ``year`` with a space inside, quoting it as written."""
        written = [split for split in find_split_years(text) if parse_year(split) == year]
        for warning in split_year_warnings(written, where=what, page=page):
            self._add_once(warning)

    def take_number(
        self, reading: NumberReading, *, what: str, expected: str, page: int | None = None
    ) -> float | None:
        """Return a number read from a cell or phrase, warning where it was repaired or dropped.

        ``what`` names the record (``indicator 3 score``) and the message quotes the text as
        written, so a person can find the cell.
        """
        if reading.unreadable:
            self.warn(
                WarningCode.NUMBER_UNREADABLE,
                f"{what}: {reading.text!r} is not {expected}; left null",
                page=page,
            )
        elif reading.value is not None and reading.repairs:
            self.warn(
                WarningCode.NUMBER_REPAIRED,
                f"{what}: {reading.text!r} read as {reading.value:g} "
                f"({', '.join(reading.repairs)})",
                page=page,
            )
        return reading.value

    def score_reading(self, text: str) -> NumberReading:
        """Return what ``text`` says as a score 0–100; a unit after it (``คะแนน``) is allowed."""
        return read_stated_score(text, units=self.vocabulary.words(Phrases.ITEMS_SCORE_WORDS))

    def read_score(self, text: str, *, what: str, page: int | None = None) -> float | None:
        """Return the score 0–100 that the whole of ``text`` is, warning as :meth:`take_number`."""
        return self.take_number(
            self.score_reading(text), what=what, expected="a score 0-100", page=page
        )

    def warn(self, code: WarningCode, message: str, *, page: int | None = None) -> None:
        """Record a warning under a stable dotted ``code``."""
        self._add_once(Warning(code=code, message=message, page=page))

    def _add_once(self, warning: Warning) -> None:
        # One repair kind per page is enough to count; a warning per field would drown the rest.
        if warning.code.startswith("text.") and any(
            known.code == warning.code and known.page == warning.page for known in self.warnings
        ):
            return
        if warning not in self.warnings:
            self.warnings.append(warning)
