"""Mutate real fixtures the ways damaged files are damaged: bytes, and a DOCX's XML.

Shared by the fuzz test (a few hundred cases, fixed seeds) and ``benchmarks/fuzz.py`` (as many
as time allows, fresh seeds). Each mutation is named, so a failure can be reproduced from its
seed and name alone.
"""

from __future__ import annotations

import io
import random
import zipfile
from collections.abc import Callable
from pathlib import Path

from lxml import etree

import ita_extract
from ita_extract.errors import ItaExtractError

FIXTURES = Path(__file__).parents[1] / "fixtures"
PDF_FIXTURES = ("ita-2566-obt-a.pdf", "ita-2568-obj-f.pdf", "ita-2566-single-table-c.pdf")
DOCX_FIXTURES = ("ita-2566-obt-a.docx", "ita-2567-tessaban-b.docx", "ita-2568-obj-f.docx")
MAIN_PART = "word/document.xml"

Mutation = Callable[[bytes, random.Random], bytes]


# -- byte mutations: what a bad disk, a cut download or a careless tool does --


def flip_bits(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 16)):
        out[rng.randrange(len(out))] ^= 1 << rng.randrange(8)
    return bytes(out)


def truncate(data: bytes, rng: random.Random) -> bytes:
    return data[: rng.randrange(len(data))]


def drop_chunk(data: bytes, rng: random.Random) -> bytes:
    start = rng.randrange(len(data))
    return data[:start] + data[start + rng.randint(1, 4096) :]


def repeat_chunk(data: bytes, rng: random.Random) -> bytes:
    start = rng.randrange(len(data))
    chunk = data[start : start + rng.randint(1, 4096)]
    at = rng.randrange(len(data))
    return data[:at] + chunk * rng.randint(1, 4) + data[at:]


def overwrite_chunk(data: bytes, rng: random.Random) -> bytes:
    start = rng.randrange(len(data))
    size = rng.randint(1, 512)
    filler = rng.choice([b"\x00", b"\xff", bytes([rng.randrange(256)])]) * size
    return data[:start] + filler + data[start + size :]


def junk_before(data: bytes, rng: random.Random) -> bytes:
    return rng.randbytes(rng.randint(1, 2048)) + data


BYTE_MUTATIONS: dict[str, Mutation] = {
    "flip_bits": flip_bits,
    "truncate": truncate,
    "drop_chunk": drop_chunk,
    "repeat_chunk": repeat_chunk,
    "overwrite_chunk": overwrite_chunk,
    "junk_before": junk_before,
}


# -- XML mutations of a DOCX's main part: what other writers and hand edits produce --

_ODD_VALUES = ("0", "-1", "99999", "", "nan", "๓", "auto", "restart", "continue")
_TEXTS = ("", " ", "๑๒๓", "95.51", "ข้อ i1", "O๑๑", "\u200b", "ก" * 500, "ผ่าน ไม่ผ่าน", "%PDF-1.7")


def _mutate_tree(root: etree._Element, rng: random.Random, kind: str) -> None:
    elements = [element for element in root.iter() if element is not root]
    if not elements:
        return
    target = rng.choice(elements)
    parent = target.getparent()
    if kind == "delete" and parent is not None:
        parent.remove(target)
    elif kind == "duplicate" and parent is not None:
        parent.insert(parent.index(target), etree.fromstring(etree.tostring(target)))
    elif kind == "text":
        texts = [element for element in elements if element.text]
        if texts:
            rng.choice(texts).text = rng.choice(_TEXTS)
    elif kind == "attribute":
        with_attributes = [element for element in elements if element.attrib]
        if with_attributes:
            element = rng.choice(with_attributes)
            element.set(rng.choice(list(element.attrib)), rng.choice(_ODD_VALUES))
    elif kind == "shuffle" and len(target) > 1:
        children = list(target)
        rng.shuffle(children)
        target[:] = children
    elif kind == "move" and parent is not None:
        parent.remove(target)
        rng.choice([element for element in root.iter()] or [root]).append(target)


XML_KINDS = ("delete", "duplicate", "text", "attribute", "shuffle", "move")


def mutate_docx_xml(data: bytes, rng: random.Random) -> bytes:
    """Return the DOCX with its main part's XML mutated a few times (or cut, unparseable)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    xml = parts[MAIN_PART]
    if rng.random() < 0.1:
        parts[MAIN_PART] = xml[: rng.randrange(len(xml))]  # -- broken XML
    else:
        root = etree.fromstring(xml)
        for _ in range(rng.randint(1, 8)):
            _mutate_tree(root, rng, rng.choice(XML_KINDS))
        parts[MAIN_PART] = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def case(seed: int) -> tuple[str, bytes]:
    """Return the name and bytes of fuzz case ``seed``: a fixture and one mutation of it."""
    rng = random.Random(seed)
    if rng.random() < 0.4:
        fixture = rng.choice(DOCX_FIXTURES)
        return f"{fixture} xml", mutate_docx_xml((FIXTURES / fixture).read_bytes(), rng)
    fixture = rng.choice(PDF_FIXTURES + DOCX_FIXTURES)
    name, mutation = rng.choice(sorted(BYTE_MUTATIONS.items()))
    return f"{fixture} {name}", mutation((FIXTURES / fixture).read_bytes(), rng)


def outcome(data: bytes) -> str:
    """Return ``report`` or the typed error's reason; anything else raises, as it should not."""
    try:
        ita_extract.parse(data, ocr="never")
    except ItaExtractError as error:
        return error.reason
    return "report"
