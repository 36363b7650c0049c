"""Validate reports against the JSON contract and the ITA framework of their fiscal year.

>>> from ita_extract.validate import validate
>>> result = validate("ise-2566.json")                     # doctest: +SKIP
>>> [(finding.rule, finding.severity) for finding in result.findings]  # doctest: +SKIP
[('overall.weighted_mean', <Severity.ERROR: 'error'>)]
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ita_extract.api import parse
from ita_extract.framework import get_framework
from ita_extract.report import Report
from ita_extract.validate import rules as _rules  # noqa: F401  (registers the rules)
from ita_extract.validate.findings import Finding, Location, Severity, ValidationResult
from ita_extract.validate.registry import Rule, RuleContext, registered_rules
from ita_extract.validate.schema import SCHEMA_RULE, read_json, report_from_data

__all__ = [
    "SCHEMA_RULE",
    "Finding",
    "Location",
    "Rule",
    "Severity",
    "ValidationResult",
    "check_report",
    "registered_rules",
    "validate",
    "validate_data",
]

ReportInput = Report | str | os.PathLike[str] | Mapping[str, Any]


def validate(report_or_path: ReportInput) -> ValidationResult:
    """Return what is wrong with a report: schema errors first, then the framework rules.

    Args:
        report_or_path: a :class:`Report`; a dict in the contract's JSON shape; a path to a
            ``.json`` file claiming to follow the contract; or a path to a PDF, DOCX or DOC
            report, which is parsed first.

    Raises:
        ItaExtractError: the file cannot be read, is not JSON (``.json``), or cannot be
            parsed as a report (a subclass saying why).
    """
    if isinstance(report_or_path, Report):
        return check_report(report_or_path)
    if isinstance(report_or_path, Mapping):
        return validate_data(report_or_path)
    path = Path(report_or_path)
    if path.suffix.lower() == ".json":
        return validate_data(read_json(path), source=path.name)
    return check_report(parse(path))


def check_report(report: Report, *, source: str | None = None) -> ValidationResult:
    """Return the findings of every registered rule on ``report`` (already schema-valid)."""
    context = RuleContext(report=report, framework=get_framework(report.fiscal_year))
    findings = [finding for rule in registered_rules() for finding in rule.run(context)]
    # errors first, each severity in rule order, so the first lines say what blocks the report
    findings.sort(key=lambda finding: finding.severity is not Severity.ERROR)
    return ValidationResult(
        source=source or report.source.file,
        fiscal_year=report.fiscal_year,
        findings=tuple(findings),
    )


def validate_data(data: Any, *, source: str | None = None) -> ValidationResult:
    """Return what is wrong with ``data``, parsed JSON claiming to be a report (any value)."""
    report, schema_findings = report_from_data(data)
    if report is not None:
        return check_report(report, source=source)
    claimed_year = data.get("fiscal_year") if isinstance(data, Mapping) else None
    return ValidationResult(
        source=source,
        fiscal_year=claimed_year if isinstance(claimed_year, int) else None,
        findings=schema_findings,
    )
