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
from ita_extract.report import SCHEMA_VERSION, PlanRow, Report, Tool

Status = Literal["converted", "failed", "skipped"]
Cell = str | int | float | bool | None
ColumnKind = Literal["string", "int", "float", "bool"]

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


@dataclass(frozen=True)
class Column:
    """A column of a tidy table and the type it has in Parquet."""

    name: str
    kind: ColumnKind


@dataclass(frozen=True)
class TableSpec:
    """A tidy table: one row per record of one kind, after the columns naming the report."""

    name: str
    columns: tuple[Column, ...]
    rows: Callable[[Report], Iterable[tuple[Cell, ...]]]


@dataclass
class Totals:
    """The counts that ``summary.json`` reports."""

    inputs: int = 0
    by_status: Counter[str] = field(default_factory=Counter)
    failures_by_reason: Counter[str] = field(default_factory=Counter)
    skipped_by_reason: Counter[str] = field(default_factory=Counter)
    warnings_by_code: Counter[str] = field(default_factory=Counter)

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
        }


_REPORT_COLUMNS = (
    Column("source_path", "string"),
    Column("source_sha256", "string"),
    Column("agency", "string"),
    Column("province", "string"),
    Column("fiscal_year", "int"),
)
"""The columns that open every row of every table, so each row stands on its own."""


def _joined(values: Iterable[str], separator: str = LIST_SEPARATOR) -> str:
    return separator.join(values)


def _report_row(report: Report) -> Iterable[tuple[Cell, ...]]:
    overall, source = report.overall, report.source
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
            _joined(plan_row.measures),
            _joined(plan_row.responsible),
            _joined(plan_row.steps),
            timeframe.text if timeframe else None,
            timeframe.start if timeframe else None,
            timeframe.end if timeframe else None,
            plan_row.page,
        )

    return [row(position, plan_row) for position, plan_row in enumerate(report.action_plan.rows, 1)]


TABLES = (
    TableSpec(
        "reports",
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
        ),
        _report_row,
    ),
    TableSpec(
        "indicators",
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
        (
            Column("position", "int"),
            Column("section", "string"),
            Column("topic", "int"),
            Column("codes", "string"),
            Column("references", "string"),
            Column("text", "string"),
            Column("page", "int"),
        ),
        lambda report: [
            (
                position,
                recommendation.section.value,
                recommendation.topic,
                _joined(recommendation.codes, CODE_SEPARATOR),
                _joined(recommendation.references, CODE_SEPARATOR),
                recommendation.text,
                recommendation.page,
            )
            for position, recommendation in enumerate(report.recommendations, 1)
        ],
    ),
    TableSpec(
        "action_plan",
        (
            Column("plan_fiscal_year", "int"),
            Column("position", "int"),
            Column("topic_number", "int"),
            Column("topic", "string"),
            Column("measures", "string"),
            Column("responsible", "string"),
            Column("steps", "string"),
            Column("timeframe_text", "string"),
            Column("timeframe_start", "string"),
            Column("timeframe_end", "string"),
            Column("page", "int"),
        ),
        _plan_rows,
    ),
    TableSpec(
        "warnings",
        (Column("code", "string"), Column("message", "string"), Column("page", "int")),
        lambda report: [
            (warning.code, warning.message, warning.page) for warning in report.warnings
        ],
    ),
)
"""The tidy tables, each written as ``<name>.csv`` (and ``<name>.parquet`` with pyarrow)."""


def _tool(tool: Tool | None) -> str | None:
    return None if tool is None else tool.value


def parquet_available() -> bool:
    """Return whether the optional ``parquet`` extra (pyarrow) is installed."""
    return importlib.util.find_spec("pyarrow") is not None


def write_aggregates(entries: Sequence[Entry], store: RecordStore) -> Totals:
    """Rebuild every aggregate file under ``store.out_dir`` from ``entries`` and their records.

    ``entries`` must already be in their final order (sorted by input path).
    """
    totals = Totals(inputs=len(entries))
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
            reports_jsonl.write(report.model_dump_json() + "\n")
            for table in tables:
                table.add(entry, report)
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


def _failure_row(entry: Entry) -> dict[str, Any]:
    return {
        "path": entry.path.as_posix(),
        "file": entry.path.name,
        "sha256": entry.sha256,
        "status": entry.status,
        "reason": entry.reason,
        "message": entry.message,
    }


def _open_text(stack: ExitStack, path: Path, encoding: str = "utf-8") -> IO[str]:
    temporary = stack.enter_context(atomic_target(path))
    return stack.enter_context(temporary.open("w", encoding=encoding, newline=""))


class _TableWriter:
    """Stream one tidy table's rows to CSV, and to Parquet when pyarrow is installed."""

    def __init__(self, stack: ExitStack, out_dir: Path, spec: TableSpec) -> None:
        self.spec = spec
        columns = _REPORT_COLUMNS + spec.columns
        # -- utf-8-sig: Excel, which many provincial offices use, reads Thai right only with it --
        self.csv = csv.writer(_open_text(stack, out_dir / f"{spec.name}.csv", "utf-8-sig"))
        self.csv.writerow(column.name for column in columns)
        parquet_path = out_dir / f"{spec.name}.parquet"
        self.parquet = _ParquetTable(stack, parquet_path, columns) if parquet_available() else None
        if self.parquet is None:
            parquet_path.unlink(missing_ok=True)  # -- never leave one that the CSV contradicts --

    def add(self, entry: Entry, report: Report) -> None:
        """Append the rows of ``report``."""
        leading: tuple[Cell, ...] = (
            entry.path.as_posix(),
            entry.sha256,
            report.agency.name,
            report.agency.province,
            report.fiscal_year,
        )
        for row in self.spec.rows(report):
            full_row = leading + tuple(row)
            self.csv.writerow(_csv_cell(cell) for cell in full_row)
            if self.parquet is not None:
                self.parquet.add(full_row)

    def finish(self) -> None:
        """Write what is still buffered; an empty table still gets its header and schema."""
        if self.parquet is not None:
            self.parquet.finish()


def _csv_cell(cell: Cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, bool):
        return "true" if cell else "false"
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
            self.pa.array(list(values), type=field.type)
            for values, field in zip(columns, self.schema, strict=True)
        ]
        self.writer.write_table(self.pa.Table.from_arrays(arrays, schema=self.schema))
        self.pending, self.written = [], True
