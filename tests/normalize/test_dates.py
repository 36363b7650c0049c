from __future__ import annotations

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pythainlp.util import arabic_digit_to_thai_digit
from pythainlp.util.date import thai_abbr_months, thai_full_months

from ita_extract.normalize.dates import (
    names_month,
    parse_month_year,
    parse_thai_date,
    parse_timeframe,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ตุลาคม ๒๕๖๖", "2023-10"),
        ("ตุลาคม 2566", "2023-10"),
        ("ต.ค. ๖๖", "2023-10"),
        ("ต.ค.66", "2023-10"),
        ("ตค. 2566", "2023-10"),
        ("ต. ค. 2566", "2023-10"),
        ("มกราคม พ.ศ. ๒๕๖๗", "2024-01"),
        ("ม.ค. 67", "2024-01"),
        ("มี.ค. 2568", "2025-03"),
        ("กรกฏาคม 2567", "2024-07"),
        ("ตุลาคม 2023", "2023-10"),
        ("October 2023", "2023-10"),
        ("Oct. 2023", "2023-10"),
        ("march 2568", "2025-03"),
        ("Octopus 2023", None),
        ("ภายในเดือนธันวาคม ๒๕๖๖", "2023-12"),
        ("ตุลาคม", None),
        ("พยาบาล 66", None),
        ("ไม่มีเดือน 2566", None),
        ("", None),
    ],
)
def test_parse_month_year(text: str, expected: str | None) -> None:
    assert parse_month_year(text) == expected


@pytest.mark.parametrize(
    ("text", "fiscal_year", "start", "end"),
    [
        ("ตุลาคม ๒๕๖๖", None, "2023-10", None),
        ("ตุลาคม ๒๕๖๖ – กันยายน ๒๕๖๗", None, "2023-10", "2024-09"),
        ("ต.ค. ๖๖ - ก.ย. ๖๗", None, "2023-10", "2024-09"),
        ("1 ต.ค. 66 - 30 ก.ย. 67", None, "2023-10", "2024-09"),
        ("ต.ค. – ธ.ค. 2567", None, "2024-10", "2024-12"),
        ("ต.ค. – มี.ค. 2568", None, "2024-10", "2025-03"),
        ("ตุลาคม 2566 - มีนาคม", None, "2023-10", "2024-03"),
        ("ต.ค. - ธ.ค.", 2568, "2024-10", "2024-12"),
        ("มกราคม", 2568, "2025-01", None),
        ("ต.ค. - ธ.ค. ปีงบประมาณ 2567", 2568, "2023-10", "2023-12"),
        ("ต.ค. - ธ.ค.", None, None, None),
        ("ไตรมาส 1", 2568, "2024-10", "2024-12"),
        ("ไตรมาสที่ ๒", 2568, "2025-01", "2025-03"),
        ("ไตรมาสที่ 3", 2568, "2025-04", "2025-06"),
        ("ไตรมาสที่ 4", 2568, "2025-07", "2025-09"),
        ("ไตรมาสที่ 1 - 2", 2568, "2024-10", "2025-03"),
        ("ไตรมาส 1 ปีงบประมาณ 2567", 2568, "2023-10", "2023-12"),
        ("ไตรมาส 1", None, None, None),
        ("ตลอดปีงบประมาณ", 2568, "2024-10", "2025-09"),
        ("ตลอดปีงบประมาณ 2568", None, "2024-10", "2025-09"),
        ("ตลอดปีงบประมาณ พ.ศ. ๒๕๖๗", 2568, "2023-10", "2024-09"),
        ("ตลอดปีงบประมาณ", None, None, None),
        ("ตลอดปี", 2568, "2024-10", "2025-09"),
        ("ทุกไตรมาส", 2568, "2024-10", "2025-09"),
        ("ทุกเดือน", 2568, "2024-10", "2025-09"),
        ("ไตรมาส ๑-๔", 2567, "2023-10", "2024-09"),
        ("ต.ค.2566-ก.ย.2567", None, "2023-10", "2024-09"),
        ("ตค.66-กย.67", None, "2023-10", "2024-09"),
        ("1 ต.ค. 2566 ถึง 30 ก.ย. 2567", None, "2023-10", "2024-09"),
        ("เดือนตุลาคม พ.ศ. 2566 ถึงเดือนกันยายน พ.ศ. 2567", None, "2023-10", "2024-09"),
        ("ม.ค.-มี.ค. 68", None, "2025-01", "2025-03"),
        ("ตามความเหมาะสม", 2568, None, None),
    ],
)
def test_parse_timeframe(
    text: str, fiscal_year: int | None, start: str | None, end: str | None
) -> None:
    timeframe = parse_timeframe(text, fiscal_year=fiscal_year)
    assert (timeframe.start, timeframe.end) == (start, end)


@pytest.mark.parametrize(
    ("text", "keep_thai_digits", "expected"),
    [
        ("ตุลาคม ๒๕๖๖", False, "ตุลาคม 2566"),
        ("ตุลาคม ๒๕๖๖", True, "ตุลาคม ๒๕๖๖"),
        ("ตลอดปี\nงบประมาณ", False, "ตลอดปีงบประมาณ"),
        ("...ไตรมาส 1...", False, "ไตรมาส 1"),
    ],
)
def test_parse_timeframe_keeps_the_phrase_as_written(
    text: str, keep_thai_digits: bool, expected: str
) -> None:
    assert parse_timeframe(text, keep_thai_digits=keep_thai_digits).text == expected


@pytest.mark.parametrize("text", ["", "  \n ", "....."])
def test_parse_timeframe_rejects_empty_text(text: str) -> None:
    with pytest.raises(ValueError, match="time frame"):
        parse_timeframe(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ประกาศ ณ วันที่ 15 มีนาคม พ.ศ. 2568", datetime.date(2025, 3, 15)),
        ("วันที่ ๑๕ มี.ค. ๒๕๖๘", datetime.date(2025, 3, 15)),
        ("สั่ง ณ วันที่ ๑ ตุลาคม ๒๕๖๖", datetime.date(2023, 10, 1)),
        ("15/03/2568", datetime.date(2025, 3, 15)),
        ("๑๕/๐๓/๖๘", datetime.date(2025, 3, 15)),
        ("ประกาศ ณ วันที่ 15 เดือน ธันวาคม พ.ศ. 2566", datetime.date(2023, 12, 15)),
        ("วันที่ ๑๕ เดือนธันวาคม พุทธศักราช ๒๕๖๖", datetime.date(2023, 12, 15)),
        ("ให้ไว้ ณ วันที่ 1 ตุลาคม พุทธศักราช 2567", datetime.date(2024, 10, 1)),
        ("31 กุมภาพันธ์ 2568", None),
        ("มีนาคม 2568", None),
        ("ไม่มีวันที่", None),
    ],
)
def test_parse_thai_date(text: str, expected: datetime.date | None) -> None:
    assert parse_thai_date(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ต.ค.", True),
        ("ตค.", True),
        ("ตุลาคม", True),
        (" ธ.ค. ๖๖ ", True),
        ("เดือนมกราคม", True),
        ("กรกฏาคม", True),
        ("ไตรมาส 1", False),
        ("ตลอดปีงบประมาณ", False),
        ("ทุกเดือน", False),
        ("พยาบาล", False),
        ("2566", False),
        (".....", False),
        ("", False),
    ],
)
def test_names_month(text: str, expected: bool) -> None:
    assert names_month(text) is expected


@given(st.integers(min_value=1, max_value=12), st.integers(min_value=2500, max_value=2700))
def test_every_month_spelling_parses_back(month: int, be_year: int) -> None:
    iso = f"{be_year - 543:04d}-{month:02d}"
    thai_year = arabic_digit_to_thai_digit(str(be_year))
    for name in (thai_full_months[month - 1], thai_abbr_months[month - 1]):
        assert parse_month_year(f"{name} {be_year}") == iso
        assert parse_month_year(f"{name} พ.ศ. {thai_year}") == iso


@given(st.dates(min_value=datetime.date(1957, 1, 1), max_value=datetime.date(2157, 12, 31)))
def test_any_date_written_in_thai_parses_back(date: datetime.date) -> None:
    text = f"วันที่ {date.day} {thai_full_months[date.month - 1]} พ.ศ. {date.year + 543}"
    assert parse_thai_date(arabic_digit_to_thai_digit(text)) == date


@given(st.integers(min_value=2520, max_value=2680), st.integers(min_value=1, max_value=4))
def test_quarters_tile_the_fiscal_year(fiscal_year: int, quarter: int) -> None:
    whole = parse_timeframe("ตลอดปีงบประมาณ", fiscal_year=fiscal_year)
    first = parse_timeframe("ไตรมาส 1", fiscal_year=fiscal_year)
    last = parse_timeframe("ไตรมาส 4", fiscal_year=fiscal_year)
    assert (first.start, last.end) == (whole.start, whole.end)
    this = parse_timeframe(f"ไตรมาสที่ {quarter}", fiscal_year=fiscal_year)
    assert this.start is not None and this.end is not None
    assert whole.start is not None and whole.end is not None
    assert whole.start <= this.start < this.end <= whole.end


@given(
    st.integers(min_value=1, max_value=12),
    st.integers(min_value=1, max_value=12),
    st.integers(min_value=2500, max_value=2700),
)
def test_a_range_writing_its_year_once_shares_it(first: int, last: int, be_year: int) -> None:
    text = f"{thai_abbr_months[first - 1]} – {thai_abbr_months[last - 1]} {be_year}"
    timeframe = parse_timeframe(text)
    end_year = be_year - 543
    start_year = end_year - 1 if first > last else end_year
    assert timeframe.start == f"{start_year:04d}-{first:02d}"
    assert timeframe.end == (None if first == last else f"{end_year:04d}-{last:02d}")
