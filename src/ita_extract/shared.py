"""What the neutral document model and the output contract share: formats, pages, warnings.

:mod:`ita_extract.document` (what readers produce) and :mod:`ita_extract.report` (what
:func:`ita_extract.parse` returns) both import these, so the document model needs nothing
of the contract. They are contract models all the same: ``report`` exports them, and the
JSON Schema names them as before. This module imports nothing else from ``ita_extract`` but
the registry of warning codes, which is as low.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

from ita_extract.warning_codes import WarningSeverity, severity_of

WARNING_CODE_PATTERN = r"^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$"

Page = Annotated[int, Field(ge=1, description="1-based page where the record starts.")]


class ContractModel(BaseModel):
    """Base of every contract model: unknown fields are rejected, assignments are checked."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True, use_enum_values=False)


class SourceFormat(StrEnum):
    """The kind of file a report was read from."""

    PDF = "pdf"
    DOCX = "docx"
    DOC = "doc"


class Warning(ContractModel):
    """Something the parser had to repair, doubts, or could not find."""

    code: str = Field(pattern=WARNING_CODE_PATTERN, description="Stable dotted code.")
    message: str
    page: Page | None = None
    severity: WarningSeverity | None = Field(
        default=None,
        description="repaired, doubtful, missing or info: the code's registered severity.",
    )

    @model_validator(mode="before")
    @classmethod
    def _registered_severity(cls, data: Any) -> Any:
        """Fill in the severity the registry gives the code, so no emitter has to."""
        if isinstance(data, dict) and data.get("severity") is None:
            severity = severity_of(str(data.get("code", "")))
            if severity is not None:
                data = {**data, "severity": severity}
        return data
