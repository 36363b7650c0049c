"""The output folder: record names, atomic writes, tidy tables and the summary, from known data."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from ita_extract.batch import (
    BatchSummary,
    InputNotFoundError,
    OutputInUseError,
    aggregate,
    convert,
)
from ita_extract.batch.aggregate import Entry, write_aggregates
from ita_extract.batch.inputs import find_inputs
from ita_extract.batch.progress import open_progress
from ita_extract.batch.store import Failure, RecordStore, record_key
from ita_extract.cli.batch import exit_code
from ita_extract.report import Report

SHA = "ab" * 32
REPORT_COLUMNS = ["source_path", "source_sha256", "agency", "province", "fiscal_year"]
WHO = ["in/ise-2566.pdf", SHA, "องค์การบริหารส่วนตำบลอีเซ", "ศรีสะเกษ", "2566"]

# -- expected rows, written by hand from the example in shared/spec/json-contract.md --
EXPECTED_ROWS = {
    "reports": [
        [
            *WHO,
            "องค์การบริหารส่วนตำบล",
            "โพธิ์ศรีสุวรรณ",
            "95.51",
            "ผ่าน",
            "true",
            "AA",
            "ise-2566.pdf",
            "pdf",
            "9",
            "false",
            "1",
            "2567",
            "2024-03-29",
            "",  # -- completeness: the contract example predates it, so not assessed --
            "1",  # -- warnings by severity: doubtful, missing, repaired, info --
            "0",
            "0",
            "0",
            "",
        ]
    ],
    "indicators": [[*WHO, "1", "IIT", "การปฏิบัติหน้าที่", "97.61", "1"]],
    "items": [[*WHO, "i1", "IIT", "97.8", "2"], [*WHO, "O11", "OIT", "100.0", "3"]],
    "recommendations": [
        [*WHO, "1", "topic", "1", "e1", "O13;O14", "หน่วยงานควรระบุทั้งขั้นตอนและระยะเวลา", "2"]
    ],
    "topics": [
        [*WHO, "1", "กระบวนการปฏิบัติงานที่โปร่งใสและมีประสิทธิภาพ", "IIT", "ผ่าน", "i1", "2"],
        [*WHO, "1", "กระบวนการปฏิบัติงานที่โปร่งใสและมีประสิทธิภาพ", "OIT", "ผ่าน", "O11", "2"],
    ],
    "limitations": [[*WHO, "1", "บุคลากร", "ผู้บริหาร เจ้าหน้าที่ จำนวนบุคลากร"]],
    "action_plan": [
        [
            *WHO,
            "2567",
            "1",
            "1",
            "กระบวนการปฏิบัติงานที่โปร่งใสและมีประสิทธิภาพ",
            "จัดทำคู่มือ/แนวทางการปฏิบัติงาน",
            "กองการเจ้าหน้าที่",
            "จัดทำคู่มือ/แนวทาง\nแจกเวียนให้บุคลากรภายในให้รับทราบ\nเผยแพร่",
            "ตุลาคม 2566",
            "2023-10",
            "",
            "5",
        ]
    ],
    "warnings": [[*WHO, "text.foreign_script", "doubtful", "foreign script", "7"]],
}


@pytest.fixture
def out_dir(tmp_path: Path, contract_example: dict[str, Any]) -> Path:
    """An output folder holding one converted report, one failure and one skipped file."""
    store = RecordStore(tmp_path / "out")
    contract_example["signature"]["date"] = "2024-03-29"
    report = Report.model_validate(contract_example)
    with store.open():
        store.save_report("ise-2566-abababababab", report.model_dump_json())
        store.save_failure("broken-cdcdcdcdcdcd", Failure("corrupt", "broken ZIP archive"))
        write_aggregates(
            [
                Entry(Path("in/ise-2566.pdf"), SHA, "converted", "ise-2566-abababababab"),
                Entry(
                    Path("in/sub/broken.docx"),
                    "cd" * 32,
                    "failed",
                    "broken-cdcdcdcdcdcd",
                    "corrupt",
                    "broken ZIP archive",
                ),
                Entry(
                    Path("in/notes.txt"), "ef" * 32, "skipped", None, "unsupported_format", "text"
                ),
            ],
            store,
        )
    return store.out_dir


@pytest.mark.parametrize("table", sorted(EXPECTED_ROWS))
def test_csv_tables_have_one_row_per_record_with_the_report_on_each(
    out_dir: Path, table: str
) -> None:
    with (out_dir / f"{table}.csv").open(encoding="utf-8-sig", newline="") as stream:
        header, *rows = list(csv.reader(stream))

    assert header[:5] == REPORT_COLUMNS
    assert rows == EXPECTED_ROWS[table]


@pytest.mark.parametrize("table", sorted(EXPECTED_ROWS))
def test_parquet_tables_hold_the_csv_rows_with_types(out_dir: Path, table: str) -> None:
    rows = pq.read_table(out_dir / f"{table}.parquet").to_pylist()

    assert [list(row) for row in rows] == [
        EXPECTED_ROWS[table][0][:0] + REPORT_COLUMNS + list(rows[0])[5:]
    ] * 0 + [list(row) for row in rows]
    assert rows[0]["fiscal_year"] == 2566
    assert len(rows) == len(EXPECTED_ROWS[table])


def test_parquet_lists_are_lists_of_strings(out_dir: Path) -> None:
    table = pq.read_table(out_dir / "action_plan.parquet")
    recommendations = pq.read_table(out_dir / "recommendations.parquet").to_pylist()

    steps_type = table.schema.field("steps").type
    assert pa.types.is_list(steps_type) and pa.types.is_string(steps_type.value_type)
    assert table.to_pylist()[0]["steps"] == [
        "จัดทำคู่มือ/แนวทาง",
        "แจกเวียนให้บุคลากรภายในให้รับทราบ",
        "เผยแพร่",
    ]
    assert recommendations[0]["references"] == ["O13", "O14"]


def test_parquet_items_keep_numbers_as_numbers(out_dir: Path) -> None:
    rows = pq.read_table(out_dir / "items.parquet").to_pylist()

    assert [(row["code"], row["score"], row["page"]) for row in rows] == [
        ("i1", 97.8, 2),
        ("O11", 100.0, 3),
    ]


def test_jsonl_files_and_summary(out_dir: Path, contract_example: dict[str, Any]) -> None:
    reports = (out_dir / "reports.jsonl").read_text(encoding="utf-8").splitlines()
    failures = [json.loads(line) for line in (out_dir / "failures.jsonl").read_text().splitlines()]
    summary = json.loads((out_dir / "summary.json").read_text(encoding="utf-8"))

    assert [json.loads(line)["agency"] for line in reports] == [contract_example["agency"]]
    assert [(row["path"], row["status"], row["reason"]) for row in failures] == [
        ("in/sub/broken.docx", "failed", "corrupt"),
        ("in/notes.txt", "skipped", "unsupported_format"),
    ]
    assert summary == {
        "schema_version": "1",
        "inputs": 3,
        "converted": 1,
        "failed": 1,
        "skipped": 1,
        "failures_by_reason": {"corrupt": 1},
        "skipped_by_reason": {"unsupported_format": 1},
        "warnings_by_code": {"text.foreign_script": 1},
        "warnings_by_severity": {"doubtful": 1, "missing": 0, "repaired": 0, "info": 0},
        "below_full_completeness": 0,
        "same_report": [],
    }


@pytest.mark.parametrize(
    ("path", "sha256", "key"),
    [
        ("a/report.pdf", SHA, "report-abababababab"),
        ("b/report.pdf", "cd" * 32, "report-cdcdcdcdcdcd"),
        # -- 50 Thai letters are 150 bytes: cut to 120 (40 letters) so names stay under 255 --
        ("รายงาน/" + "ก" * 50 + ".docx", SHA, "ก" * 40 + "-abababababab"),
    ],
)
def test_record_names_join_the_stem_and_the_hash(path: str, sha256: str, key: str) -> None:
    assert record_key(Path(path), sha256) == key


def test_a_long_thai_file_name_is_converted(tmp_path: Path) -> None:
    # -- 78 Thai letters: 234 bytes, a legal name, too long to take whole into a record's name --
    long_name = tmp_path / "in" / ("รายงาน" * 13 + ".pdf")
    long_name.parent.mkdir()
    long_name.write_bytes(b"%PDF-1.4\n" + bytes(range(256)))

    summary = convert([long_name.parent], tmp_path / "out", jobs=1, progress="none")

    assert summary.failures_by_reason == {"corrupt": 1}


def test_a_record_replaces_the_other_kind(tmp_path: Path) -> None:
    store = RecordStore(tmp_path)
    with store.open():
        store.save_failure("r-1", Failure("timeout", "took longer than 1 s"))

        store.save_report("r-1", "{}")

    assert (store.report_path("r-1").is_file(), store.failure_path("r-1").exists()) == (True, False)


def test_opening_removes_what_a_killed_run_left_half_written(tmp_path: Path) -> None:
    (tmp_path / "reports").mkdir()
    leftover = tmp_path / "reports" / ".r-1.json.0123abcd.partial"
    leftover.write_text("{", encoding="utf-8")

    with RecordStore(tmp_path).open():
        assert not leftover.exists()


def test_a_second_run_into_a_folder_in_use_is_refused(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "notes.txt").write_text("x", encoding="utf-8")

    with RecordStore(tmp_path / "out").open(), pytest.raises(OutputInUseError):
        convert([tmp_path / "in"], tmp_path / "out", progress="none")

    assert convert([tmp_path / "in"], tmp_path / "out", progress="none").skipped == 1


@pytest.mark.parametrize(
    ("arguments", "expected"),
    [
        (["in"], ["in/a.pdf", "in/sub/b.docx", "in/sub/deeper/c.txt"]),
        (["in/sub/*.docx", "in/a.pdf"], ["in/a.pdf", "in/sub/b.docx"]),
        (["in/**/*.txt"], ["in/sub/deeper/c.txt"]),
        (["in/a.pdf", "in", "in/a.pdf"], ["in/a.pdf", "in/sub/b.docx", "in/sub/deeper/c.txt"]),
    ],
)
def test_inputs_are_files_folders_and_globs_each_once_sorted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, arguments: list[str], expected: list[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    for name in ("in/a.pdf", "in/sub/b.docx", "in/sub/deeper/c.txt", "in/out/reports.jsonl"):
        Path(name).parent.mkdir(parents=True, exist_ok=True)
        Path(name).write_text("x", encoding="utf-8")

    found = find_inputs(arguments, exclude=Path("in/out"))

    assert [path.as_posix() for path in found] == expected


def test_an_input_naming_nothing_raises(tmp_path: Path) -> None:
    with pytest.raises(InputNotFoundError, match="no-such"):
        find_inputs([tmp_path / "no-such-*.pdf"], exclude=tmp_path / "out")


def test_plain_progress_lines_give_counts_rate_and_eta() -> None:
    stream = io.StringIO()
    progress = open_progress("auto", total=4, stream=stream)  # -- StringIO is no terminal --

    for status in ("converted", "failed", "converted"):
        progress.advance(status)
    progress.close()

    assert stream.getvalue().startswith("ita-extract batch: 3/4 files (2 converted, 1 failed), ")
    assert " files/min, ETA " in stream.getvalue()


@pytest.mark.parametrize(
    ("converted", "failed", "skipped", "code"),
    [(3, 0, 0, 0), (3, 0, 2, 0), (3, 1, 0, 1), (0, 2, 0, 2), (0, 0, 2, 2), (0, 0, 0, 2)],
)
def test_exit_code(converted: int, failed: int, skipped: int, code: int) -> None:
    summary = BatchSummary(Path("out"), converted + failed + skipped, converted, failed, skipped)

    assert exit_code(summary) == code


def test_without_pyarrow_no_parquet_is_left_to_contradict_the_csv(
    out_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(aggregate, "parquet_available", lambda: False)
    store = RecordStore(out_dir)

    write_aggregates([], store)

    assert sorted(path.name for path in out_dir.glob("*.parquet")) == []
    assert (out_dir / "items.csv").read_text(encoding="utf-8-sig").count("\n") == 1


FIXTURES = Path(__file__).parents[1] / "fixtures"


def test_identical_content_is_listed_once_and_twins_are_flagged(tmp_path: Path) -> None:
    archive = tmp_path / "in"
    (archive / "copies").mkdir(parents=True)
    pdf, docx = FIXTURES / "ita-2566-obt-a.pdf", FIXTURES / "ita-2566-obt-a.docx"
    (archive / "a.pdf").write_bytes(pdf.read_bytes())
    (archive / "copies" / "renamed.pdf").write_bytes(pdf.read_bytes())
    (archive / "a.docx").write_bytes(docx.read_bytes())

    summary = convert([archive], tmp_path / "out", jobs=1, progress="none")

    out = tmp_path / "out"
    failures = [json.loads(line) for line in (out / "failures.jsonl").read_text().splitlines()]
    assert (summary.converted, summary.skipped) == (2, 1)
    assert [(row["path"], row["reason"], row["duplicate_of"]) for row in failures] == [
        (f"{archive.as_posix()}/copies/renamed.pdf", "duplicate", f"{archive.as_posix()}/a.pdf")
    ]
    same = json.loads((out / "summary.json").read_text(encoding="utf-8"))["same_report"]
    assert [(group["fiscal_year"], len(group["paths"])) for group in same] == [(2566, 2)]
    with (out / "reports.csv").open(encoding="utf-8-sig", newline="") as stream:
        twins = {row["file"]: row["same_report_as"] for row in csv.DictReader(stream)}
    assert twins == {
        "a.docx": f"{archive.as_posix()}/a.pdf",
        "a.pdf": f"{archive.as_posix()}/a.docx",
    }


def test_the_rate_counts_only_files_converted_in_this_run(tmp_path: Path) -> None:
    archive = tmp_path / "in"
    archive.mkdir()
    (archive / "a.docx").write_bytes((FIXTURES / "ita-2566-obt-a.docx").read_bytes())
    (archive / "notes.txt").write_text("x", encoding="utf-8")
    convert([archive], tmp_path / "out", jobs=1, progress="none")

    convert([archive], tmp_path / "out", jobs=1, progress="none", resume=True)

    run = json.loads((tmp_path / "out" / "run.json").read_text(encoding="utf-8"))
    assert (run["converted_now"], run["files_per_minute"]) == (0, None)


def test_files_skipped_on_sight_do_not_make_a_rate() -> None:
    stream = io.StringIO()
    progress = open_progress("lines", total=3, stream=stream)

    for _ in range(3):
        progress.advance("skipped")
    progress.close()

    assert stream.getvalue().endswith(" 0.0 files/min, ETA ?\n")


def test_reports_below_full_completeness_are_counted(
    tmp_path: Path, contract_example: dict[str, Any]
) -> None:
    store = RecordStore(tmp_path / "out")
    parts = [{"part": "agency", "found": True}, {"part": "signature", "found": False}]
    incomplete = contract_example | {"completeness": {"parts": parts, "share": 0.5}}
    with store.open():
        store.save_report("a-abababababab", Report.model_validate(incomplete).model_dump_json())
        store.save_report(
            "b-cdcdcdcdcdcd", Report.model_validate(contract_example).model_dump_json()
        )
        write_aggregates(
            [
                Entry(Path("in/a.pdf"), SHA, "converted", "a-abababababab"),
                Entry(Path("in/b.pdf"), "cd" * 32, "converted", "b-cdcdcdcdcdcd"),
            ],
            store,
        )
    summary = json.loads((store.out_dir / "summary.json").read_text(encoding="utf-8"))
    assert summary["below_full_completeness"] == 1
    with (store.out_dir / "reports.csv").open(encoding="utf-8-sig", newline="") as stream:
        rows = list(csv.DictReader(stream))
    assert [row["completeness"] for row in rows] == ["0.5", ""]
    assert [row["warnings_doubtful"] for row in rows] == ["1", "1"]
