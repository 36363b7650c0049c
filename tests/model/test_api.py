from __future__ import annotations

import io
from pathlib import Path

import pytest

import ita_extract
from ita_extract.errors import CorruptDocumentError, DocumentTooLargeError, EmptyDocumentError


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
    with pytest.raises(CorruptDocumentError, match="cannot read"):
        ita_extract.parse(tmp_path)
