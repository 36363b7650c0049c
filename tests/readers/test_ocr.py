"""OCR of scanned pages: Thai text, tables cell by cell, honest warnings, missing Tesseract.

The pages are drawn here (Laksaman 16 pt at 200 dpi, as the report fixtures are typeset) and
kept small, so the suite runs Tesseract on a few crops, not on whole reports.
"""

from __future__ import annotations

import io
import logging
from pathlib import Path

import numpy as np
import pytesseract
import pytest
from PIL import Image, ImageDraw, ImageFont
from rapidfuzz import fuzz

from ita_extract.document import Paragraph, Table
from ita_extract.errors import CorruptDocumentError, MissingDependencyError
from ita_extract.readers.ocr import ocr_pages
from ita_extract.readers.ocr.grid import PixelBox
from ita_extract.readers.ocr.marks import BULLET, without_mark_lines
from ita_extract.readers.ocr.numbers import detach_code_letters, is_code_e
from ita_extract.readers.ocr.page import read_page_image
from ita_extract.readers.ocr.repairs import (
    repair_code_lookalikes,
    repair_number_lookalikes,
    repair_open_data_codes,
    repair_split_numbers,
)
from ita_extract.readers.ocr.tesseract import OcrLine, Word

FONT_PATH = Path("/usr/share/fonts/truetype/tlwg/Laksaman.ttf")  # Debian fonts-thai-tlwg
DPI = 200
FONT_PX = round(16 * DPI / 72)
LINE_ONE = "หน่วยงานควรปรับปรุงการเผยแพร่ข้อมูลบนเว็บไซต์"
LINE_TWO = "และเปิดโอกาสให้ผู้มีส่วนร่วมในการดำเนินงาน"
TABLE_WORDS = ["การปฏิบัติหน้าที่", "การใช้งบประมาณ", "การใช้อำนาจ"]


def font() -> ImageFont.FreeTypeFont:
    # -- Thai marks stack correctly only with Pillow's Raqm layout (HarfBuzz shaping) --
    return ImageFont.truetype(str(FONT_PATH), FONT_PX, layout_engine=ImageFont.Layout.RAQM)


def page_with_text(lines: list[str], size: tuple[int, int] = (1300, 260)) -> Image.Image:
    image = Image.new("L", size, 255)
    draw = ImageDraw.Draw(image)
    for index, line in enumerate(lines):
        draw.text((40, 40 + index * 75), line, font=font(), fill=0)
    return image


def pdf_of(*pages: Image.Image) -> bytes:
    buffer = io.BytesIO()
    pages[0].save(buffer, format="PDF", save_all=True, append_images=pages[1:], resolution=DPI)
    return buffer.getvalue()


def test_a_known_thai_line_is_read() -> None:
    result = read_page_image(page_with_text([LINE_ONE, LINE_TWO]), page=3)
    (paragraph,) = result.blocks
    assert isinstance(paragraph, Paragraph)
    assert paragraph.page == 3
    # -- OCR is not exact; the wrapped lines keep their break for the Thai line joiner --
    assert paragraph.text.count("\n") == 1
    assert fuzz.ratio(paragraph.text, f"{LINE_ONE}\n{LINE_TWO}") >= 85


def ruled_table_page() -> Image.Image:
    """Return a 3x2 ruled table: the right column one merged cell, Thai words elsewhere."""
    image = Image.new("L", (1100, 420), 255)
    draw = ImageDraw.Draw(image)
    left, top, middle, right, row_height = 40, 40, 560, 1060, 110
    bottom = top + 3 * row_height
    draw.rectangle((left, top, right, bottom), outline=0, width=2)
    draw.line((middle, top, middle, bottom), fill=0, width=2)
    for row in (1, 2):
        y = top + row * row_height
        draw.line((left, y, middle, y), fill=0, width=2)
    for row, word in enumerate(TABLE_WORDS):
        draw.text((left + 25, top + 25 + row * row_height), word, font=font(), fill=0)
    draw.text((middle + 25, top + 25), "ผ่าน", font=font(), fill=0)
    return image


def test_a_ruled_table_is_read_cell_by_cell_with_its_merged_cell() -> None:
    (table,) = read_page_image(ruled_table_page(), page=1).blocks
    assert isinstance(table, Table)
    assert (table.row_count, table.col_count) == (3, 2)
    merged = next(cell for cell in table.cells if cell.col_start == 1)
    assert (merged.row_start, merged.row_end) == (0, 3)
    assert fuzz.ratio(merged.text, "ผ่าน") >= 75
    left_column = sorted(
        (cell for cell in table.cells if cell.col_start == 0), key=lambda cell: cell.row_start
    )
    assert [(cell.row_start, cell.row_end) for cell in left_column] == [(0, 1), (1, 2), (2, 3)]
    for cell, word in zip(left_column, TABLE_WORDS, strict=True):
        assert fuzz.ratio(cell.text, word) >= 70, (cell.text, word)


def shaded_header_page() -> Image.Image:
    """Return a 2x2 table: a grey-shaded header row, and a lone digit in a narrow cell."""
    image = Image.new("L", (900, 260), 255)
    draw = ImageDraw.Draw(image)
    left, middle, right, top, split, bottom = 40, 160, 860, 40, 140, 240
    draw.rectangle((left, top, right, split), fill=215)
    draw.rectangle((left, top, right, bottom), outline=0, width=2)
    draw.line((middle, top, middle, bottom), fill=0, width=2)
    draw.line((left, split, right, split), fill=0, width=2)
    draw.text((left + 20, top + 25), "แบบ", font=font(), fill=0)
    draw.text((middle + 25, top + 25), "รายละเอียดตัวชี้วัด", font=font(), fill=0)
    draw.text((left + 45, split + 25), "๗", font=font(), fill=0)
    draw.text((middle + 25, split + 25), "ประสิทธิภาพการสื่อสาร", font=font(), fill=0)
    return image


def test_shaded_cells_and_a_lone_digit_are_read() -> None:
    (table,) = read_page_image(shaded_header_page(), page=1).blocks
    assert isinstance(table, Table)
    texts = {(cell.row_start, cell.col_start): cell.text for cell in table.cells}
    assert fuzz.ratio(texts[(0, 1)], "รายละเอียดตัวชี้วัด") >= 80
    assert fuzz.ratio(texts[(1, 1)], "ประสิทธิภาพการสื่อสาร") >= 80
    # -- Tesseract alone reads this ๗ as "ol" or drops it; the digit reader gets it --
    assert texts[(1, 0)] == "๗"


def noise_page() -> Image.Image:
    rng = np.random.default_rng(5)
    return Image.fromarray(rng.integers(0, 256, (600, 500), dtype=np.uint8))


@pytest.mark.parametrize(
    ("image", "code"),
    [
        (Image.new("L", (500, 600), 255), "ocr.blank_page"),
        (noise_page(), "ocr.unreadable_page"),
    ],
    ids=["blank", "noise"],
)
def test_an_unreadable_page_gives_a_warning_not_a_crash(image: Image.Image, code: str) -> None:
    result = ocr_pages(pdf_of(image), [1])
    assert result.blocks == {1: []}
    assert [(warning.code, warning.page) for warning in result.warnings] == [(code, 1)]


def test_pages_read_in_parallel_match_pages_read_in_turn() -> None:
    pdf = pdf_of(Image.new("L", (500, 600), 255), noise_page())
    assert ocr_pages(pdf, [1, 2], jobs=2) == ocr_pages(pdf, [1, 2], jobs=1)


@pytest.mark.parametrize(
    ("setting", "value"),
    [("tesseract_cmd", "/nonexistent/bin/tesseract"), ("PATH", "/nonexistent/bin")],
)
def test_missing_tesseract_names_the_debian_package(
    monkeypatch: pytest.MonkeyPatch, setting: str, value: str
) -> None:
    if setting == "PATH":
        monkeypatch.setenv("PATH", value)
        monkeypatch.setattr(pytesseract.pytesseract, "tesseract_cmd", "tesseract")
    else:
        monkeypatch.setattr(pytesseract.pytesseract, "tesseract_cmd", value)
    with pytest.raises(MissingDependencyError, match="tesseract-ocr-tha"):
        ocr_pages(pdf_of(page_with_text([LINE_ONE])), [1])


def test_missing_thai_model_names_its_package(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # -- a tessdata folder with no models in it: Tesseract runs but knows no Thai --
    monkeypatch.setenv("TESSDATA_PREFIX", str(tmp_path))
    with pytest.raises(MissingDependencyError, match="tesseract-ocr-tha"):
        ocr_pages(pdf_of(page_with_text([LINE_ONE])), [1])


@pytest.mark.parametrize(
    ("data", "pages", "error"),
    [
        (b"%PDF-1.7 truncated", [1], CorruptDocumentError),
        (pdf_of(Image.new("L", (50, 50), 255)), [2], IndexError),
    ],
    ids=["corrupt", "page-out-of-range"],
)
def test_bad_input_raises_a_typed_error(
    data: bytes, pages: list[int], error: type[Exception]
) -> None:
    with pytest.raises(error):
        ocr_pages(data, pages)


@pytest.mark.parametrize(
    ("read", "expected", "repairs"),
    [
        ("คะแนน ๑o๐", "คะแนน ๑๐๐", [("๑o๐", "๑๐๐")]),
        ("๙๗.๖l คะแนน", "๙๗.๖๑ คะแนน", [("๙๗.๖l", "๙๗.๖๑")]),
        ("97.6l", "97.61", [("97.6l", "97.61")]),
        ("1O0%", "100%", [("1O0", "100")]),
        # -- a leading letter is an item code's (O11, i๑), never a digit --
        ("ข้อ O11", "ข้อ O11", []),
        ("ข้อ o๑๑", "ข้อ o๑๑", []),
        ("Old 10 ways", "Old 10 ways", []),
    ],
)
def test_letters_inside_numbers_are_repaired_only_where_unambiguous(
    read: str, expected: str, repairs: list[tuple[str, str]]
) -> None:
    assert repair_number_lookalikes(read) == (expected, repairs)


@pytest.mark.parametrize(
    ("read", "expected", "repairs"),
    [
        ("ข้อ |๑", "ข้อ i๑", [("|๑", "i๑")]),
        ("แ[1", "แ[1", []),
        ("ข้อ [๒๗ หน่วยงาน", "ข้อ i๒๗ หน่วยงาน", [("[๒๗", "i๒๗")]),
        ("ข้อ l5", "ข้อ i5", [("l5", "i5")]),
        # -- no code: three digits, a zero item, a stroke inside a word or a number --
        ("|๑๒๓", "|๑๒๓", []),
        ("ข้อ |๐", "ข้อ |๐", []),
        ("a|1", "a|1", []),
        ("๑|๑", "๑|๑", []),
    ],
)
def test_a_stroke_before_digits_is_an_item_codes_i_only_where_that_makes_a_code(
    read: str, expected: str, repairs: list[tuple[str, str]]
) -> None:
    assert repair_code_lookalikes(read) == (expected, repairs)


@pytest.mark.parametrize(
    ("read", "expected", "repairs"),
    [
        ("(อ้างอิงจาก025)", "(อ้างอิงจากO25)", [("025", "O25")]),
        ("จาก011-012)", "จากO11-O12)", [("011-012", "O11-O12")]),
        ("จาก07,08)", "จากO7,O8)", [("07,08", "O7,O8")]),
        ("ข้อ040การ", "ข้อO40การ", [("040", "O40")]),
        # -- numbers: decimals, dates, times, phone numbers and years keep their zero --
        ("ได้ 0.09 คะแนน", "ได้ 0.09 คะแนน", []),
        ("05/12/2566", "05/12/2566", []),
        ("08:30 น.", "08:30 น.", []),
        ("02-123-4567", "02-123-4567", []),
        ("ปี 2025", "ปี 2025", []),
        ("00", "00", []),
        # -- a Thai zero is what the report wrote: some write open-data codes so (๐๑๔) --
        ("จาก ๐๑๔ - ๐๑๕)", "จาก ๐๑๔ - ๐๑๕)", []),
    ],
)
def test_a_zero_before_digits_is_an_open_data_codes_o_only_where_no_number_reaches(
    read: str, expected: str, repairs: list[tuple[str, str]]
) -> None:
    assert repair_open_data_codes(read) == (expected, repairs)


def bulleted_page() -> Image.Image:
    image = page_with_text(["     จัดทำคู่มือการปฏิบัติงาน", "แนวทางการ"])
    draw = ImageDraw.Draw(image)
    draw.rectangle((44, 62, 62, 80), fill=0)
    return image


def test_a_square_bullet_becomes_the_list_label_and_a_plain_line_is_kept() -> None:
    (paragraph,) = read_page_image(bulleted_page(), page=1).blocks
    assert isinstance(paragraph, Paragraph)
    assert paragraph.list_label == BULLET
    assert paragraph.text.startswith("จัดท")
    # -- a line with no marks above it is low, but it is text, not a row of stray marks --
    assert paragraph.text.endswith("แนวทางการ")


@pytest.mark.parametrize(
    ("read", "expected", "repairs"),
    [
        ("พ.ศ. ๒ ๕๖๕ คะแนน", "พ.ศ. ๒๕๖๕ คะแนน", [("๒ ๕๖๕", "๒๕๖๕")]),
        ("๒, การใช้งบ\nประมาณ", "๒. การใช้งบ\nประมาณ", [("๒,", "๒.")]),
        ("ก\n๔, การป้องกัน", "ก\n๔. การป้องกัน", [("๔,", "๔.")]),
        # -- a list of numbers, a day before a year, a number after a comma stay --
        ("ข้อ 1, 2 และ", "ข้อ 1, 2 และ", []),
        ("12 2565", "12 2565", []),
        ("1,250 บาท", "1,250 บาท", []),
    ],
)
def test_a_split_year_is_joined_and_a_list_numbers_comma_is_a_full_stop(
    read: str, expected: str, repairs: list[tuple[str, str]]
) -> None:
    assert repair_split_numbers(read) == (expected, repairs)


def test_an_en_dash_and_a_hyphen_are_told_apart_by_length() -> None:
    page = page_with_text(["ตุลาคม 2566 – กันยายน 2567", "ระบบ E-Service"])
    (paragraph,) = read_page_image(page, page=1).blocks
    assert isinstance(paragraph, Paragraph)
    first, second = paragraph.text.split("\n")
    assert "–" in first and "-" not in first
    assert "-" in second and "–" not in second


def grainy_empty_cell_page() -> Image.Image:
    """Return the ruled table with its middle-left cell emptied and sprinkled with grain."""
    image = ruled_table_page()
    draw = ImageDraw.Draw(image)
    draw.rectangle((45, 155, 555, 255), fill=255)
    rng = np.random.default_rng(7)
    for x, y in zip(rng.integers(60, 540, 60), rng.integers(160, 250, 60), strict=True):
        draw.rectangle((int(x), int(y), int(x) + 3, int(y) + 3), fill=0)
    return image


def test_grain_in_an_empty_cell_is_no_text() -> None:
    (table,) = read_page_image(grainy_empty_cell_page(), page=1).blocks
    assert isinstance(table, Table)
    texts = {(cell.row_start, cell.col_start): cell.text for cell in table.cells}
    assert texts[(1, 0)] == ""
    assert fuzz.ratio(texts[(2, 0)], TABLE_WORDS[2]) >= 70


def line_at(text: str, confidence: float, left: int, top: int, right: int, bottom: int) -> OcrLine:
    return OcrLine.of_words([Word(text, confidence, PixelBox(left, top, right, bottom))])


def test_rows_of_marks_above_or_below_a_line_are_dropped_but_wrapped_letters_are_kept() -> None:
    # -- a bold header cell "ผู้รับผิด / ชอบ": its upper marks and its ู read as lines --
    upper = line_at("yyw A", 52, 130, 365, 217, 380)
    text = line_at("ผรบผด", 94, 122, 381, 242, 408)
    lower = line_at("ขบ", 53, 127, 409, 143, 423)
    second = line_at("ชอบ", 95, 143, 452, 219, 479)
    # -- a word's last letter wrapped to a line of its own, a line's spacing below --
    wrapped = line_at("พ", 96, 122, 509, 140, 533)
    lines = [upper, text, lower, second, wrapped]
    assert [line.text for line in without_mark_lines(lines)] == ["ผรบผด", "ชอบ", "พ"]


def test_a_code_letter_glued_to_thai_is_detached_but_a_zero_ending_a_number_is_not() -> None:
    def token(*texts: str) -> tuple[Word, ...]:
        return tuple(
            Word(text, 90, PixelBox(20 * i, 0, 20 * i + 18, 30)) for i, text in enumerate(texts)
        )

    def texts(tokens: list[tuple[Word, ...]]) -> list[str]:
        return ["".join(word.text for word in token) for token in tokens]

    # -- ข้อ i๒๐ read as ข้อ| and ๒๐: the stroke is the code's i --
    assert texts(detach_code_letters([token("ข้", "อ", "|"), token("๒", "๐")])) == [
        "ข้อ",
        "|",
        "๒๐",
    ]
    # -- ข้อ i๑๐ read as one token ข้อ|๑๐: its last zero is no code letter --
    assert texts(detach_code_letters([token("ข้", "อ", "|", "๑", "๐")])) == ["ข้อ|๑๐"]


@pytest.mark.parametrize(("letter", "is_e"), [("e", True), ("6", False)])
def test_a_lone_six_before_a_number_is_a_codes_e_only_if_its_shape_is(
    letter: str, is_e: bool
) -> None:
    image = Image.new("L", (400, 90), 255)
    draw = ImageDraw.Draw(image)
    boxes = []
    left = 20
    for text in ("ข้อ", letter, "๑๕"):
        draw.text((left, 20), text, font=font(), fill=0)
        boxes.append(
            PixelBox(*(round(edge) for edge in draw.textbbox((left, 20), text, font=font())))
        )
        left = boxes[-1].right + 14
    # -- Tesseract's box for the lone letter may miss its ink: here it is one pixel wide --
    stray = PixelBox(boxes[1].right + 2, boxes[1].top, boxes[1].right + 3, boxes[1].bottom)
    tokens = [
        (Word("ข้อ", 90, boxes[0]),),
        (Word("6", 60, stray),),
        (Word("๑๕", 90, boxes[2]),),
    ]
    pixels = np.asarray(image, dtype=np.uint8)
    assert is_code_e(tokens, 1, pixels, boxes[0].height) is is_e


def test_ocr_says_it_has_started_and_each_page_read(caplog: pytest.LogCaptureFixture) -> None:
    blank = Image.new("L", (500, 600), 255)
    with caplog.at_level(logging.INFO, logger="ita_extract"):
        ocr_pages(pdf_of(blank, blank), [1, 2])

    assert [record.getMessage() for record in caplog.records] == [
        "reading 2 scanned page(s) with OCR, a few seconds each",
        "OCR page 1 of 2 read",
        "OCR page 2 of 2 read",
    ]
