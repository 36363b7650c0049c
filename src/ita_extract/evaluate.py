"""Score a parsed report against its expected report, fact by fact.

Every value the contract carries becomes a *fact*: the kind of record, the record's identity
(an indicator's number, an item's code, a topic and tool…), the field and its normalised value.
The two reports' facts are compared as multisets, so the order of lists never matters; recall is
the share of expected facts the parse found, precision the share of parsed facts that were
expected. A value stated as ``None`` is no fact: inventing a value where the document states none
costs precision, missing one costs recall.

Text is compared after normalisation (Thai digits as Arabic, all whitespace removed): how a
parser joins wrapped Thai lines is checked by the records tests, not scored here twice.
Page facts count only where the expected page is known (a DOCX's pages are ``None``).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import NamedTuple

from ita_extract.normalize.thai import thai_to_arabic_digits
from ita_extract.report import Evidence, PlanRow, Recommendation, Report

FactKey = tuple[str | int | None, ...]
FactValue = str | int | float | bool | tuple[str, ...]

PAGE_FIELD = "page"
EVIDENCE_FIELD = "evidence"
"""Where a record was read is no fact of the report: it is checked by the evidence tests."""


class ReportFact(NamedTuple):
    """One value a report states: ``kind`` of record, its ``key``, the ``field`` and ``value``."""

    kind: str
    key: FactKey
    field: str
    value: FactValue


@dataclass(frozen=True)
class Accuracy:
    """How well a parse matches its expectation, with the facts that differ."""

    expected: int
    """Facts in the expected report."""
    parsed: int
    """Facts in the parsed report (page facts only where the expected page is known)."""
    matched: int
    missing: tuple[ReportFact, ...] = field(default=())
    """Expected facts the parse lacks or states differently."""
    extra: tuple[ReportFact, ...] = field(default=())
    """Parsed facts the expectation does not have: invented or wrong values."""

    @property
    def recall(self) -> float:
        """Share of expected facts found; 1.0 when nothing was expected."""
        return self.matched / self.expected if self.expected else 1.0

    @property
    def precision(self) -> float:
        """Share of parsed facts that are right; 1.0 when the parse claims nothing."""
        return self.matched / self.parsed if self.parsed else 1.0

    def __add__(self, other: Accuracy) -> Accuracy:
        """Pool two scores (micro-average), e.g. over the files of a corpus."""
        return Accuracy(
            expected=self.expected + other.expected,
            parsed=self.parsed + other.parsed,
            matched=self.matched + other.matched,
            missing=self.missing + other.missing,
            extra=self.extra + other.extra,
        )


def score_report(parsed: Report, expected: Report) -> Accuracy:
    """Compare ``parsed`` with ``expected`` fact by fact, independent of list order."""
    expected_facts = list(report_facts(expected))
    known_pages = {(fact.kind, fact.key) for fact in expected_facts if fact.field == PAGE_FIELD}
    parsed_facts = [
        fact
        for fact in report_facts(parsed)
        if fact.field != PAGE_FIELD or (fact.kind, fact.key) in known_pages
    ]
    missing = Counter(expected_facts) - Counter(parsed_facts)
    extra = Counter(parsed_facts) - Counter(expected_facts)
    return Accuracy(
        expected=len(expected_facts),
        parsed=len(parsed_facts),
        matched=len(expected_facts) - missing.total(),
        missing=tuple(missing.elements()),
        extra=tuple(extra.elements()),
    )


def normalize_text(text: str) -> str:
    """Text as compared: Thai digits as Arabic, no whitespace at all."""
    return "".join(thai_to_arabic_digits(text).split())


def report_facts(report: Report) -> Iterator[ReportFact]:
    """Every fact ``report`` states, in document order."""
    yield from _facts(
        "overall", (), report.overall.model_dump(mode="json", exclude={EVIDENCE_FIELD})
    )
    yield from _facts("agency", (), report.agency.model_dump(mode="json", exclude={EVIDENCE_FIELD}))
    yield from _facts("report", (), {"fiscal_year": report.fiscal_year})
    for indicator in report.indicators:
        values = indicator.model_dump(mode="json", exclude={"number", EVIDENCE_FIELD})
        yield from _facts("indicator", (indicator.number,), values)
    for item in report.items:
        yield from _facts(
            "item", (item.code,), item.model_dump(mode="json", exclude={"code", EVIDENCE_FIELD})
        )
    for topic in report.topics:
        yield from _facts("topic", (topic.number,), {"title": topic.title, "page": topic.page})
        for assessment in topic.assessments:
            key = (topic.number, assessment.tool.value)
            yield from _facts("assessment", key, {"result": assessment.result})
            for score in assessment.items:
                values = score.model_dump(mode="json", exclude={"code", EVIDENCE_FIELD})
                yield from _facts("topic_item", (*key, score.code), values)
    for recommendation in report.recommendations:
        yield from _recommendation_facts(recommendation)
    yield from _facts("report", (), {"oit_recommendation": report.oit_recommendation})
    if report.action_plan is not None:
        plan = report.action_plan
        yield from _facts("action_plan", (), {"fiscal_year": plan.fiscal_year})
        for row in plan.rows:
            yield from _plan_row_facts(row)
    for limitation in report.limitations:
        yield from _facts("limitation", (limitation.category,), {"text": limitation.text})
    yield from _facts(
        "signature", (), report.signature.model_dump(mode="json", exclude={EVIDENCE_FIELD})
    )


def _recommendation_facts(recommendation: Recommendation) -> Iterator[ReportFact]:
    # -- a recommendation has no identity of its own: it is known by where it stands and the
    #    codes it is about, so codes that are wrong make every fact of it wrong --
    key = (
        recommendation.section.value,
        recommendation.topic,
        ",".join(sorted(recommendation.codes)),
    )
    yield from _facts(
        "recommendation",
        key,
        {
            "codes": tuple(recommendation.codes),
            "text": recommendation.text,
            "references": tuple(recommendation.references),
            "page": recommendation.page,
        },
    )


def _plan_row_facts(row: PlanRow) -> Iterator[ReportFact]:
    # -- plan rows are scored by topic, each measure, person and step a fact of its own, so a
    #    row split or merged differently still earns what it got right --
    key = (row.topic_number,)
    yield from _facts("plan", key, {"topic": row.topic, "page": row.page})
    yield from _each("plan", key, "measure", row.measures)
    yield from _each("plan", key, "responsible", row.responsible)
    yield from _each("plan", key, "step", row.steps)
    if row.timeframe is not None:
        yield from _facts("plan.timeframe", key, row.timeframe.model_dump(mode="json"))


def _each(kind: str, key: FactKey, field_name: str, values: Iterable[str]) -> Iterator[ReportFact]:
    for value in values:
        yield ReportFact(kind, key, field_name, normalize_text(value))


def _facts(kind: str, key: FactKey, values: dict[str, object]) -> Iterator[ReportFact]:
    for field_name, value in values.items():
        normalized = _normalize_value(value)
        if normalized is not None:
            yield ReportFact(kind, key, field_name, normalized)


def _normalize_value(value: object) -> FactValue | None:
    if value is None or value == ():
        return None
    if isinstance(value, str):
        return normalize_text(value)
    if isinstance(value, bool | int):
        return value
    if isinstance(value, float):
        return round(value, 2)
    if isinstance(value, tuple | list):
        return tuple(normalize_text(str(element)) for element in value)
    raise TypeError(f"no fact can be made of {value!r}")


BoxText = Callable[[int, tuple[float, float, float, float]], str]
"""Given a 1-based page and a box on it, return the text printed inside the box."""

_NUMBER = re.compile(r"[0-9]+(?:\.[0-9]+)?")


@dataclass(frozen=True)
class EvidenceCheck:
    """How many scored records' boxes hold the score they were read as."""

    checked: int
    held: int
    misses: tuple[str, ...] = ()
    """The records whose boxes do not (``indicator 3: 95.4``)."""

    @property
    def share(self) -> float:
        """Return the share of checked records whose boxes hold their score; 1.0 for none."""
        return self.held / self.checked if self.checked else 1.0

    def __add__(self, other: EvidenceCheck) -> EvidenceCheck:
        """Pool two checks, e.g. over the files of a corpus."""
        return EvidenceCheck(
            self.checked + other.checked, self.held + other.held, self.misses + other.misses
        )


def check_score_boxes(report: Report, box_text: BoxText) -> EvidenceCheck:
    """Check that each indicator's and item's evidence boxes print its score.

    A record counts when it has a score; it holds when some box's printed text (``box_text``)
    contains a number equal to the score, in either digits (``๙๗.๖๑`` or ``97.61``).
    """
    scored: list[tuple[str, float, list[Evidence]]] = [
        (f"indicator {indicator.number}", indicator.score, indicator.evidence or [])
        for indicator in report.indicators
        if indicator.score is not None
    ]
    scored += [
        (f"item {item.code}", item.score, item.evidence or [])
        for item in report.items
        if item.score is not None
    ]
    misses = []
    for name, score, spans in scored:
        texts = [
            box_text(span.page, span.bbox)
            for span in spans
            if span.page is not None and span.bbox is not None
        ]
        if not any(states_number(text, score) for text in texts):
            misses.append(f"{name}: {score}")
    return EvidenceCheck(len(scored), len(scored) - len(misses), tuple(misses))


def states_number(text: str, value: float) -> bool:
    """Return whether ``text`` holds a number equal to ``value`` (to two decimals)."""
    numbers = _NUMBER.findall(thai_to_arabic_digits(text))
    return any(round(float(number), 2) == round(value, 2) for number in numbers)
