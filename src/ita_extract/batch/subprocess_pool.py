"""Worker programs started with :mod:`subprocess`, for processes that may not start others.

A Dask worker is a daemonic process by default, and :mod:`multiprocessing` refuses to start a
child from a daemonic process; starting a program is allowed. So on a Dask worker each file is
converted by a *worker program*: a Python process that imports the readers once, then converts
the files sent over its standard input one at a time and answers on its standard output. A file
past its timeout gets its program's whole process group stopped (the Tesseract it runs with it,
and the LibreOffice it converts with: :func:`~ita_extract.batch.task.stop_worker`); a program
past the memory limit stops itself (the watchdog of :mod:`task`); a program that dies is
noticed at once. Either way that file fails alone and the next one gets a fresh program.
"""

from __future__ import annotations

import atexit
import contextlib
import dataclasses
import json
import os
import pickle
import signal
import struct
import subprocess
import sys
import threading
import time
from typing import BinaryIO, cast

from ita_extract.batch.task import (
    Limits,
    Outcome,
    ParseOptions,
    convert_document,
    exit_failure,
    init_worker,
    stop_worker,
    timeout_failure,
)
from ita_extract.errors import WorkerStartError

STARTUP_TIMEOUT = 300.0
"""Seconds a worker program may take to import the readers: generous, for a loaded machine."""
IDLE_SECONDS = 60.0
"""An idle program is stopped after this long, so a shared cluster gets its memory back."""
TERMINATE_SECONDS = 3.0
"""A program asked to stop (SIGTERM) is killed if it has not ended after this long."""

_FRAME_LENGTH = struct.Struct(">Q")
_SERVE = "from ita_extract.batch.subprocess_pool import serve; serve()"
_PARENT_POLL_SECONDS = 0.5


class SubprocessPool:
    """Worker programs kept between files, one per file in flight; thread-safe.

    Each Dask thread takes an idle program (or starts one), converts its file there and gives the
    program back, unless the file cost it its life. Programs idle for :data:`IDLE_SECONDS` are
    stopped.
    """

    def __init__(self, max_memory_mb: int | None) -> None:
        self.max_memory_mb = max_memory_mb
        self._idle: list[_WorkerProgram] = []
        self._busy: set[_WorkerProgram] = set()
        self._lock = threading.Lock()
        reaper = threading.Thread(target=self._stop_idle, name="ita-extract-idle-programs")
        reaper.daemon = True
        reaper.start()

    def convert(
        self, data: bytes, file_name: str, options: ParseOptions, limits: Limits
    ) -> Outcome:
        """Convert one file in a worker program and return its outcome, never raising for it.

        Raises:
            WorkerStartError: no worker program could start (the environment, not the file).
        """
        program = self._take()
        try:
            outcome = program.convert(data, file_name, options, limits)
        except BaseException:
            program.kill()  # -- an interrupted conversion leaves nothing running --
            raise
        finally:
            with self._lock:
                self._busy.discard(program)
        if not program.alive():
            program.kill()  # -- reap it, and whatever it started --
            return outcome
        program.idle_since = time.monotonic()
        with self._lock:
            self._idle.append(program)
        return outcome

    def close(self) -> None:
        """Stop the idle worker programs (busy ones stop when their file is done)."""
        with self._lock:
            idle, self._idle = self._idle, []
        for program in idle:
            program.close()

    def stop(self) -> None:
        """Kill every worker program, busy ones too: their files get no outcome worth keeping."""
        with self._lock:
            programs, self._idle = [*self._idle, *self._busy], []
        for program in programs:
            program.kill()

    def _stop_idle(self) -> None:
        while True:
            time.sleep(IDLE_SECONDS / 4)
            oldest = time.monotonic() - IDLE_SECONDS
            with self._lock:
                stale = [program for program in self._idle if program.idle_since < oldest]
                self._idle = [program for program in self._idle if program not in stale]
            for program in stale:
                program.close()

    def _take(self) -> _WorkerProgram:
        with self._lock:
            while self._idle:
                program = self._idle.pop()
                if program.alive():
                    self._busy.add(program)
                    return program
                program.kill()  # -- ended while idle (the system's OOM killer): reap it --
        program = _WorkerProgram.start(self.max_memory_mb)
        with self._lock:
            self._busy.add(program)
        return program


_shared_pools: dict[int | None, SubprocessPool] = {}
_shared_pools_lock = threading.Lock()


def shared_pool(max_memory_mb: int | None) -> SubprocessPool:
    """Return this process's pool for ``max_memory_mb``, made on first use, closed at exit."""
    with _shared_pools_lock:
        pool = _shared_pools.get(max_memory_mb)
        if pool is None:
            pool = _shared_pools[max_memory_mb] = SubprocessPool(max_memory_mb)
            atexit.register(pool.close)
        return pool


def stop_shared_pools() -> None:
    """Kill every worker program of this process's pools, at the end of a run that owns them."""
    with _shared_pools_lock:
        pools = list(_shared_pools.values())
    for pool in pools:
        pool.stop()


class _WorkerProgram:
    """One worker program and the two pipes that talk to it."""

    def __init__(self, process: subprocess.Popen[bytes]) -> None:
        self.process = process
        self._requests = cast(BinaryIO, process.stdin)
        self._replies = cast(BinaryIO, process.stdout)
        self._killed = threading.Event()
        self.idle_since = time.monotonic()

    @classmethod
    def start(cls, max_memory_mb: int | None) -> _WorkerProgram:
        """Start a program and wait until it has imported the readers and is ready for files."""
        process = subprocess.Popen(
            [sys.executable, "-c", _SERVE, str(max_memory_mb or 0)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            # -- its own process group, so that a timeout kills what the program started too --
            start_new_session=True,
        )
        program = cls(process)
        if program._reply_within(STARTUP_TIMEOUT) is None:
            status = program.kill()
            raise WorkerStartError(
                f"the ita-extract worker program ({sys.executable}) did not start "
                f"(exit {status}); is ita-extract installed where the Dask workers run?"
            )
        return program

    def convert(
        self, data: bytes, file_name: str, options: ParseOptions, limits: Limits
    ) -> Outcome:
        """Send one file, wait for its outcome; a killed or dead program becomes a failure."""
        reply = None
        with contextlib.suppress(BrokenPipeError):  # -- the program died: its status says why
            reply = self._reply_within(
                limits.timeout, request=pickle.dumps((data, file_name, options))
            )
        if reply is not None:
            return Outcome(**json.loads(reply))
        killed_for_time = self._killed.is_set()
        status = self.kill()
        return timeout_failure(limits) if killed_for_time else exit_failure(status, limits)

    def _reply_within(self, seconds: float | None, request: bytes | None = None) -> bytes | None:
        """Send ``request`` (if any) and return the reply, or None if the program ended first.

        A timer kills the program after ``seconds``, which ends the wait for its reply.
        """
        timer = threading.Timer(seconds, self._stop_for_time) if seconds else None
        if timer is not None:
            timer.daemon = True
            timer.start()
        try:
            if request is not None:
                _write_frame(self._requests, request)
            return _read_frame(self._replies)
        finally:
            if timer is not None:
                timer.cancel()

    def _stop_for_time(self) -> None:
        self._killed.set()
        self._stop_group()

    def alive(self) -> bool:
        """Whether the program is still running and may take another file."""
        return not self._killed.is_set() and self.process.poll() is None

    def kill(self) -> int:
        """Stop the program and whatever it started, reap it; return its exit status."""
        self._stop_group()
        status = self.process.wait()
        self._close_pipes()
        return status

    def _stop_group(self) -> None:
        """Ask the program's process group to end (SIGTERM), and kill what is left after a while.

        On SIGTERM the program ends its LibreOffice conversion, which runs in a session of its
        own and would outlive a SIGKILL (:func:`~ita_extract.batch.task.stop_worker`); a program
        stuck in a native library cannot act on it and is killed after
        :data:`TERMINATE_SECONDS`.
        """
        self._signal_group(kill=False)
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.process.wait(timeout=TERMINATE_SECONDS)
        self._signal_group(kill=True)

    def _signal_group(self, *, kill: bool) -> None:
        if self.process.returncode is not None:
            return  # -- reaped already: its process group id may name another process by now
        if not hasattr(os, "killpg"):  # -- Windows: no process groups to signal --
            if kill:
                self.process.kill()
            else:
                self.process.terminate()
            return
        with contextlib.suppress(ProcessLookupError):
            # -- an unreaped program keeps its id, so the group id cannot name another process --
            os.killpg(self.process.pid, signal.SIGKILL if kill else signal.SIGTERM)

    def close(self) -> None:
        """Let the program end on its own: it stops at the end of its standard input."""
        self._close_pipes()
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.kill()

    def _close_pipes(self) -> None:
        for pipe in (self._requests, self._replies):
            with contextlib.suppress(OSError):
                pipe.close()


def serve() -> None:
    """Run as a worker program: convert each file read from standard input until its end.

    The program's standard output is kept for the replies alone: file descriptor 1 is pointed at
    standard error, so whatever a reader (or a program it starts) prints cannot garble a reply,
    and standard input at the null device. The replies are JSON, so the parent never unpickles
    what a process that read a hostile file sends.
    """
    max_memory_mb = int(sys.argv[1]) or None
    requests = os.fdopen(os.dup(0), "rb")
    replies = os.fdopen(os.dup(1), "wb")
    os.dup2(os.open(os.devnull, os.O_RDONLY), 0)
    os.dup2(2, 1)
    init_worker(max_memory_mb)
    _exit_with_parent()
    with contextlib.suppress(BrokenPipeError):  # -- the parent is gone: nobody to answer --
        _write_frame(replies, b"")  # -- ready: the readers are imported --
        while (request := _read_frame(requests)) is not None:
            data, file_name, options = pickle.loads(request)
            outcome = convert_document(data, file_name, options)
            _write_frame(replies, json.dumps(dataclasses.asdict(outcome)).encode())


def _exit_with_parent() -> None:
    """End this program when its parent (the Dask worker) dies, even in the middle of a file."""
    parent = os.getppid()

    def watch() -> None:
        stop = threading.Event()
        while not stop.wait(_PARENT_POLL_SECONDS):
            if os.getppid() != parent:
                stop_worker(1)

    threading.Thread(target=watch, name="ita-extract-parent-watch", daemon=True).start()


def _write_frame(stream: BinaryIO, payload: bytes) -> None:
    stream.write(_FRAME_LENGTH.pack(len(payload)) + payload)
    stream.flush()


def _read_frame(stream: BinaryIO) -> bytes | None:
    """Return the next length-prefixed frame, or None at the end of the stream."""
    header = stream.read(_FRAME_LENGTH.size)
    if len(header) < _FRAME_LENGTH.size:
        return None
    (length,) = _FRAME_LENGTH.unpack(header)
    payload = stream.read(length)
    return payload if len(payload) == length else None
