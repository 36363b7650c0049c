"""``ita-extract schema``: print the JSON Schema of the output contract."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from ita_extract.cli import EXIT_OK
from ita_extract.report import SCHEMA_VERSION, Report

JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_ID = f"urn:ita-extract:report:{SCHEMA_VERSION}"
"""A name, not an address: validators use it to tell schema versions apart, never to fetch."""


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
    schema = {
        "$schema": JSON_SCHEMA_DIALECT,
        "$id": SCHEMA_ID,
        **Report.model_json_schema(mode="serialization"),
    }
    sys.stdout.write(json.dumps(schema, ensure_ascii=False, indent=2) + "\n")
    return EXIT_OK
