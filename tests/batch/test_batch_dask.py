"""Dask: the same per-file task on a cluster writes exactly what the local workers write."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

import pytest
from batch_inputs import BAD_INPUTS, GOOD_REPORTS, SMALL_FILE_LIMIT, docx_bomb, output_bytes
from distributed import LocalCluster

from ita_extract.batch import convert
from ita_extract.cli import EXIT_UNREADABLE, main


@pytest.fixture(scope="module")
def cluster() -> Iterator[LocalCluster]:
    with LocalCluster(
        n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None
    ) as local_cluster:
        yield local_cluster


@pytest.mark.slow
def test_dask_writes_what_local_writes(
    archive: Path, tmp_path: Path, cluster: LocalCluster
) -> None:
    local = convert(
        [archive],
        tmp_path / "local",
        jobs=2,
        max_bytes=SMALL_FILE_LIMIT,
        progress="none",
    )
    dask = convert(
        [archive],
        tmp_path / "dask",
        executor="dask",
        scheduler=cluster.scheduler_address,
        max_bytes=SMALL_FILE_LIMIT,
        progress="none",
    )

    assert (dask.inputs, dask.converted) == (len(BAD_INPUTS) + len(GOOD_REPORTS), len(GOOD_REPORTS))
    # -- equal but for what describes the run rather than its outputs --
    assert dask == dataclasses.replace(
        local,
        out_dir=dask.out_dir,
        elapsed_seconds=dask.elapsed_seconds,
        peak_worker_memory_mb=dask.peak_worker_memory_mb,
    )
    assert output_bytes(tmp_path / "dask") == output_bytes(tmp_path / "local")


@pytest.mark.slow
def test_dask_stops_a_file_past_its_timeout(tmp_path: Path, cluster: LocalCluster) -> None:
    (tmp_path / "bomb.docx").write_bytes(docx_bomb(600_000))

    summary = convert(
        [tmp_path / "bomb.docx"],
        tmp_path / "out",
        executor="dask",
        scheduler=cluster.scheduler_address,
        timeout=1.0,
        progress="none",
    )

    assert summary.failures_by_reason == {"timeout": 1}


def test_scheduler_without_dask_executor_is_a_usage_error(tmp_path: Path) -> None:
    code = main(["batch", str(tmp_path), "-o", str(tmp_path / "out"), "--scheduler", "x:1"])

    assert code == EXIT_UNREADABLE
