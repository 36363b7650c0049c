"""A mixed archive through the command line: every good report converted, every bad one listed."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pytest
from batch_inputs import BAD_INPUTS, GOOD_REPORTS, SMALL_FILE_LIMIT, build_archive

from ita_extract.cli import EXIT_INVALID, EXIT_UNREADABLE, main

TABLES = (
    "reports",
    "indicators",
    "items",
    "recommendations",
    "topics",
    "action_plan",
    "limitations",
    "warnings",
)


@pytest.fixture(scope="module")
def converted(tmp_path_factory: pytest.TempPathFactory) -> tuple[int, Path]:
    """Run ``ita-extract batch`` once over the mixed archive; return its exit code and OUT_DIR."""
    root = tmp_path_factory.mktemp("mixed")
    archive, out_dir = build_archive(root / "archive"), root / "out"
    code = main(
        [
            "batch",
            str(archive),
            "-o",
            str(out_dir),
            "--jobs",
            "2",
            "--max-file-size",
            str(SMALL_FILE_LIMIT / 2**20),
            "--timeout",
            "120",
            "--progress",
            "none",
        ]
    )
    return code, out_dir


def jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_exit_code_says_some_failed(converted: tuple[int, Path]) -> None:
    code, _ = converted
    assert code == EXIT_INVALID


@pytest.mark.parametrize(
    ("name", "status", "reason"), [(n, s, r) for n, (_, s, r) in BAD_INPUTS.items()]
)
def test_every_bad_input_is_listed_with_its_reason(
    converted: tuple[int, Path], name: str, status: str, reason: str
) -> None:
    _, out_dir = converted
    rows = [row for row in jsonl(out_dir / "failures.jsonl") if row["file"] == name]

    assert [(row["status"], row["reason"]) for row in rows] == [(status, reason)]
    assert rows[0]["message"]


@pytest.mark.parametrize("name", GOOD_REPORTS)
def test_every_good_report_is_converted(converted: tuple[int, Path], name: str) -> None:
    _, out_dir = converted
    reports = [row for row in jsonl(out_dir / "reports.jsonl") if row["source"]["file"] == name]

    assert len(reports) == 1
    stem = Path(name).stem
    record = out_dir / "reports" / f"{stem}-{reports[0]['source']['sha256'][:12]}.json"
    assert json.loads(record.read_text(encoding="utf-8")) == reports[0]
    with (out_dir / "reports.csv").open(encoding="utf-8-sig", newline="") as table:
        rows = [row for row in csv.DictReader(table) if row["file"] == name]
    assert [row["agency"] for row in rows] == [reports[0]["agency"]["name"]]


def test_summary_counts_every_input_once(converted: tuple[int, Path]) -> None:
    _, out_dir = converted
    summary = json.loads((out_dir / "summary.json").read_text(encoding="utf-8"))
    failed = [spec for spec in BAD_INPUTS.values() if spec[1] == "failed"]
    skipped = [spec for spec in BAD_INPUTS.values() if spec[1] == "skipped"]

    assert summary["inputs"] == len(BAD_INPUTS) + len(GOOD_REPORTS)
    assert (summary["converted"], summary["failed"], summary["skipped"]) == (
        len(GOOD_REPORTS),
        len(failed),
        len(skipped),
    )
    assert sum(summary["failures_by_reason"].values()) == len(failed)
    assert summary["skipped_by_reason"] == {"unsupported_format": len(skipped)}


@pytest.mark.parametrize("table", TABLES)
def test_tables_have_a_header_and_the_report_columns(
    converted: tuple[int, Path], table: str
) -> None:
    _, out_dir = converted
    with (out_dir / f"{table}.csv").open(encoding="utf-8-sig", newline="") as stream:
        header = next(csv.reader(stream))

    assert header[:5] == ["source_path", "source_sha256", "agency", "province", "fiscal_year"]
    assert (out_dir / f"{table}.parquet").is_file()


def test_an_input_that_names_nothing_is_a_usage_error(tmp_path: Path) -> None:
    code = main(["batch", str(tmp_path / "no-such-*.pdf"), "-o", str(tmp_path / "out")])

    assert code == EXIT_UNREADABLE


def test_a_folder_without_any_document_exits_2(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "notes.txt").write_text("not a report", encoding="utf-8")

    code = main(["batch", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "--progress", "none"])

    assert code == EXIT_UNREADABLE
    assert json.loads((tmp_path / "out" / "summary.json").read_text())["skipped"] == 1
