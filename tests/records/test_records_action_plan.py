"""The action plan: merged topics, repeated headers, continuation rows, lists, time frames."""

from __future__ import annotations

import pytest
from docmaker import ABOVE, PLAN_HEADER, TITLE, document, para, table

from ita_extract.document import Document
from ita_extract.readers.ocr.paragraphs import cell_paragraphs
from ita_extract.records import build_report
from ita_extract.report import PlanRow, SourceFormat, Timeframe

HEADING = "ส่วนที่ ๒ การนำผลการวิเคราะห์แต่ละประเด็นไปสู่การปฏิบัติ ในปีงบประมาณ พ.ศ. ๒๕๖๗"


def _plan(*rows):
    report = build_report(document(*TITLE, HEADING, table([PLAN_HEADER, *rows])))
    assert report.action_plan is not None
    return report.action_plan


def test_merged_topic_repeated_header_and_continuation_row():
    plan = _plan(
        (
            (para("กระบวนการปฏิบัติงาน", label="๑."),),
            (para("จัดทำคู่มือการปฏิบัติงาน", label="▪"),),
            ("สำนักปลัด", "ทุกกอง"),
            (para("จัดทำคู่มือ", label="๑."), para("แจกเวียนให้บุคลากร", label="๒.")),
            "ตุลาคม ๒๕๖๖",
        ),
        PLAN_HEADER,
        (ABOVE, "", "", (para("เผยแพร่บนเว็บไซต์", label="๓."),), ""),
        (
            ABOVE,
            (para("ประกาศนโยบาย No Gift Policy", label="▪"),),
            "นายก",
            "1. ประกาศ",
            "ตลอดปีงบประมาณ",
        ),
    )
    assert plan.fiscal_year == 2567
    assert plan.rows == [
        PlanRow(
            topic_number=1,
            topic="กระบวนการปฏิบัติงาน",
            measures=["จัดทำคู่มือการปฏิบัติงาน"],
            responsible=["สำนักปลัด", "ทุกกอง"],
            steps=["จัดทำคู่มือ", "แจกเวียนให้บุคลากร", "เผยแพร่บนเว็บไซต์"],
            timeframe=Timeframe(text="ตุลาคม 2566", start="2023-10"),
        ),
        PlanRow(
            topic_number=1,
            topic="กระบวนการปฏิบัติงาน",
            measures=["ประกาศนโยบาย No Gift Policy"],
            responsible=["นายก"],
            steps=["ประกาศ"],
            timeframe=Timeframe(text="ตลอดปีงบประมาณ", start="2023-10", end="2024-09"),
        ),
    ]


def test_pdf_cells_cut_per_line_are_gathered_into_one_bulleted_measure():
    plan = _plan(
        (
            "1. การใช้งบ\nประมาณ",
            "▪เปิดช่องทางให้",
            "กองคลัง\nกลุ่มตรวจ\nสอบภายใน",
            "1. จัดทำช่องทาง",
            "มกราค\nม 2567",
        ),
        (ABOVE, "บุคลากร", ABOVE, "รับเรื่อง", ABOVE),
    )
    [row] = plan.rows
    assert (row.topic_number, row.topic) == (1, "การใช้งบประมาณ")
    assert row.measures == ["เปิดช่องทางให้บุคลากร"]
    assert row.responsible == ["กองคลัง", "กลุ่มตรวจสอบภายใน"]
    assert row.steps == ["จัดทำช่องทางรับเรื่อง"]
    assert row.timeframe == Timeframe(text="มกราคม 2567", start="2024-01")


def test_a_wrap_after_an_entry_the_plan_lists_elsewhere_ends_that_entry():
    # -- a PDF cell's lines: the second row's first line filled the cell, so the reader could
    # -- not tell that its step ended there; the first row lists it as a step of its own --
    plan = _plan(
        ("การใช้งบประมาณ", "เผยแพร่แผน", "กองคลัง", ("แต่งตั้งคณะทำงาน", "จัดทำแผนการดำเนินงาน"), ""),
        ("การใช้อำนาจ", "ประชุมชี้แจง\nบุคลากร", "กองคลัง", "จัดทำแผนการดำเนินงาน\nดำเนินการตามแผน", ""),
    )
    assert [row.steps for row in plan.rows] == [
        ["แต่งตั้งคณะทำงาน", "จัดทำแผนการดำเนินงาน"],
        ["จัดทำแผนการดำเนินงาน", "ดำเนินการตามแผน"],
    ]
    assert plan.rows[1].measures == ["ประชุมชี้แจงบุคลากร"]  # -- no entry known: a wrap --


def test_a_known_entry_does_not_cut_a_word_a_wrap_broke():
    # -- a page break cut the first row's measure (…การต่อ / ต้าน…) into two paragraphs; the
    # -- dictionary reads ต่อต้าน across the second row's wrap, so that wrap ended nothing --
    plan = _plan(
        ("การใช้อำนาจ", ("ประกาศเจตนารมณ์การต่อ", "ต้านการทุจริต"), "กองคลัง", "ประชุม", ""),
        ("การใช้งบประมาณ", "ประกาศเจตนารมณ์การต่อ\nต้านการทุจริต", "กองคลัง", "ประชุม", ""),
    )
    assert plan.rows[1].measures == ["ประกาศเจตนารมณ์การต่อต้านการทุจริต"]


@pytest.mark.parametrize(
    ("cell", "units"),
    [
        ("นายก\nองค์การบริหารส่วนตำบล\nสำนักปลัด", ["นายกองค์การบริหารส่วนตำบล", "สำนักปลัด"]),
        ("กองคลัง, กองช่าง", ["กองคลัง", "กองช่าง"]),
        (("สำนักปลัด", "นักวิชาการคอมพิวเตอร์"), ["สำนักปลัด", "นักวิชาการคอมพิวเตอร์"]),
        ("กอง\nวิชาการ\nและแผน\nงาน", ["กองวิชาการและแผนงาน"]),
        # -- a line ending on a head word has not finished its unit, whatever comes next --
        ("กองคลัง, สำนัก\nปลัด, งาน\nพัสดุ", ["กองคลัง", "สำนักปลัด", "งานพัสดุ"]),
        (("สำนัก", "ปลัด"), ["สำนักปลัด"]),
        # -- a head word inside a name (บริหาร|งาน) opens no unit; the next one still does --
        (
            "งานบริหาร\nงานบุคคลและการเจ้าหน้าที่\nกองคลัง",
            ["งานบริหารงานบุคคลและการเจ้าหน้าที่", "กองคลัง"],
        ),
    ],
)
def test_responsible_units(cell, units):
    plan = _plan(("การใช้งบประมาณ", "เผยแพร่แผน", cell, "", ""))
    assert plan.rows[0].responsible == units


def test_unreadable_time_frame_is_kept_as_text_and_warned():
    report = build_report(
        document(*TITLE, HEADING, table([PLAN_HEADER, ("ก", "ข", "ค", "ง", "เร็วที่สุด")]))
    )
    assert report.action_plan.rows[0].timeframe == Timeframe(text="เร็วที่สุด")
    assert [w.code for w in report.warnings if not w.code.startswith("missing.")] == [
        "plan.unread_timeframe"
    ]


def test_single_analysis_table_gives_recommendations_and_plan_rows():
    analysis = table(
        [
            ("ประเด็นที่ต้องพัฒนา", "แนวทางการนำไปปฏิบัติ", "ผู้รับผิดชอบ", "ระยะเวลา"),
            (
                "e6 การเผยแพร่ข้อมูล (73.60 คะแนน)",
                "เผยแพร่ข่าวสาร (อ้างอิงจาก O7 - O9)",
                "สำนักปลัด",
                "ไตรมาส 2",
            ),
        ]
    )
    report = build_report(
        document(*TITLE, "แนวทางการนำผลการประเมินไปสู่การปฏิบัติ ปีงบประมาณ พ.ศ. 2567", analysis)
    )
    [recommendation] = report.recommendations
    assert (recommendation.codes, recommendation.references) == (["e6"], ["O7", "O8", "O9"])
    assert [(i.code, i.score) for i in report.items] == [("e6", 73.6)]
    [row] = report.action_plan.rows
    assert (row.topic_number, row.measures) == (None, ["เผยแพร่ข่าวสาร (อ้างอิงจาก O7 - O9)"])
    assert row.timeframe == Timeframe(text="ไตรมาส 2", start="2024-01", end="2024-03")


def test_analysis_row_cut_by_a_page_break_continues_in_a_row_without_an_issue():
    analysis = table(
        [
            ("ประเด็นที่ต้องพัฒนา", "แนวทางการนำไปปฏิบัติ", "ผู้รับผิดชอบ", "ระยะเวลา"),
            ("O18 E-Service (0.00 คะแนน)", "พัฒนาระบบรับคำร้องออนไลน์", "กองแผน", "ไตรมาส 2"),
            ("", "และเผยแพร่ช่องทางบนเว็บไซต์", "ศูนย์ข้อมูลข่าวสาร", ""),
        ]
    )
    report = build_report(
        document(*TITLE, "แนวทางการนำผลการประเมินไปสู่การปฏิบัติ ปีงบประมาณ พ.ศ. 2567", analysis)
    )
    [recommendation] = report.recommendations
    assert recommendation.text == "พัฒนาระบบรับคำร้องออนไลน์และเผยแพร่ช่องทางบนเว็บไซต์"
    assert report.action_plan.rows[0].responsible == ["กองแผน", "ศูนย์ข้อมูลข่าวสาร"]


def test_plan_rows_go_on_only_in_a_table_recognition_calls_continued():
    """Stray text between the parts of a plan keeps it one plan; a new section starts afresh."""
    upper = table(
        [PLAN_HEADER, ("การใช้งบประมาณ", "เผยแพร่แผน", "กองคลัง", (para("ประชุม", label="1."),), "")]
    )
    lower = table([PLAN_HEADER, ("", "", "", (para("ประกาศ", label="2."),), "ตุลาคม ๒๕๖๖")])
    plan = build_report(document(*TITLE, HEADING, upper, "ะ 7", lower)).action_plan
    [row] = plan.rows
    assert row.steps == ["ประชุม", "ประกาศ"]
    other = "ส่วนที่ ๓ การวิเคราะห์ข้อจำกัดในการดำเนินการตามมาตรการ"
    parted = build_report(document(*TITLE, HEADING, upper, other, HEADING, lower)).action_plan
    assert [row.steps for row in parted.rows] == [["ประชุม"], ["ประกาศ"]]


def test_ocr_cell_lines_are_wraps_not_paragraphs():
    """The OCR reader gives a cell's lines as one text; the builder joins wraps, splits units."""
    lines = [para(line) for line in ("กอง", "ยุทธศาสตร์และงบ", "ประมาณ", "งาน", "ประชาสัมพันธ์")]
    ocr = Document(
        format=SourceFormat.PDF,
        ocr=True,
        blocks=(
            *(para(line) for line in TITLE),
            para(HEADING),
            table([PLAN_HEADER, ("การใช้งบประมาณ", "เผยแพร่แผน", cell_paragraphs(lines), "", "")]),
        ),
    )
    plan = build_report(ocr).action_plan
    assert plan.rows[0].responsible == ["กองยุทธศาสตร์และงบประมาณ", "งานประชาสัมพันธ์"]


@pytest.mark.parametrize(
    ("cell", "steps"),
    [
        (("1. ประชุม", "2. ประกาศ"), ["ประชุม", "ประกาศ"]),
        ("๑) ประชุม\n๒) ประกาศ", ["ประชุม", "ประกาศ"]),
        ("1. จัดสรร\n1.5 ล้านบาท\n2. รายงาน", ["จัดสรร 1.5 ล้านบาท", "รายงาน"]),
        ("ออกแบบ\n3.\nประชาสัมพันธ์", ["ออกแบบ", "ประชาสัมพันธ์"]),
    ],
)
def test_numbered_steps(cell, steps):
    plan = _plan(("การใช้งบประมาณ", "เผยแพร่แผน", "กองคลัง", cell, ""))
    assert plan.rows[0].steps == steps


@pytest.mark.parametrize(
    ("title", "year"),
    [
        ("มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำปีงบประมาณ พ.ศ. ๒๕๖๗", 2567),
        # The report's own year above the plan is another sentence's, not the plan's.
        ("ผลการประเมินประจำปีงบประมาณ พ.ศ. ๒๕๖๖", None),
    ],
)
def test_plan_year_from_a_title_above_the_table_when_no_heading_names_it(title, year):
    report = build_report(document(*TITLE, title, table([PLAN_HEADER, ("ก", "ข", "ค", "ง", "")])))
    assert report.action_plan.fiscal_year == year
