"""ITA knowledge from one source: the vocabulary's typed lists, read alike by every stage."""

from __future__ import annotations

import tomllib
from importlib import resources
from typing import Any

import pytest
from docmaker import TITLE, document

from ita_extract.normalize.codes import parse_references
from ita_extract.normalize.dates import fiscal_year_months, parse_timeframe
from ita_extract.records import build_report
from ita_extract.records.overall import read_result
from ita_extract.report import Grade
from ita_extract.vocabulary import Phrases, Setting, load_vocabulary, toml_to_vocabulary


def _data() -> dict[str, Any]:
    text = resources.files("ita_extract.data").joinpath("vocabulary.toml").read_text("utf-8")
    return tomllib.loads(text)


def test_every_named_list_is_in_the_data_and_not_empty() -> None:
    vocabulary = load_vocabulary()
    assert set(vocabulary.phrases) == set(Phrases)
    assert all(vocabulary.words(name) for name in Phrases)
    assert set(vocabulary.numbers) == set(Setting)


def test_a_list_the_code_does_not_name_is_a_typo_and_fails_to_load() -> None:
    data = _data()
    data["overall"]["score_phrase"] = data["overall"].pop("score_phrases")
    with pytest.raises(ValueError, match=r"overall\.score_phrase"):
        toml_to_vocabulary(data)


def test_a_list_the_code_names_but_the_data_lacks_fails_to_load() -> None:
    data = _data()
    del data["remarks"]["reference_markers"]
    with pytest.raises(ValueError, match=r"remarks\.reference_markers"):
        toml_to_vocabulary(data)


@pytest.mark.parametrize("marker", load_vocabulary().words(Phrases.REMARKS_REFERENCE_MARKERS))
def test_references_are_found_after_every_marker_of_the_vocabulary(marker: str) -> None:
    for typed in (marker, marker.replace(" ", "")):
        assert parse_references(f"หน่วยงานควรเผยแพร่ ({typed} O11 - O13)") == ["O11", "O12", "O13"]


@pytest.mark.parametrize(
    ("result", "passed", "grade"),
    [("ผ่าน", True, Grade.AA), ("ยังไม่ผ่าน", False, Grade.AA), ("A", True, Grade.A)],
)
def test_the_builder_and_validation_read_the_result_words_alike(
    result: str, passed: bool, grade: Grade
) -> None:
    sentence = f"คะแนนที่ได้ 95.51 คะแนน ระดับผลการประเมินอยู่ที่ {result}"
    overall = build_report(document(*TITLE, sentence)).overall
    reading = read_result(result, load_vocabulary())
    assert reading is not None
    assert (overall.passed, overall.grade) == (passed, grade)
    assert reading.passed in (None, overall.passed)
    assert reading.grade in (None, overall.grade)


def test_the_whole_fiscal_year_is_the_years_months_everywhere() -> None:
    timeframe = parse_timeframe("ตลอดปีงบประมาณ", fiscal_year=2567)
    assert (timeframe.start, timeframe.end) == fiscal_year_months(2567) == ("2023-10", "2024-09")
