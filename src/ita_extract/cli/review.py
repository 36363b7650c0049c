"""``ita-extract review FILE -o review.html``: write a report's review page."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

import shtab

from ita_extract.cli import EXIT_OK, add_reading_options, completes
from ita_extract.review import review


def add_parser(subparsers: Any) -> None:
    """Register the ``review`` subcommand."""
    parser = subparsers.add_parser(
        "review",
        help="write an HTML page showing where each value was read",
        description="Read one report and write one self-contained HTML page: its pages with "
        "every extracted value boxed, beside the records and what validation found. A DOCX "
        "or DOC is converted to PDF with LibreOffice to be shown.",
    )
    source = parser.add_argument("file", type=Path, help="the report to review")
    output = parser.add_argument(
        "-o", "--output", type=Path, required=True, help="the HTML file to write"
    )
    completes(source, shtab.FILE)
    completes(output, shtab.FILE)
    add_reading_options(parser, evidence=False)
    parser.add_argument(
        "--jobs", type=int, default=1, metavar="N", help="worker processes for OCR (default: 1)"
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Write the review page of ``args.file`` to ``args.output``."""
    review(
        args.file,
        args.output,
        ocr=args.ocr,
        jobs=args.jobs,
        keep_thai_digits=args.keep_thai_digits,
    )
    print(f"ita-extract: wrote {args.output}", file=sys.stderr)
    return EXIT_OK
