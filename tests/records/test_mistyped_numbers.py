"""Mistyped score cells are read right or left null, and say so: never a wrong number.

Each case is a cell as an agency (or a scan) typed it, the score it means where only one
reading makes sense, and the warning a person needs to find the cell: ``number.repaired`` when
it was read by a repair, ``number.unreadable`` when it was dropped. The same cell is tried in
an indicator table, a topic table and the overall sentence.
"""

from __future__ import annotations

import pytest
from docmaker import ABOVE, TITLE, TOPIC_HEADER, document, table

from ita_extract.records import build_report
from ita_extract.report import Report

REPAIRED = "number.repaired"
UNREADABLE = "number.unreadable"

CASES = [
    # (cell as typed, the score it means or None, the warning it must give or None)
    ("88.45", 88.45, None),
    ("๘๘.๔๕", 88.45, None),
    ("88.45 คะแนน", 88.45, None),
    ("88,45", 88.45, REPAIRED),
    ("๘๘,๔๕", 88.45, REPAIRED),
    ("7 9.62", 79.62, REPAIRED),
    ("๗ ๙.๖๒", 79.62, REPAIRED),
    ("79 .62", 79.62, REPAIRED),
    ("9O.10", 90.10, REPAIRED),
    ("๙O.๑๐", 90.10, REPAIRED),
    ("9o.1O", 90.10, REPAIRED),
    ("8x.91", None, UNREADABLE),
    ("๘x.๙๑", None, UNREADABLE),
    ("97.6l", None, UNREADABLE),
    ("88.75 88.60", None, UNREADABLE),
    ("๘๘.๗๕ ๘๘.๖๐", None, UNREADABLE),
    ("85 90", None, UNREADABLE),
    ("88,4,5", None, UNREADABLE),
]
CELL_ONLY_CASES = [
    ("101.50", None, UNREADABLE),
    ("ผ่าน", None, UNREADABLE),
    ("-", None, None),
    ("", None, None),
]


def _number_warnings(report: Report) -> list[tuple[str, str]]:
    return [(w.code, w.message) for w in report.warnings if w.code.startswith("number.")]


def _check(report: Report, cell: str, expected: float | None, code: str | None, what: str) -> None:
    warnings = _number_warnings(report)
    if code is None:
        assert warnings == []
        return
    [(found_code, message)] = warnings
    assert found_code == code
    assert what in message
    assert repr(" ".join(cell.split())) in message, "the warning quotes the cell as written"
    if expected is not None:
        assert f"{expected:g}" in message


@pytest.mark.parametrize(("cell", "expected", "code"), CASES + CELL_ONLY_CASES)
def test_indicator_score_cell(cell: str, expected: float | None, code: str | None) -> None:
    indicators = table(
        [
            ("แบบ", "ลำดับ", "รายละเอียดตัวชี้วัด", "คะแนน"),
            ("IIT", "๑", "การปฏิบัติหน้าที่", cell),
            (ABOVE, "๒", "การใช้งบประมาณ", "๑๐๐"),
        ]
    )
    report = build_report(document(*TITLE, indicators))
    assert [(i.number, i.score) for i in report.indicators] == [(1, expected), (2, 100.0)]
    _check(report, cell, expected, code, "indicator 1")


@pytest.mark.parametrize(("cell", "expected", "code"), CASES + CELL_ONLY_CASES)
def test_topic_item_score_cell(cell: str, expected: float | None, code: str | None) -> None:
    topic = table(
        [
            TOPIC_HEADER,
            ("๑", "การปฏิบัติหน้าที่", "IIT", "i1 ปฏิบัติงานโดยยึดหลักมาตรฐาน", cell, "ผ่าน"),
            (ABOVE, ABOVE, ABOVE, "i2 ปฏิบัติงานอย่างเท่าเทียม", "90.00", ABOVE),
        ]
    )
    report = build_report(document(*TITLE, "ประเด็นที่ ๑ การปฏิบัติหน้าที่", topic))
    [assessment] = report.topics[0].assessments
    assert [(item.code, item.score) for item in assessment.items] == [
        ("i1", expected),
        ("i2", 90.0),
    ]
    assert report.items[0].score == expected
    _check(report, cell, expected, code, "item i1")


@pytest.mark.parametrize(("cell", "expected", "code"), CASES)
def test_overall_sentence(cell: str, expected: float | None, code: str | None) -> None:
    sentence = f"คะแนนที่ได้ {cell} คะแนน ระดับผลการประเมินอยู่ที่ ผ่าน"
    report = build_report(document(*TITLE, sentence))
    assert report.overall.score == expected
    assert report.overall.result == "ผ่าน"
    _check(report, cell, expected, code, "overall score")


@pytest.mark.parametrize(("cell", "expected", "code"), CASES)
def test_item_score_in_prose(cell: str, expected: float | None, code: str | None) -> None:
    report = build_report(document(*TITLE, f"e6 การเผยแพร่ข้อมูล ({cell} คะแนน)"))
    assert [(item.code, item.score) for item in report.items] == [("e6", expected)]
    _check(report, cell, expected, code, "item e6")


@pytest.mark.parametrize(("cell", "expected", "code"), CASES)
def test_indicator_score_in_prose(cell: str, expected: float | None, code: str | None) -> None:
    report = build_report(document(*TITLE, f"ตัวชี้วัดที่ 1 การปฏิบัติหน้าที่ ได้ {cell} คะแนน"))
    stated = [] if expected is None else [(1, expected)]
    assert [(indicator.number, indicator.score) for indicator in report.indicators] == stated
    _check(report, cell, expected, code, "indicator 1 score")
