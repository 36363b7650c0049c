"""Batch throughput: N reports (copies of the fixtures) converted on 1 and on 2 workers.

    .venv/bin/python benchmarks/batch.py [--reports 200] [--workers 1 2]

Prints reports per minute for each worker count, the speed-up over one worker (target: 1.8 or
more on 2 workers, on a machine with 2 free cores) and the largest peak resident memory of any
worker. It also prints the CPU time per report and how many cores the run kept busy on average:
when other programs share the cores, a 2-worker run gets less than 2 of them, and that, not
the batch, caps the speed-up. Each copy gets its own name and content (a PDF comment after
the end, a ZIP comment), so every one is converted rather than listed as a duplicate.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import zipfile
from pathlib import Path

from ita_extract.batch import convert

FIXTURES = Path(__file__).resolve().parent.parent / "tests" / "fixtures"
SOURCES = (
    "ita-2566-obt-a.docx",
    "ita-2566-obt-a.pdf",
    "ita-2567-tessaban-b.docx",
    "ita-2567-tessaban-b.pdf",
)


def make_archive(folder: Path, reports: int) -> None:
    folder.mkdir(parents=True)
    for index in range(reports):
        source = FIXTURES / SOURCES[index % len(SOURCES)]
        copy = folder / f"copy-{index:04}-{source.name}"
        shutil.copyfile(source, copy)
        if copy.suffix == ".pdf":
            with copy.open("ab") as pdf:  # -- readers ignore what follows %%EOF
                pdf.write(f"% copy {index}\n".encode())
        else:
            with zipfile.ZipFile(copy, "a") as package:
                package.comment = f"copy {index}".encode()


def cpu_seconds() -> float:
    """Return the CPU time of this process and of its finished children (the joined workers)."""
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=200)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="ita-batch-bench-") as scratch:
        archive = Path(scratch) / "archive"
        make_archive(archive, args.reports)
        rates: dict[int, float] = {}
        for workers in args.workers:
            # -- other processes on the cores slow the parallel run most: say how busy it was --
            load = os.getloadavg()[0]
            cpu_before = cpu_seconds()
            summary = convert(
                [archive], Path(scratch) / f"out-{workers}", jobs=workers, progress="none"
            )
            cpu = cpu_seconds() - cpu_before
            if summary.converted != args.reports:
                print(
                    f"only {summary.converted} of {args.reports} converted: "
                    f"{dict(summary.failures_by_reason)}",
                    file=sys.stderr,
                )
                return 1
            rates[workers] = summary.converted / summary.elapsed_seconds * 60
            print(
                f"{workers} worker(s): {summary.converted} reports in "
                f"{summary.elapsed_seconds:.1f} s = {rates[workers]:.0f} reports/min, "
                f"peak memory per worker {summary.peak_worker_memory_mb or 0:.0f} MiB; "
                f"{cpu / summary.converted:.2f} CPU s per report, "
                f"{cpu / summary.elapsed_seconds:.2f} cores busy on average "
                f"(load average before: {load:.1f} on {os.cpu_count()} cores)"
            )
    base = rates.get(1)
    for workers, rate in rates.items():
        if base and workers != 1:
            print(f"speed-up on {workers} workers: {rate / base:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
