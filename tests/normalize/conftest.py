from __future__ import annotations

import pytest

from ita_extract.normalize.thai import clean_text


@pytest.fixture(autouse=True, scope="session")
def _loaded_dictionary() -> None:
    """Load PyThaiNLP's dictionary once, so Hypothesis deadlines time the rules, not the load."""
    assert clean_text("วิ ธี การ") == "วิธีการ"
