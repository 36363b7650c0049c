"""The Thai calendar as reports write it: month names, Buddhist Era years, fiscal years.

Action plans give time frames as a month (``ตุลาคม ๒๕๖๖``), a range whose year may be written
once (``ต.ค. – ธ.ค. 2567``), a quarter of the fiscal year (``ไตรมาสที่ ๒``) or the whole fiscal
year (``ตลอดปีงบประมาณ``); signatures give a day (``15 มีนาคม พ.ศ. 2568``). The contract wants
ISO months and dates in the Common Era. Month names come from PyThaiNLP.

A Thai fiscal year N (BE) runs from October of CE N − 544 to September of CE N − 543.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator
from dataclasses import dataclass

from pythainlp.util.date import thai_abbr_months, thai_full_months

from ita_extract.normalize.thai import (
    be_to_ce,
    clean_text,
    parse_year,
    thai_to_arabic_digits,
)
from ita_extract.report import Timeframe

FISCAL_YEAR_FIRST_MONTH = 10
"""The Thai fiscal year starts in October."""
_QUARTER_FIRST_MONTHS = (10, 1, 4, 7)
_MONTHS_PER_QUARTER = 3
_CE_YEARS = range(1900, 2201)
_BE_YEARS = range(2400, 2801)
_TWO_DIGIT_BE_CENTURY = 2500
"""``ต.ค. ๖๖`` means 2566: two-digit years are the last digits of a 25xx BE year."""

# A common misspelling of July (ฏ for ฎ) that Word does not flag.
_MONTH_ALIASES = {"กรกฏาคม": 7}
# English names: the occasional bilingual report writes ``October 2023``.
_ENGLISH_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def _abbreviation_pattern(abbreviation: str) -> str:
    """Return a pattern for a month abbreviation written with or without its dots and spaces.

    At least one dot is required, so ``พย`` inside ``พยาบาล`` is not November.
    """
    first, second = (part for part in abbreviation.split(".") if part)
    return rf"{first}(?:\.[ \t]*+{second}\.?|{second}\.)"


def _month_alternatives() -> Iterator[tuple[str, int]]:
    """Yield a pattern for every way a month is written, with the month's number."""
    for number, name in enumerate(thai_full_months, start=1):
        yield re.escape(name), number
    for name, number in _MONTH_ALIASES.items():
        yield re.escape(name), number
    for number, abbreviation in enumerate(thai_abbr_months, start=1):
        yield _abbreviation_pattern(abbreviation), number
    for number, name in enumerate(_ENGLISH_MONTHS, start=1):
        # The full name or its three-letter abbreviation, as a whole word in any case.
        yield rf"(?i:\b{name[:3]}(?:{name[3:]}\b|\.|\b))", number


_MONTH_ALTERNATIVES = list(_month_alternatives())
_MONTH_GROUPS = {f"month{index}": number for index, (_, number) in enumerate(_MONTH_ALTERNATIVES)}
_MONTH = "|".join(
    f"(?P<month{index}>{pattern})" for index, (pattern, _) in enumerate(_MONTH_ALTERNATIVES)
)
# Formal dates spell the era out (``พุทธศักราช ๒๕๖๖``) and the month's title word too
# (``วันที่ ๑๕ เดือนธันวาคม``).
_YEAR = r"(?:(?:พุทธศักราช|พ\.?[ \t]*+ศ\.?)[ \t]*+)?(?P<year>[0-9]{4}|[0-9]{2})(?![0-9])"
_MONTH_YEAR = re.compile(rf"(?:{_MONTH})(?:[ \t]*+{_YEAR})?")
_MONTH_NAME = re.compile(_MONTH)
_DAY_MONTH_YEAR = re.compile(
    rf"(?<![0-9])(?P<day>[0-9]{{1,2}})[ \t]*+(?:เดือน[ \t]*+)?(?:{_MONTH})[ \t]*+{_YEAR}"
)
_NUMERIC_DATE = re.compile(
    r"(?<![0-9])(?P<day>[0-9]{1,2})/(?P<month>[0-9]{1,2})/(?P<year>[0-9]{4}|[0-9]{2})(?![0-9])"
)
_QUARTERS = re.compile(
    r"ไตรมาส(?:ที่)?[ \t]*+[1-4](?:[ \t]*+(?:-|–|—|ถึง|,|และ)[ \t]*+(?:ไตรมาส(?:ที่)?[ \t]*+)?[1-4])*"
)
_QUARTER_DIGIT = re.compile(r"[1-4]")
# The whole fiscal year, also as "every quarter/month" of it.
_WHOLE_YEAR = re.compile(r"ตลอด(?:ทั้ง)?ปี|ทั้งปี|ปีงบประมาณ|ทุกไตรมาส|ทุกเดือน")


@dataclass(frozen=True, slots=True)
class _Month:
    """A month as written: the year may be missing (a range writes it once)."""

    month: int
    ce_year: int | None


_YearMonth = tuple[int, int]
"""A month with its CE year known: (CE year, month)."""


def _ce_year(written: str) -> int | None:
    """Return the CE year a written year means: BE (``2566``, ``66``) or CE (``2023``)."""
    year = int(written)
    if len(written) == 2:
        return be_to_ce(_TWO_DIGIT_BE_CENTURY + year)
    if year in _BE_YEARS:
        return be_to_ce(year)
    return year if year in _CE_YEARS else None


def _month_number(match: re.Match[str]) -> int:
    """Return the number of the month a :data:`_MONTH` alternative matched."""
    return next(number for group, number in _MONTH_GROUPS.items() if match.group(group) is not None)


def _months(digits: str) -> list[_Month]:
    """Return the months in ``digits`` (text with Arabic digits), each with its year if written."""
    return [
        _Month(_month_number(match), _ce_year(match["year"]) if match["year"] else None)
        for match in _MONTH_YEAR.finditer(digits)
    ]


def _in_fiscal_year(month: int, fiscal_year: int) -> _YearMonth:
    """Return ``month`` of BE ``fiscal_year`` with its CE year (October opens the year)."""
    ce_year = be_to_ce(fiscal_year)
    return (ce_year - 1 if month >= FISCAL_YEAR_FIRST_MONTH else ce_year), month


def _resolve_years(months: list[_Month], fiscal_year: int | None) -> list[_YearMonth] | None:
    """Give every month a year, or return None when no year is known at all.

    A month without a year takes the next written year (a range writes it once, at its end:
    ``ต.ค. – ธ.ค. 2567``), stepping back a year when it comes later in the calendar; failing
    that the previous written year; and when none is written, ``fiscal_year``'s.
    """
    known = [(month.ce_year, month.month) for month in months if month.ce_year is not None]
    if not known:
        if fiscal_year is None:
            return None
        return [_in_fiscal_year(month.month, fiscal_year) for month in months]
    resolved: list[_YearMonth] = []
    for index, month in enumerate(months):
        if month.ce_year is not None:
            resolved.append((month.ce_year, month.month))
            continue
        later = [(m.ce_year, m.month) for m in months[index + 1 :] if m.ce_year is not None]
        if later:
            year, later_month = later[0]
            resolved.append((year - 1 if month.month > later_month else year, month.month))
        else:
            year, earlier_month = resolved[-1]
            resolved.append((year + 1 if month.month < earlier_month else year, month.month))
    return resolved


def _iso_month(month: _YearMonth) -> str:
    return f"{month[0]:04d}-{month[1]:02d}"


def _span(first: _YearMonth, last: _YearMonth) -> tuple[str, str | None]:
    """Return ISO start and end months; a span of one month has no end."""
    start, end = _iso_month(first), _iso_month(last)
    return start, (end if end != start else None)


def fiscal_year_months(fiscal_year: int) -> tuple[str, str]:
    """Return the first and last ISO month of BE ``fiscal_year`` (2567: 2023-10, 2024-09)."""
    first = _in_fiscal_year(FISCAL_YEAR_FIRST_MONTH, fiscal_year)
    last = _in_fiscal_year(FISCAL_YEAR_FIRST_MONTH - 1, fiscal_year)
    return _iso_month(first), _iso_month(last)


def _timeframe_span(digits: str, fiscal_year: int | None) -> tuple[str | None, str | None]:
    """Return the ISO start and end months ``digits`` (Arabic-digit text) states."""
    year = parse_year(digits) or fiscal_year
    months = _months(digits)
    if months:
        resolved = _resolve_years(months, year)
        return _span(resolved[0], resolved[-1]) if resolved else (None, None)
    if year is None:
        return None, None
    quarters = _QUARTERS.search(digits)
    if quarters:
        numbers = [int(digit) for digit in _QUARTER_DIGIT.findall(quarters[0])]
        first_month = _QUARTER_FIRST_MONTHS[numbers[0] - 1]
        last_month = _QUARTER_FIRST_MONTHS[numbers[-1] - 1] + _MONTHS_PER_QUARTER - 1
        return _span(_in_fiscal_year(first_month, year), _in_fiscal_year(last_month, year))
    if _WHOLE_YEAR.search(digits):
        start, end = fiscal_year_months(year)
        return start, end
    return None, None


def parse_timeframe(
    text: str, *, fiscal_year: int | None = None, keep_thai_digits: bool = False
) -> Timeframe:
    """Return the time frame an action-plan cell states, with ISO start and end months.

    A single month gives ``start`` only; a range gives both, sharing a year written once
    (``ต.ค. – ธ.ค. 2567`` → 2024-10 … 2024-12). A quarter (``ไตรมาสที่ ๒``) and the whole
    fiscal year (``ตลอดปีงบประมาณ [2568]``) are months of the fiscal year written in the text,
    else of ``fiscal_year`` (BE, the plan's year); months without any year also take
    ``fiscal_year``. Without a year, or for a phrase that is no time frame, ``start`` and
    ``end`` are None. ``text`` is kept as written, cleaned like any free text.

    Raises:
        ValueError: ``text`` is empty once cleaned (a time frame needs words).
    """
    cleaned = clean_text(text, keep_thai_digits=keep_thai_digits)
    if not cleaned:
        raise ValueError("a time frame needs text")
    start, end = _timeframe_span(thai_to_arabic_digits(cleaned), fiscal_year)
    return Timeframe(text=cleaned, start=start, end=end)


def names_month(text: str) -> bool:
    """Return whether ``text`` names a month, full or abbreviated (``'ตุลาคม'``, ``'ต.ค.'``).

    A month-grid plan names one month per column; asking this needs no year, unlike
    :func:`parse_timeframe`, and a quarter or the whole year (``ไตรมาส 1``, ``ทุกเดือน``) is
    no month's name.
    """
    return _MONTH_NAME.search(text) is not None


def parse_month_year(text: str) -> str | None:
    """Return the first month written with its year as an ISO month, or None.

    ``'ตุลาคม ๒๕๖๖'``, ``'ต.ค. ๖๖'`` and ``'ต.ค.66'`` all give ``'2023-10'``.
    """
    for month in _months(thai_to_arabic_digits(text)):
        if month.ce_year is not None:
            return _span((month.ce_year, month.month), (month.ce_year, month.month))[0]
    return None


def _date(year: str, month: int, day: str) -> datetime.date | None:
    ce_year = _ce_year(year)
    if ce_year is None:
        return None
    try:
        return datetime.date(ce_year, month, int(day))
    except ValueError:
        return None


def parse_thai_date(text: str) -> datetime.date | None:
    """Return the first date in ``text``, or None.

    ``'ประกาศ ณ วันที่ 15 มีนาคม พ.ศ. 2568'`` and ``'วันที่ ๑๕ มี.ค. ๒๕๖๘'`` give 2025-03-15;
    ``15/03/2568`` (day/month/BE year) too, and the formal ``วันที่ 15 เดือนธันวาคม
    พุทธศักราช 2566``. Impossible dates (31 February) give None.
    """
    digits = thai_to_arabic_digits(text)
    for match in _DAY_MONTH_YEAR.finditer(digits):
        date = _date(match["year"], _month_number(match), match["day"])
        if date is not None:
            return date
    for match in _NUMERIC_DATE.finditer(digits):
        date = _date(match["year"], int(match["month"]), match["day"])
        if date is not None:
            return date
    return None
