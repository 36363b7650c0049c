"""The title block: the publishing agency and the fiscal year the report analyses."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from itertools import pairwise
from typing import NamedTuple

from ita_extract.document import Paragraph, Region
from ita_extract.normalize.thai import parse_year
from ita_extract.recognize import Section, SectionKind, contains_phrase
from ita_extract.recognize.headings import boxed_paragraph
from ita_extract.recognize.matching import locate_phrase, phrase_key, text_key
from ita_extract.records.context import BuildContext
from ita_extract.records.evidence import regions_to_evidence
from ita_extract.report import Agency
from ita_extract.vocabulary import Phrases

DEFAULT_TITLE_LINES = 15
"""Lines read from the top when a report has no heading to end its title block."""
DEFAULT_TITLE_MATCH_SCORE = 90.0


class TitleLine(NamedTuple):
    """A visual line of the title block, its page, and where it was read."""

    text: str
    page: int | None
    sources: tuple[Region, ...]


def title_lines(ctx: BuildContext) -> list[TitleLine]:
    """Return the visual lines of the title block (paragraphs before the first heading)."""
    layout = ctx.layout
    title = layout.sections_of_kind(SectionKind.TITLE)[0]
    # A cover may box the agency's name in a one-cell table; other tables are no title lines.
    blocks = layout.document.blocks[title.start : title.end]
    paragraphs: Sequence[Paragraph] = [
        paragraph
        for block in blocks
        if (paragraph := block if isinstance(block, Paragraph) else boxed_paragraph(block))
    ]
    return _lines(paragraphs or layout.document.paragraphs[:DEFAULT_TITLE_LINES])


def top_lines(ctx: BuildContext) -> list[TitleLine]:
    """Return the cover's lines past a title that reads like part 1's heading, else none.

    A title without ``รายงาน`` (``การวิเคราะห์ผลการประเมินคุณธรรม…``, no ``ส่วนที่ ๑`` before
    it) ends the title block early; the cover then runs on to the first table or the next
    heading (at most 15 paragraphs). Part 1's real heading ends the cover: its prose is no
    title (``ตามที่กรมส่งเสริม…`` names another agency).
    """
    sections = ctx.layout.sections
    if len(sections) < 2 or not _is_title_like(sections[1], ctx):
        return []
    end = sections[2].start if len(sections) > 2 else len(ctx.layout.document.blocks)
    paragraphs: list[Paragraph] = []
    for block in ctx.layout.document.blocks[:end]:
        if not isinstance(block, Paragraph) or len(paragraphs) == DEFAULT_TITLE_LINES:
            break
        paragraphs.append(block)
    return _lines(paragraphs)


def _is_title_like(section: Section, ctx: BuildContext) -> bool:
    """Return whether ``section`` is part 1 opened by a heading without a part number."""
    if section.kind is not SectionKind.ANALYSIS or section.heading is None:
        return False
    key = text_key(section.heading.paragraph.text)
    prefixes = ctx.vocabulary.part_prefixes
    return not any(key.startswith(phrase_key(prefix)) for prefix in prefixes)


def _lines(paragraphs: Sequence[Paragraph]) -> list[TitleLine]:
    return [
        TitleLine(line.strip(), paragraph.page, sources)
        for paragraph in paragraphs
        for line, sources in zip(paragraph.text.split("\n"), paragraph.line_sources(), strict=True)
        if line.strip()
    ]


def has_report_title(ctx: BuildContext) -> bool:
    """Return whether the title block names an ITA analysis report (ITA, คุณธรรมและความโปร่งใส).

    The cover's lines past a title that reads like part 1's heading count too (``top_lines``),
    as they do for the fiscal year: such a title ends the title block early. A phrase may wrap
    (``…คุณธรรมและความ`` / ``โปร่งใส…``), so each line is read with the one after it.
    """
    phrases = ctx.vocabulary.words(Phrases.TITLE_REPORT_PHRASES)
    texts = [line.text for line in (*title_lines(ctx), *top_lines(ctx))]
    return any(
        contains_phrase(phrases, line + following, min_score=DEFAULT_TITLE_MATCH_SCORE)
        for line, following in pairwise([*texts, ""])
    )


def build_fiscal_year(ctx: BuildContext) -> int | None:
    """Return the fiscal year (BE) the report analyses, from its title, or None.

    The first year after the report's own title phrase (``รายงานการวิเคราะห์ผลการประเมิน…
    ประจำปีงบประมาณ พ.ศ. ๒๕๖๖``, wrapped over lines or not) is the assessed year: the
    measure's title on the cover may carry the next year, and a title naming two years gives
    the assessment's first. The phrase is looked for in the title block, then in the document's
    first lines: a title without ``รายงาน`` reads like part 1's heading and ends the title block.
    Failing that, the first year of a line naming ITA or a fiscal year, lines naming the
    measures (whose year is the next one) last.
    """
    year = _fiscal_year_in_title(ctx)
    if year is not None:
        # -- a year written `256 6` was read whole: say so, quoting it --
        for line in [*title_lines(ctx), *top_lines(ctx)]:
            ctx.warn_split_year(line.text, year, what="fiscal year", page=line.page)
    return year


def _fiscal_year_in_title(ctx: BuildContext) -> int | None:
    """Return the fiscal year the title block states, or None (see :func:`build_fiscal_year`)."""
    lines = [line.text for line in title_lines(ctx)]
    top = [line.text for line in top_lines(ctx)]
    for searched in (lines, top):
        year = _year_after_title(searched, ctx)
        if year is not None:
            return year
    phrases = ctx.vocabulary.words(Phrases.TITLE_REPORT_PHRASES)
    markers = ctx.vocabulary.words(Phrases.TITLE_FISCAL_YEAR_MARKERS)
    measures = ctx.vocabulary.words(Phrases.TITLE_MEASURE_PHRASES)
    titled = [
        line
        for line in lines
        if contains_phrase(phrases, line, min_score=DEFAULT_TITLE_MATCH_SCORE)
    ]
    dated = [line for line in lines if any(marker in line for marker in markers)]
    candidates = sorted(
        [*titled, *dated],
        key=lambda line: contains_phrase(measures, line, min_score=DEFAULT_TITLE_MATCH_SCORE),
    )
    for line in candidates:
        year = parse_year(line)
        if year is not None:
            return year
    return None


def _year_after_title(lines: Sequence[str], ctx: BuildContext) -> int | None:
    """Return the first year after the report's own title phrase in ``lines``, or None."""
    key = text_key(" ".join(lines))
    for phrase in ctx.vocabulary.words(Phrases.TITLE_ANALYSIS_PHRASES):
        match = locate_phrase(phrase, key)
        if match.score >= DEFAULT_TITLE_MATCH_SCORE:
            year = parse_year(key[match.end :])
            if year is not None:
                return year
    return None


def _kind_at(
    line: str, kinds: Iterable[str], introducers: tuple[str, ...]
) -> tuple[int, str] | None:
    """Return where the first agency kind starts a word in ``line``, and the kind.

    A kind inside a word is none (``กรม`` in ``กิจกรรม``); one glued to a word that
    introduces a name (``ขององค์การ…``) is.
    """
    best: tuple[int, str] | None = None
    for kind in kinds:
        for match in re.finditer(re.escape(kind), line):
            start = match.start()
            if start and not line[start - 1].isspace() and not line[:start].endswith(introducers):
                continue
            if best is None or start < best[0] or (start == best[0] and len(kind) > len(best[1])):
                best = (start, kind)
            break
    return best


_ABBREVIATION_CHARS = 3
"""Prefixes this short (``อ.``, ``จ.``) must start a word; longer ones may follow a name."""


def _value_after(prefixes: Iterable[str], text: str, stops: Iterable[str]) -> str | None:
    """Return the word after the first of ``prefixes`` in ``text`` (``อำเภอเมือง`` → ``เมือง``).

    The word ends at a space or at another place prefix typed without one
    (``อำเภอนาดีจังหวัดปราจีนบุรี`` → ``นาดี``).
    """
    for prefix in prefixes:
        boundary = r"(?:^|\s|[^\u0e00-\u0e7f])" if len(prefix) <= _ABBREVIATION_CHARS else ""
        match = re.search(rf"{boundary}{re.escape(prefix)}\s*(\S+)", text)
        if match:
            word = match[1]
            for stop in stops:
                index = word.find(stop, 1)
                word = word[:index] if index != -1 else word
            return word.strip(" ,.") or None
    return None


def _cut_name(text: str, kind: str, stops: Iterable[str]) -> str:
    """Return the agency name at the start of ``text``: its kind and the word that follows.

    A name is one word (``องค์การบริหารส่วนตำบลอีเซ``), or the kind and one word where a space
    follows the kind (``เทศบาลตำบล ท่าช้าง``); a location or year phrase glued to it ends it.
    The search for those starts after the kind, which may hold one (``…ส่วนจังหวัด``).
    """
    words = text.split()
    name = " ".join(words[:2]) if words and words[0] == kind and len(words) > 1 else words[0]
    end = len(name)
    for stop in stops:
        index = name.find(stop, len(kind))
        if index != -1:
            end = min(end, index)
    return name[:end].strip(" ,")


def build_agency(ctx: BuildContext) -> Agency:
    """Return the agency the title block names, with its kind, district and province.

    Only what the document writes is taken: a report that never names its province leaves it
    null.
    The title block is read first, then the document's first lines (see :func:`top_lines`).
    """
    for lines in (title_lines(ctx), top_lines(ctx)):
        agency = _agency_in(lines, ctx)
        if agency is not None:
            return agency
    return Agency()


def _agency_in(lines: Sequence[TitleLine], ctx: BuildContext) -> Agency | None:
    """Return the agency the first line holding an agency kind names, or None."""
    kinds = ctx.vocabulary.words(Phrases.AGENCY_KINDS)
    districts = ctx.vocabulary.words(Phrases.TITLE_DISTRICT_PREFIXES)
    provinces = ctx.vocabulary.words(Phrases.TITLE_PROVINCE_PREFIXES)
    stops = (*districts, *provinces, *ctx.vocabulary.words(Phrases.TITLE_FISCAL_YEAR_MARKERS))
    not_agencies = ctx.vocabulary.words(Phrases.AGENCY_NOT_AGENCIES)
    introducers = ctx.vocabulary.words(Phrases.AGENCY_INTRODUCERS)
    for index, (raw, page, _) in enumerate(lines):
        line = ctx.clean(raw, page=page, where="agency")
        found = _kind_at(line, kinds, introducers)
        if found is None:
            continue
        start, kind = found
        if any(line.startswith(other, start) for other in not_agencies):
            continue
        name = _cut_name(line[start:], kind, stops)
        nearby = " ".join(ctx.clean(line.text) for line in lines[index : index + 2])
        location = nearby[nearby.find(name) + len(name) :] if name in nearby else nearby
        named_provinces = ctx.vocabulary.words(Phrases.TITLE_PROVINCE_NAMES)
        return Agency(
            name=name or None,
            kind=kind,
            district=_value_after(districts, location, (*provinces, *named_provinces)),
            province=_value_after(provinces, location, districts)
            or next((named for named in named_provinces if named in location), None),
            evidence=regions_to_evidence(
                region for line in lines[index : index + 2] for region in line.sources
            ),
        )
    return None
