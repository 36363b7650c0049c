"""The review page: a report's pages with every extracted value boxed, beside its records.

An officer checking a report opens one HTML file, offline, and sees on the pages where each
indicator, item, recommendation and plan row was read, with what validation found. A PDF is
shown as it is; a DOCX or DOC is converted to PDF with LibreOffice first and its values are
located in that copy (see :func:`~ita_extract.review.records.copy_evidence`).

>>> import ita_extract
>>> html = ita_extract.review("ita-2566.pdf", "review.html")    # doctest: +SKIP
"""

from __future__ import annotations

import os
from pathlib import Path

from ita_extract.api import DEFAULT_MAX_BYTES, OcrMode, ReportSource, parse, read_source
from ita_extract.readers.doc import convert_with_libreoffice
from ita_extract.report import Report, SourceFormat
from ita_extract.review.html import review_html
from ita_extract.review.pages import PAGE_WIDTH_PIXELS, render_pages
from ita_extract.review.records import copy_evidence, review_records
from ita_extract.validate import check_report

__all__ = ["locate_in_pdf_copy", "review"]


def review(
    source: ReportSource,
    output: str | os.PathLike[str] | None = None,
    *,
    ocr: OcrMode = "auto",
    jobs: int = 1,
    keep_thai_digits: bool = False,
    max_bytes: int = DEFAULT_MAX_BYTES,
    page_width: int = PAGE_WIDTH_PIXELS,
) -> str:
    """Read a report and return its review page as HTML; write it to ``output`` if given.

    Args:
        source: a path, the file's bytes, or a binary file object (PDF, DOCX, DOC).
        output: where to write the HTML (UTF-8), or None to only return it.
        ocr: as for :func:`ita_extract.parse`.
        jobs: worker processes OCR may use.
        keep_thai_digits: as for :func:`ita_extract.parse`.
        max_bytes: refuse larger inputs.
        page_width: width in pixels the page pictures are rendered at.

    Raises:
        ItaExtractError: the file cannot be read as a report (see :func:`ita_extract.parse`),
            or a Word file cannot be converted to PDF (LibreOffice missing, timed out).
    """
    data, file_name = read_source(source, max_bytes)
    report = parse(data, ocr=ocr, jobs=jobs, keep_thai_digits=keep_thai_digits)
    report.source.file = file_name
    pdf = data if report.source.format is SourceFormat.PDF else locate_in_pdf_copy(data, report)
    records = review_records(report)
    findings = check_report(report).findings
    html = review_html(report, render_pages(pdf, width_pixels=page_width), records, findings)
    if output is not None:
        Path(output).write_text(html, encoding="utf-8")
    return html


def locate_in_pdf_copy(data: bytes, report: Report) -> bytes:
    """Return a PDF copy of the Word file ``data``, giving ``report``'s records their boxes.

    ``report`` is what ``data`` was parsed to; LibreOffice prints the file to PDF, the PDF is
    read, and each record takes the evidence of the same record there.

    Raises:
        ItaExtractError: LibreOffice is missing, timed out or failed, or the copy is unreadable.
    """
    suffix = report.source.format.value if report.source.format else "docx"
    pdf = convert_with_libreoffice(data, source_suffix=suffix, target="pdf")
    copy_evidence(report, parse(pdf, ocr="never"))
    return pdf
