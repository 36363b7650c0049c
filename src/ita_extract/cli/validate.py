"""``ita-extract validate FILE...``: check reports against the contract and the ITA framework."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ita_extract.cli import EXIT_INVALID, EXIT_OK, EXIT_UNREADABLE, print_error
from ita_extract.errors import ItaExtractError
from ita_extract.validate import Finding, ValidationResult, validate


@dataclass(frozen=True)
class FileOutcome:
    """What became of one file: its validation result, or why it could not be read."""

    path: Path
    result: ValidationResult | None = None
    error: ItaExtractError | None = None


def add_parser(subparsers: Any) -> None:
    """Register the ``validate`` subcommand."""
    parser = subparsers.add_parser(
        "validate",
        help="check reports against the JSON contract and the ITA framework of their year",
        description=(
            "Check report JSON (.json) or documents (PDF, DOCX, DOC; parsed first) against the "
            "JSON contract and the ITA framework of their fiscal year. Exit code: 0 when no file "
            "has an error, 1 when some file has errors, 2 when some file could not be read."
        ),
    )
    parser.add_argument("files", nargs="+", type=Path, metavar="FILE", help="reports to check")
    parser.add_argument("--json", action="store_true", help="print the findings as JSON")
    parser.add_argument(
        "--lang",
        choices=("th", "en"),
        default="th",
        help="language of the messages in the table (default: th; --json carries both)",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Validate every file, print the findings, and return the exit code."""
    outcomes = [_validate_file(path) for path in args.files]
    if args.json:
        sys.stdout.write(json.dumps(outcomes_to_json(outcomes), ensure_ascii=False, indent=2))
        sys.stdout.write("\n")
    else:
        for outcome in outcomes:
            _print_outcome(outcome, lang=args.lang)
        sys.stdout.write(summary_line(outcomes) + "\n")
    if any(outcome.error for outcome in outcomes):
        return EXIT_UNREADABLE
    if any(outcome.result and not outcome.result.valid for outcome in outcomes):
        return EXIT_INVALID
    return EXIT_OK


def _validate_file(path: Path) -> FileOutcome:
    try:
        return FileOutcome(path, result=validate(path))
    except ItaExtractError as error:
        return FileOutcome(path, error=error)


def outcomes_to_json(outcomes: list[FileOutcome]) -> dict[str, Any]:
    """Return the JSON document ``--json`` prints: one entry per file and a summary."""
    files: list[dict[str, Any]] = []
    for outcome in outcomes:
        entry: dict[str, Any] = {"file": str(outcome.path)}
        if outcome.result is not None:
            result = outcome.result
            entry |= {
                "fiscal_year": result.fiscal_year,
                "valid": result.valid,
                "errors": len(result.errors),
                "warnings": len(result.warnings),
                "findings": [finding.model_dump(mode="json") for finding in result.findings],
            }
        elif outcome.error is not None:
            entry["unreadable"] = {"reason": outcome.error.reason, "message": str(outcome.error)}
        files.append(entry)
    return {"files": files, "summary": _counts(outcomes)}


def _counts(outcomes: list[FileOutcome]) -> dict[str, int]:
    results = [outcome.result for outcome in outcomes if outcome.result is not None]
    return {
        "files": len(outcomes),
        "valid": sum(result.valid for result in results),
        "with_errors": sum(not result.valid for result in results),
        "unreadable": len(outcomes) - len(results),
        "errors": sum(len(result.errors) for result in results),
        "warnings": sum(len(result.warnings) for result in results),
    }


def summary_line(outcomes: list[FileOutcome]) -> str:
    """Return the one-line summary printed after the tables."""
    counts = _counts(outcomes)
    return (
        f"{_plural(counts['files'], 'file')}: {counts['valid']} valid, "
        f"{counts['with_errors']} with errors, {counts['unreadable']} unreadable; "
        f"{_plural(counts['errors'], 'error')}, {_plural(counts['warnings'], 'warning')} in all"
    )


def _print_outcome(outcome: FileOutcome, *, lang: str) -> None:
    if outcome.error is not None:
        print_error(str(outcome.error), source=outcome.path)
        return
    result = outcome.result
    if result is None:
        return
    year = f" (fiscal year {result.fiscal_year})" if result.fiscal_year else ""
    counts = f"{_plural(len(result.errors), 'error')}, {_plural(len(result.warnings), 'warning')}"
    sys.stdout.write(f"{outcome.path}{year}: {counts}\n")
    if result.findings:
        sys.stdout.write(findings_table(result.findings, lang=lang) + "\n")


def findings_table(findings: tuple[Finding, ...], *, lang: str = "th") -> str:
    """Return the findings as an aligned text table (severity, rule, where, message)."""
    rows = [("severity", "rule", "where", "message")]
    for finding in findings:
        where = finding.location.path or finding.location.section or ""
        if finding.location.page is not None:
            where += f" p.{finding.location.page}"
        message = finding.message_th if lang == "th" else finding.message_en
        rows.append((finding.severity.value, finding.rule, where, message))
    # the message goes last: Thai marks make its printed width differ from len()
    widths = [max(len(row[column]) for row in rows) for column in range(3)]
    return "\n".join(
        "  "
        + "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=False))
        + "  "
        + row[3]
        for row in rows
    )


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" + ("" if count == 1 else "s")
