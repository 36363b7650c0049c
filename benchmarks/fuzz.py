"""Fuzz ``ita_extract.parse`` longer than the test suite does, on fresh seeds.

Every case is a real fixture mutated once (bytes, or a DOCX's XML; see
``tests/fuzz/mutations.py``). The only acceptable outcomes are a ``Report`` or one of the
library's typed errors; anything else is printed with the seed that reproduces it.

    .venv/bin/python benchmarks/fuzz.py --cases 2000 --first-seed 100000
"""

from __future__ import annotations

import argparse
import sys
import time
import traceback
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parents[1] / "tests" / "fuzz"))

import mutations


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=1000)
    parser.add_argument("--first-seed", type=int, default=10_000)
    args = parser.parse_args()
    outcomes: Counter[str] = Counter()
    bugs = 0
    started = time.monotonic()
    for seed in range(args.first_seed, args.first_seed + args.cases):
        name, data = mutations.case(seed)
        try:
            outcomes[mutations.outcome(data)] += 1
        except Exception as error:  # -- exactly what the fuzzing looks for
            bugs += 1
            frame = traceback.extract_tb(error.__traceback__)[-1]
            print(
                f"seed {seed} ({name}): {type(error).__name__}: {error} "
                f"at {Path(frame.filename).name}:{frame.lineno}"
            )
    elapsed = time.monotonic() - started
    print(f"{args.cases} cases in {elapsed:.1f} s ({elapsed / args.cases * 1000:.0f} ms each)")
    print("outcomes:", dict(sorted(outcomes.items())))
    print(f"untyped exceptions: {bugs}")
    return 1 if bugs else 0


if __name__ == "__main__":
    raise SystemExit(main())
