"""restore_lost_marks: OCR's lost tone marks and misread ``ำ`` put back, correct text untouched."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from ita_extract.readers.ocr.repairs import repair_text
from ita_extract.readers.ocr.thai_marks import (
    dictionary_share,
    restore_apostrophe_marks,
    restore_lost_marks,
    restore_month_abbreviations,
    restore_phrase_marks,
)

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
EXPECTED_JSON = sorted(FIXTURES.glob("*.expected.json"))


def _strings(value: Any) -> Iterator[str]:
    """Yield every string in a parsed JSON value, keys aside."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


@pytest.mark.parametrize(
    ("ocr", "expected", "repairs"),
    [
        ("การปฏิบัติหน้าที", "การปฏิบัติหน้าที่", [("หน้าที", "หน้าที่")]),
        ("งานการเจ้าหน้าที", "งานการเจ้าหน้าที่", [("เจ้าหน้าที", "เจ้าหน้าที่")]),
        ("ประสิทธิภาพการสือสาร", "ประสิทธิภาพการสื่อสาร", [("สือ", "สื่อ")]),
        ("ขันตอน", "ขั้นตอน", [("ขันตอน", "ขั้นตอน")]),
        ("จัดซือจัดจ้าง", "จัดซื้อจัดจ้าง", [("จัดซือ", "จัดซื้อ")]),
        ("เพิมช่องทาง", "เพิ่มช่องทาง", [("เพิม", "เพิ่ม")]),
        ("ประจัาปี", "ประจำปี", [("ประจัาปี", "ประจำปี")]),
        ("หน้าทีทัาการ", "หน้าที่ทำการ", [("หน้าที", "หน้าที่"), ("ทัาการ", "ทำการ")]),
        # -- words far rarer than their marked twins: ที่ is sixty times as common as ที --
        ("อยู่ตรงที", "อยู่ตรงที่", [("ที", "ที่")]),
        ("ช่องทางทีประชาชนใช้", "ช่องทางที่ประชาชนใช้", [("ที", "ที่")]),
        ("สิงที่ต้องทำ", "สิ่งที่ต้องทำ", [("สิง", "สิ่ง")]),
        # -- a letter read as its lookalike: one edit makes one word of the pieces --
        ("มีความชื่อสัตย์สุจริต", "มีความซื่อสัตย์สุจริต", [("ความชื่อ", "ความซื่อ")]),
        ("ยื่นคาร้องเรียน", "ยื่นคำร้องเรียน", [("คาร้องเรียน", "คำร้องเรียน")]),
        ("การดาเนินงาน", "การดำเนินงาน", [("ดาเนิน", "ดำเนิน")]),
        # -- a mark lost off a bare consonant, or one seen in grain, in a common word --
        ("ศูนย์ข้อมลข่าวสาร", "ศูนย์ข้อมูลข่าวสาร", [("ข้อมล", "ข้อมูล")]),
        ("ควรเผยแพรแผนการ", "ควรเผยแพร่แผนการ", [("เผยแพร", "เผยแพร่")]),
        ("ธั้นวาคม", "ธันวาคม", [("ธั้นวาคม", "ธันวาคม")]),
        # -- a stack read as one mark: ็ for ี้, ่า for ำ --
        ("และช็แจงให้บุคลากร", "และชี้แจงให้บุคลากร", [("ช็แจง", "ชี้แจง")]),
        ("ปรับปรุงการท่างาน", "ปรับปรุงการทำงาน", [("ท่างาน", "ทำงาน")]),
        # -- a word of the ITA vocabulary the general word list lacks --
        ("อ้างอิงจากตัวชีวัด", "อ้างอิงจากตัวชี้วัด", [("ตัวชีวัด", "ตัวชี้วัด")]),
    ],
)
def test_restores_marks_the_dictionary_leaves_no_doubt_about(
    ocr: str, expected: str, repairs: list[tuple[str, str]]
) -> None:
    assert restore_lost_marks(ocr) == (expected, repairs)


@pytest.mark.parametrize(
    "ocr",
    [
        "เรือง",  # a word as read; may be เรื่อง
        "ทีละขั้นตอน",  # ทีละ is a word of its own
        "ทีมงาน",  # so is ทีม
        "แอนิเมชัน",  # a loan word's official spelling: rare either way
        "ซือ",  # ซื่อ and ซื้อ are both words
        "รายเดือ นให้ครบ",  # a justification space splits เดือน; เดื่อ would be a guess
        "แต่งตัง้",  # the mark is misplaced after ง, not lost
        "หมู่บ้านดุง",  # a short name one lookalike from a word (ตุง)
        "ทต.",  # an abbreviation, no ทด
        "มาใช้",  # two right words; ม้าใช้ is a word, but a rare one
        "ให้ท่าน",  # likewise ให้ทาน
    ],
)
def test_leaves_ambiguous_text_alone(ocr: str) -> None:
    assert restore_lost_marks(ocr) == (ocr, [])


def test_keeps_everything_around_the_thai_words() -> None:
    ocr = "ข้อ O11 (ขันตอน):\n  1.5 คะแนน E-Service\tประจัาปี ๒๕๖๖."
    expected = "ข้อ O11 (ขั้นตอน):\n  1.5 คะแนน E-Service\tประจำปี ๒๕๖๖."
    assert restore_lost_marks(ocr) == (
        expected,
        [("ขันตอน", "ขั้นตอน"), ("ประจัาปี", "ประจำปี")],
    )


def test_reports_every_occurrence_in_document_order() -> None:
    text, repairs = restore_lost_marks("เพิมช่องทาง การสือสาร เพิมช่องทาง")
    assert text == "เพิ่มช่องทาง การสื่อสาร เพิ่มช่องทาง"
    assert repairs == [("เพิม", "เพิ่ม"), ("สือ", "สื่อ"), ("เพิม", "เพิ่ม")]


def test_never_changes_the_correct_text_of_the_expected_fixtures() -> None:
    strings = [
        string for path in EXPECTED_JSON for string in _strings(json.loads(path.read_text()))
    ]
    assert len(strings) > 1000
    changed = {string: restore_lost_marks(string) for string in set(strings)}
    assert {string: result for string, result in changed.items() if result[1]} == {}
    assert all(result[0] == string for string, result in changed.items())


PHRASES = (
    "คะแนนที่ได้",
    "ระดับผลการประเมินอยู่ที่",
    "ประกาศ ณ วันที่",
    "การปฏิบัติหน้าที่",
    "ที่",
    "ต่อ",
    "ความโปร่งใส",
    "อ้างอิง จาก",
)


@pytest.mark.parametrize(
    ("read", "expected"),
    [
        ("คะแนนทีได้ 90.94", "คะแนนที่ได้ 90.94"),
        ("ระดับผลการประเมินอยู่ที ผ่าน", "ระดับผลการประเมินอยู่ที่ ผ่าน"),
        ("ประกาศ ณ  วันที ๒๘", "ประกาศ ณ วันที่ ๒๘"),
        # -- an upper vowel taken for its lookalike, and the mark on it lost --
        ("การปฏิบัติหน้าทิ", "การปฏิบัติหน้าที่"),
        # -- a letter read as its lookalike, which the dictionary's pieces cannot mend --
        ("ความโปร่งไส", "ความโปร่งใส"),
        # -- spaced otherwise only: nothing misread, nothing repaired --
        ("อ้างอิงจาก O11", "อ้างอิงจาก O11"),
        # -- short phrases are no evidence; text already right stays --
        ("ทีม ตอ", "ทีม ตอ"),
        ("คะแนนที่ได้", "คะแนนที่ได้"),
    ],
)
def test_known_phrases_get_their_lost_marks_back(read: str, expected: str) -> None:
    repaired, repairs = restore_phrase_marks(read, PHRASES)
    assert repaired == expected
    assert bool(repairs) == (read != expected)


def test_phrases_told_apart_only_by_marks_are_not_used() -> None:
    assert restore_phrase_marks("ปากกาไม", ("ปากกาไม้", "ปากกาไม่")) == ("ปากกาไม", [])
    assert restore_phrase_marks("ปากกาไม", ("ปากกาไม้",)) == ("ปากกาไม้", [("ปากกาไม", "ปากกาไม้")])


@pytest.mark.parametrize(
    ("text", "share"),
    [("แนวทางการ", 1.0), ("ขยฉณ", 0.0), ("a ow da", 0.0), ("", 0.0)],
)
def test_dictionary_share_tells_thai_words_from_marks_read_as_letters(
    text: str, share: float
) -> None:
    assert dictionary_share(text) == share


@pytest.mark.parametrize(
    ("read", "expected"),
    [
        # -- specks read as vowels on a month abbreviation's letters --
        ("ต.ค.–ธิ.ค.2566", "ต.ค.–ธ.ค.2566"),
        ("พ.ุย. ๒๕๖๕", "พ.ย. ๒๕๖๕"),
        # -- June's and March's vowels are their own; January and March share letters --
        ("มิ.ย. 2567", "มิ.ย. 2567"),
        ("ม.ค.–มี.ค.2567", "ม.ค.–มี.ค.2567"),
        ("มิ.ค. 2567", "มิ.ค. 2567"),
        ("พ.ศ. ๒๕๖๖", "พ.ศ. ๒๕๖๖"),
        ("อ.ส.ม.", "อ.ส.ม."),
    ],
)
def test_marks_on_a_month_abbreviation_are_specks(read: str, expected: str) -> None:
    repaired, repairs = restore_month_abbreviations(read)
    assert repaired == expected
    assert bool(repairs) == (read != expected)


@pytest.mark.parametrize(
    ("read", "expected", "repairs"),
    [
        ("ควรเผยแพร'ประกาศ", "ควรเผยแพร่ประกาศ", [("เผยแพร'", "เผยแพร่")]),
        ("ไม'มี", "ไม่มี", [("ไม'", "ไม่")]),
        # -- quotes around Thai, and Latin, stay --
        ("ข้อ 'ก'", "ข้อ 'ก'", []),
        ("don't", "don't", []),
    ],
)
def test_an_apostrophe_after_a_thai_letter_is_its_tone_mark(
    read: str, expected: str, repairs: list[tuple[str, str]]
) -> None:
    assert restore_apostrophe_marks(read) == (expected, repairs)


def test_a_decomposed_sara_am_is_composed_before_the_dictionary_looks() -> None:
    """Tesseract writes ``ำ`` as ``ํา`` now and then: the word is ``ตำ…`` to the dictionary."""
    assert repair_text("องค์การบริหารส่วนตําปลหนองบัว") == (
        "องค์การบริหารส่วนตำบลหนองบัว",
        [("ตำปล", "ตำบล")],
    )
