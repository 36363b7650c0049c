"""The phrases every ITA report uses, for OCR to put back the tone marks it lost in them.

Tesseract drops a tone mark stacked on an upper vowel now and then (``คะแนนทีได้``,
``การปฏิบัติหน้าที``). The Thai dictionary fixes the words it can tell apart; the phrases of
the vocabulary and the framework's indicator names fix the rest. :func:`ita_extract.parse`
hands them to the reader, which restores them page by page in OCR text only
(:func:`ita_extract.readers.ocr.repairs.restore_phrases`), so headings, table headers and
sentences are recognised by them afterwards.
"""

from __future__ import annotations

from functools import cache

from ita_extract.framework import available_years, get_framework
from ita_extract.vocabulary import load_vocabulary


@cache
def known_phrases() -> tuple[str, ...]:
    """Return every phrase of the vocabulary and every indicator name of the framework."""
    names = [
        name
        for year in available_years()
        if (framework := get_framework(year)) is not None
        for indicator in framework.indicators
        for name in (indicator.name, *indicator.aliases)
    ]
    return tuple(dict.fromkeys([*load_vocabulary().every_phrase(), *names]))
