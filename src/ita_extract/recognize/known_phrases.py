"""Put back the tone marks OCR lost in the phrases every ITA report uses.

Tesseract drops a tone mark stacked on an upper vowel now and then (``คะแนนทีได้``,
``การปฏิบัติหน้าที``). The Thai dictionary fixes the words it can tell apart
(:func:`~ita_extract.normalize.thai.restore_lost_marks`, in the OCR reader); the phrases of the
vocabulary and the framework's indicator names fix the rest, before any heading, table header
or sentence is recognised by them. Text read from a text layer is never touched.
"""

from __future__ import annotations

from functools import cache

from ita_extract.document import Block, Cell, Document, Paragraph
from ita_extract.framework import available_years, get_framework
from ita_extract.normalize.thai import OCR_REPAIRED, repair_glyphs, restore_phrase_marks
from ita_extract.recognize.vocabulary import load_vocabulary
from ita_extract.report import Warning


@cache
def known_phrases() -> tuple[str, ...]:
    """Return every phrase of the vocabulary and every indicator name of the framework."""
    words = load_vocabulary()
    groups = [
        *words.sections.values(),
        *words.part_sections.values(),
        *words.whole_sections.values(),
        words.part_prefixes,
        words.topic_prefixes,
        *(column for table in words.tables.values() for column in table.columns.values()),
        *words.tools.values(),
        *words.phrases.values(),
    ]
    names = [
        name
        for year in available_years()
        if (framework := get_framework(year)) is not None
        for indicator in framework.indicators
        for name in (indicator.name, *indicator.aliases)
    ]
    return tuple(dict.fromkeys([*(phrase for group in groups for phrase in group), *names]))


def restore_known_phrases(document: Document) -> Document:
    """Return an OCR ``document`` with known phrases' lost tone marks restored, and warned of."""
    if not document.ocr:
        return document
    phrases = known_phrases()
    warnings: list[Warning] = []

    def paragraph(old: Paragraph) -> Paragraph:
        text, repairs = restore_phrase_marks(repair_glyphs(old.text), phrases)
        warnings.extend(
            Warning(
                code=OCR_REPAIRED, message=f"OCR read {read!r}; taken as {known!r}", page=old.page
            )
            for read, known in repairs
        )
        return old.model_copy(update={"text": text}) if repairs else old

    def block(old: Block) -> Block:
        if isinstance(old, Paragraph):
            return paragraph(old)
        cells = tuple(cell(item) for item in old.cells)
        return old.model_copy(update={"cells": cells})

    def cell(old: Cell) -> Cell:
        return old.model_copy(
            update={"paragraphs": tuple(paragraph(item) for item in old.paragraphs)}
        )

    blocks = tuple(block(item) for item in document.blocks)
    return document.model_copy(
        update={"blocks": blocks, "warnings": (*document.warnings, *warnings)}
    )
