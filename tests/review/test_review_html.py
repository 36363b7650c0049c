"""The review page's marks, on a report made in code: missing and doubtful values stand out."""

from __future__ import annotations

import re

from ita_extract.report import Evidence, Indicator, Report, Warning
from ita_extract.review.html import review_html
from ita_extract.review.pages import PagePicture
from ita_extract.review.records import review_records
from ita_extract.validate import Finding, Location, Severity

PAGE = PagePicture(1, 600.0, 800.0, "data:image/webp;base64,")


def _report() -> Report:
    def spans(top: float) -> list[Evidence]:
        return [Evidence(page=1, bbox=(60, top, 540, top + 20), text="...")]

    return Report(
        indicators=[
            Indicator(number=1, score=91.5, evidence=spans(100)),
            Indicator(number=2, score=None, evidence=spans(130)),
            Indicator(number=3, score=88.0, evidence=spans(160)),
        ],
        warnings=[Warning(code="pdf.page_without_text", message="no text", page=1)],
    )


def _finding() -> Finding:
    return Finding(
        rule="indicator.out_of_range",
        severity=Severity.ERROR,
        message_th="คะแนนไม่สอดคล้อง",
        message_en="score does not fit",
        location=Location(path="indicators[2].score", page=1),
    )


def test_missing_and_doubtful_rows_and_boxes_are_marked_and_findings_link_to_them() -> None:
    report = _report()
    html = review_html(report, [PAGE], review_records(report), [_finding()])
    rows = dict(re.findall(r'<tr id="(r\d+)" class="([^"]*)" data-path="indicators\[\d\]"', html))
    paths = dict(re.findall(r'<tr id="(r\d+)" [^>]*data-path="([^"]*)"', html))
    by_path = {path: row for row, path in paths.items()}
    assert rows[by_path["indicators[0]"]] == ""
    assert rows[by_path["indicators[1]"]] == "missing"
    assert rows[by_path["indicators[2]"]] == "doubtful"
    boxes = re.findall(r'<a class="([^"]*)" id="b\d+" data-record="(r\d+)"', html)
    marks = {row: classes.split() for classes, row in boxes}
    assert "missing" in marks[by_path["indicators[1]"]]
    assert "doubtful" in marks[by_path["indicators[2]"]]
    assert "missing" not in marks[by_path["indicators[0]"]]
    # -- the finding links to its record's row, the warning to its page --
    doubtful_row = by_path["indicators[2]"]
    assert f'(indicator.out_of_range)</small> <a href="#{doubtful_row}">' in html
    assert '<a href="#page-1">หน้า 1</a>' in html
    # -- boxes are placed in percent of their page --
    assert "left:10.00%;top:12.50%;width:80.00%;height:2.50%" in html
