from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pythainlp.util import arabic_digit_to_thai_digit

from ita_extract.normalize.codes import (
    find_item_codes,
    parse_item_code,
    parse_references,
    split_leading_codes,
    tool_of_code,
)
from ita_extract.report import Tool


@pytest.mark.parametrize(
    ("code", "expected"),
    [("i1", Tool.IIT), ("i30", Tool.IIT), ("e13", Tool.EIT), ("O11", Tool.OIT)],
)
def test_tool_of_code(code: str, expected: Tool) -> None:
    assert tool_of_code(code) is expected


@pytest.mark.parametrize("code", ["", "x1", "o11", "I1", "i", "O1a", "9.1"])
def test_tool_of_code_rejects_non_contract_codes(code: str) -> None:
    with pytest.raises(ValueError, match="not an item code"):
        tool_of_code(code)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ข้อ i๑", "i1"),
        ("i ๑", "i1"),
        ("I1", "i1"),
        ("i๒๗", "i27"),
        ("e๑๓", "e13"),
        ("E 5", "e5"),
        ("O๓๔", "O34"),
        ("O.11", "O11"),
        ("o11", "O11"),
        ("OIT 11", "O11"),
        ("IIT 5", "i5"),
        ("EIT6", "e6"),
        ("๐๑๑", "O11"),
        ("0๑๑", "O11"),
        ("011", "O11"),
        ("๐๘", "O8"),
        ("๐๐๘", "O8"),
        ("ข้อ ๐๑๑", "O11"),
        ("ข้อที่ O๓", "O3"),
        ("e6 การเผยแพร่ข้อมูล (73.60 คะแนน)", "e6"),
        ("๕", None),
        ("ข้อ 5", None),
        ("2566", None),
        ("๙๗.๘๐", None),
        ("01/10/2566", None),
        ("๐๘.๓๐ น.", None),
        ("08:30", None),
        ("โทร. 045-612345", None),
        ("0112", None),
        ("i1.5", None),
        ("E-Service", None),
        ("ISO 9001", None),
        ("ผ่าน", None),
        ("", None),
    ],
)
def test_parse_item_code(text: str, expected: str | None) -> None:
    assert parse_item_code(text) == expected


@pytest.mark.parametrize(
    ("text", "tool", "expected"),
    [
        ("๕", Tool.IIT, "i5"),
        ("ข้อ 5", Tool.EIT, "e5"),
        ("11.", Tool.OIT, "O11"),
        ("e๑", Tool.IIT, "e1"),
        ("๐๘", Tool.IIT, "O8"),
        ("2566", Tool.IIT, None),
        ("๙๗.๘๐", Tool.IIT, None),
        ("ผ่าน", Tool.OIT, None),
    ],
)
def test_parse_item_code_reads_bare_numbers_only_with_a_tool(
    text: str, tool: Tool, expected: str | None
) -> None:
    assert parse_item_code(text, tool=tool) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("e๑ หน่วยงานควรระบุ… (อ้างอิงจาก ๐๑๓) i๒ และ e1", ["e1", "O13", "i2"]),
        ("ข้อ i๑\nข้อ i๒\nข้อ ๐๑๑", ["i1", "i2", "O11"]),
        ("คะแนน ๙๕.๕๑ ปี ๒๕๖๖", []),
    ],
)
def test_find_item_codes(text: str, expected: list[str]) -> None:
    assert find_item_codes(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("e๖ หน่วยงานควรเผยแพร่", (["e6"], "หน่วยงานควรเผยแพร่")),
        ("i15, i24 หน่วยงานควรกำหนด", (["i15", "i24"], "หน่วยงานควรกำหนด")),
        ("i15 และ i24 หน่วยงานควร", (["i15", "i24"], "หน่วยงานควร")),
        ("i1, i2, และ i4 หน่วยงานควร", (["i1", "i2", "i4"], "หน่วยงานควร")),
        ("i๑ - i๓ หน่วยงานควร", (["i1", "i2", "i3"], "หน่วยงานควร")),
        ("e1 - หน่วยงานควร", (["e1"], "หน่วยงานควร")),
        ("ข้อ O๑๑ หน่วยงานควร", (["O11"], "หน่วยงานควร")),
        ("๐๑๓ หน่วยงานควร", (["O13"], "หน่วยงานควร")),
        ("e1: หน่วยงานควร", (["e1"], "หน่วยงานควร")),
        ("e๖หน่วยงานควร", (["e6"], "หน่วยงานควร")),
        ("e1 หน่วยงานควรระบุ (อ้างอิงจาก ๐๑๓)", (["e1"], "หน่วยงานควรระบุ (อ้างอิงจาก ๐๑๓)")),
        ("(e6) หน่วยงานควรเผยแพร่", (["e6"], "หน่วยงานควรเผยแพร่")),
        ("(i15, i24) หน่วยงานควรกำหนด", (["i15", "i24"], "หน่วยงานควรกำหนด")),
        ("[O๑๑] หน่วยงานควร", (["O11"], "หน่วยงานควร")),
        ("(e๖)หน่วยงานควร", (["e6"], "หน่วยงานควร")),
        ("( i๑ - i๓ ): หน่วยงานควร", (["i1", "i2", "i3"], "หน่วยงานควร")),
        ("(e6 หน่วยงานควร", ([], "(e6 หน่วยงานควร")),
        ("(e6] หน่วยงานควร", ([], "(e6] หน่วยงานควร")),
        ("๐๓๑ - ๐๓๓)", ([], "๐๓๑ - ๐๓๓)")),
        ("e1) หน่วยงานควร", ([], "e1) หน่วยงานควร")),
        ("2. จัดทำคู่มือ", ([], "2. จัดทำคู่มือ")),
        ("๒๕๖๖ หน่วยงาน", ([], "๒๕๖๖ หน่วยงาน")),
        ("๕ หน่วยงานควร", ([], "๕ หน่วยงานควร")),
        ("หน่วยงานควร e1", ([], "หน่วยงานควร e1")),
        ("", ([], "")),
    ],
)
def test_split_leading_codes(text: str, expected: tuple[list[str], str]) -> None:
    assert split_leading_codes(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("(อ้างอิงจาก ๐๑๓)", ["O13"]),
        ("(อ้างอิงจาก ๐๓๙ - ๐๔๑)", ["O39", "O40", "O41"]),
        ("(อ้างอิง จาก ๐๓๙, ๐๔๐)", ["O39", "O40"]),
        ("(อ้างอิงจากตัวชี้วัด ๙.๑, ๙.๒, ๙.๓)", ["9.1", "9.2", "9.3"]),
        ("(อ้างอิงจากตัวชี้วัดที่ ๙.๑ - ๙.๓)", ["9.1", "9.2", "9.3"]),
        ("(อ้างอิงจาก O๑๓ ถึง O๑๕)", ["O13", "O14", "O15"]),
        ("(อ้างอิงจากข้อ O๑๓ - ข้อ O๑๕)", ["O13", "O14", "O15"]),
        ("(อ้างอิงจากข้อ ๐๑๓ และ ๐๑๔)", ["O13", "O14"]),
        ("(อ้างอิงจาก ๐๑๓, ๐๑๔, และ ๐๑๖)", ["O13", "O14", "O16"]),
        (
            "e1 ควรระบุ (อ้างอิงจาก ๐๑๓) และเผยแพร่ (อ้างอิงจาก ๐๑๓ - ๐๑๔, ๙.๒)",
            ["O13", "O14", "9.2"],
        ),
        ("(อ้างอิงจาก ๐๔๑ - ๐๓๙)", ["O41", "O39"]),
        ("e1 หน่วยงานควรระบุขั้นตอน O13", []),
        ("ไม่มีการอ้างอิง", []),
    ],
)
def test_parse_references(text: str, expected: list[str]) -> None:
    assert parse_references(text) == expected


CODES = st.builds(
    lambda letter, number: f"{letter}{number}",
    st.sampled_from(["i", "e", "O"]),
    st.integers(min_value=1, max_value=99),
)


def _written_forms(code: str) -> list[str]:
    """Every way the reports write ``code``."""
    letter, number = code[0], code[1:]
    thai = arabic_digit_to_thai_digit(number)
    tool_name = {"i": "IIT", "e": "EIT", "O": "OIT"}[letter]
    forms = [
        f"{letter}{number}",
        f"{letter}{thai}",
        f"{letter.upper()}{number}",
        f"{letter.lower()}{thai}",
        f"{letter} {thai}",
        f"{letter}.{number}",
        f"ข้อ {letter}{thai}",
        f"ข้อ{letter}{number}",
        f"{tool_name} {number}",
    ]
    if letter == "O":
        forms += [f"๐{thai}", f"0{number}", f"0{thai}", f"ข้อ ๐{thai}"]
    return forms


@given(CODES)
def test_every_written_form_of_a_code_parses_back(code: str) -> None:
    for form in _written_forms(code):
        assert parse_item_code(form) == code, form
        assert split_leading_codes(f"{form} หน่วยงานควร") == ([code], "หน่วยงานควร"), form


@given(st.lists(CODES, min_size=1, max_size=5, unique=True))
def test_every_code_in_a_text_is_found_in_order(codes: list[str]) -> None:
    text = " หน่วยงานควร ".join(_written_forms(code)[1] for code in codes)
    assert find_item_codes(text) == codes


@given(st.integers(min_value=1, max_value=40), st.integers(min_value=0, max_value=10))
def test_reference_ranges_expand_to_every_item(first: int, length: int) -> None:
    last = first + length
    text = f"(อ้างอิงจาก {arabic_digit_to_thai_digit(f'{first:03d}')} - {last:03d})"
    assert parse_references(text) == [f"O{number}" for number in range(first, last + 1)]
