"""The signature block: who signed the report, in what position, and when."""

from __future__ import annotations

from ita_extract.document import Paragraph, Region
from ita_extract.normalize.dates import parse_thai_date
from ita_extract.normalize.thai import is_thai_words
from ita_extract.recognize import SectionKind
from ita_extract.records.context import BuildContext
from ita_extract.records.evidence import regions_to_evidence
from ita_extract.report import Signature
from ita_extract.vocabulary import Phrases

DEFAULT_TAIL_PARAGRAPHS = 12
"""Paragraphs read from the end when the report has no signature heading."""


def _is_name(text: str, ctx: BuildContext) -> str | None:
    """Return the name a signature line gives, or None.

    ``(นายสมชาย ใจดี)`` and ``ลงชื่อ นายสมชาย ใจดี`` give ``นายสมชาย ใจดี``; a bare
    ``(ลงชื่อ)`` gives none, nor ``(OIT)``.
    """
    inner = text.strip()
    bracketed = inner.startswith("(") and inner.endswith(")")
    if bracketed:
        inner = inner[1:-1].strip()
    for phrase in ctx.vocabulary.words(Phrases.SIGNATURE_SIGN_PHRASES):
        if inner.startswith(phrase):
            inner = inner[len(phrase) :].strip(" ()")
            bracketed = False
    titled = inner.startswith(tuple(ctx.vocabulary.words(Phrases.SIGNATURE_NAME_TITLES)))
    # -- a bracketed line without a title is a name only in Thai words: not ``(OIT)``, nor a
    # -- recommendation's reference ``(อ้างอิงจาก O25)`` --
    return inner if inner and (titled or (bracketed and is_thai_words(inner))) else None


def _without_prefix(line: str, ctx: BuildContext) -> str:
    """Return a position line without the form's label (``ตำแหน่ง นายก…`` → ``นายก…``)."""
    for prefix in ctx.vocabulary.words(Phrases.SIGNATURE_POSITION_PREFIXES):
        if line.startswith(prefix):
            return line[len(prefix) :].strip(" :")
    return line


def _paragraphs_from(start: int, ctx: BuildContext) -> list[Paragraph]:
    """Return the paragraphs from block ``start`` on, those of layout tables included.

    A signature often sits in a borderless table (name and position in its right-hand cell);
    tables recognised as part of the report hold no signature.
    """
    recognized = {table.block_index for table in ctx.layout.tables}
    paragraphs: list[Paragraph] = []
    for index, block in enumerate(ctx.layout.document.blocks[start:], start):
        if isinstance(block, Paragraph):
            paragraphs.append(block)
        elif index not in recognized:
            cells = sorted(block.cells, key=lambda cell: (cell.row_start, cell.col_start))
            paragraphs.extend(paragraph for cell in cells for paragraph in cell.paragraphs)
    return paragraphs


def build_signature(ctx: BuildContext) -> Signature:
    """Return the signatory's name, position and date, from the end of the document."""
    sections = ctx.layout.sections_of_kind(SectionKind.SIGNATURE)
    if sections:
        candidates = _paragraphs_from(sections[0].start, ctx)
    else:
        candidates = _paragraphs_from(0, ctx)[-DEFAULT_TAIL_PARAGRAPHS:]
    lines = [
        (ctx.clean(line, page=p.page, where="signature"), sources)
        for p in candidates
        for line, sources in zip(p.text.split("\n"), p.line_sources(), strict=True)
    ]
    lines = [(line, sources) for line, sources in lines if line]
    date_sources: tuple[Region, ...] = ()
    block_sources: list[Region] = []
    date = None
    for phrase in ctx.vocabulary.words(Phrases.SIGNATURE_DATE_PHRASES):
        for line, sources in lines:
            if phrase in line:
                date = parse_thai_date(line)
                if date is not None:
                    date_sources = sources
                    break
        if date is not None:
            break
    name = position = None
    for index, (line, sources) in enumerate(lines):
        found = _is_name(line, ctx)
        if found is None:
            continue
        name = found
        block_sources.extend(sources)
        following = []
        for later, later_sources in lines[index + 1 :]:
            if any(
                phrase in later for phrase in ctx.vocabulary.words(Phrases.SIGNATURE_DATE_PHRASES)
            ):
                break
            if later.startswith("(") and _is_name(later, ctx):
                break
            following.append(_without_prefix(later, ctx))
            block_sources.extend(later_sources)
        position = " ".join(following) or None
        break
    evidence = regions_to_evidence([*block_sources, *date_sources])
    return Signature(name=name, position=position, date=date, evidence=evidence)
