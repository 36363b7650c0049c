"""Where a report's scores, items and indicators stand: the locations the rules' issues name."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from ita_extract.report import ItemScore, Report, Tool
from ita_extract.validate.findings import Location


@dataclass(frozen=True)
class ScoreAt:
    """A score of the report with where it stands."""

    score: float
    location: Location


@dataclass(frozen=True)
class ItemAt:
    """An item entry of the report, in ``items`` or in a topic table, with where it stands."""

    item: ItemScore
    listed_tool: Tool
    """The tool it is listed under: the item's own for ``items``, the assessment's in a topic."""
    topic: int | None
    """The topic number for an entry of a topic table; None in ``items``."""
    path: str

    @property
    def location(self) -> Location:
        """Return where the entry stands."""
        section = "items" if self.topic is None else "topics"
        return Location(section=section, path=self.path, page=self.item.page, code=self.item.code)


def item_entries(report: Report) -> Iterator[ItemAt]:
    """Yield the report-level items, then the items of each topic table."""
    for index, item in enumerate(report.items):
        yield ItemAt(item, item.tool, None, f"items[{index}]")
    for topic_index, topic in enumerate(report.topics):
        for assessment_index, assessment in enumerate(topic.assessments):
            for item_index, item_score in enumerate(assessment.items):
                path = f"topics[{topic_index}].assessments[{assessment_index}].items[{item_index}]"
                yield ItemAt(item_score, assessment.tool, topic.number, path)


def indicator_location(report: Report, index: int, field: str | None = None) -> Location:
    """Return where indicator ``index`` stands, or one of its fields."""
    indicator = report.indicators[index]
    path = f"indicators[{index}]" + (f".{field}" if field else "")
    return Location(
        section="indicators", path=path, page=indicator.page, code=str(indicator.number)
    )


def repeats(values: Iterable[object]) -> Iterator[tuple[int, object]]:
    """Yield (index, value) of every value already seen earlier in ``values``."""
    seen: set[object] = set()
    for index, value in enumerate(values):
        if value in seen:
            yield index, value
        seen.add(value)
