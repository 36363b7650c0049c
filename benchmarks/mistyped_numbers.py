"""Mistyped score cells on fresh random draws: how many are read right, left null, or wrong.

Each draw is a score 0–100 with two decimals, typed with one mistyping agencies and scans
make: Thai digits, a decimal comma, a space put inside the number, the letter O for a zero, a
letter in place of a digit, a second number beside it, a unit after it. The cell is read as a
record builder reads it (``normalize.numbers.read_stated_score``); a repaired reading must say
so (it would give a ``number.repaired`` warning), and a wrong value is the one outcome that
must never happen.

    .venv/bin/python benchmarks/mistyped_numbers.py [--draws N] [--seed S]
"""

from __future__ import annotations

import argparse
import random
from collections import Counter
from collections.abc import Callable

from ita_extract.normalize.numbers import read_stated_score

THAI_DIGITS = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")
Mistyping = Callable[[str, random.Random], str]


def _space_inside(text: str, rng: random.Random) -> str:
    cut = rng.randrange(1, len(text))
    return f"{text[:cut]} {text[cut:]}"


def _letter_for_digit(text: str, rng: random.Random) -> str:
    places = [index for index, char in enumerate(text) if char.isdigit()]
    index = rng.choice(places)
    return text[:index] + rng.choice("xqkAB") + text[index + 1 :]


def _zero_as_o(text: str, rng: random.Random) -> str:
    return text.replace("0", rng.choice("Oo"))


MISTYPINGS: dict[str, Mistyping] = {
    "as typed": lambda text, rng: text,
    "thai digits": lambda text, rng: text.translate(THAI_DIGITS),
    "decimal comma": lambda text, rng: text.replace(".", ","),
    "space inside": _space_inside,
    "O for zero": _zero_as_o,
    "letter for a digit": _letter_for_digit,
    "two numbers": lambda text, rng: f"{text} {rng.uniform(0, 100):.2f}",
    "unit after": lambda text, rng: f"{text} คะแนน",
}


def main() -> None:
    """Draw, mistype, read, and print the outcomes per kind of mistyping."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("--draws", type=int, default=2000, help="draws per mistyping")
    parser.add_argument("--seed", type=int, default=20261204, help="random seed")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    print(f"{'mistyping':<20}{'right':>8}{'repaired':>10}{'null':>8}{'wrong':>8}")
    total: Counter[str] = Counter()
    for name, mistype in MISTYPINGS.items():
        outcomes: Counter[str] = Counter()
        for _ in range(args.draws):
            score = rng.randrange(0, 10001) / 100
            typed = mistype(f"{score:.2f}", rng)
            reading = read_stated_score(typed, units=("คะแนน",))
            if reading.value is None:
                outcomes["null"] += 1
            elif abs(reading.value - score) > 1e-9:
                outcomes["wrong"] += 1
            elif reading.repairs:
                outcomes["repaired"] += 1
            else:
                outcomes["right"] += 1
        total.update(outcomes)
        print(
            f"{name:<20}{outcomes['right']:>8}{outcomes['repaired']:>10}"
            f"{outcomes['null']:>8}{outcomes['wrong']:>8}"
        )
    print(
        f"{'all':<20}{total['right']:>8}{total['repaired']:>10}{total['null']:>8}"
        f"{total['wrong']:>8}"
    )


if __name__ == "__main__":
    main()
