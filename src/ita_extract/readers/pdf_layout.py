r"""Turn positioned glyphs into lines, and lines into paragraphs, for the PDF reader.

A PDF has no paragraphs, only characters at positions. Lines are glyphs that share a
baseline; paragraphs are lines that follow each other at the usual line pitch, with no list
label and no first-line indent starting a new one. Visual line breaks stay in the text as
``"\n"`` (the document model's convention) and Thai glyph damage is repaired here, on the
way in, so nothing downstream sees a PDF's font quirks.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from itertools import pairwise
from statistics import median

from ita_extract.document import Paragraph, ParagraphKind, Region
from ita_extract.normalize.labels import BULLET, NUMBER_OR_DASH, split_list_label
from ita_extract.normalize.numbers import read_stated_score
from ita_extract.normalize.thai import (
    first_line_break_unit,
    leading_thai,
    repair_glyphs,
    spacing_length,
    thai_to_arabic_digits,
    trailing_thai,
    wraps_mid_word,
)
from ita_extract.readers.line_breaks import ended_by_hand
from ita_extract.readers.pdf_page import Glyph

BASELINE_TOLERANCE = 0.3
"""Glyphs whose baselines differ by less than this share of the font size are on one line."""
WORD_GAP = 0.25
"""A horizontal gap wider than this share of the font size stands for a space."""
FIT_MARGIN = 0.1
"""How much wider than measured (a share of the font size) a word carried up between Thai
letters must be taken to be: a cell's inner edge is only known to about that."""
PARAGRAPH_GAP = 1.25
"""Baselines further apart than this many usual line pitches end a paragraph."""
DEFAULT_PITCH = 1.6
"""Baseline distance per point of font size when a document gives too few lines to measure."""
MAX_PITCH = 3.0
"""Line distances above this (per point of font size) are gaps, not line pitch."""
INDENT = 0.8
"""A line starting this share of the font size right of the line above begins a paragraph."""
SHORT_LINE_EMS = 5.0
SHORT_LINE_SHARE = 0.25
"""A line that leaves more of its column empty than both this many font sizes and this share
of the column's width ended its paragraph early: the next line starts a new one."""
HEADING_SIZE_RATIO = 1.15
HEADING_MAX_CHARS = 200

# -- at a line's start a bullet, or a number with a dot, may stand alone: its text wrapped to
# -- the next line (a lone ``๗)`` or ``๐๑๕)`` ends a wrapped reference instead) --
_LINE_LABEL = re.compile(rf"^\s*(?:{BULLET}|{NUMBER_OR_DASH}\s+(?=\S)|[0-9๐-๙]{{1,3}}\.\s*$)")


@dataclass(frozen=True, slots=True)
class PdfLine:
    """Glyphs on one baseline, left to right as written, their text and their box.

    Build lines with :meth:`of`, which measures them once. The text (see :func:`line_text`)
    is replaced by its Thai-repaired form in one pass per page (:func:`repair_lines`).
    """

    glyphs: tuple[Glyph, ...]
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    """The largest font size on the line."""
    word_gap: float
    """The gap between glyphs that stands for a space on this line (see :func:`_word_gap`)."""

    @classmethod
    def of(cls, glyphs: tuple[Glyph, ...]) -> PdfLine:
        """Return the line of ``glyphs`` (at least one), measured."""
        word_gap = _word_gap(glyphs)
        return cls(
            glyphs,
            line_text(glyphs, word_gap),
            min(glyph.x0 for glyph in glyphs),
            max(glyph.x1 for glyph in glyphs),
            min(glyph.top for glyph in glyphs),
            max(glyph.bottom for glyph in glyphs),
            max(glyph.size for glyph in glyphs),
            word_gap,
        )

    @property
    def baseline(self) -> float:
        """Return the line's baseline (the first glyph's)."""
        return self.glyphs[0].baseline

    @property
    def width(self) -> float:
        """Return the width of the line's box."""
        return self.x1 - self.x0

    def first_word_width(self, following: PdfLine | None = None) -> float:
        """Return the width of the line's first word, the least a wrap could have carried over.

        The word is :func:`~ita_extract.normalize.thai.first_line_break_unit`'s: up to where
        LibreOffice's line breaking could have wrapped (Thai has no spaces to tell). Its width
        runs over as many glyphs as it has letters that take width. Where the word runs on
        into the ``following`` line (``ประชาสัมพั`` / ``นธ์``), it is wider than this line.
        """
        letters = spacing_length(first_line_break_unit(self.text))
        if following is not None and wraps_mid_word(self.text, following.text):
            letters = max(
                letters, spacing_length(first_line_break_unit(self.text + following.text))
            )
        width = _leading_width(self.glyphs, letters)
        if following is not None and letters > spacing_length(self.text):
            width += _leading_width(following.glyphs, letters - spacing_length(self.text))
        return width

    @property
    def bold(self) -> bool:
        """Return whether every visible glyph of the line is bold."""
        return all(glyph.bold for glyph in self.glyphs if not glyph.text.isspace())


def _leading_width(glyphs: Sequence[Glyph], letters: int) -> float:
    """Return the width of the first ``letters`` visible glyphs (all of them, if fewer)."""
    visible = [glyph for glyph in glyphs if not glyph.text.isspace()]
    if not visible or letters < 1:
        return 0.0
    return visible[min(len(visible), letters) - 1].x1 - visible[0].x0


def line_text(glyphs: Sequence[Glyph], word_gap: float) -> str:
    """Return the characters of ``glyphs``, a space standing for each gap over ``word_gap``.

    Runs of spaces become one; a space at the line's end is kept.
    """
    parts: list[str] = []
    previous: Glyph | None = None
    for glyph in glyphs:
        if (
            previous is not None
            and glyph.x0 - previous.x1 > word_gap
            and not previous.text.isspace()
            and not glyph.text.isspace()
        ):
            parts.append(" ")
        parts.append(glyph.text)
        previous = glyph
    text = " ".join("".join(parts).split())
    # -- a space the line ends on is where it wrapped between words: line joining
    # -- downstream must see it, or Thai words either side would close up --
    return f"{text} " if glyphs[-1].text.isspace() and text else text


def _word_gap(glyphs: Sequence[Glyph]) -> float:
    """Return the gap between glyphs that stands for a space on this line.

    A quarter of the font size beyond the line's usual gap between letters: justified Thai
    spreads every letter apart (``ค ว ร``), and those gaps are not spaces.
    """
    gaps = [
        right.x0 - left.x1
        for left, right in pairwise(glyphs)
        if not left.text.isspace() and not right.text.isspace()
    ]
    usual = max(0.0, median(gaps)) if gaps else 0.0
    return usual + WORD_GAP * max(glyph.size for glyph in glyphs)


def repair_lines(lines: Sequence[PdfLine]) -> list[PdfLine]:
    r"""Return ``lines`` with their Thai glyph damage repaired, in one call for all of them.

    The repair keeps line breaks, so the lines go through joined by ``"\n"``; should a
    repair ever merge two lines, each line is repaired on its own instead.
    """
    repaired = repair_glyphs("\n".join(line.text for line in lines)).split("\n")
    if len(repaired) != len(lines):
        repaired = [repair_glyphs(line.text) for line in lines]
    return [
        line if text == line.text else replace(line, text=text)
        for line, text in zip(lines, repaired, strict=True)
    ]


_DASHES = frozenset("-–")
_NUMBER_ONLY = re.compile(r"[-+−]?\d+(?:[.,]\d+)?%?")
_SIGNS = frozenset("-+−")


def is_number(text: str) -> bool:
    """Return whether ``text`` is one number alone (a score, an order, a signed difference)."""
    return _NUMBER_ONLY.fullmatch(thai_to_arabic_digits(text.strip())) is not None


def is_wrapped_number(pieces: Sequence[str]) -> bool:
    """Return whether ``pieces``, each a line's text, read whole as one score or share.

    A column too narrow for ``98.27`` breaks it over lines (``9`` / ``8.27``), and a page
    break may fall between them; the decimals tables state are scores and shares (0–100),
    and their signed differences (``+17.3`` / ``0``).
    """
    whole = " ".join(pieces).strip()
    unsigned = whole[1:] if whole[:1] in _SIGNS else whole
    return len(pieces) > 1 and read_stated_score(unsigned).value is not None


def starts_with_list_label(text: str) -> bool:
    """Return whether the line ``text`` opens with a bullet or a number label (▪, -, 1., ๑.).

    The label may end the line: a list item's text can wrap right after it.
    """
    return _LINE_LABEL.match(text) is not None


def glyphs_to_lines(glyphs: Iterable[Glyph]) -> list[PdfLine]:
    """Given glyphs in content order, return their lines from top to bottom.

    Runs of glyphs written one after the other are cut into lines at baseline changes;
    runs on the same baseline are joined and put left to right (writers emit spaces and
    words out of order). Marks travel with their base glyph, so sorting never moves them.
    """
    runs: list[list[Glyph]] = []
    for glyph in glyphs:
        if runs and _same_line(runs[-1][-1], glyph):
            runs[-1].append(glyph)
        else:
            runs.append([glyph])
    runs.sort(key=lambda run: run[0].baseline)
    lines: list[list[list[Glyph]]] = []
    for run in runs:
        if lines and _same_line(lines[-1][0][0], run[0]):
            lines[-1].append(run)
        else:
            lines.append([run])
    result = []
    for pieces in lines:
        glyphs_of_line = tuple(
            sorted((glyph for run in pieces for glyph in run), key=lambda glyph: glyph.x0)
        )
        if any(not glyph.text.isspace() for glyph in glyphs_of_line):
            result.append(PdfLine.of(glyphs_of_line))
    return result


def _same_line(first: Glyph, second: Glyph) -> bool:
    return abs(first.baseline - second.baseline) < BASELINE_TOLERANCE * max(first.size, second.size)


def line_pitch(regions: Iterable[Sequence[PdfLine]]) -> float:
    """Return the usual distance between baselines, per point of font size, in ``regions``."""
    ratios = [
        (lower.baseline - upper.baseline) / upper.size
        for lines in regions
        for upper, lower in pairwise(lines)
        if 0 < lower.baseline - upper.baseline < MAX_PITCH * upper.size
    ]
    return median(ratios) if ratios else DEFAULT_PITCH


@dataclass(frozen=True, slots=True)
class PdfColumn:
    """The horizontal extent text runs in (a page's text column, a cell), and its line pitch."""

    left: float
    right: float
    pitch: float
    """The document's :func:`line_pitch`."""
    page_text: bool = True
    """True for a page's running text, False for a cell. In a page's text, a line leaving
    much of the column empty ends its paragraph and a first-line indent starts one; in a
    narrow cell, Thai wraps before a long word leave as much room, and centred text moves
    its left edge, so neither tells there."""

    @classmethod
    def around(cls, lines: Sequence[PdfLine], pitch: float) -> PdfColumn:
        """Return the column the widest of ``lines`` span."""
        return cls(min(line.x0 for line in lines), max(line.x1 for line in lines), pitch)


def lines_to_paragraphs(
    lines: Sequence[PdfLine], *, page: int, column: PdfColumn, body_size: float | None = None
) -> list[Paragraph]:
    """Given the lines of one region (a cell, or page text between tables), return paragraphs.

    ``body_size`` is the document's usual font size; when given, paragraphs in bold or in a
    larger font become headings (table cells pass None: they hold no headings).
    """
    groups: list[list[PdfLine]] = []
    for index, line in enumerate(lines):
        following = lines[index + 1] if index + 1 < len(lines) else None
        if groups and not _starts_paragraph(groups[-1], line, following, column):
            groups[-1].append(line)
        else:
            groups.append([line])
    return [_paragraph(group, page, body_size) for group in groups]


def _starts_paragraph(
    group: Sequence[PdfLine], line: PdfLine, following: PdfLine | None, column: PdfColumn
) -> bool:
    previous = group[-1]
    label = _LINE_LABEL.match(line.text)
    # -- a dash opening a wrapped line is a range's (ตุลาคม ๒๕๖๖ / – กันยายน) unless the
    # -- paragraph is itself a dash item --
    if label is not None and (label.group("label") not in _DASHES or _dash_item(group[0])):
        return True
    if line.baseline - previous.baseline > PARAGRAPH_GAP * column.pitch * previous.size:
        return True
    if previous.bold != line.bold:
        return True
    # -- the line's first word would have fitted on the line above: the break was typed,
    # -- unless it cut a word, or the line above is a list label alone (its text wrapped).
    # -- A word carried up after a space takes the space too; Thai runs on without one --
    space = FIT_MARGIN if _joins_thai(previous.text, line.text) else WORD_GAP
    if not _label_alone(previous) and ended_by_hand(
        previous.text,
        line.text,
        room=column.right - previous.x1,
        first_word_width=line.first_word_width(following) + space * line.size,
    ):
        return True
    if not column.page_text:
        return False
    width = column.right - column.left
    if width - previous.width > max(SHORT_LINE_EMS * previous.size, SHORT_LINE_SHARE * width):
        return True
    # -- a first-line indent starts a paragraph; a list item's hanging indent does not, and
    # -- centred lines (titles) move their left edge without being indented --
    first_is_list = len(group) == 1 and starts_with_list_label(previous.text)
    left_aligned = previous.x0 - column.left < INDENT * previous.size
    return left_aligned and not first_is_list and line.x0 - previous.x0 > INDENT * line.size


def _joins_thai(upper: str, lower: str) -> bool:
    """Return whether the break between ``upper`` and ``lower`` falls between Thai letters."""
    return bool(trailing_thai(upper)) and bool(leading_thai(lower))


def _label_alone(line: PdfLine) -> bool:
    label = _LINE_LABEL.match(line.text)
    return label is not None and not line.text[label.end() :].strip()


def _dash_item(line: PdfLine) -> bool:
    label = _LINE_LABEL.match(line.text)
    return label is not None and label.group("label") in _DASHES


def _paragraph(lines: Sequence[PdfLine], page: int, body_size: float | None) -> Paragraph:
    text = "\n".join(line.text for line in lines)
    regions = tuple(
        Region(page=page, bbox=(line.x0, line.top, line.x1, line.bottom), text=line.text)
        for line in lines
    )
    label, rest = split_list_label(text)
    if label is not None:
        return Paragraph(
            text=rest,
            kind=ParagraphKind.LIST_ITEM,
            list_label=label,
            page=page,
            regions=regions,
        )
    kind = ParagraphKind.PARAGRAPH
    if (
        body_size is not None
        and len(text) <= HEADING_MAX_CHARS
        and _looks_like_heading(lines, body_size)
    ):
        kind = ParagraphKind.HEADING
    return Paragraph(text=text, kind=kind, page=page, regions=regions)


def _looks_like_heading(lines: Sequence[PdfLine], body_size: float) -> bool:
    return all(line.bold for line in lines) or min(line.size for line in lines) >= (
        HEADING_SIZE_RATIO * body_size
    )


def body_font_size(glyphs: Iterable[Glyph]) -> float | None:
    """Return the median font size of ``glyphs`` (the body text's), or None if there are none."""
    sizes = [glyph.size for glyph in glyphs if not glyph.text.isspace()]
    return median(sizes) if sizes else None
