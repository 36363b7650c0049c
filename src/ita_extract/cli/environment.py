"""What ``ita-extract --version`` prints: the versions and programs a bug report needs.

A report read differently on two machines is most often a different pdfplumber or pdfium,
or a missing LibreOffice or Thai Tesseract model; one command says which.
"""

from __future__ import annotations

import platform
from importlib import metadata

from ita_extract import __version__
from ita_extract.errors import MissingDependencyError

READER_DISTRIBUTIONS = (
    "pdfplumber",
    "pypdfium2",
    "python-docx",
    "olefile",
    "pythainlp",
    "pydantic",
    "pytesseract",
    "opencv-python-headless",
    "pyarrow",
    "dask",
)
"""The Python distributions the readers, OCR and the batch outputs rest on."""


def describe_environment() -> list[str]:
    """Return the lines of ``--version``: ita-extract, Python, libraries, external programs."""
    lines = [f"ita-extract {__version__}", f"Python {platform.python_version()}"]
    lines += [f"{name} {_version_of(name)}" for name in READER_DISTRIBUTIONS]
    lines += [f"LibreOffice (for .doc): {_libreoffice()}", f"Tesseract Thai (OCR): {_tesseract()}"]
    return lines


def _version_of(distribution: str) -> str:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return "not installed"


def _libreoffice() -> str:
    from ita_extract.readers.doc import find_libreoffice

    soffice = find_libreoffice()
    return f"found ({soffice})" if soffice else "not found"


def _tesseract() -> str:
    from ita_extract.readers.ocr import check_ocr_available

    try:
        check_ocr_available()
    except MissingDependencyError as error:
        return f"not found ({error})"
    import pytesseract

    return f"found (tesseract {pytesseract.get_tesseract_version()})"
