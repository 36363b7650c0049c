"""Time OCR of the scanned fixtures: seconds per scanned page, in one process and in parallel.

    .venv/bin/python benchmarks/ocr_speed.py [--jobs N] [PDF ...]

For each image-only PDF (by default every one under tests/fixtures/scanned/) it prints the
page count, the wall-clock seconds of ``parse()`` with one job and with ``--jobs`` (default 2),
the seconds per page of each, the seconds of bare ``tesseract -l tha+eng`` on the same pages
(rendered as OCR renders them, one thread), and the ratio of ``parse()`` with one job to it.
The issue's target is a ratio of at most 3. The machine's load shows in the seconds; the ratio,
measured back to back, is steadier.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import tempfile
import time
from pathlib import Path

import pypdfium2 as pdfium

from ita_extract import parse
from ita_extract.readers.ocr import DPI

ROOT = Path(__file__).resolve().parents[1]
SCANNED = ROOT / "tests" / "fixtures" / "scanned"


def seconds_to_parse(path: Path, jobs: int) -> tuple[int, float]:
    """Return the page count of ``path`` and the seconds ``parse()`` took with ``jobs``."""
    start = time.perf_counter()
    report = parse(path, ocr="auto", jobs=jobs)
    return report.source.pages or 0, time.perf_counter() - start


def seconds_of_bare_tesseract(path: Path) -> float:
    """Return the seconds plain ``tesseract -l tha+eng`` takes on the pages of ``path``.

    Each page is rendered as OCR renders it and read whole, on one thread, to stdout.
    """
    environment = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    document = pdfium.PdfDocument(path)
    total = 0.0
    try:
        with tempfile.TemporaryDirectory(prefix="ita-bare-tesseract-") as scratch:
            for index in range(len(document)):
                image = Path(scratch) / f"page{index}.png"
                document[index].render(scale=DPI / 72, grayscale=True).to_pil().save(image)
                start = time.perf_counter()
                subprocess.run(
                    ["tesseract", str(image), "stdout", "-l", "tha+eng"],
                    check=True,
                    capture_output=True,
                    env=environment,
                )
                total += time.perf_counter() - start
    finally:
        document.close()
    return total


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pdfs", nargs="*", type=Path, help="scanned PDFs (default: fixtures)")
    parser.add_argument("--jobs", type=int, default=2, help="parallel jobs for the second run")
    args = parser.parse_args(argv)
    paths: list[Path] = args.pdfs or sorted(SCANNED.glob("*.pdf"))
    print(
        f"{'file':<40} {'pages':>5} {'1 job s':>8} {'s/page':>7} {'N jobs s':>9} {'s/page':>7}"
        f" {'bare s':>7} {'ratio':>6}"
    )
    total_pages, total_one, total_many, total_bare = 0, 0.0, 0.0, 0.0
    for path in paths:
        pages, one = seconds_to_parse(path, 1)
        bare = seconds_of_bare_tesseract(path)
        _, many = seconds_to_parse(path, args.jobs)
        total_pages, total_one, total_many = total_pages + pages, total_one + one, total_many + many
        total_bare += bare
        print(
            f"{path.stem:<40} {pages:>5} {one:8.1f} {one / max(pages, 1):7.2f} "
            f"{many:9.1f} {many / max(pages, 1):7.2f} {bare:7.1f} {one / bare:6.2f}"
        )
    print(
        f"{'all (jobs=' + str(args.jobs) + ')':<40} {total_pages:>5} {total_one:8.1f} "
        f"{total_one / max(total_pages, 1):7.2f} {total_many:9.1f} "
        f"{total_many / max(total_pages, 1):7.2f} {total_bare:7.1f} {total_one / total_bare:6.2f}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
