"""Lines into paragraphs: where one ends, its typed label, and a cell's paragraphs as one.

Tesseract gives lines; Word's layout tells where paragraphs end (a wide gap, a short line, a
list label). The label goes to ``list_label`` by the rule every reader shares.
"""

from __future__ import annotations

import itertools
import statistics
from collections.abc import Iterable, Sequence

from ita_extract.document import Paragraph, ParagraphKind, Region
from ita_extract.normalize.labels import split_list_label
from ita_extract.normalize.thai import first_line_break_unit, spacing_length
from ita_extract.readers.line_breaks import ended_by_hand
from ita_extract.readers.ocr.grid import PixelBox
from ita_extract.readers.ocr.tesseract import OcrLine

_PARAGRAPH_GAP = 0.6
"""A vertical gap over this many line heights always starts a new paragraph."""
_GAP_SLACK = 0.05
"""Added to twice the usual line gap (in line heights) before a gap counts as wide."""
_CENTRED_TOLERANCE = 0.08


def text_to_paragraph(
    text: str,
    page: int,
    *,
    kind: ParagraphKind = ParagraphKind.PARAGRAPH,
    regions: tuple[Region, ...] = (),
) -> Paragraph:
    """Return an OCR paragraph with a typed bullet or list number moved into ``list_label``.

    OCR gives the label as part of the text; the DOCX and PDF readers move it by the same
    rule (:func:`~ita_extract.normalize.labels.split_list_label`), so builders see one shape
    whatever the format. A labelled paragraph is a list item, as in a PDF.
    """
    label, rest = split_list_label(text)
    if label is None:
        return Paragraph(text=text, kind=kind, page=page, regions=regions)
    return Paragraph(
        text=rest, kind=ParagraphKind.LIST_ITEM, list_label=label, page=page, regions=regions
    )


def group_paragraph_lines(lines: Iterable[OcrLine], text_box: PixelBox) -> list[list[OcrLine]]:
    """Group lines into paragraphs: a wide vertical gap, or a line that ends short, ends one.

    Word fills every line of a paragraph to the right margin except the last, so a short line
    marks a paragraph's end even where paragraphs have no space between them. A gap is wide
    when it is well over the usual gap between lines on the page (paragraph spacing, or the
    space before a heading), and in any case over a share of the line height.
    """
    paragraphs: list[list[OcrLine]] = []
    ordered = list(lines)
    if not ordered:
        return paragraphs
    line_height = statistics.median(line.box.height for line in ordered)
    gaps = [after.box.top - before.box.bottom for before, after in itertools.pairwise(ordered)]
    usual = statistics.median(gaps) if gaps else 0.0
    wide = min(_PARAGRAPH_GAP * line_height, max(2 * usual, 0.0) + _GAP_SLACK * line_height)
    for line in ordered:
        previous = paragraphs[-1][-1] if paragraphs else None
        if (
            previous is None
            or line.box.top - previous.box.bottom > wide
            or _opens_with_label(line)
            or ended_by_hand(
                previous.text,
                line.text,
                room=text_box.right - previous.box.right,
                first_word_width=_first_word_width(line),
            )
        ):
            paragraphs.append([line])
        else:
            paragraphs[-1].append(line)
    return paragraphs


def _opens_with_label(line: OcrLine) -> bool:
    """Tell whether ``line`` starts with a bullet or a list number: it opens a paragraph."""
    return split_list_label(line.text)[0] is not None


def _first_word_width(line: OcrLine) -> float:
    """Return about how wide the first word of ``line`` is, in pixels.

    Word fills a line as long as the next word fits; a line that ends with room for the
    next line's first word to spare was the end of a paragraph. Thai is written without
    spaces, so the word is found by the dictionary and its width is its share of the line's
    letters (marks above and below take no width).
    """
    text = line.text
    first = first_line_break_unit(text)
    return line.box.width * spacing_length(first) / max(1, spacing_length(text))


def is_centred(line: PixelBox, text_box: PixelBox) -> bool:
    """Tell whether ``line`` stands centred in ``text_box``, as a title or heading does."""
    left_margin = line.left - text_box.left
    right_margin = text_box.right - line.right
    return (
        line.width < 0.8 * text_box.width
        and abs(left_margin - right_margin) < _CENTRED_TOLERANCE * text_box.width
    )


def cell_paragraphs(paragraphs: Sequence[Paragraph]) -> tuple[Paragraph, ...]:
    """Return a cell's paragraphs as one, its lines kept apart by newlines, labels in the text.

    Inside a cell the line-end rule says little: cell text is narrow and often centred, so a
    short line is no paragraph's end. The cell's lines stay one text, as a PDF cell's wraps
    do, and the record builders find its list entries by their labels.
    """
    if len(paragraphs) < 2:
        return tuple(paragraphs)
    text = "\n".join(paragraph.labelled_text for paragraph in paragraphs)
    regions = tuple(region for paragraph in paragraphs for region in paragraph.regions)
    return (Paragraph(text=text, page=paragraphs[0].page, regions=regions),)
