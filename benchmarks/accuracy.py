"""Parse every fixture and print recall and precision per file and over the corpus.

Run from the repository root: ``.venv/bin/python benchmarks/accuracy.py [--details] [FILE...]``.
Each fixture ``NAME`` is scored against ``NAME.expected.json`` with
:func:`ita_extract.evaluate.score_report`; a file the parser cannot read scores zero recall
rather than stopping the run, so one regression never hides the others.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from ita_extract import parse
from ita_extract.evaluate import Accuracy, report_facts, score_report
from ita_extract.report import Report

FIXTURES = Path(__file__).resolve().parent.parent / "tests" / "fixtures"
EXPECTED_SUFFIX = ".expected.json"


def expected_files(directory: Path = FIXTURES) -> list[Path]:
    """The expectations of the corpus, one per fixture document."""
    return sorted(directory.glob(f"*{EXPECTED_SUFFIX}"))


def score_parse(
    document: Path, expected: Report, *, jobs: int = 1
) -> tuple[Accuracy, Report | None, str | None]:
    """Parse ``document`` and score it against ``expected``: the score, the report, or why not.

    A document the parser cannot read scores zero, every expected fact missing.
    """
    try:
        parsed = parse(document, jobs=jobs)
    except Exception as error:
        facts = tuple(report_facts(expected))
        failed = Accuracy(expected=len(facts), parsed=0, matched=0, missing=facts)
        return failed, None, f"{type(error).__name__}: {error}"
    return score_report(parsed, expected), parsed, None


def score_fixture(expected_path: Path) -> tuple[Accuracy, str | None]:
    """Parse the document beside ``expected_path`` and score it; report a failure's reason."""
    expected = Report.model_validate_json(expected_path.read_text(encoding="utf-8"))
    document = expected_path.with_name(expected_path.name.removesuffix(EXPECTED_SUFFIX))
    accuracy, _, failure = score_parse(document, expected)
    return accuracy, failure


def print_details(accuracy: Accuracy) -> None:
    """Print the facts a score lost (missing) and the ones it added (extra)."""
    for fact in accuracy.missing:
        print(f"    missing {fact}")
    for fact in accuracy.extra:
        print(f"    extra   {fact}")


def main(argv: Sequence[str] | None = None) -> int:
    """Score the corpus (or the given expectation files) and print the table."""
    arguments = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    arguments.add_argument("expected", nargs="*", type=Path, help="NAME.expected.json files")
    arguments.add_argument("--details", action="store_true", help="list missing/extra facts")
    options = arguments.parse_args(argv)
    paths = options.expected or expected_files()
    total = Accuracy(expected=0, parsed=0, matched=0)
    print(f"{'file':48} {'recall':>7} {'precision':>9} {'facts':>6}")
    for path in paths:
        accuracy, failure = score_fixture(path)
        total += accuracy
        name = path.name.removesuffix(EXPECTED_SUFFIX)
        print(f"{name:48} {accuracy.recall:7.3f} {accuracy.precision:9.3f} {accuracy.expected:6d}")
        if failure:
            print(f"    parse failed: {failure}")
        if options.details:
            print_details(accuracy)
    print(f"{'overall':48} {total.recall:7.3f} {total.precision:9.3f} {total.expected:6d}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
