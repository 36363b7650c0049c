"""What ``ita-extract --help-batch`` prints: the output folder and the failure reasons.

An installed package has no ``docs/`` folder, so the command line describes the batch's outputs
from the code that writes them; ``docs/batch.md`` says the same at length, and a test keeps the
two lists equal.
"""

from __future__ import annotations

import inspect

from ita_extract import errors
from ita_extract.batch.aggregate import TABLES

BATCH_REASONS = {
    "duplicate": ("skipped", "the same content as an input listed earlier (duplicate_of names it)"),
    "unsupported_format": ("skipped", "neither named nor made as a PDF, DOCX or DOC"),
    "not_a_document": ("failed", "named .pdf, .docx or .doc, but its content is none of them"),
    "timeout": ("failed", "ran past --timeout; the worker was killed and replaced"),
    "memory": ("failed", "the worker grew past --max-memory; it was stopped and replaced"),
    "crash": ("failed", "the worker process died (a native library, the OOM killer)"),
    "internal_error": ("failed", "an unexpected exception in ita-extract: please report it"),
    "unreadable": ("failed", "the file could not be opened (permissions, vanished)"),
}
"""The reasons the batch gives itself: status and meaning."""

_RUN_STOPPERS = frozenset(
    {
        errors.InputNotFoundError,
        errors.InputIsAFolderError,
        errors.WorkerStartError,
        errors.OutputInUseError,
        errors.InvalidReportError,
        errors.UnreadableInputError,
    }
)
"""Errors that stop a run or never come from reading one document: no file's reason."""

OUTPUT_FILES = (
    ("reports/<stem>-<sha12>.json", "one report per converted file, the JSON contract"),
    ("failures/<stem>-<sha12>.json", "why a file failed: reason and message"),
    ("reports.jsonl", "every report, one a line, sorted by input path"),
    ("failures.jsonl", "every failed or skipped input, with its reason"),
    ("summary.json", "counts by status, reason and warning; reports of one agency and year"),
    ("run.json", "the last run's timing"),
)


def failure_reasons() -> dict[str, tuple[str, str]]:
    """Return every reason a file can fail or be skipped for: status and meaning."""
    reasons: dict[str, tuple[str, str]] = {}
    for error_class in vars(errors).values():
        if (
            isinstance(error_class, type)
            and issubclass(error_class, errors.ItaExtractError)
            and error_class is not errors.ItaExtractError
            and error_class not in _RUN_STOPPERS
        ):
            summary = (inspect.getdoc(error_class) or "").split(". ")[0]
            reasons[error_class.reason] = ("failed", summary.removeprefix("Raise when "))
    return reasons | BATCH_REASONS


def describe_outputs() -> str:
    """Return the text of ``--help-batch``."""
    files = [f"  {name:<30} {meaning}" for name, meaning in OUTPUT_FILES]
    files += [f"  {spec.name + '.csv':<30} one row per {spec.row_name}" for spec in TABLES]
    files.append(f"  {'*.parquet':<30} the same tables, typed (with the parquet extra)")
    reasons = [
        f"  {reason:<20} {status:<8} {meaning}"
        for reason, (status, meaning) in sorted(failure_reasons().items())
    ]
    return "\n".join(
        [
            "ita-extract batch INPUT... -o OUT_DIR writes into OUT_DIR:",
            *files,
            "",
            "Failure reasons (failures.jsonl, summary.json):",
            *reasons,
            "",
            "The full guide: docs/batch.md in the source distribution.",
        ]
    )
