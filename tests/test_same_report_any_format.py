"""The PDF that LibreOffice exported from a DOCX gives the same report as the DOCX itself.

Only ``source`` and the ``page`` of each record may differ: a DOCX that Word never laid out
does not know its pages (json-contract.md, "Page"); so evidence, which says where on which page
a record was read, is left out. Text is compared without white space:
where a phrase space fell at a line wrap, LibreOffice's PDF holds no glyph for it (the line's
last character is followed directly by the line break), so the PDF cannot say it was there.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import ita_extract

FIXTURES = Path(__file__).resolve().parent / "fixtures"
PAIRS = sorted(
    path.with_suffix("").name
    for path in FIXTURES.glob("*.docx")
    if path.with_suffix(".pdf").exists()
)


def comparable(value: Any) -> Any:
    """Return a dumped report without ``page`` keys and with no white space in its strings."""
    if isinstance(value, dict):
        return {key: comparable(item) for key, item in value.items() if key != "page"}
    if isinstance(value, list):
        return [comparable(item) for item in value]
    if isinstance(value, str):
        return "".join(value.split())
    return value


def test_every_report_pair_is_checked() -> None:
    assert len(PAIRS) >= 5


@pytest.mark.slow
@pytest.mark.parametrize("stem", PAIRS)
def test_pdf_and_docx_give_the_same_report(stem: str) -> None:
    from_docx = ita_extract.parse(FIXTURES / f"{stem}.docx", evidence=False).model_dump(
        mode="json", exclude={"source"}
    )
    from_pdf = ita_extract.parse(FIXTURES / f"{stem}.pdf", evidence=False).model_dump(
        mode="json", exclude={"source"}
    )

    assert comparable(from_pdf) == comparable(from_docx)
