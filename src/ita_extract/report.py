"""The output contract: the Pydantic models of an extracted ITA report (schema version 1).

These models are the single source of truth for the JSON that downstream systems read;
``ita-extract schema`` prints their JSON Schema and ``docs/schema.md`` explains each field.
Field names are English snake_case; Thai text stays Thai. A value the document does not state
is ``None`` (or an empty list), never a guess.

The models the neutral document model uses too (``SourceFormat``, ``Warning``, their base
``ContractModel``) are defined in :mod:`ita_extract.shared`, which both import; they are part
of this contract all the same. Nothing else from ``ita_extract`` is imported here.
"""

from __future__ import annotations

import datetime
from enum import StrEnum
from typing import Annotated, Final, Literal

from pydantic import AfterValidator, Field

from ita_extract.shared import WARNING_CODE_PATTERN as WARNING_CODE_PATTERN
from ita_extract.shared import ContractModel as ContractModel
from ita_extract.shared import Page as Page
from ita_extract.shared import SourceFormat as SourceFormat
from ita_extract.shared import Warning as Warning

SCHEMA_VERSION: Final = "1"

ITEM_CODE_PATTERN = r"^(i|e|O)[1-9][0-9]*$"
"""An item code: ``i<n>`` (IIT), ``e<n>`` (EIT) or ``O<n>`` (OIT, upper-case letter O)."""

SUB_INDICATOR_PATTERN = r"^[1-9][0-9]?\.[1-9][0-9]?$"
"""A sub-indicator number such as ``9.1``."""

REFERENCE_PATTERN = r"^((i|e|O)[1-9][0-9]*|[1-9][0-9]?\.[1-9][0-9]?)$"
"""A reference inside a recommendation: an item code or a sub-indicator."""

ISO_MONTH_PATTERN = r"^[0-9]{4}-(0[1-9]|1[0-2])$"
SHA256_PATTERN = r"^[0-9a-f]{64}$"


class Tool(StrEnum):
    """The three ITA assessment tools."""

    IIT = "IIT"
    """Internal Integrity and Transparency Assessment: the staff survey (items i1…)."""
    EIT = "EIT"
    """External Integrity and Transparency Assessment: the service users' survey (items e1…)."""
    OIT = "OIT"
    """Open Data Integrity and Transparency Assessment: the web-site checklist (items O1…)."""


class Grade(StrEnum):
    """The ITA score levels, from AA (95 and above) to F (below 50)."""

    AA = "AA"
    A = "A"
    B = "B"
    C = "C"
    D = "D"
    E = "E"
    F = "F"


class RecommendationSection(StrEnum):
    """Where in the document a recommendation stands."""

    TOPIC = "topic"
    """A per-topic table of part 1; ``Recommendation.topic`` holds the topic's number."""
    EIT_SURVEY = "eit_survey"
    """The EIT survey part (``ส่วนที่ ๒ ผู้ประเมินจัดเก็บข้อมูล (EIT Survey)``)."""
    ANALYSIS = "analysis"
    """A single analysis table (``ประเด็นที่ต้องพัฒนา | ข้อเสนอแนะ… | ผู้รับผิดชอบ | ระยะเวลา``)."""


def _round_score(value: float | None) -> float | None:
    """Keep two decimals of meaning, so binary noise never reaches the JSON."""
    return None if value is None else round(value, 2)


Score = Annotated[float, Field(ge=0, le=100), AfterValidator(_round_score)]
"""A score from 0 to 100, kept to two decimals."""

ItemCode = Annotated[str, Field(pattern=ITEM_CODE_PATTERN, examples=["i1", "e13", "O34"])]
Reference = Annotated[str, Field(pattern=REFERENCE_PATTERN, examples=["O13", "9.1"])]
IsoMonth = Annotated[str, Field(pattern=ISO_MONTH_PATTERN, examples=["2023-10"])]
FiscalYear = Annotated[int, Field(ge=2500, le=2700, description="Buddhist Era year (CE + 543).")]
NonEmptyText = Annotated[str, Field(min_length=1)]


BoxPoints = tuple[float, float, float, float]


def _round_box(box: BoxPoints) -> BoxPoints:
    """Keep a box to a hundredth of a point: finer than any print, and short in the JSON."""
    x0, top, x1, bottom = (round(value, 2) for value in box)
    return x0, top, x1, bottom


class Evidence(ContractModel):
    """Where a record was read: a piece of the page and the text there, as read.

    A record read from several pages has a span per page. DOCX and DOC files have no pages
    to point at: their spans carry the text alone (``page`` and ``bbox`` null).
    """

    page: Page | None = Field(default=None, description="1-based page, null for DOCX and DOC.")
    bbox: Annotated[BoxPoints, AfterValidator(_round_box)] | None = Field(
        default=None,
        description="[x0, top, x1, bottom] in PDF points from the page's top-left corner.",
    )
    text: str = Field(description="The source text exactly as read, Thai digits and all.")


EvidenceSpans = Annotated[
    list[Evidence] | None,
    Field(
        exclude_if=lambda spans: spans is None,
        description="Where the record was read, a span per page; absent when parsed "
        "without evidence.",
    ),
]
"""The ``evidence`` of a record: left out of the JSON when the parse was asked for none."""


class Source(ContractModel):
    """The file the report was read from."""

    file: str | None = Field(default=None, description="File name (not the full path).")
    sha256: str | None = Field(
        default=None, pattern=SHA256_PATTERN, description="SHA-256 of the file's bytes."
    )
    format: SourceFormat | None = Field(default=None, description="pdf, docx or doc.")
    pages: int | None = Field(default=None, ge=0, description="Page count, where known.")
    ocr: bool = Field(default=False, description="True when any page's text came from OCR.")


class Agency(ContractModel):
    """The public agency that published the report."""

    name: str | None = Field(default=None, description="Full name, e.g. องค์การบริหารส่วนตำบลอีเซ.")
    kind: str | None = Field(
        default=None, description="Kind of agency as written in the name, e.g. องค์การบริหารส่วนตำบล."
    )
    district: str | None = Field(default=None, description="อำเภอ/เขต, without the prefix.")
    province: str | None = Field(default=None, description="จังหวัด, without the prefix.")
    evidence: EvidenceSpans = None


class Overall(ContractModel):
    """The overall ITA result."""

    score: Score | None = Field(default=None, description="Overall score, 0–100.")
    result: str | None = Field(
        default=None,
        description="The level in the document's own words, without form dots (ผ่าน, ไม่ผ่าน, AA).",
    )
    passed: bool | None = Field(
        default=None, description="Stated by the document, else derived from score (≥ 85)."
    )
    grade: Grade | None = Field(
        default=None, description="Stated by the document, else derived from score."
    )
    evidence: EvidenceSpans = None


class Indicator(ContractModel):
    """One of the assessment's indicators (ตัวชี้วัด) with its score."""

    number: int = Field(ge=1, le=20, description="Indicator number (1–10 in 2561–2568).")
    tool: Tool | None = Field(default=None, description="From the document, else the framework.")
    name: str | None = Field(default=None, description="Thai name as written.")
    score: Score | None = Field(default=None, description="Score of the report's fiscal year.")
    page: Page | None = None
    evidence: EvidenceSpans = None


class ItemScore(ContractModel):
    """An item's score as listed inside one topic assessment."""

    code: ItemCode
    score: Score | None = None
    page: Page | None = None
    evidence: EvidenceSpans = None


class Item(ItemScore):
    """An item's score at report level: one record per code, in document order."""

    tool: Tool = Field(description="Tool the item belongs to, from its code letter.")


class Assessment(ContractModel):
    """The rows of one tool inside one topic table."""

    tool: Tool
    result: str | None = Field(
        default=None, description="Status the table gives for this tool (ผ่าน), else null."
    )
    items: list[ItemScore] = Field(default_factory=list)
    evidence: EvidenceSpans = None


class Topic(ContractModel):
    """A topic (ประเด็น) of part 1 with its own table."""

    number: int = Field(ge=1)
    title: str | None = None
    page: Page | None = None
    assessments: list[Assessment] = Field(default_factory=list)


class Recommendation(ContractModel):
    """One recommendation as it stands in the document."""

    codes: list[ItemCode] = Field(
        default_factory=list, description="Item codes the recommendation is about."
    )
    text: NonEmptyText
    references: list[Reference] = Field(
        default_factory=list,
        description="OIT items and sub-indicators it cites (อ้างอิงจาก…), ranges expanded.",
    )
    section: RecommendationSection
    topic: int | None = Field(default=None, ge=1, description="Topic number for section=topic.")
    page: Page | None = None
    evidence: EvidenceSpans = None


class Timeframe(ContractModel):
    """When a planned measure runs."""

    text: NonEmptyText = Field(description="The phrase as written.")
    start: IsoMonth | None = None
    end: IsoMonth | None = None


class PlanRow(ContractModel):
    """One measure row of the action plan."""

    topic_number: int | None = Field(default=None, ge=1)
    topic: str | None = None
    measures: list[NonEmptyText] = Field(default_factory=list)
    responsible: list[NonEmptyText] = Field(default_factory=list)
    steps: list[NonEmptyText] = Field(default_factory=list)
    timeframe: Timeframe | None = None
    page: Page | None = None
    evidence: EvidenceSpans = None


class ActionPlan(ContractModel):
    """The plan for putting the analysis into practice in the next fiscal year."""

    fiscal_year: FiscalYear | None = None
    rows: list[PlanRow] = Field(default_factory=list)


class Limitation(ContractModel):
    """One limitation of part 3."""

    category: str | None = Field(
        default=None, description="Topic word(s) without ข้อจำกัด/ด้าน, e.g. บุคลากร."
    )
    text: NonEmptyText
    evidence: EvidenceSpans = None


class Signature(ContractModel):
    """Who signed the report, and when."""

    name: str | None = None
    position: str | None = None
    date: datetime.date | None = Field(default=None, description="Date of signing, ISO 8601.")
    evidence: EvidenceSpans = None


class PartFound(ContractModel):
    """One part a report of its fiscal year is expected to state, and whether it was found."""

    part: str = Field(
        description="agency, fiscal_year, overall.score, overall.result, indicator.<n>, "
        "items.<tool>, topics, recommendations, action_plan, limitations or signature.",
        examples=["indicator.3", "items.OIT"],
    )
    found: bool


class Completeness(ContractModel):
    """Which of the parts the framework of the report's year expects were found."""

    parts: list[PartFound] = Field(default_factory=list)
    share: float = Field(
        ge=0, le=1, description="The share of ``parts`` found, two decimals (1.0: all of them)."
    )


class Report(ContractModel):
    """An ITA analysis report as data: the root of the JSON contract."""

    schema_version: Literal["1"] = SCHEMA_VERSION
    source: Source = Field(default_factory=Source)
    agency: Agency = Field(default_factory=Agency)
    fiscal_year: FiscalYear | None = None
    overall: Overall = Field(default_factory=Overall)
    indicators: list[Indicator] = Field(default_factory=list)
    items: list[Item] = Field(default_factory=list)
    topics: list[Topic] = Field(default_factory=list)
    recommendations: list[Recommendation] = Field(default_factory=list)
    oit_recommendation: str | None = None
    action_plan: ActionPlan | None = None
    limitations: list[Limitation] = Field(default_factory=list)
    signature: Signature = Field(default_factory=Signature)
    completeness: Completeness | None = Field(
        default=None, description="Which expected parts were found; null where not assessed."
    )
    warnings: list[Warning] = Field(default_factory=list)
