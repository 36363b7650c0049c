"""The batch's own errors: each stops a whole run, never stands for one file.

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


class OutputInUseError(ItaExtractError, RuntimeError):
    """Raise when another batch is writing into the same output folder.

    Two runs into one folder would remove each other's temporary files and interleave their
    aggregates.
    """

    reason = "output_in_use"
