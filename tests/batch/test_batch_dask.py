"""Dask: the same per-file task on a cluster writes exactly what the local workers write."""

from __future__ import annotations

import contextlib
import dataclasses
import json
import multiprocessing
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import dask
import psutil
import pytest
from batch_inputs import (
    BAD_INPUTS,
    FIXTURES,
    GOOD_REPORTS,
    SMALL_FILE_LIMIT,
    docx_bomb,
    failure_reasons,
    long_scan,
    output_bytes,
    worker_programs,
)
from distributed import Client, LocalCluster

from ita_extract.batch import convert
from ita_extract.batch.executors import convert_isolated, default_jobs
from ita_extract.batch.task import Limits, ParseOptions
from ita_extract.cli import EXIT_UNREADABLE, main

LOOPBACK = "127.0.0.1"
"""The only address the test cluster listens on."""
HTTP = f"{LOOPBACK}:0"
"""Where Dask's HTTP servers listen: any free port, on the loopback address."""
STARTUP_TIMEOUT = 180.0
"""Seconds a Dask process may take to start: generous, for a loaded two-core machine."""
HOSTILE_TIMEOUT = 20.0
"""Ten times what a good file or the memory bomb needs on an idle machine: room for a busy one."""
HOSTILE_MAX_MEMORY_MB = 1000
SCAN_PAGES = 60
"""OCR needs some 100 s over these (1.8 s a page, a Tesseract each); the worker held under
400 MiB for its first 30 s when measured, far from the memory limit."""
BOMB_PARAGRAPHS = 2_500_000
"""A DOCX reader's worker passes 1000 MiB within two seconds over these."""


@pytest.fixture(scope="module")
def cluster() -> Iterator[LocalCluster]:
    """A cluster of one in-process worker with two threads: fast to start."""
    with LocalCluster(
        n_workers=1,
        threads_per_worker=2,
        processes=False,
        dashboard_address=HTTP,
        worker_dashboard_address=HTTP,
    ) as local_cluster:
        yield local_cluster


@pytest.fixture(scope="module")
def stock_cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Yield the address of ``dask scheduler`` and one ``dask worker``, both with Dask's defaults.

    Separate processes, as Dask's documentation starts them, told only where to listen (the
    loopback address, free ports); Dask's environment variables and user configuration are
    kept out, so the worker is daemonic as Dask makes it. Both are stopped however the tests
    end.
    """
    folder = tmp_path_factory.mktemp("stock-cluster")
    (folder / "config").mkdir()
    environment = {name: value for name, value in os.environ.items() if name[:5] != "DASK_"}
    environment["DASK_CONFIG"] = str(folder / "config")  # -- an empty folder: no user settings
    scheduler_file = folder / "scheduler.json"
    started: list[subprocess.Popen[bytes]] = []
    try:
        scheduler = ["--host", LOOPBACK, "--port", "0", "--scheduler-file", str(scheduler_file)]
        started.append(dask_command("scheduler", *scheduler, folder=folder, env=environment))
        address = scheduler_address(scheduler_file, started[0])
        worker = [address, "--host", LOOPBACK]
        started.append(dask_command("worker", *worker, folder=folder, env=environment))
        with Client(address, timeout=STARTUP_TIMEOUT) as client:
            client.wait_for_workers(1, timeout=STARTUP_TIMEOUT)
        yield address
    finally:
        for process in reversed(started):
            stop(process)


def dask_command(
    command: str, *arguments: str, folder: Path, env: dict[str, str]
) -> subprocess.Popen[bytes]:
    """Start ``dask COMMAND ARGUMENTS`` in a session of its own, its output in a log file."""
    with (folder / f"{command}.log").open("ab") as log:
        return subprocess.Popen(
            # -- the HTTP server (health, metrics) runs even without a dashboard: loopback too --
            [sys.executable, "-m", "dask", command, *arguments, "--dashboard-address", HTTP],
            stdout=log,
            stderr=subprocess.STDOUT,
            cwd=folder,
            env=env,
            start_new_session=True,
        )


def scheduler_address(scheduler_file: Path, scheduler: subprocess.Popen[bytes]) -> str:
    deadline = time.monotonic() + STARTUP_TIMEOUT
    while time.monotonic() < deadline and scheduler.poll() is None:
        try:
            return str(json.loads(scheduler_file.read_text(encoding="utf-8"))["address"])
        except (OSError, ValueError, KeyError):  # -- not written yet, or half written --
            time.sleep(0.2)
    raise RuntimeError(f"dask scheduler did not start (exit {scheduler.poll()})")


def stop(process: subprocess.Popen[bytes]) -> None:
    """Stop a Dask process and its session: politely, then for good."""
    for stop_signal, grace in ((signal.SIGTERM, 30.0), (signal.SIGKILL, 30.0)):
        try:
            os.killpg(process.pid, stop_signal)
        except ProcessLookupError:
            break
        try:
            process.wait(timeout=grace)
            break
        except subprocess.TimeoutExpired:
            continue
    process.wait()


@pytest.mark.slow
def test_dask_writes_what_local_writes(
    archive: Path, tmp_path: Path, cluster: LocalCluster
) -> None:
    local = convert(
        [archive], tmp_path / "local", jobs=2, max_bytes=SMALL_FILE_LIMIT, progress="none"
    )
    dask_summary = convert(
        [archive],
        tmp_path / "dask",
        executor="dask",
        scheduler=cluster.scheduler_address,
        max_bytes=SMALL_FILE_LIMIT,
        progress="none",
    )

    expected_inputs = len(BAD_INPUTS) + len(GOOD_REPORTS)
    assert (dask_summary.inputs, dask_summary.converted) == (expected_inputs, len(GOOD_REPORTS))
    # -- equal but for what describes the run rather than its outputs --
    assert dask_summary == dataclasses.replace(
        local,
        out_dir=dask_summary.out_dir,
        elapsed_seconds=dask_summary.elapsed_seconds,
        peak_worker_memory_mb=dask_summary.peak_worker_memory_mb,
    )
    assert output_bytes(tmp_path / "dask") == output_bytes(tmp_path / "local")


@pytest.mark.slow
def test_a_stock_cluster_writes_what_local_writes_and_hostile_files_fail_alone(
    archive: Path, tmp_path: Path, stock_cluster: str
) -> None:
    (archive / "hangs.pdf").write_bytes(long_scan(SCAN_PAGES))
    (archive / "blows-memory.docx").write_bytes(docx_bomb(BOMB_PARAGRAPHS))
    settings: dict[str, Any] = {
        "timeout": HOSTILE_TIMEOUT,
        "max_memory_mb": HOSTILE_MAX_MEMORY_MB,
        "max_bytes": SMALL_FILE_LIMIT,
        "progress": "none",
    }

    local = convert([archive], tmp_path / "local", jobs=2, **settings)
    worker = dask_worker_pid(stock_cluster)
    on_cluster = convert(
        [archive], tmp_path / "dask", executor="dask", scheduler=stock_cluster, **settings
    )

    # -- the hostile files cost worker programs, not the Dask worker --
    assert dask_worker_pid(stock_cluster) == worker

    assert failure_reasons(tmp_path / "dask")["hangs.pdf"] == "timeout"
    assert failure_reasons(tmp_path / "dask")["blows-memory.docx"] == "memory"
    assert on_cluster.converted == len(GOOD_REPORTS)
    assert on_cluster.failures_by_reason == local.failures_by_reason
    assert output_bytes(tmp_path / "dask") == output_bytes(tmp_path / "local")


@pytest.mark.slow
def test_a_dask_worker_killed_mid_file_is_restarted_and_runs_the_file_again(
    stock_cluster: str,
) -> None:
    limits = Limits(timeout=HOSTILE_TIMEOUT)
    worker = psutil.Process(dask_worker_pid(stock_cluster))
    with Client(stock_cluster) as client:
        future = client.submit(
            convert_isolated, long_scan(SCAN_PAGES), "hangs.pdf", ParseOptions(), limits, pure=False
        )
        programs = busy_programs(worker, future)

        worker.kill()
        outcome = future.result(timeout=STARTUP_TIMEOUT)

    # -- the nanny started a new worker, and the scheduler gave it the file again --
    assert (outcome.reason, outcome.message) == ("timeout", "took longer than 20 s")
    assert dask_worker_pid(stock_cluster) != worker.pid
    # -- the dead worker's programs, busy or idle, noticed and ended: nothing is left running --
    _, alive = psutil.wait_procs(programs, timeout=30)
    assert programs
    assert alive == []


def dask_worker_pid(address: str) -> int:
    with Client(address, timeout=STARTUP_TIMEOUT) as client:
        client.wait_for_workers(1, timeout=STARTUP_TIMEOUT)
        (pid,) = client.run(os.getpid).values()
    return int(pid)


def busy_programs(worker: psutil.Process, future: Any) -> list[psutil.Process]:
    """Return the worker's programs once one is in the middle of the file: running Tesseract."""
    while not future.done():
        programs = worker_programs(worker)
        with contextlib.suppress(psutil.Error):
            if any(program.children() for program in programs):
                return programs
        time.sleep(0.1)
    raise AssertionError(f"the file was done before any Tesseract started: {future.result()}")


@pytest.mark.slow
def test_the_stock_cluster_is_daemonic_as_dask_starts_it(stock_cluster: str) -> None:
    # -- what the run above must cope with: workers that multiprocessing may not fork from --
    with Client(stock_cluster) as client:
        daemonic = client.run(lambda: multiprocessing.current_process().daemon)

    assert list(daemonic.values()) == [True]


@pytest.mark.slow
def test_the_library_own_cluster_prints_only_the_summary(
    archive: Path, tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    common = [str(archive), "--max-file-size", str(SMALL_FILE_LIMIT / 2**20), "--progress", "none"]
    local_code = main(["batch", *common, "-o", str(tmp_path / "local")])
    local_err = capfd.readouterr().err

    code = main(["batch", *common, "-o", str(tmp_path / "dask"), "--executor", "dask"])

    out, err = capfd.readouterr()
    assert (code, out) == (local_code, "")
    # -- the same one summary line, and nothing of Dask's --
    assert len(local_err.splitlines()) == 1
    assert err == local_err.replace(str(tmp_path / "local"), str(tmp_path / "dask"))
    assert output_bytes(tmp_path / "dask") == output_bytes(tmp_path / "local")
    runs = [json.loads((tmp_path / name / "run.json").read_bytes()) for name in ("local", "dask")]
    assert [run["jobs"] for run in runs] == [default_jobs()] * 2  # -- threads, on its own cluster


@pytest.mark.slow
def test_verbose_shows_dask_log_lines(tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "in").mkdir()
    shutil.copyfile(FIXTURES / GOOD_REPORTS[0], tmp_path / "in" / GOOD_REPORTS[0])

    out = ["-o", str(tmp_path / "out")]
    code = main(["batch", str(tmp_path / "in"), *out, "--executor", "dask", "--verbose"])

    err = capfd.readouterr().err
    assert code == 0
    assert "distributed.scheduler - INFO - " in err
    assert "ita_extract.batch.executors - INFO - local Dask cluster started" in err


def test_a_scheduler_out_of_reach_is_one_line_and_exit_2(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "in").mkdir()
    shutil.copyfile(FIXTURES / GOOD_REPORTS[0], tmp_path / "in" / GOOD_REPORTS[0])
    with socket.socket() as probe:  # -- a free port: nothing listens there --
        probe.bind((LOOPBACK, 0))
        address = f"tcp://{LOOPBACK}:{probe.getsockname()[1]}"

    with dask.config.set({"distributed.comm.timeouts.connect": "1s"}):
        cluster = ["--executor", "dask", "--scheduler", address, "--progress", "none"]
        code = main(["batch", str(tmp_path / "in"), "-o", str(tmp_path / "out"), *cluster])

    err = capfd.readouterr().err
    assert code == EXIT_UNREADABLE
    assert err.startswith("ita-extract: cannot reach the Dask scheduler (")
    assert len(err.splitlines()) == 1


def test_scheduler_without_dask_executor_is_a_usage_error(tmp_path: Path) -> None:
    code = main(["batch", str(tmp_path), "-o", str(tmp_path / "out"), "--scheduler", "x:1"])

    assert code == EXIT_UNREADABLE
