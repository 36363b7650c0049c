"""A PDF cell's lines become the right entries: lists without labels, units wrapped or not.

The reports are the drawn corpus's (``tests/fixtures/drawn/``: the variation engine's DOCX,
exported by LibreOffice); the expected entries are the engine's own data. Thai runs words
together, so where a line ends a paragraph is told by whether the dictionary's first word of
the next line would have fitted on it.
"""

from __future__ import annotations

import pytest
from tests.fixtures.generator.drawn import DRAWN, corpus_stem
from tests.fixtures.generator.variation import draw

from ita_extract import parse
from ita_extract.report import Report


@pytest.mark.parametrize(
    ("seed", "axis", "value", "field"),
    [
        (44, "steps_list", "breaks", "steps"),  # one paragraph, a line break per step
        (9, "measures_list", "breaks", "measures"),
        (11, "unit_style", "comma", "responsible"),  # `…, สำนัก` / `ปลัด, …` wrapped
    ],
)
def test_cell_entries_come_out_one_each(seed: int, axis: str, value: str, field: str) -> None:
    assert draw(seed).values[axis] == value
    stem = corpus_stem(seed)
    expected = Report.model_validate_json(
        (DRAWN / f"{stem}.pdf.expected.json").read_text(encoding="utf-8")
    )
    parsed = parse(DRAWN / f"{stem}.pdf")
    assert expected.action_plan is not None and parsed.action_plan is not None
    assert [getattr(row, field) for row in parsed.action_plan.rows] == [
        getattr(row, field) for row in expected.action_plan.rows
    ]
