"""Record builders: from the neutral document model to the :class:`Report` of the contract."""

from __future__ import annotations

from ita_extract.document import Document
from ita_extract.errors import NotAnITAReportError
from ita_extract.report import Report


def build_report(document: Document, *, keep_thai_digits: bool = False) -> Report:
    """Return the report that ``document`` holds.

    Raises:
        NotAnITAReportError: the document has none of an ITA analysis report's sections.
    """
    raise NotAnITAReportError("record builders are not written yet")
