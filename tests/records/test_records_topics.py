"""Topic tables: items per tool, each tool's result, recommendations split from merged cells."""

from __future__ import annotations

import pytest
from docmaker import ABOVE, TITLE, TOPIC_HEADER, document, table

from ita_extract.records import build_report
from ita_extract.report import Recommendation, RecommendationSection

# A topic table as the format page describes it: ลำดับ and หัวข้อ merged over the table,
# เครื่องมือ merged per tool, the last column one merged cell beside several rows whose codes
# do not line up with the rows (the e5 recommendation sits beside e1).
TOPIC_TABLE = table(
    [
        TOPIC_HEADER,
        ("๑", "กระบวนการปฏิบัติงานที่โปร่งใสและมีประสิทธิภาพ", "IIT", "ข้อ i๑", "๙๗.๘๐", "ผ่าน"),
        (ABOVE, ABOVE, ABOVE, "ข้อ i๒", "๙๖.๑๐", ABOVE),
        (
            ABOVE,
            ABOVE,
            "EIT",
            "ข้อ e๑",
            "๘๐.๕๐",
            (
                "e๕ หน่วยงานควรเปิดเผยขั้นตอนการให้บริการ (อ้างอิงจาก ๐๑๓ - ๐๑๕)",
                "i๑๕, e๑ หน่วยงานควรระบุทั้งขั้นตอนและ",
                "ระยะเวลา",
            ),
        ),
        (ABOVE, ABOVE, ABOVE, "ข้อ e๕", "๗๙.๐๐", ABOVE),
        (ABOVE, ABOVE, "OIT", "ข้อ ๐๑๑", "๑๐๐", "ผ่าน"),
        (ABOVE, ABOVE, ABOVE, "ข้อ O๓๔", "๑๐๐", ABOVE),
    ]
)


def _report(*blocks):
    return build_report(
        document(
            *TITLE,
            "ส่วนที่ ๑ การวิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใส",
            "ประเด็นที่ ๑ กระบวนการปฏิบัติงานที่โปร่งใสและมีประสิทธิภาพ",
            *blocks,
        )
    )


def test_topic_assessments_keep_items_per_tool_and_results_from_statuses():
    report = _report(TOPIC_TABLE)
    [topic] = report.topics
    assert (topic.number, topic.title) == (1, "กระบวนการปฏิบัติงานที่โปร่งใสและมีประสิทธิภาพ")
    summary = [
        (a.tool.value, a.result, [(i.code, i.score) for i in a.items]) for a in topic.assessments
    ]
    assert summary == [
        ("IIT", "ผ่าน", [("i1", 97.8), ("i2", 96.1)]),
        ("EIT", None, [("e1", 80.5), ("e5", 79.0)]),
        ("OIT", "ผ่าน", [("O11", 100.0), ("O34", 100.0)]),
    ]


def test_merged_remark_cell_splits_into_one_record_per_recommendation():
    report = _report(TOPIC_TABLE)
    assert report.recommendations == [
        Recommendation(
            codes=["e5"],
            text="หน่วยงานควรเปิดเผยขั้นตอนการให้บริการ (อ้างอิงจาก 013 - 015)",
            references=["O13", "O14", "O15"],
            section=RecommendationSection.TOPIC,
            topic=1,
        ),
        Recommendation(
            codes=["i15", "e1"],
            text="หน่วยงานควรระบุทั้งขั้นตอนและ ระยะเวลา",
            section=RecommendationSection.TOPIC,
            topic=1,
        ),
    ]


def test_recommendation_cut_by_a_page_break_continues_in_the_next_cell():
    split = table(
        [
            TOPIC_HEADER,
            ("๑", "การใช้งบประมาณ", "IIT", "ข้อ i๗", "๘๐.๐๐", "i๗ หน่วยงานควรเผยแพร่แผนการใช้จ่าย"),
            (ABOVE, ABOVE, ABOVE, "ข้อ i๘", "๘๑.๐๐", "งบประมาณประจำปี"),
        ]
    )
    [recommendation] = _report(split).recommendations
    assert (recommendation.codes, recommendation.topic) == (["i7"], 1)
    assert recommendation.text == "หน่วยงานควรเผยแพร่แผนการใช้จ่าย งบประมาณประจำปี"


def test_code_that_lost_its_letter_is_read_with_the_tool_beside_it_and_warned():
    lost = table(
        [
            TOPIC_HEADER,
            ("๓", "การใช้อำนาจ", "IIT", "ข้อ i๕", "๘๐.๐๐", "๕ หน่วยงานควรมอบหมายงานอย่างเป็นธรรม"),
        ]
    )
    report = _report(lost)
    assert report.recommendations[0].codes == ["i5"]
    assert [w.code for w in report.warnings if not w.code.startswith("missing.")] == [
        "recommendation.code_inferred"
    ]


def test_collapsed_table_without_inner_borders_zips_codes_and_scores_by_line():
    collapsed = table(
        [
            (
                "ลำ\nดับ\n1",
                "หัวข้อ\nการใช้งบ",
                "เครื่อง\nมือ\nIIT\nOIT",
                "ข้อ\nคำถาม\ni7\ni8\nO11",
                "คะแนน\n76.20\n81.45\n0.00",
                "ข้อบกพร่อง/ข้อแก้ไข/\nปรับปรุง/รักษาระดับ\ni7 หน่วยงานควรเผยแพร่\nแผน",
            ),
        ]
    )
    report = _report(collapsed)
    assert [(i.code, i.score) for i in report.items] == [("i7", 76.2), ("i8", 81.45), ("O11", 0.0)]
    assert [(r.codes, r.text) for r in report.recommendations] == [(["i7"], "หน่วยงานควรเผยแพร่แผน")]


@pytest.mark.parametrize(
    ("scores", "expected_warning"),
    [("คะแนน\n76.20\n81.45\n0.00", []), ("คะแนน\n76.20", ["topic.unzipped_scores"])],
)
def test_collapsed_table_warns_when_lines_do_not_zip(scores, expected_warning):
    collapsed = table([("1", "หัวข้อ", "IIT", "ข้อคำถาม\ni7\ni8\ni9", scores, "ข้อบกพร่อง")])
    report = _report(collapsed)
    assert [
        w.code for w in report.warnings if not w.code.startswith("missing.")
    ] == expected_warning


def test_tables_under_one_heading_keep_their_own_numbers():
    second = table([TOPIC_HEADER, ("๒", "การใช้งบประมาณ", "IIT", "ข้อ i๗", "๘๐.๐๐", "ผ่าน")])
    report = _report(TOPIC_TABLE, second)
    assert [(t.number, t.title) for t in report.topics] == [
        (1, "กระบวนการปฏิบัติงานที่โปร่งใสและมีประสิทธิภาพ"),
        (2, "การใช้งบประมาณ"),
    ]


def test_a_number_per_row_counts_rows_and_the_heading_numbers_the_topic():
    counted = table(
        [
            ("ลำดับ", "ข้อคำถาม", "คะแนน"),
            ("1", "ข้อ i1", "97.80"),
            ("2", "ข้อ i2", "96.10"),
        ]
    )
    report = build_report(document(*TITLE, "ประเด็นที่ ๓ การใช้อำนาจ", counted))
    assert [(t.number, t.title) for t in report.topics] == [(3, "การใช้อำนาจ")]


def test_unreadable_tool_cell_is_known_by_the_codes_beside_it():
    scanned = table(
        [
            TOPIC_HEADER,
            ("๓", "การใช้อำนาจ", "IT", "ข้อ ๑๓", "๙๔.๒๐", "ผ่าน"),
            (ABOVE, ABOVE, ABOVE, "ข้อ i๑๖", "๙๗.๓๓", ABOVE),
        ]
    )
    [topic] = _report(scanned).topics
    assert [(a.tool.value, [i.code for i in a.items]) for a in topic.assessments] == [
        ("IIT", ["i13", "i16"])
    ]


def test_topic_title_from_a_heading_with_a_line_of_scan_noise_above_it():
    heading = "ea ย ม ณี ๑๙ y\nประเด็นที ๒ การใช้งบประมาณและการจัดซื้อจัดจ้าง"
    counted = table([("ข้อคำถาม", "คะแนน"), ("ข้อ i7", "80.00"), ("ข้อ i8", "81.00")])
    report = build_report(document(*TITLE, heading, counted))
    assert [(t.number, t.title) for t in report.topics] == [(2, "การใช้งบประมาณและการจัดซื้อจัดจ้าง")]


def test_topic_heading_in_a_caption_row_merged_across_the_table():
    captioned = table(
        [
            ("ประเด็นที่ ๔ การให้บริการและระบบ E-Service", "<", "<"),
            ("ข้อคำถาม", "คะแนน", "ข้อเสนอแนะ"),
            ("ข้อ e๑", "๘๘.๔๒", "ผ่าน"),
        ]
    )
    report = build_report(document(*TITLE, captioned))
    assert [(t.number, t.title) for t in report.topics] == [(4, "การให้บริการและระบบ E-Service")]
    assert [w for w in report.warnings if not w.code.startswith("missing.")] == []


@pytest.mark.parametrize("remark", ["-", "–", "...", "รักษามาตรฐาน"])
def test_a_remark_with_nothing_to_say_or_a_status_is_no_recommendation(remark):
    quiet = table([TOPIC_HEADER, ("๑", "การใช้อำนาจ", "IIT", "ข้อ i๑", "๙๐.๐๐", remark)])
    assert _report(quiet).recommendations == []


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        # Codes on a line of their own head the text below them.
        ("i๑๕, i๑๘\nหน่วยงานควรกำหนดหลักเกณฑ์", [(["i15", "i18"], "หน่วยงานควรกำหนดหลักเกณฑ์", [])]),
        # A reference wrapped after its marker, or its closing bracket, starts nothing.
        (
            "e๑ หน่วยงานควรระบุ (อ้างอิงจาก\n๐๑๓) ให้ครบ",
            [(["e1"], "หน่วยงานควรระบุ (อ้างอิงจาก 013) ให้ครบ", ["O13"])],
        ),
        (
            "e๑ หน่วยงานควรระบุ (อ้างอิงจาก ๐๓๙\n- ๐๔๑)",
            [(["e1"], "หน่วยงานควรระบุ (อ้างอิงจาก 039 - 041)", ["O39", "O40", "O41"])],
        ),
    ],
)
def test_wrapped_codes_and_references(cell, expected):
    wrapped = table([TOPIC_HEADER, ("๑", "การใช้อำนาจ", "IIT", "ข้อ i๑", "๙๐.๐๐", cell)])
    got = [(r.codes, r.text, r.references) for r in _report(wrapped).recommendations]
    assert got == expected
