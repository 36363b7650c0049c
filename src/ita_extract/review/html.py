"""Write the review page: page pictures with a box per value, beside the records as tables.

One self-contained HTML file: pictures are ``data:`` URIs, the style and the few lines of
script are inline, nothing is fetched. Boxes are placed in percent of their page, so the
page column may be any width. Links work without the script (``#b12`` scrolls to a box,
``#r3`` to a row); the script adds highlighting and clicking anywhere on a row or box.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from html import escape

from ita_extract.report import (
    Agency,
    Assessment,
    Evidence,
    Indicator,
    Item,
    Overall,
    PlanRow,
    Recommendation,
    Report,
    Signature,
)
from ita_extract.review.pages import PagePicture
from ita_extract.review.records import KIND_LABELS, RecordKind, ReviewRecord
from ita_extract.validate import Finding, Severity

TEXT_PREVIEW_CHARS = 90
"""How much of a long text (a recommendation, a measure) a table cell shows."""

_STYLE = """
*{box-sizing:border-box}
body{margin:0;font:14px/1.45 "Laksaman","TH Sarabun New","Noto Sans Thai",sans-serif;
 color:#1d2329;background:#e9ecef}
header{position:sticky;top:0;z-index:5;background:#1d3557;color:#fff;padding:8px 16px}
header h1{font-size:17px;margin:0}
header p{margin:2px 0 0;font-size:13px;opacity:.9}
main{display:flex;align-items:flex-start}
#pages{flex:0 0 58%;padding:12px;display:flex;flex-direction:column;align-items:center;gap:14px}
.page{position:relative;width:100%;max-width:900px;background:#fff;
 box-shadow:0 1px 4px rgba(0,0,0,.3)}
.page img{display:block;width:100%;height:auto}
.page .number{position:absolute;right:4px;top:2px;font-size:11px;color:#667}
.box{position:absolute;border:2px solid var(--c);
 background:color-mix(in srgb,var(--c) 8%,transparent);border-radius:2px;
 text-decoration:none;z-index:2}
.box span{position:absolute;left:-2px;bottom:100%;white-space:nowrap;font-size:10px;
 line-height:1.3;padding:0 3px;color:#fff;background:var(--c);border-radius:2px 2px 0 0}
.box.assessment{border-style:dashed;background:none;z-index:1}
.box.assessment span{display:none}
.box:hover span,.box.on span{display:block}
.box.on{outline:3px solid #ffbe0b;z-index:4}
.box.missing{border-style:dotted;border-color:#e8590c}
.box.doubtful{border-color:#d00000;border-width:3px}
aside{flex:1 1 42%;position:sticky;top:52px;height:calc(100vh - 52px);overflow:auto;
 padding:8px 14px 40px;background:#fff}
h2{font-size:15px;margin:16px 0 4px;color:#1d3557}
table{border-collapse:collapse;width:100%;font-size:13px}
th,td{border-bottom:1px solid #dde;padding:2px 4px;text-align:left;vertical-align:top}
th{background:#f1f3f5;font-weight:600}
tr[data-boxes]{cursor:pointer}
tr.on{background:#fff3bf}
tr.missing td.value{background:#ffe8cc;font-weight:600}
tr.missing td.value::after{content:" ไม่พบ";color:#c92a2a;font-size:11px}
tr.doubtful{box-shadow:inset 4px 0 #d00000}
tr.unboxed td:first-child::after{content:" ⌀";color:#868e96}
ul.findings{padding-left:18px;margin:4px 0}
li.error{color:#c92a2a}
li.warning{color:#a05a00}
.legend span{display:inline-block;margin:2px 6px 2px 0;padding:0 5px;color:#fff;
 background:var(--c);border-radius:2px;font-size:12px}
"""

_COLOURS: dict[RecordKind, str] = {
    RecordKind.AGENCY: "#495057",
    RecordKind.OVERALL: "#212529",
    RecordKind.INDICATOR: "#1c7ed6",
    RecordKind.ITEM: "#2b8a3e",
    RecordKind.ASSESSMENT: "#0c8599",
    RecordKind.RECOMMENDATION: "#7048e8",
    RecordKind.PLAN_ROW: "#e8590c",
    RecordKind.LIMITATION: "#862e9c",
    RecordKind.SIGNATURE: "#5c940d",
}

_SCRIPT = """
(function(){
 function pick(id, toBox){
  document.querySelectorAll('.on').forEach(function(e){e.classList.remove('on')});
  var row=document.getElementById(id); if(!row) return;
  row.classList.add('on');
  var boxes=(row.dataset.boxes||'').split(' ').filter(Boolean)
   .map(function(b){return document.getElementById(b)}).filter(Boolean);
  boxes.forEach(function(b){b.classList.add('on')});
  if(toBox && boxes.length) boxes[0].scrollIntoView({block:'center'});
  if(!toBox) row.scrollIntoView({block:'center'});
 }
 document.addEventListener('click',function(event){
  var box=event.target.closest('.box');
  if(box){event.preventDefault(); pick(box.dataset.record,false); return;}
  var row=event.target.closest('tr[data-boxes]');
  if(row && !event.target.closest('a')){pick(row.id,true);}
 });
})();
"""


@dataclass(frozen=True)
class _Placed:
    """A record with the id of its row, and its spans that have a place, by box id."""

    entry: ReviewRecord
    row_id: str
    boxes: tuple[tuple[str, Evidence], ...]
    doubtful: bool

    @property
    def box_ids(self) -> tuple[str, ...]:
        """Return the ids of the record's boxes on the pages."""
        return tuple(box_id for box_id, _ in self.boxes)


def review_html(
    report: Report,
    pages: Sequence[PagePicture],
    records: Sequence[ReviewRecord],
    findings: Sequence[Finding],
) -> str:
    """Return the review page of ``report``: ``pages`` with ``records`` boxed, and the tables."""
    doubtful_paths = {finding.location.path for finding in findings if finding.location.path}
    placed: list[_Placed] = []
    box_number = 0
    for number, entry in enumerate(records):
        boxes = []
        for span in entry.evidence:
            if span.bbox is not None and span.page is not None:
                box_number += 1
                boxes.append((f"b{box_number}", span))
        doubtful = any(_under(path, entry.path) for path in doubtful_paths)
        placed.append(_Placed(entry, f"r{number}", tuple(boxes), doubtful))
    by_path = {item.entry.path: item for item in placed}
    body = [
        _header(report),
        "<main>",
        _pages_html(pages, placed),
        "<aside>",
        _legend(),
        _findings_html(findings, report, by_path),
        _records_html(placed),
        "</aside></main>",
    ]
    title = escape(report.source.file or "report")
    return (
        '<!DOCTYPE html><html lang="th"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width"><title>ตรวจสอบ {title}</title>'
        f"<style>{_STYLE}</style></head><body>{''.join(body)}"
        f"<script>{_SCRIPT}</script></body></html>\n"
    )


def _under(path: str, record_path: str) -> bool:
    """Return whether JSON ``path`` is the record at ``record_path`` or a field of it."""
    return path == record_path or path.startswith((f"{record_path}.", f"{record_path}["))


def _header(report: Report) -> str:
    overall = report.overall
    parts = [
        report.agency.name or "หน่วยงานไม่ระบุ",
        f"ปีงบประมาณ {report.fiscal_year}" if report.fiscal_year else "ปีไม่ระบุ",
        f"คะแนนรวม {overall.score:.2f}" if overall.score is not None else "คะแนนรวมไม่พบ",
    ]
    source = report.source
    about = f"{source.file or ''} · {source.format.value if source.format else ''}"
    if source.ocr:
        about += " · OCR"
    return (
        f"<header><h1>{escape(' · '.join(parts))}</h1>"
        f"<p>{escape(about)} · {len(report.warnings)} คำเตือน (warnings)</p></header>"
    )


def _pages_html(pages: Sequence[PagePicture], placed: Sequence[_Placed]) -> str:
    boxes_by_page: dict[int, list[str]] = {}
    sizes = {page.number: page for page in pages}
    for item in placed:
        for box_id, span in item.boxes:
            page = sizes.get(span.page or 0)
            if page is None or span.bbox is None:
                continue
            x0, top, x1, bottom = span.bbox
            style = (
                f"--c:{_COLOURS[item.entry.kind]};"
                f"left:{100 * x0 / page.width:.2f}%;top:{100 * top / page.height:.2f}%;"
                f"width:{100 * (x1 - x0) / page.width:.2f}%;"
                f"height:{100 * (bottom - top) / page.height:.2f}%"
            )
            marks = [name for name, on in _marks(item) if on and name != "unboxed"]
            classes = " ".join(["box", item.entry.kind.value, *marks])
            boxes_by_page.setdefault(page.number, []).append(
                f'<a class="{classes}" id="{box_id}" data-record="{item.row_id}" '
                f'href="#{item.row_id}" style="{style}" title="{escape(item.entry.label)}">'
                f"<span>{escape(item.entry.label)}</span></a>"
            )
    return (
        '<section id="pages">'
        + "".join(
            f'<div class="page" id="page-{page.number}" '
            f'style="aspect-ratio:{page.width:.2f}/{page.height:.2f}">'
            f'<img src="{page.data_uri}" alt="หน้า {page.number}" loading="lazy">'
            f'<span class="number">หน้า {page.number}</span>'
            + "".join(boxes_by_page.get(page.number, []))
            + "</div>"
            for page in pages
        )
        + "</section>"
    )


def _legend() -> str:
    kinds = "".join(
        f'<span style="--c:{_COLOURS[kind]}">{escape(KIND_LABELS[kind])}</span>'
        for kind in RecordKind
    )
    return (
        f'<p class="legend">{kinds}</p>'
        "<p>คลิกแถวเพื่อไปยังกรอบบนหน้า คลิกกรอบเพื่อไปยังแถว · "
        "แถวสีส้ม: ไม่พบค่า · แถบแดง: มีข้อสังเกตจากการตรวจสอบ · ⌀: ไม่มีตำแหน่งบนหน้า</p>"
    )


def _findings_html(findings: Sequence[Finding], report: Report, by_path: dict[str, _Placed]) -> str:
    entries = []
    for finding in findings:
        target = _finding_target(finding.location.path, finding.location.page, by_path)
        css = "error" if finding.severity is Severity.ERROR else "warning"
        where = f' <a href="#{target}">ดู</a>' if target else ""
        entries.append(
            f'<li class="{css}">{escape(finding.message_th)} '
            f"<small>({escape(finding.rule)})</small>{where}</li>"
        )
    for warning in report.warnings:
        where = f' <a href="#page-{warning.page}">หน้า {warning.page}</a>' if warning.page else ""
        entries.append(
            f'<li class="warning">{escape(warning.message)} '
            f"<small>({escape(warning.code)})</small>{where}</li>"
        )
    listed = "".join(entries) or "<li>ไม่มี</li>"
    heading = f'<h2 id="findings">ข้อสังเกตและคำเตือน ({len(entries)})</h2>'
    return f'{heading}<ul class="findings">{listed}</ul>'


def _finding_target(path: str | None, page: int | None, by_path: dict[str, _Placed]) -> str | None:
    """Return the id a finding links to: its record's row, else its page."""
    if path:
        matches = [record_path for record_path in by_path if _under(path, record_path)]
        if matches:
            return by_path[max(matches, key=len)].row_id
    return f"page-{page}" if page else None


_TABLES: tuple[tuple[str, tuple[RecordKind, ...], tuple[str, ...]], ...] = (
    ("หน่วยงาน ผลรวม และผู้ลงนาม", (RecordKind.AGENCY, RecordKind.OVERALL, RecordKind.SIGNATURE),
     ("", "ค่า", "หน้า")),
    ("ตัวชี้วัด (indicators)", (RecordKind.INDICATOR,), ("ข้อ", "ชื่อ", "คะแนน", "หน้า")),
    ("คะแนนรายข้อ (items)", (RecordKind.ITEM,), ("ข้อ", "เครื่องมือ", "คะแนน", "หน้า")),
    ("ผลรายประเด็น (topic assessments)", (RecordKind.ASSESSMENT,),
     ("ประเด็น", "ผล", "ข้อ", "หน้า")),
    ("ข้อเสนอแนะ (recommendations)", (RecordKind.RECOMMENDATION,),
     ("ข้อ", "ข้อเสนอแนะ", "ส่วน", "หน้า")),
    ("แผนการนำไปปฏิบัติ (action plan)", (RecordKind.PLAN_ROW,),
     ("ประเด็น", "มาตรการ", "ระยะเวลา", "หน้า")),
    ("ข้อจำกัด (limitations)", (RecordKind.LIMITATION,), ("ด้าน", "ข้อจำกัด", "หน้า")),
)  # fmt: skip


def _records_html(placed: Sequence[_Placed]) -> str:
    parts = []
    for title, kinds, headings in _TABLES:
        rows = [item for item in placed if item.entry.kind in kinds]
        if not rows:
            continue
        head = "".join(f"<th>{escape(heading)}</th>" for heading in headings)
        parts.append(
            f"<h2>{escape(title)} ({len(rows)})</h2><table><tr>{head}</tr>"
            + "".join(map(_row, rows))
            + "</table>"
        )
    return "".join(parts)


def _row(item: _Placed) -> str:
    cells, value_index = _cells(item.entry)
    links = " ".join(f'<a href="#{box_id}">{span.page}</a>' for box_id, span in item.boxes)
    pages = sorted({span.page for span in item.entry.evidence if span.page})
    page_cell = links or ", ".join(map(str, pages)) or "–"
    classes = [name for name, on in _marks(item) if on]
    tds = "".join(
        f'<td class="value">{escape(text)}</td>'
        if index == value_index
        else f"<td>{escape(text)}</td>"
        for index, text in enumerate(cells)
    )
    return (
        f'<tr id="{item.row_id}" class="{" ".join(classes)}" data-path="{item.entry.path}" '
        f'data-boxes="{" ".join(item.box_ids)}">{tds}<td>{page_cell}</td></tr>'
    )


def _marks(item: _Placed) -> tuple[tuple[str, bool], ...]:
    """Return the marks a record's row and boxes may carry, each with whether it does."""
    return (
        ("missing", item.entry.missing),
        ("doubtful", item.doubtful),
        ("unboxed", not item.box_ids),
    )


def _cells(entry: ReviewRecord) -> tuple[list[str], int]:
    """Return the table cells of a record and which of them holds its main value."""
    record = entry.record
    if isinstance(record, Agency):
        where = " ".join(part for part in (record.district, record.province) if part)
        return [entry.label, f"{record.name or ''} {where}".strip()], 1
    if isinstance(record, Overall):
        score = _score(record.score)
        return [entry.label, " ".join(part for part in (score, record.result or "") if part)], 1
    if isinstance(record, Signature):
        return [entry.label, " ".join(str(part) for part in _present(record.name, record.date))], 1
    if isinstance(record, Indicator):
        return [str(record.number), record.name or "", _score(record.score)], 2
    if isinstance(record, Item):
        return [record.code, record.tool.value, _score(record.score)], 2
    if isinstance(record, Assessment):
        codes = ", ".join(item.code for item in record.items)
        return [entry.label.split(" ", 1)[-1], record.result or "", codes], 1
    if isinstance(record, Recommendation):
        section = f"{record.section.value} {record.topic or ''}".strip()
        return [", ".join(record.codes), _preview(record.text), section], 1
    if isinstance(record, PlanRow):
        measures = "; ".join(record.measures)
        timeframe = record.timeframe.text if record.timeframe else ""
        topic = f"{record.topic_number or ''} {record.topic or ''}".strip()
        return [_preview(topic), _preview(measures), timeframe], 1
    return [record.category or "", _preview(record.text)], 1


def _present(*values: object) -> Iterable[object]:
    return (value for value in values if value is not None)


def _score(score: float | None) -> str:
    return f"{score:.2f}" if score is not None else ""


def _preview(text: str) -> str:
    return text if len(text) <= TEXT_PREVIEW_CHARS else text[: TEXT_PREVIEW_CHARS - 1] + "…"
