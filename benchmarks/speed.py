"""Time the PDF reader against a bare pdfplumber pass, per PDF fixture.

    .venv/bin/python benchmarks/speed.py [PDF ...]

For each text-layer PDF (by default every one under tests/fixtures/, plus report A's pages
doubled to pass 20 pages) it prints the page count, the seconds and pages per second of
``ita_extract.parse()`` and of ``read_pdf()`` alone (best of a few runs), the seconds of a
bare pdfplumber pass (open, ``extract_tables()`` and ``extract_text()`` on every page), the
ratio of parse() to that pass (target: at most 0.5), and the peak memory of a fresh process
that imports the library and parses the file once, beside its peak after the imports alone
(target: under 300 MB for 20 pages).
"""

from __future__ import annotations

import argparse
import io
import json
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pdfplumber
import pypdfium2 as pdfium

from ita_extract import parse
from ita_extract.errors import ItaExtractError
from ita_extract.readers.pdf import read_pdf

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
DOUBLED_SOURCE = FIXTURES / "ita-2566-obt-a.pdf"
RUNS = 5

# -- runs in a fresh interpreter, so the peak covers imports plus one parse and nothing else;
# -- VmHWM, not ru_maxrss, which Linux carries over from the forking parent --
_PEAK_SCRIPT = """
import json, re, sys
def high_water():
    status = open("/proc/self/status").read()
    return int(re.search(r"VmHWM:\\s+(\\d+) kB", status).group(1))
from ita_extract import parse
from ita_extract.readers.pdf import read_pdf
data = open(sys.argv[1], "rb").read()
imported = high_water()
try:
    parse(data, ocr="never")
except Exception:
    read_pdf(data, ocr="never")
print(json.dumps([imported, high_water()]))
"""


@dataclass(frozen=True)
class Figures:
    """What one PDF measured."""

    name: str
    pages: int
    parse_seconds: float | None
    read_seconds: float
    pdfplumber_seconds: float
    imports_mib: float
    peak_mib: float

    @property
    def ratio(self) -> float:
        """Return parse() time (read_pdf() when parse fails) over the pdfplumber pass."""
        ours = self.parse_seconds if self.parse_seconds is not None else self.read_seconds
        return ours / self.pdfplumber_seconds


def best_of(runs: int, *actions: Callable[[], object]) -> list[float]:
    """Return the shortest wall time of ``runs`` calls of each action.

    The actions take turns, so a machine busy with other work slows them alike.
    """
    best = [float("inf")] * len(actions)
    for _ in range(runs):
        for index, action in enumerate(actions):
            start = time.perf_counter()
            action()
            best[index] = min(best[index], time.perf_counter() - start)
    return best


def pdfplumber_pass(data: bytes) -> None:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            page.extract_tables()
            page.extract_text()


def parses(data: bytes) -> bool:
    """Return whether parse() gets through ``data``.

    A fixture that is not a whole report (tests/fixtures/pdf-reader/) may stop parse()
    with any error; the reader's own time is still measured.
    """
    try:
        parse(data, ocr="never")
    except Exception as error:  # -- report it and go on timing the reader --
        print(f"parse() failed: {type(error).__name__}: {error}", file=sys.stderr)
        return False
    return True


def memory_mib(path: Path) -> tuple[float, float]:
    """Return a fresh process's peak memory after imports, and after parsing ``path``."""
    result = subprocess.run(
        [sys.executable, "-c", _PEAK_SCRIPT, str(path)],
        check=True,
        capture_output=True,
        text=True,
    )
    imported, peak = json.loads(result.stdout)
    return imported / 1024, peak / 1024


def measure(name: str, path: Path) -> Figures | None:
    data = path.read_bytes()
    try:
        document = read_pdf(data, ocr="never")
    except ItaExtractError:
        return None  # -- a scan or a broken file: nothing for a text-layer reader to time --
    imports_mib, peak = memory_mib(path)
    actions: list[Callable[[], object]] = [
        lambda: read_pdf(data, ocr="never"),
        lambda: pdfplumber_pass(data),
    ]
    if parses(data):
        actions.append(lambda: parse(data, ocr="never"))
    read_seconds, pdfplumber_seconds, *parse_seconds = best_of(RUNS, *actions)
    return Figures(
        name=name,
        pages=document.page_count or 0,
        parse_seconds=parse_seconds[0] if parse_seconds else None,
        read_seconds=read_seconds,
        pdfplumber_seconds=pdfplumber_seconds,
        imports_mib=imports_mib,
        peak_mib=peak,
    )


@contextmanager
def doubled(source: Path) -> Iterator[Path]:
    """Yield a temporary PDF holding ``source``'s pages twice (a report past 20 pages)."""
    original = pdfium.PdfDocument(source)
    combined = pdfium.PdfDocument.new()
    try:
        combined.import_pages(original)
        combined.import_pages(original)
        with tempfile.TemporaryDirectory() as work:
            target = Path(work) / f"{source.stem}-x2.pdf"
            combined.save(target)
            yield target
    finally:
        combined.close()
        original.close()


def print_table(rows: list[Figures]) -> None:
    header = (
        f"{'file':<50} {'pages':>5} {'parse s':>8} {'read s':>8} {'pages/s':>8} "
        f"{'plumber s':>9} {'ratio':>6} {'import MiB':>10} {'peak MiB':>8}"
    )
    print(header)
    print("-" * len(header))
    for row in rows:
        ours = row.parse_seconds if row.parse_seconds is not None else row.read_seconds
        parse_text = f"{row.parse_seconds:8.3f}" if row.parse_seconds is not None else "       -"
        print(
            f"{row.name:<50} {row.pages:>5} {parse_text} {row.read_seconds:8.3f} "
            f"{row.pages / ours:8.1f} {row.pdfplumber_seconds:9.3f} {row.ratio:6.3f} "
            f"{row.imports_mib:10.1f} {row.peak_mib:8.1f}"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pdfs", nargs="*", type=Path, help="PDFs to time (default: fixtures)")
    args = parser.parse_args(argv)
    paths: list[Path] = args.pdfs or sorted(FIXTURES.rglob("*.pdf"))
    rows = [
        figures
        for path in paths
        if (
            figures := measure(
                str(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path), path
            )
        )
    ]
    if not args.pdfs and DOUBLED_SOURCE.exists():
        with doubled(DOUBLED_SOURCE) as path:
            figures = measure(f"{DOUBLED_SOURCE.stem} pages twice", path)
            if figures is not None:
                rows.append(figures)
    print_table(rows)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
