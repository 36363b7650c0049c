"""Word's styles and automatic numbering: heading levels, and the label each list item shows.

Word keeps the number of a list item out of its text: ``numbering.xml`` defines each list's
levels (format, start, the label's pattern) and the body names a list and level per
paragraph. This module reads those definitions and counts as Word does, so the DOCX reader can
give each paragraph the label Word prints.
"""

from __future__ import annotations

import re
import string
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TypeVar

from docx.styles import BabelFish

from ita_extract.readers.docx_xml import (
    MC,
    W,
    XmlElement,
    clamp,
    symbol_text,
    xml_child,
    xml_flag,
    xml_int_value,
    xml_value,
)

_Value = TypeVar("_Value")
_HEADING_STYLE = re.compile(r"^(heading [1-9]|title)$", re.IGNORECASE)
BODY_TEXT_OUTLINE_LEVEL = 9
MAX_LEVELS = 9
_MAX_START = 32767
"""Word's limit on a list's start value, so a damaged file cannot ask for a huge label."""
_THAI_DIGITS = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")
_THAI_LETTERS = "กขคงจฉชซฌญฎฏฐฑฒณดตถทธนบปผฝพฟภมยรลวศษสหฬอฮ"
"""Word's ``thaiLetters`` sequence: the consonants without the obsolete ฃ and ฅ."""
_ROMAN = (
    *((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l")),
    *((40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")),
)


@dataclass(frozen=True)
class _Style:
    name: str | None
    based_on: str | None
    num_id: str | None
    num_level: int | None
    outline_level: int | None
    page_break_before: bool | None


class WordStyles:
    """The styles part, with the inheritance (``w:basedOn``) lookups the reader needs."""

    def __init__(self, root: XmlElement) -> None:
        self._styles: dict[str, _Style] = {}
        self.default_paragraph_style: str | None = None
        for style in root.iter(W + "style"):
            style_id = style.get(W + "styleId")
            if style_id is None:
                continue
            props = xml_child(style, "pPr")
            num_props = xml_child(props, "numPr")
            self._styles[style_id] = _Style(
                name=xml_value(style, "name"),
                based_on=xml_value(style, "basedOn"),
                num_id=xml_value(num_props, "numId"),
                num_level=xml_int_value(num_props, "ilvl"),
                outline_level=xml_int_value(props, "outlineLvl"),
                page_break_before=xml_flag(props, "pageBreakBefore"),
            )
            if style.get(W + "type") == "paragraph" and style.get(W + "default") in {"1", "true"}:
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
            or (style.outline_level is not None and style.outline_level < BODY_TEXT_OUTLINE_LEVEL)
            for style in self.chain(style_id)
        )

    def inherited(
        self, style_id: str | None, read: Callable[[_Style], _Value | None]
    ) -> _Value | None:
        """Return the first value ``read`` finds along the style chain that is not ``None``."""
        return next((value for s in self.chain(style_id) if (value := read(s)) is not None), None)


@dataclass(frozen=True)
class _Level:
    start: int
    num_format: str
    text: str
    restart_after: int | None
    """1-based level whose use restarts this one (and any above it); 0 never; None: any above."""
    legal: bool
    font: str | None


def _read_level(element: XmlElement) -> _Level:
    fonts = xml_child(xml_child(element, "rPr"), "rFonts")
    return _Level(
        start=clamp(xml_int_value(element, "start"), 0, _MAX_START),
        # -- Word 2010+ writes custom formats (01, 02…) in mc:AlternateContent with a plain
        # -- fallback format beside it --
        num_format=xml_value(element, "numFmt")
        or xml_value(element.find(f"{MC}AlternateContent/{MC}Fallback"), "numFmt")
        or "decimal",
        text=xml_value(element, "lvlText") or "",
        restart_after=xml_int_value(element, "lvlRestart"),
        legal=bool(xml_flag(element, "isLgl")),
        font=None if fonts is None else fonts.get(W + "ascii") or fonts.get(W + "hAnsi"),
    )


def _read_levels(element: XmlElement) -> dict[int, _Level]:
    levels: dict[int, _Level] = {}
    for level in element.iter(W + "lvl"):
        index = level.get(W + "ilvl")
        if index is not None and index.isdigit() and int(index) < MAX_LEVELS:
            levels[int(index)] = _read_level(level)
    return levels


@dataclass
class _List:
    """One numbering instance (``w:num``) with its levels resolved."""

    counter_key: str
    levels: dict[int, _Level]


class WordNumbering:
    """The numbering part, rendering the label Word would print for each numbered paragraph."""

    def __init__(self, root: XmlElement, styles: WordStyles) -> None:
        self._styles = styles
        self._abstract_levels: dict[str, dict[int, _Level]] = {}
        self._style_links: dict[str, str] = {}
        for abstract in root.iter(W + "abstractNum"):
            abstract_id = abstract.get(W + "abstractNumId")
            if abstract_id is not None:
                self._abstract_levels[abstract_id] = _read_levels(abstract)
                link = xml_value(abstract, "numStyleLink")
                if link is not None:
                    self._style_links[abstract_id] = link
        self._nums = {
            num_id: num for num in root.iter(W + "num") if (num_id := num.get(W + "numId"))
        }
        self._counters: dict[str, list[int | None]] = {}

    def label(self, num_id: str, level: int) -> str | None:
        """Count one paragraph of list ``num_id`` at ``level`` and return its label.

        Returns ``None`` when the list or level is not defined.
        """
        numbered = self._resolve(num_id)
        if numbered is None or level not in numbered.levels:
            return None
        counters = self._counters.setdefault(numbered.counter_key, [None] * MAX_LEVELS)
        definition = numbered.levels[level]
        current = counters[level]
        counters[level] = definition.start if current is None else current + 1
        for deeper in range(level + 1, MAX_LEVELS):
            deeper_level = numbered.levels.get(deeper)
            restart_after = None if deeper_level is None else deeper_level.restart_after
            if level < (deeper if restart_after is None else restart_after):
                counters[deeper] = None
        return _render_label(definition, counters, numbered.levels)

    def _resolve(self, num_id: str, hops: int = 0) -> _List | None:
        num = self._nums.get(num_id)
        abstract_id = xml_value(num, "abstractNumId")
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
        for override in num.iter(W + "lvlOverride"):
            index = override.get(W + "ilvl")
            if index is None or not index.isdigit() or int(index) not in range(MAX_LEVELS):
                continue
            overridden = True
            replacement = xml_child(override, "lvl")
            base = _read_level(replacement) if replacement is not None else levels.get(int(index))
            start = xml_int_value(override, "startOverride")
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
        return symbol_text(definition.text, definition.font).strip()

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
