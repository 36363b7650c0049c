"""What validation reports: findings with a severity, a stable rule id and a place."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from ita_extract.report import Warning


class Severity(StrEnum):
    """How bad a finding is: errors block publication, warnings ask a person to look."""

    ERROR = "error"
    WARNING = "warning"


class ValidationModel(BaseModel):
    """Base of the validation models: immutable and strict about fields, like the contract."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class Location(ValidationModel):
    """Where in the report a finding is."""

    section: str | None = Field(
        default=None, description="Top-level field of the report JSON (indicators, action_plan…)."
    )
    path: str | None = Field(
        default=None, description="JSON path of the value, e.g. indicators[2].score."
    )
    page: int | None = Field(default=None, description="1-based page of the document, if known.")
    code: str | None = Field(default=None, description="Item code or indicator the finding is on.")
    place_th: str | None = Field(
        default=None,
        description="The place as a person names it, e.g. ประเด็นที่ 1 · IIT · ข้อ i1 · หน้า 2.",
    )
    place_en: str | None = Field(
        default=None, description="The same in English, e.g. topic 1, IIT, item i1, page 2."
    )


class Finding(ValidationModel):
    """One problem found in a report."""

    rule: str = Field(description="Stable dotted rule id, e.g. overall.weighted_mean.")
    severity: Severity
    message_th: str
    message_en: str
    location: Location = Field(default_factory=Location)


class ValidationResult(ValidationModel):
    """Everything validation found in one report."""

    source: str | None = Field(default=None, description="File name the report came from.")
    fiscal_year: int | None = None
    findings: tuple[Finding, ...] = ()
    parse_warnings: tuple[Warning, ...] = Field(
        default=(),
        description="The report's own warnings (what parsing repaired, doubts or missed).",
    )

    @property
    def errors(self) -> tuple[Finding, ...]:
        """Return the findings of severity error."""
        return tuple(finding for finding in self.findings if finding.severity is Severity.ERROR)

    @property
    def warnings(self) -> tuple[Finding, ...]:
        """Return the findings of severity warning."""
        return tuple(finding for finding in self.findings if finding.severity is Severity.WARNING)

    @property
    def valid(self) -> bool:
        """Return True when nothing of severity error was found (warnings may remain)."""
        return not self.errors
