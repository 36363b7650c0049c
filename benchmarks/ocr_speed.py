"""Time OCR of the scanned fixtures: seconds per scanned page, in one process and in parallel.

    .venv/bin/python benchmarks/ocr_speed.py [--jobs N] [PDF ...]

For each image-only PDF (by default every one under tests/fixtures/scanned/) it prints the
page count, the wall-clock seconds of ``parse()`` with one job and with ``--jobs`` (default 2),
and the seconds per page of each. Tesseract dominates; the machine's load shows in the figures.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from ita_extract import parse

ROOT = Path(__file__).resolve().parents[1]
SCANNED = ROOT / "tests" / "fixtures" / "scanned"


def seconds_to_parse(path: Path, jobs: int) -> tuple[int, float]:
    """Return the page count of ``path`` and the seconds ``parse()`` took with ``jobs``."""
    start = time.perf_counter()
    report = parse(path, ocr="auto", jobs=jobs)
    return report.source.pages or 0, time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pdfs", nargs="*", type=Path, help="scanned PDFs (default: fixtures)")
    parser.add_argument("--jobs", type=int, default=2, help="parallel jobs for the second run")
    args = parser.parse_args(argv)
    paths: list[Path] = args.pdfs or sorted(SCANNED.glob("*.pdf"))
    print(f"{'file':<40} {'pages':>5} {'1 job s':>8} {'s/page':>7} {'N jobs s':>9} {'s/page':>7}")
    total_pages, total_one, total_many = 0, 0.0, 0.0
    for path in paths:
        pages, one = seconds_to_parse(path, 1)
        _, many = seconds_to_parse(path, args.jobs)
        total_pages, total_one, total_many = total_pages + pages, total_one + one, total_many + many
        print(
            f"{path.stem:<40} {pages:>5} {one:8.1f} {one / max(pages, 1):7.2f} "
            f"{many:9.1f} {many / max(pages, 1):7.2f}"
        )
    print(
        f"{'all (jobs=' + str(args.jobs) + ')':<40} {total_pages:>5} {total_one:8.1f} "
        f"{total_one / max(total_pages, 1):7.2f} {total_many:9.1f} "
        f"{total_many / max(total_pages, 1):7.2f}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
