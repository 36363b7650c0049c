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
import re
import string
import zipfile
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Protocol, TypeVar

import docx
from docx.opc.exceptions import PackageNotFoundError
from docx.styles import BabelFish

from ita_extract.document import Block, Cell, Document, Paragraph, ParagraphKind, Table
from ita_extract.errors import CorruptDocumentError, EmptyDocumentError, UnsupportedFormatError
from ita_extract.normalize.labels import split_list_label
from ita_extract.readers.detect import detect_format
from ita_extract.report import SourceFormat, Warning

__all__ = ["read_docx"]


class _Element(Protocol):
    """The part of lxml's element interface this reader uses (lxml ships no type stubs)."""

    tag: str
    text: str | None

    def get(self, key: str) -> str | None: ...

    def find(self, path: str) -> _Element | None: ...

    def iter(self, *tags: str) -> Iterator[_Element]: ...

    def __iter__(self) -> Iterator[_Element]: ...

    def getparent(self) -> _Element | None: ...


_Value = TypeVar("_Value")

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"

_P, _TBL, _TR, _TC, _R, _T = (_W + name for name in ("p", "tbl", "tr", "tc", "r", "t"))
_VAL = _W + "val"
_TXBX_CONTENT = _W + "txbxContent"
_LAST_RENDERED_BREAK = _W + "lastRenderedPageBreak"
_INS, _DEL = _W + "ins", _W + "del"

_TRANSPARENT = frozenset(
    _W + name for name in ("sdt", "sdtContent", "customXml", "smartTag", "ins", "moveTo")
)
"""Wrappers whose content counts as if it stood in their place."""

_SKIPPED_IN_TEXT = frozenset(
    [_W + name for name in ("del", "moveFrom", "pPr", "rPr", "drawing", "pict", "object")]
    + [_MC + "AlternateContent"]
)
"""Elements whose content is not paragraph text (deleted, properties, drawn objects)."""

_LINE_BREAKS = frozenset(_W + name for name in ("br", "cr"))
_SPACES = frozenset(_W + name for name in ("tab", "ptab"))

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

_HEADING_STYLE = re.compile(r"^(heading [1-9]|title)$", re.IGNORECASE)
_BODY_TEXT_OUTLINE_LEVEL = 9
_MAX_LEVELS = 9
_MAX_COLUMNS = 63
"""Word's limit on table columns: larger spans in damaged files are clamped to it."""
_MAX_START = 32767
"""Word's limit on a list's start value, so a damaged file cannot ask for a huge label."""

_SYMBOL_FONTS = frozenset({"wingdings", "symbol", "webdings"})
_SYMBOL_CHARS = {
    ("symbol", 0xB7): "•",
    ("wingdings", 0x6C): "●",
    ("wingdings", 0x6E): "■",
    ("wingdings", 0x71): "❑",
    ("wingdings", 0x76): "❖",
    ("wingdings", 0xA7): "▪",
    ("wingdings", 0xD8): "➢",
    ("wingdings", 0xFC): "✓",
}
"""What the symbol fonts' code points show, for the bullets Word offers by default."""
_PRIVATE_USE_SYMBOLS = range(0xF000, 0xF100)
"""Word stores symbol-font characters here (U+F0A7 is Wingdings 0xA7)."""

_THAI_DIGITS = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")
_THAI_LETTERS = "กขคงจฉชซฌญฎฏฐฑฒณดตถทธนบปผฝพฟภมยรลวศษสหฬอฮ"
"""Word's ``thaiLetters`` sequence: the consonants without the obsolete ฃ and ฅ."""
_ROMAN = (
    *((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l")),
    *((40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")),
)


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
        styles=_Styles(package.styles),
        numbering_root=package.numbering,
        pages=_PageCounter(enabled=next(body.iter(_LAST_RENDERED_BREAK), None) is not None),
    )
    blocks = reader.read_blocks(body)
    if not any(paragraph.text for paragraph in _flatten(blocks)):
        raise EmptyDocumentError("the Word document holds no text")
    if next(body.iter(_INS), None) is not None or next(body.iter(_DEL), None) is not None:
        reader.warn(
            "docx.tracked_changes",
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

    body: _Element
    styles: _Element
    numbering: _Element


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


# -- XML helpers ------------------------------------------------------------------------


def _child(element: _Element | None, name: str) -> _Element | None:
    return None if element is None else element.find(_W + name)


def _value(element: _Element | None, name: str) -> str | None:
    """Return the ``w:val`` of ``element``'s child ``name``, or ``None`` when it is absent."""
    child = _child(element, name)
    return None if child is None else child.get(_VAL)


def _int_value(element: _Element | None, name: str) -> int | None:
    value = _value(element, name)
    try:
        return None if value is None else int(value)
    except ValueError:
        return None


def _clamp(value: int | None, low: int, high: int) -> int:
    """Return ``value`` within ``[low, high]``; ``low`` when it is absent."""
    return low if value is None else min(max(value, low), high)


def _flag(element: _Element | None, name: str) -> bool | None:
    """Return an OOXML on/off property: ``None`` when absent, true unless ``w:val`` is off."""
    child = _child(element, name)
    if child is None:
        return None
    return child.get(_VAL) not in {"0", "false", "off"}


# -- styles -----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Style:
    name: str | None
    based_on: str | None
    num_id: str | None
    num_level: int | None
    outline_level: int | None
    page_break_before: bool | None


class _Styles:
    """The styles part, with the inheritance (``w:basedOn``) lookups the reader needs."""

    def __init__(self, root: _Element) -> None:
        self._styles: dict[str, _Style] = {}
        self.default_paragraph_style: str | None = None
        for style in root.iter(_W + "style"):
            style_id = style.get(_W + "styleId")
            if style_id is None:
                continue
            props = _child(style, "pPr")
            num_props = _child(props, "numPr")
            self._styles[style_id] = _Style(
                name=_value(style, "name"),
                based_on=_value(style, "basedOn"),
                num_id=_value(num_props, "numId"),
                num_level=_int_value(num_props, "ilvl"),
                outline_level=_int_value(props, "outlineLvl"),
                page_break_before=_flag(props, "pageBreakBefore"),
            )
            if style.get(_W + "type") == "paragraph" and style.get(_W + "default") in {"1", "true"}:
                self.default_paragraph_style = style_id

    def chain(self, style_id: str | None) -> Iterator[_Style]:
        """Yield the style and the styles it is based on, nearest first."""
        seen: set[str] = set()
        while style_id is not None and style_id not in seen and style_id in self._styles:
            seen.add(style_id)
            style = self._styles[style_id]
            yield style
            style_id = style.based_on

    def name(self, style_id: str | None) -> str | None:
        """Return the style's name as Word's interface shows it (``Heading 1``)."""
        style = next(self.chain(style_id), None)
        return None if style is None or style.name is None else BabelFish.internal2ui(style.name)

    def is_heading(self, style_id: str | None) -> bool:
        """Return whether the style is, or is based on, a heading or Title style."""
        return any(
            (style.name is not None and _HEADING_STYLE.match(style.name) is not None)
            or (style.outline_level is not None and style.outline_level < _BODY_TEXT_OUTLINE_LEVEL)
            for style in self.chain(style_id)
        )

    def inherited(
        self, style_id: str | None, read: Callable[[_Style], _Value | None]
    ) -> _Value | None:
        """Return the first value ``read`` finds along the style chain that is not ``None``."""
        return next((value for s in self.chain(style_id) if (value := read(s)) is not None), None)


# -- automatic numbering ----------------------------------------------------------------


@dataclass(frozen=True)
class _Level:
    start: int
    num_format: str
    text: str
    restart_after: int | None
    """1-based level whose use restarts this one (and any above it); 0 never; None: any above."""
    legal: bool
    font: str | None


def _read_level(element: _Element) -> _Level:
    fonts = _child(_child(element, "rPr"), "rFonts")
    return _Level(
        start=_clamp(_int_value(element, "start"), 0, _MAX_START),
        # -- Word 2010+ writes custom formats (01, 02…) in mc:AlternateContent with a plain
        # -- fallback format beside it --
        num_format=_value(element, "numFmt")
        or _value(element.find(f"{_MC}AlternateContent/{_MC}Fallback"), "numFmt")
        or "decimal",
        text=_value(element, "lvlText") or "",
        restart_after=_int_value(element, "lvlRestart"),
        legal=bool(_flag(element, "isLgl")),
        font=None if fonts is None else fonts.get(_W + "ascii") or fonts.get(_W + "hAnsi"),
    )


def _read_levels(element: _Element) -> dict[int, _Level]:
    levels: dict[int, _Level] = {}
    for level in element.iter(_W + "lvl"):
        index = level.get(_W + "ilvl")
        if index is not None and index.isdigit() and int(index) < _MAX_LEVELS:
            levels[int(index)] = _read_level(level)
    return levels


@dataclass
class _List:
    """One numbering instance (``w:num``) with its levels resolved."""

    counter_key: str
    levels: dict[int, _Level]


class _Numbering:
    """The numbering part, rendering the label Word would print for each numbered paragraph."""

    def __init__(self, root: _Element, styles: _Styles) -> None:
        self._styles = styles
        self._abstract_levels: dict[str, dict[int, _Level]] = {}
        self._style_links: dict[str, str] = {}
        for abstract in root.iter(_W + "abstractNum"):
            abstract_id = abstract.get(_W + "abstractNumId")
            if abstract_id is not None:
                self._abstract_levels[abstract_id] = _read_levels(abstract)
                link = _value(abstract, "numStyleLink")
                if link is not None:
                    self._style_links[abstract_id] = link
        self._nums = {
            num_id: num for num in root.iter(_W + "num") if (num_id := num.get(_W + "numId"))
        }
        self._counters: dict[str, list[int | None]] = {}

    def label(self, num_id: str, level: int) -> str | None:
        """Count one paragraph of list ``num_id`` at ``level`` and return its label.

        Returns ``None`` when the list or level is not defined.
        """
        numbered = self._resolve(num_id)
        if numbered is None or level not in numbered.levels:
            return None
        counters = self._counters.setdefault(numbered.counter_key, [None] * _MAX_LEVELS)
        definition = numbered.levels[level]
        current = counters[level]
        counters[level] = definition.start if current is None else current + 1
        for deeper in range(level + 1, _MAX_LEVELS):
            deeper_level = numbered.levels.get(deeper)
            restart_after = None if deeper_level is None else deeper_level.restart_after
            if level < (deeper if restart_after is None else restart_after):
                counters[deeper] = None
        return _render_label(definition, counters, numbered.levels)

    def _resolve(self, num_id: str, hops: int = 0) -> _List | None:
        num = self._nums.get(num_id)
        abstract_id = _value(num, "abstractNumId")
        if num is None or abstract_id is None:
            return None
        levels = dict(self._abstract_levels.get(abstract_id, {}))
        link = self._style_links.get(abstract_id)
        if not levels and link is not None and hops < 2:
            # -- a list style's definition points at the style, whose numPr names the real list --
            linked_num = self._styles.inherited(link, lambda style: style.num_id)
            linked = None if linked_num is None else self._resolve(linked_num, hops + 1)
            if linked is not None:
                levels, abstract_id = linked.levels, linked.counter_key
        overridden = False
        for override in num.iter(_W + "lvlOverride"):
            index = override.get(_W + "ilvl")
            if index is None or not index.isdigit() or int(index) not in range(_MAX_LEVELS):
                continue
            overridden = True
            replacement = _child(override, "lvl")
            base = _read_level(replacement) if replacement is not None else levels.get(int(index))
            start = _int_value(override, "startOverride")
            if base is not None:
                levels[int(index)] = base if start is None else _replace_start(base, start)
        # -- Word restarts a list whose w:num overrides its definition; plain w:num instances of
        # -- one definition continue a single count --
        return _List(counter_key=f"num:{num_id}" if overridden else abstract_id, levels=levels)


def _replace_start(level: _Level, start: int) -> _Level:
    return _Level(start, level.num_format, level.text, level.restart_after, level.legal, level.font)


def _render_label(definition: _Level, counters: list[int | None], levels: dict[int, _Level]) -> str:
    """Return ``definition.text`` with each ``%n`` replaced by level n's formatted counter."""
    if definition.num_format == "bullet":
        return _symbol_text(definition.text, definition.font).strip()

    def number(match: re.Match[str]) -> str:
        index = int(match[1]) - 1
        level = levels.get(index)
        if level is None:
            return ""
        value = counters[index]
        num_format = "decimal" if definition.legal else level.num_format
        return _format_number(level.start if value is None else value, num_format)

    return re.sub(r"%([1-9])", number, definition.text).strip()


def _letters(value: int, alphabet: str) -> str:
    """Return Word's letter numbering: a…z, then aa…zz (the letter repeated)."""
    if value < 1:
        return str(value)
    repeat, index = divmod(value - 1, len(alphabet))
    return alphabet[index] * (repeat + 1)


def _roman(value: int) -> str:
    digits = []
    for amount, symbol in _ROMAN:
        count, value = divmod(value, amount)
        digits.append(symbol * count)
    return "".join(digits)


_NUMBER_FORMATS: dict[str, Callable[[int], str]] = {
    "decimal": str,
    "decimalZero": lambda value: f"{value:02d}",
    "thaiNumbers": lambda value: str(value).translate(_THAI_DIGITS),
    "thaiLetters": lambda value: _letters(value, _THAI_LETTERS),
    "lowerLetter": lambda value: _letters(value, string.ascii_lowercase),
    "upperLetter": lambda value: _letters(value, string.ascii_uppercase),
    "lowerRoman": _roman,
    "upperRoman": lambda value: _roman(value).upper(),
    "none": lambda value: "",
}


def _format_number(value: int, num_format: str) -> str:
    """Return ``value`` in Word's number format ``num_format`` (decimal when unknown)."""
    return _NUMBER_FORMATS.get(num_format, str)(value)


def _symbol_text(text: str, font: str | None) -> str:
    """Return ``text`` as a symbol font shows it: Wingdings ``§`` (or U+F0A7) is ``▪``."""
    font_key = (font or "").lower()
    shown = []
    for char in text:
        code = ord(char) - 0xF000 if ord(char) in _PRIVATE_USE_SYMBOLS else ord(char)
        symbol = _SYMBOL_CHARS.get((font_key, code))
        if symbol is None and (font_key in _SYMBOL_FONTS or ord(char) in _PRIVATE_USE_SYMBOLS):
            symbol = "•"
        shown.append(symbol or char)
    return "".join(shown)


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

    def __init__(self, styles: _Styles, numbering_root: _Element, pages: _PageCounter) -> None:
        self._styles = styles
        self._numbering = _Numbering(numbering_root, styles)
        self.pages = pages
        self.warnings: list[Warning] = []

    def warn(self, code: str, message: str) -> None:
        """Record a warning once per code and message."""
        if not any(w.code == code and w.message == message for w in self.warnings):
            self.warnings.append(Warning(code=code, message=message, page=self.pages.current))

    def read_blocks(self, container: _Element) -> list[Block]:
        """Return the paragraphs and tables directly in ``container``, in order."""
        blocks: list[Block] = []
        for child in container:
            if child.tag == _P:
                blocks.extend(self._read_paragraph(child))
            elif child.tag == _TBL:
                blocks.append(self._read_table(child))
            elif child.tag in _TRANSPARENT:
                blocks.extend(self.read_blocks(child))
            elif child.tag == _W + "altChunk":
                self.warn(
                    "docx.embedded_content_skipped",
                    "an embedded HTML/RTF chunk (altChunk) was left out",
                )
        return blocks

    # -- paragraphs --

    def _read_paragraph(self, element: _Element) -> list[Block]:
        """Return the paragraph (unless it has no text) and the blocks of its text boxes."""
        props = _child(element, "pPr")
        style_id = _value(props, "pStyle") or self._styles.default_paragraph_style
        page_break_before = _flag(props, "pageBreakBefore")
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
        outline_level = _int_value(props, "outlineLvl")
        if (
            self._styles.is_heading(style_id)
            if outline_level is None
            else outline_level < _BODY_TEXT_OUTLINE_LEVEL
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
                )
            )
        for box in self._text_boxes(element):
            blocks.extend(self.read_blocks(box))
        return blocks

    def _automatic_label(
        self, props: _Element | None, style_id: str | None
    ) -> tuple[str | None, int]:
        """Return the label Word's numbering prints before the paragraph, and its level."""
        num_props = _child(props, "numPr")
        num_id = _value(num_props, "numId")
        if num_id is None:
            num_id = self._styles.inherited(style_id, lambda s: s.num_id)
        level = _int_value(num_props, "ilvl")
        if level is None:
            level = self._styles.inherited(style_id, lambda s: s.num_level) or 0
        level = min(max(level, 0), _MAX_LEVELS - 1)
        if num_id is None or num_id == "0":  # -- numId 0 switches a style's numbering off --
            return None, 0
        label = self._numbering.label(num_id, level)
        if label is None:
            self.warn(
                "docx.numbering_undefined",
                f"list {num_id} level {level} has no numbering definition; label left out",
            )
        return label or None, level

    def _collect_text(self, element: _Element, sink: _TextSink, symbol_font: str | None) -> None:
        """Append the visible text under ``element`` to ``sink``, counting page breaks."""
        for child in element:
            tag = child.tag
            if tag == _R:
                run_props = _child(child, "rPr")
                if not _flag(run_props, "vanish"):
                    self._collect_text(child, sink, _symbol_font(run_props))
            elif tag == _T:
                text = child.text or ""
                if symbol_font is not None:
                    text = _symbol_text(text, symbol_font)
                self._add_text(sink, text)
            elif tag == _W + "sym":
                self._add_text(sink, _symbol_text(_sym_char(child), child.get(_W + "font")))
            elif tag in _SPACES:
                sink.parts.append(" ")
            elif tag in _LINE_BREAKS:
                if child.get(_W + "type") == "page":
                    self.pages.page_break()
                sink.parts.append("\n")
            elif tag == _LAST_RENDERED_BREAK:
                self.pages.page_break()
            elif tag == _W + "noBreakHyphen":
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

    def _text_boxes(self, paragraph: _Element) -> Iterator[_Element]:
        """Yield the outermost text boxes anchored in ``paragraph``, each once.

        Word writes a text box twice (a DrawingML choice and a VML fallback): the fallback
        copy is skipped, and so is a box inside deleted text.
        """
        for box in paragraph.iter(_TXBX_CONTENT):
            ancestor = box.getparent()
            while ancestor is not None and ancestor is not paragraph:
                if ancestor.tag in {_MC + "Fallback", _TXBX_CONTENT, _DEL, _W + "moveFrom"}:
                    break
                ancestor = ancestor.getparent()
            else:
                yield box

    # -- tables --

    def _read_table(self, element: _Element) -> Table:
        """Return the table with merged regions resolved from the XML."""
        grid = _child(element, "tblGrid")
        width = 0 if grid is None else sum(1 for col in grid if col.tag == _W + "gridCol")
        start_page = self.pages.current
        regions: list[_Region] = []
        above: dict[int, _Region] = {}
        row_index = 0
        for row in _table_rows(element):
            row_props = _child(row, "trPr")
            column = _clamp(_int_value(row_props, "gridBefore"), 0, _MAX_COLUMNS)
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
            width = max(width, column + _clamp(_int_value(row_props, "gridAfter"), 0, _MAX_COLUMNS))
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
        cell: _Element,
        row_index: int,
        column: int,
        above: dict[int, _Region],
        current: dict[int, _Region],
    ) -> _Region:
        """Read one ``w:tc`` and return the region it starts or continues."""
        props = _child(cell, "tcPr")
        span = _clamp(_int_value(props, "gridSpan"), 1, _MAX_COLUMNS)
        row_start_page = self.pages.current
        paragraphs = list(_flatten(self.read_blocks(cell)))
        vertical = _child(props, "vMerge")
        if vertical is not None and vertical.get(_VAL) in {None, "continue"}:
            region = above.get(column)
            if region is not None and region.col_end == column + span:
                region.row_end = row_index + 1
                region.paragraphs.extend(paragraphs)
                return region
            self.warn(
                "docx.merge_without_start",
                "a vertically merged cell continues no cell above it; read as its own cell",
            )
        horizontal = _child(props, "hMerge")
        left = next(reversed(current.values()), None)
        if (
            horizontal is not None
            and horizontal.get(_VAL) in {None, "continue"}
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


def _sym_char(sym: _Element) -> str:
    """Return the character a ``w:sym`` names by its hexadecimal code (empty if unreadable)."""
    try:
        return chr(int(sym.get(_W + "char") or "", 16))
    except (ValueError, OverflowError):
        return ""


def _symbol_font(run_props: _Element | None) -> str | None:
    """Return the run's font when it is a symbol font (its characters need mapping)."""
    fonts = _child(run_props, "rFonts")
    font = None if fonts is None else fonts.get(_W + "ascii") or fonts.get(_W + "hAnsi")
    return font if font is not None and font.lower() in _SYMBOL_FONTS else None


def _starts_after_page_break(cell: _Element) -> bool:
    """Return whether a rendered or explicit page break comes before the cell's first text."""
    for element in cell.iter(_T, _LAST_RENDERED_BREAK, _W + "br"):
        if element.tag == _T:
            if (element.text or "").strip():
                return False
        elif element.tag == _LAST_RENDERED_BREAK or element.get(_W + "type") == "page":
            return True
    return False


def _table_rows(table: _Element) -> Iterator[_Element]:
    """Yield the table's rows in order, looking through wrappers, without deleted rows."""
    for child in table:
        if child.tag == _TR:
            if _child(_child(child, "trPr"), "del") is None:
                yield child
        elif child.tag in _TRANSPARENT:
            yield from _table_rows(child)


def _row_cells(row: _Element) -> Iterator[_Element]:
    """Yield the row's ``w:tc`` cells in order, looking through wrappers."""
    for child in row:
        if child.tag == _TC:
            yield child
        elif child.tag in _TRANSPARENT:
            yield from _row_cells(child)
