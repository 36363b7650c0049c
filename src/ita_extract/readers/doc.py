"""Read a legacy Word ``.doc`` file by converting it to DOCX with LibreOffice.

Writing a reader for the binary Word format would duplicate what LibreOffice does well; the
converted DOCX then goes through :func:`~ita_extract.readers.docx.read_docx`, so both
formats share one set of rules. Each conversion runs in its own temporary folder with its
own LibreOffice user profile: two conversions sharing a profile block each other, which
matters in batch runs.

The OLE container is inspected first (with ``olefile``): a password-protected Word file is
an OLE container holding an ``EncryptedPackage`` stream (DOCX) or a Word stream with its
encryption flag set (DOC), and LibreOffice would only fail on it after a long start.
"""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import signal
import struct
import subprocess
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

import olefile

from ita_extract.document import Document
from ita_extract.errors import (
    ConversionTimeoutError,
    CorruptDocumentError,
    EncryptedDocumentError,
    MissingDependencyError,
    UnsupportedFormatError,
)
from ita_extract.readers.detect import detect_format
from ita_extract.readers.docx import read_docx
from ita_extract.shared import SourceFormat

__all__ = ["convert_with_libreoffice", "find_libreoffice", "read_doc", "stop_conversions"]

DEFAULT_TIMEOUT = 120.0
"""Seconds one conversion may take; a real report converts in a few seconds."""

_LIBREOFFICE_PACKAGE = "libreoffice-writer-nogui"
_WORD_STREAM = "WordDocument"
_ENCRYPTED_STREAM = "EncryptedPackage"
_FIB_FLAGS_OFFSET = 0x0A
_FIB_ENCRYPTED = 0x0100
"""The ``fEncrypted`` bit of the Word stream's file information block (MS-DOC 2.5.2)."""

_running: dict[int, tuple[subprocess.Popen[bytes], Path]] = {}
"""This process's conversions in progress: LibreOffice's process and its folder, by pid."""
_running_lock = threading.Lock()


def read_doc(data: bytes, *, timeout: float = DEFAULT_TIMEOUT) -> Document:
    """Return the neutral document model of a legacy Word ``.doc`` file's bytes.

    Args:
        data: the file's bytes.
        timeout: seconds the LibreOffice conversion may take before it is killed.

    Raises:
        EmptyDocumentError: the file is empty, or the document holds no text.
        UnsupportedFormatError: the bytes are not a Word file (another format, or an OLE
            file such as an Excel workbook).
        EncryptedDocumentError: the document is password-protected.
        MissingDependencyError: LibreOffice (``soffice``) is not installed.
        ConversionTimeoutError: the conversion ran past ``timeout``.
        CorruptDocumentError: the file is broken, or LibreOffice could not convert it.
    """
    if detect_format(data) is not SourceFormat.DOC:
        raise UnsupportedFormatError("not a legacy Word (.doc) file")
    _check_word_container(data)
    converted = convert_with_libreoffice(data, source_suffix="doc", target="docx", timeout=timeout)
    return read_docx(converted).model_copy(update={"format": SourceFormat.DOC})


def _check_word_container(data: bytes) -> None:
    """Raise unless ``data`` is an OLE container holding an unencrypted Word document."""
    try:
        with olefile.OleFileIO(io.BytesIO(data)) as container:
            encrypted_package = container.exists(_ENCRYPTED_STREAM)
            word_stream = container.exists(_WORD_STREAM)
            header = (
                container.openstream(_WORD_STREAM).read(_FIB_FLAGS_OFFSET + 2)
                if word_stream
                else b""
            )
    except (OSError, ValueError, IndexError, struct.error) as error:
        # -- olefile raises OSError for most damage, the others for a few damaged headers --
        raise CorruptDocumentError(f"broken OLE container (DOC expected): {error}") from error
    if encrypted_package:
        raise EncryptedDocumentError("the Word document is password-protected")
    if not word_stream:
        raise UnsupportedFormatError("an OLE file that is not a Word document")
    flags = int.from_bytes(header[_FIB_FLAGS_OFFSET : _FIB_FLAGS_OFFSET + 2], "little")
    if flags & _FIB_ENCRYPTED:
        raise EncryptedDocumentError("the Word document is password-protected")


def find_libreoffice() -> str | None:
    """Return the path of LibreOffice's ``soffice`` program, or None when it is not on PATH."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_with_libreoffice(
    data: bytes, *, source_suffix: str, target: str, timeout: float = DEFAULT_TIMEOUT
) -> bytes:
    """Return the ``target`` file (``"docx"``, ``"pdf"``) LibreOffice makes of ``data``.

    ``source_suffix`` names the input's format for LibreOffice (``"doc"``, ``"docx"``).

    Raises:
        MissingDependencyError: LibreOffice (``soffice``) is not installed.
        ConversionTimeoutError: the conversion ran past ``timeout`` seconds.
        CorruptDocumentError: LibreOffice could not convert the file.
    """
    soffice = find_libreoffice()
    if soffice is None:
        raise MissingDependencyError(
            f"converting .{source_suffix} files needs LibreOffice: install the Debian package "
            f"{_LIBREOFFICE_PACKAGE} (soffice not found on PATH)"
        )
    with tempfile.TemporaryDirectory(prefix="ita-extract-doc-") as folder:
        work = Path(folder)
        source = work / f"report.{source_suffix}"
        source.write_bytes(data)
        command = [
            soffice,
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--nolockcheck",
            "--convert-to",
            target,
            "--outdir",
            str(work / "out"),
            str(source),
        ]
        # -- a session of its own, so a timeout kills LibreOffice's helper processes too --
        process = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            start_new_session=True,
        )
        with _registered(process, work):
            try:
                _, stderr = process.communicate(timeout=timeout)
            except subprocess.TimeoutExpired as error:
                _kill_session(process)
                process.communicate()
                raise ConversionTimeoutError(
                    f"LibreOffice did not convert the .{source_suffix} file within {timeout:g} s"
                ) from error
        converted = work / "out" / f"report.{target}"
        if process.returncode != 0 or not converted.is_file():
            detail = stderr.decode(errors="replace").strip().splitlines()
            raise CorruptDocumentError(
                f"LibreOffice could not convert the .{source_suffix} file"
                + (f": {detail[-1]}" if detail else "")
            )
        return converted.read_bytes()


def stop_conversions() -> None:
    """Kill every LibreOffice conversion this process runs, and remove its folder.

    A conversion runs in a session of its own, so that its timeout kills LibreOffice's helper
    processes too; that also keeps it running when the process that started it is killed. A
    batch worker stopped from outside (its file's timeout, the memory limit) calls this just
    before it ends, so neither a LibreOffice nor its profile folder outlives it.
    """
    with _running_lock:
        running = list(_running.values())
    for process, folder in running:
        _kill_session(process)
        shutil.rmtree(folder, ignore_errors=True)


@contextlib.contextmanager
def _registered(process: subprocess.Popen[bytes], folder: Path) -> Iterator[None]:
    """List ``process`` among the running conversions while the block runs."""
    with _running_lock:
        _running[process.pid] = (process, folder)
    try:
        yield
    finally:
        with _running_lock:
            del _running[process.pid]


def _kill_session(process: subprocess.Popen[bytes]) -> None:
    """Kill LibreOffice and the helper processes of its session."""
    if not hasattr(os, "killpg"):  # -- Windows: no process groups to kill --
        process.kill()
        return
    with contextlib.suppress(ProcessLookupError):  # -- it may have just ended --
        os.killpg(process.pid, signal.SIGKILL)
