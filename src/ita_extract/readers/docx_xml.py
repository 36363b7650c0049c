"""The WordprocessingML a DOCX reader needs: element type, namespaces, property readers.

Shared by :mod:`ita_extract.readers.docx` (the body walk) and
:mod:`ita_extract.readers.docx_numbering` (styles and list labels).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Protocol


class XmlElement(Protocol):
    """The part of lxml's element interface this reader uses (lxml ships no type stubs)."""

    tag: str
    text: str | None

    def get(self, key: str) -> str | None:
        """Return the attribute ``key``, or None."""

    def find(self, path: str) -> XmlElement | None:
        """Return the first child matching ``path``, or None."""

    def iter(self, *tags: str) -> Iterator[XmlElement]:
        """Yield this element and its descendants with one of ``tags``, in document order."""

    def __iter__(self) -> Iterator[XmlElement]:
        """Yield the element's children."""

    def getparent(self) -> XmlElement | None:
        """Return the parent element, or None at the root."""


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
VAL = W + "val"


def xml_child(element: XmlElement | None, name: str) -> XmlElement | None:
    """Return ``element``'s child ``w:name``, or None (also when ``element`` is None)."""
    return None if element is None else element.find(W + name)


def xml_value(element: XmlElement | None, name: str) -> str | None:
    """Return the ``w:val`` of ``element``'s child ``name``, or ``None`` when it is absent."""
    child = xml_child(element, name)
    return None if child is None else child.get(VAL)


def xml_int_value(element: XmlElement | None, name: str) -> int | None:
    """Return :func:`xml_value` as a whole number, or None when absent or not one."""
    value = xml_value(element, name)
    try:
        return None if value is None else int(value)
    except ValueError:
        return None


def clamp(value: int | None, low: int, high: int) -> int:
    """Return ``value`` within ``[low, high]``; ``low`` when it is absent."""
    return low if value is None else min(max(value, low), high)


def xml_flag(element: XmlElement | None, name: str) -> bool | None:
    """Return an OOXML on/off property: ``None`` when absent, true unless ``w:val`` is off."""
    child = xml_child(element, name)
    if child is None:
        return None
    return child.get(VAL) not in {"0", "false", "off"}


SYMBOL_FONTS = frozenset({"wingdings", "symbol", "webdings"})
"""Fonts whose characters stand for symbols, not the letters their codes name."""
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


def symbol_text(text: str, font: str | None) -> str:
    """Return ``text`` as a symbol font shows it: Wingdings ``§`` (or U+F0A7) is ``▪``."""
    font_key = (font or "").lower()
    shown = []
    for char in text:
        code = ord(char) - 0xF000 if ord(char) in _PRIVATE_USE_SYMBOLS else ord(char)
        symbol = _SYMBOL_CHARS.get((font_key, code))
        if symbol is None and (font_key in SYMBOL_FONTS or ord(char) in _PRIVATE_USE_SYMBOLS):
            symbol = "•"
        shown.append(symbol or char)
    return "".join(shown)
