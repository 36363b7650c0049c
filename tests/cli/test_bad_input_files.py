"""Every kind of bad input named by the reader issues: a typed error, one line, no traceback."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

import ita_extract
from ita_extract.cli import EXIT_UNREADABLE, main
from ita_extract.errors import (
    CorruptDocumentError,
    EmptyDocumentError,
    EncryptedDocumentError,
    ItaExtractError,
    NotAnITAReportError,
    NoTextLayerError,
    UnsupportedFormatError,
)

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def fixture(relative: str) -> Callable[[], bytes]:
    return lambda: (FIXTURES / relative).read_bytes()


def truncated(relative: str, keep: int) -> Callable[[], bytes]:
    return lambda: (FIXTURES / relative).read_bytes()[:keep]


def zip_of_text() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "ไม่ใช่เอกสาร Word")
    return buffer.getvalue()


CASES = [
    ("corrupted.docx", truncated("ita-2566-obt-a.docx", 4000), CorruptDocumentError),
    ("not-word.docx", zip_of_text, UnsupportedFormatError),
    ("empty.docx", lambda: b"", EmptyDocumentError),
    ("unrelated.docx", fixture("unrelated/unrelated.docx"), NotAnITAReportError),
    ("encrypted.pdf", fixture("pdf-reader/encrypted.pdf"), EncryptedDocumentError),
    ("truncated.pdf", truncated("ita-2566-obt-a.pdf", 30_000), CorruptDocumentError),
    ("scan.pdf", fixture("pdf-reader/image-only.pdf"), NoTextLayerError),
    ("unrelated.pdf", fixture("unrelated/unrelated.pdf"), NotAnITAReportError),
]


@pytest.mark.parametrize(("name", "make", "error"), CASES, ids=[case[0] for case in CASES])
def test_library_raises_the_typed_error(
    name: str, make: Callable[[], bytes], error: type[ItaExtractError]
) -> None:
    with pytest.raises(error):
        ita_extract.parse(make(), ocr="never")


@pytest.mark.parametrize(("name", "make", "error"), CASES, ids=[case[0] for case in CASES])
def test_command_line_prints_one_line(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    name: str,
    make: Callable[[], bytes],
    error: type[ItaExtractError],
) -> None:
    path = tmp_path / name
    path.write_bytes(make())

    code = main(["parse", str(path), "--ocr", "never"])

    captured = capsys.readouterr()
    assert code == EXIT_UNREADABLE
    assert captured.out == ""
    assert captured.err.startswith(f"ita-extract: {path}: ")
    assert captured.err.count("\n") == 1
    assert "Traceback" not in captured.err
