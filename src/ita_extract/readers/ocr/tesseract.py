"""Tesseract's side of OCR: words and lines as it reads them, in one run per page part.

A page's text outside tables is one run; its cells are the pages of another, from a list of
image files. Readings in doubt are read again: as a block, and with the Thai model alone.
"""

from __future__ import annotations

import itertools
import os
import re
import statistics
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
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


def recognise(
    image: Image, config: str, languages: str = LANGUAGES, *, zoom: float = 1.0
) -> list[OcrLine]:
    """Return the text lines Tesseract finds in ``image``, top to bottom, in its pixels.

    ``zoom`` enlarges the image for Tesseract only; the boxes come back in ``image`` pixels.

    Raises:
        ConversionTimeoutError: Tesseract ran past its time limit.
    """
    if zoom != 1.0:
        image = _zoomed(image, zoom)
    data = _tesseract_data(PILImage.fromarray(image), config, languages)
    return _lines_of_pages(data, zoom, 0).get(1, [])


def _tesseract_data(
    image: PILImage.Image | str, config: str, languages: str
) -> dict[str, list[Any]]:
    """Return Tesseract's words (TSV as columns) for an image, or a file listing images.

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
            f"Tesseract took over {TESSERACT_TIMEOUT_SECONDS} s on one page image"
        ) from error
    return data


def _lines_of_pages(
    data: dict[str, list[Any]], zoom: float, padding: int
) -> dict[int, list[OcrLine]]:
    """Return Tesseract's lines per page (from 1), top to bottom, in unzoomed pixels.

    ``padding`` is the white margin each image was given before it was zoomed.
    """
    words: dict[tuple[int, int, int, int], list[Word]] = {}
    for index, text in enumerate(data["text"]):
        confidence = float(data["conf"][index])
        if confidence < 0 or not text.strip() or _is_speck(text, confidence):
            continue
        left, top = int(data["left"][index]) - padding, int(data["top"][index]) - padding
        width, height = int(data["width"][index]), int(data["height"][index])
        box = PixelBox(
            round(left / zoom),
            round(top / zoom),
            round((left + width) / zoom),
            round((top + height) / zoom),
        )
        key = (
            int(data["page_num"][index]),
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


def recognise_regions(
    page: Image, boxes: Sequence[PixelBox], languages: str = LANGUAGES
) -> list[list[OcrLine]]:
    """Return the text lines of each box of ``page``, in page pixels.

    Each box is read on its own, as a page of one Tesseract run over a list of images:
    starting Tesseract and loading the Thai model costs about 0.3 s, which a run per cell
    would pay a hundred times a page. Cells whose reading is in doubt are read once more as
    uniform blocks, and the surer reading stays.
    """
    result = _read_cells(page, boxes, languages, COLUMN_CONFIG)
    doubtful = [index for index, lines in enumerate(result) if _doubtful(lines)]
    rereads = _read_cells(page, [boxes[index] for index in doubtful], languages, _BLOCK_CONFIG)
    for index, reread in zip(doubtful, rereads, strict=True):
        first = result[index]
        # -- a line of stray tone marks makes one line too many; fewer lines, if surer, win --
        if not first or (
            0 < len(reread) < len(first) and mean_confidence(reread) > mean_confidence(first)
        ):
            result[index] = reread
    return result


def _doubtful(lines: Sequence[OcrLine]) -> bool:
    """Tell whether a cell's reading is empty or has a line Tesseract was unsure of.

    Read as one column, a cell may lose a lone short word (a row number in a narrow cell) as
    noise, or read the tone marks of a bold line as a line of their own (``a ow da`` over
    ``รายละเอยดตวชวด``); read as a block, such cells come out right.
    """
    return not lines or any(mean_confidence([line]) < LOW_CONFIDENCE for line in lines)


def _read_cells(
    page: Image, boxes: Sequence[PixelBox], languages: str, config: str
) -> list[list[OcrLine]]:
    """Return the lines of each box, read as the pages of one Tesseract run."""
    if not boxes:
        return []
    with tempfile.TemporaryDirectory(prefix="ita-extract-ocr-") as folder:
        names = []
        for index, box in enumerate(boxes):
            crop = _whitened(page[box.top : box.bottom, box.left : box.right])
            pad = _CELL_PADDING
            padded = cv2.copyMakeBorder(
                _zoomed(crop, _CELL_ZOOM), pad, pad, pad, pad, cv2.BORDER_CONSTANT, value=255
            )
            name = os.path.join(folder, f"cell-{index:04d}.png")
            cv2.imwrite(name, padded)
            names.append(name)
        listing = os.path.join(folder, "cells.txt")
        with open(listing, "w", encoding="utf-8") as file:
            file.write("\n".join(names) + "\n")
        pages = _lines_of_pages(
            _tesseract_data(listing, config, languages), _CELL_ZOOM, _CELL_PADDING
        )
    return [
        [_moved_line(line, box.left, box.top) for line in pages.get(index + 1, [])]
        for index, box in enumerate(boxes)
    ]


def _whitened(crop: Image) -> Image:
    """Return ``crop`` with its paper made white.

    Header cells are often shaded; Tesseract's layout analysis takes a grey box for a
    picture and skips the text in it.
    """
    paper = float(np.percentile(crop, _PAPER_PERCENTILE))
    if paper >= _WHITE:
        return crop
    return as_image(np.clip(crop.astype(np.float32) * (255.0 / max(paper, 1.0)), 0, 255))


def _moved_line(line: OcrLine, right: int, down: int) -> OcrLine:
    return OcrLine(
        tuple(tuple(_moved(word, right, down) for word in token) for token in line.tokens)
    )


def _moved(word: Word, right: int, down: int) -> Word:
    box = word.box
    return Word(
        word.text,
        word.confidence,
        PixelBox(box.left + right, box.top + down, box.right + right, box.bottom + down),
    )


def thai_second_opinion(
    page: Image, regions: Sequence[PixelBox], readings: Sequence[list[OcrLine]]
) -> list[list[OcrLine]]:
    """Return the readings, each replaced by a Thai-only reading where that is surer.

    With ``tha+eng`` Tesseract sometimes reads a whole Thai phrase as English (``ข้อ i๑``
    comes back as ``Vaio``). Regions whose reading holds Latin letters are read again with
    the Thai model alone, and that reading wins only if clearly surer, so a real
    ``E-Service`` or ``EIT`` keeps its English reading. A stray Latin letter standing alone
    (``U 2566`` for ``ปี 2566``) is no English at all: there a fair Thai reading wins.
    """
    doubtful = [
        index
        for index, lines in enumerate(readings)
        if any(_is_latin(word.text) for line in lines for word in line.words)
    ]
    chosen = list(readings)
    if not doubtful:
        return chosen
    rereads = recognise_regions(page, [regions[index] for index in doubtful], THAI_ONLY)
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
