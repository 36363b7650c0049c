"""Report-level items: every item score the document states, one record per code.

Scores come from the topic tables' rows, the single analysis table's first column and prose
(``e6 การเผยแพร่ข้อมูล (73.60 คะแนน)``), gathered with their place in the document so the
records come out in document order whatever builder found them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ita_extract.document import Paragraph, Region, Table
from ita_extract.normalize.codes import split_leading_codes, tool_of_code
from ita_extract.normalize.numbers import NumberReading
from ita_extract.recognize import ColumnRole, TableKind
from ita_extract.recognize.matching import phrase_key, text_key
from ita_extract.records.context import BuildContext
from ita_extract.records.evidence import regions_to_evidence, text_span_sources
from ita_extract.report import Item
from ita_extract.vocabulary import Phrases, Setting
from ita_extract.warning_codes import WarningCode

_NUMBER_WORD = r"(?:[0-9๐-๙]|\.[0-9๐-๙])[0-9๐-๙A-Za-z.,]*"
_NUMBER_PHRASE = rf"{_NUMBER_WORD}(?:\s+{_NUMBER_WORD})*"
"""Words that open with a digit, side by side: the whole phrase is read as one number, so
``7 9.62`` is 79.62 and ``88.75 88.60`` no score, never the first number in it. A narrow
cell wraps a number over lines (``(87.7`` over ``9 คะแนน)``), so the phrase runs on over them."""
_MARKER_LOOKBACK = 12
"""Characters before a code searched for ``อ้างอิงจาก``, which makes the code a reference."""
_CODE_START = re.compile(r"(?:^|(?<=[\s(]))\S")


@dataclass(frozen=True)
class ItemMention:
    """An item score stated somewhere, with its place in the document for ordering."""

    code: str
    score: float | None
    page: int | None
    place: tuple[int, int, int]
    """Block index, row (or line) and position within it: the reading order."""
    sources: tuple[Region, ...] = ()
    """Where the code and its score were read."""


def _score_after(text: str, ctx: BuildContext) -> NumberReading | None:
    """Return the score phrase a short item description states (``… (73.60 คะแนน)``), or None."""
    window = text[: _window(ctx)]
    # A recommendation about the item ("…ควรให้ได้ 85 คะแนน") states no score of it.
    for word in ctx.vocabulary.words(Phrases.ITEMS_NOT_BETWEEN):
        window = window.split(word, 1)[0]
    for word in ctx.vocabulary.words(Phrases.ITEMS_SCORE_WORDS):
        word_pattern = re.escape(word)
        pattern = (
            rf"(?<![0-9๐-๙A-Za-z.,])({_NUMBER_PHRASE})\s*{word_pattern}"
            rf"|{word_pattern}\s*:?\s*({_NUMBER_PHRASE})(?![0-9๐-๙A-Za-z.,])"
        )
        match = re.search(pattern, window)
        if match:
            phrase = match[1] or match[2]
            reading = ctx.score_reading(phrase)
            if reading.value is None and "\n" in phrase:
                # -- no number wrapped: the line above ended on a number of its own --
                reading = ctx.score_reading(phrase.rsplit("\n", 1)[1])
            return reading
    return None


def text_to_mentions(
    text: str,
    page: int | None,
    place: tuple[int, int],
    ctx: BuildContext,
    line_sources: Sequence[Sequence[Region]] = (),
) -> list[ItemMention]:
    """Return the item scores prose states: a code, a short description, a score in คะแนน.

    A code cited as a reference (``อ้างอิงจาก O13``) states no score of its own.
    ``line_sources`` gives where each line of ``text`` was read, for the mentions' evidence.
    """
    markers = [phrase_key(word) for word in ctx.vocabulary.words(Phrases.REMARKS_REFERENCE_MARKERS)]
    mentions: list[ItemMention] = []
    for start in _CODE_START.finditer(text):
        codes, rest = split_leading_codes(text[start.start() :])
        before = text_key(text[max(0, start.start() - _MARKER_LOOKBACK) : start.start()])
        if not codes or before.endswith(tuple(markers)):
            continue
        following = rest
        for later in _CODE_START.finditer(rest):
            if split_leading_codes(rest[later.start() :])[0]:
                following = rest[: later.start()]
                break
        reading = _score_after(following, ctx)
        if reading is not None:
            what = f"item {', '.join(codes)} score"
            score = ctx.take_number(reading, what=what, expected="a score 0-100", page=page)
            end = len(text) - len(rest) + min(len(following), _window(ctx))
            sources = tuple(text_span_sources(line_sources, text, start.start(), end))
            mentions.extend(
                ItemMention(code, score, page, (*place, start.start()), sources) for code in codes
            )
    return mentions


def _window(ctx: BuildContext) -> int:
    """Return how far after its code an item's score may stand."""
    return ctx.vocabulary.numbers[Setting.ITEMS_MAX_CHARS_BETWEEN]


def prose_mentions(ctx: BuildContext) -> list[ItemMention]:
    """Return the item scores stated in paragraphs and in table cells outside score columns.

    Indicator, topic and analysis tables state item scores in their own columns, read by
    their builders; of a topic table only the remark column is read as prose.
    """
    recognised = {table.block_index: table for table in ctx.layout.tables}
    mentions: list[ItemMention] = []
    for index, block in enumerate(ctx.layout.document.blocks):
        if isinstance(block, Paragraph):
            mentions.extend(
                text_to_mentions(block.text, block.page, (index, 0), ctx, block.line_sources())
            )
            continue
        table = recognised.get(index)
        if table is None or table.kind is TableKind.ACTION_PLAN:
            columns = None
        elif table.kind is TableKind.TOPIC and ColumnRole.REMARK in table.columns:
            columns = {table.columns[ColumnRole.REMARK]}
        else:
            continue
        mentions.extend(_cell_mentions(block, index, columns, ctx))
    return mentions


def _cell_mentions(
    table: Table, index: int, columns: set[int] | None, ctx: BuildContext
) -> Iterable[ItemMention]:
    """Yield the prose mentions of ``table``'s cells (of ``columns`` only, unless None)."""
    for cell in sorted(table.cells, key=lambda c: (c.row_start, c.col_start)):
        if columns is None or cell.col_start in columns:
            yield from text_to_mentions(
                cell.text, cell.page, (index, cell.row_start), ctx, cell.line_sources()
            )


def mentions_to_items(mentions: Iterable[ItemMention], ctx: BuildContext) -> list[Item]:
    """Return one item per code in document order; the first score stated wins.

    A code stated again with the same score adds nothing; with another score it is warned of.
    """
    items: dict[str, Item] = {}
    for mention in sorted(mentions, key=lambda m: m.place):
        known = items.get(mention.code)
        if known is None:
            items[mention.code] = Item(
                code=mention.code,
                tool=tool_of_code(mention.code),
                score=mention.score,
                page=mention.page,
                evidence=regions_to_evidence(mention.sources),
            )
        elif mention.score is not None and known.score is None:
            items[mention.code] = known.model_copy(
                update={"score": mention.score, "evidence": regions_to_evidence(mention.sources)}
            )
        elif mention.score is not None and round(mention.score, 2) != known.score:
            ctx.warn(
                WarningCode.ITEM_CONFLICTING_SCORE,
                f"{mention.code} is stated with {known.score} and with {mention.score}; "
                f"the first is kept",
                page=mention.page,
            )
    return list(items.values())
