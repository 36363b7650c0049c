"""Page cleaning on drawn images: coloured ink, paper and light, shadow bands, orientation."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import numpy.typing as npt
import pypdfium2 as pdfium
import pytest
from PIL import Image, ImageDraw, ImageFont

from ita_extract.readers.ocr.clean import (
    clean_page,
    divided_by_paper,
    is_sideways,
    is_upside_down,
    without_coloured_ink,
    without_dark_edges,
)

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
FONT_PATH = Path("/usr/share/fonts/truetype/tlwg/Laksaman.ttf")  # Debian fonts-thai-tlwg
LINES = (
    "หน่วยงานควรปรับปรุงการเผยแพร่ข้อมูลบนเว็บไซต์",
    "และเปิดโอกาสให้ผู้มีส่วนร่วมในการดำเนินงาน",
    "ผู้บริหารควรกำกับติดตามการปฏิบัติหน้าที่ทุกไตรมาส",
)


def text_page(size: tuple[int, int] = (900, 1200), lines: int = 14) -> Image.Image:
    """Return a white page of Thai text lines, 16 pt at about 150 dpi."""
    font = ImageFont.truetype(str(FONT_PATH), 34, layout_engine=ImageFont.Layout.RAQM)
    image = Image.new("RGB", size, "white")
    draw = ImageDraw.Draw(image)
    for index in range(lines):
        draw.text((70, 80 + index * 70), LINES[index % len(LINES)], font=font, fill="black")
    return image


def test_blue_and_red_ink_become_paper_and_black_print_stays() -> None:
    image = text_page(lines=3)
    draw = ImageDraw.Draw(image)
    draw.line((60, 90, 800, 160), fill=(30, 50, 160), width=4)  # ballpoint across the text
    draw.ellipse((500, 60, 700, 260), outline=(205, 30, 40), width=6)  # seal
    pixels = np.asarray(image)
    grey = without_coloured_ink(pixels)
    blue_only = (pixels[..., 2] > 120) & (pixels[..., 0] < 60)
    red_only = (pixels[..., 0] > 180) & (pixels[..., 1] < 60)
    assert grey[blue_only].min() > 140
    assert grey[red_only].min() > 180
    black = pixels.max(axis=2) < 60
    assert (grey[black] < 60).mean() > 0.99


def test_paper_tone_and_uneven_light_are_divided_out() -> None:
    pixels = np.asarray(text_page(size=(1654, 1400), lines=6).convert("L"), dtype=np.float32)
    light = np.linspace(0.95, 0.7, pixels.shape[1], dtype=np.float32)[None, :]
    scanned = (pixels * light).astype(np.uint8)
    flat = divided_by_paper(scanned)
    paper = pixels == 255
    assert flat[paper].mean() > 245
    assert np.percentile(flat[paper], 1) > 225
    assert (flat[pixels < 60] < 110).mean() > 0.95


def test_a_shadow_band_along_an_edge_becomes_paper() -> None:
    grey = np.asarray(text_page(lines=6).convert("L")).copy()
    grey[:, :40] = 70
    cleaned = without_dark_edges(grey)
    assert cleaned[:, :40].min() == 255
    assert (cleaned[:, 60:] == grey[:, 60:]).all()


def report_page(page: int) -> npt.NDArray[np.uint8]:
    """Return a page of a text-PDF fixture rendered in grey at 150 dpi: prose and tables."""
    document = pdfium.PdfDocument(FIXTURES / "ita-2566-obt-a.pdf")
    try:
        image = document[page].render(scale=150 / 72, grayscale=True).to_pil()
    finally:
        document.close()
    return np.asarray(image.convert("L"))


@pytest.mark.parametrize(("page", "quarters"), [(0, 0), (1, 1), (2, 2), (3, 3), (4, 2)])
def test_a_turned_page_is_stood_upright(page: int, quarters: int) -> None:
    upright = report_page(page)
    turned = np.ascontiguousarray(np.rot90(upright, quarters))
    cleaned = clean_page(turned)
    assert (cleaned.turned + 90 * quarters) % 360 == 0
    assert cleaned.grey.shape == upright.shape


def test_a_few_lines_are_no_evidence_to_turn_a_page() -> None:
    few = np.ascontiguousarray(np.rot90(np.asarray(text_page(lines=2).convert("L")), 2))
    assert not is_upside_down(few)
    assert not is_sideways(np.asarray(text_page(lines=2).convert("L")))


@pytest.mark.parametrize("tilt", [-1.75, -1.45, 1.5])
def test_a_tilted_page_of_narrow_table_columns_is_not_sideways(tilt: float) -> None:
    # -- tessaban-b's topic tables: a tilt blurs the profile across the text lines, and the
    #    cells' narrow columns still make the profile along them sharp --
    document = pdfium.PdfDocument(FIXTURES / "ita-2567-tessaban-b.pdf")
    try:
        image = document[2].render(scale=200 / 72, grayscale=True).to_pil().convert("L")
    finally:
        document.close()
    tilted = image.rotate(tilt, resample=Image.Resampling.BICUBIC, fillcolor=255)
    assert not is_sideways(np.asarray(tilted))
