"""Format readers: each turns one file format into the neutral :class:`Document` model.

Every format quirk (merged cells, automatic numbering, PDF glyph maps, OCR) is handled here
and nowhere after.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from ita_extract.document import Document
from ita_extract.readers.detect import detect_format
from ita_extract.shared import SourceFormat

__all__ = ["OcrMode", "detect_format", "read_document"]

OcrMode = Literal["auto", "always", "never"]
"""When OCR reads a PDF's pages: those without a usable text layer, every page, or none."""


def read_document(
    data: bytes,
    *,
    ocr: OcrMode = "auto",
    jobs: int = 1,
    known_phrases: Sequence[str] = (),
) -> Document:
    """Return the neutral document model of ``data``, whatever its format.

    ``jobs`` is the number of worker processes OCR may use for a scan's pages;
    ``known_phrases``, phrases the document is expected to hold, in which OCR puts back the
    tone marks it lost (text from a text layer is never changed).

    Raises:
        ItaExtractError: a subclass naming what is wrong with the input.
    """
    file_format = detect_format(data)
    # -- readers are imported on use: a DOCX run need not load pdfium, nor a PDF run lxml --
    if file_format is SourceFormat.DOCX:
        from ita_extract.readers.docx import read_docx

        return read_docx(data)
    if file_format is SourceFormat.DOC:
        from ita_extract.readers.doc import read_doc

        return read_doc(data)
    from ita_extract.readers.pdf import read_pdf

    return read_pdf(data, ocr=ocr, jobs=jobs, known_phrases=known_phrases)
