"""Dask: the same per-file task on a cluster writes exactly what the local workers write."""

from __future__ import annotations

import dataclasses
import shutil
from collections.abc import Iterator
from pathlib import Path

import dask
import pytest
from batch_inputs import (
    BAD_INPUTS,
    FIXTURES,
    GOOD_REPORTS,
    SMALL_FILE_LIMIT,
    docx_bomb,
    output_bytes,
)
from distributed import LocalCluster

from ita_extract.batch import WorkerStartError, convert
from ita_extract.cli import EXIT_UNREADABLE, main


@pytest.fixture(scope="module")
def cluster() -> Iterator[LocalCluster]:
    """A cluster of one in-process worker with two threads: fast to start."""
    with LocalCluster(
        n_workers=1, threads_per_worker=2, processes=False, dashboard_address=":0"
    ) as local_cluster:
        yield local_cluster


def process_cluster(*, daemon: bool) -> LocalCluster:
    """A cluster of one worker process, started the way ``dask worker`` starts them."""
    with dask.config.set({"distributed.worker.daemon": daemon}):
        return LocalCluster(
            n_workers=1, threads_per_worker=1, processes=True, dashboard_address=":0"
        )


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
def test_a_dask_worker_process_stops_a_file_past_its_timeout(tmp_path: Path) -> None:
    (tmp_path / "bomb.docx").write_bytes(docx_bomb(600_000))

    with process_cluster(daemon=False) as worker_processes:
        summary = convert(
            [tmp_path / "bomb.docx"],
            tmp_path / "out",
            executor="dask",
            scheduler=worker_processes.scheduler_address,
            timeout=1.0,
            progress="none",
        )

    assert summary.failures_by_reason == {"timeout": 1}


@pytest.mark.slow
def test_daemonic_dask_workers_stop_the_run_without_recording_failures(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    shutil.copyfile(FIXTURES / GOOD_REPORTS[0], tmp_path / "in" / GOOD_REPORTS[0])

    with process_cluster(daemon=True) as daemonic, pytest.raises(WorkerStartError, match="daemon"):
        convert(
            [tmp_path / "in"],
            tmp_path / "out",
            executor="dask",
            scheduler=daemonic.scheduler_address,
            progress="none",
        )

    assert list((tmp_path / "out" / "failures").iterdir()) == []


def test_scheduler_without_dask_executor_is_a_usage_error(tmp_path: Path) -> None:
    code = main(["batch", str(tmp_path), "-o", str(tmp_path / "out"), "--scheduler", "x:1"])

    assert code == EXIT_UNREADABLE
