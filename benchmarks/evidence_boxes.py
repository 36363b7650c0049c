"""Check that evidence boxes hold the scores they were read as, over the fixture corpus.

Run from the repository root: ``.venv/bin/python benchmarks/evidence_boxes.py [--scanned]
[--jobs N]``. For each text-layer fixture PDF, every indicator's and item's evidence box is
cropped out of the PDF with pdfplumber and its text must contain the score
(:func:`ita_extract.evaluate.check_score_boxes`). Each Word fixture is printed to PDF by
LibreOffice and its records located there, as the review page does, and checked the same way.
With ``--scanned`` the OCR'd fixtures are checked too: a scan's box is turned back by the
tilt the scanner simulation gave the page (``tests/fixtures/scanned/make_scanned.py``) and
cropped out of the text PDF the scan was made from, so the check reads printed text, not the
OCR's own reading.
"""

from __future__ import annotations

import argparse
import importlib.util
import io
import math
from collections.abc import Callable
from pathlib import Path

import pdfplumber

from ita_extract import parse
from ita_extract.evaluate import BoxText, EvidenceCheck, check_score_boxes
from ita_extract.review import locate_in_pdf_copy

FIXTURES = Path(__file__).resolve().parent.parent / "tests" / "fixtures"
SCANNED = FIXTURES / "scanned"
Box = tuple[float, float, float, float]


def text_pdfs() -> list[Path]:
    """The text-layer fixture PDFs that have an expectation."""
    return sorted(
        path for path in FIXTURES.glob("*.pdf") if path.with_suffix(".pdf.expected.json").exists()
    )


def crop_text(pdf: pdfplumber.PDF, turn: Callable[[int, Box, float, float], Box] | None) -> BoxText:
    """Return a reader of the text printed in a box of ``pdf`` (boxes moved by ``turn``)."""

    def read(page_number: int, box: Box) -> str:
        page = pdf.pages[page_number - 1]
        if turn is not None:
            box = turn(page_number, box, float(page.width), float(page.height))
        x0, top, x1, bottom = box
        inside = (
            max(0.0, x0),
            max(0.0, top),
            min(float(page.width), x1),
            min(float(page.height), bottom),
        )
        return page.crop(inside).extract_text() or ""

    return read


def untilt(name: str) -> Callable[[int, Box, float, float], Box]:
    """Return the map from a scan's page box to the source page's, for fixture ``name``."""
    spec = importlib.util.spec_from_file_location("make_scanned", SCANNED / "make_scanned.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)

    def turn(page: int, box: Box, width: float, height: float) -> Box:
        # -- the scan turned the page counter-clockwise by the tilt about its centre --
        angle = math.radians(module.tilt_of(name, page))
        cos, sin = math.cos(angle), math.sin(angle)
        centre_x, centre_y = width / 2, height / 2
        corners = [
            (
                centre_x + (x - centre_x) * cos - (y - centre_y) * sin,
                centre_y + (x - centre_x) * sin + (y - centre_y) * cos,
            )
            for x in (box[0], box[2])
            for y in (box[1], box[3])
        ]
        xs, ys = [x for x, _ in corners], [y for _, y in corners]
        return min(xs), min(ys), max(xs), max(ys)

    return turn


def check(document: Path, source: Path, *, scanned: bool, jobs: int) -> EvidenceCheck:
    """Parse ``document`` and check its boxes against the text of ``source``."""
    report = parse(document, jobs=jobs)
    with pdfplumber.open(source) as pdf:
        turn = untilt(source.name) if scanned else None
        return check_score_boxes(report, crop_text(pdf, turn))


def check_word(document: Path) -> EvidenceCheck:
    """Parse a Word file, locate its records in LibreOffice's PDF of it, check the boxes."""
    data = document.read_bytes()
    report = parse(data)
    pdf_copy = locate_in_pdf_copy(data, report)
    with pdfplumber.open(io.BytesIO(pdf_copy)) as pdf:
        return check_score_boxes(report, crop_text(pdf, None))


def show(name: str, result: EvidenceCheck) -> None:
    """Print one file's line."""
    misses = ", ".join(result.misses)[:80]
    counts = f"{result.held:4}/{result.checked:<4} {result.share:7.2%}"
    print(f"{name:45} {counts}  {misses}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scanned", action="store_true", help="check the OCR'd fixtures too")
    parser.add_argument("--jobs", type=int, default=1, help="OCR worker processes")
    args = parser.parse_args()
    groups = [("text PDFs", [(path, path) for path in text_pdfs()], False)]
    if args.scanned:
        scans = sorted(SCANNED.glob("*.pdf"))
        groups.append(("OCR'd scans", [(scan, FIXTURES / scan.name) for scan in scans], True))
    for title, pairs, scanned in groups:
        total = EvidenceCheck(0, 0)
        for document, source in pairs:
            result = check(document, source, scanned=scanned, jobs=args.jobs)
            total += result
            show(document.name, result)
        print(f"{title}: {total.held}/{total.checked} boxes hold their score ({total.share:.2%})\n")
    total = EvidenceCheck(0, 0)
    for document in sorted([*FIXTURES.glob("*.docx"), *FIXTURES.glob("*.doc")]):
        result = check_word(document)
        total += result
        show(document.name, result)
    print(
        f"Word files located in their PDF copies: {total.held}/{total.checked} ({total.share:.2%})"
    )


if __name__ == "__main__":
    main()
