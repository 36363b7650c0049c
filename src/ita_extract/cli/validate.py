"""``ita-extract validate FILE...``: check reports against the contract and the ITA framework."""

from __future__ import annotations

import argparse
import json
import sys
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import shtab

from ita_extract.api import read_path
from ita_extract.batch.inputs import find_inputs
from ita_extract.cli import (
    EXIT_INVALID,
    EXIT_OK,
    EXIT_UNREADABLE,
    STDIO,
    completes,
    print_error,
)
from ita_extract.errors import InputNotFoundError, InvalidReportError, ItaExtractError
from ita_extract.report import Warning
from ita_extract.validate import Finding, ValidationResult, validate, validate_data
from ita_extract.warning_codes import WarningSeverity
from ita_extract.warning_codes import summary_line as warnings_summary

JSON_LINES_SUFFIXES = frozenset({".jsonl", ".ndjson"})
"""Files of one report a line, as ``batch`` writes ``reports.jsonl``."""
CHECKABLE_SUFFIXES = frozenset({".json", ".pdf", ".docx", ".doc"}) | JSON_LINES_SUFFIXES
"""What a folder's walk picks up; a file named on the command line is checked whatever its name."""
STDIN_LABEL = "<stdin>"

_PARSE_WARNINGS = {"th": "คำเตือนจากการอ่านเอกสาร", "en": "parse warnings"}
"""The label of the report's own warnings, listed after its findings."""


@dataclass(frozen=True)
class FileOutcome:
    """What became of one report: its validation result, or why it could not be read.

    ``path`` names the report: a file, ``FILE:LINE`` for a line of JSON Lines, ``<stdin>``.
    """

    path: str
    result: ValidationResult | None = None
    error: ItaExtractError | None = None


def add_parser(subparsers: Any) -> None:
    """Register the ``validate`` subcommand."""
    parser = subparsers.add_parser(
        "validate",
        help="check reports against the JSON contract and the ITA framework of their year",
        description=(
            "Check report JSON (.json, or JSON Lines: .jsonl, one report a line) or documents "
            "(PDF, DOCX, DOC; parsed first) against the JSON contract and the ITA framework of "
            "their fiscal year. Folders are walked for such files; - reads JSON or JSON Lines "
            "from standard input. Exit code: 0 when no report has an error, 1 when some report "
            "has errors, 2 when some input could not be read."
        ),
    )
    files = parser.add_argument(
        "files",
        nargs="+",
        metavar="INPUT",
        help="report files (.json, .jsonl, PDF, DOCX, DOC), folders, globs; - is stdin",
    )
    completes(files, shtab.FILE)
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
    outcomes = [outcome for raw in args.files for outcome in _outcomes_of(raw)]
    if args.json:
        sys.stdout.write(json.dumps(outcomes_to_json(outcomes), ensure_ascii=False, indent=2))
        sys.stdout.write("\n")
    else:
        for outcome in outcomes:
            _print_outcome(outcome, lang=args.lang)
        sys.stdout.write(summary_line(outcomes, lang=args.lang) + "\n")
    if any(outcome.error for outcome in outcomes):
        return EXIT_UNREADABLE
    if any(outcome.result and not outcome.result.valid for outcome in outcomes):
        return EXIT_INVALID
    return EXIT_OK


def _outcomes_of(raw: str) -> Iterator[FileOutcome]:
    """Yield the outcome of every report that one command-line input names."""
    if raw == STDIO:
        yield from _outcomes_of_text(sys.stdin.buffer.read(), STDIN_LABEL, lines=None)
        return
    try:
        paths = find_inputs([raw], in_folders=_checkable)
    except InputNotFoundError as error:
        yield FileOutcome(raw, error=error)
        return
    for path in paths:
        if path.suffix.lower() in JSON_LINES_SUFFIXES:
            try:
                data = read_path(path)
            except ItaExtractError as error:
                yield FileOutcome(str(path), error=error)
                continue
            yield from _outcomes_of_text(data, str(path), lines=True)
        else:
            try:
                yield FileOutcome(str(path), result=validate(path))
            except ItaExtractError as error:
                yield FileOutcome(str(path), error=error)


def _checkable(path: Path) -> bool:
    return path.suffix.lower() in CHECKABLE_SUFFIXES


def _outcomes_of_text(data: bytes, label: str, *, lines: bool | None) -> Iterator[FileOutcome]:
    """Yield the outcomes of JSON text: one document, or (``lines``) one report a line.

    With ``lines=None`` the text decides: one JSON document, else JSON Lines.
    """
    if not lines:
        try:
            yield FileOutcome(label, result=validate_data(json.loads(data), source=label))
            return
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            if lines is False or not data.strip().count(b"\n"):
                yield FileOutcome(label, error=InvalidReportError(f"not JSON: {error}"))
                return
    for number, line in enumerate(data.splitlines(), 1):
        if not line.strip():
            continue
        where = f"{label}:{number}"
        try:
            yield FileOutcome(where, result=validate_data(json.loads(line), source=where))
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            yield FileOutcome(
                where, error=InvalidReportError(f"line {number} is not JSON: {error}")
            )


def outcomes_to_json(outcomes: list[FileOutcome]) -> dict[str, Any]:
    """Return the JSON document ``--json`` prints: one entry per file and a summary."""
    files: list[dict[str, Any]] = []
    for outcome in outcomes:
        entry: dict[str, Any] = {"file": outcome.path}
        if outcome.result is not None:
            result = outcome.result
            entry |= {
                "fiscal_year": result.fiscal_year,
                "valid": result.valid,
                "errors": len(result.errors),
                "warnings": len(result.warnings),
                "findings": [finding.model_dump(mode="json") for finding in result.findings],
                "parse_warnings": [
                    warning.model_dump(mode="json") for warning in result.parse_warnings
                ],
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


Row = tuple[str, str, str, str, str]

_HEADERS: dict[str, Row] = {
    "th": ("ระดับ", "กฎ", "ตำแหน่ง", "ตำแหน่งใน JSON", "ข้อความ"),
    "en": ("severity", "rule", "where", "JSON path", "message"),
}
_SEVERITIES = {
    "th": {"error": "ข้อผิดพลาด", "warning": "คำเตือน"},
    "en": {"error": "error", "warning": "warning"},
}


def summary_line(outcomes: list[FileOutcome], *, lang: str = "en") -> str:
    """Return the one-line summary printed after the tables."""
    counts = _counts(outcomes)
    if lang == "th":
        return (
            f"{counts['files']} รายงาน: ถูกต้อง {counts['valid']}, "
            f"มีข้อผิดพลาด {counts['with_errors']}, อ่านไม่ได้ {counts['unreadable']}; "
            f"รวมข้อผิดพลาด {counts['errors']} รายการ คำเตือน {counts['warnings']} รายการ"
        )
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
    errors, warnings = len(result.errors), len(result.warnings)
    if lang == "th":
        year = f" (ปีงบประมาณ {result.fiscal_year})" if result.fiscal_year else ""
        counts = f"ข้อผิดพลาด {errors} รายการ คำเตือน {warnings} รายการ"
    else:
        year = f" (fiscal year {result.fiscal_year})" if result.fiscal_year else ""
        counts = f"{_plural(errors, 'error')}, {_plural(warnings, 'warning')}"
    sys.stdout.write(f"{outcome.path}{year}: {counts}\n")
    if result.findings:
        sys.stdout.write(findings_table(result.findings, lang=lang) + "\n")
    summary = warnings_summary((warning.code for warning in result.parse_warnings), lang=lang)
    if summary is not None:
        sys.stdout.write(f"  {_PARSE_WARNINGS[lang]}: {summary}\n")
        sys.stdout.write(parse_warnings_table(result.parse_warnings, lang=lang) + "\n")


def parse_warnings_table(warnings: tuple[Warning, ...], *, lang: str = "th") -> str:
    """Return a report's own warnings as an aligned table: severity, code, page, message.

    The messages are the parser's own, in English: they quote what was read.
    """
    page = "หน้า" if lang == "th" else "p."
    rows = [
        (
            _severity_name(warning.severity, lang),
            warning.code,
            "" if warning.page is None else f"{page}{warning.page}",
            warning.message,
        )
        for warning in warnings
    ]
    return _aligned(rows, indent="    ")


def _severity_name(severity: WarningSeverity | None, lang: str) -> str:
    if severity is None:
        return ""
    return severity.thai if lang == "th" else str(severity)


def findings_table(findings: tuple[Finding, ...], *, lang: str = "th") -> str:
    """Return the findings as an aligned table: severity, rule, place, JSON path, message."""
    rows = [_HEADERS[lang]]
    for finding in findings:
        location = finding.location
        place = (location.place_th if lang == "th" else location.place_en) or ""
        message = finding.message_th if lang == "th" else finding.message_en
        path = location.path or location.section or ""
        severity = _SEVERITIES[lang][finding.severity.value]
        rows.append((severity, finding.rule, place, path, message))
    return _aligned(rows, indent="  ")


def _aligned(rows: Sequence[Sequence[str]], *, indent: str) -> str:
    """Return ``rows`` as columns padded to their widest cell; the last column runs free."""
    padded = len(rows[0]) - 1
    widths = [max(_width(row[column]) for row in rows) for column in range(padded)]
    return "\n".join(
        indent
        + "".join(
            cell + " " * (width - _width(cell) + 2)
            for cell, width in zip(row[:padded], widths, strict=True)
        )
        + row[padded]
        for row in rows
    )


def _width(text: str) -> int:
    """Return the columns ``text`` takes on a terminal: Thai marks above and below take none."""
    return sum(unicodedata.category(character) != "Mn" for character in text)


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" + ("" if count == 1 else "s")
