"""Rows at a page break: a new row, or the rest of the row above (hand-built pages of blocks)."""

from __future__ import annotations

from test_pdf_join import cell

from ita_extract.document import Cell, Table
from ita_extract.readers.pdf_join import join_continued_tables


def table(rows: int, columns: int, cells: list[Cell], page: int) -> Table:
    return Table(row_count=rows, col_count=columns, cells=tuple(cells), page=page)


def joined(upper: Table, lower: Table, running_on: set[int]) -> Table:
    [result] = join_continued_tables([[upper], [lower]], running_on={1: running_on})
    assert isinstance(result, Table)
    return result


def text_at(result: Table, row: int, col: int) -> str:
    return next(c.text for c in result.cells if c.row_start == row and c.col_start == col)


def test_an_order_and_a_difference_below_the_break_open_the_next_indicator() -> None:
    # -- a one-line row at the page's bottom fills its cells: every column "runs on" --
    header = [cell(0, 0, "ลำดับ"), cell(0, 1, "ตัวชี้วัด"), cell(0, 2, "ผลต่าง")]
    upper = table(
        2, 3, [*header, cell(1, 0, "๑"), cell(1, 1, "การปฏิบัติหน้าที่"), cell(1, 2, "+๓.๙๐")], 1
    )
    lower = table(
        1,
        3,
        [cell(0, 0, "๒", page=2), cell(0, 1, "การใช้งบประมาณ", page=2), cell(0, 2, "-๕.๗๙", page=2)],
        2,
    )
    result = joined(upper, lower, {0, 1, 2})
    assert result.row_count == 3
    assert (text_at(result, 2, 0), text_at(result, 2, 1)) == ("๒", "การใช้งบประมาณ")


def test_a_score_the_break_cut_after_its_first_digit_is_joined_back() -> None:
    header = [cell(0, 0, "ข้อ"), cell(0, 1, "คะแนน")]
    upper = table(2, 2, [*header, cell(1, 0, "ข้อ"), cell(1, 1, "๙")], 1)
    lower = table(1, 2, [cell(0, 0, "e๑๕", page=2), cell(0, 1, "๘.๘๑", page=2)], 2)
    result = joined(upper, lower, {0, 1})
    assert result.row_count == 2
    assert text_at(result, 1, 1) == "๙\n๘.๘๑"


def test_a_name_above_the_break_gets_its_score_from_below_it() -> None:
    header = [cell(0, 0, "ตัวชี้วัด"), cell(0, 1, "ผลการวิเคราะห์")]
    upper = table(
        4,
        2,
        [
            *header,
            cell(1, 0, "การปฏิบัติหน้าที่\n81.87 คะแนน"),
            cell(2, 0, "การใช้งบประมาณ|76.06 คะแนน"),
            cell(3, 0, "การใช้อำนาจ"),
            cell(1, 1, "ผู้รับบริการพึงพอใจ", rows=3),
        ],
        1,
    )
    lower = table(
        2,
        2,
        [
            cell(0, 0, "89.50 คะแนน", page=2),
            cell(1, 0, "การใช้ทรัพย์สินของราชการ\n73.50 คะแนน", page=2),
            cell(0, 1, "แต่ยังมีข้อร้องเรียน", rows=2, page=2),
        ],
        2,
    )
    result = joined(upper, lower, {0, 1})
    assert result.row_count == 5
    assert text_at(result, 3, 0) == "การใช้อำนาจ\n89.50 คะแนน"
    assert text_at(result, 4, 0) == "การใช้ทรัพย์สินของราชการ\n73.50 คะแนน"


def test_a_name_and_score_below_the_break_are_a_row_of_their_own() -> None:
    header = [cell(0, 0, "ตัวชี้วัด"), cell(0, 1, "ผลการวิเคราะห์")]
    upper = table(
        3,
        2,
        [
            *header,
            cell(1, 0, "การปฏิบัติหน้าที่\n81.87 คะแนน"),
            cell(2, 0, "การใช้งบประมาณ\n76.06 คะแนน"),
            cell(1, 1, "ผู้รับบริการพึงพอใจ", rows=2),
        ],
        1,
    )
    lower = table(
        1,
        2,
        [cell(0, 0, "การใช้อำนาจ\n89.50 คะแนน", page=2), cell(0, 1, "ควรจัดทำ", page=2)],
        2,
    )
    assert joined(upper, lower, {0, 1}).row_count == 4


def test_a_row_opening_the_next_page_whole_under_a_merged_cell_is_a_row_of_its_own() -> None:
    # -- the topic cell merged over two plan rows: the second row did not fit on page 1, so
    # -- its topic cell is empty below the break though nothing of the row above was cut --
    header = [cell(0, 0, "หัวข้อ"), cell(0, 1, "มาตรการ"), cell(0, 2, "ระยะเวลา")]
    upper = table(
        2, 3, [*header, cell(1, 0, "๑. การให้บริการ"), cell(1, 1, "ประชุม"), cell(1, 2, "กันยายน")], 1
    )
    lower = table(
        1,
        3,
        [cell(0, 0, "", page=2), cell(0, 1, "พัฒนาระบบ", page=2), cell(0, 2, "ตลอดปี", page=2)],
        2,
    )
    [whole] = join_continued_tables([[upper], [lower]], running_on={1: set()}, ended={1})
    assert isinstance(whole, Table)
    assert whole.row_count == 3
    assert (text_at(whole, 1, 1), text_at(whole, 2, 1)) == ("ประชุม", "พัฒนาระบบ")
    # -- the same cells where the table reached the page's bottom: the row was cut --
    assert joined(upper, lower, set()).row_count == 2


def test_a_score_cut_after_its_first_digit_is_joined_back_where_no_cell_is_seen_running_on() -> (
    None
):
    # -- the table ends within a line of the page's bottom, not close enough to tell --
    header = [cell(0, 0, "ข้อ"), cell(0, 1, "คะแนน")]
    upper = table(2, 2, [*header, cell(1, 0, "ข้อ"), cell(1, 1, "๗")], 1)
    lower = table(1, 2, [cell(0, 0, "e๓", page=2), cell(0, 1, "๙.๖๙", page=2)], 2)
    result = joined(upper, lower, set())
    assert result.row_count == 2
    assert text_at(result, 1, 1) == "๗\n๙.๖๙"


def test_whole_numbers_above_and_below_the_break_stay_two_rows() -> None:
    header = [cell(0, 0, "ลำดับ"), cell(0, 1, "ตัวชี้วัด")]
    upper = table(2, 2, [*header, cell(1, 0, "๗"), cell(1, 1, "ประสิทธิภาพการสื่อสาร")], 1)
    lower = table(1, 2, [cell(0, 0, "๘", page=2), cell(0, 1, "การปรับปรุงการทำงาน", page=2)], 2)
    assert joined(upper, lower, set()).row_count == 3


def test_a_row_below_the_break_opening_with_its_item_code_is_a_row_of_its_own() -> None:
    # -- every cell of the row above fills it to the page's bottom (a one-line row there) --
    header = [cell(0, 0, "ประเด็นที่ต้องพัฒนา"), cell(0, 1, "แนวทาง"), cell(0, 2, "ผู้รับผิดชอบ")]
    upper = table(
        2,
        3,
        [*header, cell(1, 0, "O๗ การใช้งบประมาณ"), cell(1, 1, "หน่วยงานควรจัด"), cell(1, 2, "กองคลัง")],
        1,
    )
    opening = ("O๒๐ การให้บริการ", "หน่วยงานควรเผยแพร่", "กองช่าง")
    lower = table(1, 3, [cell(0, col, text, page=2) for col, text in enumerate(opening)], 2)
    result = joined(upper, lower, {0, 1, 2})
    assert result.row_count == 3
    assert text_at(result, 2, 0) == "O๒๐ การให้บริการ"
    # -- the rest of a cut row opens with no code: joined back --
    rest = ("และการจัดซื้อจัดจ้าง", "กิจกรรมเสริมสร้าง", "งานพัสดุ")
    cut = table(1, 3, [cell(0, col, text, page=2) for col, text in enumerate(rest)], 2)
    assert joined(upper, cut, {0, 1, 2}).row_count == 2


def test_a_header_alone_above_the_break_takes_no_row_from_below_it() -> None:
    # -- the table's rows all went to the next page (repeated headers off): the header row
    # -- alone fills its cells to the page's bottom, as a cut row would --
    header = [cell(0, 0, "ประเด็นที่ต้อง|พัฒนา"), cell(0, 1, "แนวทาง"), cell(0, 2, "ระยะเวลา")]
    upper = table(1, 3, header, 1)
    row = ("i๒๐ การให้บริการและระบบ", "หน่วยงานควรกำหนดแนวทาง", "ตลอดปีงบประมาณ")
    lower = table(1, 3, [cell(0, col, text, page=2) for col, text in enumerate(row)], 2)
    result = joined(upper, lower, {0, 1, 2})
    assert result.row_count == 2
    assert text_at(result, 1, 0) == "i๒๐ การให้บริการและระบบ"
    # -- a header the break cut itself goes on in words, no row's key --
    rest = table(
        1, 3, [cell(0, 0, "", page=2), cell(0, 1, "การพัฒนา", page=2), cell(0, 2, "", page=2)], 2
    )
    assert joined(upper, rest, {0, 1, 2}).row_count == 1


def test_a_merged_topic_cell_below_the_break_opening_the_next_topic_starts_its_rows() -> None:
    header = [cell(0, 0, "ประเด็น"), cell(0, 1, "มาตรการ"), cell(0, 2, "ผู้รับผิดชอบ")]
    upper = table(
        3,
        3,
        [
            *header,
            cell(1, 0, "๑. การให้บริการ", rows=2),
            cell(1, 1, "๑) จัดทำคู่มือ"),
            cell(1, 2, "กองคลัง"),
            cell(2, 1, "๑) ประกาศเจตนารมณ์"),
            cell(2, 2, "กองช่าง"),
        ],
        1,
    )
    lower = table(
        1,
        3,
        [
            cell(0, 0, "๒. การใช้ทรัพย์สิน", page=2),
            cell(0, 1, "๑) เผยแพร่สรุปผล", page=2),
            cell(0, 2, "งานบริหาร", page=2),
        ],
        2,
    )
    result = joined(upper, lower, {1, 2})
    assert result.row_count == 4
    assert text_at(result, 3, 0) == "๒. การใช้ทรัพย์สิน"


def test_a_header_alone_above_the_break_takes_no_merged_cell_from_below_it() -> None:
    # -- a topic table's header at the page's bottom, its rows on the next page: the topic
    # -- and its result are cells merged over the rows there, no part of the header --
    header = [cell(0, 0, "หัวข้อ"), cell(0, 1, "ข้อคำถาม"), cell(0, 2, "ข้อเสนอแนะ")]
    upper = table(1, 3, header, 1)
    lower = table(
        2,
        3,
        [
            cell(0, 0, "การใช้ทรัพย์สินของราชการ", rows=2, page=2),
            cell(0, 1, "ข้อ i๖", page=2),
            cell(1, 1, "ข้อ i๘", page=2),
            cell(0, 2, "ผ่าน", rows=2, page=2),
        ],
        2,
    )
    result = joined(upper, lower, {0, 1, 2})
    assert result.row_count == 3
    assert (text_at(result, 0, 0), text_at(result, 0, 2)) == ("หัวข้อ", "ข้อเสนอแนะ")
    assert text_at(result, 1, 2) == "ผ่าน"


def test_text_below_a_cell_whose_text_ended_well_above_the_break_opens_a_row() -> None:
    # -- the time frame ended lines above the break: the row under it is a row of its own,
    # -- though its topic cell is empty (merged over both rows) and a measure ran on --
    header = [cell(0, 0, "หัวข้อ"), cell(0, 1, "มาตรการ"), cell(0, 2, "ระยะเวลา")]
    upper = table(
        2, 3, [*header, cell(1, 0, "๒. การบริหาร"), cell(1, 1, "เผยแพร่"), cell(1, 2, "ตลอดปี")], 1
    )
    texts = ("", "พัฒนาระบบ", "ไตรมาส ๑")
    lower = table(1, 3, [cell(0, col, text, page=2) for col, text in enumerate(texts)], 2)
    pages = [[upper], [lower]]
    [cut] = join_continued_tables(pages, running_on={1: {1}})
    [whole] = join_continued_tables(pages, running_on={1: {1}}, finished={1: {2}})
    assert isinstance(cut, Table) and isinstance(whole, Table)
    assert (cut.row_count, whole.row_count) == (2, 3)


def test_a_page_holding_only_a_tables_middle_tells_how_its_own_break_falls() -> None:
    # -- page 1's part stopped short of its bottom; page 2's runs to it and the break cuts
    # -- its last row, whose rest opens page 3 --
    header = [cell(0, 0, "หัวข้อ"), cell(0, 1, "มาตรการ"), cell(0, 2, "ระยะเวลา")]
    first = table(2, 3, [*header, cell(1, 0, "๑. การให้บริการ"), cell(1, 1, "ก"), cell(1, 2, "ข")], 1)
    middle = table(
        1, 3, [cell(0, 0, "๒. การใช้", page=2), cell(0, 1, "ค", page=2), cell(0, 2, "ง", page=2)], 2
    )
    rest = table(
        1, 3, [cell(0, 0, "", page=3), cell(0, 1, "ต่อ", page=3), cell(0, 2, "", page=3)], 3
    )
    [result] = join_continued_tables(
        [[first], [middle], [rest]], running_on={1: set(), 2: {1}}, ended={1}
    )
    assert isinstance(result, Table)
    assert result.row_count == 3
    assert text_at(result, 2, 1) == "ค\nต่อ"


def test_numbers_below_a_header_alone_are_a_row_of_its_own() -> None:
    header = [cell(0, 0, "แบบวัด"), cell(0, 1, "ชื่อตัวชี้วัด"), cell(0, 2, "ปี ๒๕๖๓")]
    upper = table(1, 3, header, 1)
    row = ("IIT", "การปฏิบัติหน้าที่", "75.08")
    lower = table(1, 3, [cell(0, col, text, page=2) for col, text in enumerate(row)], 2)
    assert joined(upper, lower, {0, 1, 2}).row_count == 2
