"""Find the report's sections by their Thai headings, never by their position.

Steps, each a pure function: a paragraph's key → the heading it is (if any) → the document's
headings → sections spanning the blocks between one heading and the next.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from ita_extract.document import Block, Paragraph, Table
from ita_extract.recognize.matching import best_phrase_at_start, text_key, whole_ratio
from ita_extract.recognize.settings import RecognizeSettings
from ita_extract.vocabulary import SectionKind

_LEADING_NUMBER = re.compile(r"\d+")
_TAIL_MAX_CHARS = 30
"""Key characters a heading's last line may hold when it comes out as a paragraph."""


@dataclass(frozen=True)
class Heading:
    """A paragraph that opens a section."""

    block_index: int
    kind: SectionKind
    paragraph: Paragraph
    number: int | None = None
    """The topic's number, for a topic heading (``ประเด็นที่ ๓`` → 3)."""
    block_count: int = 1
    """Blocks the heading takes: 2 for a part number alone on its line above the part's name."""


@dataclass(frozen=True)
class Section:
    """The blocks ``[start, end)`` that one heading (or the title block) spans."""

    kind: SectionKind
    start: int
    end: int
    heading: Heading | None = None
    """None for the title block, which has no heading."""

    def __contains__(self, block_index: object) -> bool:
        return isinstance(block_index, int) and self.start <= block_index < self.end

    @property
    def body_start(self) -> int:
        """Return the index of the section's first block after its heading."""
        return self.start + (0 if self.heading is None else self.heading.block_count)


def paragraph_to_heading(
    block_index: int, paragraph: Paragraph, settings: RecognizeSettings
) -> Heading | None:
    """Given a paragraph outside tables, return the heading it is, or None for body text."""
    key = text_key(paragraph.labelled_text)
    if not key or len(key) > settings.heading_max_chars:
        return None
    topic_number = key_to_topic_number(key, settings)
    if topic_number is not None:
        return Heading(block_index, SectionKind.TOPIC, paragraph, topic_number)
    kind = _key_to_section_kind(key, settings.vocabulary.sections, settings)
    if kind is None:
        part = _number_after_prefix(settings.vocabulary.part_prefixes, key, settings)
        if part is not None:
            rest = key[part.end() :]
            kind = _key_to_section_kind(rest, settings.vocabulary.part_sections, settings, 0)
        else:
            kind = _whole_key_kind(key, settings)
    return None if kind is None else Heading(block_index, kind, paragraph)


def _whole_key_kind(key: str, settings: RecognizeSettings) -> SectionKind | None:
    """Return the section a short name opens when it is the whole paragraph (``ข้อจำกัด``).

    Alone on its line a short name is a heading; at the start of a longer line
    (``ข้อจำกัดด้านบุคลากร …``) it is body text.
    """
    for kind, phrases in settings.vocabulary.whole_sections.items():
        if any(whole_ratio(phrase, key) >= settings.heading_min_score for phrase in phrases):
            return kind
    return None


def _key_to_section_kind(
    key: str,
    sections: Mapping[SectionKind, tuple[str, ...]],
    settings: RecognizeSettings,
    max_offset: int | None = None,
) -> SectionKind | None:
    """Return the kind of section whose phrase ``key`` starts with, or None."""
    best: tuple[tuple[float, int, int], SectionKind] | None = None
    for kind, phrases in sections.items():
        match = best_phrase_at_start(
            phrases,
            key,
            max_offset=settings.heading_max_offset if max_offset is None else max_offset,
            min_score=settings.heading_min_score,
        )
        if match is None:
            continue
        # Equal scores: the phrase that starts earlier, then the longer one, names the heading
        # (the report's title "รายงานการวิเคราะห์…" holds part 1's "การวิเคราะห์…").
        rank = (match.score, -match.start, match.end - match.start)
        if best is None or rank > best[0]:
            best = (rank, kind)
    return None if best is None else best[1]


def key_to_topic_number(key: str, settings: RecognizeSettings) -> int | None:
    """Given a paragraph's key, return N if it opens with a topic prefix and N, else None.

    Each prefix is tried on its own (``ประเด็นที่ ๑``, ``ประเด็น ๑``): a shorter prefix that
    matches too must not hide the number after a longer one.
    """
    number = _number_after_prefix(settings.vocabulary.topic_prefixes, key, settings)
    return None if number is None else int(number[0])


def _number_after_prefix(
    prefixes: Sequence[str], key: str, settings: RecognizeSettings
) -> re.Match[str] | None:
    """Return the number right after the first of ``prefixes`` that ``key`` starts with."""
    for prefix in prefixes:
        match = best_phrase_at_start(
            (prefix,),
            key,
            max_offset=settings.heading_max_offset,
            min_score=settings.heading_min_score,
        )
        number = _LEADING_NUMBER.match(key, match.end) if match is not None else None
        if number:
            return number
    return None


def blocks_to_headings(blocks: Sequence[Block], settings: RecognizeSettings) -> list[Heading]:
    """Given the document's blocks, return its headings in reading order."""
    paragraphs = [
        block if isinstance(block, Paragraph) else boxed_paragraph(block) for block in blocks
    ]
    headings: list[Heading] = []
    next_free = 0
    for index in range(len(paragraphs)):
        heading = _heading_at(index, paragraphs, settings) if index >= next_free else None
        if heading is not None:
            headings.append(heading)
            next_free = index + heading.block_count
    return headings


def _heading_at(
    index: int, paragraphs: Sequence[Paragraph | None], settings: RecognizeSettings
) -> Heading | None:
    """Return the heading that starts at ``paragraphs[index]``, one line or two, or None.

    A part's number alone on its line (``ส่วนที่ ๓``) names its part on the next line; the two
    are one heading then.
    """
    paragraph = paragraphs[index]
    if paragraph is None:
        return None
    heading = paragraph_to_heading(index, paragraph, settings)
    following = paragraphs[index + 1] if index + 1 < len(paragraphs) else None
    if heading is None and following is not None and _is_part_number(paragraph, settings):
        joined = _joined_lines(paragraph, following)
        heading = paragraph_to_heading(index, joined, settings)
        heading = None if heading is None else replace(heading, block_count=2)
    if heading is None:
        return None
    after = index + heading.block_count
    tail = paragraphs[after] if after < len(paragraphs) else None
    if tail is not None and _is_heading_tail(heading, tail, settings):
        return replace(
            heading,
            paragraph=_joined_lines(heading.paragraph, tail),
            block_count=heading.block_count + 1,
        )
    return heading


def _joined_lines(first: Paragraph, second: Paragraph) -> Paragraph:
    """Return one heading's two lines, read as two paragraphs, as one paragraph."""
    return Paragraph(
        text=f"{first.text}\n{second.text}",
        page=first.page,
        regions=first.regions + second.regions,
    )


def _is_heading_tail(heading: Heading, paragraph: Paragraph, settings: RecognizeSettings) -> bool:
    """Tell whether ``paragraph`` is the last line of ``heading``, cut off as a paragraph.

    A scan or a PDF shows no paragraph marks, and a wrapped heading's last line may come out
    as a paragraph of its own (``Assessment: OIT)`` or ``สาธารณะ (OIT)``). Body text would be
    glued to the heading then. The line is the heading's when it closes a bracket the heading
    left open, or when the heading matches its phrase better with the line than without.
    """
    text = paragraph.text
    if "\n" in text or paragraph.list_label or len(text_key(text)) > _TAIL_MAX_CHARS:
        return False
    opened = heading.paragraph.text
    if opened.count("(") > opened.count(")") and text.count(")") > text.count("("):
        return True
    phrases = settings.vocabulary.sections.get(heading.kind, ())
    alone = _phrase_score(phrases, text_key(opened), settings)
    joined = _phrase_score(phrases, text_key(opened + text), settings)
    return joined > alone


def _phrase_score(phrases: Sequence[str], key: str, settings: RecognizeSettings) -> float:
    match = best_phrase_at_start(
        phrases,
        key,
        max_offset=settings.heading_max_offset,
        min_score=settings.heading_min_score,
    )
    return 0.0 if match is None else match.score


def _is_part_number(paragraph: Paragraph, settings: RecognizeSettings) -> bool:
    """Return whether a paragraph is a part's number alone (``ส่วนที่ ๓``), its name below."""
    key = text_key(paragraph.labelled_text)
    number = _number_after_prefix(settings.vocabulary.part_prefixes, key, settings)
    return number is not None and number.end() == len(key)


def boxed_paragraph(table: Table) -> Paragraph | None:
    """Return the text of a table of one cell as a paragraph, else None.

    Some templates box a line in a one-cell table (a shaded banner): a part's heading heads
    its section all the same, and a cover's boxed agency name is a title line.
    """
    if len(table.cells) != 1 or not table.cells[0].paragraphs:
        return None
    cell = table.cells[0]
    text = " ".join(paragraph.labelled_text for paragraph in cell.paragraphs)
    regions = tuple(region for paragraph in cell.paragraphs for region in paragraph.regions)
    return Paragraph(text=text, page=cell.page or table.page, regions=regions)


def headings_to_sections(headings: Sequence[Heading], block_count: int) -> list[Section]:
    """Given the headings, return the sections they open, the title block first.

    A section runs to the next heading, so sections missing or reordered need no special case.
    Title headings (the report's own title lines) open nothing: they belong to the title block.
    """
    headings = [heading for heading in headings if heading.kind is not SectionKind.TITLE]
    first = headings[0].block_index if headings else block_count
    sections = [Section(SectionKind.TITLE, 0, first)]
    for index, heading in enumerate(headings):
        end = headings[index + 1].block_index if index + 1 < len(headings) else block_count
        sections.append(Section(heading.kind, heading.block_index, end, heading))
    return sections


def find_sections(blocks: Sequence[Block], settings: RecognizeSettings) -> list[Section]:
    """Return the sections of a document's blocks, the title block first."""
    return headings_to_sections(blocks_to_headings(blocks, settings), len(blocks))
