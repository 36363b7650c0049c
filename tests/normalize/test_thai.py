from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pythainlp.util import arabic_digit_to_thai_digit

from ita_extract.normalize.numbers import (
    NumberReading,
    find_number_phrases,
    read_stated_number,
    read_stated_score,
)
from ita_extract.normalize.thai import (
    GlyphDamage,
    TextRepairs,
    be_to_ce,
    ce_to_be,
    clean_text,
    clean_text_with_repairs,
    find_foreign_script,
    find_glyph_damage,
    find_repairs,
    find_split_years,
    first_line_break_unit,
    first_word,
    is_thai_words,
    join_lines,
    join_split_years,
    match_key,
    parse_number,
    parse_score,
    parse_year,
    remove_justification_spaces,
    repair_glyphs,
    spacing_length,
    strip_form_dots,
    strip_markup,
    thai_to_arabic_digits,
    wraps_mid_word,
)

SARA_AM = "\u0e33"
NIKHAHIT = "\u0e4d"
SARA_AA = "\u0e32"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("๐๑๒๓๔๕๖๗๘๙", "0123456789"),
        ("คะแนน ๙๕.๕๑", "คะแนน 95.51"),
        ("ข้อ i๒๗", "ข้อ i27"),
        ("no digits", "no digits"),
    ],
)
def test_thai_to_arabic_digits(text: str, expected: str) -> None:
    assert thai_to_arabic_digits(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("๙๕.๕๑", 95.51),
        ("๑๐๐", 100.0),
        ("97.80", 97.8),
        ("(73.60 คะแนน)", 73.6),
        ("คะแนนที่ได้ ๙๕.๕๑ คะแนน", 95.51),
        ("1,234.50", 1234.5),
        ("ลดลง -2.50", -2.5),
        ("i๑ ๙๗.๘๐", 97.8),
        ("คะแนน - 95", 95.0),
        ("ไม่มีตัวเลข", None),
        ("", None),
    ],
)
def test_parse_number(text: str, expected: float | None) -> None:
    assert parse_number(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("๙๗.๖๑", 97.61),
        ("๑๐๐", 100.0),
        ("0", 0.0),
        ("100.01", None),
        ("2566", None),
        ("ผ่าน", None),
    ],
)
def test_parse_score(text: str, expected: float | None) -> None:
    assert parse_score(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("พ.ศ. ๒๕๖๖", 2566),
        ("ปีงบประมาณ 2567", 2567),
        ("ในปีงบประมาณ พ.ศ.๒๕๖๘ ต่อไป", 2568),
        ("2023", None),
        ("25666", None),
        ("2400", None),
        ("2750 และ 2566", 2566),
        ("ไม่มีปี", None),
    ],
)
def test_parse_year(text: str, expected: int | None) -> None:
    assert parse_year(text) == expected


def test_era_conversion() -> None:
    assert be_to_ce(2566) == 2023
    assert ce_to_be(2023) == 2566


@given(st.integers(min_value=-5000, max_value=5000))
def test_era_conversion_round_trips(year: int) -> None:
    assert be_to_ce(ce_to_be(year)) == year


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Tone marks shifted down, down-left and left come back as the real marks.
        ("ที\uf70a", "ที่"),
        ("ผู\uf70b", "ผู้"),
        ("ป\uf70c", "ป๊"),
        ("จ\uf70d", "จ๋"),
        ("ก\uf70e", "ก์"),
        ("ป\uf701\uf705", "ปิ่"),
        ("ป\uf702\uf706", "ปี้"),
        ("ป\uf703\uf707", "ปึ๊"),
        ("ป\uf704\uf708", "ปื๋"),
        ("ฟ\uf709", "ฟ์"),
        ("ป\uf713", "ป่"),
        ("ป\uf714", "ป้"),
        ("ป\uf715", "ป๊"),
        ("ป\uf716", "ป๋"),
        ("ฟ\uf717", "ฟ์"),
        ("ป\uf710น", "ปัน"),
        ("ป\uf712น", "ป็น"),
        ("ฎ\uf718", "ฎุ"),
        ("ฎ\uf719", "ฎู"),
        ("ฎ\uf71a", "ฎฺ"),
        # The Mac set of the same glyphs.
        ("ที\uf88b", "ที่"),
        ("ป\uf885\uf88c", "ปิ่"),
        ("ป\uf884น", "ปัน"),
        ("ฎ\uf89b", "ฎุ"),
        ("\uf89eาน", "ฐาน"),
        ("\uf89aา", "ญา"),
        # Descender-less consonants drawn before a below vowel.
        ("\uf700าน", "ฐาน"),
        ("\uf70fา", "ญา"),
        # Nikhahit + sara aa is the split sara am, also with a tone mark between.
        (f"ท{NIKHAHIT}{SARA_AA}", f"ท{SARA_AM}"),
        (f"น{NIKHAHIT}\u0e49{SARA_AA}", f"น\u0e49{SARA_AM}"),
        (f"น\u0e49{NIKHAHIT}{SARA_AA}", f"น\u0e49{SARA_AM}"),
        # Zero-width characters and soft hyphens go.
        ("การ\u200bใช้\u200c\u200d\u2060\ufeffงาน\u00ad", "การใช้งาน"),
        # Tone mark typed before the vowel is put in canonical order.
        ("ก\u0e48\u0e34", "ก\u0e34\u0e48"),
        ("บรรทัด\nใหม่", "บรรทัด\nใหม่"),
        ("ปกติ", "ปกติ"),
    ],
)
def test_repair_glyphs(text: str, expected: str) -> None:
    assert repair_glyphs(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("<p>ผ่าน</p>", "ผ่าน\n"),
        ("ข้อ<br/>เสนอ", "ข้อ\nเสนอ"),
        ("<span style='x'>คะแนน</span>&nbsp;95", "คะแนน\xa095"),
        ("A &amp; B", "A & B"),
        ("i1 < 85 > e1", "i1 < 85 > e1"),
    ],
)
def test_strip_markup(text: str, expected: str) -> None:
    assert strip_markup(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("...ผ่าน....", "ผ่าน"),
        ("ระดับผลการประเมินอยู่ที่ ...ผ่าน....", "ระดับผลการประเมินอยู่ที่ ผ่าน"),
        ("คะแนน……๙๕.๕๑……คะแนน", "คะแนน ๙๕.๕๑ คะแนน"),
        ("ลงชื่อ______ผู้รายงาน", "ลงชื่อ ผู้รายงาน"),
        ("ชื่อ . . . . นาย", "ชื่อ นาย"),
        ("๙๕.๕๑", "๙๕.๕๑"),
        ("พ.ศ.", "พ.ศ."),
        ("file_name", "file_name"),
    ],
)
def test_strip_form_dots(text: str, expected: str) -> None:
    assert strip_form_dots(text) == expected


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (["มี", "ประสิทธิภาพ"], "มีประสิทธิภาพ"),
        (["กระบวนการปฏิบัติงานที่โปร่งใสและมี", "ประสิทธิภาพ"], "กระบวนการปฏิบัติงานที่โปร่งใสและมีประสิทธิภาพ"),
        (["หน่วยงานควรเผยแพร่ข้อ", "มูลให้ครบถ้วน"], "หน่วยงานควรเผยแพร่ข้อมูลให้ครบถ้วน"),
        (["(อ้า", "งอิงจาก ๐๐๗)"], "(อ้างอิงจาก ๐๐๗)"),
        (["ผ่านเว็บไซต์", "และสื่อสังคมออนไลน์"], "ผ่านเว็บไซต์และสื่อสังคมออนไลน์"),
        # Words Thai sets off with a space keep it at a wrap.
        (["ทราบอย่างทั่วถึง โดยติดประกาศ", "ณ ที่ทำการ"], "ทราบอย่างทั่วถึง โดยติดประกาศ ณ ที่ทำการ"),
        (["การใช้จ่ายงบประมาณ เช่น", "สอบถาม"], "การใช้จ่ายงบประมาณ เช่น สอบถาม"),
        (["ประจำหมู่บ้าน", "โดยเฉพาะข้อมูล"], "ประจำหมู่บ้าน โดยเฉพาะข้อมูล"),
        (["ทำงานเช่น", "เดียวกัน"], "ทำงานเช่นเดียวกัน"),
        (["การให้บริการและระบบ", "E-Service"], "การให้บริการและระบบ E-Service"),
        (
            ["Open Data Integrity and", "Transparency Assessment"],
            "Open Data Integrity and Transparency Assessment",
        ),
        (["E-", "Service"], "E-Service"),
        (["ต.ค. ๖๖ -", "ก.ย. ๖๗"], "ต.ค. ๖๖ - ก.ย. ๖๗"),
        (['คำว่า "ข้อมูล"', "หมายถึง"], 'คำว่า "ข้อมูล" หมายถึง'),
        (["คะแนน", "๙๕.๕๑"], "คะแนน ๙๕.๕๑"),
        (["(อ้างอิงจาก", "๐๑๓)"], "(อ้างอิงจาก ๐๑๓)"),
        (["เผยแพร่ข้อมูล", "(อ้างอิงจาก ๐๑๓)"], "เผยแพร่ข้อมูล (อ้างอิงจาก ๐๑๓)"),
        (["ข้อมูล", ") และ"], "ข้อมูล) และ"),
        (["ข้อมูล ", "เพื่อให้ประชาชน"], "ข้อมูล เพื่อให้ประชาชน"),
        (["แผน,", "ผล"], "แผน, ผล"),
        (["หนึ่ง", "", "  ", "สอง"], "หนึ่งสอง"),
        ([], ""),
    ],
)
def test_join_lines(lines: list[str], expected: str) -> None:
    assert join_lines(lines) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("วิ ธี การ เผย แพร่", "วิธีการเผยแพร่"),
        ("หน่วยงานควรเผยแพร่ข้อมูล เพื่อให้ประชาชน", "หน่วยงานควรเผยแพร่ข้อมูล เพื่อให้ประชาชน"),
        ("หน่วยงานควรเผย แพร่ข้อมูล เพื่อให้ประชาชน", "หน่วยงานควรเผยแพร่ข้อมูล เพื่อให้ประชาชน"),
        ("มี ประสิทธิภาพ", "มีประสิทธิภาพ"),
        ("ข้อมูล และ เอกสาร", "ข้อมูล และ เอกสาร"),
        ("การให้บริการและระบบ E-Service", "การให้บริการและระบบ E-Service"),
        ("ข้อ i๑ ๙๗.๘๐", "ข้อ i๑ ๙๗.๘๐"),
        ("ต่าง ๆ นานา", "ต่าง ๆ นานา"),
        ("เผย แพร่ ข้อมูล\nวิ ธี การ", "เผยแพร่ข้อมูล\nวิธีการ"),
        ("การ ใช้ ทรัพย์ สิน ของ ราช การ", "การใช้ทรัพย์สินของราชการ"),
        ("กระ บวน การ ปฏิ บัติ งาน ที่ โปร่ง ใส", "กระบวนการปฏิบัติงานที่โปร่งใส"),
        ("หน่วยงานควร ระ บุ ขั้นตอน", "หน่วยงานควร ระบุขั้นตอน"),
        ("ผู้บริหาร เจ้าหน้าที่ จำนวนบุคลากร", "ผู้บริหาร เจ้าหน้าที่ จำนวนบุคลากร"),
        ("นาย สมชาย ใจดี", "นาย สมชาย ใจดี"),
        ("ด้านบุคลากร ด้านงบประมาณ ด้านวัสดุ", "ด้านบุคลากร ด้านงบประมาณ ด้านวัสดุ"),
    ],
)
def test_remove_justification_spaces(text: str, expected: str) -> None:
    assert remove_justification_spaces(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("การایشทรัพย์สิน", ["ایش"]),
        ("การใช้Жทรัพย์สิน", ["Ж"]),
        ("ບໍລິການ", ["ບໍລິການ"]),
        ("ข้อ i1 ระบบ E-Service café", []),
        ("▪ มาตรการ ๑. – ๒๕๖๖", []),
        ("ایش ابc ฟ", ["ایش", "اب"]),
    ],
)
def test_find_foreign_script(text: str, expected: list[str]) -> None:
    assert find_foreign_script(text) == expected


@pytest.mark.parametrize(
    ("text", "keep_thai_digits", "expected"),
    [
        ("...ผ่าน....", False, "ผ่าน"),
        ("คะแนนที่ได้ ๙๕.๕๑ คะแนน", False, "คะแนนที่ได้ 95.51 คะแนน"),
        ("คะแนนที่ได้ ๙๕.๕๑ คะแนน", True, "คะแนนที่ได้ ๙๕.๕๑ คะแนน"),
        ("กระบวนการปฏิบัติงานที่โปร่งใสและมี\nประสิทธิภาพ", False, "กระบวนการปฏิบัติงานที่โปร่งใสและมีประสิทธิภาพ"),
        ("วิ ธี การ เผย แพร่\nข้อมูล", False, "วิธีการเผยแพร่ข้อมูล"),
        # Distributed justification spaces one line only; the phrase spaces beside it stay.
        (
            "ที่หลาก\nหลาย เช่น เว็บไซต์ เฟซบุ๊ก เสียง\nต า ม ส า ย แ ล ะ บ อ ร์ ด\nประชาสัมพันธ์",
            False,
            "ที่หลากหลาย เช่น เว็บไซต์ เฟซบุ๊ก เสียงตามสายและบอร์ดประชาสัมพันธ์",
        ),
        ("<b>การให้บริการ</b>และระบบ\nE-Service", False, "การให้บริการและระบบ E-Service"),
        ("  ที\uf70a\u200bทำ   การ  ", False, "ที่ทำการ"),
        ("ข้อ i๑\tคะแนน   ๙๗.๘๐ \n", False, "ข้อ i1 คะแนน 97.80"),
        ("", False, ""),
    ],
)
def test_clean_text(text: str, keep_thai_digits: bool, expected: str) -> None:
    assert clean_text(text, keep_thai_digits=keep_thai_digits) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ที่ทำการ", TextRepairs()),
        ("ที\uf70aทำการ", TextRepairs(glyphs=GlyphDamage(private_use=1))),
        (f"ท{NIKHAHIT}{SARA_AA}การ", TextRepairs(glyphs=GlyphDamage(split_sara_am=1))),
        ("ที่\u200bทำการ", TextRepairs()),
        ("การایشทรัพย์สิน", TextRepairs(foreign_script=("ایش",))),
    ],
)
def test_clean_text_with_repairs_reports_repairs(text: str, expected: TextRepairs) -> None:
    assert clean_text_with_repairs(text)[1] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ที่ทำการ", TextRepairs()),
        ("ที\uf70aทำการ", TextRepairs(glyphs=GlyphDamage(private_use=1))),
        (
            "ที\uf70aการایش",
            TextRepairs(glyphs=GlyphDamage(private_use=1), foreign_script=("ایش",)),
        ),
    ],
)
def test_find_repairs_inspects_raw_text_without_cleaning(text: str, expected: TextRepairs) -> None:
    assert find_repairs(text) == expected
    assert find_repairs(repair_glyphs(text)).glyphs_repaired is False


def test_repairs_become_warnings_with_stable_codes() -> None:
    _, repairs = clean_text_with_repairs("ที\uf70aการایشทรัพย์สิน")
    warnings = repairs.to_warnings(page=7, where="recommendation")
    assert [warning.code for warning in warnings] == ["text.glyphs_repaired", "text.foreign_script"]
    assert all(warning.page == 7 for warning in warnings)
    assert "ایش" in warnings[1].message
    assert warnings[0].message.startswith("recommendation:")


def test_foreign_script_warning_names_a_few_distinct_runs() -> None:
    repairs = TextRepairs(foreign_script=("ایش", "ایش", "Ж", "б", "в", "г", "д", "е"))
    (warning,) = repairs.to_warnings()
    assert warning.message.endswith("ایش, Ж, б, в, г")


def test_no_repairs_means_no_warnings() -> None:
    _, repairs = clean_text_with_repairs("ที่ทำการ")
    assert not repairs
    assert repairs.to_warnings() == []


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("ส่วนที่ ๑", "ส่วนที่1"),
        ("ส่วนที่ ๑.", "ส่วนที่ 1"),
        ("ข้อเสนอแนะ (OIT)", "ข้อเสนอแนะ OIT"),
        ("E-Service", "eservice"),
        ("ระดับผลการประเมิน...", "ระดับ ผลการประเมิน"),
        ("ที\uf70aทำการ", "ที่ทำการ"),
    ],
)
def test_match_key_equates_spelling_variants(first: str, second: str) -> None:
    assert match_key(first) == match_key(second)


def test_match_key_keeps_thai_marks() -> None:
    assert match_key("ที่") != match_key("ที")


@given(st.integers(min_value=0, max_value=10_000))
def test_two_decimal_number_in_thai_digits_parses_back(hundredths: int) -> None:
    value = hundredths / 100
    thai = arabic_digit_to_thai_digit(f"{value:.2f}")
    assert parse_number(thai) == pytest.approx(value)
    assert parse_number(f"คะแนน {thai} คะแนน") == pytest.approx(value)
    assert parse_score(thai) == pytest.approx(value)


@given(st.integers(min_value=2500, max_value=2700))
def test_any_be_year_in_either_script_parses_back(year: int) -> None:
    assert parse_year(f"พ.ศ. {arabic_digit_to_thai_digit(str(year))}") == year
    assert parse_year(f"ปีงบประมาณ {year}") == year


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=40))
def test_clean_text_is_idempotent(text: str) -> None:
    once = clean_text(text)
    assert clean_text(once) == once


THAI_AND_LATIN = st.text(
    alphabet=st.sampled_from(list("กขคงมยรลวสหอะาิีึืุู่้์เแโไๆ๑๒ abc-().,")), max_size=30
)


@given(st.lists(THAI_AND_LATIN, max_size=6))
def test_join_lines_only_adds_or_collapses_spaces(lines: list[str]) -> None:
    joined = join_lines(lines)
    assert joined.replace(" ", "") == "".join(lines).replace(" ", "")
    assert "  " not in joined


@given(THAI_AND_LATIN)
def test_remove_justification_spaces_only_removes_spaces(text: str) -> None:
    result = remove_justification_spaces(text)
    assert result.replace(" ", "") == text.replace(" ", "")
    assert len(result) <= len(text)


@pytest.mark.parametrize(
    ("text", "value", "repairs"),
    [
        ("95.51", 95.51, ()),
        ("๙๕.๕๑ คะแนน", 95.51, ()),
        ("(73.60)", 73.6, ()),
        ("88,45", 88.45, ("decimal comma",)),
        ("7 9.62", 79.62, ("spaces inside the number",)),
        ("9O.10", 90.1, ("O read for 0",)),
        ("9O,5", 90.5, ("O read for 0", "decimal comma")),
    ],
)
def test_read_stated_score_reads_the_whole_text_repairing_what_has_one_reading(
    text: str, value: float, repairs: tuple[str, ...]
) -> None:
    reading = read_stated_score(text, units=("คะแนน",))
    assert (reading.value, reading.repairs, reading.unreadable) == (value, repairs, False)


@pytest.mark.parametrize(
    "text", ["8x.91", "88.75 88.60", "85 90", "100.01", "1,234", "ผ่าน", "OIT", "-0.65"]
)
def test_read_stated_score_gives_no_value_from_part_of_the_text(text: str) -> None:
    reading = read_stated_score(text)
    assert (reading.value, reading.unreadable) == (None, True)


@pytest.mark.parametrize("text", ["", " ", "-", "–"])
def test_an_empty_cell_or_a_dash_states_no_number(text: str) -> None:
    assert read_stated_score(text) == NumberReading(text.strip())


def test_read_stated_number_as_an_integer_refuses_a_fraction() -> None:
    assert read_stated_number("๑.", integer=True, low=1).value == 1
    assert read_stated_number("9.1", integer=True).unreadable


def test_number_phrases_are_runs_of_words_opening_with_a_digit() -> None:
    text = "ประจำปี ๒๕๖๘ ได้ 7 9.62คะแนน, อันดับ 88.75 88.60)"
    assert [phrase.text for phrase in find_number_phrases(text)] == [
        "๒๕๖๘",
        "7 9.62",
        "88.75 88.60",
    ]


@pytest.mark.parametrize(
    ("text", "described"),
    [
        ("ที\uf70aทำการ", "1 Private Use Area glyphs"),
        ("ก\u0e4d\u0e32ลัง ท\u0e4d\u0e48\u0e32", "2 split ำ"),
        ("กิิจ", "1 stray marks"),
        ("ก\ufffdข", "1 unknown glyphs (U+FFFD, left in)"),
        # -- a tone mark stored before its vowel draws the same word: a reorder is no damage --
        ("ท\u0e48\u0e35", ""),
        ("ที่ทำการ", ""),
    ],
)
def test_glyph_damage_is_counted_by_kind(text: str, described: str) -> None:
    assert find_glyph_damage(text).describe() == described
    assert bool(find_glyph_damage(text)) is bool(described)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ประจำปีงบประมาณ พ.ศ. 256 6", "ประจำปีงบประมาณ พ.ศ. 2566"),
        ("ตุลาคม – ธันวาคม ๒๕ ๖๗", "ตุลาคม – ธันวาคม ๒๕๖๗"),
        ("ปี 2 568 และ ๒๕๖ ๙", "ปี 2568 และ ๒๕๖๙"),
        # -- not years: a code and its score, a decimal, three digits, a number run longer --
        ("ข้อ i 25 60", "ข้อ i 25 60"),
        ("คะแนน 25 66.10", "คะแนน 25 66.10"),
        ("ข้อ 12 34", "ข้อ 12 34"),
        ("1 256 6", "1 256 6"),
        ("ไตรมาส 2 5", "ไตรมาส 2 5"),
    ],
)
def test_a_year_split_by_a_justification_space_is_closed_up(text: str, expected: str) -> None:
    assert join_split_years(text) == expected
    assert bool(find_split_years(text)) == (text != expected)


def test_a_split_year_is_read_and_warned_quoting_it() -> None:
    assert parse_year("ประจำปีงบประมาณ พ.ศ. ๒๕๖ ๖") == 2566
    cleaned, repairs = clean_text_with_repairs("ตลอดปีงบประมาณ 256 8")
    assert cleaned == "ตลอดปีงบประมาณ 2568"
    (warning,) = repairs.to_warnings(page=3, where="time frame")
    assert warning.code == "text.split_year"
    assert "'256 8'" in warning.message
    assert warning.message.startswith("time frame:")


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("รายงานผลต่อผู้บริหาร", "รายงาน"),  # Thai: the dictionary's first word
        ("ปลัด, งานพัสดุ", "ปลัด,"),  # a comma cannot open a line: it goes with its word
        ("คู่มือ/แนวทางการ", "คู่มือ/แนว"),  # a slash joins the words either side
        ("E-Service สำหรับ", "E-Service"),  # not Thai: up to the space
        ("O๑๙ การ", "O๑๙"),
        ("", ""),
    ],
)
def test_first_word_is_what_a_line_cannot_wrap_inside(text: str, word: str) -> None:
    assert first_word(text) == word


@pytest.mark.parametrize(
    ("upper", "lower", "mid_word"),
    [
        ("ตลอดปีงบประ", "มาณ", True),  # one word cut at a syllable
        ("รายงานผลต่อผู้", "บริหาร", True),
        ("จัดทำคู่มือ/", "แนวทาง", True),  # a slash ends no phrase
        ("แต่งตั้งคณะทำงาน", "เผยแพร่ผล", False),  # two words
        ("ระบบ E-", "Service", False),  # not Thai letters either side
    ],
)
def test_wraps_mid_word(upper: str, lower: str, mid_word: bool) -> None:
    assert wraps_mid_word(upper, lower) is mid_word


def test_upper_vowels_and_tone_marks_take_no_width() -> None:
    assert spacing_length("จัดทำ") == 4  # -- จ ด ท ำ: MAI HAN-AKAT has combining class 0 --
    assert spacing_length("ที่นี่") == 2


@pytest.mark.parametrize(
    ("text", "thai_words"),
    [("นายสมชาย ใจดี", True), ("น.ส. สมหญิง", True), ("OIT", False), ("อ้างอิงจาก O๒๕", False)],
)
def test_a_name_in_thai_words_has_no_code_nor_latin_letters(text: str, thai_words: bool) -> None:
    assert is_thai_words(text) is thai_words


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("จัดทำคู่มือการปฏิบัติงาน", "จัด"),  # ICU breaks finer than PyThaiNLP (จัดทำ)
        ("แนวทางการปฏิบัติ", "แนวทาง"),  # read in its line: alone ICU would cut แนว|ทาง
        ("หน่วยงานควรจัดทำ", "หน่วย"),
        ("ปลัด, งานพัสดุ", "ปลัด,"),  # a comma cannot open a line
        ("คู่มือ/แนวทางการ", "คู่มือ/แนวทาง"),  # LibreOffice does not wrap after a slash
        ("ปีงบประมาณ พ.ศ. ๒๕๖๗", "ปีงบประมาณ"),
        ("E-Service สำหรับ", "E-Service"),  # not Thai: up to the space
        ("  ", ""),
    ],
)
def test_first_line_break_unit_is_where_libreoffice_could_wrap(text: str, unit: str) -> None:
    assert first_line_break_unit(text) == unit
