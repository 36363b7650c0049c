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
from ita_extract.validate.places import describe, parse_path
from ita_extract.validate.registry import Rule, RuleContext, registered_rules
from ita_extract.validate.schema import (
    SCHEMA_RULE,
    json_path,
    read_json,
    report_from_data,
    salvage,
)

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
    findings = _with_places(_rule_findings(report), report.model_dump(mode="json"))
    return ValidationResult(
        source=source or report.source.file,
        fiscal_year=report.fiscal_year,
        findings=_errors_first(findings),
        parse_warnings=tuple(report.warnings),
    )


def validate_data(data: Any, *, source: str | None = None) -> ValidationResult:
    """Return what is wrong with ``data``, parsed JSON claiming to be a report (any value).

    Values that break the schema are reported and set aside; every rule then runs on the
    rest, so one round of fixes can address everything.
    """
    report, schema_findings = report_from_data(data)
    if report is not None:
        return check_report(report, source=source)
    claimed_year = data.get("fiscal_year") if isinstance(data, Mapping) else None
    findings = list(schema_findings)
    salvaged = salvage(data)
    if salvaged is not None:
        for finding in _rule_findings(salvaged.report):
            path = salvaged.original_path(parse_path(finding.location.path or ""))
            if path is None or salvaged.is_set_aside(path):
                continue  # -- a value set aside is reported once, by the schema finding
            moved = finding.location.model_copy(update={"path": json_path(path)})
            findings.append(finding.model_copy(update={"location": moved}))
    return ValidationResult(
        source=source,
        fiscal_year=claimed_year if isinstance(claimed_year, int) else None,
        findings=_errors_first(_with_places(findings, data)),
    )


def _rule_findings(report: Report) -> list[Finding]:
    context = RuleContext(report=report, framework=get_framework(report.fiscal_year))
    return [finding for rule in registered_rules() for finding in rule.run(context)]


def _errors_first(findings: list[Finding]) -> tuple[Finding, ...]:
    """Sort errors first, each severity in rule order, so the first lines say what blocks."""
    return tuple(sorted(findings, key=lambda finding: finding.severity is not Severity.ERROR))


def _with_places(findings: list[Finding], data: Any) -> list[Finding]:
    """Return ``findings`` with their places named as people name them, in Thai and English."""
    return [
        finding.model_copy(
            update={
                "location": finding.location.model_copy(
                    update={
                        "place_th": describe(finding.location, data, "th") or None,
                        "place_en": describe(finding.location, data, "en") or None,
                    }
                )
            }
        )
        for finding in findings
    ]
