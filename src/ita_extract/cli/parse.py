"""``ita-extract parse FILE``: print one report as JSON."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ita_extract.api import parse
from ita_extract.cli import EXIT_OK, add_reading_options


def add_parser(subparsers: Any) -> None:
    """Register the ``parse`` subcommand."""
    parser = subparsers.add_parser(
        "parse",
        help="read one report and print its JSON",
        description="Read one ITA analysis report (PDF, DOCX or DOC) and print its JSON.",
    )
    parser.add_argument("file", type=Path, help="the report to read")
    parser.add_argument("-o", "--output", type=Path, help="write the JSON here instead of stdout")
    parser.add_argument("--pretty", action="store_true", help="indent the JSON for reading")
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
    """Parse ``args.file`` and write its JSON."""
    report = parse(args.file, keep_thai_digits=args.keep_thai_digits, ocr=args.ocr, jobs=args.jobs)
    text = report.model_dump_json(indent=2 if args.pretty else None)
    if args.output is None:
        sys.stdout.write(text + "\n")
    else:
        args.output.write_text(text + "\n", encoding="utf-8")
    return EXIT_OK
