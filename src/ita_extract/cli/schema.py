"""``ita-extract schema``: print the JSON Schema of the output contract."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from ita_extract.cli import EXIT_OK
from ita_extract.report import Report


def add_parser(subparsers: Any) -> None:
    """Register the ``schema`` subcommand."""
    parser = subparsers.add_parser(
        "schema",
        help="print the JSON Schema of the report JSON",
        description="Print the JSON Schema (draft 2020-12) that every report JSON follows.",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Print the schema."""
    schema = Report.model_json_schema(mode="serialization")
    sys.stdout.write(json.dumps(schema, ensure_ascii=False, indent=2) + "\n")
    return EXIT_OK
