"""The vocabulary's phrases and the framework's indicator names put back OCR's lost tone marks."""

from __future__ import annotations

from ita_extract.readers.ocr.repairs import restore_phrases
from ita_extract.recognize.known_phrases import known_phrases


def test_known_phrases_hold_vocabulary_and_indicator_names() -> None:
    phrases = known_phrases()
    assert "คะแนนที่ได้" in phrases
    assert "ประสิทธิภาพการสื่อสาร" in phrases


def test_a_phrase_read_without_its_tone_mark_gets_it_back() -> None:
    text, repairs = restore_phrases("คะแนนทีได้ ๙๐.๙๔ คะแนน", known_phrases())
    assert text == "คะแนนที่ได้ ๙๐.๙๔ คะแนน"
    assert repairs == [("คะแนนทีได้", "คะแนนที่ได้")]


def test_an_indicator_name_with_a_misread_upper_vowel_gets_it_back() -> None:
    assert restore_phrases("การปฏิบัติหน้าทิ", known_phrases())[0] == "การปฏิบัติหน้าที่"


def test_text_without_a_damaged_phrase_comes_back_unchanged() -> None:
    assert restore_phrases("คะแนนที่ได้ ๙๐.๙๔", known_phrases()) == ("คะแนนที่ได้ ๙๐.๙๔", [])
