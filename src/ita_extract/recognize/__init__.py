"""Recognition: find an analysis report's sections by their headings and tables by their headers.

Everything here reads the neutral :class:`~ita_extract.document.Document` and the phrase lists
of ``data/vocabulary.toml``; nothing depends on where in the document a part stands.
"""

from ita_extract.recognize.headings import Heading, Section, find_sections
from ita_extract.recognize.layout import Layout, recognize
from ita_extract.recognize.matching import PhraseMatch, best_phrase_at_start, contains_phrase
from ita_extract.recognize.settings import RecognizeSettings
from ita_extract.recognize.tables import RecognizedTable, ScoreColumn
from ita_extract.vocabulary import (
    ColumnRole,
    SectionKind,
    TableKind,
    Vocabulary,
    load_vocabulary,
)

__all__ = [
    "ColumnRole",
    "Heading",
    "Layout",
    "PhraseMatch",
    "RecognizeSettings",
    "RecognizedTable",
    "ScoreColumn",
    "Section",
    "SectionKind",
    "TableKind",
    "Vocabulary",
    "best_phrase_at_start",
    "contains_phrase",
    "find_sections",
    "load_vocabulary",
    "recognize",
]
