"""Read a PDF report into the neutral document model.

Characters and ruling lines come from PDFium, one pass per page (:mod:`.pdf_page`): its
text of Thai fonts is right where pdfminer's is garbled, and it is many times faster.
Tables are rebuilt from the ruling lines (:mod:`.pdf_tables`), the rest of the page becomes
paragraphs (:mod:`.pdf_layout`), and tables cut by page breaks are joined
(:mod:`.pdf_join`). Pages without a text layer go to OCR when it is allowed.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from ita_extract.document import Block, Document
from ita_extract.errors import (
    CorruptDocumentError,
    EmptyDocumentError,
    EncryptedDocumentError,
    MissingDependencyError,
    NoTextLayerError,
)
from ita_extract.normalize.thai import find_foreign_script, find_glyph_damage
from ita_extract.readers import OcrMode
from ita_extract.readers.pdf_join import join_continued_tables
from ita_extract.readers.pdf_layout import (
    PdfColumn,
    PdfLine,
    body_font_size,
    glyphs_to_lines,
    line_pitch,
    lines_to_paragraphs,
    repair_lines,
)
from ita_extract.readers.pdf_page import PDFIUM_LOCK, PageContent, read_page
from ita_extract.readers.pdf_tables import (
    DraftTable,
    columns_finished,
    columns_running_on,
    draft_to_table,
    find_tables,
    stops_short,
)
from ita_extract.shared import SourceFormat, Warning
from ita_extract.warning_codes import WarningCode

__all__ = ["NO_TEXT_LAYER_MESSAGE", "read_pdf"]


MIN_TEXT_GLYPHS = 20
"""A page with a picture and fewer characters than this is a scan (a stamped page number at
most): its text must come from OCR."""
_PAGE_WITHOUT_TEXT_MESSAGE = "the page has no usable text layer and was not read by OCR"
SCAN_PICTURE_SHARE = 0.5
"""A picture covering this share of the page, under invisible text, makes the page a scan."""
_SCAN_TEXT_LAYER_MESSAGE = (
    "the page is a scan read from its own invisible OCR text, without its tables' structure"
)
UNREADABLE_SHARE = 0.5
"""A page whose characters are this share or more of control codes, unassigned code points or
another script's letters has no usable text layer: its fonts map glyphs to nothing sensible."""
_NO_CHAR = frozenset({"Cc", "Cn", "Cs"})
MARGIN_SHARE = 0.12
"""Running headers and footers sit in this share of the page height at its top or bottom."""

NO_TEXT_LAYER_MESSAGE = "the PDF has no text layer (a scan) or none that is readable"
_INSTALL_OCR = (
    "reading it needs OCR: install the Debian packages tesseract-ocr and tesseract-ocr-tha "
    "and the ocr extra (pip install 'ita-extract[ocr]')"
)

# -- a page number alone on its line: 3, - 3 -, (3), หน้า 3, 3/12, page 3 of 12; never four
# -- digits, which is a year (a heading's ๒๕๖๖ wrapped to the top of the next page) --
_PAGE_NUMBER = re.compile(
    r"^[-–(\[]?\s*(?:หน้า|หน้าที่|page)?\s*[0-9๐-๙]{1,3}\s*"
    r"(?:(?:/|จาก|of)\s*[0-9๐-๙]{1,3})?\s*[-–)\]]?$",
    re.IGNORECASE,
)
_EMPTY_PAGE_TREE = re.compile(rb"/Count\s+0\b")
_PAGE_OBJECT = re.compile(rb"/Type\s*/Page\b")
_DIGITS = re.compile(r"[0-9๐-๙]+")


def read_pdf(
    data: bytes, *, ocr: OcrMode = "auto", jobs: int = 1, known_phrases: Sequence[str] = ()
) -> Document:
    """Return the neutral document model of the PDF ``data``.

    Args:
        data: the PDF file's bytes.
        ocr: ``"auto"`` reads pages without a text layer by OCR, ``"always"`` every page,
            ``"never"`` none.
        jobs: worker processes for OCR; a scan's pages are read in parallel when above 1.
        known_phrases: phrases the report is expected to hold; OCR puts back the tone marks
            it lost in them.

    Raises:
        EncryptedDocumentError: the PDF needs a password.
        CorruptDocumentError: the PDF is truncated or broken.
        EmptyDocumentError: the PDF has no page.
        NoTextLayerError: no page has text and OCR is off or not installed.
    """
    contents = _read_pages(data)
    checks = {content.number: _check_text(content) for content in contents}
    without_text = [number for number, check in checks.items() if not check.usable]
    ocred_scans = [content.number for content in contents if _is_ocred_scan(content)]
    if ocr == "always":
        to_ocr = [content.number for content in contents]
    else:
        to_ocr = sorted({*without_text, *ocred_scans})
    warnings: list[Warning] = []
    ocr_blocks: dict[int, list[Block]] = {}
    if to_ocr and ocr != "never":
        has_text = len(without_text) < len(contents)
        ocr_blocks = _run_ocr(
            data, to_ocr, has_text=has_text, jobs=jobs, phrases=known_phrases, warnings=warnings
        )
    elif len(without_text) == len(contents):
        # -- OCR may well be installed: say how to turn it on, not what to install --
        raise NoTextLayerError(
            f"{NO_TEXT_LAYER_MESSAGE}, and OCR was turned off (ocr='never'; --ocr auto reads it)"
        )
    for code, message, numbers in (
        (WarningCode.PDF_PAGE_WITHOUT_TEXT, _PAGE_WITHOUT_TEXT_MESSAGE, without_text),
        (WarningCode.PDF_SCAN_TEXT_LAYER, _SCAN_TEXT_LAYER_MESSAGE, ocred_scans),
    ):
        warnings.extend(
            Warning(code=code, message=message, page=number)
            for number in numbers
            if number not in ocr_blocks
        )
    from_text_layer = [content for content in contents if content.number not in ocr_blocks]
    text_layer = _text_layer_blocks(from_text_layer)
    for content in from_text_layer:
        warnings.extend(_glyph_warnings(content))
        warnings.extend(_script_warnings(content.number, checks[content.number].foreign_runs))
    pages = [
        ocr_blocks[content.number]
        if content.number in ocr_blocks
        else text_layer.blocks[content.number]
        for content in contents
    ]
    return Document(
        format=SourceFormat.PDF,
        blocks=tuple(
            join_continued_tables(
                pages,
                running_on=text_layer.running_on,
                finished=text_layer.finished,
                ended=text_layer.stopped_short,
            )
        ),
        page_count=len(contents),
        ocr=bool(ocr_blocks),
        warnings=tuple(sorted(warnings, key=lambda warning: warning.page or 0)),
    )


def _read_pages(data: bytes) -> list[PageContent]:
    """Return every page's content, with the PDF opened once and closed before returning."""
    if not data.strip():
        raise EmptyDocumentError("the file is empty")
    with PDFIUM_LOCK:
        document = _open(data)
        try:
            if len(document) == 0:
                raise EmptyDocumentError("the PDF has no pages")
            contents = []
            for index in range(len(document)):
                page = document[index]
                try:
                    contents.append(read_page(page, index + 1))
                finally:
                    page.close()
            return contents
        except pdfium.PdfiumError as error:
            raise CorruptDocumentError(f"a page of the PDF cannot be read: {error}") from error
        finally:
            document.close()


def _open(data: bytes) -> pdfium.PdfDocument:
    """Return the PDFium document of ``data``.

    Raises:
        EncryptedDocumentError: the PDF needs a password.
        EmptyDocumentError: the PDF's page tree is empty.
        CorruptDocumentError: PDFium cannot read the PDF.
    """
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        # -- PDFium refuses a PDF whose page tree is empty as if it were broken, and without
        #    setting its last error: the code it reports is then the previous failure's (a
        #    password one after an encrypted file), so the structure is judged first --
        if _EMPTY_PAGE_TREE.search(data) and not _PAGE_OBJECT.search(data):
            raise EmptyDocumentError("the PDF has no pages") from error
        code = getattr(error, "err_code", None)
        if code == pdfium_c.FPDF_ERR_PASSWORD:
            raise EncryptedDocumentError("the PDF is protected by a password") from error
        raise CorruptDocumentError(f"the PDF cannot be read: {error}") from error


@dataclass(frozen=True, slots=True)
class _TextCheck:
    """What a page's text layer is worth: usable or not, and the foreign letters in it."""

    usable: bool
    foreign_runs: tuple[str, ...]


def _check_text(content: PageContent) -> _TextCheck:
    """Return whether the page's text layer is there and readable, and its foreign letters.

    A scan has none (or a stamped page number beside its picture); a PDF whose fonts lack a
    character map has one that is mostly unassigned code points or another script's letters.
    """
    text = "".join(glyph.text for glyph in content.glyphs if not glyph.text.isspace())
    runs = tuple(find_foreign_script(text))
    if not text or (content.picture_share and len(text) < MIN_TEXT_GLYPHS):
        return _TextCheck(usable=False, foreign_runs=runs)
    foreign = sum(map(len, runs))
    broken = sum(1 for char in text if char == "\ufffd" or unicodedata.category(char) in _NO_CHAR)
    return _TextCheck(foreign + broken < UNREADABLE_SHARE * len(text), runs)


def _is_ocred_scan(content: PageContent) -> bool:
    """Return whether the page is a scan with an OCR program's invisible text laid over it.

    Its text is readable but its tables have no ruling lines to find, so OCR, which finds
    them in the picture, reads it better when it is there.
    """
    return content.hidden_text and content.picture_share >= SCAN_PICTURE_SHARE


def _run_ocr(
    data: bytes,
    numbers: Sequence[int],
    *,
    has_text: bool,
    jobs: int,
    phrases: Sequence[str],
    warnings: list[Warning],
) -> dict[int, list[Block]]:
    """Return the OCR blocks of pages ``numbers``, or none if OCR is not installed.

    Raises:
        NoTextLayerError: OCR is missing and no page has a text layer to fall back on
            (``has_text`` is false).
    """
    try:
        from ita_extract.readers.ocr import ocr_pages

        result = ocr_pages(data, numbers, jobs=jobs, known_phrases=phrases)
    except (ImportError, MissingDependencyError) as error:
        if not has_text:
            raise NoTextLayerError(f"{NO_TEXT_LAYER_MESSAGE}; {_INSTALL_OCR} ({error})") from error
        return {}
    warnings.extend(result.warnings)
    return dict(result.blocks)


@dataclass(frozen=True, slots=True)
class _TextLayer:
    """The pages read from the text layer, and how the tables that end them end.

    Their blocks, the table columns whose text runs on past the break and those whose text
    ended well above it, and the pages whose last table ended its last row above the break.
    """

    blocks: dict[int, list[Block]]
    running_on: dict[int, frozenset[int]]
    finished: dict[int, frozenset[int]]
    stopped_short: frozenset[int]


def _text_layer_blocks(contents: Sequence[PageContent]) -> _TextLayer:
    """Return each page's tables and paragraphs in reading order, running lines left out."""
    body_size = body_font_size(glyph for content in contents for glyph in content.glyphs)
    drafts: dict[int, list[DraftTable]] = {}
    flow_lines: dict[int, list[PdfLine]] = {}
    for content in contents:
        # -- no ruling lines, no table: the table finder never runs on plain text pages --
        tables, outside = find_tables(content.edges, content.glyphs)
        drafts[content.number] = tables
        flow_lines[content.number] = _repair_page(glyphs_to_lines(outside), tables)
    _drop_running_lines(contents, flow_lines)
    pitch = line_pitch(
        [
            *flow_lines.values(),
            *(cell.lines for tables in drafts.values() for table in tables for cell in table.cells),
        ]
    )
    blocks = {
        content.number: _page_blocks(
            content.number,
            drafts[content.number],
            flow_lines[content.number],
            _Style(pitch, body_size),
        )
        for content in contents
    }
    heights = {content.number: round(content.height) for content in contents}
    return _page_ends(blocks, drafts, flow_lines, pitch, heights)


def _page_ends(
    blocks: dict[int, list[Block]],
    drafts: dict[int, list[DraftTable]],
    flow_lines: dict[int, list[PdfLine]],
    pitch: float,
    heights: dict[int, int],
) -> _TextLayer:
    """Return the text layer with, for pages that end with a table, how that table ends.

    The text area's bottom is the lowest text or table of the pages of the same height: a
    landscape section's pages end far above a portrait page's bottom.
    """
    body_bottom: dict[int, float] = {}
    for number, height in heights.items():
        bottoms = [line.bottom for line in flow_lines[number]]
        bottoms += [table.box[3] for table in drafts[number]]
        body_bottom[height] = max([body_bottom.get(height, 0.0), *bottoms])
    running_on = {}
    finished = {}
    stopped_short = set()
    for number, tables in drafts.items():
        last = max(tables, key=lambda table: table.box[3], default=None)
        below = [line for line in flow_lines[number] if last and line.top > last.box[3]]
        if last is not None and not below:
            bottom = body_bottom[heights[number]]
            running_on[number] = columns_running_on(last, bottom, pitch)
            finished[number] = columns_finished(last, pitch)
            if stops_short(last, bottom, pitch):
                stopped_short.add(number)
    return _TextLayer(blocks, running_on, finished, frozenset(stopped_short))


def _repair_page(flow: list[PdfLine], tables: Sequence[DraftTable]) -> list[PdfLine]:
    """Return the page's running lines repaired, and repair its cells' lines in place.

    One repair call per page: the Thai repair costs far more per call than per character.
    """
    cells = [cell for table in tables for cell in table.cells]
    repaired = repair_lines([*flow, *(line for cell in cells for line in cell.lines)])
    position = len(flow)
    for cell in cells:
        cell.lines = repaired[position : position + len(cell.lines)]
        position += len(cell.lines)
    return repaired[: len(flow)]


@dataclass(frozen=True, slots=True)
class _Style:
    """The document's usual line pitch (per point of font size) and body font size."""

    pitch: float
    body_size: float | None


def _page_blocks(
    number: int, tables: Sequence[DraftTable], lines: Sequence[PdfLine], style: _Style
) -> list[Block]:
    """Return the page's blocks top to bottom, paragraphs never running across a table."""
    if not lines:
        return [draft_to_table(table, number, style.pitch) for table in tables]
    column = PdfColumn.around(lines, style.pitch)
    blocks: list[Block] = []
    pending: list[PdfLine] = []

    def flush() -> None:
        blocks.extend(
            lines_to_paragraphs(pending, page=number, column=column, body_size=style.body_size)
        )
        pending.clear()

    tables_left = sorted(tables, key=lambda table: table.box[1])
    for line in lines:
        while tables_left and tables_left[0].box[1] < line.top:
            flush()
            blocks.append(draft_to_table(tables_left.pop(0), number, style.pitch))
        pending.append(line)
    flush()
    blocks.extend(draft_to_table(table, number, style.pitch) for table in tables_left)
    return blocks


def _drop_running_lines(
    contents: Sequence[PageContent], flow_lines: dict[int, list[PdfLine]]
) -> None:
    """Remove page numbers and running headers and footers from the pages' lines.

    A line near the top or bottom edge goes when it is a page number, or when the same text
    (its numbers aside) stands near the edge of at least half of the pages.
    """

    def edge_lines(content: PageContent) -> list[PdfLine]:
        lines = flow_lines[content.number]
        margin = MARGIN_SHARE * content.height
        candidates = lines[:2] + lines[-2:]
        return [
            line
            for line in dict.fromkeys(candidates)
            if line.bottom < margin or line.top > content.height - margin
        ]

    def key(line: PdfLine) -> str:
        return _DIGITS.sub("#", " ".join(line.text.split()))

    repeated = Counter(
        text for content in contents for text in {key(line) for line in edge_lines(content)}
    )
    enough = max(2, (len(contents) + 1) // 2)
    for content in contents:
        running = {
            id(line)
            for line in edge_lines(content)
            if _PAGE_NUMBER.match(line.text.strip()) or repeated[key(line)] >= enough
        }
        flow_lines[content.number] = [
            line for line in flow_lines[content.number] if id(line) not in running
        ]


def _glyph_warnings(content: PageContent) -> list[Warning]:
    """Return one warning if the page's text layer had damaged Thai glyphs, with their counts.

    The layer is repaired as it is read (``pdf_layout.repair_lines``), so this is the one
    place that still sees the damage.
    """
    damage = find_glyph_damage("".join(glyph.text for glyph in content.glyphs))
    if not damage:
        return []
    return [
        Warning(
            code=WarningCode.TEXT_GLYPHS_REPAIRED,
            message=f"the text layer's Thai glyphs were damaged and repaired: {damage.describe()}",
            page=content.number,
        )
    ]


def _script_warnings(number: int, runs: Sequence[str]) -> list[Warning]:
    """Return a warning if page ``number``'s text holds letters of another script (``runs``)."""
    if not runs:
        return []
    sample = ", ".join(dict.fromkeys(runs))
    return [
        Warning(
            code=WarningCode.TEXT_FOREIGN_SCRIPT,
            message=f"the text layer holds letters of another script ({sample[:60]}): "
            "the PDF's font map is broken and these words cannot be trusted",
            page=number,
        )
    ]
