"""A signed difference wrapped in a narrow column is one number, as a wrapped score is."""

from __future__ import annotations

from test_pdf_layout import glyphs

from ita_extract.readers.pdf_layout import PdfLine, is_wrapped_number
from ita_extract.readers.pdf_tables import DraftCell, split_borderless_rows


def test_a_wrapped_signed_difference_reads_whole() -> None:
    assert is_wrapped_number(["+17.3", "0"])
    assert is_wrapped_number(["-10.4", "6"])
    # -- two differences, one a row: never one number --
    assert not is_wrapped_number(["+3.90", "-5.79"])


def lines(*texts: str, x: float) -> list[PdfLine]:
    return [PdfLine.of(tuple(glyphs(text, line=index, x=x))) for index, text in enumerate(texts)]


def test_a_name_and_a_difference_both_wrapped_stay_one_row() -> None:
    # -- a drawn row: the indicator's name wraps, and so does its difference, in a column
    # -- too narrow for ``+17.30``; the scores beside them take one line each --
    header = [DraftCell((0.0, 0.0, 100.0, 50.0), lines("ชื่อ", x=5.0))]
    name = DraftCell((0.0, 50.0, 100.0, 200.0), lines("การใช้ทรัพย์สินของ", "ราชการ", x=5.0))
    score = DraftCell((100.0, 50.0, 160.0, 200.0), lines("92.82", x=105.0))
    difference = DraftCell((160.0, 50.0, 200.0, 200.0), lines("+17.3", "0", x=165.0))
    cells = split_borderless_rows([*header, name, score, difference])
    assert len(cells) == 4
