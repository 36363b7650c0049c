"""Read one PDF page's characters and ruling lines through PDFium, once.

PDFium gives the characters of Thai PDFs correctly where pdfminer (under pdfplumber) garbles
them, and reads a page in a fraction of the time, so every page is read here and nowhere
else. Coordinates are PDF points with the origin at the page's top-left corner (``top``
grows downwards), as pdfplumber has them, so the table finder's geometry fits unchanged.
"""

from __future__ import annotations

import ctypes
import functools
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Literal

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

_PATH_OBJECT = pdfium_c.FPDF_PAGEOBJ_PATH
_IMAGE_OBJECT = pdfium_c.FPDF_PAGEOBJ_IMAGE
_SEGMENT_MOVETO = pdfium_c.FPDF_SEGMENT_MOVETO
_SEGMENT_LINETO = pdfium_c.FPDF_SEGMENT_LINETO

RULE_MAX_THICKNESS = 3.0
"""A filled path thinner than this (points) is a drawn line; a thicker one is shading."""
AXIS_TOLERANCE = 0.5
"""A segment whose ends differ by less than this across its direction is straight."""
WHITE_LEVEL = 250
"""A fill whose red, green and blue are all at least this (of 255) is white paper."""
BOLD_WEIGHT = 600
_MARK_CATEGORIES = frozenset({"Mn", "Co"})
"""Characters written on the one before: combining marks, and private-use glyphs, which
broken Thai fonts use for marks shifted to stack."""
_FONT_NAME_BYTES = 128
_NOT_DRAWN = frozenset("\r\n\x00")
_LINE_END_HYPHENS = frozenset("\x02\ufffe")
"""How PDFium writes a hyphen that ends a line (per character, and in a page's text)."""


@dataclass(frozen=True, slots=True)
class Glyph:
    """A base character with the combining marks written on it, and its box.

    Marks (tone marks, upper and lower vowels) are kept with the character before them, so
    that their own boxes, which sit above or below the line, never decide which line or
    cell they belong to.
    """

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    baseline: float
    size: float
    bold: bool

    @property
    def x_middle(self) -> float:
        """Return the horizontal middle of the glyph's box."""
        return (self.x0 + self.x1) / 2

    @property
    def y_middle(self) -> float:
        """Return a point inside the glyph's body, above the baseline."""
        return self.baseline - self.size / 3


@dataclass(frozen=True, slots=True)
class Edge:
    """A straight ruling line: horizontal (``top == bottom``) or vertical (``x0 == x1``)."""

    orientation: Literal["h", "v"]
    x0: float
    x1: float
    top: float
    bottom: float

    def as_pdfplumber(self) -> dict[str, Any]:
        """Return the edge as the dict pdfplumber's table functions take."""
        return {
            "orientation": self.orientation,
            "object_type": "line",
            "x0": self.x0,
            "x1": self.x1,
            "top": self.top,
            "bottom": self.bottom,
            "width": self.x1 - self.x0,
            "height": self.bottom - self.top,
        }


@dataclass(frozen=True, slots=True)
class PageContent:
    """What one page holds: its glyphs in content order, its ruling lines, its pictures."""

    number: int
    width: float
    height: float
    glyphs: tuple[Glyph, ...]
    edges: tuple[Edge, ...]
    image_count: int

    @property
    def has_text(self) -> bool:
        """Return whether the page has any visible character."""
        return any(not glyph.text.isspace() for glyph in self.glyphs)


def read_page(page: pdfium.PdfPage, number: int) -> PageContent:
    """Return the glyphs, ruling lines and picture count of ``page`` (1-based ``number``)."""
    left, bottom, right, top = page.get_mediabox()
    text_page = page.get_textpage()
    try:
        glyphs = tuple(_read_glyphs(text_page, top))
    finally:
        text_page.close()
    edges: list[Edge] = []
    image_count = 0
    # -- top-level objects only: Word and LibreOffice draw tables straight on the page --
    for page_object in page.get_objects(max_depth=0):
        if page_object.type == _PATH_OBJECT:
            edges.extend(_path_edges(page_object, top))
        elif page_object.type == _IMAGE_OBJECT:
            image_count += 1
    return PageContent(
        number=number,
        width=right - left,
        height=top - bottom,
        glyphs=glyphs,
        edges=tuple(edges),
        image_count=image_count,
    )


def _read_glyphs(text_page: pdfium.PdfTextPage, page_top: float) -> list[Glyph]:
    handle = text_page.raw
    count = text_page.count_chars()
    text = text_page.get_text_range(0, count) if count > 0 else ""
    if len(text) != count:  # -- a character outside the BMP shifts the text against indices --
        text = "".join(chr(pdfium_c.FPDFText_GetUnicode(handle, i)) for i in range(count))
    box = pdfium_c.FS_RECTF()
    origin_x, origin_y = ctypes.c_double(), ctypes.c_double()
    font_name = ctypes.create_string_buffer(_FONT_NAME_BYTES)
    font_flags = ctypes.c_int()
    glyphs: list[Glyph] = []
    chars: list[str] = []
    base: tuple[float, float, float, float, float, float, bool] = (0, 0, 0, 0, 0, 0, False)
    for index, char in enumerate(text):
        # -- PDFium invents spaces and line breaks from positions; lines are rebuilt later --
        if char in _NOT_DRAWN or (char == " " and pdfium_c.FPDFText_IsGenerated(handle, index)):
            continue
        if char in _LINE_END_HYPHENS:
            char = "-"
        if chars and unicodedata.category(char) in _MARK_CATEGORIES:
            chars.append(char)
            continue
        if chars:
            glyphs.append(Glyph("".join(chars), *base))
        pdfium_c.FPDFText_GetLooseCharBox(handle, index, box)
        pdfium_c.FPDFText_GetCharOrigin(handle, index, origin_x, origin_y)
        chars = [char]
        base = (
            box.left,
            box.right,
            page_top - box.top,
            page_top - box.bottom,
            page_top - origin_y.value,
            pdfium_c.FPDFText_GetFontSize(handle, index),
            _is_bold(handle, index, font_name, font_flags),
        )
    if chars:
        glyphs.append(Glyph("".join(chars), *base))
    return glyphs


def _is_bold(
    handle: Any, index: int, font_name: ctypes.Array[ctypes.c_char], font_flags: ctypes.c_int
) -> bool:
    if pdfium_c.FPDFText_GetFontWeight(handle, index) >= BOLD_WEIGHT:
        return True
    # -- embedded subset fonts often report weight 400 whatever they are; the name tells --
    pdfium_c.FPDFText_GetFontInfo(handle, index, font_name, _FONT_NAME_BYTES, font_flags)
    return _is_bold_name(font_name.value)


@functools.cache
def _is_bold_name(name: bytes) -> bool:
    lowered = name.lower()
    return b"bold" in lowered or b"black" in lowered or b"heavy" in lowered


def _path_edges(path: pdfium.PdfObject, page_top: float) -> list[Edge]:
    """Return the straight lines a path draws.

    That is its stroked segments; a thin filled bar is one line; a shaded box (a header
    row's background) is its four sides, which part it from the rows below just as a
    border would. White fills paint over things and draw nothing.
    """
    fill_mode, stroked = ctypes.c_int(), ctypes.c_int()
    pdfium_c.FPDFPath_GetDrawMode(path.raw, fill_mode, stroked)
    if stroked.value:
        return list(_stroked_segments(path, page_top))
    if not fill_mode.value:
        return []  # -- an invisible path (a clip) draws nothing --
    left, bottom, right, top = path.get_bounds()
    if right - left <= RULE_MAX_THICKNESS < top - bottom:
        middle = (left + right) / 2
        return [Edge("v", middle, middle, page_top - top, page_top - bottom)]
    if top - bottom <= RULE_MAX_THICKNESS < right - left:
        middle = page_top - (top + bottom) / 2
        return [Edge("h", left, right, middle, middle)]
    if _is_white(path) or min(right - left, top - bottom) <= RULE_MAX_THICKNESS:
        return []
    upper, lower = page_top - top, page_top - bottom
    return [
        Edge("h", left, right, upper, upper),
        Edge("h", left, right, lower, lower),
        Edge("v", left, left, upper, lower),
        Edge("v", right, right, upper, lower),
    ]


def _is_white(path: pdfium.PdfObject) -> bool:
    red, green, blue, alpha = (ctypes.c_uint() for _ in range(4))
    pdfium_c.FPDFPageObj_GetFillColor(path.raw, red, green, blue, alpha)
    return alpha.value == 0 or min(red.value, green.value, blue.value) >= WHITE_LEVEL


def _stroked_segments(path: pdfium.PdfObject, page_top: float) -> Iterator[Edge]:
    a, b, c, d, e, f = path.get_matrix().get()
    x, y = ctypes.c_float(), ctypes.c_float()
    start: tuple[float, float] | None = None
    current: tuple[float, float] | None = None
    for index in range(pdfium_c.FPDFPath_CountSegments(path.raw)):
        segment = pdfium_c.FPDFPath_GetPathSegment(path.raw, index)
        pdfium_c.FPDFPathSegment_GetPoint(segment, x, y)
        point = (a * x.value + c * y.value + e, page_top - (b * x.value + d * y.value + f))
        kind = pdfium_c.FPDFPathSegment_GetType(segment)
        if kind == _SEGMENT_MOVETO:
            start = current = point
            continue
        if kind == _SEGMENT_LINETO and current is not None:
            edge = _straight_edge(current, point)
            if edge is not None:
                yield edge
        current = point
        if pdfium_c.FPDFPathSegment_GetClose(segment) and start is not None:
            edge = _straight_edge(point, start)
            if edge is not None:
                yield edge
            current = start


def _straight_edge(first: tuple[float, float], second: tuple[float, float]) -> Edge | None:
    (x_first, y_first), (x_second, y_second) = first, second
    if abs(y_first - y_second) < AXIS_TOLERANCE and abs(x_first - x_second) >= AXIS_TOLERANCE:
        return Edge("h", min(x_first, x_second), max(x_first, x_second), y_first, y_first)
    if abs(x_first - x_second) < AXIS_TOLERANCE and abs(y_first - y_second) >= AXIS_TOLERANCE:
        return Edge("v", x_first, x_first, min(y_first, y_second), max(y_first, y_second))
    return None
