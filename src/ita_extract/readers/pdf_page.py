"""Read one PDF page's characters and ruling lines through PDFium, once.

PDFium gives the characters of Thai PDFs correctly where pdfminer (under pdfplumber) garbles
them, and reads a page in a fraction of the time, so every page is read here and nowhere
else. Coordinates are PDF points with the origin at the page's top-left corner (``top``
grows downwards), as pdfplumber has them, so the table finder's geometry fits unchanged.
"""

from __future__ import annotations

import ctypes
import functools
import threading
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Literal

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

PDFIUM_LOCK = threading.RLock()
"""Held while PDFium works: it is not thread-safe, so threads calling the readers take turns.
Every module of ita_extract that calls PDFium (rendering for OCR too) should hold it."""

_PATH_OBJECT = pdfium_c.FPDF_PAGEOBJ_PATH
_IMAGE_OBJECT = pdfium_c.FPDF_PAGEOBJ_IMAGE
_FORM_OBJECT = pdfium_c.FPDF_PAGEOBJ_FORM
_FORM_COUNT = pdfium_c.FPDFFormObj_CountObjects
_FORM_GET = pdfium_c.FPDFFormObj_GetObject
_INVISIBLE = pdfium_c.FPDF_TEXTRENDERMODE_INVISIBLE
HIDDEN_TEXT_SAMPLE = 16
"""How many characters of a page are looked at to tell whether its text is drawn invisible."""
MAX_FORM_DEPTH = 8
"""Forms nested deeper than this are not looked into (real pages nest one or two)."""

Matrix = tuple[float, float, float, float, float, float]
_IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
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
class _View:
    """Map PDF user-space points onto the page as it is shown.

    The origin is the shown page's top-left corner and ``/Rotate`` is applied (clockwise),
    so a rotated page reads like an upright one.
    """

    left: float
    top: float
    width: float
    height: float
    rotation: int

    def point(self, x: float, y: float) -> tuple[float, float]:
        """Return the shown position of user-space point (``x``, ``y``)."""
        across, down = x - self.left, self.top - y
        if self.rotation == 90:
            return self.height - down, across
        if self.rotation == 180:
            return self.width - across, self.height - down
        if self.rotation == 270:
            return down, self.width - across
        return across, down

    def box(self, left: float, bottom: float, right: float, top: float) -> PointBox:
        """Return the shown box (x0, top, x1, bottom) of a user-space rectangle."""
        x_first, y_first = self.point(left, bottom)
        x_second, y_second = self.point(right, top)
        return (
            min(x_first, x_second),
            min(y_first, y_second),
            max(x_first, x_second),
            max(y_first, y_second),
        )

    @property
    def size(self) -> tuple[float, float]:
        """Return the shown page's width and height."""
        if self.rotation in (90, 270):
            return self.height, self.width
        return self.width, self.height


PointBox = tuple[float, float, float, float]
"""x0, top, x1, bottom in points from the shown page's top-left corner."""


@dataclass(frozen=True, slots=True)
class PageContent:
    """What one page holds: its glyphs in content order, its ruling lines, its pictures."""

    number: int
    width: float
    height: float
    glyphs: tuple[Glyph, ...]
    edges: tuple[Edge, ...]
    picture_share: float
    """The share of the page its largest picture covers (0 without pictures)."""
    hidden_text: bool
    """Whether the page's text is drawn invisible, as an OCR program lays it over a scan."""

    @property
    def has_text(self) -> bool:
        """Return whether the page has any visible character."""
        return any(not glyph.text.isspace() for glyph in self.glyphs)


def read_page(page: pdfium.PdfPage, number: int) -> PageContent:
    """Return the glyphs, ruling lines and pictures of ``page`` (1-based ``number``)."""
    left, bottom, right, top = page.get_mediabox()
    view = _View(left, top, right - left, top - bottom, page.get_rotation() % 360)
    text_page = page.get_textpage()
    try:
        glyphs = tuple(_read_glyphs(text_page, view))
        hidden_text = _text_is_hidden(text_page)
    finally:
        text_page.close()
    edges, pictures = _drawing(page, view)
    width, height = view.size
    largest = max(((x1 - x0) * (y1 - y0) for x0, y0, x1, y1 in pictures), default=0.0)
    return PageContent(
        number=number,
        width=width,
        height=height,
        glyphs=glyphs,
        edges=tuple(edges),
        picture_share=min(1.0, largest / (width * height)) if width and height else 0.0,
        hidden_text=hidden_text,
    )


def _text_is_hidden(text_page: pdfium.PdfTextPage) -> bool:
    """Return whether most of a sample of the page's characters are drawn invisible."""
    handle = text_page.raw
    count = text_page.count_chars()
    sample = range(0, count, max(1, count // HIDDEN_TEXT_SAMPLE))
    modes = [
        pdfium_c.FPDFTextObj_GetTextRenderMode(text_object)
        for index in sample
        if (text_object := pdfium_c.FPDFText_GetTextObject(handle, index))
    ]
    hidden = sum(1 for mode in modes if mode == _INVISIBLE)
    return bool(modes) and 2 * hidden > len(modes)


def _read_glyphs(text_page: pdfium.PdfTextPage, view: _View) -> list[Glyph]:
    handle = text_page.raw
    count = text_page.count_chars()
    text = text_page.get_text_range(0, count) if count > 0 else ""
    if len(text) != count:  # -- a character outside the BMP shifts the text against indices --
        text = "".join(chr(pdfium_c.FPDFText_GetUnicode(handle, i)) for i in range(count))
    box = pdfium_c.FS_RECTF()
    origin_x, origin_y = ctypes.c_double(), ctypes.c_double()
    font_name = ctypes.create_string_buffer(_FONT_NAME_BYTES)
    font_flags = ctypes.c_int()
    upright = view.rotation == 0
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
        if upright:  # -- the common case, without the general mapping's calls --
            x0, x1 = box.left - view.left, box.right - view.left
            top, bottom = view.top - box.top, view.top - box.bottom
            baseline = view.top - origin_y.value
        else:
            x0, top, x1, bottom = view.box(box.left, box.bottom, box.right, box.top)
            baseline = view.point(origin_x.value, origin_y.value)[1]
        base = (
            x0,
            x1,
            top,
            bottom,
            baseline,
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


def _drawing(page: pdfium.PdfPage, view: _View) -> tuple[list[Edge], list[PointBox]]:
    """Return the ruling lines and the boxes of the pictures on ``page``.

    Objects inside form XObjects count too (PDF tools that stamp or merge pages wrap the
    original page in one), placed through every enclosing form's matrix.
    """
    edges: list[Edge] = []
    pictures: list[PointBox] = []
    pending: list[tuple[Any, Any, Any, Matrix, int]] = [
        (page.raw, pdfium_c.FPDFPage_CountObjects, pdfium_c.FPDFPage_GetObject, _IDENTITY, 0)
    ]
    while pending:
        parent, count, get, outer, depth = pending.pop()
        for index in range(count(parent)):
            handle = get(parent, index)
            kind = pdfium_c.FPDFPageObj_GetType(handle)
            if kind == _PATH_OBJECT:
                edges.extend(_path_edges(handle, _compose(_matrix(handle), outer), view))
            elif kind == _IMAGE_OBJECT:
                pictures.append(_picture_box(handle, outer, view))
            elif kind == _FORM_OBJECT and depth < MAX_FORM_DEPTH:
                inner = _compose(_matrix(handle), outer)
                form = (handle, _FORM_COUNT, _FORM_GET, inner, depth + 1)
                pending.append(form)
    return edges, pictures


def _picture_box(handle: Any, outer: Matrix, view: _View) -> PointBox:
    """Return the shown box of a picture (its bounds are in its container's space)."""
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    pdfium_c.FPDFPageObj_GetBounds(handle, left, bottom, right, top)
    a, b, c, d, e, f = outer
    corners = [
        view.point(a * x + c * y + e, b * x + d * y + f)
        for x in (left.value, right.value)
        for y in (bottom.value, top.value)
    ]
    xs, ys = [x for x, _ in corners], [y for _, y in corners]
    return min(xs), min(ys), max(xs), max(ys)


def _matrix(handle: Any) -> Matrix:
    matrix = pdfium_c.FS_MATRIX()
    pdfium_c.FPDFPageObj_GetMatrix(handle, matrix)
    return matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f


def _compose(inner: Matrix, outer: Matrix) -> Matrix:
    """Return the matrix that applies ``inner``, then ``outer``."""
    a, b, c, d, e, f = inner
    oa, ob, oc, od, oe, of = outer
    return (
        a * oa + b * oc,
        a * ob + b * od,
        c * oa + d * oc,
        c * ob + d * od,
        e * oa + f * oc + oe,
        e * ob + f * od + of,
    )


def _path_edges(handle: Any, matrix: Matrix, view: _View) -> list[Edge]:
    """Return the straight lines a path draws.

    That is its stroked segments; a thin filled bar is one line; a shaded box (a header
    row's background) is its four sides, which part it from the rows below just as a
    border would. White fills paint over things and draw nothing.
    """
    fill_mode, stroked = ctypes.c_int(), ctypes.c_int()
    pdfium_c.FPDFPath_GetDrawMode(handle, fill_mode, stroked)
    if not (stroked.value or fill_mode.value):
        return []  # -- an invisible path (a clip) draws nothing --
    segments = list(_segments(handle, matrix, view))
    if stroked.value:
        return [
            edge
            for first, second in segments
            if (edge := _straight_edge(first, second)) is not None
        ]
    points = [point for segment in segments for point in segment]  # -- a filled shape's box --
    if not points:
        return []
    left, right = min(x for x, _ in points), max(x for x, _ in points)
    upper, lower = min(y for _, y in points), max(y for _, y in points)
    if right - left <= RULE_MAX_THICKNESS < lower - upper:
        middle = (left + right) / 2
        return [Edge("v", middle, middle, upper, lower)]
    if lower - upper <= RULE_MAX_THICKNESS < right - left:
        middle = (upper + lower) / 2
        return [Edge("h", left, right, middle, middle)]
    if _is_white(handle) or min(right - left, lower - upper) <= RULE_MAX_THICKNESS:
        return []
    return [
        Edge("h", left, right, upper, upper),
        Edge("h", left, right, lower, lower),
        Edge("v", left, left, upper, lower),
        Edge("v", right, right, upper, lower),
    ]


def _is_white(handle: Any) -> bool:
    red, green, blue, alpha = (ctypes.c_uint() for _ in range(4))
    pdfium_c.FPDFPageObj_GetFillColor(handle, red, green, blue, alpha)
    return alpha.value == 0 or min(red.value, green.value, blue.value) >= WHITE_LEVEL


Point = tuple[float, float]


def _segments(handle: Any, matrix: Matrix, view: _View) -> Iterator[tuple[Point, Point]]:
    """Yield the path's straight pieces as pairs of shown points; curves yield none."""
    a, b, c, d, e, f = matrix
    x, y = ctypes.c_float(), ctypes.c_float()
    start: Point | None = None
    current: Point | None = None
    for index in range(pdfium_c.FPDFPath_CountSegments(handle)):
        segment = pdfium_c.FPDFPath_GetPathSegment(handle, index)
        pdfium_c.FPDFPathSegment_GetPoint(segment, x, y)
        point = view.point(a * x.value + c * y.value + e, b * x.value + d * y.value + f)
        kind = pdfium_c.FPDFPathSegment_GetType(segment)
        if kind == _SEGMENT_MOVETO:
            start = current = point
            continue
        if kind == _SEGMENT_LINETO and current is not None:
            yield current, point
        current = point
        if pdfium_c.FPDFPathSegment_GetClose(segment) and start is not None:
            yield point, start
            current = start


def _straight_edge(first: tuple[float, float], second: tuple[float, float]) -> Edge | None:
    (x_first, y_first), (x_second, y_second) = first, second
    if abs(y_first - y_second) < AXIS_TOLERANCE and abs(x_first - x_second) >= AXIS_TOLERANCE:
        return Edge("h", min(x_first, x_second), max(x_first, x_second), y_first, y_first)
    if abs(x_first - x_second) < AXIS_TOLERANCE and abs(y_first - y_second) >= AXIS_TOLERANCE:
        return Edge("v", x_first, x_first, min(y_first, y_second), max(y_first, y_second))
    return None
