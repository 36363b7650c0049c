"""Real reports vary far more than the fixtures: each case is one realistic variation.

Every expected value is written from the format page and the JSON contract, not from what the
parser printed. A variation a real report was seen to use, or that the template's hand editing
makes likely, is one table row here.
"""

from __future__ import annotations

import datetime

import pytest
from docmaker import ABOVE, LEFT, PLAN_HEADER, TITLE, TOPIC_HEADER, document, para, table

from ita_extract.document import Block
from ita_extract.errors import NotAnITAReportError
from ita_extract.recognize import SectionKind, recognize
from ita_extract.records import build_report
from ita_extract.report import (
    Agency,
    Grade,
    Limitation,
    Overall,
    PlanRow,
    Report,
    Signature,
    Timeframe,
    Tool,
)

INDICATORS = table(
    [
        ("แบบ", "ลำดับ", "รายละเอียดตัวชี้วัด", "คะแนน"),
        ("IIT", "๑", "การปฏิบัติหน้าที่", "๙๗.๖๑"),
        ("OIT", "๙", "การเปิดเผยข้อมูล", "๘๘.๐๐"),
    ]
)
"""A small indicator table, so the documents below read as ITA reports."""


def _report(*blocks: Block | str) -> Report:
    return build_report(document(*TITLE, INDICATORS, *blocks))


# ---------------------------------------------------------------------------------------------
# Headings
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("heading", "kind"),
    [
        ("ส่วนที่ 1 การวิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใส", SectionKind.ANALYSIS),
        ("ส่วนที่ ๑ การวิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใส", SectionKind.ANALYSIS),
        ("ตอนที่ ๑ การวิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใส :", SectionKind.ANALYSIS),
        ("ผลการวิเคราะห์ข้อมูลเชิงลึก", SectionKind.ANALYSIS),
        ("การวิเคราะห์ผลการประเมิน ITA", SectionKind.ANALYSIS),
        ("ส่วนที่ 2 แนวทางการพัฒนา", SectionKind.ACTION_PLAN),
        ("ส่วนที่ ๒ การนำผลการวิเคราะห์ไปสู่การปฏิบัติ:", SectionKind.ACTION_PLAN),
        ("ส่วนที่ 3 ข้อจำกัด", SectionKind.LIMITATIONS),
        ("ข้อจำกัดในการดำเนินการ", SectionKind.LIMITATIONS),
        ("ปัญหา อุปสรรค และข้อจำกัด", SectionKind.LIMITATIONS),
        ("ส่วนที่ ๓ การวิเคราะห์ข้อจำกัดในการดำเนินการตามมาตรการ :", SectionKind.LIMITATIONS),
        ("ส่วนที่ 2 ข้อเสนอแนะ (EIT)", SectionKind.EIT_SURVEY),
        ("ข้อเสนอแนะ OIT", SectionKind.OIT_RECOMMENDATION),
        (
            "ข้อเสนอแนะจากการประเมินแบบวัดการเปิดเผยข้อมูลสาธารณะ (OIT)",
            SectionKind.OIT_RECOMMENDATION,
        ),
        (table([("ส่วนที่ ๒ ผู้ประเมินจัดเก็บข้อมูล (EIT Survey)",)]), SectionKind.EIT_SURVEY),
        ("ส่วนที่ 1 ผลการประเมิน ITA", SectionKind.ANALYSIS),
        ("ส่วนที่ ๒ แนวทางการปรับปรุงและพัฒนา", SectionKind.ACTION_PLAN),
        ("การนำผลการวิเคราะห์ไปปรับปรุง", SectionKind.ACTION_PLAN),
        ("ข้อจำกัด", SectionKind.LIMITATIONS),
    ],
)
def test_heading_spellings_and_numbering_open_their_section(heading, kind):
    layout = recognize(document(*TITLE, heading, "ข้อความในส่วนนี้"))
    assert [section.kind for section in layout.sections] == [SectionKind.TITLE, kind]


@pytest.mark.parametrize(
    "line",
    ["ข้อจำกัดด้านบุคลากร มีน้อย", "EIT", "มาตรการ", "ข้อเสนอแนะ", "ผลการประเมิน"],
)
def test_body_lines_that_start_like_a_short_part_name_open_nothing(line):
    layout = recognize(document(*TITLE, line))
    assert [section.kind for section in layout.sections] == [SectionKind.TITLE]


@pytest.mark.parametrize(
    "title_line",
    [
        "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน",
        "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำปีงบประมาณ พ.ศ. 2567",
        "มาตรการส่งเสริมคุณธรรมและความโปร่งใสในการดำเนินงาน",
    ],
)
def test_the_measures_title_opens_no_section(title_line):
    layout = recognize(document(title_line, "องค์การบริหารส่วนตำบลอีเซ"))
    assert [section.kind for section in layout.sections] == [SectionKind.TITLE]


@pytest.mark.parametrize(
    ("heading", "number"),
    [
        ("ประ เด็น ที่ ๑ การเปิดเผยข้อมูล", 1),
        ("ประเด็นที่ ๒ : การใช้งบประมาณ", 2),
        ("ประเด็นที่8 การป้องกันการทุจริต", 8),
        (para("ประเด็นที่ ๕ การแก้ไขปัญหาการทุจริต", label="5."), 5),
    ],
)
def test_topic_headings_spelled_otherwise_give_their_number(heading, number):
    layout = recognize(document(*TITLE, "ส่วนที่ ๑ การวิเคราะห์ผลการประเมิน ITA", heading))
    topic = layout.sections[-1]
    assert topic.kind is SectionKind.TOPIC
    assert topic.heading is not None
    assert topic.heading.number == number


def test_a_heading_written_in_a_one_cell_table_opens_its_section():
    boxed = table([("ส่วนที่ ๓ การวิเคราะห์ข้อจำกัดในการดำเนินการ",)])
    report = _report(boxed, "- ข้อจำกัดด้านบุคลากร บุคลากรมีไม่เพียงพอ")
    assert report.limitations == [Limitation(category="บุคลากร", text="บุคลากรมีไม่เพียงพอ")]


@pytest.mark.parametrize(
    ("number_line", "name_line"),
    [("ส่วนที่ ๓", "ข้อจำกัด"), ("ตอนที่ 3", "การวิเคราะห์ข้อจำกัดในการดำเนินการ")],
)
def test_a_part_number_alone_above_its_name(number_line, name_line):
    report = _report(
        "ส่วนที่ ๒ ผู้ประเมินจัดเก็บข้อมูล (EIT Survey)",
        "e๖ หน่วยงานควรจัดทำคู่มือ",
        number_line,
        name_line,
        "- ด้านงบประมาณ งบประมาณมีจำกัด",
    )
    assert [(r.codes, r.text) for r in report.recommendations] == [(["e6"], "หน่วยงานควรจัดทำคู่มือ")]
    assert report.limitations == [Limitation(category="งบประมาณ", text="งบประมาณมีจำกัด")]


def test_sections_reordered_each_read_by_its_heading():
    report = _report(
        "ส่วนที่ ๓ การวิเคราะห์ข้อจำกัด",
        "- ข้อจำกัดด้านงบประมาณ งบประมาณมีจำกัด",
        "ส่วนที่ ๒ ผู้ประเมินจัดเก็บข้อมูล (EIT Survey)",
        "e๖ หน่วยงานควรจัดทำคู่มือ",
    )
    assert report.limitations == [Limitation(category="งบประมาณ", text="งบประมาณมีจำกัด")]
    assert [(r.codes, r.text) for r in report.recommendations] == [(["e6"], "หน่วยงานควรจัดทำคู่มือ")]


# ---------------------------------------------------------------------------------------------
# Title block
# ---------------------------------------------------------------------------------------------

_REPORT_TITLE = "รายงานการวิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใส ประจำปีงบประมาณ พ.ศ. 2566"


@pytest.mark.parametrize(
    ("lines", "agency"),
    [
        (
            ("เทศบาลเมืองบ้านบึง", "อำเภอบ้านบึง จังหวัดชลบุรี"),
            Agency(name="เทศบาลเมืองบ้านบึง", kind="เทศบาลเมือง", district="บ้านบึง", province="ชลบุรี"),
        ),
        (
            ("เทศบาลนครขอนแก่น อ.เมืองขอนแก่น จ.ขอนแก่น",),
            Agency(
                name="เทศบาลนครขอนแก่น",
                kind="เทศบาลนคร",
                district="เมืองขอนแก่น",
                province="ขอนแก่น",
            ),
        ),
        (
            ("องค์การบริหารส่วนตำบลหนองบัว อำเภอเมือง จังหวัดอุดรธานี",),
            Agency(
                name="องค์การบริหารส่วนตำบลหนองบัว",
                kind="องค์การบริหารส่วนตำบล",
                district="เมือง",
                province="อุดรธานี",
            ),
        ),
        (("อบจ.เชียงใหม่",), Agency(name="อบจ.เชียงใหม่", kind="อบจ.")),
        (
            ("สำนักงานสาธารณสุขจังหวัดสุรินทร์",),
            Agency(name="สำนักงานสาธารณสุขจังหวัดสุรินทร์", kind="สำนักงานสาธารณสุขจังหวัด"),
        ),
        (
            ("โรงพยาบาลบางละมุง อำเภอบางละมุง จังหวัดชลบุรี",),
            Agency(name="โรงพยาบาลบางละมุง", kind="โรงพยาบาล", district="บางละมุง", province="ชลบุรี"),
        ),
        (("กรมบัญชีกลาง",), Agency(name="กรมบัญชีกลาง", kind="กรม")),
        (
            ("สำนักงานเขตบางรัก กรุงเทพมหานคร",),
            Agency(name="สำนักงานเขตบางรัก", kind="สำนักงานเขต", province="กรุงเทพมหานคร"),
        ),
        (
            ("โรงเรียนวัดบางกะปิ", "เขตบางกะปิ กรุงเทพมหานคร"),
            Agency(
                name="โรงเรียนวัดบางกะปิ",
                kind="โรงเรียน",
                district="บางกะปิ",
                province="กรุงเทพมหานคร",
            ),
        ),
        (
            (table([("องค์การบริหารส่วนตำบลหนองบัว",)]), "อำเภอเมือง จังหวัดอุดรธานี"),
            Agency(
                name="องค์การบริหารส่วนตำบลหนองบัว",
                kind="องค์การบริหารส่วนตำบล",
                district="เมือง",
                province="อุดรธานี",
            ),
        ),
        (
            ("อบต.หนองบัว อ.เมือง จ.อุดรธานี",),
            Agency(name="อบต.หนองบัว", kind="อบต.", district="เมือง", province="อุดรธานี"),
        ),
    ],
)
def test_agency_kinds_and_place_spellings(lines, agency):
    assert build_report(document(_REPORT_TITLE, *lines, INDICATORS)).agency == agency


@pytest.mark.parametrize(
    "lines",
    [
        ("รายงานการวิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใส", "ปีงบประมาณ ๒๕๖๖"),
        ("รายงานการวิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใส ประจำปี พ.ศ. 2566",),
        ("รายงานผลการวิเคราะห์การประเมิน ITA 2566", "องค์การบริหารส่วนตำบลอีเซ"),
        ("ผลการประเมินคุณธรรมและความโปร่งใส (ITA 2566)", "เทศบาลตำบลอีเซ"),
    ],
)
def test_fiscal_year_spellings(lines):
    assert build_report(document(*lines, INDICATORS)).fiscal_year == 2566


_MEASURES_TITLE = "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำปีงบประมาณ พ.ศ. 2567"


@pytest.mark.parametrize(
    "lines",
    [
        (_MEASURES_TITLE, "ผลการประเมิน ITA 2566", "องค์การบริหารส่วนตำบลอีเซ"),
        (
            _MEASURES_TITLE,
            "การวิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ",
            "(Integrity and Transparency Assessment: ITA) ประจำปีงบประมาณ พ.ศ. 2566",
            "องค์การบริหารส่วนตำบลอีเซ",
        ),
    ],
)
def test_the_measures_year_is_not_the_assessed_year(lines):
    report = build_report(document(*lines, INDICATORS))
    assert (report.fiscal_year, report.agency.name) == (2566, "องค์การบริหารส่วนตำบลอีเซ")


# ---------------------------------------------------------------------------------------------
# Overall result
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("blocks", "expected"),
    [
        (
            ("องค์การบริหารส่วนตำบลอีเซ ได้คะแนน ๘๗.๒๕ คะแนน อยู่ในระดับ A",),
            Overall(score=87.25, result="A", passed=True, grade=Grade.A),
        ),
        (("ผลคะแนนรวม = 92.10",), Overall(score=92.1, passed=True, grade=Grade.A)),
        (
            ("ได้คะแนน 90.00 คะแนน", "ระดับผลการประเมิน ...ผ่าน..."),
            Overall(score=90.0, result="ผ่าน", passed=True, grade=Grade.A),
        ),
        (
            (table([("คะแนนรวม", "92.10")]),),
            Overall(score=92.1, passed=True, grade=Grade.A),
        ),
        (
            ("ได้คะแนน 86.00 คะแนน ระดับผลการประเมิน ผ่านเกณฑ์",),
            Overall(score=86.0, result="ผ่านเกณฑ์", passed=True, grade=Grade.A),
        ),
        (
            ("ได้คะแนน 70.00 คะแนน ระดับผลการประเมิน ไม่ผ่านเกณฑ์",),
            Overall(score=70.0, result="ไม่ผ่านเกณฑ์", passed=False, grade=Grade.C),
        ),
        (
            (
                "หน่วยงานที่ได้คะแนน 85 คะแนนขึ้นไป ถือว่าผ่านเกณฑ์",
                "องค์การบริหารส่วนตำบลอีเซ ได้คะแนน 80.12 คะแนน อยู่ในระดับ B",
            ),
            Overall(score=80.12, result="B", passed=False, grade=Grade.B),
        ),
        (
            ("ได้คะแนน 80.12 คะแนน (เกณฑ์ผ่าน 85 คะแนน)",),
            Overall(score=80.12, passed=False, grade=Grade.B),
        ),
        (
            ("ผลการประเมิน ITA ประจำปีงบประมาณ พ.ศ. 2566 ได้คะแนนรวม 91.20 คะแนน",),
            Overall(score=91.2, passed=True, grade=Grade.A),
        ),
        (("เกณฑ์ผ่าน 85 คะแนน",), Overall()),
        (
            ("ปี 2565 ได้คะแนน 80.00 คะแนน และปี 2566 ได้คะแนน 88.56 คะแนน อยู่ในระดับ A",),
            Overall(score=88.56, result="A", passed=True, grade=Grade.A),
        ),
        (
            ("ในปี 2566 ได้คะแนน 88.56 คะแนน เพิ่มขึ้นจากปี 2565 ที่ได้คะแนน 80.00 คะแนน",),
            Overall(score=88.56, passed=True, grade=Grade.A),
        ),
        (
            ("ผลการประเมินภาพรวมได้ 88.56 คะแนน",),
            Overall(score=88.56, passed=True, grade=Grade.A),
        ),
        (
            ("ได้รับผลการประเมิน 74.00 คะแนน",),
            Overall(score=74.0, passed=False, grade=Grade.C),
        ),
    ],
)
def test_overall_sentence_variants(blocks, expected):
    assert build_report(document(*TITLE, *blocks)).overall == expected


@pytest.mark.parametrize(
    ("blocks", "expected"),
    [
        (
            ("ผลการประเมินภาพรวม ได้ 88.56 คะแนน",),
            Overall(score=88.56, passed=True, grade=Grade.A),
        ),
        (
            ("ระดับผลการประเมิน A คะแนน 88.56",),
            Overall(score=88.56, result="A", passed=True, grade=Grade.A),
        ),
        (
            ("ผลการประเมิน ITA", "ได้ 88.56 คะแนน"),
            Overall(score=88.56, passed=True, grade=Grade.A),
        ),
        (
            ("ผลการประเมินภาพรวม ได้ 88.56 คะแนน โดยตัวชี้วัดที่ 9 ได้ 78.50 คะแนน",),
            Overall(score=88.56, passed=True, grade=Grade.A),
        ),
        (("ตัวชี้วัดที่ 9 ได้ 78.50 คะแนน",), Overall()),
        (("ตัวชี้วัดที่ 9 ได้ 78.50 คะแนน ต่ำกว่าภาพรวม",), Overall()),
        (("ตัวชี้วัดที่ 9 ระดับผลการประเมิน B คะแนน 78.50",), Overall()),
        (("ประเด็นที่ ๒ ได้ 78.50 คะแนน",), Overall()),
        (("ผลการประเมิน ITA", "ตัวชี้วัดที่ 9 ได้ 78.50 คะแนน"), Overall()),
        (("ได้ 88.56 คะแนน",), Overall()),
    ],
)
def test_overall_terse_forms_only_where_the_overall_result_is_named(blocks, expected):
    assert build_report(document(*TITLE, *blocks)).overall == expected


# ---------------------------------------------------------------------------------------------
# Indicator table
# ---------------------------------------------------------------------------------------------


def _indicators(*rows):
    report = build_report(document(*TITLE, table(rows)))
    return [(i.number, i.tool, i.name, i.score) for i in report.indicators]


def test_indicator_columns_in_another_order_and_scores_with_a_unit():
    assert _indicators(
        ("คะแนน", "ตัวชี้วัด", "ลำดับ", "แบบวัด"),
        ("97.61 คะแนน", "การปฏิบัติหน้าที่", "1", "IIT"),
        ("88.00 คะแนน", "การเปิดเผยข้อมูล", "9", "OIT"),
    ) == [(1, Tool.IIT, "การปฏิบัติหน้าที่", 97.61), (9, Tool.OIT, "การเปิดเผยข้อมูล", 88.0)]


def test_indicator_names_without_numbers_take_the_frameworks_number_or_none():
    assert _indicators(
        ("ตัวชี้วัด", "คะแนน"),
        ("การใช้ทรัพย์สินของราชการ", "90.00"),
        ("ประสิทธิภาพการสื่อสาร", "80.00"),
        ("การแก้ไขปัญหาทุจริต", "70.00"),
        ("การบริหารงานบุคคล", "60.00"),
        ("คะแนนเฉลี่ย", "75.00"),
    ) == [
        (4, Tool.IIT, "การใช้ทรัพย์สินของราชการ", 90.0),
        (7, Tool.EIT, "ประสิทธิภาพการสื่อสาร", 80.0),
        (5, Tool.IIT, "การแก้ไขปัญหาทุจริต", 70.0),
    ]


@pytest.mark.parametrize(
    "sub_row",
    [("9.1", "การเปิดเผยข้อมูล", "100"), ("9.1", "ข้อมูลพื้นฐาน", "100")],
)
def test_sub_indicator_rows_are_no_indicators(sub_row):
    assert _indicators(
        ("ลำดับ", "ตัวชี้วัด", "คะแนน"),
        ("9", "การเปิดเผยข้อมูล", "90.00"),
        sub_row,
        ("10", "การป้องกันการทุจริต", "70.00"),
    ) == [(9, Tool.OIT, "การเปิดเผยข้อมูล", 90.0), (10, Tool.OIT, "การป้องกันการทุจริต", 70.0)]


def test_indicator_header_over_two_rows():
    assert _indicators(
        ("ตัวชี้วัด", "ผลการประเมิน", LEFT),
        (ABOVE, "คะแนน", "ระดับ"),
        ("ตัวชี้วัดที่ 1 การปฏิบัติหน้าที่", "97.61", "AA"),
        ("ตัวชี้วัดที่ 6 คุณภาพการดำเนินงาน", "85.00", "A"),
    ) == [(1, Tool.IIT, "การปฏิบัติหน้าที่", 97.61), (6, Tool.EIT, "คุณภาพการดำเนินงาน", 85.0)]


def test_total_row_is_no_indicator_but_the_overall_score():
    report = build_report(
        document(
            *TITLE,
            table(
                [
                    ("ลำดับ", "ตัวชี้วัด", "คะแนน"),
                    ("1", "การปฏิบัติหน้าที่", "90.00"),
                    ("รวม/คะแนนเฉลี่ย", LEFT, "88.40"),
                ]
            ),
        )
    )
    assert [i.number for i in report.indicators] == [1]
    assert report.overall.score == 88.4


# ---------------------------------------------------------------------------------------------
# Topic tables
# ---------------------------------------------------------------------------------------------

_PART_ONE = "ส่วนที่ ๑ การวิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใส"


def test_topic_table_without_a_tool_column_takes_tools_from_codes():
    report = _report(
        _PART_ONE,
        "ประเด็นที่ ๘ การป้องกันการทุจริต",
        table(
            [
                ("ข้อคำถาม", "คะแนน", "ข้อเสนอแนะ"),
                ("i 1", "90.00", "ผ่าน"),
                ("ข้อ e๑๓", "80.00", ABOVE),
                ("O.11", "100", ABOVE),
                ("๐๑๒", "๑๐๐", ABOVE),
            ]
        ),
    )
    [topic] = report.topics
    assert topic.number == 8
    assert [(a.tool, [(i.code, i.score) for i in a.items]) for a in topic.assessments] == [
        (Tool.IIT, [("i1", 90.0)]),
        (Tool.EIT, [("e13", 80.0)]),
        (Tool.OIT, [("O11", 100.0), ("O12", 100.0)]),
    ]


@pytest.mark.parametrize(
    "rows",
    [
        (
            ("ที่", "ประเด็น", "แบบวัด", "ข้อ", "คะแนนที่ได้", "ข้อเสนอแนะ/แนวทางแก้ไข"),
            ("1", "การปฏิบัติหน้าที่", "แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายนอก", "e1", "80.5", "ผ่าน"),
        ),
        (
            ("ประเด็น", "เครื่องมือ", "ข้อ", "ผลการประเมิน", LEFT),
            (ABOVE, ABOVE, ABOVE, "คะแนน", "ข้อเสนอแนะ"),
            ("1. การปฏิบัติหน้าที่", "EIT", "e1 การให้บริการ", "80.50 คะแนน", "ผ่าน"),
        ),
    ],
)
def test_topic_table_header_shapes(rows):
    [topic] = _report(_PART_ONE, table(rows)).topics
    assert (topic.number, topic.title) == (1, "การปฏิบัติหน้าที่")
    assert [
        (a.tool, a.result, [(i.code, i.score) for i in a.items]) for a in topic.assessments
    ] == [(Tool.EIT, "ผ่าน", [("e1", 80.5)])]


def test_a_remark_cell_mixing_a_status_and_recommendations():
    report = _report(
        _PART_ONE,
        "ประเด็นที่ ๑ การให้บริการ",
        table(
            [
                TOPIC_HEADER,
                ("๑", "การให้บริการ", "EIT", "ข้อ e๑", "๙๐.๐๐", ("ผ่าน", "e๕ หน่วยงานควรปรับปรุง")),
                (ABOVE, ABOVE, ABOVE, "ข้อ e๕", "๗๙.๐๐", ABOVE),
            ]
        ),
    )
    assert [(r.codes, r.text, r.topic) for r in report.recommendations] == [
        (["e5"], "หน่วยงานควรปรับปรุง", 1)
    ]


@pytest.mark.parametrize(
    "remark",
    [
        ("ข้อเสนอแนะ", "e๕ หน่วยงานควรปรับปรุง"),
        ("ข้อเสนอแนะ : e๕ หน่วยงานควรปรับปรุง",),
        ("ข้อบกพร่อง/ข้อเสนอแนะ", "- e๕ หน่วยงานควรปรับปรุง"),
    ],
)
def test_the_remark_columns_name_typed_in_its_cell_is_no_recommendation(remark):
    report = _report(
        _PART_ONE,
        "ประเด็นที่ ๑ การให้บริการ",
        table(
            [
                TOPIC_HEADER,
                ("๑", "การให้บริการ", "EIT", "ข้อ e๑", "๙๐.๐๐", remark),
                (ABOVE, ABOVE, ABOVE, "ข้อ e๕", "๗๙.๐๐", ABOVE),
            ]
        ),
    )
    assert [(r.codes, r.text) for r in report.recommendations] == [(["e5"], "หน่วยงานควรปรับปรุง")]


def test_the_same_item_under_two_topics_is_one_item():
    def topic_table(title):
        return table([TOPIC_HEADER, ("๑", title, "IIT", "ข้อ i๑", "๙๐.๐๐", "ผ่าน")])

    report = _report(
        _PART_ONE,
        "ประเด็นที่ ๑ การปฏิบัติหน้าที่",
        topic_table("การปฏิบัติหน้าที่"),
        "ประเด็นที่ ๒ การใช้อำนาจ",
        topic_table("การใช้อำนาจ"),
    )
    assert [(i.code, i.score) for i in report.items] == [("i1", 90.0)]
    assert [t.number for t in report.topics] == [1, 2]
    assert not [w for w in report.warnings if w.code == "item.conflicting_score"]


# ---------------------------------------------------------------------------------------------
# The single analysis table
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "guidance_header", ["ข้อเสนอแนะ", "แนวทางการพัฒนา", "มาตรการ", "แนวทางการนำไปปฏิบัติ"]
)
@pytest.mark.parametrize("issue_header", ["ประเด็นที่ต้องพัฒนา", "ประเด็นที่ต้องปรับปรุง"])
def test_analysis_table_header_synonyms(issue_header, guidance_header):
    report = _report(
        table(
            [
                (issue_header, guidance_header, "ผู้รับผิดชอบ", "ระยะเวลา"),
                ("e6 การเผยแพร่ข้อมูล (73.60 คะแนน)", "จัดทำคู่มือ", "สำนักปลัด", "ตุลาคม 2566"),
            ]
        )
    )
    assert [(r.codes, r.text, r.section.value) for r in report.recommendations] == [
        (["e6"], "จัดทำคู่มือ", "analysis")
    ]
    assert report.action_plan is not None
    assert [(row.measures, row.responsible) for row in report.action_plan.rows] == [
        (["จัดทำคู่มือ"], ["สำนักปลัด"])
    ]


@pytest.mark.parametrize(
    ("issue", "items"),
    [("e6 การเผยแพร่ข้อมูล", [("e6", 73.6)]), ("e6, e7 การเผยแพร่ข้อมูล", [])],
)
def test_an_analysis_table_with_its_own_score_column(issue, items):
    report = _report(
        table(
            [
                ("ประเด็นที่ต้องพัฒนา", "คะแนน", "ข้อเสนอแนะ", "ผู้รับผิดชอบ", "ระยะเวลา"),
                (issue, "73.60", "จัดทำคู่มือ", "สำนักปลัด", "ตุลาคม 2566"),
            ]
        )
    )
    assert [(item.code, item.score) for item in report.items] == items
    assert [r.text for r in report.recommendations] == ["จัดทำคู่มือ"]


# ---------------------------------------------------------------------------------------------
# Action plan
# ---------------------------------------------------------------------------------------------

_PLAN_HEADING = "ส่วนที่ ๒ การนำผลการวิเคราะห์ไปสู่การปฏิบัติ ในปีงบประมาณ พ.ศ. ๒๕๖๗"


def _plan_rows(header, *rows):
    report = _report(_PLAN_HEADING, table([header, *rows]))
    assert report.action_plan is not None
    assert report.action_plan.fiscal_year == 2567
    return report.action_plan.rows


def test_plan_header_synonyms_and_no_topic_column():
    rows = _plan_rows(
        ("มาตรการ/แนวทาง", "ผู้รับผิดชอบ", "ช่วงเวลา"),
        ("จัดทำคู่มือการปฏิบัติงาน", "สำนักปลัด", "ต.ค. 66 - ก.ย. 67"),
    )
    assert rows == [
        PlanRow(
            measures=["จัดทำคู่มือการปฏิบัติงาน"],
            responsible=["สำนักปลัด"],
            timeframe=Timeframe(text="ต.ค. 66 - ก.ย. 67", start="2023-10", end="2024-09"),
        )
    ]


@pytest.mark.parametrize(
    "header",
    [
        ("ประเด็น", "มาตรการ", "ผู้รับผิดชอบ", "ระยะเวลา"),
        ("หัวข้อ", "มาตรการ", "ผู้รับผิดชอบ", "ระยะเวลา"),
    ],
)
def test_a_plan_topic_written_like_its_heading_gives_its_number(header):
    [row] = _plan_rows(header, ("ประเด็นที่ ๓ การใช้อำนาจ", "จัดทำคู่มือ", "สำนักปลัด", "ตลอดปีงบประมาณ"))
    assert (row.topic_number, row.topic, row.measures) == (3, "การใช้อำนาจ", ["จัดทำคู่มือ"])


def test_a_plan_of_projects_with_a_budget_column():
    rows = _plan_rows(
        ("ประเด็น", "โครงการ/กิจกรรม", "ผู้รับผิดชอบ", "ระยะเวลา", "งบประมาณ"),
        ("1. การปฏิบัติหน้าที่", "โครงการอบรมคุณธรรม", "สำนักปลัด", "ไตรมาสที่ 2", "10,000"),
    )
    assert rows == [
        PlanRow(
            topic_number=1,
            topic="การปฏิบัติหน้าที่",
            measures=["โครงการอบรมคุณธรรม"],
            responsible=["สำนักปลัด"],
            timeframe=Timeframe(text="ไตรมาสที่ 2", start="2024-01", end="2024-03"),
        )
    ]


@pytest.mark.parametrize("steps_header", ["วิธีการดำเนินการ", "วิธีการดำเนินงาน", "ขั้นตอน"])
def test_plan_measures_then_how_they_are_carried_out(steps_header):
    [row] = _plan_rows(
        ("มาตรการ", steps_header, "ผู้รับผิดชอบ", "ระยะเวลา"),
        ("จัดทำคู่มือการปฏิบัติงาน", "1) จัดทำร่าง 2) เผยแพร่", "สำนักปลัด", "ตุลาคม ๒๕๖๖"),
    )
    assert row == PlanRow(
        measures=["จัดทำคู่มือการปฏิบัติงาน"],
        steps=["จัดทำร่าง", "เผยแพร่"],
        responsible=["สำนักปลัด"],
        timeframe=Timeframe(text="ตุลาคม 2566", start="2023-10"),
    )


def test_a_plan_without_a_measures_column_reads_how_as_its_measures():
    [row] = _plan_rows(
        ("หัวข้อ", "วิธีการดำเนินการ", "ผู้รับผิดชอบ", "ระยะเวลา"),
        ("๑. การให้บริการ", "จัดทำคู่มือ", "สำนักปลัด", "ตุลาคม ๒๕๖๖"),
    )
    assert (row.measures, row.steps) == (["จัดทำคู่มือ"], [])


_MONTHS = ("ต.ค.", "พ.ย.", "ธ.ค.", "ม.ค.", "ก.พ.", "มี.ค.")


_MONTH_GRID = (
    ("มาตรการ", "ผู้รับผิดชอบ", "ระยะเวลาดำเนินการ", *[LEFT] * (len(_MONTHS) - 1)),
    (ABOVE, ABOVE, *_MONTHS),
    ("จัดทำคู่มือ", "สำนักปลัด", "", "✓", "✓", "", "", ""),
    (ABOVE, ABOVE, *_MONTHS),
    ("ประกาศเจตจำนง", "นายก", "✓", "", "", "", "", ""),
)
"""A month-grid plan whose month row is repeated above its second row (a page break)."""


def test_a_month_grid_plan_ticks_its_months():
    rows = _plan_rows(*_MONTH_GRID)
    assert [(row.measures, row.responsible, row.timeframe) for row in rows] == [
        (
            ["จัดทำคู่มือ"],
            ["สำนักปลัด"],
            Timeframe(text="พ.ย. - ธ.ค.", start="2023-11", end="2023-12"),
        ),
        (["ประกาศเจตจำนง"], ["นายก"], Timeframe(text="ต.ค.", start="2023-10")),
    ]


def test_recognition_takes_every_month_row_for_header_and_names_the_month_columns():
    [plan] = recognize(document(*TITLE, _PLAN_HEADING, table(_MONTH_GRID))).tables
    assert plan.data_rows() == [2, 4]
    assert list(plan.month_columns.values()) == list(_MONTHS)


def test_a_month_grid_row_with_a_filler_cell_is_still_the_month_row():
    rows = _plan_rows(
        ("มาตรการ", "ผู้รับผิดชอบ", "ระยะเวลาดำเนินการ", *[LEFT] * len(_MONTHS)),
        (ABOVE, ABOVE, *_MONTHS, "....."),
        ("จัดทำคู่มือ", "สำนักปลัด", "", "✓", "", "", "", "", ""),
    )
    assert [row.timeframe for row in rows] == [Timeframe(text="พ.ย.", start="2023-11")]


def test_plan_steps_written_inline_in_one_paragraph():
    [row] = _plan_rows(
        PLAN_HEADER,
        ("๑. การให้บริการ", "จัดทำคู่มือ", "สำนักปลัด", "1) จัดทำร่าง 2) เสนอผู้บริหาร 3) เผยแพร่", ""),
    )
    assert row.steps == ["จัดทำร่าง", "เสนอผู้บริหาร", "เผยแพร่"]


@pytest.mark.parametrize(
    "cell",
    [
        "สำนักปลัด, กองคลัง, กองช่าง",
        "สำนักปลัด กองคลัง และกองช่าง",
        "สำนักปลัด\nกองคลัง\nกองช่าง",
        ("สำนักปลัด", "กองคลัง", "กองช่าง"),
    ],
)
def test_plan_responsible_separated_by_commas_and_or_lines(cell):
    [row] = _plan_rows(PLAN_HEADER, ("๑. การให้บริการ", "จัดทำคู่มือ", cell, "", ""))
    assert row.responsible == ["สำนักปลัด", "กองคลัง", "กองช่าง"]


@pytest.mark.parametrize(
    "unit", ["ผู้อำนวยการ กองคลัง", "งานการเจ้าหน้าที่ สำนักปลัด", "กองการศึกษา ศาสนาและวัฒนธรรม"]
)
def test_one_unit_named_in_several_words_stays_one(unit):
    [row] = _plan_rows(PLAN_HEADER, ("๑. การให้บริการ", "จัดทำคู่มือ", unit, "", ""))
    assert row.responsible == [unit]


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("ต.ค. 66 - ก.ย. 67", "2023-10", "2024-09"),
        ("ไตรมาสที่ 1-4", "2023-10", "2024-09"),
        ("ไตรมาสที่ 2", "2024-01", "2024-03"),
        ("ภายในเดือนมีนาคม 2567", "2024-03", None),
        ("ตลอดปีงบประมาณ", "2023-10", "2024-09"),
    ],
)
def test_plan_time_frames(text, start, end):
    [row] = _plan_rows(PLAN_HEADER, ("๑. การให้บริการ", "จัดทำคู่มือ", "สำนักปลัด", "", text))
    assert row.timeframe == Timeframe(text=text, start=start, end=end)


# ---------------------------------------------------------------------------------------------
# Limitations and signature
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("heading", "entries"),
    [
        (
            "ส่วนที่ ๓ ข้อจำกัด",
            ("1. ด้านงบประมาณ งบประมาณมีจำกัด", "2. ข้อจำกัดด้านบุคลากร บุคลากรไม่เพียงพอ"),
        ),
        (
            "ข้อจำกัดในการดำเนินการ",
            (
                para("ด้านงบประมาณ งบประมาณมีจำกัด", label="1."),
                para("ข้อจำกัดด้านบุคลากร บุคลากรไม่เพียงพอ", label="2."),
            ),
        ),
        (
            "ส่วนที่ ๓ ปัญหาและอุปสรรค",
            ("1) ด้านงบประมาณ : งบประมาณมีจำกัด", "ข้อจำกัดด้านบุคลากร: บุคลากรไม่เพียงพอ"),
        ),
    ],
)
def test_limitation_headings_and_numbered_items(heading, entries):
    report = _report(heading, *entries)
    assert report.limitations == [
        Limitation(category="งบประมาณ", text="งบประมาณมีจำกัด"),
        Limitation(category="บุคลากร", text="บุคลากรไม่เพียงพอ"),
    ]


@pytest.mark.parametrize(
    "blocks",
    [
        (
            "หน่วยงานมีข้อจำกัดในการดำเนินการ ดังนี้",
            "ข้อจำกัดด้านบุคลากร บุคลากรไม่เพียงพอ",
            "ข้อจำกัดด้านงบประมาณ งบประมาณมีจำกัด",
        ),
        (
            table(
                [
                    ("ลำดับ", "ด้าน", "ข้อจำกัด"),
                    ("1", "บุคลากร", "บุคลากรไม่เพียงพอ"),
                    ("2", "ด้านงบประมาณ", "งบประมาณมีจำกัด"),
                ]
            ),
        ),
        (
            table(
                [
                    ("ข้อจำกัดด้านบุคลากร บุคลากรไม่เพียงพอ",),
                    ("ข้อจำกัดด้านงบประมาณ งบประมาณมีจำกัด",),
                ]
            ),
        ),
    ],
)
def test_limitations_after_an_introduction_or_in_a_table(blocks):
    assert _report("ส่วนที่ ๓ การวิเคราะห์ข้อจำกัด", *blocks).limitations == [
        Limitation(category="บุคลากร", text="บุคลากรไม่เพียงพอ"),
        Limitation(category="งบประมาณ", text="งบประมาณมีจำกัด"),
    ]


def test_a_limitation_category_of_several_words():
    report = _report(
        "ส่วนที่ ๓ การวิเคราะห์ข้อจำกัด",
        "- ข้อจำกัดด้านเทคโนโลยีสารสนเทศ ระบบเครือข่ายไม่เสถียร",
    )
    assert [limitation.category for limitation in report.limitations] == ["เทคโนโลยีสารสนเทศ"]


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (
            ("ประกาศ ณ วันที่ ๑๕ ธ.ค. ๒๕๖๖", "(นายสมชาย ใจดี)", "นายกองค์การบริหารส่วนตำบลอีเซ"),
            Signature(
                name="นายสมชาย ใจดี",
                position="นายกองค์การบริหารส่วนตำบลอีเซ",
                date=datetime.date(2023, 12, 15),
            ),
        ),
        (
            ("ลงชื่อ", "(นางสาวสมหญิง รักดี)", "ปลัดเทศบาล", "ประกาศ ณ วันที่ 1 มี.ค. 2567"),
            Signature(name="นางสาวสมหญิง รักดี", position="ปลัดเทศบาล", date=datetime.date(2024, 3, 1)),
        ),
        (
            ("ลงชื่อ (นายสมชาย ใจดี)", "ตำแหน่ง นายกเทศมนตรีตำบลอีเซ"),
            Signature(name="นายสมชาย ใจดี", position="นายกเทศมนตรีตำบลอีเซ"),
        ),
        (
            (
                "ประกาศ ณ วันที่ ๑๕ ธันวาคม พ.ศ. ๒๕๖๖",
                table([("", ("ลงชื่อ", "(นายสมชาย ใจดี)", "นายกองค์การบริหารส่วนตำบลอีเซ"))]),
            ),
            Signature(
                name="นายสมชาย ใจดี",
                position="นายกองค์การบริหารส่วนตำบลอีเซ",
                date=datetime.date(2023, 12, 15),
            ),
        ),
        (
            (table([("", ("ประกาศ ณ วันที่ 1 มี.ค. 2567", "(นายสมชาย ใจดี)", "ปลัดเทศบาล"))]),),
            Signature(name="นายสมชาย ใจดี", position="ปลัดเทศบาล", date=datetime.date(2024, 3, 1)),
        ),
    ],
)
def test_signature_block_variants(lines, expected):
    assert _report("ส่วนที่ ๓ การวิเคราะห์ข้อจำกัด", "- ด้านงบประมาณ มีจำกัด", *lines).signature == (expected)


# ---------------------------------------------------------------------------------------------
# Nothing invented
# ---------------------------------------------------------------------------------------------


def test_a_memo_whose_table_names_a_project_is_no_report():
    memo = document(
        "บันทึกข้อความ",
        table(
            [
                ("ลำดับ", "วาระ", "ผู้นำเสนอ"),
                ("๑", "เรื่องที่ประธานแจ้งให้ทราบ", "ผู้อำนวยการกองช่าง"),
                ("๒", "ความก้าวหน้าโครงการซ่อมแซมถนนหมู่ที่ ๓", "นายช่างโยธา"),
            ]
        ),
    )
    with pytest.raises(NotAnITAReportError):
        build_report(memo)


def test_a_report_with_only_its_title_and_indicators_invents_nothing():
    report = _report()
    assert report.overall.score is None
    assert report.overall.result is None
    assert (report.topics, report.recommendations, report.limitations) == ([], [], [])
    assert report.action_plan is None
    assert report.oit_recommendation is None
    assert report.signature == Signature()


def test_headings_without_content_invent_nothing():
    report = _report(
        _PART_ONE,
        "ประเด็นที่ ๑ การปฏิบัติหน้าที่",
        "ส่วนที่ ๒ ผู้ประเมินจัดเก็บข้อมูล (EIT Survey)",
        "ไม่มีข้อเสนอแนะ",
        "ข้อเสนอแนะ OIT",
        "ส่วนที่ ๒ การนำผลการวิเคราะห์ไปสู่การปฏิบัติ",
        table([PLAN_HEADER, ("", "", "", "", "")]),
        "ส่วนที่ ๓ ข้อจำกัด",
        "ประกาศ ณ วันที่ ........ เดือน ............ พ.ศ. ........",
        "(...............................)",
    )
    assert (report.topics, report.recommendations, report.items, report.limitations) == (
        [],
        [],
        [],
        [],
    )
    assert (report.oit_recommendation, report.action_plan) == (None, None)
    assert report.signature == Signature()
    assert report.overall == Overall()


@pytest.mark.parametrize(
    "blocks",
    [
        ("ส่วนที่ ๓ การวิเคราะห์ข้อจำกัด",),
        ("ส่วนที่ ๓ การวิเคราะห์ข้อจำกัด", "ตัวอย่างข้อจำกัด ปรับให้เป็นข้อมูลหน่วยงานตนเอง"),
    ],
)
def test_an_empty_limitations_part_gives_none(blocks):
    assert _report(*blocks).limitations == []


def test_an_unreadable_plan_gives_no_guessed_values():
    [row] = _plan_rows(PLAN_HEADER, ("", "จัดทำคู่มือ", "", "", "เมื่อพร้อม"))
    assert row == PlanRow(
        measures=["จัดทำคู่มือ"], timeframe=Timeframe(text="เมื่อพร้อม", start=None, end=None)
    )


def test_an_unreadable_indicator_score_is_null_with_a_warning():
    report = build_report(
        document(*TITLE, table([("ตัวชี้วัด", "คะแนน"), ("ตัวชี้วัดที่ 1 การปฏิบัติหน้าที่", "-")]))
    )
    assert [(i.number, i.score) for i in report.indicators] == [(1, None)]


def test_an_agency_named_in_part_ones_prose_is_not_the_publisher():
    report = build_report(
        document(
            "รายงานการวิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใส ประจำปี พ.ศ. 2566",
            "ส่วนที่ ๑ การวิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใส",
            "ตามที่ กรมส่งเสริมการปกครองท้องถิ่น ได้แจ้งผลการประเมิน",
            INDICATORS,
        )
    )
    assert report.agency == Agency()


def test_a_title_without_agency_or_year_gives_nulls():
    report = build_report(document("รายงานการวิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใส", INDICATORS))
    assert report.agency == Agency()
    assert report.fiscal_year is None
