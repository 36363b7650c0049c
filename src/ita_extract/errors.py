"""The one exception tree of ita_extract.

Every error the library raises on purpose derives from :class:`ItaExtractError`, so a batch
run can catch one class and record the failure. Each subclass also inherits the builtin it
narrows, so callers that already catch ``ValueError`` or ``OSError`` keep working.

The ``reason`` class attribute is a stable, short code that batch summaries count by.
"""

from __future__ import annotations


class ItaExtractError(Exception):
    """Base class of every error raised by ita_extract on purpose."""

    reason = "error"


class UnsupportedFormatError(ItaExtractError, ValueError):
    """Raise when the input is not a PDF, DOCX or DOC file (judged by content)."""

    reason = "unsupported_format"


class EmptyDocumentError(ItaExtractError, ValueError):
    """Raise when the file is empty or holds no page or text at all."""

    reason = "empty"


class CorruptDocumentError(ItaExtractError, ValueError):
    """Raise when the file claims a known format but cannot be read as one."""

    reason = "corrupt"


class EncryptedDocumentError(ItaExtractError, ValueError):
    """Raise when the document is password-protected."""

    reason = "encrypted"


class DocumentTooLargeError(ItaExtractError, ValueError):
    """Raise when the file exceeds the configured size or page limit."""

    reason = "too_large"


class NoTextLayerError(ItaExtractError, ValueError):
    """Raise when a PDF has no usable text and OCR is off or unavailable."""

    reason = "no_text_layer"


class NotAnITAReportError(ItaExtractError, ValueError):
    """Raise when the document reads fine but is not an ITA analysis report."""

    reason = "not_ita_report"


class MissingDependencyError(ItaExtractError, RuntimeError):
    """Raise when an external program or optional package is needed but absent.

    The message names what to install (a Debian package or a pip extra).
    """

    reason = "missing_dependency"


class ConversionTimeoutError(ItaExtractError, TimeoutError):
    """Raise when an external converter (LibreOffice, Tesseract) runs past its time limit."""

    reason = "timeout"


class InvalidReportError(ItaExtractError, ValueError):
    """Raise when JSON claiming to follow the contract does not validate against it."""

    reason = "invalid_report"


# -- errors that stop a whole batch run; they never stand for one file --


class InputNotFoundError(ItaExtractError, FileNotFoundError):
    """Raise when an input is neither a file, nor a folder, nor a glob that matches anything."""

    reason = "not_found"


class WorkerStartError(ItaExtractError, RuntimeError):
    """Raise when worker processes cannot start, so no file could be judged fairly.

    Recording every file as failed would make ``resume`` skip them all later; the run stops
    instead, and the message says what to change.
    """

    reason = "worker_start"


class OutputInUseError(ItaExtractError, RuntimeError):
    """Raise when another batch is writing into the same output folder.

    Two runs into one folder would remove each other's temporary files and interleave their
    aggregates.
    """

    reason = "output_in_use"
