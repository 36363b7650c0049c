"""Where the per-file task runs: local worker processes, or a Dask distributed cluster.

Both executors take files lazily and keep only a bounded window of them in flight, so an
archive of thousands of files never sits in memory at once; both yield outcomes in completion
order, and the caller writes them. Locally each file runs in a :mod:`pebble` worker process
with a per-task timeout and a memory watchdog: pebble kills a worker that runs past the timeout
or dies, and starts a fresh one, so one bad file never stops the run. A Dask worker, daemonic by
default, may not start such a pool; it runs each file in a worker program started with
:mod:`subprocess` (:mod:`subprocess_pool`), under the same limits.
"""

from __future__ import annotations

import contextlib
import importlib
import logging
import multiprocessing
import os
import sys
from collections.abc import Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Any, Literal

from pebble import ProcessPool

from ita_extract.batch.subprocess_pool import shared_pool, stop_shared_pools
from ita_extract.batch.task import (
    REASON_CRASH,
    Limits,
    Outcome,
    ParseOptions,
    convert_document,
    init_worker,
    outcome_of,
)
from ita_extract.errors import MissingDependencyError, WorkerStartError

ExecutorName = Literal["local", "dask"]

WINDOW_PER_WORKER = 2
"""Files in flight per worker: enough to keep workers busy, few enough to bound memory."""

_DASK_LOGGER_ROOTS = frozenset({"distributed", "tornado", "bokeh"})
"""The loggers that Dask's own logging set-up gives a console handler (and their children)."""
_logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Job:
    """One file to convert; ``key`` names its records."""

    key: str
    file_name: str
    data: bytes


def default_jobs() -> int:
    """Return the number of worker processes to use by default: one per usable core."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # -- not on Linux --
        return os.cpu_count() or 1


def new_pool(workers: int, limits: Limits) -> ProcessPool:
    """Return a pool of ``workers`` spawned processes, each set up by :func:`init_worker`.

    Workers are spawned, not forked: a fork of a process with threads (the Dask client, a
    progress bar) can deadlock, and spawn behaves the same on every platform.
    """
    return ProcessPool(
        max_workers=workers,
        initializer=init_worker,
        initargs=(limits.max_memory_mb,),
        context=multiprocessing.get_context("spawn"),
    )


def run_jobs(
    jobs: Iterable[Job],
    *,
    executor: ExecutorName,
    workers: int | None,
    scheduler: str | None,
    options: ParseOptions,
    limits: Limits,
) -> Iterator[tuple[str, Outcome]]:
    """Convert ``jobs`` with ``executor``; yield ``(key, outcome)`` as each file finishes.

    ``workers`` None means one local process per core, or the Dask cluster's thread count.
    """
    if executor == "dask":
        return run_dask(jobs, scheduler=scheduler, workers=workers, options=options, limits=limits)
    return run_local(jobs, workers=workers or default_jobs(), options=options, limits=limits)


def run_local(
    jobs: Iterable[Job], *, workers: int, options: ParseOptions, limits: Limits
) -> Iterator[tuple[str, Outcome]]:
    """Convert ``jobs`` in a local pool of ``workers`` processes; yield ``(key, outcome)``."""
    pool = new_pool(workers, limits)
    pending: dict[Future[Outcome], str] = {}
    try:
        for job in jobs:
            while len(pending) >= workers * WINDOW_PER_WORKER:
                yield from _finished(pending, limits)
            future = pool.schedule(
                convert_document, args=(job.data, job.file_name, options), timeout=limits.timeout
            )
            pending[future] = job.key
        while pending:
            yield from _finished(pending, limits)
    finally:
        # -- on an error or an interruption, stop workers instead of letting them finish --
        if pending:
            pool.stop()  # type: ignore[no-untyped-call]
        else:
            pool.close()  # type: ignore[no-untyped-call]
        pool.join()


def _finished(pending: dict[Future[Outcome], str], limits: Limits) -> Iterator[tuple[str, Outcome]]:
    done, _ = wait(pending, return_when=FIRST_COMPLETED)
    for future in done:
        try:
            outcome = outcome_of(future, limits)
        except BrokenProcessPool as error:
            # -- no worker could even start: the environment's fault, not any file's --
            raise WorkerStartError(
                "the worker processes could not start; a script that calls "
                "ita_extract.batch.convert must do so under `if __name__ == '__main__':`"
            ) from error
        yield pending.pop(future), outcome


def run_dask(
    jobs: Iterable[Job],
    *,
    scheduler: str | None,
    workers: int | None,
    options: ParseOptions,
    limits: Limits,
) -> Iterator[tuple[str, Outcome]]:
    """Convert ``jobs`` on the Dask cluster at ``scheduler``; yield ``(key, outcome)``.

    ``scheduler`` None starts a local cluster of ``workers`` threads. On each Dask worker the
    task runs the file in a worker program (see :func:`convert_isolated`), so a timeout or a
    memory blow-up costs that program, never the Dask worker; the outcomes come back here to
    be written.
    """
    try:
        # -- distributed's own annotations are partial; it is used through Any on purpose --
        distributed: Any = importlib.import_module("distributed")
    except ImportError as error:
        raise MissingDependencyError(
            "the dask executor needs the optional dask extra: pip install 'ita-extract[dask]'"
        ) from error
    with _dask_logs_to_logging(), _dask_client(distributed, scheduler, workers) as client:
        window = (workers or sum(client.nthreads().values()) or 1) * WINDOW_PER_WORKER
        futures = distributed.as_completed()
        keys: dict[str, str] = {}
        for job in jobs:
            while futures.count() >= window:
                yield _dask_outcome(distributed, next(futures), keys)
            future = client.submit(
                convert_isolated, job.data, job.file_name, options, limits, pure=False
            )
            keys[future.key] = job.key
            futures.add(future)
        for future in futures:
            yield _dask_outcome(distributed, future, keys)


@contextlib.contextmanager
def _dask_client(distributed: Any, scheduler: str | None, workers: int | None) -> Iterator[Any]:
    """Yield a client of the cluster at ``scheduler``, or of a local cluster started for the run.

    The local cluster is one Dask worker of threads inside this process: the files are read
    in worker programs anyway, so it needs no worker processes, no nanny and no setting, is
    reachable from this machine only (its HTTP server and dashboard on localhost) and stops at
    once with the run.

    Raises:
        WorkerStartError: the scheduler cannot be reached, so no file can be converted.
    """
    if scheduler:
        try:
            client = distributed.Client(scheduler)
        except OSError as error:  # -- Dask's connection timeout is an OSError too --
            raise WorkerStartError(f"cannot reach the Dask scheduler ({error})") from error
        with client:
            yield client
        return
    with (
        distributed.LocalCluster(
            n_workers=1,
            threads_per_worker=workers or default_jobs(),
            processes=False,
            dashboard_address="localhost:0",
            worker_dashboard_address="localhost:0",
            silence_logs=False,
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        _logger.info("local Dask cluster started; dashboard: %s", client.dashboard_link)
        try:
            yield client
        finally:
            # -- a run stopped early (Ctrl-C) must not wait for the files in flight; the
            # worker programs live in this process's pools, so the run stops them itself --
            stop_shared_pools()


@contextlib.contextmanager
def _dask_logs_to_logging() -> Iterator[None]:
    """Send Dask's log records to Python's logging, not to Dask's own console handler, for a run.

    Dask gives its loggers a handler that prints on standard error and stops them from
    propagating; while the run lasts, their records go to whatever the application's logging
    does with them instead (the command line shows them only with ``--verbose``).
    """
    detached: list[tuple[logging.Logger, logging.Handler]] = []
    isolated: list[logging.Logger] = []
    for logger in _dask_loggers():
        consoles: list[logging.Handler] = [
            handler
            for handler in logger.handlers
            if isinstance(handler, logging.StreamHandler) and handler.stream is sys.stderr
        ]
        for console in consoles:
            logger.removeHandler(console)
            detached.append((logger, console))
        if consoles and not logger.propagate:
            logger.propagate = True
            isolated.append(logger)
    try:
        yield
    finally:
        for logger, console in detached:
            logger.addHandler(console)
        for logger in isolated:
            logger.propagate = False


def _dask_loggers() -> list[logging.Logger]:
    return [
        logger
        for name, logger in list(logging.Logger.manager.loggerDict.items())
        if isinstance(logger, logging.Logger) and name.split(".")[0] in _DASK_LOGGER_ROOTS
    ]


def _dask_outcome(distributed: Any, future: Any, keys: dict[str, str]) -> tuple[str, Outcome]:
    """Return the outcome of a finished Dask task; any error but a lost worker stops the run."""
    key = keys.pop(future.key)
    try:
        outcome: Outcome = future.result()
    except distributed.KilledWorker:
        # -- the file took its Dask worker down with it, again on every retry --
        return key, Outcome.failure(REASON_CRASH, "the file brought down its Dask worker")
    return key, outcome


def convert_isolated(data: bytes, file_name: str, options: ParseOptions, limits: Limits) -> Outcome:
    """Convert one file in a worker program of this Dask worker and return its outcome.

    The task Dask runs. The worker programs are started with :mod:`subprocess`, which a
    daemonic Dask worker may do, and kept for the next file (see :mod:`subprocess_pool`).

    Raises:
        WorkerStartError: no worker program could start on this Dask worker.
    """
    return shared_pool(limits.max_memory_mb).convert(data, file_name, options, limits)
