"""Warnings are visible where people look: parse's stderr line, --strict, validate's output."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
from tests.fixtures.generator import report_b
from tests.fixtures.generator.writer import write_report

from ita_extract.cli import EXIT_INVALID, EXIT_OK, main

FIXTURES = Path(__file__).parents[1] / "fixtures"
CLEAN = FIXTURES / "ita-2567-tessaban-b.docx"
PUA = FIXTURES / "ita-2566-single-table-c-pua.pdf"


@pytest.fixture(scope="module")
def coverless(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Report B without its cover or overall sentence: agency, year and overall are missing."""
    content = report_b.REPORT
    content = dataclasses.replace(
        content, overall=dataclasses.replace(content.overall, sentence="")
    )
    path = tmp_path_factory.mktemp("coverless") / "coverless.docx"
    write_report(content, dataclasses.replace(report_b.STYLE, title_block=False)).save(str(path))
    return path


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_parse_says_nothing_on_stderr_without_warnings(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _run(capsys, "parse", "--strict", str(CLEAN))
    assert code == EXIT_OK
    assert json.loads(out)["warnings"] == []
    assert err == ""


def test_parse_counts_warnings_by_severity_in_one_line(
    capsys: pytest.CaptureFixture[str], coverless: Path
) -> None:
    code, out, err = _run(capsys, "parse", str(coverless))
    assert code == EXIT_OK
    assert len(json.loads(out)["warnings"]) == 3
    assert err == 'ita-extract: 3 warnings: 3 missing; see "warnings" in the JSON\n'


def test_strict_fails_on_missing_or_doubtful_not_on_repaired(
    capsys: pytest.CaptureFixture[str], coverless: Path
) -> None:
    assert _run(capsys, "parse", "--strict", str(coverless))[0] == EXIT_INVALID
    code, _, err = _run(capsys, "parse", "--strict", str(PUA))
    assert code == EXIT_OK
    assert err.startswith("ita-extract: 3 warnings: 3 repaired;")


def test_validate_reports_a_documents_parse_warnings(
    capsys: pytest.CaptureFixture[str], coverless: Path
) -> None:
    _, out, _ = _run(capsys, "validate", "--lang", "en", str(coverless))
    assert "parse warnings: 3 warnings: 3 missing" in out
    assert "missing.agency" in out and "missing.overall" in out
    _, out, _ = _run(capsys, "validate", "--lang", "th", str(coverless))
    assert "คำเตือนจากการอ่านเอกสาร: คำเตือน 3 รายการ: ไม่พบ 3" in out
    severities = {line.split()[0] for line in out.splitlines() if "  missing." in line}
    assert severities == {"ไม่พบ"}
    _, out, _ = _run(capsys, "validate", "--json", str(coverless))
    [entry] = json.loads(out)["files"]
    assert [w["code"] for w in entry["parse_warnings"]] == [
        "missing.agency",
        "missing.fiscal_year",
        "missing.overall",
    ]
