"""Record builders: from the neutral document model to the :class:`Report` of the contract.

:func:`build_report` recognises the document's sections and tables once, then asks one builder
per record family (title, overall, indicators, topics, recommendations, items, action plan,
limitations, signature) for its part. Builders read only the recognised layout, so a section
that is missing gives an empty or null field, never an error; :mod:`.completeness` then says
which expected parts were found and warns of the missing ones and of values that disagree.
"""

from __future__ import annotations

from ita_extract.document import Document
from ita_extract.errors import NotAnITAReportError
from ita_extract.recognize import recognize
from ita_extract.records.action_plan import build_action_plan
from ita_extract.records.completeness import with_completeness
from ita_extract.records.context import BuildContext
from ita_extract.records.evidence import without_evidence
from ita_extract.records.indicator_mentions import text_indicators
from ita_extract.records.indicators import IndicatorRows, build_indicators
from ita_extract.records.items import mentions_to_items, prose_mentions
from ita_extract.records.limitations import build_limitations
from ita_extract.records.overall import build_overall
from ita_extract.records.recommendations import build_eit_survey, build_oit_recommendation
from ita_extract.records.signature import build_signature
from ita_extract.records.title import build_agency, build_fiscal_year, has_report_title
from ita_extract.records.topics import build_topics
from ita_extract.report import Report

__all__ = ["BuildContext", "build_report"]


def build_report(
    document: Document, *, keep_thai_digits: bool = False, evidence: bool = False
) -> Report:
    """Return the report that ``document`` holds.

    ``report.source`` is left empty: the caller knows the file. With ``evidence`` each
    record says where it was read (:mod:`.evidence`); without, the records hold values only,
    which is what tests of the builders compare.

    Raises:
        NotAnITAReportError: the document has none of an ITA analysis report's signs: no
            title naming ITA or คุณธรรมและความโปร่งใส and no indicator, topic, analysis or
            plan table.
    """
    ctx = BuildContext(recognize(document), keep_thai_digits=keep_thai_digits)
    ctx.warnings.extend(document.warnings)
    if not ctx.layout.tables and not has_report_title(ctx):
        raise NotAnITAReportError(
            "the document has no ITA report title and no indicator, topic or plan table"
        )
    ctx.fiscal_year = build_fiscal_year(ctx)
    agency = build_agency(ctx)
    indicators = build_indicators(ctx)
    if not indicators.indicators:
        # -- no indicator table: a prose analysis states the scores in its sentences --
        indicators = IndicatorRows(text_indicators(ctx), None)
    overall = build_overall(ctx, indicators.total_score)
    topics = build_topics(ctx)
    eit_survey = build_eit_survey(ctx)
    action_plan, analysis = build_action_plan(ctx)
    items = mentions_to_items([*topics.mentions, *analysis.mentions, *prose_mentions(ctx)], ctx)
    report = Report(
        agency=agency,
        fiscal_year=ctx.fiscal_year,
        overall=overall,
        indicators=indicators.indicators,
        items=items,
        topics=topics.topics,
        recommendations=[*topics.recommendations, *analysis.recommendations, *eit_survey],
        oit_recommendation=build_oit_recommendation(ctx),
        action_plan=action_plan,
        limitations=build_limitations(ctx),
        signature=build_signature(ctx),
        warnings=ctx.warnings,
    )
    report = with_completeness(report)
    return report if evidence else without_evidence(report)
