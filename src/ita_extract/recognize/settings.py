"""How strictly recognition matches headings and table headers, with defaults that fit real reports.

Modelled on pdfplumber's ``TableSettings``: every threshold has a ``DEFAULT_*`` constant, and
:class:`RecognizeSettings` checks itself and can be built from ``None``, a dict or an instance.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from typing import Any

from ita_extract.vocabulary import Vocabulary, load_vocabulary

DEFAULT_HEADING_MIN_SCORE = 86.0
"""Fuzzy score (0–100) a paragraph's start needs against a heading phrase."""
DEFAULT_HEADING_MAX_OFFSET = 24
"""Key characters allowed before a heading phrase (``ส่วนที่ ๒ ข้อเสนอแนะจาก``, a number)."""
DEFAULT_HEADING_MAX_CHARS = 260
"""Key length above which a paragraph is body text, however it starts."""
DEFAULT_HEADER_MIN_SCORE = 82.0
"""Fuzzy score a header cell needs against a column keyword."""
DEFAULT_HEADER_MAX_OFFSET = 24
"""Key characters into a header label a keyword may start (after OCR noise, a number)."""
DEFAULT_MIN_PARTIAL_CHARS = 4
"""Keywords with fewer key characters must match the whole header cell (``แบบ``, ``ที่``)."""
DEFAULT_HEADER_SEARCH_ROWS = 3
"""Rows from the top of a table searched for its header (a caption row may come first)."""
DEFAULT_HEADER_MAX_DEPTH = 2
"""Header rows read together (``คะแนน`` over ``ปี 2565 | ปี 2566``)."""
DEFAULT_SUB_HEADER_MAX_CHARS = 24
"""Key length above which a cell is data, not a second header row's label."""
DEFAULT_CONTENT_MIN_SHARE = 0.6
"""Share of a column's cells that must be codes (or scores) for a headerless topic table."""
DEFAULT_CONTENT_MIN_ROWS = 2
"""Cells a column needs before its content can tell the table's kind."""
DEFAULT_TRANSPOSED_MIN_INDICATORS = 3
"""Header labels naming an indicator (``ตัวชี้วัดที่ 3``) that make a table indicators-as-columns."""
DEFAULT_REPEATED_HEADER_SHARE = 0.6
"""Share of a row's cells that must repeat the header for the row to be a repeated header."""


@dataclass(frozen=True)
class RecognizeSettings:
    """Thresholds and vocabulary for :func:`~ita_extract.recognize.recognize`."""

    heading_min_score: float = DEFAULT_HEADING_MIN_SCORE
    heading_max_offset: int = DEFAULT_HEADING_MAX_OFFSET
    heading_max_chars: int = DEFAULT_HEADING_MAX_CHARS
    header_min_score: float = DEFAULT_HEADER_MIN_SCORE
    header_max_offset: int = DEFAULT_HEADER_MAX_OFFSET
    min_partial_chars: int = DEFAULT_MIN_PARTIAL_CHARS
    header_search_rows: int = DEFAULT_HEADER_SEARCH_ROWS
    header_max_depth: int = DEFAULT_HEADER_MAX_DEPTH
    sub_header_max_chars: int = DEFAULT_SUB_HEADER_MAX_CHARS
    repeated_header_share: float = DEFAULT_REPEATED_HEADER_SHARE
    content_min_share: float = DEFAULT_CONTENT_MIN_SHARE
    content_min_rows: int = DEFAULT_CONTENT_MIN_ROWS
    transposed_min_indicators: int = DEFAULT_TRANSPOSED_MIN_INDICATORS
    vocabulary: Vocabulary = field(default_factory=load_vocabulary)

    def __post_init__(self) -> None:
        for name in ("heading_min_score", "header_min_score"):
            value = getattr(self, name)
            if not 0 <= value <= 100:
                raise ValueError(f"{name} must be a fuzzy score from 0 to 100, not {value}")
        for name in (
            "heading_max_chars",
            "header_search_rows",
            "header_max_depth",
            "sub_header_max_chars",
            "content_min_rows",
            "transposed_min_indicators",
        ):
            if getattr(self, name) < 1:
                raise ValueError(f"{name} must be at least 1, not {getattr(self, name)}")
        for name in ("heading_max_offset", "header_max_offset", "min_partial_chars"):
            if getattr(self, name) < 0:
                raise ValueError(f"{name} must not be negative, not {getattr(self, name)}")
        if not 0 < self.content_min_share <= 1:
            raise ValueError(f"content_min_share must be in (0, 1], not {self.content_min_share}")
        if not 0 < self.repeated_header_share <= 1:
            raise ValueError(
                f"repeated_header_share must be in (0, 1], not {self.repeated_header_share}"
            )

    @classmethod
    def resolve(cls, settings: RecognizeSettings | Mapping[str, Any] | None) -> RecognizeSettings:
        """Return settings from ``None`` (defaults), a dict of overrides, or an instance."""
        if settings is None:
            return cls()
        if isinstance(settings, RecognizeSettings):
            return settings
        known = {f.name for f in fields(cls)}
        unknown = set(settings) - known
        if unknown:
            raise ValueError(f"unknown recognition settings: {', '.join(sorted(unknown))}")
        return cls(**settings)
