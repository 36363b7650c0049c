"""List labels typed into the text: one rule for every reader.

Word's automatic numbering gives the DOCX reader its labels outright; everywhere else (a PDF
line, a DOCX paragraph whose author typed ``▪`` or ``๑.``, an OCR line) the label is part of
the text. Both readers move it into ``Paragraph.list_label`` by this one rule, so builders see
one shape whatever the format: ``text`` never starts with its label.
"""

from __future__ import annotations

import re

BULLET = r"(?P<bullet>[▪•●○◦■□▫‣⁃◆◇❖∙·➢➤►✓✔])"
"""A bullet glyph. It needs no space after it: Word's list tab can be narrower than a gap."""

NUMBER_OR_DASH = r"(?P<label>[*\-–]|\(?[0-9๐-๙]{1,3}[.)]|\([0-9๐-๙]{1,3}\))"
"""A dash, or a number of up to three Arabic or Thai digits with a dot or bracket: ``1.``,
``๑.``, ``2)``, ``(3)``. Longer numbers (``2566.``) and dotted numbers (``9.1``) are content."""

TYPED_LABEL = re.compile(
    rf"^\s*(?:{BULLET}\s*|{NUMBER_OR_DASH}(?:\s+|(?<=[.)])(?=[\u0e01-\u0e2e\u0e40-\u0e44])))(?=\S)"
)
"""A label at the start of a paragraph, followed by more text. A number right before a Thai
letter needs no space (``๒.แจกเวียน``: OCR often loses a narrow one); it cannot be a decimal."""


def split_typed_label(text: str) -> tuple[str | None, str]:
    """Return ``(label, rest)`` when ``text`` starts with a typed bullet or list number.

    Without a label (or with a label and nothing after it), return ``(None, text)``.
    """
    match = TYPED_LABEL.match(text)
    if match is None:
        return None, text
    return match.group("bullet") or match.group("label"), text[match.end() :]
