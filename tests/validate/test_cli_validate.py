from __future__ import annotations

import copy
import io
import json
import re
import sys
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

    assert f"{path} (ปีงบประมาณ 2566): ข้อผิดพลาด 1 รายการ คำเตือน 0 รายการ" in out
    assert "overall.passed_mismatch" in out
    assert "overall.passed" in out
    assert "ผลการประเมินภาพรวม" in out
    assert "ระบุว่าไม่ผ่าน" in out
    assert out.rstrip().endswith(
        "1 รายงาน: ถูกต้อง 0, มีข้อผิดพลาด 1, อ่านไม่ได้ 0; รวมข้อผิดพลาด 1 รายการ คำเตือน 0 รายการ"
    )


def test_the_table_speaks_english_on_request(
    capsys: pytest.CaptureFixture[str], write: Writer, with_error: dict[str, Any]
) -> None:
    _, out, _ = run_cli(capsys, "--lang", "en", write("ise.json", with_error))

    assert "The report says failed" in out
    assert "overall result" in out
    assert "ระบุว่าไม่ผ่าน" not in out
    assert out.rstrip().endswith(
        "1 file: 0 valid, 1 with errors, 0 unreadable; 1 error, 0 warnings in all"
    )


def test_an_unreadable_file_is_one_line_on_stderr(
    capsys: pytest.CaptureFixture[str], write: Writer
) -> None:
    path = write("broken.json", "{oops")

    _, out, err = run_cli(capsys, path)

    assert err.startswith(f"ita-extract: {path}: the file is not JSON")
    assert len(err.strip().splitlines()) == 1
    assert "อ่านไม่ได้ 1" in out


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
        "parse_warnings": [
            {
                "code": "text.foreign_script",
                "message": "foreign script",
                "page": 7,
                "severity": "doubtful",
            }
        ],
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
    assert "INPUT" in capsys.readouterr().err


def test_schema_messages_in_thai_hold_no_english_and_no_regex(
    capsys: pytest.CaptureFixture[str], write: Writer, report_data: dict[str, Any]
) -> None:
    report_data["items"][0]["code"] = "item 1"
    report_data["indicators"][0]["score"] = "ninety"
    report_data["bogus"] = 1

    _, out, _ = run_cli(capsys, write("ise.json", report_data))

    schema_lines = [line for line in out.splitlines() if "schema.invalid" in line]
    assert len(schema_lines) == 3
    for line in schema_lines:
        message = line.split("ข้อมูลที่ ", 1)[1]
        words = [word for word in re.findall(r"[A-Za-z]{3,}", message) if word not in ALLOWED]
        assert words == [], line
        assert "^" not in message and "$" not in message
    assert any("รหัสข้อ เช่น i1" in line for line in schema_lines)


ALLOWED = {"bogus", "item", "items", "code", "indicators", "score", "ninety"}
"""Field names and the values quoted from the file: what the message must name."""


def test_folders_globs_and_json_lines(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    report_data: dict[str, Any],
    with_error: dict[str, Any],
) -> None:
    folder = tmp_path / "submitted"
    (folder / "deeper").mkdir(parents=True)
    (folder / "a.json").write_text(json.dumps(report_data), encoding="utf-8")
    (folder / "deeper" / "b.json").write_text(json.dumps(with_error), encoding="utf-8")
    (folder / "notes.txt").write_text("not a report", encoding="utf-8")
    lines = tmp_path / "reports.jsonl"
    lines.write_text(json.dumps(report_data) + "\n" + json.dumps(with_error) + "\n")
    monkeypatch.chdir(tmp_path)

    code, out, _ = run_cli(capsys, "--json", "submitted", "submitted/*.json", "reports.jsonl")

    files = [entry["file"] for entry in json.loads(out)["files"]]
    assert files == [
        "submitted/a.json",
        "submitted/deeper/b.json",
        "submitted/a.json",
        "reports.jsonl:1",
        "reports.jsonl:2",
    ]
    assert code == EXIT_INVALID


def test_dash_reads_json_lines_from_standard_input(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    report_data: dict[str, Any],
    with_error: dict[str, Any],
) -> None:
    text = json.dumps(report_data) + "\n" + json.dumps(with_error) + "\n"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text.encode())))

    code, out, _ = run_cli(capsys, "--json", "-")

    entries = json.loads(out)["files"]
    assert [(entry["file"], entry["valid"]) for entry in entries] == [
        ("<stdin>:1", True),
        ("<stdin>:2", False),
    ]
    assert code == EXIT_INVALID


def test_an_input_naming_nothing_is_unreadable(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, _, err = run_cli(capsys, tmp_path / "none-*.json")

    assert code == EXIT_UNREADABLE
    assert "no such file or folder" in err
