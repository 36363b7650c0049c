from __future__ import annotations

import io
import zipfile

import pytest

from ita_extract.errors import (
    CorruptDocumentError,
    EmptyDocumentError,
    ItaExtractError,
    UnsupportedFormatError,
)
from ita_extract.readers import detect_format
from ita_extract.report import SourceFormat


def zip_bytes(*names: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in names:
            archive.writestr(name, "<x/>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", SourceFormat.PDF),
        (b"\x00\x00junk before the header %PDF-1.4\n", SourceFormat.PDF),
        (bytes.fromhex("d0cf11e0a1b11ae1") + b"\x00" * 64, SourceFormat.DOC),
        (zip_bytes("[Content_Types].xml", "word/document.xml"), SourceFormat.DOCX),
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
    ],
)
def test_unreadable_input_raises_a_typed_error(data: bytes, error: type[ItaExtractError]) -> None:
    with pytest.raises(error):
        detect_format(data)


def test_typed_errors_also_narrow_the_builtin() -> None:
    with pytest.raises(ValueError):
        detect_format(b"")
