"""Part 3's limitations: one record per bullet, its category from ``ข้อจำกัดด้าน…``."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from functools import partial

from ita_extract.document import Paragraph, Table
from ita_extract.normalize.thai import parse_number
from ita_extract.recognize import SectionKind, contains_phrase
from ita_extract.recognize.matching import phrase_key, text_key
from ita_extract.records.context import BuildContext
from ita_extract.records.evidence import evidence_of, regions_to_evidence
from ita_extract.records.lists import ListLine, lines_to_entries, paragraphs_to_lines
from ita_extract.report import Limitation
from ita_extract.vocabulary import Phrases

DEFAULT_INSTRUCTION_SCORE = 90.0


def _split_category(text: str, ctx: BuildContext) -> tuple[str | None, str]:
    """Return ``(category, rest)`` for ``ข้อจำกัดด้านบุคลากร ผู้บริหาร…`` → ``บุคลากร``.

    The category is the phrase after the prefix, up to a space or a colon, and the phrases
    after it that open with a joining word (``ด้านสภาพพื้นที่ และการเดินทาง พื้นที่…`` →
    ``สภาพพื้นที่ และการเดินทาง``): any topic, listed or not, is read as the report words it.
    """
    joiners = tuple(ctx.vocabulary.words(Phrases.LIMITATIONS_CATEGORY_JOINERS))
    for prefix in ctx.vocabulary.words(Phrases.LIMITATIONS_PREFIXES):
        match = re.match(rf"\s*{re.escape(prefix)}\s*([^\s:：]+)", text)
        if not match:
            continue
        phrases, end = [match[1]], match.end()
        while (more := _PHRASE.match(text, end)) and more[1].startswith(joiners):
            phrases.append(more[1])
            end = more.end()
        separator = _SEPARATOR.match(text, end)
        return " ".join(phrases), text[separator.end() if separator else end :]
    return None, text


def _opening_form(text: str, ctx: BuildContext) -> tuple[str, bool, bool] | None:
    """Return how ``text`` opens with a category, or None.

    The form is the prefix, whether a space follows it, and whether a colon ends the category.
    """
    for prefix in ctx.vocabulary.words(Phrases.LIMITATIONS_PREFIXES):
        match = re.match(rf"\s*{re.escape(prefix)}(\s*)[^\s:：]+\s*([:：]?)", text)
        if match:
            return prefix, bool(match[1]), bool(match[2])
    return None


def _reopen_merged_paragraphs(lines: Sequence[ListLine], ctx: BuildContext) -> list[ListLine]:
    """Return ``lines`` with a line opening like its paragraph's first line opening one too.

    A PDF's text layer tells paragraphs apart by where lines end; one that ends near the
    margin (``…ไม่เสถียร`` over ``ข้อจำกัดด้านกฎระเบียบ …``) leaves two limitations in one
    paragraph. A line inside it opening with a category written as the paragraph's first
    line writes it (the same prefix, glued or spaced, with or without a colon) is a
    limitation of its own; a sentence wrapped before a word such as ``ด้าน`` is not.
    """
    result: list[ListLine] = []
    first_form: tuple[str, bool, bool] | None = None
    for line in lines:
        form = _opening_form(line.text, ctx)
        if line.opens_paragraph:
            first_form = form
        elif form is not None and form == first_form:
            line = replace(line, opens_paragraph=True)
        result.append(line)
    return result


_PHRASE = re.compile(r"[^\S\n]+([^\s:：]+)")
_SEPARATOR = re.compile(r"\s*[:：]?\s*")


def _names_category(line: ListLine, ctx: BuildContext) -> bool:
    """Return whether a line opens with a limitation's category (``ด้านงบประมาณ …``)."""
    return _split_category(line.text, ctx)[0] is not None


def build_limitations(ctx: BuildContext) -> list[Limitation]:
    """Return the limitations, template instructions and introductions dropped.

    Part 3 lists them as paragraphs, or as a table of category and text (read after the
    paragraphs).
    """
    limitations: list[Limitation] = []
    for section in ctx.layout.sections_of_kind(SectionKind.LIMITATIONS):
        paragraphs = [paragraph for _, paragraph in ctx.layout.paragraphs_in(section)]
        limitations.extend(_paragraph_limitations(paragraphs, ctx))
        recognized = {table.block_index for table in ctx.layout.tables}
        for index in range(section.body_start, section.end):
            block = ctx.layout.document.blocks[index]
            if isinstance(block, Table) and index not in recognized:
                limitations.extend(_table_limitations(block, ctx))
    return limitations


def _is_boilerplate(text: str, ctx: BuildContext) -> bool:
    """Return whether ``text`` is the template's or an introduction, not a limitation.

    Template instructions (``ตัวอย่างข้อจำกัด…``) the author forgot to delete, and a sentence
    introducing the list (``…มีข้อจำกัด ดังนี้``).
    """
    instructions = ctx.vocabulary.words(Phrases.LIMITATIONS_TEMPLATE_INSTRUCTIONS)
    endings = tuple(ctx.vocabulary.words(Phrases.LIMITATIONS_INTRODUCTION_ENDINGS))
    return contains_phrase(instructions, text, min_score=DEFAULT_INSTRUCTION_SCORE) or (
        text.rstrip(" :").endswith(endings)
    )


def _paragraph_limitations(paragraphs: Sequence[Paragraph], ctx: BuildContext) -> list[Limitation]:
    """Return the limitations listed as paragraphs (bullets, numbers, or a category each)."""
    lines = _reopen_merged_paragraphs(paragraphs_to_lines(paragraphs), ctx)
    limitations: list[Limitation] = []
    # A category written as a line of its own (``ข้อจำกัดด้านบุคลากร``) heads the text after.
    pending: str | None = None
    for entry in lines_to_entries(lines, partial(_names_category, ctx=ctx)):
        text = ctx.clean(entry.text, page=entry.page, where="limitation")
        if not text or _is_boilerplate(text, ctx):
            continue
        category, rest = _split_category(text, ctx)
        if category is not None and not rest.strip():
            pending = category
            continue
        limitations.append(
            Limitation(
                category=category or pending,
                text=rest.strip(),
                evidence=regions_to_evidence(entry.sources),
            )
        )
        pending = None
    return limitations


def _table_limitations(table: Table, ctx: BuildContext) -> list[Limitation]:
    """Return the limitations of a table: a category cell and a text cell per row.

    A leading number cell (``ลำดับ``) is skipped, and the header row (every cell a header
    word) is none; a row of one cell reads like a paragraph.
    """
    headers = {phrase_key(word) for word in ctx.vocabulary.words(Phrases.LIMITATIONS_TABLE_HEADERS)}
    limitations: list[Limitation] = []
    for row in table.rows():
        texts = [text for cell in row if (text := ctx.clean(cell.text, page=cell.page))]
        if texts and parse_number(texts[0]) is not None:
            texts = texts[1:]
        if not texts or all(text_key(text) in headers for text in texts):
            continue
        if _is_boilerplate(" ".join(texts), ctx):
            continue
        if len(texts) == 1:
            category, rest = _split_category(texts[0], ctx)
        else:
            category = _split_category(texts[0], ctx)[0] or texts[0]
            rest = " ".join(texts[1:])
        if rest.strip():
            limitations.append(
                Limitation(category=category, text=rest.strip(), evidence=evidence_of(*row))
            )
    return limitations
