"""Title block, overall result, indicators, items, EIT survey, OIT, limitations, signature."""

from __future__ import annotations

import datetime

import pytest
from docmaker import ABOVE, TITLE, document, para, table

from ita_extract.errors import NotAnITAReportError
from ita_extract.records import build_report
from ita_extract.report import Agency, Grade, Limitation, Overall, Signature, Tool

INDICATORS = table(
    [
        ("แบบ", "ลำดับ", "รายละเอียดตัวชี้วัด", "คะแนน"),
        ("IIT", "๑", "การปฏิบัติหน้าที่", "๙๗.๖๑"),
        (ABOVE, "๒", "การใช้งบประมาณ", "๑๐๐"),
        ("OIT", "๙", "การเปิดเผยข้อมูล", "๘๘.๐๐"),
    ]
)


def test_title_block_gives_agency_and_fiscal_year():
    report = build_report(document(*TITLE, INDICATORS))
    assert report.fiscal_year == 2566
    assert report.agency == Agency(
        name="องค์การบริหารส่วนตำบลอีเซ",
        kind="องค์การบริหารส่วนตำบล",
        district="โพธิ์ศรีสุวรรณ",
        province="ศรีสะเกษ",
    )


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "คะแนนที่ได้ ๙๕.๕๑ คะแนน ระดับผลการประเมินอยู่ที่ ...ผ่าน....",
            Overall(score=95.51, result="ผ่าน", passed=True, grade=Grade.AA),
        ),
        (
            "ได้คะแนน 78.53 คะแนน ระดับผลการประเมินอยู่ที่ ....ไม่ผ่าน....",
            Overall(score=78.53, result="ไม่ผ่าน", passed=False, grade=Grade.B),
        ),
        (
            "ได้คะแนน 96.38 คะแนน ผลการประเมินอยู่ในระดับ AA",
            Overall(score=96.38, result="AA", passed=True, grade=Grade.AA),
        ),
        ("ผลการประเมินของหน่วยงานยังไม่ประกาศ", Overall()),
    ],
)
def test_overall_result_stated_or_derived(sentence, expected):
    assert build_report(document(*TITLE, sentence, INDICATORS)).overall == expected


def test_indicator_table_tools_from_merged_cells_and_names():
    report = build_report(document(*TITLE, INDICATORS))
    assert [(i.number, i.tool, i.name, i.score) for i in report.indicators] == [
        (1, Tool.IIT, "การปฏิบัติหน้าที่", 97.61),
        (2, Tool.IIT, "การใช้งบประมาณ", 100.0),
        (9, Tool.OIT, "การเปิดเผยข้อมูล", 88.0),
    ]


@pytest.mark.parametrize(
    "header",
    [
        ("ตัวชี้วัด", "คะแนนปีที่ผ่านมา", "คะแนน", "ผลต่าง"),
        ("ตัวชี้วัด", "ปี 2565", "ปี 2566", "เพิ่ม/ลด"),
        ("ตัวชี้วัด", "คะแนน ปี 2565", "คะแนน ปี 2566", "ผลต่าง"),
    ],
)
def test_indicator_score_is_the_report_years_not_last_years_nor_the_difference(header):
    comparison = table([header, ("ตัวชี้วัดที่ 1 การปฏิบัติหน้าที่", "90.00", "95.00", "+5.00")])
    [indicator] = build_report(document(*TITLE, comparison)).indicators
    assert (indicator.number, indicator.tool, indicator.name, indicator.score) == (
        1,
        Tool.IIT,
        "การปฏิบัติหน้าที่",
        95.0,
    )


def test_items_in_document_order_first_score_wins_with_a_warning():
    report = build_report(
        document(
            *TITLE,
            INDICATORS,
            "e6 การเผยแพร่ข้อมูล (73.60 คะแนน) และ i2 การใช้งบประมาณ (80.00 คะแนน)",
            "ผลคะแนน e6 (75.00 คะแนน) หน่วยงานควรปรับปรุง (อ้างอิงจาก O13 50 คะแนน)",
        )
    )
    assert [(i.code, i.tool, i.score) for i in report.items] == [
        ("e6", Tool.EIT, 73.6),
        ("i2", Tool.IIT, 80.0),
    ]
    assert [w.code for w in report.warnings if not w.code.startswith("missing.")] == [
        "item.conflicting_score"
    ]


def test_eit_survey_paragraph_without_code_continues_the_one_before():
    report = build_report(
        document(
            *TITLE,
            INDICATORS,
            "ส่วนที่ ๒ ผู้ประเมินจัดเก็บข้อมูล (EIT Survey)",
            "ข้อเสนอแนะจากผู้รับบริการมีดังนี้",
            "e๖ หน่วยงานควรจัดทำคู่มือ",
            "และเผยแพร่บนเว็บไซต์",
            "e๗ หน่วยงานควรเปิดช่องทางรับฟัง",
            "ข้อเสนอแนะสำหรับการประเมินตามแบบวัดการเปิดเผยข้อมูลสาธารณะ (Open Data Integrity and "
            "Transparency Assessment: OIT)",
            "หน่วยงานได้คะแนน ๙๐ คะแนน",
        )
    )
    assert [(r.codes, r.text, r.section.value) for r in report.recommendations] == [
        (["e6"], "หน่วยงานควรจัดทำคู่มือ และเผยแพร่บนเว็บไซต์", "eit_survey"),
        (["e7"], "หน่วยงานควรเปิดช่องทางรับฟัง", "eit_survey"),
    ]
    assert report.oit_recommendation == "หน่วยงานได้คะแนน 90 คะแนน"


def test_limitations_and_signature():
    report = build_report(
        document(
            *TITLE,
            INDICATORS,
            "ส่วนที่ ๓ การวิเคราะห์ข้อจำกัดในการดำเนินการตามมาตรการ",
            "ตัวอย่างข้อจำกัด ปรับให้เป็นข้อมูลหน่วยงานตนเอง",
            para("ข้อจำกัดด้านบุคลากร จำนวนบุคลากรมีไม่เพียงพอ", label="-"),
            "- ด้านงบประมาณ งบประมาณมีจำกัด",
            "ประกาศ ณ วันที่ ๑๕ ธันวาคม พ.ศ. ๒๕๖๖",
            "ลงชื่อ ........................................",
            "(นายประเสริฐ ศรีสุข)",
            "นายกองค์การบริหารส่วนตำบลอีเซ",
        )
    )
    assert report.limitations == [
        Limitation(category="บุคลากร", text="จำนวนบุคลากรมีไม่เพียงพอ"),
        Limitation(category="งบประมาณ", text="งบประมาณมีจำกัด"),
    ]
    assert report.signature == Signature(
        name="นายประเสริฐ ศรีสุข",
        position="นายกองค์การบริหารส่วนตำบลอีเซ",
        date=datetime.date(2023, 12, 15),
    )


def test_missing_sections_give_nulls_not_errors():
    report = build_report(document(*TITLE))
    assert (report.topics, report.recommendations, report.action_plan) == ([], [], None)
    assert report.signature == Signature()


@pytest.mark.parametrize(
    "blocks",
    [
        ("บันทึกข้อความ", "เรื่อง ขออนุมัติเดินทางไปราชการ"),
        (table([("ชื่อ", "ที่อยู่"), ("สมชาย", "กรุงเทพ")]),),
        (),
    ],
)
def test_a_document_without_any_sign_of_an_ita_report_is_refused(blocks):
    with pytest.raises(NotAnITAReportError):
        build_report(document(*blocks))


def test_thai_digits_kept_on_request():
    report = build_report(
        document(*TITLE, "ได้คะแนน ๙๐.๐๐ คะแนน ระดับ A", INDICATORS), keep_thai_digits=True
    )
    assert report.overall.score == 90.0
    assert report.agency.district == "โพธิ์ศรีสุวรรณ"


@pytest.mark.parametrize(
    ("lines", "agency"),
    [
        (
            ("เทศบาลตำบล ท่าช้าง อำเภอบางกล่ำ จังหวัดสงขลา",),
            Agency(name="เทศบาลตำบล ท่าช้าง", kind="เทศบาลตำบล", district="บางกล่ำ", province="สงขลา"),
        ),
        (
            (
                "ตามที่ สำนักงาน ป.ป.ช. ได้ประเมิน",
                "องค์การบริหารส่วนจังหวัดน่าน ได้รับผลการประเมิน ITA ประจำปีงบประมาณ พ.ศ. 2566",
            ),
            Agency(name="องค์การบริหารส่วนจังหวัดน่าน", kind="องค์การบริหารส่วนจังหวัด"),
        ),
        (
            ("เทศบาลเมืองนาดี", "อำเภอนาดีจังหวัดปราจีนบุรี"),
            Agency(name="เทศบาลเมืองนาดี", kind="เทศบาลเมือง", district="นาดี", province="ปราจีนบุรี"),
        ),
        (
            ("กรมส่งเสริมอุตสาหกรรมชุมชน", "กระทรวงอุตสาหกรรม"),
            Agency(name="กรมส่งเสริมอุตสาหกรรมชุมชน", kind="กรม"),
        ),
    ],
)
def test_agency_name_kind_and_place(lines, agency):
    title = "รายงานการวิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใส ประจำปีงบประมาณ พ.ศ. 2566"
    assert build_report(document(title, *lines, INDICATORS)).agency == agency


def test_numbered_eit_recommendations_and_a_category_on_its_own_line():
    report = build_report(
        document(
            *TITLE,
            INDICATORS,
            "ส่วนที่ ๒ ผู้ประเมินจัดเก็บข้อมูล (EIT Survey)",
            para("e๖ หน่วยงานควรจัดทำคู่มือ", label="1."),
            para("e๗ หน่วยงานควรเปิดช่องทางรับฟัง", label="2."),
            "ส่วนที่ ๓ การวิเคราะห์ข้อจำกัดในการดำเนินการตามมาตรการ",
            "ข้อจำกัดด้านงบประมาณ",
            "งบประมาณมีจำกัด",
        )
    )
    assert [(r.codes, r.text) for r in report.recommendations] == [
        (["e6"], "หน่วยงานควรจัดทำคู่มือ"),
        (["e7"], "หน่วยงานควรเปิดช่องทางรับฟัง"),
    ]
    assert report.limitations == [Limitation(category="งบประมาณ", text="งบประมาณมีจำกัด")]


def test_eit_text_glued_to_its_heading_is_read():
    report = build_report(
        document(
            *TITLE,
            INDICATORS,
            "ส่วนที่ 2 ข้อเสนอแนะจากผู้ประเมินจัดเก็บข้อมูล (EIT Survey)\ne10 เทศบาลควรปรับปรุง",
            "e12 เทศบาลควรเปิดโอกาส",
        )
    )
    assert [r.codes for r in report.recommendations] == [["e10"], ["e12"]]


@pytest.mark.parametrize(
    ("lines", "name"),
    [
        (("(ลงชื่อ) ......................", "(นายสมชาย ใจดี)", "ปลัด"), "นายสมชาย ใจดี"),
        (("ลงชื่อ นางสาวกมล ทองคำ", "นายกเทศมนตรี"), "นางสาวกมล ทองคำ"),
        (("(ลงชื่อ)",), None),
    ],
)
def test_signature_name_forms(lines, name):
    report = build_report(document(*TITLE, INDICATORS, "ประกาศ ณ วันที่ 1 มีนาคม 2568", *lines))
    assert report.signature.name == name


def test_level_stated_before_the_score():
    report = build_report(document(*TITLE, "ผลการประเมินอยู่ในระดับ A ได้คะแนน 90.12 คะแนน", INDICATORS))
    assert (report.overall.result, report.overall.grade, report.overall.passed) == (
        "A",
        Grade.A,
        True,
    )


def test_a_recommendation_naming_a_target_score_states_no_item_score():
    report = build_report(document(*TITLE, INDICATORS, "e6 หน่วยงานควรปรับปรุงให้ได้ 85 คะแนน ขึ้นไป"))
    assert report.items == []


@pytest.mark.parametrize(
    ("first_year", "second_year", "expected_scores"),
    [
        # The report's year (2566) is read, wherever its row stands.
        ("ปี 2565", "ปี 2566", [90.0, 80.0, 70.0]),
        ("ปี 2566", "ปี 2565", [91.0, 81.0, 71.0]),
    ],
)
def test_indicator_table_with_indicators_as_columns(first_year, second_year, expected_scores):
    transposed = table(
        [
            ("ปีงบประมาณ", "ตัวชี้วัดที่ 1", "ตัวชี้วัดที่ 2", "ตัวชี้วัดที่ 9 การเปิดเผยข้อมูล", "ITA"),
            (first_year, "91.00", "81.00", "71.00", "85.00"),
            (second_year, "90.00", "80.00", "70.00", "84.00"),
        ]
    )
    report = build_report(document(*TITLE, transposed))
    assert [(i.number, i.tool, i.name, i.score) for i in report.indicators] == [
        (1, Tool.IIT, None, expected_scores[0]),
        (2, Tool.IIT, None, expected_scores[1]),
        (9, Tool.OIT, "การเปิดเผยข้อมูล", expected_scores[2]),
    ]


@pytest.mark.parametrize(
    ("lines", "year"),
    [
        (
            (
                "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำปีงบประมาณ พ.ศ. ๒๕๖๗",
                "รายงานการวิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ",
                "ประจำปีงบประมาณ พ.ศ. ๒๕๖๖",
            ),
            2566,
        ),
        (
            (
                "รายงานการวิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใส (ITA) ประจำปีงบประมาณ พ.ศ. 2564 "
                "และมาตรการขับเคลื่อน ประจำปีงบประมาณ พ.ศ. 2565",
            ),
            2564,
        ),
        (("ผลการประเมิน ITA ปี 2567",), 2567),
        (("รายงานการวิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใส",), None),
    ],
)
def test_fiscal_year_is_the_assessed_year(lines, year):
    assert build_report(document(*lines, INDICATORS)).fiscal_year == year


def test_a_title_whose_phrase_wraps_over_two_lines_names_a_report():
    # -- a PDF title line wrapped inside `คุณธรรมและความโปร่งใส`: no line holds the phrase --
    title = (
        "รายงานผลการวิเคราะห์การประเมินคุณธรรมและความ\n"
        "โปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ ประจำปีงบประมาณ พ.ศ. ๒๕๖๗"
    )
    report = build_report(document(title, "เทศบาลเมืองทุ่งใหญ่"))
    assert report.fiscal_year == 2567
