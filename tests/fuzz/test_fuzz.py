"""Mutated real fixtures give a Report or a typed error, never anything else.

A few hundred fixed seeds, so CI stays within a minute; ``benchmarks/fuzz.py`` runs fresh
seeds for longer. A failure names its seed: ``mutations.case(seed)`` rebuilds the very bytes.
"""

from __future__ import annotations

from collections import Counter

from mutations import case, outcome

from ita_extract import errors

CASES = 300
READING_REASONS = {
    "too_large",
    "resource_limit",
    "corrupt",
    "empty",
    "encrypted",
    "unsupported_format",
    "no_text_layer",
    "not_ita_report",
    "timeout",
    "missing_dependency",
}
"""What a mutated document may fail as; ``report`` when it still reads."""


def test_the_reasons_are_the_library_s_own() -> None:
    reasons = {
        value.reason
        for value in vars(errors).values()
        if isinstance(value, type) and issubclass(value, errors.ItaExtractError)
    }

    assert reasons >= READING_REASONS


def test_mutated_fixtures_give_a_report_or_a_typed_error() -> None:
    outcomes: Counter[str] = Counter()
    kinds: Counter[str] = Counter()
    untyped: list[str] = []
    for seed in range(CASES):
        name, data = case(seed)
        kinds["xml" if name.endswith(" xml") else name.split()[0].rsplit(".", 1)[1]] += 1
        try:
            outcomes[outcome(data)] += 1
        except Exception as error:  # -- what the test is looking for: report every one
            untyped.append(f"seed {seed} ({name}): {type(error).__name__}: {error}")

    assert untyped == []
    assert set(outcomes) <= READING_REASONS | {"report"}
    # -- the cases reach deep (reports still read) and wide (several kinds of damage) --
    assert outcomes["report"] > CASES // 5
    assert len(outcomes) >= 3
    assert min(kinds["xml"], kinds["pdf"], kinds["docx"]) > CASES // 10
