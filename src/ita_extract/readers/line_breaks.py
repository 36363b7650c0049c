"""Where a writer ended a line by hand: the rule the text-layer and OCR readers share.

Word and LibreOffice fill a line while the next word fits, so a line that ended with room to
spare for the next line's first word was ended by hand (a new paragraph, a typed line
break). Each reader measures the room and the word in its own units (points, pixels).
"""

from __future__ import annotations

from ita_extract.normalize.thai import wraps_mid_word


def ended_by_hand(upper: str, lower: str, *, room: float, first_word_width: float) -> bool:
    """Return whether the break between the lines ``upper`` and ``lower`` was typed.

    ``room`` is what the upper line left empty of its column; ``first_word_width`` how wide
    the lower line's first word is (:func:`~ita_extract.normalize.thai.first_word`). A word
    cut by the break (``ปีงบประ`` / ``มาณ``) was wrapped, however much room its start left: a
    narrow column breaks a long word where it must.
    """
    return first_word_width < room and not wraps_mid_word(upper, lower)
