from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from ita_extract.cli import EXIT_INVALID, EXIT_OK, EXIT_UNREADABLE, main

Writer = Callable[[str, Any], Path]


@pytest.fixture
def write(tmp_path: Path) -> Writer:
    def write_file(name: str, content: Any) -> Path:
        path = tmp_path / name
        text = content if isinstance(content, str) else json.dumps(content, ensure_ascii=False)
        path.write_text(text, encoding="utf-8")
        return path

    return write_file


@pytest.fixture
def with_error(report_data: dict[str, Any]) -> dict[str, Any]:
    broken = copy.deepcopy(report_data)
    broken["overall"]["passed"] = False
    return broken


def run_cli(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> tuple[int, str, str]:
    code = main(["validate", *map(str, argv)])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.mark.parametrize(
    ("files", "exit_code"),
    [
        (["valid"], EXIT_OK),
        (["valid", "valid"], EXIT_OK),
        (["warning_only"], EXIT_OK),
        (["with_error"], EXIT_INVALID),
        (["valid", "with_error"], EXIT_INVALID),
        (["not_json"], EXIT_UNREADABLE),
        (["with_error", "not_json", "valid"], EXIT_UNREADABLE),
    ],
)
def test_exit_codes(
    capsys: pytest.CaptureFixture[str],
    write: Writer,
    report_data: dict[str, Any],
    files: list[str],
    exit_code: int,
) -> None:
    contents: dict[str, Any] = {
        "valid": report_data,
        "warning_only": {**report_data, "signature": {}},
        "with_error": {**report_data, "overall": {**report_data["overall"], "passed": False}},
        "not_json": "{oops",
    }
    paths = [write(f"{index}-{name}.json", contents[name]) for index, name in enumerate(files)]

    code, _, _ = run_cli(capsys, *paths)

    assert code == exit_code


def test_the_table_names_rule_place_and_message(
    capsys: pytest.CaptureFixture[str], write: Writer, with_error: dict[str, Any]
) -> None:
    path = write("ise.json", with_error)

    _, out, _ = run_cli(capsys, path)

    assert f"{path} (fiscal year 2566): 1 error, 0 warnings" in out
    assert "overall.passed_mismatch" in out
    assert "overall.passed" in out
    assert "ระบุว่าไม่ผ่าน" in out
    assert out.rstrip().endswith(
        "1 file: 0 valid, 1 with errors, 0 unreadable; 1 error, 0 warnings in all"
    )


def test_the_table_speaks_english_on_request(
    capsys: pytest.CaptureFixture[str], write: Writer, with_error: dict[str, Any]
) -> None:
    _, out, _ = run_cli(capsys, "--lang", "en", write("ise.json", with_error))

    assert "The report says failed" in out
    assert "ระบุว่าไม่ผ่าน" not in out


def test_an_unreadable_file_is_one_line_on_stderr(
    capsys: pytest.CaptureFixture[str], write: Writer
) -> None:
    path = write("broken.json", "{oops")

    _, out, err = run_cli(capsys, path)

    assert err.startswith(f"ita-extract: {path}: the file is not JSON")
    assert len(err.strip().splitlines()) == 1
    assert "1 unreadable" in out


def test_json_output(
    capsys: pytest.CaptureFixture[str],
    write: Writer,
    report_data: dict[str, Any],
    with_error: dict[str, Any],
) -> None:
    valid = write("valid.json", report_data)
    invalid = write("invalid.json", with_error)
    broken = write("broken.json", "{oops")

    code, out, _ = run_cli(capsys, "--json", valid, invalid, broken)

    document = json.loads(out)
    assert code == EXIT_UNREADABLE
    assert document["summary"] == {
        "files": 3,
        "valid": 1,
        "with_errors": 1,
        "unreadable": 1,
        "errors": 1,
        "warnings": 0,
    }
    first, second, third = document["files"]
    assert first == {
        "file": str(valid),
        "fiscal_year": 2566,
        "valid": True,
        "errors": 0,
        "warnings": 0,
        "findings": [],
    }
    (finding,) = second["findings"]
    assert finding["rule"] == "overall.passed_mismatch"
    assert finding["severity"] == "error"
    assert finding["location"]["path"] == "overall.passed"
    assert finding["message_th"] and finding["message_en"]
    assert third["unreadable"]["reason"] == "invalid_report"


def test_validate_needs_a_file(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["validate"])

    assert code == EXIT_UNREADABLE
    assert "FILE" in capsys.readouterr().err
