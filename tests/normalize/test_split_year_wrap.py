"""A year split by a justification gap, with the line wrapped at that gap."""

from __future__ import annotations

from ita_extract.normalize.thai import find_split_years, join_split_years, parse_year


def test_a_year_wrapped_at_its_gap_is_read_whole() -> None:
    # -- a heading's last line ends at the gap inside the year (``พ.ศ. ๒๕ `` / ``๖๘``) --
    heading = "ส่วนที่ ๒ แนวทางการนำผลการวิเคราะห์ไปสู่การปฏิบัติ ประจำปีงบประมาณ พ.ศ. ๒๕ \n๖๘"
    assert parse_year(heading) == 2568
    assert find_split_years(heading) == ["๒๕ \n๖๘"]
    assert join_split_years(heading).endswith("พ.ศ. ๒๕๖๘")


def test_numbers_ending_one_line_and_opening_the_next_without_a_gap_stay_apart() -> None:
    # -- no space before the line break: the lines' ends are no justification gap --
    assert parse_year("ลำดับที่ ๒๕\n๖๘ คะแนน") is None
