from __future__ import annotations

from pathlib import Path

import pytest
from batch_inputs import build_archive


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    return build_archive(tmp_path / "archive")
