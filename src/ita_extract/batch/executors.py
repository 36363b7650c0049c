"""Where the per-file task runs: local worker processes, or a Dask distributed cluster.

Both executors take files lazily and keep only a bounded window of them in flight, so an
archive of thousands of files never sits in memory at once; both yield outcomes in completion
order, and the caller writes them. Each file runs in a :mod:`pebble` worker process with a
per-task timeout and a memory watchdog: pebble kills a worker that runs past the timeout or
dies, and starts a fresh one, so one bad file never stops the run.
"""

from __future__ import annotations

import atexit
import importlib
import multiprocessing
import os
import threading
from collections.abc import Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Any, Literal

from pebble import ProcessPool

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

    ``scheduler`` None starts a local cluster. Each Dask worker runs the task in its own pebble
    pool (see :func:`convert_isolated`), so a timeout or a memory blow-up costs a pool process,
    never the Dask worker; the outcomes come back here to be written.
    """
    try:
        # -- distributed's own annotations are partial; it is used through Any on purpose --
        distributed: Any = importlib.import_module("distributed")
    except ImportError as error:
        raise MissingDependencyError(
            "the dask executor needs the optional dask extra: pip install 'ita-extract[dask]'"
        ) from error
    with distributed.Client(scheduler) if scheduler else distributed.Client() as client:
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


def _dask_outcome(distributed: Any, future: Any, keys: dict[str, str]) -> tuple[str, Outcome]:
    """Return the outcome of a finished Dask task; any error but a lost worker stops the run."""
    key = keys.pop(future.key)
    try:
        outcome: Outcome = future.result()
    except distributed.KilledWorker:
        # -- the file took its Dask worker down with it, again on every retry --
        return key, Outcome.failure(REASON_CRASH, "the file brought down its Dask worker")
    return key, outcome


_worker_pools: dict[tuple[int, int | None], ProcessPool] = {}
_worker_pools_lock = threading.Lock()


def convert_isolated(data: bytes, file_name: str, options: ParseOptions, limits: Limits) -> Outcome:
    """Run :func:`convert_document` in a worker-local pebble pool and return its outcome.

    The task Dask runs. The pool is created once per Dask worker process, with one process per
    Dask thread, and stopped when the worker exits.

    Raises:
        WorkerStartError: the Dask worker is a daemonic process, which may not start any.
    """
    if multiprocessing.current_process().daemon:
        raise WorkerStartError(
            "Dask workers run as daemonic processes, which cannot start the process pool that "
            "enforces the time and memory limits; start them with the Dask setting "
            "distributed.worker.daemon: false (DASK_DISTRIBUTED__WORKER__DAEMON=False)"
        )
    workers = _dask_worker_threads()
    with _worker_pools_lock:
        pool = _worker_pools.get((workers, limits.max_memory_mb))
        if pool is None:
            pool = new_pool(workers, limits)
            _worker_pools[workers, limits.max_memory_mb] = pool
            atexit.register(pool.stop)
    future = pool.schedule(
        convert_document, args=(data, file_name, options), timeout=limits.timeout
    )
    return outcome_of(future, limits)


def _dask_worker_threads() -> int:
    distributed: Any = importlib.import_module("distributed")
    try:
        return int(distributed.get_worker().state.nthreads)
    except ValueError:  # -- called outside a Dask worker --
        return 1
