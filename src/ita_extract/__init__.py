"""ita_extract: Thai ITA analysis reports (PDF, DOCX, DOC, scanned PDF) as typed, validated data.

>>> import ita_extract
>>> report = ita_extract.parse("report.pdf")          # doctest: +SKIP
>>> report.overall.score, report.agency.province      # doctest: +SKIP
(95.51, 'ศรีสะเกษ')
"""

from __future__ import annotations

from ita_extract.api import parse
from ita_extract.errors import (
    ConversionTimeoutError,
    CorruptDocumentError,
    DocumentTooLargeError,
    EmptyDocumentError,
    EncryptedDocumentError,
    InputIsAFolderError,
    InputNotFoundError,
    InvalidReportError,
    ItaExtractError,
    MissingDependencyError,
    NotAnITAReportError,
    NoTextLayerError,
    ResourceLimitError,
    UnreadableInputError,
    UnsupportedFormatError,
)
from ita_extract.report import SCHEMA_VERSION, Report
from ita_extract.review import review

__version__ = "0.1.0"

__all__ = [
    "SCHEMA_VERSION",
    "ConversionTimeoutError",
    "CorruptDocumentError",
    "DocumentTooLargeError",
    "EmptyDocumentError",
    "EncryptedDocumentError",
    "InputIsAFolderError",
    "InputNotFoundError",
    "InvalidReportError",
    "ItaExtractError",
    "MissingDependencyError",
    "NoTextLayerError",
    "NotAnITAReportError",
    "Report",
    "ResourceLimitError",
    "UnreadableInputError",
    "UnsupportedFormatError",
    "__version__",
    "parse",
    "review",
]
