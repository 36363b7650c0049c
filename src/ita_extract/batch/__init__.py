"""Batch conversion of report archives, on local worker processes or a Dask cluster.

>>> from ita_extract.batch import convert
>>> summary = convert(["archive/"], "out/", jobs=2, resume=True)   # doctest: +SKIP
>>> summary.converted, summary.failures_by_reason                  # doctest: +SKIP
(1180, {'corrupt': 12, 'encrypted': 3, 'timeout': 1})

``docs/batch.md`` describes the output folder, resume and the failure reasons.
"""

from __future__ import annotations

from ita_extract.batch.run import (
    DEFAULT_MAX_MEMORY_MB,
    DEFAULT_TIMEOUT,
    BatchSummary,
    convert,
)
from ita_extract.errors import InputNotFoundError, OutputInUseError, WorkerStartError

__all__ = [
    "DEFAULT_MAX_MEMORY_MB",
    "DEFAULT_TIMEOUT",
    "BatchSummary",
    "InputNotFoundError",
    "OutputInUseError",
    "WorkerStartError",
    "convert",
]
