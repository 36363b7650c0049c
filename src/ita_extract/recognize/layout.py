"""The thin orchestrator: run heading and table recognition over a document, in order."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ita_extract.document import Document, Paragraph, Table
from ita_extract.recognize.headings import Section, find_sections
from ita_extract.recognize.settings import RecognizeSettings
from ita_extract.recognize.tables import (
    RecognizedTable,
    continue_recognized,
    table_to_recognized,
)
from ita_extract.recognize.vocabulary import SectionKind, TableKind


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

    A table without a recognisable header right after a known table with the same columns is
    taken as that table's continuation on the next page (readers that split a table at a page
    break produce these).
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
        recognized = _recognize_table(index, block, previous, resolved)
        if recognized is not None:
            tables.append(recognized)
        previous = recognized
    return Layout(document, tuple(sections), tuple(tables), resolved)


def _recognize_table(
    index: int, table: Table, previous: RecognizedTable | None, settings: RecognizeSettings
) -> RecognizedTable | None:
    recognized = table_to_recognized(index, table, settings)
    if recognized is None and previous is not None:
        return continue_recognized(index, table, previous, settings)
    return recognized
