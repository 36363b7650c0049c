"""The overall level, read from each wording of the overall sentence and each year's levels.

Reports are drawn from the variation engine with the wording and the fiscal year fixed (grades
for 2562–2565, ``ผ่าน`` for 2566–2567, ``ผ่านเกณฑ์`` for 2568), written as DOCX and parsed;
the expectation comes from the drawn data.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.fixtures.generator import pools
from tests.records.test_drawn_variants import drawn_docx


@pytest.mark.parametrize("year", ["2563", "2566", "2568"])
@pytest.mark.parametrize("wording", range(len(pools.OVERALL_SENTENCES)))
def test_each_overall_sentence_gives_the_level_of_its_year(
    year: str, wording: int, tmp_path: Path
) -> None:
    fixed = {"fiscal_year": year, "overall_sentence": f"wording_{wording}"}
    parsed, expected = drawn_docx(303, fixed, tmp_path)
    assert parsed.overall.result == expected.overall.result
    assert (parsed.overall.passed, parsed.overall.grade) == (
        expected.overall.passed,
        expected.overall.grade,
    )
