"""Variations written in a real Word file, read by the DOCX reader: the whole path, not a model.

The document is built with python-docx the way an agency edits the template by hand: part
headings as bold Normal text, a part heading boxed in a one-cell table, the overall score in a
two-cell box, a topic table without a tool column whose remark cell is merged down, limitations
numbered by hand.
"""

from __future__ import annotations

import io
from operator import attrgetter

import docx
import pytest

from ita_extract.readers.docx import read_docx
from ita_extract.records import build_report
from ita_extract.report import Limitation, Report, Tool


def _bold(document: docx.document.Document, text: str) -> None:
    document.add_paragraph().add_run(text).bold = True


def _table(document: docx.document.Document, rows: list[tuple[str, ...]]) -> docx.table.Table:
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for cells, values in zip(table.rows, rows, strict=True):
        for cell, value in zip(cells.cells, values, strict=True):
            cell.text = value
    return table


@pytest.fixture(scope="module")
def report() -> Report:
    document = docx.Document()
    for line in (
        "รายงานการวิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใส",
        "ปีงบประมาณ ๒๕๖๖",
        "เทศบาลเมืองบ้านบึง อ.บ้านบึง จ.ชลบุรี",
    ):
        document.add_paragraph(line)
    _table(document, [("คะแนนรวม", "92.10")])
    document.add_paragraph("ระดับผลการประเมิน ...ผ่าน...")
    _bold(document, "ตอนที่ ๑ การวิเคราะห์ผลการประเมิน ITA")
    _bold(document, "ประ เด็น ที่ ๒ การใช้งบประมาณ :")
    topic = _table(
        document,
        [
            ("ข้อคำถาม", "คะแนน", "ข้อเสนอแนะ"),
            ("i 1", "90.00", "e๑๓ หน่วยงานควรเผยแพร่ขั้นตอน"),
            ("ข้อ e๑๓", "80.00", ""),
            ("๐๑๑", "100 คะแนน", ""),
        ],
    )
    topic.cell(1, 2).merge(topic.cell(3, 2))
    _table(document, [("ส่วนที่ ๓ ข้อจำกัด",)])
    document.add_paragraph("1. ด้านงบประมาณ งบประมาณมีจำกัด")
    document.add_paragraph("2. ข้อจำกัดด้านเทคโนโลยีสารสนเทศ ระบบเครือข่ายไม่เสถียร")
    buffer = io.BytesIO()
    document.save(buffer)
    return build_report(read_docx(buffer.getvalue()))


@pytest.mark.parametrize(
    ("field", "expected"),
    [
        ("fiscal_year", 2566),
        ("agency.name", "เทศบาลเมืองบ้านบึง"),
        ("agency.kind", "เทศบาลเมือง"),
        ("agency.district", "บ้านบึง"),
        ("agency.province", "ชลบุรี"),
        ("overall.score", 92.1),
        ("overall.result", "ผ่าน"),
        ("overall.passed", True),
    ],
)
def test_title_and_overall_from_word(report, field, expected):
    assert attrgetter(field)(report) == expected


def test_topic_without_tool_column_from_word(report):
    [topic] = report.topics
    assert topic.number == 2
    assert topic.title == "การใช้งบประมาณ"
    assert [(a.tool, [(i.code, i.score) for i in a.items]) for a in topic.assessments] == [
        (Tool.IIT, [("i1", 90.0)]),
        (Tool.EIT, [("e13", 80.0)]),
        (Tool.OIT, [("O11", 100.0)]),
    ]
    assert [(r.codes, r.text, r.topic) for r in report.recommendations] == [
        (["e13"], "หน่วยงานควรเผยแพร่ขั้นตอน", 2)
    ]


def test_limitations_under_a_boxed_heading_from_word(report):
    assert report.limitations == [
        Limitation(category="งบประมาณ", text="งบประมาณมีจำกัด"),
        Limitation(category="เทคโนโลยีสารสนเทศ", text="ระบบเครือข่ายไม่เสถียร"),
    ]
