r"""Read a DOCX file into the neutral :class:`~ita_extract.document.Document` model.

python-docx opens the package; the body is then walked as XML, because its proxy objects
hide what matters here: ``_Row.cells`` repeats a merged cell once per grid slot, and
``paragraph.text`` keeps deleted text of tracked changes and knows nothing of numbering.

Rules this reader keeps (the record builders rely on them):

- **Order**: paragraphs and tables in body order; content controls (``w:sdt``), custom XML
  and tracked insertions are looked through. Headers, footers, footnotes and comments are
  left out. The text of text boxes and shapes follows the paragraph that anchors them, as
  paragraphs (or a table) of their own. Embedded HTML/RTF chunks (``w:altChunk``) are left
  out with a ``docx.embedded_content_skipped`` warning.
- **Text**: runs are joined as they are (a word split across runs comes out whole),
  ``<w:br/>`` and ``<w:cr/>`` become ``"\n"``, tabs become one space, hidden runs
  (``w:vanish``) are dropped, symbol-font characters (``w:sym``, Wingdings/Symbol runs) become
  the Unicode character they show. Leading and trailing white space is stripped, and a
  paragraph left with no text is dropped (it still counts for numbering and pages).
- **Tracked changes** read as accepted: ``w:ins``/``w:moveTo`` kept, ``w:del``/``w:moveFrom``
  and deleted table rows dropped; a ``docx.tracked_changes`` warning says the file had any.
- **Tables**: spans come from the XML (``w:gridSpan``, ``w:vMerge`` restart/continue, legacy
  ``w:hMerge``, ``w:gridBefore``/``w:gridAfter``), never from equal text. One
  :class:`~ita_extract.document.Cell` per merged region; text a continuation cell holds is
  appended to its region. A nested table is flattened into the containing cell: its cells'
  paragraphs, row by row and left to right, join the cell's own paragraphs.
- **List labels**: Word's automatic numbering is rendered as Word prints it (``numbering.xml``
  resolved through ``w:numPr`` on the paragraph or its style chain, counters kept per list,
  deeper levels restarted by ``w:lvlRestart`` rules, formats decimal, Thai numbers and
  letters, roman, letters, bullets). A list whose ``w:num`` overrides its definition
  (Word's "restart numbering") counts on its own; lists that share one definition without
  overrides continue each other's count, as Word does. A paragraph without automatic
  numbering whose text *starts* with a typed bullet (``▪``, ``•``, ``-``, ``–``, ``*``…) or a
  typed number of up to three digits (``1.``, ``๑.``, ``2)``, ``(3)``) followed by white
  space has that token moved into ``list_label`` too (see :mod:`ita_extract.normalize.labels`,
  the PDF reader's rule too), so every reader gives builders the same shape: ``text`` never starts
  with its label, and ``Paragraph.labelled_text`` gives the line as printed.
- **Kind**: ``HEADING`` when the paragraph has an outline level, or else its style chain
  holds a built-in heading or Title style or an outline level (many reports use bold Normal
  text instead: builders must not rely on it); else ``LIST_ITEM`` when it has a label; else
  ``PARAGRAPH``.
- **Pages** are known only when Word rendered the document (it holds
  ``w:lastRenderedPageBreak`` marks). Then every rendered break, explicit page break
  (``w:br w:type="page"``) and ``w:pageBreakBefore`` starts a new page, except that breaks
  with no text between them count once (Word marks a rendered break right after a hard
  one). A block's page is the page of its first character; a table row that starts a page
  starts there in every cell, and a row split by the page end keeps the page it started on.
  Without rendered breaks every ``page`` and ``page_count`` is ``None``: explicit breaks
  alone would give wrong pages.
- **Damage**: any package python-docx cannot open, or whose parts it cannot type, raises
  :class:`~ita_extract.errors.CorruptDocumentError`; spans and list starts beyond Word's
  own limits are clamped to them. Macro-enabled documents and templates read as documents.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

import docx
from docx.opc.exceptions import PackageNotFoundError

from ita_extract.document import Block, Cell, Document, Paragraph, ParagraphKind, Table
from ita_extract.errors import CorruptDocumentError, EmptyDocumentError, UnsupportedFormatError
from ita_extract.normalize.labels import split_list_label
from ita_extract.readers.detect import detect_format
from ita_extract.readers.docx_numbering import (
    BODY_TEXT_OUTLINE_LEVEL,
    MAX_LEVELS,
    WordNumbering,
    WordStyles,
)
from ita_extract.readers.docx_xml import (
    MC,
    SYMBOL_FONTS,
    VAL,
    W,
    XmlElement,
    clamp,
    symbol_text,
    xml_child,
    xml_flag,
    xml_int_value,
    xml_value,
)
from ita_extract.shared import SourceFormat, Warning
from ita_extract.warning_codes import WarningCode

__all__ = ["read_docx"]


_P, _TBL, _TR, _TC, _R, _T = (W + name for name in ("p", "tbl", "tr", "tc", "r", "t"))
_TXBX_CONTENT = W + "txbxContent"
_LAST_RENDERED_BREAK = W + "lastRenderedPageBreak"
_INS, _DEL = W + "ins", W + "del"

_TRANSPARENT = frozenset(
    W + name for name in ("sdt", "sdtContent", "customXml", "smartTag", "ins", "moveTo")
)
"""Wrappers whose content counts as if it stood in their place."""

_SKIPPED_IN_TEXT = frozenset(
    [W + name for name in ("del", "moveFrom", "pPr", "rPr", "drawing", "pict", "object")]
    + [MC + "AlternateContent"]
)
"""Elements whose content is not paragraph text (deleted, properties, drawn objects)."""

_LINE_BREAKS = frozenset(W + name for name in ("br", "cr"))
_SPACES = frozenset(W + name for name in ("tab", "ptab"))

_CONTENT_TYPES_PART = "[Content_Types].xml"
_WORD_DOCUMENT_TYPE = (
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
)
_WORD_VARIANT_TYPES = (
    "application/vnd.ms-word.document.macroEnabled.main+xml",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
    "application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
)
"""Main-part content types of .docm, .dotx and .dotm files: Word documents all the same."""

_MAX_COLUMNS = 63
"""Word's limit on table columns: larger spans in damaged files are clamped to it."""


def read_docx(data: bytes) -> Document:
    """Return the neutral document model of a DOCX file's bytes.

    Raises:
        EmptyDocumentError: the file is empty, or the document holds no text at all.
        UnsupportedFormatError: the bytes are not a DOCX (another format, a ZIP of
            something else).
        CorruptDocumentError: the package or its XML is broken.
    """
    if detect_format(data) is not SourceFormat.DOCX:
        raise UnsupportedFormatError("not a DOCX file")
    package = _open_package(data)
    body = package.body
    reader = _BodyReader(
        styles=WordStyles(package.styles),
        numbering_root=package.numbering,
        pages=_PageCounter(enabled=next(body.iter(_LAST_RENDERED_BREAK), None) is not None),
    )
    blocks = reader.read_blocks(body)
    if not any(paragraph.text for paragraph in _flatten(blocks)):
        raise EmptyDocumentError("the Word document holds no text")
    if next(body.iter(_INS), None) is not None or next(body.iter(_DEL), None) is not None:
        reader.warn(
            WarningCode.DOCX_TRACKED_CHANGES,
            "the document holds tracked changes; they were read as accepted "
            "(insertions kept, deletions dropped)",
        )
    return Document(
        format=SourceFormat.DOCX,
        blocks=tuple(blocks),
        page_count=reader.pages.current,
        warnings=tuple(reader.warnings),
    )


@dataclass(frozen=True)
class _Package:
    """The XML roots of the parts the reader walks."""

    body: XmlElement
    styles: XmlElement
    numbering: XmlElement


def _open_package(data: bytes) -> _Package:
    """Return the parts of ``data`` the reader needs, mapping python-docx's failures to ours."""
    try:
        document = docx.Document(io.BytesIO(_relabel_word_variants(data)))
        body = document.element.body
        styles = document.part.styles.element
        numbering = document.part.numbering_part.element
    except (AttributeError, NotImplementedError, TypeError) as error:
        # -- python-docx meets a part it cannot type (a damaged content type or relationship) --
        raise CorruptDocumentError(f"a part of the DOCX package is damaged: {error!r}") from error
    except (PackageNotFoundError, zipfile.BadZipFile, zlib.error, EOFError) as error:
        raise CorruptDocumentError(f"broken DOCX package: {error}") from error
    except KeyError as error:
        raise CorruptDocumentError(f"DOCX package lacks a part: {error}") from error
    except SyntaxError as error:  # -- lxml's XMLSyntaxError derives from SyntaxError --
        raise CorruptDocumentError(f"broken XML in the DOCX package: {error}") from error
    except ValueError as error:
        raise CorruptDocumentError(f"unreadable DOCX package: {error}") from error
    if body is None:
        raise CorruptDocumentError("the DOCX main part has no body")
    return _Package(body, styles, numbering)


def _relabel_word_variants(data: bytes) -> bytes:
    """Return ``data`` with a macro-enabled or template main part relabelled as a document.

    python-docx opens only the plain document content type, though .docm, .dotx and .dotm
    files hold the same body XML.
    """
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        content_types = archive.read(_CONTENT_TYPES_PART).decode()
        if not any(variant in content_types for variant in _WORD_VARIANT_TYPES):
            return data
        for variant in _WORD_VARIANT_TYPES:
            content_types = content_types.replace(variant, _WORD_DOCUMENT_TYPE)
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as relabelled:
            for name in archive.namelist():
                relabelled.writestr(
                    name, content_types if name == _CONTENT_TYPES_PART else archive.read(name)
                )
    return buffer.getvalue()


def _flatten(blocks: Iterable[Block]) -> Iterator[Paragraph]:
    """Yield every paragraph of ``blocks``, those of table cells in grid order included."""
    for block in blocks:
        if isinstance(block, Paragraph):
            yield block
        else:
            for cell in block.cells:
                yield from cell.paragraphs


# -- pages ------------------------------------------------------------------------------


@dataclass
class _PageCounter:
    """The page the walk is on, when the document was rendered by Word."""

    enabled: bool
    page: int = 1
    break_pending: bool = False
    """A break was counted and no text followed yet: the next break starts the same page."""

    @property
    def current(self) -> int | None:
        """Return the page number, or ``None`` when pages are unknown."""
        return self.page if self.enabled else None

    def page_break(self) -> None:
        """Count a break, unless the last one had no text after it."""
        if not self.break_pending:
            self.page += 1
            self.break_pending = True

    def text_seen(self) -> None:
        """Note that text stands on the current page."""
        self.break_pending = False

    def state(self) -> tuple[int, bool]:
        """Return the position, to come back to it (table cells of one row start together)."""
        return self.page, self.break_pending

    def restore(self, state: tuple[int, bool]) -> None:
        """Go back to a position returned by :meth:`state`."""
        self.page, self.break_pending = state


# -- the body walk ----------------------------------------------------------------------


@dataclass
class _TextSink:
    """The text of one paragraph as it is collected, and the page its first character is on."""

    parts: list[str] = field(default_factory=list)
    first_page: int | None = None
    seen_text: bool = False


@dataclass
class _Region:
    """A merged cell while its table is read; rows and columns are half-open."""

    row_start: int
    row_end: int
    col_start: int
    col_end: int
    paragraphs: list[Paragraph]
    page: int | None

    def to_cell(self) -> Cell:
        return Cell(
            row_start=self.row_start,
            row_end=self.row_end,
            col_start=self.col_start,
            col_end=self.col_end,
            paragraphs=tuple(self.paragraphs),
            page=self.page,
        )


class _BodyReader:
    """Walk the body XML in document order, keeping list counters and the page count."""

    def __init__(self, styles: WordStyles, numbering_root: XmlElement, pages: _PageCounter) -> None:
        self._styles = styles
        self._numbering = WordNumbering(numbering_root, styles)
        self.pages = pages
        self.warnings: list[Warning] = []

    def warn(self, code: WarningCode, message: str) -> None:
        """Record a warning once per code and message."""
        if not any(w.code == code and w.message == message for w in self.warnings):
            self.warnings.append(Warning(code=code, message=message, page=self.pages.current))

    def read_blocks(self, container: XmlElement) -> list[Block]:
        """Return the paragraphs and tables directly in ``container``, in order."""
        blocks: list[Block] = []
        for child in container:
            if child.tag == _P:
                blocks.extend(self._read_paragraph(child))
            elif child.tag == _TBL:
                blocks.append(self._read_table(child))
            elif child.tag in _TRANSPARENT:
                blocks.extend(self.read_blocks(child))
            elif child.tag == W + "altChunk":
                self.warn(
                    WarningCode.DOCX_EMBEDDED_CONTENT_SKIPPED,
                    "an embedded HTML/RTF chunk (altChunk) was left out",
                )
        return blocks

    # -- paragraphs --

    def _read_paragraph(self, element: XmlElement) -> list[Block]:
        """Return the paragraph (unless it has no text) and the blocks of its text boxes."""
        props = xml_child(element, "pPr")
        style_id = xml_value(props, "pStyle") or self._styles.default_paragraph_style
        page_break_before = xml_flag(props, "pageBreakBefore")
        if page_break_before is None:
            page_break_before = self._styles.inherited(style_id, lambda s: s.page_break_before)
        if page_break_before:
            self.pages.page_break()
        sink = _TextSink()
        self._collect_text(element, sink, symbol_font=None)
        text = "".join(sink.parts).strip()
        label, level = self._automatic_label(props, style_id)
        if label is None:
            label, text = split_list_label(text)
        outline_level = xml_int_value(props, "outlineLvl")
        if (
            self._styles.is_heading(style_id)
            if outline_level is None
            else outline_level < BODY_TEXT_OUTLINE_LEVEL
        ):
            kind = ParagraphKind.HEADING
        elif label is not None:
            kind = ParagraphKind.LIST_ITEM
        else:
            kind = ParagraphKind.PARAGRAPH
        blocks: list[Block] = []
        if text:
            blocks.append(
                Paragraph(
                    text=text,
                    kind=kind,
                    page=sink.first_page,
                    list_level=level,
                    list_label=label,
                    style=self._styles.name(style_id),
                    typed_breaks="\n" in text,
                )
            )
        for box in self._text_boxes(element):
            blocks.extend(self.read_blocks(box))
        return blocks

    def _automatic_label(
        self, props: XmlElement | None, style_id: str | None
    ) -> tuple[str | None, int]:
        """Return the label Word's numbering prints before the paragraph, and its level."""
        num_props = xml_child(props, "numPr")
        num_id = xml_value(num_props, "numId")
        if num_id is None:
            num_id = self._styles.inherited(style_id, lambda s: s.num_id)
        level = xml_int_value(num_props, "ilvl")
        if level is None:
            level = self._styles.inherited(style_id, lambda s: s.num_level) or 0
        level = min(max(level, 0), MAX_LEVELS - 1)
        if num_id is None or num_id == "0":  # -- numId 0 switches a style's numbering off --
            return None, 0
        label = self._numbering.label(num_id, level)
        if label is None:
            self.warn(
                WarningCode.DOCX_NUMBERING_UNDEFINED,
                f"list {num_id} level {level} has no numbering definition; label left out",
            )
        return label or None, level

    def _collect_text(self, element: XmlElement, sink: _TextSink, symbol_font: str | None) -> None:
        """Append the visible text under ``element`` to ``sink``, counting page breaks."""
        for child in element:
            tag = child.tag
            if tag == _R:
                run_props = xml_child(child, "rPr")
                if not xml_flag(run_props, "vanish"):
                    self._collect_text(child, sink, _symbol_font(run_props))
            elif tag == _T:
                text = child.text or ""
                if symbol_font is not None:
                    text = symbol_text(text, symbol_font)
                self._add_text(sink, text)
            elif tag == W + "sym":
                self._add_text(sink, symbol_text(_sym_char(child), child.get(W + "font")))
            elif tag in _SPACES:
                sink.parts.append(" ")
            elif tag in _LINE_BREAKS:
                if child.get(W + "type") == "page":
                    self.pages.page_break()
                sink.parts.append("\n")
            elif tag == _LAST_RENDERED_BREAK:
                self.pages.page_break()
            elif tag == W + "noBreakHyphen":
                sink.parts.append("-")
            elif tag not in _SKIPPED_IN_TEXT:
                self._collect_text(child, sink, symbol_font)

    def _add_text(self, sink: _TextSink, text: str) -> None:
        if text.strip() and not sink.seen_text:
            sink.seen_text = True
            sink.first_page = self.pages.current
        if text.strip():
            self.pages.text_seen()
        sink.parts.append(text)

    def _text_boxes(self, paragraph: XmlElement) -> Iterator[XmlElement]:
        """Yield the outermost text boxes anchored in ``paragraph``, each once.

        Word writes a text box twice (a DrawingML choice and a VML fallback): the fallback
        copy is skipped, and so is a box inside deleted text.
        """
        for box in paragraph.iter(_TXBX_CONTENT):
            ancestor = box.getparent()
            while ancestor is not None and ancestor is not paragraph:
                if ancestor.tag in {MC + "Fallback", _TXBX_CONTENT, _DEL, W + "moveFrom"}:
                    break
                ancestor = ancestor.getparent()
            else:
                yield box

    # -- tables --

    def _read_table(self, element: XmlElement) -> Table:
        """Return the table with merged regions resolved from the XML."""
        grid = xml_child(element, "tblGrid")
        width = 0 if grid is None else sum(1 for col in grid if col.tag == W + "gridCol")
        start_page = self.pages.current
        regions: list[_Region] = []
        above: dict[int, _Region] = {}
        row_index = 0
        for row in _table_rows(element):
            row_props = xml_child(row, "trPr")
            column = clamp(xml_int_value(row_props, "gridBefore"), 0, _MAX_COLUMNS)
            if any(_starts_after_page_break(cell) for cell in _row_cells(row)):
                # -- Word may mark a row that starts a page in one cell only: all start there --
                self.pages.page_break()
            row_start = self.pages.state()
            row_ends: list[tuple[int, bool]] = []
            current: dict[int, _Region] = {}
            for cell in _row_cells(row):
                self.pages.restore(row_start)
                region = self._place_cell(cell, row_index, column, above, current)
                row_ends.append(self.pages.state())
                current[region.col_start] = region
                if region.row_start == row_index and not (regions and regions[-1] is region):
                    regions.append(region)
                column = region.col_end
            if row_ends:
                # -- a row split by a page break ends on its longest cell's last page --
                self.pages.restore(max(row_ends))
            width = max(
                width, column + clamp(xml_int_value(row_props, "gridAfter"), 0, _MAX_COLUMNS)
            )
            above = current
            row_index += 1
        return Table(
            row_count=row_index,
            col_count=width,
            cells=tuple(region.to_cell() for region in regions),
            page=regions[0].page if regions else start_page,
        )

    def _place_cell(
        self,
        cell: XmlElement,
        row_index: int,
        column: int,
        above: dict[int, _Region],
        current: dict[int, _Region],
    ) -> _Region:
        """Read one ``w:tc`` and return the region it starts or continues."""
        props = xml_child(cell, "tcPr")
        span = clamp(xml_int_value(props, "gridSpan"), 1, _MAX_COLUMNS)
        row_start_page = self.pages.current
        paragraphs = list(_flatten(self.read_blocks(cell)))
        vertical = xml_child(props, "vMerge")
        if vertical is not None and vertical.get(VAL) in {None, "continue"}:
            region = above.get(column)
            if region is not None and region.col_end == column + span:
                region.row_end = row_index + 1
                region.paragraphs.extend(paragraphs)
                return region
            self.warn(
                WarningCode.DOCX_MERGE_WITHOUT_START,
                "a vertically merged cell continues no cell above it; read as its own cell",
            )
        horizontal = xml_child(props, "hMerge")
        left = next(reversed(current.values()), None)
        if (
            horizontal is not None
            and horizontal.get(VAL) in {None, "continue"}
            and left is not None
            and left.row_start == row_index
            and left.row_end == row_index + 1
            and left.col_end == column
        ):
            left.col_end += span
            left.paragraphs.extend(paragraphs)
            return left
        first_page = paragraphs[0].page if paragraphs else row_start_page
        return _Region(row_index, row_index + 1, column, column + span, paragraphs, first_page)


def _sym_char(sym: XmlElement) -> str:
    """Return the character a ``w:sym`` names by its hexadecimal code (empty if unreadable)."""
    try:
        return chr(int(sym.get(W + "char") or "", 16))
    except (ValueError, OverflowError):
        return ""


def _symbol_font(run_props: XmlElement | None) -> str | None:
    """Return the run's font when it is a symbol font (its characters need mapping)."""
    fonts = xml_child(run_props, "rFonts")
    font = None if fonts is None else fonts.get(W + "ascii") or fonts.get(W + "hAnsi")
    return font if font is not None and font.lower() in SYMBOL_FONTS else None


def _starts_after_page_break(cell: XmlElement) -> bool:
    """Return whether a rendered or explicit page break comes before the cell's first text."""
    for element in cell.iter(_T, _LAST_RENDERED_BREAK, W + "br"):
        if element.tag == _T:
            if (element.text or "").strip():
                return False
        elif element.tag == _LAST_RENDERED_BREAK or element.get(W + "type") == "page":
            return True
    return False


def _table_rows(table: XmlElement) -> Iterator[XmlElement]:
    """Yield the table's rows in order, looking through wrappers, without deleted rows."""
    for child in table:
        if child.tag == _TR:
            if xml_child(xml_child(child, "trPr"), "del") is None:
                yield child
        elif child.tag in _TRANSPARENT:
            yield from _table_rows(child)


def _row_cells(row: XmlElement) -> Iterator[XmlElement]:
    """Yield the row's ``w:tc`` cells in order, looking through wrappers."""
    for child in row:
        if child.tag == _TC:
            yield child
        elif child.tag in _TRANSPARENT:
            yield from _row_cells(child)
