"""Profile OCR of one scanned page: its Tesseract runs, and where the Python side's seconds go.

    .venv/bin/python benchmarks/ocr_profile.py PDF PAGE [--top N]

The page is read once first, untimed (imports, the digit reader's templates, the Thai
dictionary), then again: the CPU seconds of this process and of the Tesseract runs it
started, each run with its page segmentation mode, languages, images and seconds, and then
the N functions with the most CPU time of their own (cProfile on CPU time, which slows Python
by a third or so; the run list is measured without it). Bare ``tesseract -l tha+eng`` on the
page as OCR renders it is timed too, for the ratio ``benchmarks/ocr_speed.py`` prints.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import resource
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

from PIL import Image

from ita_extract.readers.ocr import check_ocr_available, ocr_pdf_page, render_page
from ita_extract.readers.ocr import tesseract as tesseract_side


def _seconds(who: int) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def _record_runs(runs: list[tuple[str, str, int, float]]) -> None:
    """Make every Tesseract run of the OCR reader append its settings and CPU seconds."""
    run = tesseract_side._tesseract_data

    def recorded(image: str, config: str, languages: str) -> dict[str, list[Any]]:
        before = _seconds(resource.RUSAGE_CHILDREN)
        data = run(image, config, languages)
        with Image.open(image) as pages:
            count = getattr(pages, "n_frames", 1)
        runs.append((config, languages, count, _seconds(resource.RUSAGE_CHILDREN) - before))
        return data

    tesseract_side._tesseract_data = recorded  # type: ignore[assignment]


def _bare_tesseract(pdf: bytes, page: int) -> float:
    """Return the CPU seconds of plain ``tesseract -l tha+eng`` on the page, one thread."""
    with tempfile.TemporaryDirectory(prefix="ita-profile-") as scratch:
        image = Path(scratch) / "page.png"
        render_page(pdf, page).save(image)
        before = _seconds(resource.RUSAGE_CHILDREN)
        subprocess.run(
            ["tesseract", str(image), "stdout", "-l", "tha+eng"],
            check=True,
            capture_output=True,
            env={**os.environ, "OMP_THREAD_LIMIT": "1"},
        )
        return _seconds(resource.RUSAGE_CHILDREN) - before


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pdf", type=Path, help="a scanned PDF")
    parser.add_argument("page", type=int, help="the 1-based page to profile")
    parser.add_argument("--top", type=int, default=20, help="functions to list")
    args = parser.parse_args(argv)
    check_ocr_available()
    os.environ["OMP_THREAD_LIMIT"] = "1"
    pdf = args.pdf.read_bytes()
    runs: list[tuple[str, str, int, float]] = []
    _record_runs(runs)
    ocr_pdf_page(pdf, args.page)
    runs.clear()
    own, children, wall = (
        _seconds(resource.RUSAGE_SELF),
        _seconds(resource.RUSAGE_CHILDREN),
        time.perf_counter(),
    )
    ocr_pdf_page(pdf, args.page)
    own = _seconds(resource.RUSAGE_SELF) - own
    children = _seconds(resource.RUSAGE_CHILDREN) - children
    wall = time.perf_counter() - wall
    bare = _bare_tesseract(pdf, args.page)
    print(
        f"page {args.page}: {own + children:.2f} s CPU ({own:.2f} Python, {children:.2f}"
        f" Tesseract in {len(runs)} runs), {wall:.2f} s wall; bare Tesseract {bare:.2f} s CPU,"
        f" ratio {(own + children) / bare:.2f}"
    )
    for config, languages, images, seconds in runs:
        print(f"  {config:8} {languages:8} {images:4} image(s) {seconds:6.2f} s CPU")
    profile = cProfile.Profile(time.process_time)  # -- CPU time: the machine is shared --
    profile.runcall(ocr_pdf_page, pdf, args.page)
    pstats.Stats(profile).sort_stats("tottime").print_stats(args.top)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
