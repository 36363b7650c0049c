"""Split a stream of text into recommendations, each opening with the item codes it is about.

The same rule serves a topic table's last column and the EIT survey part: a line that opens
with item codes starts a recommendation, any other line continues the one before (a wrapped
line, a new paragraph, the rest of the text after a page break). Codes that do not line up
with the table rows beside them need no special case, because rows are never consulted.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from ita_extract.document import Paragraph, Region
from ita_extract.normalize.codes import parse_item_code, parse_references, split_leading_codes
from ita_extract.normalize.labels import split_list_label
from ita_extract.recognize import SectionKind
from ita_extract.recognize.matching import phrase_key, text_key
from ita_extract.records.context import BuildContext
from ita_extract.records.evidence import regions_to_evidence
from ita_extract.report import Recommendation, RecommendationSection, Tool
from ita_extract.vocabulary import Phrases
from ita_extract.warning_codes import WarningCode

_REFERENCE_CONTINUATION = ")],-–"
"""A line opening with these after a code is the tail of a wrapped reference, not a new start."""
_REFERENCE_CLOSERS = ")]-–"
"""A line of codes alone holding these closes a wrapped reference (``๐๓๙ - ๐๔๑)``)."""


@dataclass(frozen=True)
class TextLine:
    """One visual line of a recommendation stream, with what is known about where it stands."""

    text: str
    page: int | None
    tool: Tool | None = None
    """The tool of the table rows beside the line, when they are of one tool."""
    opens_paragraph: bool = False
    sources: tuple[Region, ...] = ()
    """Where the line was read."""


@dataclass
class _Draft:
    codes: list[str]
    raw: str
    """The text as read: wrapped lines joined by newlines, paragraphs by a space."""
    page: int | None
    sources: list[Region] = field(default_factory=list)


def paragraphs_to_text_lines(
    paragraphs: Sequence[Paragraph], tool: Tool | None = None
) -> list[TextLine]:
    """Return the non-empty lines of ``paragraphs``, list labels kept.

    Recommendations are prose, not lists: a label is a dash the reader took for a bullet
    (``อ้างอิงจาก O7 -`` / ``O9``), and it belongs to the text.
    """
    return [
        TextLine(line, paragraph.page, tool, opens_paragraph=index == 0, sources=sources)
        for paragraph in paragraphs
        for index, (line, sources) in enumerate(
            zip(paragraph.labelled_text.split("\n"), paragraph.line_sources(), strict=True)
        )
        if line.strip()
    ]


def unwrapped_references(raw: str) -> list[str]:
    """Return the references of ``raw`` text, read with its line breaks removed.

    A narrow cell wraps a reference anywhere, inside a code too (``O๑`` / ``๗``); codes and
    ranges are read from the unwrapped text, so the wrap never splits them.
    """
    return parse_references(raw.replace("\n", ""))


def _ends_with_marker(text: str, ctx: BuildContext) -> bool:
    key = text_key(text)
    return any(
        key.endswith(phrase_key(word))
        for word in ctx.vocabulary.words(Phrases.REMARKS_REFERENCE_MARKERS)
    )


def _leading_codes(
    line: TextLine, previous: str | None, ctx: BuildContext
) -> tuple[list[str], str]:
    """Return the codes ``line`` opens with and its rest; no codes for a continuation."""
    if previous is not None and _ends_with_marker(previous, ctx):
        return [], line.text
    # A numbered or bulleted recommendation (``1. e6 หน่วยงานควร…``) opens with its codes too.
    _, unlabelled = split_list_label(line.text, in_text=True)
    codes, rest = split_leading_codes(unlabelled)
    # Codes alone on a line head the text on the next ones (a narrow column wrapped there),
    # unless they close a wrapped reference (``๐๓๙ - ๐๔๑)``, ``๐๑๓)``).
    tail = rest.lstrip()[:1] if rest.strip() else ""
    closes_reference = any(char in unlabelled for char in _REFERENCE_CLOSERS)
    if codes and (tail in tuple(_REFERENCE_CONTINUATION) or (not tail and closes_reference)):
        return [], line.text
    if codes or not line.opens_paragraph or line.tool is None:
        return codes, rest
    # A code that lost its letter (``๕ หน่วยงานควร…``) is read with the tool of the rows beside.
    token, _, tail = line.text.strip().partition(" ")
    if token.isdigit() and len(token) <= 2 and tail.strip():
        code = parse_item_code(token, tool=line.tool)
        if code is not None:
            ctx.warn(
                WarningCode.RECOMMENDATION_CODE_INFERRED,
                f"recommendation opening {token!r} has no tool letter; read as {code} "
                f"from the {line.tool} rows beside it",
                page=line.page,
            )
            return [code], tail
    return [], line.text


def lines_to_recommendations(
    lines: Sequence[TextLine],
    ctx: BuildContext,
    *,
    section: RecommendationSection,
    topic: int | None = None,
    keep_uncoded_lead: bool = True,
) -> list[Recommendation]:
    """Return the recommendations of ``lines``.

    Text before the first code is a recommendation without codes when ``keep_uncoded_lead``
    (a topic table's cell says something about all its items), and an introduction to skip
    otherwise (the EIT survey part's opening sentence).
    """
    drafts: list[_Draft] = []
    previous: str | None = None
    for line in lines:
        codes, rest = _leading_codes(line, previous, ctx)
        previous = line.text
        if codes:
            drafts.append(_Draft(codes, rest, line.page, [*line.sources]))
        elif drafts:
            # A new paragraph (after a page break) continues after a space; a wrapped line is
            # joined the Thai way by the cleaner.
            separator = " " if line.opens_paragraph else "\n"
            drafts[-1].raw += separator + line.text
            drafts[-1].sources.extend(line.sources)
        elif keep_uncoded_lead:
            drafts.append(_Draft([], line.text, line.page, [*line.sources]))
    records = []
    for draft in drafts:
        text = ctx.clean(draft.raw, page=draft.page, where="recommendation")
        if not text_key(text):
            continue
        records.append(
            Recommendation(
                codes=draft.codes,
                text=text,
                references=unwrapped_references(draft.raw),
                section=section,
                topic=topic,
                page=draft.page,
                evidence=regions_to_evidence(draft.sources),
            )
        )
    return records


def build_eit_survey(ctx: BuildContext) -> list[Recommendation]:
    """Return the EIT survey part's recommendations, one per coded paragraph.

    A paragraph without a code continues the one before (a page break split it); text before
    the first code introduces the part and is not a recommendation.
    """
    records: list[Recommendation] = []
    for section in ctx.layout.sections_of_kind(SectionKind.EIT_SURVEY):
        paragraphs = [paragraph for _, paragraph in ctx.layout.paragraphs_in(section)]
        lines = paragraphs_to_text_lines(paragraphs, Tool.EIT)
        if section.heading is not None:
            lines = _heading_tail(section.heading.paragraph) + lines
        records.extend(
            lines_to_recommendations(
                lines,
                ctx,
                section=RecommendationSection.EIT_SURVEY,
                keep_uncoded_lead=False,
            )
        )
    return records


def _heading_tail(heading: Paragraph) -> list[TextLine]:
    """Return the lines of a heading paragraph from its first coded line on.

    OCR and some PDFs glue the first paragraph to the heading above it.
    """
    lines = paragraphs_to_text_lines([heading], Tool.EIT)
    coded = [
        index for index, line in enumerate(lines) if index and split_leading_codes(line.text)[0]
    ]
    if not coded:
        return []
    tail = lines[coded[0] :]
    return [replace(tail[0], opens_paragraph=True), *tail[1:]]


def build_oit_recommendation(ctx: BuildContext) -> str | None:
    """Return the OIT recommendation: the text under its heading, or None without one."""
    texts = []
    for section in ctx.layout.sections_of_kind(SectionKind.OIT_RECOMMENDATION):
        for _, paragraph in ctx.layout.paragraphs_in(section):
            cleaned = ctx.clean(paragraph.labelled_text, page=paragraph.page, where="OIT")
            if cleaned:
                texts.append(cleaned)
    return " ".join(texts) or None
