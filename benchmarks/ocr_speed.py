"""Time ``parse()`` of scanned PDFs against bare Tesseract on the same pages, in CPU and wall time.

    .venv/bin/python benchmarks/ocr_speed.py [--jobs N] [PDF ...]

For each image-only PDF (by default every one under tests/fixtures/scanned/) it prints, per page:
the CPU seconds (user + system, of this process and of every process it started and waited for:
Tesseract, the worker processes) and the wall seconds of ``parse()`` with one job; the same of
bare ``tesseract PAGE.png stdout -l tha+eng`` on each page, rendered as OCR renders it, on one
thread; the ratios of the two, CPU and wall; and ``parse()`` with ``--jobs`` (default 2), CPU
and wall, with its speed-up in wall time over one job. The last line pools every file.

The issue's target is a ratio of at most 3 with one job, and two jobs nearly halving the wall
time. On a shared machine the wall seconds move with the other processes' load, and CPU seconds
far less: the CPU ratio is the figure to compare, and the load averages printed before and after
say how far to trust the wall columns. Before anything is timed, the first page of the first PDF
is read once: the one-time start (imports, the digit reader's templates, the Thai dictionary, and
that page's own reading) is printed on its own and counted in no row. Where worker processes are
forked (Linux), they inherit this warm state; a fresh ``ita-extract parse --jobs N`` pays the
start once in each worker.

On a saturated machine the wall time cannot show what more jobs give: Linux gives each login
session one share of the processors (autogroup scheduling), however many processes it runs.
``--balance`` then reads each file once more in the worker processes and prints each worker's
CPU seconds: with a core each, the busiest worker's seconds are the wall time of the pages.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from ita_extract import parse
from ita_extract.readers import ocr
from ita_extract.readers.ocr import check_ocr_available, ocr_pdf_page, render_page

ROOT = Path(__file__).resolve().parents[1]
SCANNED = ROOT / "tests" / "fixtures" / "scanned"


@dataclass(frozen=True)
class Cost:
    """CPU seconds (this process and its waited-for children) and wall seconds of some work."""

    cpu: float = 0.0
    wall: float = 0.0

    def __add__(self, other: Cost) -> Cost:
        return Cost(self.cpu + other.cpu, self.wall + other.wall)

    def per(self, pages: int) -> Cost:
        """Return the cost per page."""
        return Cost(self.cpu / max(pages, 1), self.wall / max(pages, 1))


def _cpu_seconds() -> float:
    """Return the user + system seconds of this process and its finished children so far."""
    own, children = (
        resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
    )
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def cost_of(work: Callable[[], object]) -> Cost:
    """Return what running ``work`` cost."""
    cpu, wall = _cpu_seconds(), time.perf_counter()
    work()
    return Cost(_cpu_seconds() - cpu, time.perf_counter() - wall)


def cost_of_parse(path: Path, jobs: int) -> tuple[int, Cost]:
    """Return the page count of ``path`` and what ``parse()`` with ``jobs`` cost."""
    pages = 0

    def work() -> None:
        nonlocal pages
        pages = parse(path, ocr="auto", jobs=jobs).source.pages or 0

    cost = cost_of(work)
    return pages, cost


def cost_of_bare_tesseract(path: Path, pages: int) -> Cost:
    """Return what plain ``tesseract -l tha+eng`` costs on the pages of ``path``.

    Each page is rendered as OCR renders it and read whole, on one thread, to stdout; the
    rendering is not counted.
    """
    environment = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    pdf = path.read_bytes()
    total = Cost()
    with tempfile.TemporaryDirectory(prefix="ita-bare-tesseract-") as scratch:
        for page in range(1, pages + 1):
            image = Path(scratch) / f"page{page}.png"
            render_page(pdf, page).save(image)
            command = ["tesseract", str(image), "stdout", "-l", "tha+eng"]
            total += cost_of(
                lambda command=command: subprocess.run(
                    command, check=True, capture_output=True, env=environment
                )
            )
    return total


def _worker_page(page: int) -> tuple[int, float]:
    """Read a page in a worker; return the worker's id and its CPU seconds so far."""
    ocr._ocr_worker_page(page)
    return os.getpid(), _cpu_seconds()


def worker_seconds(path: Path, pages: int, jobs: int) -> list[float]:
    """Return the CPU seconds each of ``jobs`` workers spent reading the pages of ``path``."""
    busiest: dict[int, float] = {}
    start = (path.read_bytes(), ())
    with ProcessPoolExecutor(jobs, initializer=ocr._start_worker, initargs=start) as pool:
        for worker, seconds in pool.map(_worker_page, range(1, pages + 1)):
            busiest[worker] = max(seconds, busiest.get(worker, 0.0))
    return sorted(busiest.values(), reverse=True)


def _row(name: str, pages: int, one: Cost, bare: Cost, many: Cost) -> str:
    one_page, bare_page, many_page = one.per(pages), bare.per(pages), many.per(pages)
    return (
        f"{name:<32} {pages:>5} {one_page.cpu:7.2f} {bare_page.cpu:7.2f} "
        f"{one.cpu / bare.cpu:6.2f} {one_page.wall:7.2f} {bare_page.wall:7.2f} "
        f"{one.wall / bare.wall:6.2f} {many_page.cpu:7.2f} {many_page.wall:7.2f} "
        f"{one.wall / many.wall:6.2f}"
    )


def _load() -> str:
    return " ".join(f"{average:.1f}" for average in os.getloadavg())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pdfs", nargs="*", type=Path, help="scanned PDFs (default: fixtures)")
    parser.add_argument("--jobs", type=int, default=2, help="parallel jobs for the last run")
    parser.add_argument(
        "--balance", action="store_true", help="print each worker's CPU seconds too"
    )
    args = parser.parse_args(argv)
    paths: list[Path] = args.pdfs or sorted(SCANNED.glob("*.pdf"))
    check_ocr_available()
    print(f"load average before: {_load()} (1, 5, 15 min) on {os.cpu_count()} cores")
    start = cost_of(lambda: ocr_pdf_page(paths[0].read_bytes(), 1))
    print(
        f"one-time start and a first page, not counted below: {start.cpu:.2f} s CPU,"
        f" {start.wall:.2f} s wall"
    )
    print(
        f"{'':<32} {'':>5} {'--- CPU s/page, ratio ---':^22} {'--- wall s/page, ratio ---':^22}"
        f" {f'- {args.jobs} jobs, s/page -':^22}"
    )
    print(
        f"{'file':<32} {'pages':>5} {'parse':>7} {'bare':>7} {'ratio':>6} {'parse':>7}"
        f" {'bare':>7} {'ratio':>6} {'CPU':>7} {'wall':>7} {'speed':>6}"
    )
    total_pages, total_one, total_bare, total_many = 0, Cost(), Cost(), Cost()
    for path in paths:
        pages, one = cost_of_parse(path, 1)
        bare = cost_of_bare_tesseract(path, pages)
        _, many = cost_of_parse(path, args.jobs)
        total_pages += pages
        total_one, total_bare, total_many = total_one + one, total_bare + bare, total_many + many
        print(_row(path.stem[:32], pages, one, bare, many), flush=True)
        if args.balance:
            workers = worker_seconds(path, pages, args.jobs)
            listed = ", ".join(f"{seconds:.1f}" for seconds in workers)
            print(
                f"    {args.jobs} workers' CPU s: {listed}; the busiest's against one job's:"
                f" {workers[0] / one.cpu:.2f}",
                flush=True,
            )
    print(_row("all", total_pages, total_one, total_bare, total_many))
    print(f"load average after: {_load()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
