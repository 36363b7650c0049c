"""Limits: a file that hangs or grows is stopped and recorded as failed; its worker is replaced."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest
from batch_inputs import docx_bomb, word_document

from ita_extract.batch import convert
from ita_extract.batch.executors import new_pool
from ita_extract.batch.task import MEMORY_EXIT_CODE, Limits, outcome_of

LIMITS = Limits(timeout=0.5, max_memory_mb=100)


@pytest.mark.parametrize(
    ("task", "args", "reason", "message"),
    [
        (os._exit, (3,), "crash", "the worker process died (exit 3)"),
        (os._exit, (MEMORY_EXIT_CODE,), "memory", "grew past 100 MiB"),
        (time.sleep, (30,), "timeout", "took longer than 0.5 s"),
    ],
)
def test_a_stopped_worker_becomes_a_failure_and_the_pool_goes_on(
    task: object, args: tuple[int], reason: str, message: str
) -> None:
    pool = new_pool(1, LIMITS)
    try:
        stopped = pool.schedule(task, args=args, timeout=LIMITS.timeout)
        after = pool.schedule(os.getpid)

        outcome = outcome_of(stopped, LIMITS)

        assert (outcome.reason, outcome.message, outcome.report_json) == (reason, message, None)
        assert after.result(timeout=60) != os.getpid()  # -- a replacement worker ran it --
    finally:
        pool.stop()
        pool.join()


@pytest.mark.slow
@pytest.mark.parametrize(
    ("paragraphs", "timeout", "max_memory_mb", "reason"),
    [
        # -- 600,000 paragraphs take a DOCX reader many seconds (and GiBs); stopped at 2 s --
        (600_000, 2.0, 4096, "timeout"),
        # -- about 1 GiB in all; stopped when the worker passes 400 MiB (it starts near 150) --
        (600_000, 120.0, 400, "memory"),
    ],
)
def test_a_hostile_file_fails_alone(
    tmp_path: Path, paragraphs: int, timeout: float, max_memory_mb: int, reason: str
) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a-bomb.docx").write_bytes(docx_bomb(paragraphs))
    (tmp_path / "in" / "b-menu.docx").write_bytes(word_document(["ข้าวผัด 40 บาท"]))

    summary = convert(
        [tmp_path / "in"],
        tmp_path / "out",
        jobs=1,
        timeout=timeout,
        max_memory_mb=max_memory_mb,
        progress="none",
    )

    lines = (tmp_path / "out" / "failures.jsonl").read_text(encoding="utf-8").splitlines()
    reasons = {row["file"]: row["reason"] for row in map(json.loads, lines)}
    assert reasons["a-bomb.docx"] == reason
    # -- the next file ran in a fresh worker and got its own verdict, not the bomb's --
    assert reasons.get("b-menu.docx") not in {"timeout", "memory", "crash"}
    assert summary.failed + summary.converted == 2
