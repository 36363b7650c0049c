"""The Thai digit reader that backs up Tesseract on numbers."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from ita_extract.readers.ocr.digits import read_number
from ita_extract.readers.ocr.grid import PixelBox
from ita_extract.readers.ocr.numbers import NumberReader
from ita_extract.readers.ocr.tesseract import OcrLine, Word, text_of

FONT_PATH = Path("/usr/share/fonts/truetype/tlwg/Laksaman.ttf")  # Debian fonts-thai-tlwg
FONT_PX = round(16 * 200 / 72)  # 16 pt at 200 dpi


def drawn(
    text: str, *, cut: int = 8, seed: int = 11, font_path: Path = FONT_PATH, px: int = FONT_PX
) -> tuple[np.ndarray, PixelBox]:
    """Return a noisy strip with ``text`` on it, and a box cutting ``cut`` px off its start."""
    font = ImageFont.truetype(str(font_path), px, layout_engine=ImageFont.Layout.RAQM)
    image = Image.new("L", (500, 100), 255)
    draw = ImageDraw.Draw(image)
    draw.text((40, 20), text, font=font, fill=0)
    left, top, right, bottom = draw.textbbox((40, 20), text, font=font)
    rng = np.random.default_rng(seed)
    pixels = np.asarray(image, dtype=np.float64) + rng.normal(0, 6, (100, 500))
    # -- Tesseract's boxes for Thai digits often cut the first glyph: so may this one --
    box = PixelBox(left + cut, top, right, bottom)
    return np.clip(pixels, 0, 255).astype(np.uint8), box


@pytest.mark.parametrize(
    "number",
    # -- the digits Tesseract's tha model confuses: ๙/๕/๓, ๖/๒, ๗/ฒ, ๘/๙ --
    ["๙๗.๖๑", "๙๕.๒๐", "๑๐๐", "๘๙.๑๙", "๗๖.๓๔", "๘๘.๕๗", "๒๕๖๖", "๐๑๒๓๔๕๖๗๘๙"],
)
def test_thai_numbers_are_read_digit_by_digit(number: str) -> None:
    reading = read_number(*drawn(number))
    assert reading is not None
    assert reading.text == number


@pytest.mark.parametrize(
    # -- Tesseract reads Arabic 7 as 1 in these fonts; a comma is no full stop --
    "number",
    ["78.92", "2566", "10", "1,250.75"],
)
def test_arabic_numbers_are_read_too(number: str) -> None:
    reading = read_number(*drawn(number))
    assert reading is not None
    assert reading.text == number


@pytest.mark.parametrize(
    # -- an open-data code's O is round; a Thai zero, as some reports write it, is flat --
    "code",
    ["i๑", "e๑๓", "i๒๗", "e6", "i26", "๐๑๑", "O๑๔", "O25", "O7"],
)
def test_item_codes_are_read_with_their_letter(code: str) -> None:
    reading = read_number(*drawn(code, cut=0), code=True)
    assert reading is not None
    assert reading.text == code


@pytest.mark.parametrize("number", ["0.00", "0.5", "๐.๕๐"])
def test_a_zero_opening_a_number_is_no_codes_o(number: str) -> None:
    reading = read_number(*drawn(number, cut=0), code=True)
    assert reading is not None
    assert reading.text == number


def test_a_code_letter_standing_apart_is_read_with_its_digits() -> None:
    # -- justified cells stretch "i๑๓" until Tesseract's box holds only the digits --
    page, box = drawn("i๑๓", cut=0)
    digits_only = PixelBox(box.left + 8, box.top + 8, box.right, box.bottom)
    reading = read_number(page, digits_only, code=True)
    assert reading is not None
    assert reading.text == "i๑๓"
    # -- a Thai letter before the digits is not taken for one --
    reading = read_number(*drawn("ข้อ ๑๓", cut=55), code=True)
    assert reading is not None
    assert reading.text == "๑๓"


def test_brackets_tesseract_saw_are_kept_around_the_digits() -> None:
    reading = read_number(*drawn("(๐๑๓)"), ends=("(", ")"))
    assert reading is not None
    assert reading.text == "(๐๑๓)"
    assert read_number(*drawn("(๐๑๓)")) is None


@pytest.mark.parametrize("text", ["คะแนน", "ผ่าน", "ข้อ"])
def test_words_are_not_numbers(text: str) -> None:
    assert read_number(*drawn(text)) is None


def test_nothing_drawn_is_no_number() -> None:
    blank = np.full((100, 500), 255, np.uint8)
    assert read_number(blank, PixelBox(40, 20, 200, 80)) is None


@pytest.mark.parametrize(
    # -- a range's hyphen is a low shape like a full stop, but wide: ``O27.029`` was read --
    ("text", "code", "read"),
    [("O27-O29", True, "O27-029"), ("๐๑๔-๐๑๖", True, "๐๑๔-๐๑๖"), ("2566-2567", False, "2566-2567")],
)
def test_a_hyphen_between_numbers_is_no_full_stop(text: str, code: bool, read: str) -> None:
    reading = read_number(*drawn(text, cut=0), code=code)
    assert reading is not None
    assert reading.text == read  # -- the second O's zero is put back by the repairs --


def test_touching_arabic_digits_are_read_as_arabic_digits() -> None:
    # -- a black-and-white scan's thick ink joins two Arabic zeros into one shape as wide as a
    #    Thai digit: it was read ``100.๓``, a number mixing the two scripts --
    image, box = drawn("100.00", cut=0)
    thick = cv2.erode(image, np.ones((3, 3), np.uint8))
    reading = read_number(thick, box)
    assert reading is not None
    assert reading.text == "100.00"


def test_a_ranges_second_code_standing_alone_keeps_its_letter() -> None:
    # -- ``O27 -O29)``: Tesseract gives the part after the space as a token of its own --
    image, box = drawn("-O29)", cut=0)
    line = OcrLine(((Word("-029)", 90.0, box),),))
    read = NumberReader(page=1).reread(line, image, box.height)
    assert text_of(read.tokens[0]) == "-O29)"


@pytest.mark.parametrize(
    ("font", "number"),
    [
        # -- Sawasdee's full stop at 14 pt and 200 dpi is 2 x 3 px, the size of scanner dust --
        *(("Sawasdee", number) for number in ["78.92", "100.00", "0.00", "๙๗.๖๑", "๘๙.๑๙"]),
        # -- the ink mask's 3x3 median erases Norasi's one-pixel hairlines, and ๗ fell
        #    apart into pieces that match no digit --
        *(("Norasi", number) for number in ["๙๗.๖๑", "๗๖.๓๔", "๘๙.๑๙", "๐๑๒๓๔๕๖๗๘๙", "78.92"]),
    ],
)
def test_thin_fonts_of_the_variation_engine_are_read(font: str, number: str) -> None:
    image, box = drawn(
        number, cut=0, font_path=FONT_PATH.with_name(f"{font}.ttf"), px=round(14 * 200 / 72)
    )
    reading = read_number(image, box, stops=number.count("."))
    assert reading is not None
    assert reading.text == number
