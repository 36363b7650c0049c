from __future__ import annotations

from pathlib import Path

import pytest

from ita_extract.validate import validate

FIXTURES = Path(__file__).parents[1] / "fixtures"
EXPECTED = sorted(FIXTURES.glob("*.expected.json"))


def test_there_are_expected_fixtures_to_validate() -> None:
    assert len(EXPECTED) >= 4


@pytest.mark.parametrize("path", EXPECTED, ids=lambda path: path.name)
def test_every_expected_json_validates_without_errors(path: Path) -> None:
    # Fixtures built around a failed assessment (department-failed-d) still describe a
    # consistent report: failing the ITA is not a validation error.
    result = validate(path)

    assert [(finding.rule, finding.message_en) for finding in result.errors] == []
    assert result.source == path.name
