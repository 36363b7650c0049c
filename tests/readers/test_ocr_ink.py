"""Signatures, seals and margin notes never become text: the scan simulator's ink, cleaned away.

The signature block of a text fixture is scanned twice by ``tests/fixtures/generator/scan.py``
under one seed, once with the ballpoint signature, the red seal and a margin note drawn over it
and once without; nothing else differs (no grain, tilt or light). What cleaning leaves where
the ink was drawn, and what Tesseract reads, must be the plain scan's.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pypdfium2 as pdfium
import pytest
from PIL import Image
from tests.fixtures.generator.scan import ScanStyle, scan_page

from ita_extract.document import Paragraph, Table
from ita_extract.readers.ocr.clean import (
    divided_by_paper,
    without_coloured_ink,
    without_margin_notes,
    without_pen_strokes,
)
from ita_extract.readers.ocr.page import read_page_image

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "ita-2566-single-table-c.pdf"
SIGNATURE_BLOCK = slice(1150, 1750)
"""Rows of the last page, at 200 dpi, from the date line to the agency under the signature."""
INKED = ScanStyle(
    dpi=200,
    colour="colour",
    paper=(1.0, 1.0, 1.0),
    light=0.0,
    grain=0.0,
    jpeg_quality=90,
    blur=0.0,
    skew=0.0,
    turn=0,
    signature=True,
    notes=True,
    stamp=True,
    emblem=False,
    form_lines=False,
    edge="none",
)
PLAIN = replace(INKED, signature=False, notes=False, stamp=False)
SEED = 5


def signature_block() -> npt.NDArray[np.float32]:
    """Return the fixture's signature block as the simulator takes a page: RGB, 0 to 1."""
    document = pdfium.PdfDocument(FIXTURE)
    try:
        pixels = document[len(document) - 1].render(scale=200 / 72).to_numpy()
    finally:
        document.close()
    return np.asarray(pixels[SIGNATURE_BLOCK, :, :3], dtype=np.float32) / 255.0


def scanned(style: ScanStyle) -> Image.Image:
    return scan_page(signature_block(), style, np.random.default_rng(SEED), first=True, last=True)


def drawn_ink(inked: npt.NDArray[np.uint8], plain: npt.NDArray[np.uint8]) -> npt.NDArray[np.bool_]:
    """Return where the ink lies on paper: darker in the inked scan, paper in the plain one."""
    return (plain.astype(np.int16) - inked.astype(np.int16) > 60) & (plain > 200)


def test_coloured_ink_becomes_paper() -> None:
    inked = np.asarray(scanned(INKED))
    plain = np.asarray(scanned(PLAIN))
    ink = drawn_ink(inked.min(axis=2), plain.min(axis=2))
    assert ink.sum() > 5000  # -- signature, seal and note were drawn --
    cleaned = without_coloured_ink(inked)
    assert (cleaned[ink] > 200).mean() > 0.99


@pytest.mark.parametrize(("colour", "stamp"), [("grey", True), ("bw", False)])
def test_pen_and_seal_figures_without_colour_become_paper(colour: str, stamp: bool) -> None:
    """Grey and bw have no colour to part them by: the scrawl's and ring's shape, the tone.

    (A seal over text in black and white stays: erasing it would take the text it touches.)
    """
    style = replace(INKED, colour=colour, notes=False, stamp=stamp)
    inked = np.asarray(scanned(style).convert("L"))
    plain = np.asarray(scanned(replace(style, signature=False, stamp=False)).convert("L"))
    ink = drawn_ink(inked, plain)
    assert ink.sum() > 2000  # -- the signature, and the seal where asked, were drawn --
    cleaned = without_pen_strokes(divided_by_paper(inked))
    assert (cleaned[ink] > 200).mean() > 0.95
    print_pixels = plain < 60
    assert (cleaned[print_pixels] < 128).mean() > 0.98
    assert (without_pen_strokes(plain) == plain).all()


def read_words(image: Image.Image) -> list[str]:
    """Return the words OCR reads from ``image``, paragraphs and cells in reading order."""
    result = read_page_image(image, 1)
    texts: list[str] = []
    for block in result.blocks:
        if isinstance(block, Paragraph):
            texts.append(block.text)
        elif isinstance(block, Table):
            texts.extend(paragraph.text for cell in block.cells for paragraph in cell.paragraphs)
    return " ".join(texts).split()


def test_signature_seal_and_note_leave_no_text() -> None:
    assert read_words(scanned(INKED)) == read_words(scanned(PLAIN))


def first_page() -> npt.NDArray[np.float32]:
    """Return the fixture's first page, whose text column a margin note stands beside."""
    document = pdfium.PdfDocument(FIXTURE)
    try:
        pixels = document[0].render(scale=200 / 72).to_numpy()
    finally:
        document.close()
    return np.asarray(pixels[:, :, :3], dtype=np.float32) / 255.0


@pytest.mark.parametrize("colour", ["grey", "bw"])
def test_margin_note_without_colour_becomes_paper(colour: str) -> None:
    """A note in the margin is as dark as print and letter-sized: its place outside the text
    column tells it."""
    style = replace(INKED, colour=colour, signature=False, stamp=False)
    page = first_page()
    inked = scan_page(page, style, np.random.default_rng(SEED), first=True)
    plain = scan_page(page, replace(style, notes=False), np.random.default_rng(SEED), first=True)
    inked_grey, plain_grey = np.asarray(inked.convert("L")), np.asarray(plain.convert("L"))
    ink = drawn_ink(inked_grey, plain_grey)
    assert ink.sum() > 500  # -- the note was drawn --
    cleaned = without_margin_notes(without_pen_strokes(divided_by_paper(inked_grey)))
    assert (cleaned[ink] > 200).mean() > 0.99
    plain_clean = without_pen_strokes(divided_by_paper(plain_grey))
    assert (without_margin_notes(plain_clean) == plain_clean).all()
    if colour == "bw":
        assert read_words(inked) == read_words(plain)


def test_centred_lines_have_no_column_edge() -> None:
    """The signature block's lines are centred: no edge of a column, so nothing beyond one."""
    plain = np.asarray(scanned(replace(INKED, signature=False, stamp=False, notes=False)))
    grey = without_coloured_ink(plain)
    assert (without_margin_notes(grey) == grey).all()
