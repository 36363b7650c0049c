"""Print the size and time of each fixture's review page, per page of the report.

Run from the repository root: ``.venv/bin/python benchmarks/review_size.py [FILE...]``
(default: the text-layer fixture PDFs and the Word fixtures, which LibreOffice converts).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import ita_extract

FIXTURES = Path(__file__).resolve().parent.parent / "tests" / "fixtures"


def main(arguments: list[str]) -> None:
    files = [Path(name) for name in arguments] or sorted(
        [*FIXTURES.glob("*.pdf"), *FIXTURES.glob("*.docx"), *FIXTURES.glob("*.doc")]
    )
    total_bytes = total_pages = 0
    for path in files:
        started = time.perf_counter()
        html = ita_extract.review(path)
        seconds = time.perf_counter() - started
        size = len(html.encode("utf-8"))
        pages = html.count('<div class="page"')
        total_bytes, total_pages = total_bytes + size, total_pages + pages
        print(
            f"{path.name:40} {pages:3} pages {size / 2**20:6.2f} MiB "
            f"{size / pages / 2**10:6.0f} KiB/page {seconds:6.1f} s"
        )
    if total_pages:
        per_page = total_bytes / total_pages / 2**10
        thirty = 30 * per_page / 2**10
        print(f"mean {per_page:.0f} KiB a page: a 30-page report's review is {thirty:.1f} MiB")


if __name__ == "__main__":
    main(sys.argv[1:])
