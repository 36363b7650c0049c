"""Scan text reports under fresh seeds, parse the scans, and print recall and precision per axis.

    .venv/bin/python benchmarks/scan_accuracy.py --seed 5000 --count 10 [--jobs 2] [PDF ...]
    .venv/bin/python benchmarks/scan_accuracy.py --seed 5000 --count 10 --drawn

Report ``seed + k`` scans the source PDF ``k`` modulo the sources (by default every text PDF
fixture under ``tests/fixtures/`` but the ``-pua`` twin; with ``--drawn``, the report the
variation engine draws from seed ``seed + k``, built to PDF by LibreOffice through
``tests/fixtures/generator/drawn.build_batch``) under the style
``tests/fixtures/generator/scan.py`` draws from that seed: resolution, colour mode, paper, light,
grain, JPEG quality, blur, skew, a turned page, signature, notes, stamp, emblem, form lines, a
dark edge. Each scan is parsed and scored against its source's expected JSON with
:func:`ita_extract.evaluate.score_report`. The tables: overall, and per value of each scan axis
(every report counts towards each of its values; drawn reports add their variant axes, as
``draw.<axis>``), weakest recall first, with seconds per page.
Use seeds the committed scanned fixtures and your tuning runs did not use.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.accuracy import EXPECTED_SUFFIX, FIXTURES, print_details, score_parse
from tests.fixtures.generator.drawn import build_batch
from tests.fixtures.generator.scan import draw_scan, scan_pdf
from tests.fixtures.generator.variation import draw

from ita_extract.evaluate import Accuracy
from ita_extract.report import Report

EMPTY = Accuracy(expected=0, parsed=0, matched=0)


def default_sources() -> list[Path]:
    """The text PDF fixtures with an expectation (the ``-pua`` twin looks like its base)."""
    return [
        path
        for path in sorted(FIXTURES.glob("*.pdf"))
        if not path.stem.endswith("-pua") and path.with_name(path.name + EXPECTED_SUFFIX).exists()
    ]


def drawn_sources(
    first: int, count: int, directory: Path
) -> list[tuple[int, Path, dict[str, str]]]:
    """Draw and build reports ``first`` … ``first + count - 1`` as PDFs (no legacy DOC).

    Returns each built report's seed, PDF and variant axes; a draw LibreOffice could not
    convert is left out (``build_batch`` reports it).
    """
    directory.mkdir(parents=True, exist_ok=True)
    draws = [draw(seed) for seed in range(first, first + count)]
    built = build_batch(draws, directory, doc_every=0)
    return [
        (drawn.seed, path, {f"draw.{key}": value for key, value in drawn.values.items()})
        for drawn, path in built
        if path.suffix == ".pdf"
    ]


def main(argv: Sequence[str] | None = None) -> int:
    """Scan, parse and score; print the tables."""
    arguments = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    arguments.add_argument("sources", nargs="*", type=Path, help="text PDFs (default: fixtures)")
    arguments.add_argument("--seed", type=int, required=True, help="first seed")
    arguments.add_argument("--count", type=int, default=10, help="scans to make")
    arguments.add_argument("--jobs", type=int, default=1, help="parallel OCR jobs per parse")
    arguments.add_argument("--keep", type=Path, help="write the scans here and keep them")
    arguments.add_argument("--details", action="store_true", help="list missing/extra facts")
    arguments.add_argument(
        "--drawn", action="store_true", help="scan reports the variation engine draws"
    )
    options = arguments.parse_args(argv)
    sources: list[Path] = options.sources or default_sources()
    seeds = range(options.seed, options.seed + options.count)
    total = EMPTY
    by_axis: dict[tuple[str, str], Accuracy] = defaultdict(lambda: EMPTY)
    seconds: dict[tuple[str, str], float] = defaultdict(float)
    pages: dict[tuple[str, str], int] = defaultdict(int)
    with tempfile.TemporaryDirectory(prefix="ita-scans-") as scratch:
        directory = options.keep or Path(scratch)
        directory.mkdir(parents=True, exist_ok=True)
        reports = (
            drawn_sources(options.seed, options.count, directory / "drawn")
            if options.drawn
            else [(seed, sources[index % len(sources)], {}) for index, seed in enumerate(seeds)]
        )
        print(f"{'seed':>6} {'source':40} {'recall':>7} {'precision':>9} {'s/page':>7}  axes")
        for seed, source, variant in reports:
            style = draw_scan(seed)
            target = directory / f"{source.stem}-scan{seed}.pdf"
            scan_pdf(source, target, style, seed)
            expected = Report.model_validate_json(
                source.with_name(source.name + EXPECTED_SUFFIX).read_text(encoding="utf-8")
            )
            started = time.perf_counter()
            # -- a failed scan scores zero and the run goes on --
            accuracy, parsed, failure = score_parse(target, expected, jobs=options.jobs)
            elapsed = time.perf_counter() - started
            if failure:
                print(f"    parse failed: {failure}")
            page_count = (parsed.source.pages if parsed else None) or 1
            total += accuracy
            axes = {**style.axes(), **variant}
            for key, value in axes.items():
                by_axis[key, value] += accuracy
                seconds[key, value] += elapsed
                pages[key, value] += page_count
            listed = " ".join(f"{key}={value}" for key, value in style.axes().items())
            print(
                f"{seed:>6} {source.stem:40} {accuracy.recall:7.3f} {accuracy.precision:9.3f} "
                f"{elapsed / page_count:7.2f}  {listed}",
                flush=True,
            )
            if options.details:
                print_details(accuracy)
    print(f"\n{'axis=value':24} {'recall':>7} {'precision':>9} {'facts':>6} {'s/page':>7}")
    for key in sorted(by_axis, key=lambda axis: by_axis[axis].recall):
        accuracy = by_axis[key]
        print(
            f"{key[0] + '=' + key[1]:24} {accuracy.recall:7.3f} {accuracy.precision:9.3f} "
            f"{accuracy.expected:6d} {seconds[key] / max(pages[key], 1):7.2f}"
        )
    print(f"{'overall':24} {total.recall:7.3f} {total.precision:9.3f} {total.expected:6d}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
