"""Page pictures for the review: each PDF page rendered by PDFium as a small WebP.

The pictures show the page as printed, in its own fonts, so Thai reads right whatever fonts
the reviewer's machine has. Grey WebP at a screen's width is some 55 KB a page, text or scan
(JPEG is nearly twice that; a PNG of few greys is smaller for print but three times larger
for a scan's grain), so a 30-page report's review is under two megabytes. Every current
browser shows WebP.
"""

from __future__ import annotations

import base64
import io
from dataclasses import dataclass

import pypdfium2 as pdfium

from ita_extract.errors import CorruptDocumentError
from ita_extract.readers.pdf_page import PDFIUM_LOCK

PAGE_WIDTH_PIXELS = 900
"""How wide a page is drawn: the page column of a laptop screen, at one pixel per pixel."""
PICTURE_QUALITY = 60
"""WebP quality: print on white stays crisp at it."""


@dataclass(frozen=True)
class PagePicture:
    """One rendered page: its size in PDF points and its picture as a ``data:`` URI."""

    number: int
    width: float
    height: float
    data_uri: str


def render_pages(pdf: bytes, *, width_pixels: int = PAGE_WIDTH_PIXELS) -> list[PagePicture]:
    """Return a picture of every page of ``pdf``, ``width_pixels`` wide.

    Sizes are the pages as shown (``/Rotate`` applied), which is how evidence boxes measure.

    Raises:
        CorruptDocumentError: PDFium cannot open or render the PDF.
    """
    pictures = []
    with PDFIUM_LOCK:
        try:
            document = pdfium.PdfDocument(pdf)
        except pdfium.PdfiumError as error:
            raise CorruptDocumentError(f"the PDF cannot be read: {error}") from error
        try:
            for index in range(len(document)):
                page = document[index]
                try:
                    width, height = page.get_size()
                    image = page.render(scale=width_pixels / width, grayscale=True).to_pil()
                finally:
                    page.close()
                buffer = io.BytesIO()
                image.convert("L").save(buffer, format="WEBP", quality=PICTURE_QUALITY)
                encoded = base64.b64encode(buffer.getvalue()).decode("ascii")
                pictures.append(
                    PagePicture(index + 1, width, height, f"data:image/webp;base64,{encoded}")
                )
        except pdfium.PdfiumError as error:
            raise CorruptDocumentError(f"a page of the PDF cannot be rendered: {error}") from error
        finally:
            document.close()
    return pictures
