"""Tell a document's format from its structure, not from its file name.

A ZIP or OLE container is judged by its signature at offset 0 and then by what it holds;
only then may a PDF header stand after some leading junk, as PDF readers allow. So a ZIP
that stores PDFs is a ZIP (refused), never the PDF it happens to contain.
"""

from __future__ import annotations

import codecs
import io
import posixpath
import re
import zipfile
import zlib
from xml.etree import ElementTree

from ita_extract.errors import (
    CorruptDocumentError,
    DocumentTooLargeError,
    EmptyDocumentError,
    UnsupportedFormatError,
)
from ita_extract.shared import SourceFormat

_PDF_HEADER = re.compile(rb"%PDF-\d")
_PDF_HEADER_WINDOW = 1024
"""PDF readers (Acrobat, pdf.js, pdfium) find the header anywhere in the first KiB."""
_OLE_MAGIC = bytes.fromhex("d0cf11e0a1b11ae1")
_ZIP_MAGIC = b"PK\x03\x04"

MAX_UNPACKED_BYTES = 256 * 2**20
"""A DOCX whose parts unpack past this (256 MiB) is refused unread: a real report's parts
unpack to a few MiB, python-docx holds every part in memory and lxml needs several times
the XML's size, so a ZIP bomb would otherwise exhaust the machine."""

_CONTENT_TYPES = "[Content_Types].xml"
_PACKAGE_RELATIONSHIPS = "_rels/.rels"
_OFFICE_DOCUMENT = re.compile(r"/relationships/officeDocument$")
_WORD_MAIN_TYPES = frozenset(
    {
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
        "application/vnd.ms-word.document.macroEnabled.main+xml",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
        "application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
    }
)
_OTHER_OFFICE_TYPES = (
    ("spreadsheetml", "an Excel workbook"),
    ("ms-excel", "an Excel workbook"),
    ("presentationml", "a PowerPoint presentation"),
    ("ms-powerpoint", "a PowerPoint presentation"),
)
_NAMES_SHOWN = 3
_ODF_MIMETYPE = "mimetype"
"""The first member of every OpenDocument file (.odt, .ods), naming its type."""


def detect_format(data: bytes, *, max_unpacked_bytes: int = MAX_UNPACKED_BYTES) -> SourceFormat:
    """Return the format of ``data``.

    Raises:
        EmptyDocumentError: ``data`` is empty or only white space.
        UnsupportedFormatError: the bytes are of no format ita_extract reads (a ZIP that is
            not a Word document, an image, plain text…); the message says what they are.
        CorruptDocumentError: the bytes are a ZIP that is broken, or a Word package
            missing the parts that name its main document.
        DocumentTooLargeError: a Word package unpacks past ``max_unpacked_bytes``.
    """
    if not data.strip():
        raise EmptyDocumentError("the file is empty")
    if data.startswith(_OLE_MAGIC):
        return SourceFormat.DOC
    if data.startswith(_ZIP_MAGIC):
        _check_word_package(data, max_unpacked_bytes)
        return SourceFormat.DOCX
    if _PDF_HEADER.search(data, 0, _PDF_HEADER_WINDOW + len(b"%PDF-1")):
        return SourceFormat.PDF
    raise UnsupportedFormatError(f"{_what_it_is(data)}, not a PDF, DOCX or DOC file")


_SIGNATURES = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"{\\rtf", "an RTF document"),
    (b"Rar!", "a RAR archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"\x1f\x8b", "a gzip file"),
)
_HTML_STARTS = (b"<!doctype html", b"<html", b"<?xml", b"<head", b"<body")


def _what_it_is(data: bytes) -> str:
    """Name what ``data`` is instead, so the refusal tells a user what they hold."""
    for signature, name in _SIGNATURES:
        if data.startswith(signature):
            return name
    head = data[:_PDF_HEADER_WINDOW].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(_HTML_STARTS):
        return "an HTML or XML page (a web page saved under a document's name?)"
    try:
        # -- incremental: the window's end may cut a Thai letter's three bytes in two --
        text = codecs.getincrementaldecoder("utf-8")().decode(data[:_PDF_HEADER_WINDOW])
    except UnicodeDecodeError:
        return "unknown binary data"
    return "unknown binary data" if "\x00" in text else "plain text"


def _check_word_package(data: bytes, max_unpacked_bytes: int) -> None:
    """Raise unless ``data`` is an Office package whose main part is a Word document."""
    main_part = content_type = None
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = {info.filename: info for info in archive.infolist()}
            packaged = _CONTENT_TYPES in members and _PACKAGE_RELATIONSHIPS in members
            open_document = (
                archive.read(_ODF_MIMETYPE)[:100].decode(errors="replace")
                if _ODF_MIMETYPE in members
                else None
            )
            if packaged:
                main_part = _main_part(archive.read(_PACKAGE_RELATIONSHIPS))
                content_type = _content_type(archive.read(_CONTENT_TYPES), main_part)
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, ValueError) as error:
        # -- zipfile raises ValueError (a negative seek) and EOFError for some damaged indexes,
        # NotImplementedError for a compression method damaged into an unknown one --
        raise CorruptDocumentError(f"broken ZIP archive (DOCX expected): {error}") from error
    except ElementTree.ParseError as error:
        raise CorruptDocumentError(f"broken XML in the Word package: {error}") from error
    if open_document is not None:
        raise UnsupportedFormatError(f"an OpenDocument file ({open_document}), not a Word document")
    if not packaged:
        if any(name.startswith("word/") for name in members):
            raise CorruptDocumentError(
                f"a damaged Word package: {_CONTENT_TYPES} or {_PACKAGE_RELATIONSHIPS} is missing"
            )
        raise UnsupportedFormatError(f"a ZIP archive, not a Word document{_held(members)}")
    if content_type not in _WORD_MAIN_TYPES:
        kind = next(
            (name for marker, name in _OTHER_OFFICE_TYPES if marker in (content_type or "")),
            "an Office package",
        )
        raise UnsupportedFormatError(f"{kind}, not a Word document")
    if main_part not in members:
        raise CorruptDocumentError(f"the Word package lacks its main part {main_part}")
    unpacked = sum(info.file_size for info in members.values())
    if unpacked > max_unpacked_bytes:
        raise DocumentTooLargeError(
            f"the Word package unpacks to {unpacked / 2**20:.0f} MiB, over the limit of "
            f"{max_unpacked_bytes / 2**20:.0f} MiB (a ZIP bomb, or not a report)"
        )


def _main_part(relationships: bytes) -> str | None:
    """Return the ZIP name of the package's main part, from its ``officeDocument`` relation."""
    for relation in ElementTree.fromstring(relationships):
        if _OFFICE_DOCUMENT.search(relation.get("Type", "")):
            target = relation.get("Target", "")
            return posixpath.normpath(target.lstrip("/"))
    return None


def _content_type(content_types: bytes, part: str | None) -> str | None:
    """Return the content type ``[Content_Types].xml`` gives ``part``: its override, or default."""
    if part is None:
        return None
    overrides: dict[str, str | None] = {}
    defaults: dict[str, str | None] = {}
    for entry in ElementTree.fromstring(content_types):
        if entry.tag.endswith("Override"):
            overrides[entry.get("PartName", "").lstrip("/").lower()] = entry.get("ContentType")
        elif entry.tag.endswith("Default"):
            defaults[entry.get("Extension", "").lower()] = entry.get("ContentType")
    extension = posixpath.splitext(part)[1].lstrip(".").lower()
    # -- OPC part names compare without regard to case --
    return overrides.get(part.lower()) or defaults.get(extension)


def _held(members: dict[str, zipfile.ZipInfo]) -> str:
    """Return `` (it holds a.pdf, b.pdf…)`` naming the archive's first files."""
    names = [name for name in members if not name.endswith("/")]
    if not names:
        return " (it is empty)"
    shown = ", ".join(names[:_NAMES_SHOWN]) + ("…" if len(names) > _NAMES_SHOWN else "")
    return f" (it holds {shown})"
