"""Rebuild the aggregate outputs of a batch from its per-file records.

The aggregates (``reports.jsonl``, ``failures.jsonl``, the tidy CSV and Parquet tables and
``summary.json``) depend only on the list of inputs and their records, never on the order in
which workers finished or on the clock, so an interrupted-then-resumed run writes the very
bytes an uninterrupted run writes.
"""

from __future__ import annotations

import csv
import importlib.util
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Literal

from ita_extract.batch.store import RecordStore, atomic_target, dumps, write_atomically
from ita_extract.report import SCHEMA_VERSION, Assessment, PlanRow, Report, Tool
from ita_extract.warning_codes import SEVERITY_ORDER, WarningSeverity, severity_counts

Status = Literal["converted", "failed", "skipped"]
Cell = str | int | float | bool | tuple[str, ...] | None
ColumnKind = Literal["string", "int", "float", "bool", "strings"]
"""``strings`` is a list: ``list<string>`` in Parquet, joined in one CSV cell."""

LIST_SEPARATOR = "\n"
"""Joins a list of free-text values (measures, steps, responsible units) in one CSV cell."""
CODE_SEPARATOR = ";"
"""Joins a list of item codes or references in one CSV cell."""
_PARQUET_ROW_GROUP = 10_000


@dataclass(frozen=True)
class Entry:
    """What became of one input file in this batch."""

    path: Path
    sha256: str | None
    status: Status
    key: str | None = None
    """Name of the file's records; set for every file whose bytes could be read."""
    reason: str | None = None
    message: str | None = None
    duplicate_of: Path | None = None
    """The input listed earlier with the very same content (reason ``duplicate``)."""


@dataclass(frozen=True)
class Column:
    """A column of a tidy table and the type it has in Parquet."""

    name: str
    kind: ColumnKind
    separator: str = LIST_SEPARATOR
    """What joins a ``strings`` column's values in its CSV cell."""


@dataclass(frozen=True)
class TableSpec:
    """A tidy table: one row per record of one kind, after the columns naming the report."""

    name: str
    row_name: str
    """What one row stands for, for ``--help-batch``."""
    columns: tuple[Column, ...]
    rows: Callable[[Report], Iterable[tuple[Cell, ...]]]
    same_report_column: bool = False
    """End each row with ``same_report_as``: the other inputs holding this agency's report
    of the same fiscal year (a PDF and its DOCX, or two versions)."""


SAME_REPORT_COLUMN = Column("same_report_as", "strings")


@dataclass
class Totals:
    """The counts that ``summary.json`` reports."""

    inputs: int = 0
    by_status: Counter[str] = field(default_factory=Counter)
    failures_by_reason: Counter[str] = field(default_factory=Counter)
    skipped_by_reason: Counter[str] = field(default_factory=Counter)
    warnings_by_code: Counter[str] = field(default_factory=Counter)
    below_full_completeness: int = 0
    """Converted reports whose completeness share is below 1 (a part expected, not found)."""
    same_reports: list[dict[str, Any]] = field(default_factory=list)
    """Groups of inputs that hold one agency's report of one fiscal year."""

    def as_json(self) -> dict[str, Any]:
        """Return the content of ``summary.json``."""
        return {
            "schema_version": SCHEMA_VERSION,
            "inputs": self.inputs,
            "converted": self.by_status["converted"],
            "failed": self.by_status["failed"],
            "skipped": self.by_status["skipped"],
            "failures_by_reason": dict(sorted(self.failures_by_reason.items())),
            "skipped_by_reason": dict(sorted(self.skipped_by_reason.items())),
            "warnings_by_code": dict(sorted(self.warnings_by_code.items())),
            "warnings_by_severity": {
                str(severity): count
                for severity, count in severity_counts(self.warnings_by_code.elements()).items()
            },
            "below_full_completeness": self.below_full_completeness,
            "same_report": self.same_reports,
        }


_REPORT_COLUMNS = (
    Column("source_path", "string"),
    Column("source_sha256", "string"),
    Column("agency", "string"),
    Column("province", "string"),
    Column("fiscal_year", "int"),
)
"""The columns that open every row of every table, so each row stands on its own."""


def _report_row(report: Report) -> Iterable[tuple[Cell, ...]]:
    overall, source = report.overall, report.source
    plan_year = report.action_plan.fiscal_year if report.action_plan else None
    signed = report.signature.date
    share = report.completeness.share if report.completeness is not None else None
    by_severity = severity_counts(warning.code for warning in report.warnings)
    return [
        (
            report.agency.kind,
            report.agency.district,
            overall.score,
            overall.result,
            overall.passed,
            overall.grade.value if overall.grade else None,
            source.file,
            source.format.value if source.format else None,
            source.pages,
            source.ocr,
            len(report.warnings),
            plan_year,
            signed.isoformat() if signed else None,
            share,
            *by_severity.values(),
        )
    ]


def _plan_rows(report: Report) -> Iterable[tuple[Cell, ...]]:
    if report.action_plan is None:
        return []
    plan_year = report.action_plan.fiscal_year

    def row(position: int, plan_row: PlanRow) -> tuple[Cell, ...]:
        timeframe = plan_row.timeframe
        return (
            plan_year,
            position,
            plan_row.topic_number,
            plan_row.topic,
            tuple(plan_row.measures),
            tuple(plan_row.responsible),
            tuple(plan_row.steps),
            timeframe.text if timeframe else None,
            timeframe.start if timeframe else None,
            timeframe.end if timeframe else None,
            plan_row.page,
        )

    return [row(position, plan_row) for position, plan_row in enumerate(report.action_plan.rows, 1)]


def _topic_rows(report: Report) -> Iterable[tuple[Cell, ...]]:
    rows: list[tuple[Cell, ...]] = []
    for topic in report.topics:
        assessments: list[Assessment | None] = list(topic.assessments)
        # -- a topic whose assessments were not found still gets its row --
        for assessment in assessments or [None]:
            rows.append(
                (
                    topic.number,
                    topic.title,
                    assessment.tool.value if assessment else None,
                    assessment.result if assessment else None,
                    tuple(item.code for item in assessment.items) if assessment else (),
                    topic.page,
                )
            )
    return rows


TABLES = (
    TableSpec(
        "reports",
        "report",
        (
            Column("agency_kind", "string"),
            Column("district", "string"),
            Column("overall_score", "float"),
            Column("overall_result", "string"),
            Column("passed", "bool"),
            Column("grade", "string"),
            Column("file", "string"),
            Column("format", "string"),
            Column("pages", "int"),
            Column("ocr", "bool"),
            Column("warnings", "int"),
            Column("plan_fiscal_year", "int"),
            Column("signature_date", "string"),
            Column("completeness", "float"),
            *(Column(f"warnings_{severity}", "int") for severity in SEVERITY_ORDER),
        ),
        _report_row,
        same_report_column=True,
    ),
    TableSpec(
        "indicators",
        "indicator",
        (
            Column("number", "int"),
            Column("tool", "string"),
            Column("name", "string"),
            Column("score", "float"),
            Column("page", "int"),
        ),
        lambda report: [
            (
                indicator.number,
                _tool(indicator.tool),
                indicator.name,
                indicator.score,
                indicator.page,
            )
            for indicator in report.indicators
        ],
    ),
    TableSpec(
        "items",
        "item score",
        (
            Column("code", "string"),
            Column("tool", "string"),
            Column("score", "float"),
            Column("page", "int"),
        ),
        lambda report: [
            (item.code, item.tool.value, item.score, item.page) for item in report.items
        ],
    ),
    TableSpec(
        "recommendations",
        "recommendation",
        (
            Column("position", "int"),
            Column("section", "string"),
            Column("topic", "int"),
            Column("codes", "strings", CODE_SEPARATOR),
            Column("references", "strings", CODE_SEPARATOR),
            Column("text", "string"),
            Column("page", "int"),
        ),
        lambda report: [
            (
                position,
                recommendation.section.value,
                recommendation.topic,
                tuple(recommendation.codes),
                tuple(recommendation.references),
                recommendation.text,
                recommendation.page,
            )
            for position, recommendation in enumerate(report.recommendations, 1)
        ],
    ),
    TableSpec(
        "topics",
        "assessment of a topic (the item codes it covers)",
        (
            Column("topic_number", "int"),
            Column("title", "string"),
            Column("tool", "string"),
            Column("result", "string"),
            Column("codes", "strings", CODE_SEPARATOR),
            Column("page", "int"),
        ),
        _topic_rows,
    ),
    TableSpec(
        "action_plan",
        "action plan row",
        (
            Column("plan_fiscal_year", "int"),
            Column("position", "int"),
            Column("topic_number", "int"),
            Column("topic", "string"),
            Column("measures", "strings"),
            Column("responsible", "strings"),
            Column("steps", "strings"),
            Column("timeframe_text", "string"),
            Column("timeframe_start", "string"),
            Column("timeframe_end", "string"),
            Column("page", "int"),
        ),
        _plan_rows,
    ),
    TableSpec(
        "limitations",
        "limitation the report states",
        (Column("position", "int"), Column("category", "string"), Column("text", "string")),
        lambda report: [
            (position, limitation.category, limitation.text)
            for position, limitation in enumerate(report.limitations, 1)
        ],
    ),
    TableSpec(
        "warnings",
        "warning of a report",
        (
            Column("code", "string"),
            Column("severity", "string"),
            Column("message", "string"),
            Column("page", "int"),
        ),
        lambda report: [
            (warning.code, _severity(warning.severity), warning.message, warning.page)
            for warning in report.warnings
        ],
    ),
)
"""The tidy tables, each written as ``<name>.csv`` (and ``<name>.parquet`` with pyarrow)."""


def _tool(tool: Tool | None) -> str | None:
    return None if tool is None else tool.value


def _severity(severity: WarningSeverity | None) -> str | None:
    return None if severity is None else severity.value


def parquet_available() -> bool:
    """Return whether the optional ``parquet`` extra (pyarrow) is installed."""
    return importlib.util.find_spec("pyarrow") is not None


def write_aggregates(entries: Sequence[Entry], store: RecordStore) -> Totals:
    """Rebuild every aggregate file under ``store.out_dir`` from ``entries`` and their records.

    ``entries`` must already be in their final order (sorted by input path).
    """
    same_reports = _same_reports(entries, store)
    totals = Totals(inputs=len(entries), same_reports=same_reports.groups)
    out_dir = store.out_dir
    with ExitStack() as stack:
        reports_jsonl = _open_text(stack, out_dir / "reports.jsonl")
        failures_jsonl = _open_text(stack, out_dir / "failures.jsonl")
        tables = [_TableWriter(stack, out_dir, spec) for spec in TABLES]
        for entry, report in _with_reports(entries, store):
            totals.by_status[entry.status] += 1
            if report is None:
                skipped = entry.status == "skipped"
                by_reason = totals.skipped_by_reason if skipped else totals.failures_by_reason
                by_reason[entry.reason or "error"] += 1
                failures_jsonl.write(dumps(_failure_row(entry)) + "\n")
                continue
            totals.warnings_by_code.update(warning.code for warning in report.warnings)
            if report.completeness is not None and report.completeness.share < 1:
                totals.below_full_completeness += 1
            reports_jsonl.write(report.model_dump_json() + "\n")
            for table in tables:
                table.add(entry, report, same_reports.others(entry.path))
        for table in tables:
            table.finish()
    write_atomically(out_dir / "summary.json", dumps(totals.as_json(), indent=2) + "\n")
    return totals


def _with_reports(
    entries: Sequence[Entry], store: RecordStore
) -> Iterator[tuple[Entry, Report | None]]:
    """Yield each entry with its report, read one at a time so memory stays flat."""
    for entry in entries:
        if entry.status == "converted" and entry.key is not None:
            text = store.report_path(entry.key).read_text(encoding="utf-8")
            yield entry, Report.model_validate_json(text)
        else:
            yield entry, None


@dataclass(frozen=True)
class _SameReports:
    """Inputs of different content that hold one agency's report of one fiscal year."""

    groups: list[dict[str, Any]]
    by_path: dict[Path, tuple[str, ...]]

    def others(self, path: Path) -> tuple[str, ...]:
        """Return the other inputs holding the report that ``path`` holds."""
        return tuple(other for other in self.by_path.get(path, ()) if other != path.as_posix())


def _same_reports(entries: Sequence[Entry], store: RecordStore) -> _SameReports:
    """Group the converted inputs by agency name and fiscal year, where both are known.

    Identical content was already listed once (``duplicate``); what is grouped here is a PDF
    and its DOCX, or two versions of one report, which a count per agency would take twice.
    """
    found: dict[tuple[str, int], list[str]] = {}
    for entry, report in _with_reports(entries, store):
        if report is not None and report.agency.name and report.fiscal_year:
            found.setdefault((report.agency.name, report.fiscal_year), []).append(
                entry.path.as_posix()
            )
    twins = [(key, tuple(paths)) for key, paths in found.items() if len(paths) > 1]
    groups = [
        {"agency": agency, "fiscal_year": year, "paths": list(paths)}
        for (agency, year), paths in twins
    ]
    by_path = {Path(path): paths for _, paths in twins for path in paths}
    return _SameReports(groups, by_path)


def _failure_row(entry: Entry) -> dict[str, Any]:
    return {
        "path": entry.path.as_posix(),
        "file": entry.path.name,
        "sha256": entry.sha256,
        "status": entry.status,
        "reason": entry.reason,
        "message": entry.message,
        "duplicate_of": entry.duplicate_of.as_posix() if entry.duplicate_of else None,
    }


def _open_text(stack: ExitStack, path: Path, encoding: str = "utf-8") -> IO[str]:
    temporary = stack.enter_context(atomic_target(path))
    return stack.enter_context(temporary.open("w", encoding=encoding, newline=""))


class _TableWriter:
    """Stream one tidy table's rows to CSV, and to Parquet when pyarrow is installed."""

    def __init__(self, stack: ExitStack, out_dir: Path, spec: TableSpec) -> None:
        self.spec = spec
        columns = _REPORT_COLUMNS + spec.columns
        if spec.same_report_column:
            columns += (SAME_REPORT_COLUMN,)
        self.separators = [column.separator for column in columns]
        # -- utf-8-sig: Excel, which many provincial offices use, reads Thai right only with it --
        self.csv = csv.writer(_open_text(stack, out_dir / f"{spec.name}.csv", "utf-8-sig"))
        self.csv.writerow(column.name for column in columns)
        parquet_path = out_dir / f"{spec.name}.parquet"
        self.parquet = _ParquetTable(stack, parquet_path, columns) if parquet_available() else None
        if self.parquet is None:
            parquet_path.unlink(missing_ok=True)  # -- never leave one that the CSV contradicts --

    def add(self, entry: Entry, report: Report, same_report_as: tuple[str, ...]) -> None:
        """Append the rows of ``report``; ``same_report_as`` lists the inputs of its twins."""
        leading: tuple[Cell, ...] = (
            entry.path.as_posix(),
            entry.sha256,
            report.agency.name,
            report.agency.province,
            report.fiscal_year,
        )
        trailing: tuple[Cell, ...] = (same_report_as,) if self.spec.same_report_column else ()
        for row in self.spec.rows(report):
            full_row = leading + tuple(row) + trailing
            self.csv.writerow(
                _csv_cell(cell, separator)
                for cell, separator in zip(full_row, self.separators, strict=True)
            )
            if self.parquet is not None:
                self.parquet.add(full_row)

    def finish(self) -> None:
        """Write what is still buffered; an empty table still gets its header and schema."""
        if self.parquet is not None:
            self.parquet.finish()


def _csv_cell(cell: Cell, separator: str) -> str:
    if cell is None:
        return ""
    if isinstance(cell, bool):
        return "true" if cell else "false"
    if isinstance(cell, tuple):
        return separator.join(cell)
    return str(cell)


class _ParquetTable:
    """A typed Parquet file written in row groups of a fixed size, so its bytes are reproducible."""

    def __init__(self, stack: ExitStack, path: Path, columns: tuple[Column, ...]) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        self.pa = pa
        types = {
            "string": pa.string(),
            "int": pa.int64(),
            "float": pa.float64(),
            "bool": pa.bool_(),
            "strings": pa.list_(pa.string()),
        }
        self.schema = pa.schema([(column.name, types[column.kind]) for column in columns])
        temporary = stack.enter_context(atomic_target(path))
        self.writer = stack.enter_context(pq.ParquetWriter(temporary, self.schema))
        self.pending: list[tuple[Cell, ...]] = []
        self.written = False

    def add(self, row: tuple[Cell, ...]) -> None:
        self.pending.append(row)
        if len(self.pending) == _PARQUET_ROW_GROUP:
            self._flush()

    def finish(self) -> None:
        if self.pending or not self.written:
            self._flush()
        self.writer.close()

    def _flush(self) -> None:
        columns = zip(*self.pending, strict=True) if self.pending else [()] * len(self.schema)
        arrays = [
            self.pa.array([_parquet_cell(value) for value in values], type=field.type)
            for values, field in zip(columns, self.schema, strict=True)
        ]
        self.writer.write_table(self.pa.Table.from_arrays(arrays, schema=self.schema))
        self.pending, self.written = [], True


def _parquet_cell(cell: Cell) -> object:
    return list(cell) if isinstance(cell, tuple) else cell
