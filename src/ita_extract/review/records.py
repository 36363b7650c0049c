"""The records a review shows: every report record with evidence, its kind, label and identity.

One walk over the report serves the page (a box and a table row per record) and the copying
of evidence from a Word file's PDF copy (records are matched by identity, which is the same
whatever format the report was read from).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum

from ita_extract.report import (
    Agency,
    Assessment,
    Evidence,
    Indicator,
    Item,
    Limitation,
    Overall,
    PlanRow,
    Recommendation,
    Report,
    Signature,
)

EvidenceRecord = (
    Agency
    | Overall
    | Indicator
    | Item
    | Assessment
    | Recommendation
    | PlanRow
    | Limitation
    | Signature
)
RecordKey = tuple[str | int | None, ...]


class RecordKind(StrEnum):
    """What a record is; each kind has its own colour and label on the page."""

    AGENCY = "agency"
    OVERALL = "overall"
    INDICATOR = "indicator"
    ITEM = "item"
    ASSESSMENT = "assessment"
    RECOMMENDATION = "recommendation"
    PLAN_ROW = "plan"
    LIMITATION = "limitation"
    SIGNATURE = "signature"


KIND_LABELS: dict[RecordKind, str] = {
    RecordKind.AGENCY: "หน่วยงาน",
    RecordKind.OVERALL: "ผลรวม",
    RecordKind.INDICATOR: "ตัวชี้วัด",
    RecordKind.ITEM: "ข้อ",
    RecordKind.ASSESSMENT: "ประเด็น",
    RecordKind.RECOMMENDATION: "ข้อเสนอแนะ",
    RecordKind.PLAN_ROW: "แผน",
    RecordKind.LIMITATION: "ข้อจำกัด",
    RecordKind.SIGNATURE: "ผู้ลงนาม",
}
"""The Thai word each kind's boxes and tables are labelled with."""


@dataclass(frozen=True)
class ReviewRecord:
    """One record as the review shows it."""

    path: str
    """Its JSON path in the report (``indicators[2]``), which validation findings name."""
    kind: RecordKind
    label: str
    """A short name for its box: the kind's word and the record's number or codes."""
    key: RecordKey
    """What identifies it in any format's reading of the same report."""
    record: EvidenceRecord
    missing: bool
    """Its main value (a score, a name) is null: the document did not state it readably."""

    @property
    def evidence(self) -> list[Evidence]:
        """Return the record's spans (none when parsed without evidence)."""
        return self.record.evidence or []


def review_records(report: Report) -> list[ReviewRecord]:
    """Return the records of ``report`` in the order the review lists them."""
    return list(_walk(report))


def _walk(report: Report) -> Iterator[ReviewRecord]:
    yield ReviewRecord(
        "agency",
        RecordKind.AGENCY,
        KIND_LABELS[RecordKind.AGENCY],
        ("agency",),
        report.agency,
        report.agency.name is None,
    )
    yield ReviewRecord(
        "overall",
        RecordKind.OVERALL,
        KIND_LABELS[RecordKind.OVERALL],
        ("overall",),
        report.overall,
        report.overall.score is None,
    )
    for index, indicator in enumerate(report.indicators):
        yield ReviewRecord(
            f"indicators[{index}]",
            RecordKind.INDICATOR,
            f"{KIND_LABELS[RecordKind.INDICATOR]} {indicator.number}",
            ("indicator", indicator.number),
            indicator,
            indicator.score is None,
        )
    for index, item in enumerate(report.items):
        yield ReviewRecord(
            f"items[{index}]",
            RecordKind.ITEM,
            f"{KIND_LABELS[RecordKind.ITEM]} {item.code}",
            ("item", item.code),
            item,
            item.score is None,
        )
    for topic_index, topic in enumerate(report.topics):
        for index, assessment in enumerate(topic.assessments):
            yield ReviewRecord(
                f"topics[{topic_index}].assessments[{index}]",
                RecordKind.ASSESSMENT,
                f"{KIND_LABELS[RecordKind.ASSESSMENT]} {topic.number} {assessment.tool.value}",
                ("assessment", topic.number, assessment.tool.value),
                assessment,
                False,
            )
    seen: Counter[RecordKey] = Counter()
    for index, recommendation in enumerate(report.recommendations):
        codes = ", ".join(recommendation.codes)
        identity = (recommendation.section.value, recommendation.topic, codes)
        seen[identity] += 1
        yield ReviewRecord(
            f"recommendations[{index}]",
            RecordKind.RECOMMENDATION,
            f"{KIND_LABELS[RecordKind.RECOMMENDATION]} {codes}".strip(),
            ("recommendation", *identity, seen[identity]),
            recommendation,
            False,
        )
    rows = report.action_plan.rows if report.action_plan is not None else []
    for index, row in enumerate(rows):
        yield ReviewRecord(
            f"action_plan.rows[{index}]",
            RecordKind.PLAN_ROW,
            f"{KIND_LABELS[RecordKind.PLAN_ROW]} {index + 1}",
            ("plan", index),
            row,
            False,
        )
    for index, limitation in enumerate(report.limitations):
        yield ReviewRecord(
            f"limitations[{index}]",
            RecordKind.LIMITATION,
            f"{KIND_LABELS[RecordKind.LIMITATION]} {index + 1}",
            ("limitation", index),
            limitation,
            False,
        )
    yield ReviewRecord(
        "signature",
        RecordKind.SIGNATURE,
        KIND_LABELS[RecordKind.SIGNATURE],
        ("signature",),
        report.signature,
        report.signature.name is None,
    )


def copy_evidence(report: Report, located: Report) -> int:
    """Give the records of ``report`` the evidence of the same records in ``located``.

    ``located`` is the same report read from a PDF copy (a Word file converted for review):
    its records know their pages and boxes. Records are matched by identity (an indicator's
    number, an item's code…); one ``located`` lacks keeps the text it was read from. Return
    how many records got boxes.
    """
    boxed = {
        entry.key: entry.evidence
        for entry in review_records(located)
        if any(span.bbox is not None for span in entry.evidence)
    }
    copied = 0
    for entry in review_records(report):
        spans = boxed.get(entry.key)
        if spans is not None:
            entry.record.evidence = [span.model_copy() for span in spans]
            copied += 1
    return copied
