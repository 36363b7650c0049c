"""The rule registry: small check functions, each registered with its id and severity.

A check yields :class:`Issue` objects and never decides its own rule id or severity; the
registry adds both, so the list in ``docs/validation.md`` and the findings cannot drift apart.
An issue that rests on a framework fact marked unconfirmed is lowered to a warning.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from ita_extract.framework import Framework
from ita_extract.report import Report
from ita_extract.validate.findings import Finding, Location, Severity


@dataclass(frozen=True)
class Issue:
    """What a check found, before the registry names the rule and the severity."""

    message_th: str
    message_en: str
    location: Location
    unconfirmed: bool = False
    """True when the framework fact behind the issue is unconfirmed: report it as a warning."""


@dataclass(frozen=True)
class RuleContext:
    """What every check may look at."""

    report: Report
    framework: Framework | None
    """The framework of the report's fiscal year; None when that year is unknown."""


Check = Callable[[RuleContext], Iterator[Issue]]
FrameworkCheck = Callable[[Report, Framework], Iterator[Issue]]


@dataclass(frozen=True)
class Rule:
    """A registered rule: id, severity, what it checks, and the check itself."""

    id: str
    severity: Severity
    summary: str
    """The first line of the check's docstring: what the rule finds."""
    details: str
    """The rest of the docstring, for the documentation."""
    check: Check

    def run(self, context: RuleContext) -> Iterator[Finding]:
        """Yield the rule's findings on ``context``."""
        for issue in self.check(context):
            softened = issue.unconfirmed and self.severity is Severity.ERROR
            yield Finding(
                rule=self.id,
                severity=Severity.WARNING if softened else self.severity,
                message_th=issue.message_th,
                message_en=issue.message_en,
                location=issue.location,
            )


_RULES: dict[str, Rule] = {}


def rule(rule_id: str, severity: Severity) -> Callable[[Check], Check]:
    """Register a check that looks at the whole context (it runs for every report)."""

    def register(check: Check) -> Check:
        _register(Rule(rule_id, severity, *_describe(check), check))
        return check

    return register


def framework_rule(rule_id: str, severity: Severity) -> Callable[[FrameworkCheck], FrameworkCheck]:
    """Register a check that needs the year's framework; it is skipped for an unknown year."""

    def register(check: FrameworkCheck) -> FrameworkCheck:
        def run_with_framework(context: RuleContext) -> Iterator[Issue]:
            if context.framework is not None:
                yield from check(context.report, context.framework)

        _register(Rule(rule_id, severity, *_describe(check), run_with_framework))
        return check

    return register


def registered_rules() -> tuple[Rule, ...]:
    """Return every registered rule, in registration (and documentation) order."""
    return tuple(_RULES.values())


def _register(new_rule: Rule) -> None:
    if new_rule.id in _RULES:
        raise ValueError(f"rule {new_rule.id} is registered twice")
    _RULES[new_rule.id] = new_rule


def _describe(check: Callable[..., object]) -> tuple[str, str]:
    """Return the summary line and the details of the check's docstring (the rule's docs)."""
    doc = inspect.getdoc(check)
    if not doc:
        raise ValueError(f"check {check.__name__} needs a docstring: it is the rule's description")
    summary, _, details = doc.partition("\n\n")
    return " ".join(summary.split()), " ".join(details.split())
