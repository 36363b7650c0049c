"""The drawn corpus (``tests/fixtures/drawn/``): what the engine writes, spanning every axis,
and parsed at least as well as when it was committed.

The floors are the parser's pooled scores per format when the corpus (or a parser fix) was
committed, rounded down; a change may raise them and must not lower them.
"""

from __future__ import annotations

import filecmp
import hashlib
from collections import defaultdict
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from tests.fixtures.generator.build import write_docx
from tests.fixtures.generator.drawn import CORPUS_SEEDS, DRAWN, corpus_stem, fixture_of
from tests.fixtures.generator.variation import AXES, draw

from ita_extract import parse
from ita_extract.evaluate import Accuracy, score_report
from ita_extract.report import Report

EXPECTED = sorted(DRAWN.glob("*.expected.json"))
FLOORS = {
    # format: (recall, precision)
    "docx": (1.0, 1.0),
    "pdf": (0.9883, 0.9935),
    "doc": (1.0, 1.0),
}


def _document(expected_path: Path) -> Path:
    return expected_path.with_name(expected_path.name.removesuffix(".expected.json"))


def test_the_corpus_takes_every_value_of_every_axis() -> None:
    taken = {item for seed in CORPUS_SEEDS for item in draw(seed).values.items()}
    wanted = {(axis, value) for axis, values in AXES.items() for value in values}
    assert wanted - taken == set()


def test_every_drawn_report_is_there_as_docx_and_pdf_and_some_as_doc() -> None:
    names = {_document(path).name for path in EXPECTED}
    for seed in CORPUS_SEEDS:
        assert {f"{corpus_stem(seed)}.docx", f"{corpus_stem(seed)}.pdf"} <= names
    assert sum(name.endswith(".doc") for name in names) >= len(CORPUS_SEEDS) // 5


def test_each_docx_is_what_the_engine_draws_from_its_seed(tmp_path: Path) -> None:
    for seed in CORPUS_SEEDS:
        drawn = draw(seed, corpus_stem(seed))
        written = write_docx(fixture_of(drawn, with_doc=False), tmp_path)
        assert filecmp.cmp(written, DRAWN / written.name, shallow=False), written.name


@pytest.mark.parametrize("expected_path", EXPECTED, ids=lambda path: path.name)
def test_expectation_describes_the_file_beside_it(expected_path: Path) -> None:
    expected = Report.model_validate_json(expected_path.read_text(encoding="utf-8"))
    data = _document(expected_path).read_bytes()
    assert expected.source.sha256 == hashlib.sha256(data).hexdigest()
    if expected_path.name.endswith(".pdf.expected.json"):
        assert expected.source.pages == len(pdfium.PdfDocument(data))
        assert all(indicator.page for indicator in expected.indicators)


def test_the_parser_holds_the_floor_per_format() -> None:
    pooled: dict[str, Accuracy] = defaultdict(lambda: Accuracy(expected=0, parsed=0, matched=0))
    for expected_path in EXPECTED:
        expected = Report.model_validate_json(expected_path.read_text(encoding="utf-8"))
        document = _document(expected_path)
        pooled[document.suffix.lstrip(".")] += score_report(parse(document), expected)
    scores = {name: (round(a.recall, 4), round(a.precision, 4)) for name, a in pooled.items()}
    for name, (recall, precision) in FLOORS.items():
        assert scores[name][0] >= recall and scores[name][1] >= precision, (name, scores)
