"""``convert``: turn an archive of reports into per-file JSON and tidy tables."""

from __future__ import annotations

import datetime
import hashlib
import os
import time
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ita_extract.api import DEFAULT_MAX_BYTES, OcrMode
from ita_extract.batch.aggregate import Entry, write_aggregates
from ita_extract.batch.executors import ExecutorName, Job, default_jobs, run_jobs
from ita_extract.batch.inputs import find_inputs
from ita_extract.batch.progress import Progress, ProgressMode, open_progress
from ita_extract.batch.store import Failure, RecordStore, dumps, record_key, write_atomically
from ita_extract.batch.task import Limits, Outcome, ParseOptions
from ita_extract.errors import DocumentTooLargeError, ItaExtractError, UnsupportedFormatError
from ita_extract.readers.detect import detect_format

DEFAULT_TIMEOUT = 300.0
"""Seconds one file may take: a real report takes seconds, OCR of a long scan a few minutes."""
DEFAULT_MAX_MEMORY_MB = 2048
"""Resident memory one worker may grow to; real reports need a few hundred MiB."""
RUN_FILE = "run.json"
"""Timing of the last run: kept out of ``summary.json`` so that file is reproducible."""

REASON_DUPLICATE = "duplicate"
REASON_UNREADABLE = "unreadable"
REASON_NOT_A_DOCUMENT = "not_a_document"
"""A file named as a document whose content is none: a report is missing, so it fails."""
DOCUMENT_SUFFIXES = frozenset({".pdf", ".docx", ".doc"})


@dataclass(frozen=True)
class BatchSummary:
    """What a batch did: the counts of ``summary.json`` and the timing of ``run.json``."""

    out_dir: Path
    inputs: int
    converted: int
    failed: int
    skipped: int
    failures_by_reason: Mapping[str, int] = field(default_factory=dict)
    skipped_by_reason: Mapping[str, int] = field(default_factory=dict)
    warnings_by_code: Mapping[str, int] = field(default_factory=dict)
    processed: int = 0
    """Files this run decided (converted, failed or skipped); the rest came from earlier runs."""
    converted_now: int = 0
    """Files a worker converted in this run: what the rate counts."""
    reused: int = 0
    """Files skipped by ``resume`` because an earlier run had already decided them."""
    elapsed_seconds: float = 0.0
    peak_worker_memory_mb: float | None = None
    """Largest peak resident memory of any worker process, where workers reported it."""


def convert(
    inputs: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    out_dir: str | os.PathLike[str],
    *,
    jobs: int | None = None,
    resume: bool = False,
    timeout: float | None = DEFAULT_TIMEOUT,
    max_memory_mb: int | None = DEFAULT_MAX_MEMORY_MB,
    executor: ExecutorName = "local",
    scheduler: str | None = None,
    progress: ProgressMode = "auto",
    keep_thai_digits: bool = False,
    ocr: OcrMode = "auto",
    max_bytes: int = DEFAULT_MAX_BYTES,
    evidence: bool = True,
) -> BatchSummary:
    """Convert every report that ``inputs`` name into ``out_dir``; return what happened.

    One bad file never stops the run: a file that raises, runs past ``timeout`` seconds or
    grows past ``max_memory_mb`` is recorded as failed with its reason, and its worker process
    is replaced. See ``docs/batch.md`` for the output files.

    Args:
        inputs: files, folders (walked recursively) and glob patterns, or just one of them.
            Files are told apart by content: anything not a PDF, DOCX or DOC is skipped,
            except that a file named .pdf, .docx or .doc fails (``not_a_document``). A file
            whose content an earlier input has is listed as a ``duplicate`` of it.
        out_dir: the output folder, created if needed.
        jobs: worker processes; default one per core. On the Dask cluster at ``scheduler``
            its threads do the work, and ``jobs`` only caps the files in flight (twice
            ``jobs``); the local Dask cluster started without ``scheduler`` has ``jobs`` threads.
        resume: skip inputs whose content an earlier run into ``out_dir`` already decided.
        timeout: seconds one file may take; None for no limit.
        max_memory_mb: resident memory one worker may grow to; None for no limit.
        executor: ``"local"`` worker processes, or ``"dask"`` (the optional ``dask`` extra).
        scheduler: address of the Dask scheduler; None starts a local Dask cluster, whose
            log lines go to :mod:`logging` rather than the console.
        progress: ``"auto"`` (a bar on a terminal, periodic lines otherwise), ``"bar"``,
            ``"lines"`` or ``"none"``; printed on standard error.
        keep_thai_digits: passed to :func:`ita_extract.parse`.
        ocr: passed to :func:`ita_extract.parse`.
        max_bytes: larger files fail with reason ``too_large`` without being read.
        evidence: passed to :func:`ita_extract.parse`; False for leaner JSON.

    Raises:
        InputNotFoundError: an input names no file, folder or glob match.
        MissingDependencyError: ``executor="dask"`` without the ``dask`` extra.
        ValueError: ``jobs``, ``timeout`` or ``max_memory_mb`` is not positive.
    """
    started_at, started = datetime.datetime.now(datetime.UTC), time.monotonic()
    for name, value in (("jobs", jobs), ("timeout", timeout), ("max_memory_mb", max_memory_mb)):
        if value is not None and value <= 0:
            raise ValueError(f"{name} must be positive, not {value}")
    out = Path(out_dir)
    # -- one path is one input, not an iterable of one-letter inputs --
    paths = find_inputs([inputs] if isinstance(inputs, str | os.PathLike) else inputs, exclude=out)
    store = RecordStore(out)
    options = ParseOptions(
        keep_thai_digits=keep_thai_digits, ocr=ocr, max_bytes=max_bytes, evidence=evidence
    )
    limits = Limits(timeout=timeout, max_memory_mb=max_memory_mb)
    with store.open():
        screening = _Screening(paths, store, options, resume=resume)
        display = open_progress(progress, total=len(paths))
        try:
            outcomes = run_jobs(
                screening.jobs(display),
                executor=executor,
                workers=jobs,
                scheduler=scheduler,
                options=options,
                limits=limits,
            )
            converted_now, peak_memory = _save_all(outcomes, store, display)
        finally:
            display.close()
        totals = write_aggregates(screening.entries(), store)
        summary = BatchSummary(
            out_dir=out,
            inputs=totals.inputs,
            converted=totals.by_status["converted"],
            failed=totals.by_status["failed"],
            skipped=totals.by_status["skipped"],
            failures_by_reason=dict(sorted(totals.failures_by_reason.items())),
            skipped_by_reason=dict(sorted(totals.skipped_by_reason.items())),
            warnings_by_code=dict(sorted(totals.warnings_by_code.items())),
            processed=len(paths) - screening.reused,
            reused=screening.reused,
            converted_now=converted_now,
            elapsed_seconds=time.monotonic() - started,
            peak_worker_memory_mb=peak_memory / 2**20 if peak_memory else None,
        )
        # -- locally, and on the Dask cluster the run starts itself, jobs defaults to the cores --
        _write_run_file(
            summary,
            started_at,
            executor=executor,
            jobs=jobs or (None if scheduler else default_jobs()),
        )
    return summary


def _save_all(
    outcomes: Iterable[tuple[str, Outcome]], store: RecordStore, display: Progress
) -> tuple[int, int]:
    """Store every outcome as it arrives; return the conversions and the largest peak memory."""
    converted = peak_memory = 0
    for key, outcome in outcomes:
        if outcome.report_json is not None:
            store.save_report(key, outcome.report_json)
            converted += 1
        else:
            store.save_failure(key, Failure(outcome.reason or "error", outcome.message or ""))
        peak_memory = max(peak_memory, outcome.peak_memory_bytes or 0)
        display.advance("converted" if outcome.report_json is not None else "failed")
    return converted, peak_memory


@dataclass(frozen=True)
class _Verdict:
    """What screening made of one input."""

    entry: Entry
    """Final, or provisional with status ``converted`` (its record decides in the end)."""
    data: bytes | None = None
    """The file's bytes, when a worker must convert it."""
    reused: bool = False
    """An earlier run decided the file (``resume``)."""


class _Screening:
    """Read each input once, decide what can be decided without a worker, and queue the rest.

    What a worker decides is read back from the records afterwards, so the entries of a
    resumed run and of an uninterrupted one come from the same place.
    """

    def __init__(
        self, paths: list[Path], store: RecordStore, options: ParseOptions, *, resume: bool
    ) -> None:
        self.paths, self.store, self.options, self.resume = paths, store, options, resume
        self.reused = 0
        self._decided: dict[Path, Entry] = {}
        self._first_of_content: dict[str, Path] = {}

    def jobs(self, progress: Progress) -> Iterator[Job]:
        """Yield the files that need a worker; count the others in ``progress`` at once."""
        for path in self.paths:
            verdict = self._screen(path)
            self._decided[path] = verdict.entry
            if verdict.data is not None and verdict.entry.key is not None:
                yield Job(key=verdict.entry.key, file_name=path.name, data=verdict.data)
            elif verdict.reused:
                self.reused += 1
                progress.drop()
            else:
                progress.advance(verdict.entry.status)

    def _screen(self, path: Path) -> _Verdict:
        try:
            size = path.stat().st_size
            # -- a file over the limit is hashed as a stream, never held in memory --
            data = None if size > self.options.max_bytes else path.read_bytes()
            sha256 = _sha256_of_file(path) if data is None else hashlib.sha256(data).hexdigest()
        except OSError as error:
            return _Verdict(
                Entry(path, None, "failed", reason=REASON_UNREADABLE, message=str(error))
            )
        first = self._first_of_content.setdefault(sha256, path)
        if first != path:
            message = f"the same content as {first.as_posix()}"
            duplicate = Entry(path, sha256, "skipped", None, REASON_DUPLICATE, message, first)
            return _Verdict(duplicate)
        key = record_key(path, sha256)
        pending = Entry(path, sha256, "converted", key=key)
        if self.resume and self.store.is_done(key):
            return _Verdict(pending, reused=True)
        try:
            if data is None:
                raise DocumentTooLargeError(
                    f"the file is {size / 2**20:.1f} MiB, "
                    f"over the limit of {self.options.max_bytes / 2**20:.0f} MiB"
                )
            detect_format(data)
        except ItaExtractError as error:
            reason = error.reason
            if isinstance(error, UnsupportedFormatError):
                if path.suffix.lower() not in DOCUMENT_SUFFIXES:
                    return _Verdict(Entry(path, sha256, "skipped", None, reason, str(error)))
                reason = REASON_NOT_A_DOCUMENT
            # -- too large, empty or broken: recorded like a worker's verdict, so resume skips it --
            self.store.save_failure(key, Failure(reason, str(error)))
            return _Verdict(Entry(path, sha256, "failed", key, reason, str(error)))
        return _Verdict(pending, data)

    def entries(self) -> list[Entry]:
        """Return every input's final entry, in input order, workers' verdicts read back."""
        return [self._final(self._decided[path]) for path in self.paths]

    def _final(self, entry: Entry) -> Entry:
        if entry.status != "converted" or entry.key is None:
            return entry
        if self.store.report_path(entry.key).is_file():
            return entry
        failure = self.store.load_failure(entry.key)
        if failure is None:
            raise RuntimeError(f"no record of {entry.path} in {self.store.out_dir}")
        return Entry(entry.path, entry.sha256, "failed", entry.key, failure.reason, failure.message)


def _sha256_of_file(path: Path) -> str:
    with path.open("rb") as stream:
        return hashlib.file_digest(stream, "sha256").hexdigest()


def _write_run_file(
    summary: BatchSummary, started_at: datetime.datetime, *, executor: str, jobs: int | None
) -> None:
    minutes = summary.elapsed_seconds / 60
    run = {
        "started_at": started_at.isoformat(timespec="seconds"),
        "elapsed_seconds": round(summary.elapsed_seconds, 3),
        "executor": executor,
        "jobs": jobs,
        "processed": summary.processed,
        "reused": summary.reused,
        "converted_now": summary.converted_now,
        "files_per_minute": (
            round(summary.converted_now / minutes, 1) if minutes and summary.converted_now else None
        ),
        "peak_worker_memory_mb": (
            round(summary.peak_worker_memory_mb, 1) if summary.peak_worker_memory_mb else None
        ),
    }
    write_atomically(summary.out_dir / RUN_FILE, dumps(run, indent=2) + "\n")
