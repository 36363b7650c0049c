"""Read one scanned page image into blocks: clean, deskew, tables from ruled lines, then text.

The steps live beside this module: :mod:`.clean` makes the paper white and the page upright
and level, :mod:`.grid` finds the tables, :mod:`.tesseract` reads the
text, :mod:`.marks` checks pixels (bullets, dashes, rows of stray marks), :mod:`.numbers` reads
digits again, :mod:`.repairs` fixes what OCR misreads and :mod:`.paragraphs` groups the lines.
Imported only once :func:`ita_extract.readers.ocr.check_ocr_available` has passed, so the
OpenCV imports here may be plain module imports.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import cv2
import numpy as np
from PIL import Image as PILImage

from ita_extract.document import Block, BoundingBox, Cell, Paragraph, ParagraphKind, Region, Table
from ita_extract.readers.ocr.clean import clean_page
from ita_extract.readers.ocr.grid import (
    GridCell,
    Image,
    PixelBox,
    TableGrid,
    as_image,
    find_table_grids,
    ink_mask,
)
from ita_extract.readers.ocr.marks import (
    has_ink,
    specks,
    with_bullet,
    with_dashes,
    with_letters,
    without_mark_lines,
)
from ita_extract.readers.ocr.numbers import NumberReader
from ita_extract.readers.ocr.paragraphs import (
    cell_paragraphs,
    group_paragraph_lines,
    is_centred,
    text_to_paragraph,
)
from ita_extract.readers.ocr.repairs import repair_text, repair_warning, restore_phrases
from ita_extract.readers.ocr.tesseract import (
    COLUMN_CONFIG,
    LOW_CONFIDENCE,
    Crop,
    OcrLine,
    box_around,
    grown,
    read_crops,
    reread_doubtful,
    thai_second_opinion,
    word_height,
)
from ita_extract.shared import Warning
from ita_extract.warning_codes import WarningCode

_BLANK_INK_SHARE = 0.0005
_NOISE_INK_SHARE = 0.3
"""Print covers a tenth of a page at most; ink over this share is noise or a photograph."""
_UNREADABLE_MEAN_CONFIDENCE = 30
_CELL_INSET = 4
"""Pixels trimmed inside a cell's borders, so that no trace of a ruling reaches Tesseract."""


@dataclass(frozen=True)
class PageResult:
    """The blocks of one page in reading order, and what went wrong reading it."""

    blocks: tuple[Block, ...]
    warnings: tuple[Warning, ...]


def read_page_image(
    image: PILImage.Image,
    page: int,
    phrases: Sequence[str] = (),
    *,
    points_per_pixel: float = 1.0,
) -> PageResult:
    """Return the paragraphs and tables of a scanned page, with OCR warnings.

    ``phrases`` are phrases the document is expected to hold: where OCR lost a tone mark in
    one of them, it is put back (:func:`~ita_extract.readers.ocr.repairs.restore_phrases`).

    A blank page or a page of noise gives no blocks and a warning, never an error. Text
    regions are given in points on the page as scanned (tilt and all): ``points_per_pixel``
    is 72 over the rendering's resolution.

    Raises:
        ConversionTimeoutError: Tesseract ran past its time limit.
    """
    pixels = np.asarray(image if image.mode == "L" else image.convert("RGB"), dtype=np.uint8)
    cleaned = clean_page(pixels)
    level = cleaned.grey
    ink_share = float((ink_mask(level) > 0).mean())
    if ink_share < _BLANK_INK_SHARE:
        return PageResult(
            (), (Warning(code=WarningCode.OCR_BLANK_PAGE, message="blank page", page=page),)
        )
    if ink_share > _NOISE_INK_SHARE:
        return PageResult((), (_unreadable(page, f"{ink_share:.0%} of the page is ink"),))

    grids, rulings = find_table_grids(level)
    # -- erase the rulings (a little wider than found) so they are not read as | or l --
    # -- a light blur evens out scanner grain, which otherwise turns Latin letters to Thai --
    clean = as_image(cv2.GaussianBlur(level, (3, 3), 0))
    clean[cv2.dilate(rulings, np.ones((5, 5), np.uint8)) > 0] = 255
    clean[specks(clean)] = 255
    placement = _Placement(
        pixels.shape[1], pixels.shape[0], cleaned.skew, points_per_pixel, cleaned.turned
    )
    reader = _PageReader(page, phrases, placement)
    body = clean.copy()
    for grid in grids:
        body[grid.box.top : grid.box.bottom, grid.box.left : grid.box.right] = 255
    tables, paragraphs = reader.read(clean, grids, body)
    confidences = reader.confidences
    if confidences and statistics.fmean(confidences) < _UNREADABLE_MEAN_CONFIDENCE:
        mean = statistics.fmean(confidences)
        return PageResult((), (_unreadable(page, f"mean OCR confidence {mean:.0f}"),))
    placed: list[tuple[int, Block]] = [
        *zip((grid.box.top for grid in grids), tables, strict=True),
        *paragraphs,
    ]
    ordered = sorted(placed, key=lambda block: block[0])
    return PageResult(tuple(block for _, block in ordered), tuple(reader.warnings))


def _unreadable(page: int, why: str) -> Warning:
    return Warning(
        code=WarningCode.OCR_UNREADABLE_PAGE, message=f"page image unreadable ({why})", page=page
    )


@dataclass(frozen=True)
class _Placement:
    """How the levelled image's pixels map back onto the page as scanned, in points."""

    width: int
    height: int
    """The page as scanned, in pixels."""
    skew: float
    """The tilt deskewing removed, degrees counter-clockwise."""
    points_per_pixel: float
    turned: int = 0
    """Degrees (a quarter turn's multiple) cleaning turned the page counter-clockwise."""

    def to_points(self, box: PixelBox) -> BoundingBox:
        """Return the page box (points, tilt put back) that covers the levelled ``box``."""
        angle = math.radians(self.skew)
        cos, sin = math.cos(angle), math.sin(angle)
        sideways = self.turned in (90, 270)
        level_width, level_height = (
            (self.height, self.width) if sideways else (self.width, self.height)
        )
        centre_x, centre_y = level_width / 2, level_height / 2
        # -- the inverse of deskewing's rotation: turn the corners back by the tilt --
        corners = [
            self._unturned(
                cos * (x - centre_x) + sin * (y - centre_y) + centre_x,
                -sin * (x - centre_x) + cos * (y - centre_y) + centre_y,
            )
            for x in (box.left, box.right)
            for y in (box.top, box.bottom)
        ]
        scale = self.points_per_pixel
        return (
            min(x for x, _ in corners) * scale,
            min(y for _, y in corners) * scale,
            max(x for x, _ in corners) * scale,
            max(y for _, y in corners) * scale,
        )

    def _unturned(self, x: float, y: float) -> tuple[float, float]:
        """Return the scanned page's point that the turned page's ``(x, y)`` shows.

        A 180-degree turn commutes with deskewing's rotation about the centre, so every turn
        is undone after the tilt.
        """
        if self.turned == 90:
            return self.width - y, x
        if self.turned == 180:
            return self.width - x, self.height - y
        if self.turned == 270:
            return y, self.height - x
        return x, y


class _PageReader:
    """Turn Tesseract words into blocks of one page, collecting warnings as it goes."""

    def __init__(self, page: int, phrases: Sequence[str], placement: _Placement) -> None:
        self.page = page
        self.phrases = phrases
        self.placement = placement
        self.warnings: list[Warning] = []
        self.confidences: list[float] = []
        self.numbers = NumberReader(page, self.warnings)

    def read(
        self, clean: Image, grids: Sequence[TableGrid], body: Image
    ) -> tuple[list[Table], list[tuple[int, Paragraph]]]:
        """Return the page's tables, and its paragraphs outside them with their top pixel row.

        ``body`` is the page with its tables made white. Every Tesseract pass reads all the
        page's parts at once, the text outside the tables and each table cell: one run for
        the first reading, one for the doubtful cells read again as blocks, and two for the
        parts read again with the Thai model alone.
        """
        ink = ink_mask(clean)
        boxes = {cell: _inset(cell.box) for grid in grids for cell in grid.cells}
        inked = [
            cell
            for grid in grids
            for cell in with_letters(
                clean, [cell for cell in grid.cells if has_ink(ink, boxes[cell])], boxes
            )
        ]
        cell_crops = [Crop(clean, boxes[cell]) for cell in inked]
        body_read, *cells_read = read_crops([Crop.whole(body), *cell_crops], COLUMN_CONFIG)
        cells_read = reread_doubtful(cell_crops, cells_read)
        body_lines = with_letters(body, body_read, {line: line.box for line in body_read})
        line_crops = [Crop(body, grown(line.box, body)) for line in body_lines]
        second = thai_second_opinion(
            [*line_crops, *cell_crops], [*([line] for line in body_lines), *cells_read]
        )
        lines_of = dict(zip(inked, second[len(line_crops) :], strict=True))
        tables = [self._table(clean, grid, lines_of, boxes) for grid in grids]
        paragraphs = self._paragraphs(
            body, [line for lines in second[: len(line_crops)] for line in lines]
        )
        return tables, paragraphs

    def _paragraphs(self, body: Image, read: Sequence[OcrLine]) -> list[tuple[int, Paragraph]]:
        """Return the paragraphs of the lines outside tables with their top pixel row."""
        kept = without_mark_lines(read)
        height = word_height(kept)
        lines = [self._reread_line(line, body, height) for line in kept]
        if not lines:
            return []
        text_box = box_around(line.box for line in lines)
        placed: list[tuple[int, Paragraph]] = []
        for group in group_paragraph_lines(lines, text_box):
            kind = (
                ParagraphKind.HEADING
                if len(group) == 1 and is_centred(group[0].box, text_box)
                else ParagraphKind.PARAGRAPH
            )
            placed.append((group[0].box.top, self._paragraph(group, kind)))
        return placed

    def _table(
        self,
        clean: Image,
        grid: TableGrid,
        lines_of: Mapping[GridCell, list[OcrLine]],
        boxes: Mapping[GridCell, PixelBox],
    ) -> Table:
        """Return a ruled table from the lines read in each of its cells."""
        texts = {
            cell: self._reread_cell(lines_of[cell], clean)
            for cell in grid.cells
            if cell in lines_of
        }
        cells = []
        for grid_cell in grid.cells:
            lines = without_mark_lines(texts.get(grid_cell, []))
            box = boxes[grid_cell]
            paragraphs = cell_paragraphs(
                [self._paragraph(group) for group in group_paragraph_lines(lines, box)]
            )
            cells.append(
                Cell(
                    row_start=grid_cell.row_start,
                    row_end=grid_cell.row_end,
                    col_start=grid_cell.col_start,
                    col_end=grid_cell.col_end,
                    paragraphs=paragraphs,
                    page=self.page,
                )
            )
        return Table(
            row_count=grid.row_count, col_count=grid.col_count, cells=tuple(cells), page=self.page
        )

    def _reread_cell(self, lines: Sequence[OcrLine], image: Image) -> list[OcrLine]:
        height = word_height(lines)
        return [self._reread_line(line, image, height) for line in lines]

    def _reread_line(self, line: OcrLine, image: Image, height: int) -> OcrLine:
        """Return ``line`` with its bullet, dashes and numbers read from the image again."""
        marked = with_dashes(with_bullet(line, image, height), image, height)
        return self.numbers.reread(marked, image, height)

    def _paragraph(
        self, lines: Sequence[OcrLine], kind: ParagraphKind = ParagraphKind.PARAGRAPH
    ) -> Paragraph:
        """Return the paragraph of ``lines``: text repaired, label split off, phrases restored."""
        paragraph = text_to_paragraph(
            self._text_of(lines), self.page, kind=kind, regions=self._regions(lines)
        )
        text, repairs = restore_phrases(paragraph.text, self.phrases)
        self._warn_repairs(repairs)
        return paragraph.model_copy(update={"text": text}) if repairs else paragraph

    def _regions(self, lines: Sequence[OcrLine]) -> tuple[Region, ...]:
        """Return where each of ``lines`` stands on the page as scanned, with its text."""
        return tuple(
            Region(page=self.page, bbox=self.placement.to_points(line.box), text=line.text)
            for line in lines
        )

    def _text_of(self, lines: Sequence[OcrLine]) -> str:
        """Return the lines' text joined by newlines, repaired, and warn about unsure words."""
        words = [word for line in lines for word in line.words]
        self.confidences.extend(word.confidence for word in words)
        text = "\n".join(line.text for line in lines)
        unsure = [word for word in words if word.confidence < LOW_CONFIDENCE]
        if unsure:
            listed = ", ".join(f"{word.text!r} ({word.confidence:.0f})" for word in unsure)
            self.warnings.append(
                Warning(
                    code=WarningCode.OCR_LOW_CONFIDENCE,
                    message=f"unsure OCR of {listed} in {_excerpt(text)!r}",
                    page=self.page,
                )
            )
        repaired, repairs = repair_text(text)
        self._warn_repairs(repairs)
        return repaired

    def _warn_repairs(self, repairs: Sequence[tuple[str, str]]) -> None:
        self.warnings.extend(repair_warning(read, fixed, self.page) for read, fixed in repairs)


def _excerpt(text: str, limit: int = 60) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def _inset(box: PixelBox) -> PixelBox:
    return PixelBox(
        box.left + _CELL_INSET,
        box.top + _CELL_INSET,
        box.right - _CELL_INSET,
        box.bottom - _CELL_INSET,
    )
