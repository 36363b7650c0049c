"""Split a cell's or a section's paragraphs into list entries (bullets, numbered steps).

Readers put a list item's bullet or number in ``Paragraph.list_label``, but a PDF or a hand-typed
list leaves it in the text, so both are read here, the labels inside a text by the one rule
the readers use (:func:`~ita_extract.normalize.labels.split_list_label`). An entry without a
label of its own continues the entry before it, which is how a wrapped bullet or a page break
reads.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ita_extract.document import Paragraph, Region
from ita_extract.normalize.labels import split_list_label
from ita_extract.normalize.thai import parse_number, thai_to_arabic_digits


@dataclass(frozen=True)
class ListLine:
    """One visual line of a paragraph, its label split off."""

    text: str
    label: str | None
    page: int | None
    opens_paragraph: bool
    sources: tuple[Region, ...] = ()
    """Where the line was read."""


@dataclass(frozen=True)
class ListEntry:
    """One list entry: its raw text (lines joined by newlines, label stripped) and page."""

    text: str
    page: int | None
    sources: tuple[Region, ...] = ()
    """Where the entry's lines were read."""


def label_number(label: str | None) -> int | None:
    """Return the number a list label shows (``'๓.'`` → 3), or None for a bullet."""
    if label is None:
        return None
    value = parse_number(label)
    return int(value) if value is not None and value.is_integer() and value > 0 else None


def paragraphs_to_lines(paragraphs: Sequence[Paragraph]) -> list[ListLine]:
    """Given paragraphs, return their lines with labels split off (list_label or typed)."""
    lines: list[ListLine] = []
    for paragraph in paragraphs:
        line_sources = paragraph.line_sources()
        for index, raw in enumerate(paragraph.text.split("\n")):
            if not raw.strip():
                continue
            typed_label, rest = split_list_label(raw, in_text=True)
            label = typed_label
            if index == 0 and paragraph.list_label:
                label = paragraph.list_label
                if not _same_label(typed_label, label):
                    rest = raw.strip()
            for position, (part_label, part) in enumerate(_split_inline(label, rest)):
                # -- a typed line break starts a line of its own, as a new paragraph does --
                opens = (index == 0 or paragraph.typed_breaks) and position == 0
                lines.append(ListLine(part, part_label, paragraph.page, opens, line_sources[index]))
    return lines


def _split_inline(label: str | None, text: str) -> list[tuple[str | None, str]]:
    """Return ``text`` split at the numbers that follow its own label in one paragraph.

    ``1) จัดทำร่าง 2) เสนอผู้บริหาร`` is two steps typed on one line. Only the next numbers in
    sequence split it, so a number in the prose (``ภายใน 30 วัน``) never does.
    """
    number = label_number(label)
    if number is None:
        return [(label, text)]
    parts: list[tuple[str | None, str]] = []
    arabic = thai_to_arabic_digits(text)
    start = 0
    while True:
        number += 1
        match = re.compile(rf"\s\(?{number}\s*[.)](?![0-9])\s*").search(arabic, start)
        if match is None:
            break
        parts.append((label, text[start : match.start()].strip()))
        label, start = text[match.start() : match.end()].strip(), match.end()
    parts.append((label, text[start:].strip()))
    return parts


def _same_label(typed: str | None, listed: str) -> bool:
    """Return whether a label typed in the text repeats the reader's list label."""
    return typed is not None and thai_to_arabic_digits(typed) == thai_to_arabic_digits(listed)


def lines_to_entries(
    lines: Sequence[ListLine], opens_entry: Callable[[ListLine], bool] | None = None
) -> list[ListEntry]:
    """Group lines into entries.

    Where any line has a label, labels open entries and other lines continue them; where none
    has, each paragraph is one entry. A paragraph's first line for which ``opens_entry`` holds
    opens one too: a list may leave its label off an entry that still names its own subject.
    """
    labelled = any(line.label for line in lines)
    entries: list[list[ListLine]] = []
    for line in lines:
        opens = line.label is not None if labelled else line.opens_paragraph
        opens = opens or (line.opens_paragraph and opens_entry is not None and opens_entry(line))
        if opens or not entries:
            entries.append([line])
        else:
            entries[-1].append(line)
    return [
        ListEntry(
            "\n".join(line.text for line in group),
            group[0].page,
            tuple(region for line in group for region in line.sources),
        )
        for group in entries
    ]


def _without_caption(lines: Sequence[ListLine]) -> Sequence[ListLine]:
    """Drop a caption heading a labelled list: one unlabelled paragraph before the first label.

    ``รายละเอียดขั้นตอนการดำเนินการ`` over ``1. …``, ``2. …`` names the list; it is no entry.
    A list whose first label is a later number (``3.``) lost its earlier labels: the text
    before it is its earlier entries, kept.
    """
    first_label = next((index for index, line in enumerate(lines) if line.label), None)
    if not first_label:
        return lines
    if sum(line.opens_paragraph for line in lines[:first_label]) != 1:
        return lines
    if label_number(lines[first_label].label) not in (None, 1):
        return lines
    return lines[first_label:]


def paragraphs_to_list_entries(paragraphs: Sequence[Paragraph]) -> list[ListEntry]:
    """Return the entries of ``paragraphs``, labels stripped and a list's caption left out."""
    return lines_to_entries(_without_caption(paragraphs_to_lines(paragraphs)))


def paragraphs_to_entries(
    paragraphs: Sequence[Paragraph], clean: Callable[[str], str]
) -> list[str]:
    """Return the cleaned, non-empty entries of ``paragraphs``, labels stripped."""
    return [text for entry in paragraphs_to_list_entries(paragraphs) if (text := clean(entry.text))]
