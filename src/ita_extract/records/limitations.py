"""Part 3's limitations: one record per bullet, its category from ``ข้อจำกัดด้าน…``."""

from __future__ import annotations

import re
from functools import partial

from ita_extract.recognize import SectionKind, contains_phrase
from ita_extract.records.context import BuildContext
from ita_extract.records.lists import Line, lines_to_entries, paragraphs_to_lines
from ita_extract.report import Limitation

DEFAULT_INSTRUCTION_SCORE = 90.0


def _split_category(text: str, ctx: BuildContext) -> tuple[str | None, str]:
    """Return ``(category, rest)`` for ``ข้อจำกัดด้านบุคลากร ผู้บริหาร…`` → ``บุคลากร``."""
    for prefix in ctx.vocabulary.words("limitations.prefixes"):
        match = re.match(rf"\s*{re.escape(prefix)}\s*([^\s:：]+)\s*[:：]?\s*", text)
        if match:
            return match[1], text[match.end() :]
    return None, text


def _names_category(line: Line, ctx: BuildContext) -> bool:
    """Return whether a line opens with a limitation's category (``ด้านงบประมาณ …``)."""
    return _split_category(line.text, ctx)[0] is not None


def build_limitations(ctx: BuildContext) -> list[Limitation]:
    """Return the limitations, template instructions left by the author dropped."""
    bullets = ctx.vocabulary.words("lists.bullets")
    instructions = ctx.vocabulary.words("limitations.template_instructions")
    limitations: list[Limitation] = []
    for section in ctx.layout.sections_of_kind(SectionKind.LIMITATIONS):
        paragraphs = [paragraph for _, paragraph in ctx.layout.paragraphs_in(section)]
        # A category written as a line of its own (``ข้อจำกัดด้านบุคลากร``) heads the text after.
        pending: str | None = None
        lines = paragraphs_to_lines(paragraphs, bullets)
        names_category = partial(_names_category, ctx=ctx)
        for entry in lines_to_entries(lines, names_category):
            text = ctx.clean(entry.text, page=entry.page, where="limitation")
            # Template instructions are the template's, not the agency's: dropped silently.
            if not text or contains_phrase(instructions, text, min_score=DEFAULT_INSTRUCTION_SCORE):
                continue
            category, rest = _split_category(text, ctx)
            if category is not None and not rest.strip():
                pending = category
                continue
            limitations.append(Limitation(category=category or pending, text=rest.strip()))
            pending = None
    return limitations
