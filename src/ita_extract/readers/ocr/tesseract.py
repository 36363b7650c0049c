"""Tesseract's side of OCR: words and lines as it reads them, many crops of a page in one run.

A page's text outside tables and all its cells are the pages of one multi-page image, read in
one run. Readings in doubt are read again: as blocks (one run), and with the Thai model alone
(one run, and one more for its own doubtful readings).
"""

from __future__ import annotations

import itertools
import os
import re
import statistics
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import cv2
import numpy as np
import pytesseract
from PIL import Image as PILImage

from ita_extract.errors import ConversionTimeoutError
from ita_extract.readers.ocr.grid import Image, PixelBox, as_image

LANGUAGES = "tha+eng"
"""Thai text with English words and codes (IIT, E-Service, i1) in it."""
THAI_ONLY = "tha"
TESSERACT_TIMEOUT_SECONDS = 120
LOW_CONFIDENCE = 60
"""Tesseract word confidence (0–100) under which a word is reported as unsure."""
_DOTTED_LETTERS = re.compile(r"(?:[A-Za-z0-9]\.)+")
"""Letters each followed by a full stop: an abbreviation (``A.A.``, ``W.8.``)."""
_SPECK_CONFIDENCE = 10
_CELL_ZOOM = 1.5
"""Tables are set smaller (14 pt); enlarged, Tesseract stops reading a cell's tone marks
and the dot of an ``i`` as a line of their own. 2.0 read single-table fixture C better
(recall 0.81, not 0.77) but the five scanned fixtures worse (0.874/0.900, not 0.883/0.906)."""
_CELL_PADDING = 20
"""White margin around each cell image: Tesseract finds no text touching the image edge."""
_PAPER_PERCENTILE = 75
"""A cell is mostly paper: this percentile of its grey levels is the paper's."""
_WHITE = 250
_LINE_MARGIN = 8
_THAI_MARGIN = 10
"""How much surer (mean confidence) a Thai-only reading must be to replace a mixed one."""
_THAI_SPACE = 0.55
"""A gap wider than this many letter heights between Thai letters is a space (about 0.35 em)."""
_LATIN_SPACE = 0.3
"""Tesseract splits Latin text at spaces already; a narrower gap still separates words."""
COLUMN_CONFIG = "--psm 4"
"""Page segmentation mode 4, one column of lines of varying size: a report page outside its
tables, and each cell."""
_BLOCK_CONFIG = "--psm 6"
"""Page segmentation mode 6, one uniform block: for cells mode 4 read doubtfully."""


@dataclass(frozen=True)
class Word:
    """One word as Tesseract read it, in page pixels."""

    text: str
    confidence: float
    box: PixelBox


@dataclass(frozen=True)
class OcrLine:
    """A text line: its space-separated tokens left to right, each a run of words."""

    tokens: tuple[tuple[Word, ...], ...]

    @classmethod
    def of_words(cls, words: Sequence[Word]) -> OcrLine:
        """Return the line of ``words``, split into tokens where the page shows a space.

        Tesseract's Thai model reports each letter cluster as a "word", so its word
        boundaries are not spaces. A gap wider than a share of the letter height is.
        """
        height = statistics.median(word.box.height for word in words)
        tokens = [[words[0]]]
        for before, after in itertools.pairwise(words):
            latin = _is_latin(before.text) and _is_latin(after.text)
            space = (_LATIN_SPACE if latin else _THAI_SPACE) * height
            if after.box.left - before.box.right > space:
                tokens.append([])
            tokens[-1].append(after)
        return cls(tuple(tuple(token) for token in tokens))

    @property
    def words(self) -> list[Word]:
        """Return the line's words, left to right."""
        return [word for token in self.tokens for word in token]

    @property
    def box(self) -> PixelBox:
        """Return the box around the line's words."""
        return box_around(word.box for word in self.words)

    @property
    def text(self) -> str:
        """Return the line's text, with a space only where the page shows one."""
        return " ".join("".join(word.text for word in token) for token in self.tokens)


def _is_latin(text: str) -> bool:
    return any(char.isascii() and char.isalnum() for char in text)


def _has_latin_letter(text: str) -> bool:
    return any(char.isascii() and char.isalpha() for char in text)


def word_height(lines: Sequence[OcrLine]) -> int:
    """Return the usual height of the word boxes of a cell or page (0 if it has none).

    Taken over all lines, not one: a line such as ``ม . ค .`` is mostly full stops.
    """
    heights = [word.box.height for line in lines for word in line.words]
    return round(statistics.median(heights)) if heights else 0


def text_of(words: Sequence[Word]) -> str:
    """Return the text of a run of words, as Tesseract read it with no space added."""
    return "".join(word.text for word in words)


def box_around(boxes: Iterable[PixelBox]) -> PixelBox:
    """Return the smallest box holding every one of ``boxes`` (there must be one)."""
    listed = list(boxes)
    return PixelBox(
        min(box.left for box in listed),
        min(box.top for box in listed),
        max(box.right for box in listed),
        max(box.bottom for box in listed),
    )


def grown(box: PixelBox, page: Image) -> PixelBox:
    """Return ``box`` with a margin of white around it, clipped to the page."""
    height, width = page.shape
    return PixelBox(
        max(0, box.left - _LINE_MARGIN),
        max(0, box.top - _LINE_MARGIN),
        min(width, box.right + _LINE_MARGIN),
        min(height, box.bottom + _LINE_MARGIN),
    )


@dataclass(frozen=True, eq=False)
class Crop:
    """A box of a page image that Tesseract reads as a page of its own.

    A cell or a line is read whitened, enlarged and with a white margin (``region``); a page's
    text outside its tables is read as it is (``whole``). Boxes Tesseract reports in the crop
    are mapped back to ``page`` pixels.
    """

    page: Image
    box: PixelBox
    zoom: float = _CELL_ZOOM
    padding: int = _CELL_PADDING
    whitened: bool = True

    @classmethod
    def whole(cls, page: Image) -> Crop:
        """Return the crop of all of ``page``, read as it is."""
        height, width = page.shape
        return cls(page, PixelBox(0, 0, width, height), zoom=1.0, padding=0, whitened=False)

    @cached_property
    def pixels(self) -> Image:
        """Return the image Tesseract is given, made once for all the passes that read it."""
        box = self.box
        crop = self.page[box.top : box.bottom, box.left : box.right]
        if self.whitened:
            crop = _whitened(crop)
        if self.zoom != 1.0:
            crop = _zoomed(crop, self.zoom)
        pad = self.padding
        if not pad:
            return crop
        return as_image(
            cv2.copyMakeBorder(crop, pad, pad, pad, pad, cv2.BORDER_CONSTANT, value=255)
        )


def read_crops(
    crops: Sequence[Crop], config: str, languages: str = LANGUAGES
) -> list[list[OcrLine]]:
    """Return the text lines of each crop, top to bottom, in page pixels, from one Tesseract run.

    The crops are the pages of one multi-page image: starting Tesseract and loading its
    models costs 0.15 s of CPU with ``tha+eng``, which a run per cell would pay a hundred
    times a page.

    Raises:
        ConversionTimeoutError: Tesseract ran past its time limit.
    """
    if not crops:
        return []
    images = [PILImage.fromarray(crop.pixels) for crop in crops]
    with tempfile.TemporaryDirectory(prefix="ita-extract-ocr-") as folder:
        # -- an uncompressed TIFF: written and decoded far faster than one PNG per crop --
        pages = os.path.join(folder, "crops.tif")
        images[0].save(pages, save_all=True, append_images=images[1:])
        data = _tesseract_data(pages, config, languages)
    lines = _lines_of_pages(data, crops)
    return [lines.get(index + 1, []) for index in range(len(crops))]


def recognise_regions(crops: Sequence[Crop], languages: str = LANGUAGES) -> list[list[OcrLine]]:
    """Return the text lines of each crop, those read doubtfully read again as blocks.

    All crops are read in one Tesseract run, then every doubtful one in a second.
    """
    return reread_doubtful(crops, read_crops(crops, COLUMN_CONFIG, languages), languages)


def reread_doubtful(
    crops: Sequence[Crop], readings: Sequence[list[OcrLine]], languages: str = LANGUAGES
) -> list[list[OcrLine]]:
    """Return ``readings`` of ``crops``, each doubtful one replaced by a surer block reading.

    The doubtful crops are read again in one run, as uniform blocks (page segmentation
    mode 6).
    """
    result = list(readings)
    doubtful = [index for index, lines in enumerate(result) if _doubtful(lines)]
    rereads = read_crops([crops[index] for index in doubtful], _BLOCK_CONFIG, languages)
    for index, reread in zip(doubtful, rereads, strict=True):
        first = result[index]
        # -- a line of stray tone marks makes one line too many; fewer lines, if surer, win --
        if not first or (
            0 < len(reread) < len(first) and mean_confidence(reread) > mean_confidence(first)
        ):
            result[index] = reread
    return result


def _tesseract_data(image: str, config: str, languages: str) -> dict[str, list[Any]]:
    """Return Tesseract's words (TSV as columns) for the pages of an image file.

    Raises:
        ConversionTimeoutError: Tesseract ran past its time limit.
    """
    try:
        data: dict[str, list[Any]] = pytesseract.image_to_data(
            image,
            lang=languages,
            config=config,
            output_type=pytesseract.Output.DICT,
            timeout=TESSERACT_TIMEOUT_SECONDS,
        )
    except RuntimeError as error:
        # -- pytesseract signals its timeout with a bare RuntimeError --
        raise ConversionTimeoutError(
            f"Tesseract took over {TESSERACT_TIMEOUT_SECONDS} s on one page's images"
        ) from error
    return data


def _lines_of_pages(data: dict[str, list[Any]], crops: Sequence[Crop]) -> dict[int, list[OcrLine]]:
    """Return Tesseract's lines per page (from 1), top to bottom, in the crops' page pixels."""
    words: dict[tuple[int, int, int, int], list[Word]] = {}
    for index, text in enumerate(data["text"]):
        confidence = float(data["conf"][index])
        if confidence < 0 or not text.strip() or _is_speck(text, confidence):
            continue
        page = int(data["page_num"][index])
        crop = crops[page - 1]
        zoom, padding = crop.zoom, crop.padding
        left, top = int(data["left"][index]) - padding, int(data["top"][index]) - padding
        width, height = int(data["width"][index]), int(data["height"][index])
        box = PixelBox(
            round(left / zoom) + crop.box.left,
            round(top / zoom) + crop.box.top,
            round((left + width) / zoom) + crop.box.left,
            round((top + height) / zoom) + crop.box.top,
        )
        key = (
            page,
            int(data["block_num"][index]),
            int(data["par_num"][index]),
            int(data["line_num"][index]),
        )
        words.setdefault(key, []).append(Word(text.strip(), confidence, box))
    pages: dict[int, list[OcrLine]] = {}
    for (page, *_), line_words in words.items():
        pages.setdefault(page, []).append(OcrLine.of_words(line_words))
    for lines in pages.values():
        lines.sort(key=lambda line: (line.box.top, line.box.left))
    return pages


def _zoomed(image: Image, zoom: float) -> Image:
    return as_image(cv2.resize(image, None, fx=zoom, fy=zoom, interpolation=cv2.INTER_CUBIC))


def _is_speck(text: str, confidence: float) -> bool:
    """Tell a scanner speck or a ruling's stub read as punctuation from a real word."""
    return confidence < _SPECK_CONFIDENCE and not any(char.isalnum() for char in text)


def _doubtful(lines: Sequence[OcrLine]) -> bool:
    """Tell whether a cell's reading is empty or has a line Tesseract was unsure of.

    Read as one column, a cell may lose a lone short word (a row number in a narrow cell) as
    noise, or read the tone marks of a bold line as a line of their own (``a ow da`` over
    ``รายละเอยดตวชวด``); read as a block, such cells come out right.
    """
    return not lines or any(mean_confidence([line]) < LOW_CONFIDENCE for line in lines)


def _whitened(crop: Image) -> Image:
    """Return ``crop`` with its paper made white.

    Header cells are often shaded; Tesseract's layout analysis takes a grey box for a
    picture and skips the text in it.
    """
    paper = float(np.percentile(crop, _PAPER_PERCENTILE))
    if paper >= _WHITE:
        return crop
    return as_image(np.clip(crop.astype(np.float32) * (255.0 / max(paper, 1.0)), 0, 255))


def thai_second_opinion(
    crops: Sequence[Crop], readings: Sequence[list[OcrLine]]
) -> list[list[OcrLine]]:
    """Return the readings of ``crops``, each replaced by a Thai-only reading where that is surer.

    With ``tha+eng`` Tesseract sometimes reads a whole Thai phrase as English (``ข้อ i๑``
    comes back as ``Vaio``). Crops whose reading holds Latin letters are read again with
    the Thai model alone, and that reading wins only if clearly surer, so a real
    ``E-Service`` or ``EIT`` keeps its English reading. A stray Latin letter standing alone
    (``U 2566`` for ``ปี 2566``) is no English at all: there a fair Thai reading wins. Arabic
    digits alone send no crop: the digit reader reads every number again from its shapes,
    and over the scanned fixtures no Thai-only reading of 245 such crops was the surer.
    """
    doubtful = [
        index
        for index, lines in enumerate(readings)
        if any(_has_latin_letter(word.text) for line in lines for word in line.words)
    ]
    chosen = list(readings)
    if not doubtful:
        return chosen
    rereads = recognise_regions([crops[index] for index in doubtful], THAI_ONLY)
    for index, reread in zip(doubtful, rereads, strict=True):
        mixed, thai = mean_confidence(readings[index]), mean_confidence(reread)
        stray = _has_stray_letter(readings[index]) and not _has_stray_letter(reread)
        if reread and (thai > mixed + _THAI_MARGIN or (stray and thai >= LOW_CONFIDENCE)):
            chosen[index] = reread
    return chosen


def _has_stray_letter(lines: Sequence[OcrLine]) -> bool:
    """Tell whether a reading has Latin letters standing alone where Thai ones are likelier.

    A lone letter that is no item-code letter is one; so is a run of dotted letters
    (``A.A.`` for ``ต.ค.``, ``W.8.`` for ``พ.ย.``): Thai writes months, titles and units as
    such abbreviations, and in a Thai report they are far likelier than English ones.
    """
    return any(
        (len(text) == 1 and text.isascii() and text.isalpha() and text not in "ieO")
        or (_DOTTED_LETTERS.fullmatch(text) is not None and any(char.isalpha() for char in text))
        for line in lines
        for token in line.tokens
        if (text := text_of(token))
    )


def mean_confidence(lines: Sequence[OcrLine]) -> float:
    """Return the mean confidence of the words of ``lines`` (0 when they have none)."""
    confidences = [word.confidence for line in lines for word in line.words]
    return statistics.fmean(confidences) if confidences else 0.0
