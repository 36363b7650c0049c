"""Tell which assessment tool a table cell names (``IIT``, ``แบบวัด…ภายนอก (EIT)``)."""

from __future__ import annotations

from ita_extract.normalize.thai import match_key
from ita_extract.recognize import Vocabulary
from ita_extract.recognize.matching import phrase_key
from ita_extract.report import Tool


def text_to_tool(text: str, vocabulary: Vocabulary) -> Tool | None:
    """Return the one tool ``text`` names, or None if it names none or several."""
    key = match_key(text)
    if not key:
        return None
    named = {
        tool
        for tool, words in vocabulary.tools.items()
        if any(phrase_key(word) in key for word in words)
    }
    return named.pop() if len(named) == 1 else None
