"""Limits: a file that hangs or grows is stopped and recorded as failed; its worker is replaced.

Local workers are a pebble pool; Dask workers use worker programs (subprocess_pool).
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import os
import shutil
import time
from pathlib import Path

import psutil
import pytest
from batch_inputs import FIXTURES, docx_bomb, failure_reasons, word_document, worker_programs

from ita_extract.batch import convert, subprocess_pool
from ita_extract.batch.executors import new_pool
from ita_extract.batch.subprocess_pool import SubprocessPool
from ita_extract.batch.task import MEMORY_EXIT_CODE, Limits, ParseOptions, outcome_of

LIMITS = Limits(timeout=0.5, max_memory_mb=100)
MENU = word_document(["ข้าวผัด 40 บาท"])


@pytest.mark.parametrize(
    ("task", "args", "reason", "message"),
    [
        (os._exit, (3,), "crash", "the worker process died (exit 3)"),
        (os._exit, (MEMORY_EXIT_CODE,), "memory", "grew past 100 MiB"),
        (time.sleep, (30,), "timeout", "took longer than 0.5 s"),
    ],
)
def test_a_stopped_worker_becomes_a_failure_and_the_pool_goes_on(
    task: object, args: tuple[int], reason: str, message: str
) -> None:
    pool = new_pool(1, LIMITS)
    try:
        stopped = pool.schedule(task, args=args, timeout=LIMITS.timeout)
        after = pool.schedule(os.getpid)

        outcome = outcome_of(stopped, LIMITS)

        assert (outcome.reason, outcome.message, outcome.report_json) == (reason, message, None)
        assert after.result(timeout=60) != os.getpid()  # -- a replacement worker ran it --
    finally:
        pool.stop()
        pool.join()


@pytest.mark.slow
@pytest.mark.parametrize(
    ("paragraphs", "timeout", "max_memory_mb", "reason"),
    [
        # -- 600,000 paragraphs take a DOCX reader many seconds (and GiBs); stopped at 2 s --
        (600_000, 2.0, 4096, "timeout"),
        # -- about 1 GiB in all; stopped when the worker passes 400 MiB (it starts near 150) --
        (600_000, 120.0, 400, "memory"),
    ],
)
def test_a_hostile_file_fails_alone(
    tmp_path: Path, paragraphs: int, timeout: float, max_memory_mb: int, reason: str
) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a-bomb.docx").write_bytes(docx_bomb(paragraphs))
    (tmp_path / "in" / "b-menu.docx").write_bytes(MENU)

    summary = convert(
        [tmp_path / "in"],
        tmp_path / "out",
        jobs=1,
        timeout=timeout,
        max_memory_mb=max_memory_mb,
        progress="none",
    )

    reasons = failure_reasons(tmp_path / "out")
    assert reasons["a-bomb.docx"] == reason
    # -- the next file ran in a fresh worker and got its own verdict, not the bomb's --
    assert reasons.get("b-menu.docx") not in {"timeout", "memory", "crash"}
    assert summary.failed + summary.converted == 2


@pytest.mark.slow
@pytest.mark.parametrize(
    ("paragraphs", "limits", "reason", "message"),
    [
        (200_000, Limits(timeout=2.0), "timeout", "took longer than 2 s"),
        (2_500_000, Limits(timeout=120.0, max_memory_mb=400), "memory", "grew past 400 MiB"),
    ],
)
def test_a_worker_program_stopped_for_a_hostile_file_is_replaced(
    paragraphs: int, limits: Limits, reason: str, message: str
) -> None:
    pool = SubprocessPool(limits.max_memory_mb)
    try:
        stopped = pool.convert(docx_bomb(paragraphs), "bomb.docx", ParseOptions(), limits)
        after = pool.convert(MENU, "menu.docx", ParseOptions(), limits)
    finally:
        pool.close()

    assert (stopped.reason, stopped.message, stopped.report_json) == (reason, message, None)
    # -- the next file ran in a fresh program and got its own verdict --
    assert after.reason == "not_ita_report"


@pytest.mark.slow
def test_a_worker_program_killed_mid_file_is_a_crash_of_that_file() -> None:
    pool = SubprocessPool(None)
    try:
        pool.convert(MENU, "menu.docx", ParseOptions(), Limits())
        (program,) = worker_programs(psutil.Process())  # -- kept, idle, for the next file --
        with concurrent.futures.ThreadPoolExecutor(1) as thread:
            busy = thread.submit(
                pool.convert, docx_bomb(200_000), "bomb.docx", ParseOptions(), Limits()
            )
            time.sleep(1.0)
            program.kill()  # -- as the system's OOM killer would --
            outcome = busy.result(timeout=60)
        after = pool.convert(MENU, "menu.docx", ParseOptions(), Limits())
    finally:
        pool.close()

    assert (outcome.reason, outcome.message) == ("crash", "the worker process died (exit -9)")
    assert after.reason == "not_ita_report"


@pytest.mark.slow
def test_an_idle_worker_program_is_stopped_and_replaced_when_needed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(subprocess_pool, "IDLE_SECONDS", 0.5)
    pool = SubprocessPool(None)
    try:
        pool.convert(MENU, "menu.docx", ParseOptions(), Limits())
        (program,) = worker_programs(psutil.Process())

        program.wait(timeout=30)  # -- ended by the pool, having had nothing to do --
        again = pool.convert(MENU, "menu.docx", ParseOptions(), Limits())
    finally:
        pool.close()

    assert again.reason == "not_ita_report"


FAKE_SOFFICE = """#!/bin/sh
# -- stands in for a LibreOffice that never finishes: a helper process of its session waits --
sleep 300 &
echo $! >> "$FAKE_SOFFICE_PIDS"
wait
"""


@pytest.fixture
def hanging_libreoffice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Put a never-ending ``soffice`` first on PATH; return the file its helpers' pids go to."""
    programs = tmp_path / "bin"
    programs.mkdir()
    soffice = programs / "soffice"
    soffice.write_text(FAKE_SOFFICE, encoding="utf-8")
    soffice.chmod(0o755)
    pids = tmp_path / "soffice-pids"
    (tmp_path / "tmp").mkdir()
    monkeypatch.setenv("PATH", f"{programs}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setenv("FAKE_SOFFICE_PIDS", str(pids))
    monkeypatch.setenv("TMPDIR", str(tmp_path / "tmp"))  # -- the workers' conversion folders --
    return pids


def assert_nothing_left_of_the_conversion(pids: Path, tmp_path: Path) -> None:
    assert pids.is_file(), "the conversion never started LibreOffice"
    (helper,) = map(int, pids.read_text(encoding="utf-8").split())
    with contextlib.suppress(psutil.NoSuchProcess):
        psutil.Process(helper).wait(timeout=10)  # -- raises TimeoutExpired if it outlives it --
    assert not list((tmp_path / "tmp").glob("ita-extract-doc-*"))


@pytest.mark.slow
def test_a_doc_past_its_timeout_leaves_no_libreoffice_behind(
    tmp_path: Path, hanging_libreoffice: Path
) -> None:
    (tmp_path / "in").mkdir()
    shutil.copyfile(FIXTURES / "ita-2567-tessaban-b.doc", tmp_path / "in" / "report.doc")

    convert([tmp_path / "in"], tmp_path / "out", jobs=1, timeout=3.0, progress="none")

    assert failure_reasons(tmp_path / "out") == {"report.doc": "timeout"}
    assert_nothing_left_of_the_conversion(hanging_libreoffice, tmp_path)


@pytest.mark.slow
def test_a_worker_program_past_its_timeout_leaves_no_libreoffice_behind(
    tmp_path: Path, hanging_libreoffice: Path
) -> None:
    pool = SubprocessPool(None)
    try:
        data = (FIXTURES / "ita-2567-tessaban-b.doc").read_bytes()
        outcome = pool.convert(data, "report.doc", ParseOptions(), Limits(timeout=3.0))
    finally:
        pool.close()

    assert outcome.reason == "timeout"
    assert_nothing_left_of_the_conversion(hanging_libreoffice, tmp_path)
