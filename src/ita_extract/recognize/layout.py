"""The thin orchestrator: run heading and table recognition over a document, in order."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from ita_extract.document import Document, Paragraph
from ita_extract.recognize.headings import Section, find_sections
from ita_extract.recognize.settings import RecognizeSettings
from ita_extract.recognize.tables import (
    RecognizedTable,
    continue_recognized,
    table_to_recognized,
    with_month_rows,
)
from ita_extract.vocabulary import SectionKind, TableKind


@dataclass(frozen=True)
class Layout:
    """What recognition found in a document: its sections and its known tables."""

    document: Document
    sections: tuple[Section, ...]
    tables: tuple[RecognizedTable, ...]
    settings: RecognizeSettings

    def section_of(self, block_index: int) -> Section:
        """Return the section that holds block ``block_index``."""
        for section in reversed(self.sections):
            if block_index in section:
                return section
        return self.sections[0]

    def sections_of_kind(self, kind: SectionKind) -> list[Section]:
        """Return the sections of ``kind``, in reading order."""
        return [section for section in self.sections if section.kind is kind]

    def tables_of_kind(self, kind: TableKind) -> list[RecognizedTable]:
        """Return the recognised tables of ``kind``, in reading order."""
        return [table for table in self.tables if table.kind is kind]

    def paragraphs_in(self, section: Section) -> list[tuple[int, Paragraph]]:
        """Return the body paragraphs of ``section`` (its heading excluded) with their indices."""
        first = section.body_start
        blocks = self.document.blocks
        return [
            (index, block)
            for index in range(first, section.end)
            if isinstance(block := blocks[index], Paragraph)
        ]


def recognize(
    document: Document, settings: RecognizeSettings | Mapping[str, Any] | None = None
) -> Layout:
    """Return the sections and known tables of ``document``.

    Recognition is the one stage that says whether a table continues the one before it
    (``RecognizedTable.continued``); record builders stitch tables only where it does. A
    table continues the known table right before it when it has no header of its own, the
    same columns and nothing but empty paragraphs between (a part the reader could not join:
    a DOCX table its author split, a part whose columns a scan showed differently), or when
    it repeats a header of the same kind within the same section.
    """
    resolved = RecognizeSettings.resolve(settings)
    sections = find_sections(document.blocks, resolved)
    tables: list[RecognizedTable] = []
    previous: RecognizedTable | None = None
    for index, block in enumerate(document.blocks):
        if isinstance(block, Paragraph):
            if block.text.strip():
                previous = None
            continue
        recognized = table_to_recognized(index, block, resolved)
        if recognized is None and previous is not None:
            recognized = continue_recognized(index, block, previous, resolved)
        elif recognized is not None and tables and _repeats(tables[-1], recognized, sections):
            recognized = replace(recognized, continued=True)
        if recognized is not None:
            recognized = with_month_rows(recognized)
            tables.append(recognized)
        previous = recognized
    return Layout(document, tuple(sections), tuple(tables), resolved)


def _repeats(before: RecognizedTable, table: RecognizedTable, sections: Sequence[Section]) -> bool:
    """Tell whether ``table``, headed as a table of ``before``'s kind, goes on with it.

    A header repeated above the rest of a table, in the same section, starts no new table:
    what stands between is a page's stray text or a note, not a heading.
    """
    return table.kind is before.kind and _section_at(sections, table.block_index) == _section_at(
        sections, before.block_index
    )


def _section_at(sections: Sequence[Section], block_index: int) -> int:
    """Return the position in ``sections`` of the section that holds ``block_index``."""
    return max(
        (position for position, section in enumerate(sections) if block_index in section),
        default=-1,
    )
