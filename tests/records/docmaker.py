"""Build neutral documents by hand, with the merges and quirks the format page describes.

A table is written as rows of cell values: ``"^"`` continues the cell above (a vertical
merge), ``"<"`` the cell to the left (a horizontal merge). A value is a string (one paragraph;
``"\\n"`` inside it is a visual line break) or a tuple of paragraphs.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ita_extract.document import Block, Cell, Document, Paragraph, Table
from ita_extract.report import SourceFormat

CellValue = str | tuple[str | Paragraph, ...]

ABOVE = "^"
LEFT = "<"


def para(text: str, *, label: str | None = None, page: int | None = None) -> Paragraph:
    return Paragraph(text=text, list_label=label, page=page)


@dataclass
class _Extent:
    row_start: int
    row_end: int
    col_start: int
    col_end: int
    value: CellValue
    page: int | None


def _paragraphs(value: CellValue, page: int | None) -> tuple[Paragraph, ...]:
    items = (value,) if isinstance(value, str) else value
    return tuple(
        item if isinstance(item, Paragraph) else Paragraph(text=item, page=page)
        for item in items
        if not (isinstance(item, str) and item == "")
    )


def table(
    rows: Sequence[Sequence[CellValue]],
    *,
    page: int | None = None,
    row_pages: Sequence[int] | None = None,
) -> Table:
    owners: dict[tuple[int, int], _Extent] = {}
    extents: list[_Extent] = []
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if value == ABOVE:
                owner = owners[(r - 1, c)]
                owner.row_end = r + 1
            elif value == LEFT:
                owner = owners[(r, c - 1)]
                owner.col_end = c + 1
            else:
                cell_page = row_pages[r] if row_pages else page
                owner = _Extent(r, r + 1, c, c + 1, value, cell_page)
                extents.append(owner)
            owners[(r, c)] = owner
    cells = tuple(
        Cell(
            row_start=e.row_start,
            row_end=e.row_end,
            col_start=e.col_start,
            col_end=e.col_end,
            paragraphs=_paragraphs(e.value, e.page),
            page=e.page,
        )
        for e in extents
    )
    return Table(row_count=len(rows), col_count=len(rows[0]), cells=cells, page=page)


def document(*blocks: Block | str) -> Document:
    return Document(
        format=SourceFormat.DOCX,
        blocks=tuple(para(block) if isinstance(block, str) else block for block in blocks),
    )


TITLE = (
    "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน",
    "รายงานการวิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ",
    "ประจำปีงบประมาณ พ.ศ. ๒๕๖๖",
    "องค์การบริหารส่วนตำบลอีเซ",
    "อำเภอโพธิ์ศรีสุวรรณ จังหวัดศรีสะเกษ",
)
"""The title block of the format page's real report."""

TOPIC_HEADER = (
    "ลำดับ",
    "หัวข้อ",
    "เครื่องมือการประเมิน",
    "ข้อคำถาม",
    "คะแนน",
    "ข้อบกพร่อง/ข้อแก้ไข/ปรับปรุง/รักษาระดับ",
)
PLAN_HEADER = (
    "หัวข้อ",
    "วิธีการนำผลวิเคราะห์ไปสู่การปฏิบัติ",
    "ผู้รับผิดชอบ/ผู้ที่เกี่ยวข้อง",
    "ขั้นตอน/วิธีปฏิบัติ",
    "ระยะเวลาดำเนินงาน",
)
