"""``ita-extract batch INPUT... -o OUT_DIR``: convert an archive of reports (a thin layer)."""

from __future__ import annotations

import argparse
import contextlib
import logging
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import shtab

from ita_extract.api import DEFAULT_MAX_BYTES
from ita_extract.batch import DEFAULT_MAX_MEMORY_MB, DEFAULT_TIMEOUT, BatchSummary, convert
from ita_extract.cli import (
    EXIT_INVALID,
    EXIT_OK,
    EXIT_UNREADABLE,
    STDIO,
    add_reading_options,
    completes,
    print_error,
)


def _positive(kind: Callable[[str], float]) -> Callable[[str], float]:
    def parse(text: str) -> float:
        value = kind(text)
        if value <= 0:
            raise argparse.ArgumentTypeError(f"must be positive, not {text}")
        return value

    parse.__name__ = kind.__name__  # -- argparse names the type in its error message --
    return parse


def add_parser(subparsers: Any) -> None:
    """Register the ``batch`` subcommand."""
    parser = subparsers.add_parser(
        "batch",
        help="convert many reports (files, folders, globs) into JSON and tidy tables",
        description=(
            "Convert every PDF, DOCX and DOC report that the inputs name into OUT_DIR: one JSON "
            "per report, reports.jsonl, failures.jsonl, CSV (and Parquet) tables and "
            "summary.json. Exit 0 when every document converted, 1 when some failed, 2 when "
            "none converted."
        ),
        epilog="The output files and the failure reasons: ita-extract --help-batch.",
    )
    inputs = parser.add_argument(
        "inputs",
        nargs="+",
        metavar="INPUT",
        help="file, folder or glob; - reads more inputs from stdin, one a line (find … | batch -)",
    )
    output = parser.add_argument(
        "-o", "--output", type=Path, metavar="OUT_DIR", help="the output folder (required)"
    )
    completes(inputs, shtab.FILE)
    completes(output, shtab.DIRECTORY)
    # -- the spelling of earlier versions, kept working but no longer shown --
    parser.add_argument("--out", dest="output", type=Path, help=argparse.SUPPRESS)
    parser.add_argument(
        "--jobs", type=_positive(int), metavar="N", help="worker processes (default: one per core)"
    )
    parser.add_argument(
        "--resume", action="store_true", help="skip inputs an earlier run already decided"
    )
    parser.add_argument(
        "--timeout",
        type=_positive(float),
        default=DEFAULT_TIMEOUT,
        metavar="S",
        help=f"seconds one file may take (default: {DEFAULT_TIMEOUT:g})",
    )
    parser.add_argument(
        "--max-memory",
        type=_positive(int),
        default=DEFAULT_MAX_MEMORY_MB,
        metavar="MB",
        help=f"memory one worker may grow to, in MiB (default: {DEFAULT_MAX_MEMORY_MB})",
    )
    parser.add_argument(
        "--max-file-size",
        type=_positive(float),
        default=DEFAULT_MAX_BYTES / 2**20,
        metavar="MB",
        help=f"larger files fail as too_large (default: {DEFAULT_MAX_BYTES // 2**20})",
    )
    parser.add_argument(
        "--executor",
        choices=("local", "dask"),
        default="local",
        help="local worker processes, or a Dask cluster (the dask extra; default: local)",
    )
    parser.add_argument("--scheduler", metavar="ADDRESS", help="Dask scheduler address")
    parser.add_argument(
        "--progress",
        choices=("auto", "bar", "lines", "none"),
        default="auto",
        help="a bar on a terminal, periodic lines otherwise (default: auto)",
    )
    parser.add_argument(
        "--verbose",
        action="store_true",
        help="show the log (Dask's own lines among it) on standard error",
    )
    add_reading_options(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Convert the inputs, print a one-line summary and return the exit code."""
    if args.output is None:
        print_error("batch needs an output folder: -o/--output OUT_DIR")
        return EXIT_UNREADABLE
    if args.scheduler and args.executor != "dask":
        print_error("--scheduler needs --executor dask")
        return EXIT_UNREADABLE
    with log_shown(verbose=args.verbose):
        summary = convert(
            _with_stdin(args.inputs),
            args.output,
            jobs=args.jobs,
            resume=args.resume,
            timeout=args.timeout,
            max_memory_mb=args.max_memory,
            executor=args.executor,
            scheduler=args.scheduler,
            progress=args.progress,
            keep_thai_digits=args.keep_thai_digits,
            ocr=args.ocr,
            evidence=args.evidence,
            max_bytes=int(args.max_file_size * 2**20),
        )
    print(describe(summary), file=sys.stderr)
    return exit_code(summary)


def _with_stdin(inputs: list[str]) -> list[str]:
    """Return ``inputs`` with ``-`` replaced by the lines of standard input, as ``xargs`` reads."""
    if STDIO not in inputs:
        return inputs
    listed = [line.strip() for line in sys.stdin if line.strip()]
    return [name for raw in inputs for name in (listed if raw == STDIO else [raw])]


@contextlib.contextmanager
def log_shown(*, verbose: bool) -> Iterator[None]:
    """Show log records on standard error with ``verbose``; otherwise keep them off the console.

    Without a handler, Python would print warnings (a Dask cluster's, say) on the console
    through its last-resort handler, between the progress and the summary.
    """
    root = logging.getLogger()
    handler: logging.Handler = logging.NullHandler()
    level = root.level
    if verbose:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(name)s - %(levelname)s - %(message)s"))
        root.setLevel(logging.INFO)
    root.addHandler(handler)
    logging.captureWarnings(True)
    try:
        yield
    finally:
        logging.captureWarnings(False)
        root.removeHandler(handler)
        root.setLevel(level)


def exit_code(summary: BatchSummary) -> int:
    """Return 0 when every document converted, 1 when some failed, 2 when none converted."""
    if summary.converted == 0:
        return EXIT_UNREADABLE
    return EXIT_INVALID if summary.failed else EXIT_OK


def describe(summary: BatchSummary) -> str:
    """Return one line saying what the batch did and where its outputs are."""
    failures = ", ".join(
        f"{reason} {count}" for reason, count in summary.failures_by_reason.items()
    )
    return (
        f"ita-extract batch: {summary.converted} converted, {summary.failed} failed"
        f"{f' ({failures})' if failures else ''}, {summary.skipped} skipped, "
        f"{summary.reused} from earlier runs; outputs in {summary.out_dir}"
    )
