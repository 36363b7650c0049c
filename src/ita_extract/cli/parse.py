"""``ita-extract parse FILE...``: print reports as JSON (several as JSON Lines)."""

from __future__ import annotations

import argparse
import sys
from contextlib import ExitStack
from pathlib import Path
from typing import IO, Any

import shtab

from ita_extract.api import DEFAULT_MAX_BYTES, ReportSource, parse
from ita_extract.cli import (
    EXIT_INVALID,
    EXIT_OK,
    EXIT_UNREADABLE,
    STDIO,
    add_reading_options,
    completes,
    open_output,
    print_error,
)
from ita_extract.errors import ItaExtractError
from ita_extract.report import Report
from ita_extract.warning_codes import NEEDS_A_LOOK, severity_counts, summary_line


def add_parser(subparsers: Any) -> None:
    """Register the ``parse`` subcommand."""
    parser = subparsers.add_parser(
        "parse",
        help="read reports and print their JSON",
        description=(
            "Read ITA analysis reports (PDF, DOCX or DOC) and print their JSON: one JSON "
            "document for one input, JSON Lines (one report a line) for several. A file that "
            "cannot be read is one line on standard error; with several inputs the others go "
            "on, and the exit code is 1."
        ),
    )
    files = parser.add_argument(
        "files", nargs="+", type=Path, metavar="FILE", help="the reports to read; - is stdin"
    )
    output = parser.add_argument(
        "-o", "--output", type=Path, help="write the JSON here instead of stdout (- is stdout)"
    )
    completes(files, shtab.FILE)
    completes(output, shtab.FILE)
    parser.add_argument(
        "--pretty", action="store_true", help="indent the JSON for reading (one input only)"
    )
    parser.add_argument(
        "--strict",
        action="store_true",
        help="exit 1 when any warning is doubtful or missing (the JSON is written all the same)",
    )
    add_reading_options(parser)
    parser.add_argument(
        "--jobs",
        type=int,
        default=1,
        metavar="N",
        help="worker processes for OCR of a scanned PDF's pages (default: 1)",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Parse every input and write its JSON; report each failure on one line."""
    several = len(args.files) > 1
    if several and args.pretty:
        print_error("--pretty needs a single input: several are written as JSON Lines")
        return EXIT_UNREADABLE
    failed = needs_a_look = 0
    with ExitStack() as stack:
        output: IO[str] | None = None
        for path in args.files:
            try:
                report = parse(
                    _source(path),
                    keep_thai_digits=args.keep_thai_digits,
                    ocr=args.ocr,
                    jobs=args.jobs,
                    evidence=args.evidence,
                )
            except ItaExtractError as error:
                print_error(str(error), source=path)
                failed += 1
                continue
            # -- opened at the first report, so a failed single input leaves no empty file --
            output = output or stack.enter_context(open_output(args.output))
            output.write(report.model_dump_json(indent=2 if args.pretty else None) + "\n")
            needs_a_look += _tell_warnings(report, source=path if several else None)
    if failed:
        return EXIT_INVALID if several else EXIT_UNREADABLE
    return EXIT_INVALID if args.strict and needs_a_look else EXIT_OK


def _tell_warnings(report: Report, *, source: Path | None) -> bool:
    """Print a report's warnings counted by severity on one line; say if any needs a look."""
    codes = [warning.code for warning in report.warnings]
    summary = summary_line(codes)
    if summary is not None:
        print_error(f'{summary}; see "warnings" in the JSON', source=source)
    counts = severity_counts(codes)
    return any(counts[severity] for severity in NEEDS_A_LOOK)


def _source(path: Path) -> ReportSource:
    """Return what to parse for ``path``: standard input's bytes for ``-``."""
    if str(path) == STDIO:
        return sys.stdin.buffer.read(DEFAULT_MAX_BYTES + 1)
    return path
