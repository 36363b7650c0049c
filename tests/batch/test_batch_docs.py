"""The examples of docs/batch.md run as they stand, so the guide cannot drift from the code."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from batch_inputs import FIXTURES

GUIDE = Path(__file__).parents[2] / "docs" / "batch.md"
PYTHON_BLOCK = re.compile(r"```python\n(.*?)```", re.DOTALL)


@pytest.mark.slow
def test_guide_examples_run_in_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # -- the folder the guide describes: two good reports, one broken PDF, one text file --
    archive = tmp_path / "archive"
    archive.mkdir()
    for name in ("ita-2566-obt-a.pdf", "ita-2567-tessaban-b.docx"):
        shutil.copyfile(FIXTURES / name, archive / name)
    (archive / "scan-003.pdf").write_bytes(b"%PDF-1.4\n" + bytes(range(256)) * 4)
    (archive / "readme.txt").write_text("รายงานปี 2566", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    blocks = PYTHON_BLOCK.findall(GUIDE.read_text(encoding="utf-8"))

    namespace: dict[str, object] = {}
    for number, block in enumerate(blocks, start=1):
        exec(compile(block, f"docs/batch.md example {number}", "exec"), namespace)

    printed = capsys.readouterr().out.splitlines()
    assert len(blocks) == 3
    assert printed[:2] == ["2 1 1", "{'corrupt': 1}"]


REASON_ROW = re.compile(r"^\| `([a-z_]+)` \| (failed|skipped) \|", re.MULTILINE)


def test_the_guide_and_help_batch_list_the_same_reasons() -> None:
    from ita_extract.batch.guide import failure_reasons

    documented = dict(REASON_ROW.findall(GUIDE.read_text(encoding="utf-8")))

    assert documented == {reason: status for reason, (status, _) in failure_reasons().items()}


def test_the_guide_lists_every_table() -> None:
    from ita_extract.batch.aggregate import TABLES

    text = GUIDE.read_text(encoding="utf-8")

    for spec in TABLES:
        assert f"`{spec.name}.csv`" in text
