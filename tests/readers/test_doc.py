"""The legacy .doc reader: one real LibreOffice conversion per session, fakes for its failures."""

from __future__ import annotations

import stat
from collections.abc import Callable
from pathlib import Path

import olefile
import pytest

from ita_extract.document import Document
from ita_extract.errors import (
    ConversionTimeoutError,
    CorruptDocumentError,
    EmptyDocumentError,
    EncryptedDocumentError,
    MissingDependencyError,
    UnsupportedFormatError,
)
from ita_extract.readers import read_document
from ita_extract.readers.doc import read_doc
from ita_extract.readers.docx import read_docx
from ita_extract.report import SourceFormat

FIXTURES = Path(__file__).parents[1] / "fixtures"


@pytest.fixture(scope="module")
def legacy_doc() -> bytes:
    """Return report B as LibreOffice saved it in the Word 97-2003 format."""
    return (FIXTURES / "ita-2567-tessaban-b.doc").read_bytes()


def table_content(document: Document) -> list[list[tuple[int, int, int, int, list[str]]]]:
    return [
        [
            (c.row_start, c.row_end, c.col_start, c.col_end, [p.text for p in c.paragraphs])
            for c in table.cells
        ]
        for table in document.tables
    ]


def test_doc_reads_like_the_docx_it_came_from(legacy_doc: bytes) -> None:
    document = read_document(legacy_doc)  # -- the one LibreOffice run of the test session --
    original = read_docx((FIXTURES / "ita-2567-tessaban-b.docx").read_bytes())
    assert document.format is SourceFormat.DOC
    assert document.paragraphs == original.paragraphs
    assert table_content(document) == table_content(original)
    steps = document.tables[-1].rows()[1][3]
    # -- LibreOffice's round trip through .doc splits each restarted list after its first
    # -- item: the reader prints what LibreOffice itself shows for this file (the DOCX shows
    # -- 1. 2. 3.); the texts, and so the records, are the same --
    assert [p.list_label for p in steps.paragraphs] == ["1.", "1.", "2."]


def renamed_stream(data: bytes, old: str, new: str) -> bytes:
    """Return ``data`` with a directory entry of the OLE container renamed in place."""
    old_name = (old + "\0").encode("utf-16-le")
    new_name = (new + "\0").encode("utf-16-le")
    position = data.index(old_name)
    entry = new_name.ljust(64, b"\0") + len(new_name).to_bytes(2, "little")
    return data[:position] + entry + data[position + len(entry) :]


def with_encryption_flag(data: bytes, tmp_path: Path) -> bytes:
    path = tmp_path / "flagged.doc"
    path.write_bytes(data)
    with olefile.OleFileIO(str(path), write_mode=True) as container:
        stream = bytearray(container.openstream("WordDocument").read())
        stream[0x0B] |= 0x01  # -- fEncrypted is bit 8 of the 16-bit flags at offset 0x0A --
        container.write_stream("WordDocument", bytes(stream))
    return path.read_bytes()


@pytest.mark.parametrize(
    ("damage", "error"),
    [
        (
            lambda d, _: renamed_stream(d, "WordDocument", "EncryptedPackage"),
            EncryptedDocumentError,
        ),
        (with_encryption_flag, EncryptedDocumentError),
        (lambda d, _: renamed_stream(d, "WordDocument", "Workbook"), UnsupportedFormatError),
        (lambda d, _: d[:600], CorruptDocumentError),
        (lambda d, _: b"", EmptyDocumentError),
        (lambda d, _: b"%PDF-1.4\n", UnsupportedFormatError),
    ],
)
def test_bad_doc_raises_a_typed_error_before_conversion(
    legacy_doc: bytes,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    damage: Callable[[bytes, Path], bytes],
    error: type[Exception],
) -> None:
    # -- no LibreOffice on PATH: these must fail on the container alone --
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(error):
        read_doc(damage(legacy_doc, tmp_path))


def fake_soffice(folder: Path, script: str) -> None:
    program = folder / "soffice"
    program.write_text(f"#!/bin/sh\n{script}\n")
    program.chmod(program.stat().st_mode | stat.S_IXUSR)


def test_missing_libreoffice_names_the_debian_package(
    legacy_doc: bytes, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(MissingDependencyError, match="libreoffice-writer-nogui"):
        read_doc(legacy_doc)


def test_conversion_past_its_time_limit_is_killed(
    legacy_doc: bytes, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake_soffice(tmp_path, f"echo $$ > {tmp_path / 'pid'}\nexec sleep 30")
    monkeypatch.setenv("PATH", f"{tmp_path}:/usr/bin:/bin")
    with pytest.raises(ConversionTimeoutError):
        read_doc(legacy_doc, timeout=0.5)
    pid = int((tmp_path / "pid").read_text())
    assert not Path(f"/proc/{pid}").exists()


@pytest.mark.parametrize(
    "script", ["exit 1", "exit 0"], ids=["converter fails", "converter writes nothing"]
)
def test_failed_conversion_is_a_corrupt_document(
    legacy_doc: bytes, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, script: str
) -> None:
    fake_soffice(tmp_path, script)
    monkeypatch.setenv("PATH", f"{tmp_path}:/usr/bin:/bin")
    with pytest.raises(CorruptDocumentError):
        read_doc(legacy_doc)
