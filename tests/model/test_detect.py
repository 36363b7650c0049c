from __future__ import annotations

import io
import zipfile

import pytest

from ita_extract.errors import (
    CorruptDocumentError,
    DocumentTooLargeError,
    EmptyDocumentError,
    ItaExtractError,
    UnsupportedFormatError,
)
from ita_extract.readers import detect_format
from ita_extract.report import SourceFormat


def zip_bytes(*names: str, stored: dict[str, bytes] | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in names:
            archive.writestr(name, "<x/>")
        for name, data in (stored or {}).items():
            archive.writestr(name, data, compress_type=zipfile.ZIP_STORED)
    return buffer.getvalue()


WORD_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
EXCEL_MAIN = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
OFFICE_DOCUMENT = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
)


def office_package(
    main_part: str, content_type: str, *, with_main: bool = True, main_xml: bytes = b"<w:document/>"
) -> bytes:
    """An Office package as Office writes one: content types, relationships, the main part."""
    types = (
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        f'<Override PartName="/{main_part}" ContentType="{content_type}"/></Types>'
    )
    relationships = (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{OFFICE_DOCUMENT}" Target="{main_part}"/>'
        "</Relationships>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", types)
        archive.writestr("_rels/.rels", relationships)
        if with_main:
            archive.writestr(main_part, main_xml)
    return buffer.getvalue()


PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", SourceFormat.PDF),
        (b"\x00\x00junk before the header %PDF-1.4\n", SourceFormat.PDF),
        (bytes.fromhex("d0cf11e0a1b11ae1") + b"\x00" * 64, SourceFormat.DOC),
        (office_package("word/document.xml", WORD_MAIN), SourceFormat.DOCX),
        # -- the main part is whatever the package relationship names, not a fixed path --
        (office_package("word/document2.xml", WORD_MAIN), SourceFormat.DOCX),
    ],
)
def test_format_is_told_from_content(data: bytes, expected: SourceFormat) -> None:
    assert detect_format(data) is expected


@pytest.mark.parametrize(
    ("data", "error"),
    [
        (b"", EmptyDocumentError),
        (b"  \n\t ", EmptyDocumentError),
        ("รายงาน".encode(), UnsupportedFormatError),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 16, UnsupportedFormatError),
        (zip_bytes("xl/workbook.xml"), UnsupportedFormatError),
        (b"PK\x03\x04 truncated", CorruptDocumentError),
        (office_package("xl/workbook.xml", EXCEL_MAIN), UnsupportedFormatError),
        (office_package("word/document.xml", WORD_MAIN, with_main=False), CorruptDocumentError),
        (zip_bytes("word/document.xml"), CorruptDocumentError),
    ],
)
def test_unreadable_input_raises_a_typed_error(data: bytes, error: type[ItaExtractError]) -> None:
    with pytest.raises(error):
        detect_format(data)


def test_typed_errors_also_narrow_the_builtin() -> None:
    with pytest.raises(ValueError):
        detect_format(b"")


def test_a_zip_that_stores_pdfs_is_a_zip_not_its_first_pdf() -> None:
    archive = zip_bytes(stored={"a.pdf": PDF, "b.pdf": PDF})
    assert b"%PDF-" in archive[:1024]

    with pytest.raises(UnsupportedFormatError, match=r"ZIP archive.*a\.pdf, b\.pdf"):
        detect_format(archive)


def test_an_office_package_that_is_not_word_is_named() -> None:
    with pytest.raises(UnsupportedFormatError, match="Excel workbook"):
        detect_format(office_package("xl/workbook.xml", EXCEL_MAIN))


def test_a_pdf_header_after_the_first_kib_is_no_pdf() -> None:
    with pytest.raises(UnsupportedFormatError):
        detect_format(b"<html>" + b" " * 1100 + PDF)


def test_a_zip_bomb_is_refused_before_it_is_unpacked() -> None:
    bomb = office_package("word/document.xml", WORD_MAIN, main_xml=b"\0" * 8 * 2**20)
    assert len(bomb) < 2**20

    with pytest.raises(DocumentTooLargeError, match="unpacks to 8 MiB"):
        detect_format(bomb, max_unpacked_bytes=4 * 2**20)


@pytest.mark.parametrize(
    ("data", "named"),
    [
        (b"\x89PNG\r\n\x1a\n" + bytes(16), "a PNG image"),
        (b"<!DOCTYPE html><html><body>404 Not Found</body></html>", "an HTML or XML page"),
        ("รายงานผลการประเมิน ".encode() * 100, "plain text"),
        (b"{\\rtf1\\ansi hello}", "an RTF document"),
        (bytes(range(1, 256)) * 4, "unknown binary data"),
        (zip_bytes("mimetype", "content.xml"), "an OpenDocument file"),
    ],
)
def test_a_refusal_names_what_the_file_is(data: bytes, named: str) -> None:
    with pytest.raises(UnsupportedFormatError, match=named):
        detect_format(data)
