"""Resume: a run killed with SIGKILL at any point and resumed ends with the very same bytes."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from batch_inputs import SMALL_FILE_LIMIT, build_archive, output_bytes, word_document

from ita_extract.batch import BatchSummary, convert
from ita_extract.cli.batch import exit_code

_CLI = "import sys; from ita_extract.cli import main; sys.exit(main(sys.argv[1:]))"
_TIMEOUT = 120.0


def run(inputs: Path, out_dir: Path, *, resume: bool = False) -> BatchSummary:
    """Run the batch in-process with the options the command lines below use."""
    return convert(
        [str(inputs)],
        out_dir,
        jobs=1,
        resume=resume,
        timeout=_TIMEOUT,
        max_bytes=SMALL_FILE_LIMIT,
        progress="none",
    )


def batch_command(inputs: Path, out_dir: Path, *extra: str) -> list[str]:
    return [
        *(sys.executable, "-c", _CLI, "batch", str(inputs), "-o", str(out_dir)),
        *("--jobs", "1", "--timeout", str(_TIMEOUT), "--progress", "none"),
        *("--max-file-size", str(SMALL_FILE_LIMIT / 2**20), *extra),
    ]


def records(out_dir: Path) -> list[Path]:
    return [*out_dir.glob("reports/*.json"), *out_dir.glob("failures/*.json")]


@pytest.fixture(scope="module")
def bigger_archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return the mixed archive with enough small Word files that a run takes a few seconds."""
    archive = build_archive(tmp_path_factory.mktemp("resume") / "archive")
    for index in range(30):
        menu = [f"รายการที่ {index}", "ข้าวผัด 40 บาท", "ต้มยำกุ้ง 80 บาท"]
        (archive / f"menu-{index:02}.docx").write_bytes(word_document(menu))
    return archive


def aggregates_half_written(out_dir: Path) -> bool:
    return any(out_dir.glob(".*.partial"))


KILL_POINTS: dict[str, Callable[[Path], bool]] = {
    "first record": lambda out_dir: len(records(out_dir)) >= 1,
    "12 records": lambda out_dir: len(records(out_dir)) >= 12,
    "30 records": lambda out_dir: len(records(out_dir)) >= 30,
    "aggregates half written": aggregates_half_written,
}


@pytest.mark.slow
@pytest.mark.parametrize("kill_point", sorted(KILL_POINTS))
def test_a_run_killed_and_resumed_writes_what_an_uninterrupted_run_writes(
    bigger_archive: Path, tmp_path: Path, kill_point: str
) -> None:
    archive, reference_dir, killed_dir = bigger_archive, tmp_path / "reference", tmp_path / "killed"
    reference_code = exit_code(run(archive, reference_dir))
    # -- a new session, so SIGKILL reaches the workers too, as when a machine is turned off --
    process = subprocess.Popen(batch_command(archive, killed_dir), start_new_session=True)
    deadline = time.monotonic() + 120
    while not KILL_POINTS[kill_point](killed_dir) and process.poll() is None:
        assert time.monotonic() < deadline, "no output appeared"
        time.sleep(0.001)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    assert process.returncode == -signal.SIGKILL, "the run ended before it could be killed"
    assert not (killed_dir / "summary.json").exists()

    resumed = subprocess.run(batch_command(archive, killed_dir, "--resume"), check=False)

    assert resumed.returncode == reference_code
    assert output_bytes(killed_dir) == output_bytes(reference_dir)


def test_resume_converts_nothing_twice(archive: Path, tmp_path: Path) -> None:
    first = run(archive, tmp_path / "out")
    before = output_bytes(tmp_path / "out")
    mtimes = {path: path.stat().st_mtime_ns for path in records(tmp_path / "out")}

    again = run(archive, tmp_path / "out", resume=True)

    decided_by_records = first.converted + first.failed
    assert (again.reused, again.processed) == (decided_by_records, first.skipped)
    assert {path: path.stat().st_mtime_ns for path in records(tmp_path / "out")} == mtimes
    assert output_bytes(tmp_path / "out") == before


def test_without_resume_every_file_is_converted_again(archive: Path, tmp_path: Path) -> None:
    run(archive, tmp_path / "out")

    again = run(archive, tmp_path / "out")

    assert (again.reused, again.processed) == (0, again.inputs)
