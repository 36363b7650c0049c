"""The library's front door: :func:`parse` turns a file into a :class:`Report`."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import BinaryIO

from ita_extract.errors import (
    DocumentTooLargeError,
    InputIsAFolderError,
    InputNotFoundError,
    ResourceLimitError,
    UnreadableInputError,
)
from ita_extract.readers import OcrMode as OcrMode
from ita_extract.readers import read_document
from ita_extract.recognize.known_phrases import known_phrases
from ita_extract.records import build_report
from ita_extract.report import Report, Source

ReportSource = str | os.PathLike[str] | bytes | BinaryIO

DEFAULT_MAX_BYTES = 100 * 1024 * 1024
"""Refuse files larger than this (100 MiB): real reports are a few MiB at most."""


def parse(
    source: ReportSource,
    *,
    keep_thai_digits: bool = False,
    ocr: OcrMode = "auto",
    max_bytes: int = DEFAULT_MAX_BYTES,
    jobs: int = 1,
    evidence: bool = True,
) -> Report:
    """Read an ITA analysis report and return it as a validated :class:`Report`.

    Args:
        source: a path, the file's bytes, or a binary file object. The format (PDF, DOCX,
            DOC) is told from the content, not the name.
        keep_thai_digits: keep Thai digits in free text; by default they become Arabic.
            Numbers (scores, years) are always numbers.
        ocr: ``"auto"`` runs OCR on pages without a usable text layer, ``"always"`` on every
            page, ``"never"`` on none.
        max_bytes: refuse larger inputs with :class:`DocumentTooLargeError`.
        jobs: worker processes OCR may use to read a scan's pages in parallel.
        evidence: give every record its ``evidence`` (where on which page it was read, and
            the text there); False leaves it out, for lean batch output.

    Raises:
        InputNotFoundError: the path names nothing (also a ``FileNotFoundError``).
        InputIsAFolderError: the path is a folder (also an ``IsADirectoryError``).
        ResourceLimitError: reading ran out of memory (also a ``MemoryError``).
        ItaExtractError: another subclass saying what was wrong with the input
            (``UnsupportedFormatError``, ``CorruptDocumentError``, ``EmptyDocumentError``,
            ``EncryptedDocumentError``, ``DocumentTooLargeError``, ``NotAnITAReportError``…).
    """
    data, file_name = read_source(source, max_bytes)
    try:
        document = read_document(data, ocr=ocr, jobs=jobs, known_phrases=known_phrases())
        report = build_report(document, keep_thai_digits=keep_thai_digits, evidence=evidence)
    except MemoryError as error:
        raise ResourceLimitError("reading the document ran out of memory") from error
    except RecursionError as error:
        raise ResourceLimitError("the document nests too deeply to be read") from error
    report.source = Source(
        file=file_name,
        sha256=hashlib.sha256(data).hexdigest(),
        format=document.format,
        pages=document.page_count,
        ocr=document.ocr,
    )
    return report


def read_source(source: ReportSource, max_bytes: int) -> tuple[bytes, str | None]:
    """Return the bytes of ``source`` and its file name, where it has one."""
    if isinstance(source, bytes):
        data, name = source, None
    elif isinstance(source, str | os.PathLike):
        path = Path(source)
        _check_size(_size_of(path), max_bytes)
        data, name = read_path(path), path.name
    else:
        data = source.read(max_bytes + 1)
        raw_name = getattr(source, "name", None)
        name = Path(raw_name).name if isinstance(raw_name, str) else None
    _check_size(len(data), max_bytes)
    return data, name


def read_path(path: Path) -> bytes:
    """Return the bytes of the file at ``path``, an OS failure turned into the typed error.

    Raises:
        InputNotFoundError: nothing is at ``path``.
        InputIsAFolderError: ``path`` is a folder.
        UnreadableInputError: the system refuses the read (permissions, I/O error).
    """
    try:
        return path.read_bytes()
    except OSError as error:
        raise _input_error(path, error) from error


def _size_of(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError as error:
        raise _input_error(path, error) from error


def _input_error(path: Path, error: OSError) -> OSError:
    typed: OSError
    if isinstance(error, FileNotFoundError):
        typed = InputNotFoundError(f"no such file: {path}")
    elif isinstance(error, IsADirectoryError) or path.is_dir():
        typed = InputIsAFolderError(f"a folder, not a file: {path}")
    else:
        typed = UnreadableInputError(f"cannot read {path}: {error.strerror}")
    # -- the errno only: with a file name set, str() would print the OS's wording instead --
    typed.errno = error.errno
    return typed


def _check_size(size: int, max_bytes: int) -> None:
    if size > max_bytes:
        raise DocumentTooLargeError(
            f"the file is {size / 2**20:.1f} MiB, over the limit of {max_bytes / 2**20:.0f} MiB"
        )
