"""Evidence: where on the page each record was read, as the contract's spans.

Readers give every visual line a :class:`~ita_extract.document.Region` (page, box, text as
read); builders hand the regions of the cells and lines a record came from to
:func:`regions_to_evidence`, which makes one span per page: the box around them all and
their text. A DOCX has no pages, so its spans carry the text alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from pydantic import BaseModel

from ita_extract.document import BoundingBox, Cell, Paragraph, Region
from ita_extract.normalize.thai import thai_to_arabic_digits
from ita_extract.report import Evidence, Report

EVIDENCE_FIELD = "evidence"


def regions_to_evidence(regions: Iterable[Region]) -> list[Evidence]:
    """Return one span per page of ``regions``, in the order their pages first come.

    A region seen twice (a merged cell beside several rows) counts once.
    """
    by_page: dict[int | None, list[Region]] = {}
    seen: set[int] = set()
    for region in regions:
        if id(region) in seen or not region.text.strip():
            continue
        seen.add(id(region))
        by_page.setdefault(region.page, []).append(region)
    return [
        Evidence(
            page=page,
            bbox=_union([region.bbox for region in group if region.bbox is not None]),
            text="\n".join(region.text for region in group),
        )
        for page, group in by_page.items()
    ]


def _union(boxes: Sequence[BoundingBox]) -> BoundingBox | None:
    if not boxes:
        return None
    return (
        min(box[0] for box in boxes),
        min(box[1] for box in boxes),
        max(box[2] for box in boxes),
        max(box[3] for box in boxes),
    )


def page_stating(code: str, sources: Iterable[Region], default: int | None) -> int | None:
    """Return the page of the first of ``sources`` whose text states ``code``, else ``default``.

    A row a page break cut stands on two pages; its record is on the one that states its code.
    """
    pattern = re.compile(rf"(?<![A-Za-z0-9]){re.escape(code)}(?![0-9])", re.IGNORECASE)
    for region in sources:
        if region.page is not None and pattern.search(thai_to_arabic_digits(region.text)):
            return region.page
    return default


def sources_of(*blocks: Cell | Paragraph | None) -> list[Region]:
    """Return the regions of ``blocks`` in order; a missing cell (None) adds nothing."""
    return [region for block in blocks if block is not None for region in block.sources]


def evidence_of(*blocks: Cell | Paragraph | None) -> list[Evidence]:
    """Return the spans of the cells or paragraphs a record was read from."""
    return regions_to_evidence(sources_of(*blocks))


def text_span_sources(
    line_sources: Sequence[Sequence[Region]], text: str, start: int, end: int
) -> list[Region]:
    r"""Return the regions of the lines that ``text[start:end]`` falls on.

    ``text`` is lines joined by ``"\n"``, and ``line_sources`` gives each line's regions.
    """
    first = text.count("\n", 0, start)
    last = text.count("\n", 0, max(start, end - 1))
    return [region for lines in line_sources[first : last + 1] for region in lines]


def without_evidence(report: Report) -> Report:
    """Return ``report`` with every record's evidence taken out (for lean output)."""
    _strip(report)
    return report


def _strip(model: BaseModel) -> None:
    for name in type(model).model_fields:
        value = getattr(model, name)
        if name == EVIDENCE_FIELD:
            if value is not None:
                setattr(model, name, None)
        elif isinstance(value, BaseModel):
            _strip(value)
        elif isinstance(value, list):
            for element in value:
                if isinstance(element, BaseModel):
                    _strip(element)
