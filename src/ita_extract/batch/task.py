"""The per-file task that runs in a worker process, and the guards around it.

The same task runs in local worker processes and in the worker programs of Dask workers
(:mod:`subprocess_pool`): it receives the file's bytes (so a cluster needs no shared file
system) and returns an :class:`Outcome` that the client writes. It never raises for a bad
input: every problem becomes a failure with a stable reason.
"""

from __future__ import annotations

import contextlib
import importlib
import os
import signal
import sys
import threading
from concurrent.futures import Future
from dataclasses import dataclass
from typing import NoReturn

from pebble import ProcessExpired

from ita_extract.api import DEFAULT_MAX_BYTES, OcrMode, parse
from ita_extract.errors import ItaExtractError
from ita_extract.readers.doc import stop_conversions

MEMORY_EXIT_CODE = 86
"""Exit status of a worker that stopped itself for growing past the memory limit."""

REASON_TIMEOUT = "timeout"
REASON_MEMORY = "memory"
REASON_CRASH = "crash"
REASON_INTERNAL = "internal_error"
"""An unexpected exception inside ita_extract: a bug to report, not a bad input."""

_MEMORY_POLL_SECONDS = 0.05
_WARM_UP_MODULES = (
    "ita_extract.readers.pdf",
    "ita_extract.readers.docx",
    "ita_extract.readers.doc",
)


@dataclass(frozen=True)
class ParseOptions:
    """The options every file of a batch is parsed with (see :func:`ita_extract.parse`)."""

    keep_thai_digits: bool = False
    ocr: OcrMode = "auto"
    max_bytes: int = DEFAULT_MAX_BYTES
    evidence: bool = True


@dataclass(frozen=True)
class Limits:
    """What a single file may cost before its worker is stopped and replaced.

    ``None`` means no limit.
    """

    timeout: float | None = None
    max_memory_mb: int | None = None


@dataclass(frozen=True)
class Outcome:
    """The result of one file: the report's JSON, or the reason it failed."""

    report_json: str | None = None
    reason: str | None = None
    message: str | None = None
    peak_memory_bytes: int | None = None
    """Peak resident memory of the worker process so far; not written to the outputs."""

    @classmethod
    def failure(cls, reason: str, message: str) -> Outcome:
        """Return the outcome of a file that could not be converted."""
        return cls(reason=reason, message=message)


def convert_document(data: bytes, file_name: str, options: ParseOptions) -> Outcome:
    """Parse one file's bytes and return its report as JSON, or why it failed.

    Runs inside a worker process; ``file_name`` becomes ``source.file`` of the report.
    """
    try:
        report = parse(
            data,
            keep_thai_digits=options.keep_thai_digits,
            ocr=options.ocr,
            max_bytes=options.max_bytes,
            evidence=options.evidence,
        )
        report.source.file = file_name
        report_json = report.model_dump_json(indent=2)
    except ItaExtractError as error:
        return Outcome(reason=error.reason, message=str(error), peak_memory_bytes=peak_memory())
    except MemoryError:
        return Outcome(reason=REASON_MEMORY, message="ran out of memory")
    except Exception as error:
        # -- a bug in a reader or builder must not stop the batch; the message names it --
        return Outcome(
            reason=REASON_INTERNAL,
            message=f"{type(error).__name__}: {error}",
            peak_memory_bytes=peak_memory(),
        )
    return Outcome(report_json=report_json, peak_memory_bytes=peak_memory())


def outcome_of(future: Future[Outcome], limits: Limits) -> Outcome:
    """Return the outcome of a finished worker task, turning a stopped worker into a failure.

    ``future`` is a :mod:`pebble` future: a task past its timeout, or whose worker died, raises
    here, and pebble has already replaced the worker.
    """
    try:
        return future.result()
    except TimeoutError:
        return timeout_failure(limits)
    except ProcessExpired as error:
        return exit_failure(error.exitcode, limits)


def timeout_failure(limits: Limits) -> Outcome:
    """Return the outcome of a file whose worker was killed for running past the timeout."""
    return Outcome.failure(REASON_TIMEOUT, f"took longer than {limits.timeout:g} s")


def exit_failure(exitcode: int, limits: Limits) -> Outcome:
    """Return the outcome of a file whose worker process ended with ``exitcode`` while on it.

    A negative ``exitcode`` is the signal that killed the process, as both pebble and
    :mod:`subprocess` report it.
    """
    if exitcode == MEMORY_EXIT_CODE:
        return Outcome.failure(REASON_MEMORY, f"grew past {limits.max_memory_mb} MiB")
    return Outcome.failure(REASON_CRASH, f"the worker process died (exit {exitcode})")


def init_worker(max_memory_mb: int | None) -> None:
    """Prepare a pool's worker process: leave Ctrl-C to the parent, load, guard the memory.

    Ctrl-C reaches every process of the terminal's group; a worker that died of it would be
    recorded as a crash of the file it was reading, and resume would then skip that file.
    The parent stops the workers itself, with SIGTERM first (pebble, and the worker programs'
    pool, for a file past its timeout): the worker then ends at once, through :func:`stop_worker`.
    The readers are imported here, before any task starts, so a file's timeout measures its
    reading and not the worker's start-up.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, lambda signum, _frame: stop_worker(128 + signum))
    for module in _WARM_UP_MODULES:
        with contextlib.suppress(ImportError):  # -- the task itself will report what is missing
            importlib.import_module(module)
    start_memory_watchdog(max_memory_mb)


def stop_worker(status: int) -> NoReturn:
    """End this worker process at once with ``status``, leaving no conversion running.

    A LibreOffice conversion runs in a session of its own and would outlive the worker, with
    its profile folder; :func:`~ita_extract.readers.doc.stop_conversions` ends it first. Nothing
    else is cleaned up: the worker may be stopped in the middle of any file.
    """
    stop_conversions()
    os._exit(status)


def start_memory_watchdog(max_memory_mb: int | None) -> None:
    """Stop this process as soon as its resident memory grows past ``max_memory_mb`` MiB.

    A thread polls the resident set size, because an address-space rlimit also counts memory
    that is mapped but never used (thread stacks, allocator arenas) and would fail good files.
    The exit status tells the pool why the worker ended.
    """
    if max_memory_mb is None:
        return
    limit = max_memory_mb * 2**20

    def watch() -> None:
        stop = threading.Event()
        while not stop.wait(_MEMORY_POLL_SECONDS):
            if resident_memory() > limit:
                stop_worker(MEMORY_EXIT_CODE)

    threading.Thread(target=watch, name="ita-extract-memory-watchdog", daemon=True).start()


def resident_memory() -> int:
    """Return this process's resident memory in bytes (its peak, where the current is unknown)."""
    try:
        with open("/proc/self/statm", "rb") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except OSError:
        return peak_memory()


def peak_memory() -> int:
    """Return this process's peak resident memory in bytes (0 where the system cannot say)."""
    try:
        import resource
    except ImportError:  # -- Windows: no limit, no figure, but the batch still runs --
        return 0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    # -- Linux reports kibibytes, macOS bytes --
    return peak if sys.platform == "darwin" else peak * 1024
