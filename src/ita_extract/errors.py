"""The one exception tree of ita_extract.

Every error the library raises on purpose derives from :class:`ItaExtractError`, so a batch
run can catch one class and record the failure. Each subclass also inherits the builtin it
narrows (its docstring names it), so callers that already catch ``ValueError``,
``FileNotFoundError`` or ``MemoryError`` keep working.

The ``reason`` class attribute is a stable, short code that batch summaries count by.
"""

from __future__ import annotations


class ItaExtractError(Exception):
    """Base class of every error raised by ita_extract on purpose (an ``Exception``)."""

    reason = "error"


class InputNotFoundError(ItaExtractError, FileNotFoundError):
    """Raise when a path names nothing: no file, no folder, no glob match. A ``FileNotFoundError``.

    ``parse`` raises it for a missing file; ``batch`` and ``validate`` for an input that
    matches nothing, which stops the run before any file is read.
    """

    reason = "not_found"


class InputIsAFolderError(ItaExtractError, IsADirectoryError):
    """Raise when one document was asked for but the path is a folder. An ``IsADirectoryError``."""

    reason = "is_a_folder"


class UnreadableInputError(ItaExtractError, OSError):
    """Raise when the system refuses to read an input (permissions, I/O error). An ``OSError``."""

    reason = "unreadable"


class UnsupportedFormatError(ItaExtractError, ValueError):
    """Raise when the input is not a PDF, DOCX or DOC file (judged by content). A ``ValueError``."""

    reason = "unsupported_format"


class EmptyDocumentError(ItaExtractError, ValueError):
    """Raise when the file is empty or holds no page or text at all. A ``ValueError``."""

    reason = "empty"


class CorruptDocumentError(ItaExtractError, ValueError):
    """Raise when the file claims a known format but cannot be read as one. A ``ValueError``."""

    reason = "corrupt"


class EncryptedDocumentError(ItaExtractError, ValueError):
    """Raise when the document is password-protected. A ``ValueError``."""

    reason = "encrypted"


class DocumentTooLargeError(ItaExtractError, ValueError):
    """Raise when the file exceeds the size or page limit, or unpacks past it. A ``ValueError``."""

    reason = "too_large"


class ResourceLimitError(ItaExtractError, MemoryError):
    """Raise when reading a document exhausts memory or nesting depth. A ``MemoryError``.

    A ZIP bomb or a deeply nested XML part is refused before it is unpacked
    (:class:`DocumentTooLargeError`); this one is the last guard, for what only shows while
    reading.
    """

    reason = "resource_limit"


class NoTextLayerError(ItaExtractError, ValueError):
    """Raise when a PDF has no usable text and OCR is off or unavailable. A ``ValueError``."""

    reason = "no_text_layer"


class NotAnITAReportError(ItaExtractError, ValueError):
    """Raise when the document reads fine but is not an ITA analysis report. A ``ValueError``."""

    reason = "not_ita_report"


class MissingDependencyError(ItaExtractError, RuntimeError):
    """Raise when an external program or optional package is needed but absent. A ``RuntimeError``.

    The message names what to install (a Debian package or a pip extra).
    """

    reason = "missing_dependency"


class ConversionTimeoutError(ItaExtractError, TimeoutError):
    """Raise when LibreOffice or Tesseract runs past its time limit. A ``TimeoutError``."""

    reason = "timeout"


class InvalidReportError(ItaExtractError, ValueError):
    """Raise when JSON claiming to follow the contract is no JSON at all. A ``ValueError``."""

    reason = "invalid_report"


# -- errors that stop a whole batch run; they never stand for one file --


class WorkerStartError(ItaExtractError, RuntimeError):
    """Raise when worker processes cannot start, so no file could be judged. A ``RuntimeError``.

    Recording every file as failed would make ``resume`` skip them all later; the run stops
    instead, and the message says what to change.
    """

    reason = "worker_start"


class OutputInUseError(ItaExtractError, RuntimeError):
    """Raise when another batch is writing into the same output folder. A ``RuntimeError``.

    Two runs into one folder would remove each other's temporary files and interleave their
    aggregates.
    """

    reason = "output_in_use"
