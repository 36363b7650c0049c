"""Progress of a batch: a tqdm bar on a terminal, plain periodic lines in a log."""

from __future__ import annotations

import sys
import time
from collections import Counter
from typing import IO, Literal, Protocol

ProgressMode = Literal["auto", "bar", "lines", "none"]

LINE_INTERVAL_SECONDS = 10.0
"""How often the plain-line progress prints, so a log of a long run stays short."""


class Progress(Protocol):
    """Told about every file as it is decided."""

    def advance(self, status: str) -> None:
        """Count one more file with ``status`` (converted, failed, skipped)."""

    def drop(self) -> None:
        """Take a file that an earlier run decided out of the total: it costs no time."""

    def close(self) -> None:
        """Print the final state."""


def open_progress(mode: ProgressMode, total: int, *, stream: IO[str] | None = None) -> Progress:
    """Return the progress display for ``mode``; ``auto`` picks the bar only on a terminal."""
    stream = sys.stderr if stream is None else stream
    if mode == "auto":
        mode = "bar" if stream.isatty() else "lines"
    if mode == "bar":
        return _Bar(total, stream)
    if mode == "lines":
        return _Lines(total, stream)
    return _Silent()


class _Silent:
    def advance(self, status: str) -> None:
        pass

    def drop(self) -> None:
        pass

    def close(self) -> None:
        pass


class _Bar:
    def __init__(self, total: int, stream: IO[str]) -> None:
        from tqdm import tqdm

        self.counts: Counter[str] = Counter()
        self.bar = tqdm(total=total, unit="file", file=stream, dynamic_ncols=True)

    def advance(self, status: str) -> None:
        self.counts[status] += 1
        self.bar.set_postfix(self.counts, refresh=False)
        self.bar.update()

    def drop(self) -> None:
        self.bar.total -= 1
        self.bar.refresh()

    def close(self) -> None:
        self.bar.close()


class _Lines:
    """Print ``done/total``, the counts by status, the rate and the time left every few seconds."""

    def __init__(self, total: int, stream: IO[str]) -> None:
        self.total, self.stream = total, stream
        self.counts: Counter[str] = Counter()
        self.started = self.last_line = time.monotonic()

    def advance(self, status: str) -> None:
        self.counts[status] += 1
        now = time.monotonic()
        if now - self.last_line >= LINE_INTERVAL_SECONDS:
            self.last_line = now
            self._print(now)

    def drop(self) -> None:
        self.total -= 1

    def close(self) -> None:
        self._print(time.monotonic())

    def _print(self, now: float) -> None:
        done = sum(self.counts.values())
        elapsed = max(now - self.started, 1e-9)
        # -- the rate counts conversions only: files skipped on sight take no time --
        per_second = self.counts["converted"] / elapsed
        rate = per_second * 60
        left = (self.total - done) / per_second if per_second else None
        counts = ", ".join(f"{count} {status}" for status, count in sorted(self.counts.items()))
        eta = "?" if left is None else time.strftime("%H:%M:%S", time.gmtime(left))
        print(
            f"ita-extract batch: {done}/{self.total} files ({counts or 'none yet'}), "
            f"{rate:.1f} files/min, ETA {eta}",
            file=self.stream,
            flush=True,
        )
