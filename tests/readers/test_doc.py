"""The legacy .doc reader: one real LibreOffice conversion per module, fakes for its failures."""

from __future__ import annotations

import stat
import subprocess
from collections.abc import Callable
from pathlib import Path

import docx
import olefile
import pytest

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
from ita_extract.report import SourceFormat


@pytest.fixture(scope="module")
def legacy_doc(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """Return a .doc that LibreOffice made from a small DOCX with a merged cell and a list."""
    folder = tmp_path_factory.mktemp("legacy")
    document = docx.Document()
    document.add_paragraph("รายงานการวิเคราะห์ผลการประเมิน")
    document.add_paragraph("จัดทำคู่มือ", style="List Number")
    document.add_paragraph("เผยแพร่", style="List Number")
    grid = document.add_table(rows=2, cols=2)
    grid.cell(0, 0).text = "IIT"
    grid.cell(0, 1).text = "๙๗.๖๑"
    grid.cell(1, 1).text = "๑๐๐"
    grid.cell(0, 0).merge(grid.cell(1, 0))
    # -- LibreOffice drops a table that ends the document when it writes .doc --
    document.add_paragraph("ท้ายเอกสาร")
    source = folder / "report.docx"
    document.save(str(source))
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={(folder / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "doc",
            "--outdir",
            str(folder),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return (folder / "report.doc").read_bytes()


def test_doc_reads_like_the_docx_it_came_from(legacy_doc: bytes) -> None:
    document = read_document(legacy_doc)
    assert document.format is SourceFormat.DOC
    assert [(p.list_label, p.text) for p in document.paragraphs] == [
        (None, "รายงานการวิเคราะห์ผลการประเมิน"),
        ("1.", "จัดทำคู่มือ"),
        ("2.", "เผยแพร่"),
        (None, "ท้ายเอกสาร"),
    ]
    (table,) = document.tables
    assert [(c.row_start, c.row_end, c.col_start, c.col_end, c.text) for c in table.cells] == [
        (0, 2, 0, 1, "IIT"),
        (0, 1, 1, 2, "๙๗.๖๑"),
        (1, 2, 1, 2, "๑๐๐"),
    ]


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
