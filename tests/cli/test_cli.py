from __future__ import annotations

import json
import zipfile
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from ita_extract.cli import EXIT_OK, EXIT_UNREADABLE, main


def run_cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_schema_accepts_the_contract_example(
    capsys: pytest.CaptureFixture[str], contract_example: dict[str, Any]
) -> None:
    code, out, _ = run_cli(capsys, "schema")

    schema = json.loads(out)
    assert code == EXIT_OK
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(contract_example, schema)


def test_schema_rejects_a_wrong_item_code(
    capsys: pytest.CaptureFixture[str], contract_example: dict[str, Any]
) -> None:
    _, out, _ = run_cli(capsys, "schema")
    contract_example["items"][0]["code"] = "item 1"

    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(contract_example, json.loads(out))


def _write_zip_without_word_part(path: Path) -> None:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("hello.txt", "not a word document")


@pytest.mark.parametrize(
    ("name", "make", "message"),
    [
        ("empty.pdf", lambda path: path.write_bytes(b""), "empty"),
        ("notes.txt", lambda path: path.write_text("สวัสดี", encoding="utf-8"), "not a PDF"),
        ("archive.docx", _write_zip_without_word_part, "not a Word document"),
        ("broken.docx", lambda path: path.write_bytes(b"PK\x03\x04garbage"), "broken ZIP"),
    ],
)
def test_bad_input_gives_one_line_and_no_traceback(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, name: str, make: Any, message: str
) -> None:
    path = tmp_path / name
    make(path)

    code, out, err = run_cli(capsys, "parse", str(path))

    assert code == EXIT_UNREADABLE
    assert out == ""
    assert err.count("\n") == 1
    assert err.startswith(f"ita-extract: {path}: ")
    assert message in err
    assert "Traceback" not in err


def test_missing_file_gives_one_line(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run_cli(capsys, "parse", str(tmp_path / "absent.pdf"))

    assert code == EXIT_UNREADABLE
    assert err.count("\n") == 1
    assert "no such file" in err


def test_usage_error_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run_cli(capsys, "parse")

    assert code == 2
    assert "usage:" in err
