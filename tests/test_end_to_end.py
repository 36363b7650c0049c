"""Every text-layer fixture parsed end to end and compared with its expected JSON.

DOCX and DOC reports must come out exactly as expected (``source`` aside: the file's bytes
change each time the fixtures are regenerated, and the corpus tests check it). PDFs are scored
fact by fact with :func:`ita_extract.evaluate.score_report`, which compares text without
whitespace: how wrapped PDF lines are joined is the normaliser's tests' business.

Scanned fixtures (``fixtures/scanned/``) are left to the OCR tests: OCR takes minutes a file.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import ita_extract
from ita_extract.evaluate import score_report
from ita_extract.report import Report

FIXTURES = Path(__file__).resolve().parent / "fixtures"
EXPECTED = sorted(FIXTURES.glob("*.expected.json"))


def _document(expected_path: Path) -> Path:
    return expected_path.with_name(expected_path.name.removesuffix(".expected.json"))


@pytest.mark.slow
@pytest.mark.parametrize("expected_path", EXPECTED, ids=lambda path: _document(path).name)
def test_fixture_scores_recall_and_precision(expected_path: Path) -> None:
    document = _document(expected_path)
    expected = Report.model_validate_json(expected_path.read_text(encoding="utf-8"))
    parsed = ita_extract.parse(document)
    accuracy = score_report(parsed, expected)
    assert accuracy.recall == 1.0, accuracy.missing
    assert accuracy.precision == 1.0, accuracy.extra
    assert parsed.completeness == expected.completeness
    # -- every warning is of a registered code: only those get their severity --
    assert all(warning.severity is not None for warning in parsed.warnings)


@pytest.mark.slow
@pytest.mark.parametrize(
    "expected_path",
    [path for path in EXPECTED if _document(path).suffix in {".docx", ".doc"}],
    ids=lambda path: _document(path).name,
)
def test_word_fixture_parses_to_exactly_its_expected_json(expected_path: Path) -> None:
    expected = Report.model_validate_json(expected_path.read_text(encoding="utf-8"))
    parsed = ita_extract.parse(_document(expected_path), evidence=False)
    assert parsed.model_dump(exclude={"source"}) == expected.model_dump(exclude={"source"})
    assert parsed.source.file == expected.source.file
