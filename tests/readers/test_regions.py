"""Readers say where each line stands: one region per visual line, in points (PDF and OCR)."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import cv2
import numpy as np
import pdfplumber
import pytest
from PIL import Image, ImageDraw, ImageFont

from ita_extract.document import Cell, Paragraph, Region, Table
from ita_extract.readers.ocr.grid import PixelBox
from ita_extract.readers.ocr.page import _Placement, read_page_image
from ita_extract.readers.pdf import read_pdf

FIXTURES = Path(__file__).parents[1] / "fixtures"
REPORT_PDF = FIXTURES / "ita-2566-obt-a.pdf"
FONT_PATH = Path("/usr/share/fonts/truetype/tlwg/Laksaman.ttf")


def _paragraphs(blocks: tuple[Paragraph | Table, ...]) -> list[Paragraph]:
    found: list[Paragraph] = []
    for block in blocks:
        if isinstance(block, Paragraph):
            found.append(block)
        else:
            found.extend(paragraph for cell in block.cells for paragraph in cell.paragraphs)
    return found


def _letters(text: str) -> str:
    return "".join(
        char for char in text if not char.isspace() and unicodedata.category(char) != "Mn"
    )


def test_every_pdf_line_has_a_region_whose_box_prints_its_text() -> None:
    document = read_pdf(REPORT_PDF.read_bytes())
    paragraphs = _paragraphs(document.blocks)
    assert paragraphs
    with pdfplumber.open(REPORT_PDF) as pdf:
        for paragraph in paragraphs[:60]:
            lines = paragraph.labelled_text.split("\n")
            assert len(paragraph.regions) == len(lines)
            for region in paragraph.regions:
                assert region.page is not None and region.bbox is not None
                printed = pdf.pages[region.page - 1].crop(region.bbox).extract_text()
                # -- pdfminer spells some Thai vowels its own way, and marks stand above the
                # -- line; the box must hold the line's first and last letters --
                squeezed, letters = _letters(printed), _letters(region.text)
                assert letters[0] in squeezed and letters[-1] in squeezed, (region, printed)


def test_a_cell_cut_by_a_page_break_keeps_both_pages_regions() -> None:
    document = read_pdf(REPORT_PDF.read_bytes())
    cells: list[Cell] = [cell for table in document.tables for cell in table.cells]
    pages_of = [{region.page for region in cell.sources} for cell in cells]
    assert any(len(pages) == 2 for pages in pages_of)


def test_an_unplaced_paragraph_cites_its_text_alone() -> None:
    paragraph = Paragraph(text="ก\nข", page=None, list_label="๑.")
    assert paragraph.sources == (Region(page=None, bbox=None, text="๑. ก\nข"),)
    assert paragraph.line_sources() == [paragraph.sources, paragraph.sources]


def test_ocr_regions_are_in_points_on_the_page_as_drawn() -> None:
    image = Image.new("L", (1300, 260), 255)
    font = ImageFont.truetype(str(FONT_PATH), 44, layout_engine=ImageFont.Layout.RAQM)
    ImageDraw.Draw(image).text((40, 40), "หน่วยงานควรปรับปรุงการเผยแพร่ข้อมูล", font=font, fill=0)
    (paragraph,) = read_page_image(image, page=2, points_per_pixel=0.5).blocks
    assert isinstance(paragraph, Paragraph)
    (region,) = paragraph.regions
    assert region.page == 2 and region.bbox is not None
    x0, top, x1, bottom = region.bbox
    # -- drawn from pixel (40, 40), some 700 px wide and 60 tall: half that in points --
    assert 15 <= x0 <= 25 and 15 <= top <= 35
    assert 300 <= x1 <= 400 and 35 <= bottom <= 60


@pytest.mark.parametrize("skew", [-1.5, 0.0, 1.2])
@pytest.mark.parametrize("point", [(100.0, 120.0), (900.0, 1300.0), (500.0, 700.0)])
def test_ocr_placement_undoes_deskewing(skew: float, point: tuple[float, float]) -> None:
    width, height = 1000, 1400
    # -- deskewing turns the scan by -skew about its centre, as OpenCV's matrix says --
    matrix = cv2.getRotationMatrix2D((width / 2, height / 2), -skew, 1.0)
    x, y = point
    levelled_x = matrix[0][0] * x + matrix[0][1] * y + matrix[0][2]
    levelled_y = matrix[1][0] * x + matrix[1][1] * y + matrix[1][2]
    box = PixelBox(
        round(levelled_x) - 2, round(levelled_y) - 2, round(levelled_x) + 2, round(levelled_y) + 2
    )
    placement = _Placement(width=width, height=height, skew=skew, points_per_pixel=0.5)
    x0, top, x1, bottom = placement.to_points(box)
    assert x0 <= x * 0.5 <= x1 and top <= y * 0.5 <= bottom
    assert x1 - x0 < 4 and bottom - top < 4


@pytest.mark.parametrize(
    ("turned", "levelled"), [(90, (30, 89)), (180, (89, 169)), (270, (169, 10))]
)
def test_ocr_placement_undoes_the_turn_that_stood_the_page_upright(
    turned: int, levelled: tuple[int, int]
) -> None:
    # -- a 100 x 200 px scan; its point (10, 30) shows at ``levelled`` once turned upright --
    page = np.zeros((200, 100), dtype=np.uint8)
    page[30, 10] = 1
    upright = np.rot90(page, turned // 90)
    assert upright[levelled[1], levelled[0]] == 1
    x, y = levelled
    placement = _Placement(width=100, height=200, skew=0.0, points_per_pixel=1.0, turned=turned)
    x0, top, x1, bottom = placement.to_points(PixelBox(x, y, x + 1, y + 1))
    assert x0 <= 10.5 <= x1 and top <= 30.5 <= bottom
