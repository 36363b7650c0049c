"""Rules on every score of the report."""

from __future__ import annotations

from collections.abc import Iterator

from ita_extract.report import Report
from ita_extract.validate.findings import Location, Severity
from ita_extract.validate.registry import Issue, RuleContext, rule
from ita_extract.validate.rules.entries import ScoreAt, indicator_location, item_entries


def _scores(report: Report) -> Iterator[ScoreAt]:
    """Yield every score of the report with its location."""
    if report.overall.score is not None:
        yield ScoreAt(report.overall.score, Location(section="overall", path="overall.score"))
    for index, indicator in enumerate(report.indicators):
        if indicator.score is not None:
            where = indicator_location(report, index, "score")
            yield ScoreAt(indicator.score, where)
    for entry in item_entries(report):
        if entry.item.score is not None:
            where = entry.location.model_copy(update={"path": f"{entry.path}.score"})
            yield ScoreAt(entry.item.score, where)


@rule("score.range", Severity.ERROR)
def score_range(context: RuleContext) -> Iterator[Issue]:
    """A score lies outside 0–100 (in JSON this is found by the schema check under this id)."""
    for found in _scores(context.report):
        if not 0 <= found.score <= 100:
            yield score_range_issue(found.score, found.location)


def score_range_issue(score: object, location: Location) -> Issue:
    """Return the issue of a score outside 0–100; the schema check reports JSON the same way."""
    return Issue(
        f"คะแนน {score} อยู่นอกช่วง 0–100",
        f"The score {score} lies outside 0–100.",
        location,
    )
