"""OCR text gets the lost tone marks of the vocabulary's phrases back; text layers never change."""

from __future__ import annotations

from ita_extract.document import Cell, Document, Paragraph, SourceFormat, Table
from ita_extract.recognize.known_phrases import known_phrases, restore_known_phrases


def document(*, ocr: bool) -> Document:
    sentence = Paragraph(text="คะแนนทีได้ ๙๐.๙๔ คะแนน", page=1)
    cell = Cell(
        row_start=0,
        row_end=1,
        col_start=0,
        col_end=1,
        paragraphs=(Paragraph(text="การปฏิบัติหน้าที", page=2),),
        page=2,
    )
    table = Table(row_count=1, col_count=1, cells=(cell,), page=2)
    return Document(format=SourceFormat.PDF, blocks=(sentence, table), page_count=2, ocr=ocr)


def test_known_phrases_hold_vocabulary_and_indicator_names() -> None:
    phrases = known_phrases()
    assert "คะแนนที่ได้" in phrases
    assert "ประสิทธิภาพการสื่อสาร" in phrases


def test_an_ocr_document_gets_marks_back_in_paragraphs_and_cells_with_warnings() -> None:
    restored = restore_known_phrases(document(ocr=True))
    sentence, table = restored.blocks
    assert isinstance(sentence, Paragraph) and isinstance(table, Table)
    assert sentence.text.startswith("คะแนนที่ได้")
    assert table.cells[0].paragraphs[0].text == "การปฏิบัติหน้าที่"
    assert [(warning.code, warning.page) for warning in restored.warnings] == [
        ("ocr.repaired", 1),
        ("ocr.repaired", 2),
    ]


def test_a_text_layer_is_left_as_it_is() -> None:
    original = document(ocr=False)
    assert restore_known_phrases(original) is original
