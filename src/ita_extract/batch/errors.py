"""The batch's own errors: both stop a run before or while it starts, never per file.

They extend the one tree of :mod:`ita_extract.errors`, so the command line reports them as one
line with exit code 2.
"""

from __future__ import annotations

from ita_extract.errors import ItaExtractError


class InputNotFoundError(ItaExtractError, FileNotFoundError):
    """Raise when an input is neither a file, nor a folder, nor a glob that matches anything."""

    reason = "not_found"


class WorkerStartError(ItaExtractError, RuntimeError):
    """Raise when worker processes cannot start, so no file could be judged fairly.

    Recording every file as failed would make ``resume`` skip them all later; the run stops
    instead, and the message says what to change.
    """

    reason = "worker_start"
