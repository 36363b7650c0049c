"""Recognition: headings by their phrases, tables by their header words, never by position."""

from __future__ import annotations

import pytest

from ita_extract.document import Cell, Document, Paragraph, Table
from ita_extract.recognize import (
    ColumnRole,
    RecognizeSettings,
    SectionKind,
    TableKind,
    load_vocabulary,
    recognize,
)
from ita_extract.recognize.matching import text_to_tool
from ita_extract.report import SourceFormat, Tool

TOPIC_COLUMNS = {
    ColumnRole.NUMBER: 0,
    ColumnRole.TITLE: 1,
    ColumnRole.TOOL: 2,
    ColumnRole.QUESTION: 3,
    ColumnRole.SCORE: 4,
    ColumnRole.REMARK: 5,
}
"""The columns of the format page's topic table, in its order."""


def _table(*rows: tuple[str, ...]) -> Table:
    """Return a table without merges, one paragraph per cell."""
    cells = tuple(
        Cell(
            row_start=r,
            row_end=r + 1,
            col_start=c,
            col_end=c + 1,
            paragraphs=(Paragraph(text=text),) if text else (),
        )
        for r, row in enumerate(rows)
        for c, text in enumerate(row)
    )
    return Table(row_count=len(rows), col_count=len(rows[0]), cells=cells)


def _document(*blocks: str | Table) -> Document:
    return Document(
        format=SourceFormat.PDF,
        blocks=tuple(Paragraph(text=b) if isinstance(b, str) else b for b in blocks),
    )


@pytest.mark.parametrize(
    ("text", "kind", "number"),
    [
        ("ประเด็นที่ ๑ กระบวนการปฏิบัติงานที่โปร่งใสและมีประสิทธิภาพ", SectionKind.TOPIC, 1),
        ("ประเด็นที่3 การป้องกันการทุจริต", SectionKind.TOPIC, 3),
        ("ประเด็นที่ 2 : คุณภาพการให้บริการ", SectionKind.TOPIC, 2),
        ("ประเด็น ๔ การให้บริการและระบบ E-Service", SectionKind.TOPIC, 4),
        ("ส่วนที่ ๒ ผู้ประเมินจัดเก็บข้อมูล (EIT Survey)", SectionKind.EIT_SURVEY, None),
        ("ส่วนที่ 2 ข้อเสนอแนะจากผู้ประเมินจัดเก็บข้อมูล (EIT Survey)", SectionKind.EIT_SURVEY, None),
        (
            "ข้อเสนอแนะสำหรับการประเมินตามแบบวัดการเปิดเผยข้อมูลสาธารณะ (Open Data Integrity and "
            "Transparency Assessment: OIT)",
            SectionKind.OIT_RECOMMENDATION,
            None,
        ),
        (
            "ส่วนที่ ๒ การนำผลการวิเคราะห์แต่ละประเด็นไปสู่การปฏิบัติ ในปีงบประมาณ พ.ศ. ๒๕๖๗",
            SectionKind.ACTION_PLAN,
            None,
        ),
        ("ส่วนที่ ๓ การวิเคราะห์ข้อจำกัดในการดำเนินการตามมาตรการ", SectionKind.LIMITATIONS, None),
        ("ส่วนที่ 4 ข้อจำกัดในการดำเนินการ", SectionKind.LIMITATIONS, None),
        ("ประกาศ ณ วันที่ ๑๕ ธันวาคม พ.ศ. ๒๕๖๖", SectionKind.SIGNATURE, None),
        # Spacing, a PDF's decomposed sara am and a slip in one letter are tolerated.
        ("ส่ วน ที่ ๓  การวิเคราะห์ข้อจํากัด ในการดำเนินการ", SectionKind.LIMITATIONS, None),
    ],
)
def test_heading_opens_its_section(text, kind, number):
    layout = recognize(_document("ชื่อรายงาน", text, "เนื้อความ"))
    section = layout.section_of(2)
    assert section.kind is kind
    assert section.heading is not None and section.heading.number == number


@pytest.mark.parametrize(
    "text",
    [
        "รายงานการวิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ",
        "(Integrity and Transparency Assessment: ITA) ประจำปีงบประมาณ พ.ศ. 2567",
        "ข้อจำกัดด้านบุคลากร จำนวนบุคลากรมีไม่เพียงพอ",
        "ประเด็นที่ต้องพัฒนา",
        "e6 หน่วยงานควรเผยแพร่ข้อมูลการเปิดเผยข้อมูลสาธารณะ",
    ],
)
def test_title_lines_and_body_text_open_no_section(text):
    layout = recognize(_document(text, "เนื้อความ"))
    assert [section.kind for section in layout.sections] == [SectionKind.TITLE]


def test_reordered_sections_are_found_wherever_they_stand():
    layout = recognize(
        _document(
            "ส่วนที่ ๓ การวิเคราะห์ข้อจำกัดในการดำเนินการตามมาตรการ",
            "ข้อจำกัดด้านบุคลากร",
            "ส่วนที่ ๒ ผู้ประเมินจัดเก็บข้อมูล (EIT Survey)",
            "e1 หน่วยงานควร",
        )
    )
    assert [(s.kind, s.start, s.end) for s in layout.sections] == [
        (SectionKind.TITLE, 0, 0),
        (SectionKind.LIMITATIONS, 0, 2),
        (SectionKind.EIT_SURVEY, 2, 4),
    ]


@pytest.mark.parametrize(
    ("header", "kind", "roles"),
    [
        (
            ("แบบ", "ลำดับ", "รายละเอียดตัวชี้วัด", "คะแนน"),
            TableKind.INDICATOR,
            {ColumnRole.TOOL: 0, ColumnRole.NUMBER: 1, ColumnRole.NAME: 2, ColumnRole.SCORE: 3},
        ),
        (
            (
                "ลำดับ",
                "หัวข้อ",
                "เครื่องมือการประเมิน",
                "ข้อคำถาม",
                "คะแนน",
                "ข้อบกพร่อง/ข้อแก้ไข/ปรับปรุง/รักษาระดับ",
            ),
            TableKind.TOPIC,
            TOPIC_COLUMNS,
        ),
        (
            ("ประเด็นที่ต้องพัฒนา", "แนวทางการนำไปปฏิบัติ", "ผู้รับผิดชอบ", "ระยะเวลา"),
            TableKind.ANALYSIS,
            {
                ColumnRole.ISSUE: 0,
                ColumnRole.GUIDANCE: 1,
                ColumnRole.RESPONSIBLE: 2,
                ColumnRole.TIMEFRAME: 3,
            },
        ),
        (
            (
                "หัวข้อ",
                "วิธีการนำผล\nวิเคราะห์ไปสู่การ\nปฏิบัติ",
                "ผู้รับผิด\nชอบ/ผู้ที่\nเกี่ยวข้อง",
                "ขั้นตอน/วิธี\nปฏิบัติ",
                "ระยะ\nเวลา\nดำเนิน\nงาน",
            ),
            TableKind.ACTION_PLAN,
            {
                ColumnRole.TOPIC: 0,
                ColumnRole.MEASURE: 1,
                ColumnRole.RESPONSIBLE: 2,
                ColumnRole.STEPS: 3,
                ColumnRole.TIMEFRAME: 4,
            },
        ),
        # Columns in another order are found by their words, not their place.
        (
            ("คะแนน", "ตัวชี้วัด", "เครื่องมือ"),
            TableKind.INDICATOR,
            {ColumnRole.SCORE: 0, ColumnRole.NAME: 1, ColumnRole.TOOL: 2},
        ),
    ],
)
def test_table_kind_and_columns_from_header_words(header, kind, roles):
    [recognized] = recognize(_document(_table(header, ("x",) * len(header)))).tables
    assert recognized.kind is kind
    assert dict(recognized.columns) == roles


def test_caption_row_above_the_header_is_skipped():
    captioned = _table(("ตารางที่ 1", "", ""), ("ตัวชี้วัด", "คะแนน", "แบบ"), ("ก", "90", "IIT"))
    [recognized] = recognize(_document(captioned)).tables
    assert recognized.data_rows() == [2]


def test_header_repeated_on_a_later_page_is_not_data():
    repeated = _table(
        ("หัวข้อ", "วิธีการนำผลวิเคราะห์ไปสู่การปฏิบัติ", "ผู้รับผิดชอบ"),
        ("ก", "ข", "ค"),
        ("หัวข้อ", "วิธีการนำผลวิเคราะห์ไปสู่การปฏิบัติ", "ผู้รับผิดชอบ"),
        ("ง", "จ", "ฉ"),
    )
    [recognized] = recognize(_document(repeated)).tables
    assert recognized.data_rows() == [1, 3]


def test_table_without_header_after_a_known_table_continues_it():
    first = _table(("ตัวชี้วัด", "คะแนน"), ("การปฏิบัติหน้าที่", "90"))
    rest = _table(
        ("การใช้งบประมาณ", "80"),
    )
    layout = recognize(
        _document(
            first,
            rest,
            "ย่อหน้าใหม่",
            _table(
                ("ก", "ข"),
            ),
        )
    )
    assert [(t.block_index, t.kind, t.continued) for t in layout.tables] == [
        (0, TableKind.INDICATOR, False),
        (1, TableKind.INDICATOR, True),
    ]


def test_a_header_repeated_in_the_same_section_continues_the_table_a_heading_ends_it():
    header = ("ตัวชี้วัด", "คะแนน")
    layout = recognize(
        _document(
            _table(header, ("การปฏิบัติหน้าที่", "90")),
            "ะ 7",  # -- grain OCR read at the page's foot --
            _table(header, ("การใช้งบประมาณ", "80")),
            "ส่วนที่ ๒ การนำผลการวิเคราะห์แต่ละประเด็นไปสู่การปฏิบัติ",
            _table(header, ("การใช้อำนาจ", "70")),
        )
    )
    assert [(t.block_index, t.kind, t.continued) for t in layout.tables] == [
        (0, TableKind.INDICATOR, False),
        (2, TableKind.INDICATOR, True),
        (4, TableKind.INDICATOR, False),
    ]


@pytest.mark.parametrize(
    ("header", "fiscal_year", "column"),
    [
        (("ตัวชี้วัด", "ปี 2565", "ปี 2566"), 2566, 2),
        (("ตัวชี้วัด", "ปี 2566", "ปี 2565"), 2566, 1),
        (("ตัวชี้วัด", "ปี 2565", "ปี 2566"), None, 2),
        (("ตัวชี้วัด", "คะแนน", "คะแนนปีที่ผ่านมา", "ผลต่าง"), 2566, 1),
    ],
)
def test_score_column_is_the_report_years(header, fiscal_year, column):
    [recognized] = recognize(_document(_table(header, ("x",) * len(header)))).tables
    assert recognized.score_column(fiscal_year) == column


def test_a_data_row_under_a_header_no_kind_explains_is_no_header():
    # -- ตัวชี้วัด names a column word for word: the row is a header (of an indicator table
    # -- whose scores stand in its name cells), so the measure under it is no plan header --
    table = _table(
        ("ตัวชี้วัด", "ผลการวิเคราะห์และข้อเสนอแนะ"),
        ("1. การปฏิบัติหน้าที่\n75.71 คะแนน", "ควรจัดทำมาตรการป้องกันการทุจริตที่ชัดเจน"),
        ("2. การใช้งบประมาณ\n98.57 คะแนน", "ควรเผยแพร่แผนการใช้จ่ายงบประมาณ"),
    )
    assert recognize(_document(table)).tables == ()


def test_unrelated_table_is_not_recognised():
    assert recognize(_document(_table(("ชื่อ", "ที่อยู่"), ("สมชาย", "กรุงเทพ")))).tables == ()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"heading_min_score": 101}, "heading_min_score"),
        ({"header_search_rows": 0}, "header_search_rows"),
        ({"repeated_header_share": 0}, "repeated_header_share"),
        ({"no_such_setting": 1}, "unknown"),
    ],
)
def test_settings_check_themselves(overrides, message):
    with pytest.raises(ValueError, match=message):
        RecognizeSettings.resolve(overrides)


def test_settings_resolve_from_none_dict_or_instance():
    custom = RecognizeSettings(heading_min_score=90)
    assert RecognizeSettings.resolve(None) == RecognizeSettings()
    assert RecognizeSettings.resolve({"heading_min_score": 90}).heading_min_score == 90
    assert RecognizeSettings.resolve(custom) is custom


def test_topic_table_with_an_unreadable_header_is_told_by_its_content():
    scanned = _table(
        ("", "", "", "", "", ""),
        ("1", "การปฏิบัติหน้าที่", "แ 1", "ข้อ i1", "98.90", "ผ่าน"),
        ("", "", "", "ข้อ i2", "97.35", ""),
        ("", "", "eT", "ข้อ e1", "94.20", ""),
    )
    [recognized] = recognize(_document(scanned)).tables
    assert recognized.kind is TableKind.TOPIC
    assert dict(recognized.columns) == TOPIC_COLUMNS
    assert recognized.data_rows() == [1, 2, 3]


@pytest.mark.parametrize(
    ("text", "tool"),
    [
        ("IIT", Tool.IIT),
        ("แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายนอก (EIT)", Tool.EIT),
        ("‘EIT", Tool.EIT),
        ("OIT", Tool.OIT),
        ("IIT\nOIT", None),
        ("แ 1", None),
    ],
)
def test_text_names_one_tool(text, tool):
    assert text_to_tool(text, load_vocabulary()) is tool


def test_a_keyword_deep_inside_a_label_is_data_not_a_column_name():
    # A table drawn without inner borders: each column is one cell, header words first.
    borderless = _table(
        (
            "เครื่องมือ\nIIT",
            "ข้อ\nคำถาม\ni7\ni8",
            "คะแนน\n76.20\n81.45",
            "ข้อบกพร่อง\ni7 หน่วยงานควรปรับปรุงตามตัวชี้วัด 9.1 ให้ครบถ้วนทุกรายการ",
        ),
    )
    [recognized] = recognize(_document(borderless)).tables
    assert recognized.kind is TableKind.TOPIC


def test_borderless_topic_table_without_header_words_is_told_by_its_lines():
    borderless = _table(
        ("หัวข้อ\nการใช้งบ", "OIT", "๐34\n๐36\n๐37", "76.20\n81.45\n0.00", "i27"),
    )
    [recognized] = recognize(_document(borderless)).tables
    assert (recognized.kind, recognized.data_rows()) == (TableKind.TOPIC, [0])


def test_header_repeated_in_other_words_by_a_scan_is_not_data():
    repeated = _table(
        ("หัวข้อ", "1 aye ๑ วิธีการนำผลวิเคราะห์ไปสู่การปฏิบัติ", "ผู้รับผิดชอบ"),
        ("ก", "ข", "ค"),
        ("หัวข้อ", ". วิธีการนำผล วิเคราะห์ไปสู่การ ก ดก", ".ผู้รับผิด ชอบ"),
        ("ง", "จ", "ฉ"),
    )
    [recognized] = recognize(_document(repeated)).tables
    assert recognized.data_rows() == [1, 3]


@pytest.mark.parametrize(
    ("heading", "tail"),
    [
        # -- the tail closes a bracket the heading left open --
        (
            "ข้อเสนอแนะสำหรับการประเมินตามแบบวัดการเปิดเผยข้อมูล\n"
            "สาธารณะ (Open Data Integrity and Transparency",
            "Assessment: OIT)",
        ),
        # -- with the tail, the heading matches its phrase better than without --
        ("ข้อเสนอแนะสำหรับการประเมินตามแบบวัดการเปิดเผยข้อมูล", "สาธารณะ (OIT)"),
    ],
)
def test_a_headings_last_line_read_as_a_paragraph_stays_with_the_heading(heading, tail):
    layout = recognize(_document(heading, tail, "หน่วยงานควรเผยแพร่ข้อมูล"))
    (section,) = layout.sections_of_kind(SectionKind.OIT_RECOMMENDATION)
    assert [paragraph.text for _, paragraph in layout.paragraphs_in(section)] == [
        "หน่วยงานควรเผยแพร่ข้อมูล"
    ]
    assert section.heading is not None
    assert section.heading.paragraph.text.endswith(tail)


def test_a_short_first_line_of_body_text_is_not_taken_for_a_headings_tail():
    layout = recognize(
        _document(
            "ข้อเสนอแนะสำหรับการประเมินตามแบบวัดการเปิดเผยข้อมูลสาธารณะ (OIT)",
            "ได้ 100 คะแนน (ผ่าน)",
        )
    )
    (section,) = layout.sections_of_kind(SectionKind.OIT_RECOMMENDATION)
    assert [paragraph.text for _, paragraph in layout.paragraphs_in(section)] == [
        "ได้ 100 คะแนน (ผ่าน)"
    ]
