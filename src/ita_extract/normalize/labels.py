"""List labels: one grammar and one bullet vocabulary for every reader and record builder.

Word's automatic numbering gives the DOCX reader its labels outright; everywhere else (a PDF
line, a DOCX paragraph whose author typed ``▪`` or ``๑.``, an OCR line, a line inside a cell
a reader gave whole) the label is part of the text. Readers move a paragraph's label into
``Paragraph.list_label``; record builders find the labels of the lines inside a text. Both
use :func:`split_list_label`, so a bullet or a number is a label by the same rule wherever it
is read.
"""

from __future__ import annotations

import re

BULLETS = "▪•●○◦■□▫‣⁃◆◇❖∙·➢➤►✓✔Ø"
"""Bullet glyphs (the DOCX reader maps Wingdings and Symbol bullets to these)."""
DASHES = "*-–"
"""Marks that open a list item when a space follows them; a dash before a digit is a sign."""

BULLET = rf"(?P<bullet>[{BULLETS}])"
"""A bullet glyph. It needs no space after it: Word's list tab can be narrower than a gap."""

NUMBER_OR_DASH = (
    rf"(?P<label>[{re.escape(DASHES)}]"
    r"|\(?[0-9๐-๙]{1,3}(?:\.[0-9๐-๙]{1,2})*[.)](?![0-9๐-๙])|\([0-9๐-๙]{1,3}\))"
)
"""A dash, or a number of up to three Arabic or Thai digits with a dot or bracket: ``1.``,
``๑.``, ``2)``, ``(3)``, ``1.2.``. Longer numbers (``2566.``), decimals and dotted numbers
without a closing dot (``9.1``, ``1.5``) are content."""

_TYPED_LABEL = re.compile(
    rf"^\s*(?:{BULLET}\s*|{NUMBER_OR_DASH}(?:\s+|(?<=[.)])(?=[\u0e01-\u0e2e\u0e40-\u0e44])))(?=\S)"
)
"""A label at the start of a paragraph, followed by more text. A number right before a Thai
letter needs no space (``๒.แจกเวียน``: OCR often loses a narrow one); it cannot be a decimal."""

_LINE_LABEL = re.compile(rf"^\s*(?:{BULLET}|{NUMBER_OR_DASH})\s*")
"""A label at the start of a line of text already read: it may touch its text or end the line."""


def split_list_label(text: str, *, in_text: bool = False) -> tuple[str | None, str]:
    """Return ``(label, rest)`` when ``text`` starts with a bullet or a list number.

    A paragraph's label (the readers' case) needs text after it, and a dash or a number a
    space before that text; without a label, ``(None, text)``. A line inside a text already
    read (``in_text``, the record builders' case) is laxer: its label may end the line (the
    item's text wrapped to the next one) or touch its text (``-ข้อจำกัด``), and ``label`` and
    ``rest`` come back stripped, as the line's words.
    """
    match = (_LINE_LABEL if in_text else _TYPED_LABEL).match(text)
    if match is None:
        return None, text.strip() if in_text else text
    label = match.group("bullet") or match.group("label")
    rest = text[match.end() :]
    return label, rest.strip() if in_text else rest
