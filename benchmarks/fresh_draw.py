"""Draw new reports from the variation engine, parse them, and print recall and precision.

Run from the repository root (needs LibreOffice ``soffice`` and fonts-thai-tlwg):

    .venv/bin/python benchmarks/fresh_draw.py --seed 5000 --count 60

Reports ``seed`` … ``seed + count - 1`` are drawn (``tests/fixtures/generator/variation.py``),
written as DOCX, converted to PDF in one LibreOffice run (every ``--doc-every``-th also to legacy
DOC, in a second run), given their expected JSON from the drawn data, parsed and scored with
:func:`ita_extract.evaluate.score_report`. The tables: overall, per format, and per value of each
variant axis (every report counts towards each of its axis values), weakest first, so a weakness
reads as ``measures_list=plain 0.91``. Use seeds the committed corpus does not use
(``tests/fixtures/drawn/`` uses ``drawn.CORPUS_SEEDS``, 1–44).
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

from benchmarks.accuracy import EXPECTED_SUFFIX, score_fixture
from tests.fixtures.generator.drawn import build_batch
from tests.fixtures.generator.variation import draw

from ita_extract.evaluate import Accuracy

EMPTY = Accuracy(expected=0, parsed=0, matched=0)


def main(argv: Sequence[str] | None = None) -> int:
    """Draw, build, parse and score; print the tables."""
    arguments = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    arguments.add_argument("--seed", type=int, required=True, help="first seed")
    arguments.add_argument("--count", type=int, default=20, help="reports to draw")
    arguments.add_argument("--doc-every", type=int, default=4, help="every Nth also as DOC")
    arguments.add_argument("--keep", type=Path, help="write the files here and keep them")
    arguments.add_argument("--details", action="store_true", help="list lost facts by kind")
    options = arguments.parse_args(argv)
    draws = [draw(seed) for seed in range(options.seed, options.seed + options.count)]
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="ita-fresh-draw-") as scratch:
        directory = options.keep or Path(scratch)
        directory.mkdir(parents=True, exist_ok=True)
        documents = build_batch(draws, directory, options.doc_every)
        built = time.monotonic()
        by_format: dict[str, Accuracy] = defaultdict(lambda: EMPTY)
        by_axis: dict[tuple[str, str], Accuracy] = defaultdict(lambda: EMPTY)
        reports: dict[tuple[str, str], int] = defaultdict(int)
        lost: dict[str, int] = defaultdict(int)
        total = EMPTY
        for drawn, path in documents:
            accuracy, failure = score_fixture(path.with_name(path.name + EXPECTED_SUFFIX))
            if failure:
                print(f"{path.name}: parse failed: {failure}", file=sys.stderr)
            total += accuracy
            file_format = path.suffix.lstrip(".")
            by_format[file_format] += accuracy
            for axis, value in drawn.values.items():
                by_axis[axis, value] += accuracy
                reports[axis, value] += 1
            for fact in accuracy.missing:
                lost[f"missing {fact.kind}.{fact.field}"] += 1
            for fact in accuracy.extra:
                lost[f"extra   {fact.kind}.{fact.field}"] += 1
    parsed = time.monotonic()
    # -- a report left out (not converted, or no expectation) would flatter the figures --
    left_out = len(draws) - len({drawn.seed for drawn, _ in documents})
    print(
        f"{len(draws)} reports ({left_out} left out), {len(documents)} files, seeds "
        f"{options.seed}–{options.seed + options.count - 1}; built in {built - started:.0f} s, "
        f"parsed and scored in {parsed - built:.0f} s"
    )
    print()
    print(f"{'format':34} {'files':>5} {'recall':>7} {'precision':>9} {'facts':>6}")
    for file_format in sorted(by_format):
        _row(
            file_format,
            by_format[file_format],
            sum(1 for _, path in documents if path.suffix == f".{file_format}"),
        )
    _row("overall", total, len(documents))
    print()
    print(f"{'axis=value':34} {'files':>5} {'recall':>7} {'precision':>9} {'facts':>6}")
    ranked = sorted(by_axis.items(), key=lambda entry: min(entry[1].recall, entry[1].precision))
    for (axis, value), accuracy in ranked:
        _row(f"{axis}={value}", accuracy, reports[axis, value])
    if options.details:
        print()
        for name, count in sorted(lost.items(), key=lambda entry: -entry[1]):
            print(f"{count:6d}  {name}")
    return 0


def _row(name: str, accuracy: Accuracy, files: int) -> None:
    print(
        f"{name:34} {files:5d} {accuracy.recall:7.3f} {accuracy.precision:9.3f} "
        f"{accuracy.expected:6d}"
    )


if __name__ == "__main__":
    sys.exit(main())
