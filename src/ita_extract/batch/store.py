"""The output folder: per-file records (the source of truth) and atomic writes.

Every converted file has ``reports/<key>.json`` and every failed one ``failures/<key>.json``,
where the key is ``<stem>-<sha256[:12]>``. A record is written to a temporary file and renamed
into place, so a run killed at any moment leaves each record whole or absent; at most one of
the two exists for a key, so a resumed run never has to choose between them. The aggregate
files are rebuilt from these records at the end of every run.
"""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from ita_extract.errors import OutputInUseError

REPORTS_FOLDER = "reports"
FAILURES_FOLDER = "failures"
_PARTIAL_SUFFIX = ".partial"
_LOCK_FILE = ".lock"
_STEM_BYTES = 120
"""UTF-8 bytes of the input's stem kept in a record's name: with the hash and a temporary
file's affixes the name stays under the 255 bytes file systems allow (a Thai letter is 3)."""


def record_key(path: Path, sha256: str) -> str:
    """Return the name that a file's records share: two inputs of one name cannot collide."""
    stem = path.stem.encode()[:_STEM_BYTES].decode(errors="ignore")
    return f"{stem}-{sha256[:12]}"


@dataclass(frozen=True)
class Failure:
    """Why a file was not converted, as stored in ``failures/<key>.json``."""

    reason: str
    message: str


class RecordStore:
    """Read and write the per-file records under an output folder."""

    def __init__(self, out_dir: Path) -> None:
        self.out_dir = out_dir
        self.reports_dir = out_dir / REPORTS_FOLDER
        self.failures_dir = out_dir / FAILURES_FOLDER

    @contextmanager
    def open(self) -> Iterator[None]:
        """Hold the folder for one run: lock it, and clear what a killed run left half-written.

        The lock is an advisory ``flock`` on ``OUT_DIR/.lock``, which the system releases when
        the process ends, however it ends; where ``fcntl`` is missing (Windows) there is none.

        Raises:
            OutputInUseError: another run holds the folder.
        """
        self.out_dir.mkdir(parents=True, exist_ok=True)
        with (self.out_dir / _LOCK_FILE).open("a") as lock:
            _lock_exclusively(lock, self.out_dir)
            for folder in (self.out_dir, self.reports_dir, self.failures_dir):
                folder.mkdir(exist_ok=True)
                for leftover in folder.glob(f".*{_PARTIAL_SUFFIX}"):
                    leftover.unlink(missing_ok=True)
            yield

    def report_path(self, key: str) -> Path:
        """Return where the report JSON of ``key`` is stored."""
        return self.reports_dir / f"{key}.json"

    def failure_path(self, key: str) -> Path:
        """Return where the failure record of ``key`` is stored."""
        return self.failures_dir / f"{key}.json"

    def is_done(self, key: str) -> bool:
        """Return whether an earlier run left a record of ``key`` (converted or failed)."""
        return self.report_path(key).is_file() or self.failure_path(key).is_file()

    def save_report(self, key: str, report_json: str) -> None:
        """Store the report of ``key``, replacing any failure record of it."""
        # -- remove the other record first: a kill in between leaves none, and resume redoes it --
        self.failure_path(key).unlink(missing_ok=True)
        write_atomically(self.report_path(key), report_json + "\n")

    def save_failure(self, key: str, failure: Failure) -> None:
        """Store why ``key`` failed, replacing any report of it."""
        self.report_path(key).unlink(missing_ok=True)
        record = {"reason": failure.reason, "message": failure.message}
        write_atomically(self.failure_path(key), dumps(record) + "\n")

    def load_failure(self, key: str) -> Failure | None:
        """Return the stored failure of ``key``, if there is one."""
        try:
            record = json.loads(self.failure_path(key).read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None
        return Failure(reason=record["reason"], message=record["message"])


def _lock_exclusively(lock: IO[str], out_dir: Path) -> None:
    try:
        import fcntl
    except ImportError:
        return
    try:
        fcntl.flock(lock.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError as error:
        raise OutputInUseError(f"another batch is writing into {out_dir}") from error


def dumps(value: object, *, indent: int | None = None) -> str:
    """Return ``value`` as JSON with Thai kept readable; keys keep their (fixed) order."""
    return json.dumps(value, ensure_ascii=False, indent=indent)


def write_atomically(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` so that readers see the old file or the new one, never a part."""
    with atomic_target(path) as temporary:
        temporary.write_text(text, encoding="utf-8")


@contextmanager
def atomic_target(path: Path) -> Iterator[Path]:
    """Yield a temporary path beside ``path`` to fill; rename it into place if no error occurs."""
    temporary = path.with_name(f".{path.name}.{uuid.uuid4().hex}{_PARTIAL_SUFFIX}")
    try:
        yield temporary
        with temporary.open("rb+") as written:
            os.fsync(written.fileno())
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)
