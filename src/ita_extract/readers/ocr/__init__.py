"""OCR of scanned PDF pages into the neutral document model.

The PDF reader calls :func:`ocr_pages` for pages without a usable text layer (or for every
page with ``ocr="always"``). This module stays light: OpenCV and pytesseract are imported
only after :func:`check_ocr_available` has said they are there, so a machine without them
gets a :class:`MissingDependencyError` naming what to install rather than an ImportError.
"""

from __future__ import annotations

import importlib
import logging
import os
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import pypdfium2 as pdfium

from ita_extract.document import Block
from ita_extract.errors import CorruptDocumentError, MissingDependencyError
from ita_extract.shared import Warning

_log = logging.getLogger(__name__)

if TYPE_CHECKING:
    from PIL import Image as PILImage

    from ita_extract.readers.ocr.page import PageResult

DPI = 200
"""Render resolution. Published scans are 150–300 dpi; rendering finer than the scan only
interpolates, and in trials 300 dpi read Thai digits no better than 200 at twice the cost."""
TESSERACT_PACKAGES = "tesseract-ocr tesseract-ocr-tha"
"""The Debian packages that provide Tesseract and its Thai model."""
PIP_EXTRA = "ita-extract[ocr]"
_PYTHON_MODULES = ("cv2", "numpy", "pytesseract")


@dataclass(frozen=True)
class OcrPages:
    """What OCR made of some pages of a PDF.

    ``blocks`` maps each requested 1-based page number to its paragraphs and tables in
    reading order (an empty list for a blank or unreadable page); ``warnings`` lists what
    OCR was unsure of or repaired, each with its page.
    """

    blocks: dict[int, list[Block]] = field(default_factory=dict)
    warnings: list[Warning] = field(default_factory=list)


def check_ocr_available() -> None:
    """Check that Tesseract with its Thai model and the Python OCR packages are installed.

    Raises:
        MissingDependencyError: naming the pip extra or the Debian package to install.
    """
    for module in _PYTHON_MODULES:
        try:
            importlib.import_module(module)
        except ImportError as error:
            raise MissingDependencyError(
                f"OCR of scanned pages needs the Python package {module!r}: "
                f"pip install '{PIP_EXTRA}'"
            ) from error
    import pytesseract

    try:
        languages = pytesseract.get_languages(config="")
    except (pytesseract.TesseractNotFoundError, OSError) as error:
        command = pytesseract.pytesseract.tesseract_cmd
        raise MissingDependencyError(
            f"OCR of scanned pages needs the tesseract program with its Thai model "
            f"(cannot run {command!r}): apt-get install {TESSERACT_PACKAGES}"
        ) from error
    if "tha" not in languages:
        raise MissingDependencyError(
            "OCR of scanned pages needs Tesseract's Thai model: apt-get install tesseract-ocr-tha"
        )


def ocr_pages(
    pdf: bytes, page_numbers: Sequence[int], *, jobs: int = 1, known_phrases: Sequence[str] = ()
) -> OcrPages:
    """Return the blocks OCR finds on the given 1-based pages of ``pdf``, and its warnings.

    ``known_phrases`` are phrases the document is expected to hold: where OCR lost a tone
    mark in one of them, it is put back, with an ``ocr.repaired`` warning.

    With ``jobs`` above 1, pages are read in that many worker processes: Tesseract uses
    one core per page, and pdfium may not be shared between threads.

    Raises:
        MissingDependencyError: Tesseract, its Thai model, or a Python OCR package is missing.
        CorruptDocumentError: pdfium cannot open ``pdf`` or render one of its pages.
        ConversionTimeoutError: Tesseract ran past its time limit on a page.
        IndexError: a page number is outside the document.
    """
    check_ocr_available()
    pages = list(page_numbers)
    phrases = tuple(known_phrases)
    page_count = _page_count(pdf)
    for page in pages:
        if not 1 <= page <= page_count:
            raise IndexError(f"page {page} is outside the document's pages 1..{page_count}")
    # -- OCR takes seconds a page: say so, or a command line seems to hang (see cli.main) --
    _log.info("reading %d scanned page(s) with OCR, a few seconds each", len(pages))
    results: list[PageResult] = []
    if jobs > 1 and len(pages) > 1:
        workers = min(jobs, len(pages))
        with ProcessPoolExecutor(
            max_workers=workers, initializer=_start_worker, initargs=(pdf, phrases)
        ) as pool:
            for result in pool.map(_ocr_worker_page, pages):
                results.append(result)
                _log.info("OCR page %d of %d read", len(results), len(pages))
    else:
        with _tesseract_threads_limited():
            for page in pages:
                results.append(ocr_pdf_page(pdf, page, phrases))
                _log.info("OCR page %d of %d read", len(results), len(pages))
    return OcrPages(
        blocks={page: list(result.blocks) for page, result in zip(pages, results, strict=True)},
        warnings=[warning for result in results for warning in result.warnings],
    )


@contextmanager
def _tesseract_threads_limited() -> Iterator[None]:
    """Run Tesseract on one thread while the block runs, then restore the caller's setting.

    Tesseract's own OpenMP threads cost more than they give on a page's small cell images:
    on a 2-core machine one thread read the scanned fixtures three times faster.
    """
    before = os.environ.get("OMP_THREAD_LIMIT")
    os.environ["OMP_THREAD_LIMIT"] = "1"
    try:
        yield
    finally:
        if before is None:
            del os.environ["OMP_THREAD_LIMIT"]
        else:
            os.environ["OMP_THREAD_LIMIT"] = before


_worker_document: tuple[bytes, tuple[str, ...]] = (b"", ())
"""In a worker process: the PDF and the known phrases, given once when it starts."""


def _start_worker(pdf: bytes, phrases: tuple[str, ...]) -> None:
    """Start a worker process: Tesseract on one thread, and the document held for every page.

    The pages already use every core. Each page's task then sends only its number: a 300-dpi
    scan is megabytes, which a task per page would copy to a worker again and again.
    """
    global _worker_document
    os.environ["OMP_THREAD_LIMIT"] = "1"
    _worker_document = (pdf, phrases)


def _ocr_worker_page(page: int) -> PageResult:
    pdf, phrases = _worker_document
    return ocr_pdf_page(pdf, page, phrases)


def ocr_pdf_page(pdf: bytes, page: int, phrases: Sequence[str] = ()) -> PageResult:
    """Render one 1-based page of ``pdf`` and return what OCR reads on it.

    Opens the document itself, so that worker processes need nothing but the bytes.

    Raises:
        CorruptDocumentError: pdfium cannot open or render the page.
        ConversionTimeoutError: Tesseract ran past its time limit.
    """
    from ita_extract.readers.ocr.page import read_page_image

    return read_page_image(render_page(pdf, page), page, phrases, points_per_pixel=72 / DPI)


def render_page(pdf: bytes, page: int) -> PILImage.Image:
    """Return the 1-based ``page`` of ``pdf`` as OCR reads it: at :data:`DPI`, in colour.

    Colour, because blue and red ink are told from print by their colour (see ``.clean``).

    Raises:
        CorruptDocumentError: pdfium cannot open or render the page.
    """
    try:
        document = pdfium.PdfDocument(pdf)
        try:
            image: PILImage.Image = document[page - 1].render(scale=DPI / 72).to_pil()
            return image
        finally:
            document.close()
    except pdfium.PdfiumError as error:
        raise CorruptDocumentError(f"cannot render page {page} for OCR: {error}") from error


def _page_count(pdf: bytes) -> int:
    try:
        document = pdfium.PdfDocument(pdf)
    except pdfium.PdfiumError as error:
        raise CorruptDocumentError(f"cannot open the PDF for OCR: {error}") from error
    try:
        return len(document)
    finally:
        document.close()
