from __future__ import annotations

import errno
import io
from pathlib import Path

import pytest

import ita_extract
from ita_extract import api, errors
from ita_extract.errors import DocumentTooLargeError, EmptyDocumentError, ResourceLimitError


@pytest.mark.parametrize("kind", ["path", "str", "bytes", "file"])
def test_every_source_kind_reaches_the_readers(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "empty.pdf"
    path.write_bytes(b"")
    source = {
        "path": path,
        "str": str(path),
        "bytes": b"",
        "file": io.BytesIO(b""),
    }[kind]

    with pytest.raises(EmptyDocumentError):
        ita_extract.parse(source)


@pytest.mark.parametrize("as_path", [True, False])
def test_oversized_input_is_refused_before_reading(tmp_path: Path, as_path: bool) -> None:
    path = tmp_path / "big.pdf"
    path.write_bytes(b"%PDF-1.4\n" + b"0" * 2048)

    with pytest.raises(DocumentTooLargeError, match="over the limit"):
        ita_extract.parse(path if as_path else path.open("rb"), max_bytes=1024)


def test_a_folder_is_refused_with_a_typed_error(tmp_path: Path) -> None:
    with pytest.raises(IsADirectoryError, match="a folder") as raised:
        ita_extract.parse(tmp_path)

    assert isinstance(raised.value, ita_extract.ItaExtractError)


def test_a_missing_file_is_a_file_not_found_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="no such file") as raised:
        ita_extract.parse(tmp_path / "nope.pdf")

    assert isinstance(raised.value, ita_extract.ItaExtractError)
    assert raised.value.errno == errno.ENOENT


def test_running_out_of_memory_is_a_typed_error(monkeypatch: pytest.MonkeyPatch) -> None:
    def exhausted(*_: object, **__: object) -> None:
        raise MemoryError

    monkeypatch.setattr(api, "read_document", exhausted)

    with pytest.raises(ResourceLimitError, match="out of memory") as raised:
        ita_extract.parse(b"%PDF-1.4\n")

    assert isinstance(raised.value, MemoryError)


BUILTINS = (
    ValueError,
    OSError,
    FileNotFoundError,
    IsADirectoryError,
    MemoryError,
    RuntimeError,
    TimeoutError,
)


@pytest.mark.parametrize(
    "error_class",
    [
        value
        for value in vars(errors).values()
        if isinstance(value, type) and issubclass(value, errors.ItaExtractError)
    ],
)
def test_every_error_class_names_the_builtin_it_also_is(error_class: type) -> None:
    builtins = [base for base in error_class.__mro__[1:] if base in BUILTINS]
    narrowest = builtins[0] if builtins else Exception

    assert f"``{narrowest.__name__}``" in (error_class.__doc__ or "")
