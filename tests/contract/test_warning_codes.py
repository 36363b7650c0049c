"""The warning registry is the one list of codes: the source emits no other, the docs show it."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from ita_extract.report import WARNING_CODE_PATTERN, Warning
from ita_extract.warning_codes import REGISTRY, WarningCode, WarningSeverity, markdown_table

ROOT = Path(__file__).parents[2]
SOURCE = ROOT / "src" / "ita_extract"
DOCS = ROOT / "docs"
REGISTRY_MODULE = SOURCE / "warning_codes.py"
_CODE_CELL = re.compile(r"\| `([a-z_]+\.[a-z_]+)` \|")


def _warning_table_codes(text: str) -> list[str]:
    """Return the codes in the first column of the doc's tables headed ``| Code |``."""
    codes: list[str] = []
    in_table = False
    for line in text.splitlines():
        if not line.startswith("|"):
            in_table = False
        elif line.lower().startswith("| code |"):
            in_table = True
        elif in_table and (cell := _CODE_CELL.match(line)):
            codes.append(cell[1])
    return codes


def test_every_code_is_registered_once_with_a_severity_and_a_meaning() -> None:
    assert set(REGISTRY) == set(WarningCode)
    for code, info in REGISTRY.items():
        assert re.fullmatch(WARNING_CODE_PATTERN, code.value)
        assert isinstance(info.severity, WarningSeverity)
        assert info.meaning.endswith(".")


def test_a_warning_gets_its_codes_severity() -> None:
    warning = Warning(code=WarningCode.NUMBER_UNREADABLE, message="cell '8x.91'")
    assert warning.severity is WarningSeverity.DOUBTFUL
    assert warning.model_dump(mode="json")["code"] == "number.unreadable"
    assert Warning(code="other.code", message="m").severity is None


def test_docs_table_is_the_registry() -> None:
    text = (DOCS / "warnings.md").read_text(encoding="utf-8")
    table = text.split("<!-- registry:start -->\n", 1)[1].split("\n<!-- registry:end -->", 1)[0]
    assert table == markdown_table()


@pytest.mark.parametrize("doc", sorted(DOCS.glob("*.md")), ids=lambda path: path.name)
def test_warning_tables_elsewhere_in_the_docs_name_registered_codes(doc: Path) -> None:
    named = _warning_table_codes(doc.read_text(encoding="utf-8"))
    assert [code for code in named if code not in REGISTRY] == []


def _string_codes(tree: ast.AST) -> list[tuple[int, str]]:
    """Return the string constants of ``tree`` that spell a registered code."""
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and node.value in set(WarningCode)
    ]


def _code_arguments(tree: ast.AST) -> list[tuple[int, ast.expr]]:
    """Return the code each ``Warning(code=…)`` and ``….warn(code, …)`` call passes."""
    found: list[tuple[int, ast.expr]] = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = node.func.id if isinstance(node.func, ast.Name) else None
        method = node.func.attr if isinstance(node.func, ast.Attribute) else None
        if name == "Warning":
            found += [(node.lineno, kw.value) for kw in node.keywords if kw.arg == "code"]
        elif method == "warn" and node.args:
            found.append((node.lineno, node.args[0]))
    return found


@pytest.mark.parametrize(
    "module",
    [path for path in sorted(SOURCE.rglob("*.py")) if path != REGISTRY_MODULE],
    ids=lambda path: str(path.relative_to(SOURCE)),
)
def test_emitters_use_registered_codes_only(module: Path) -> None:
    tree = ast.parse(module.read_text(encoding="utf-8"))
    # -- no code written as a bare string: the next one typed so would be a typo away from a
    # -- new, unregistered code; and every call that emits one passes a WarningCode --
    assert _string_codes(tree) == []
    for line, argument in _code_arguments(tree):
        is_member = (
            isinstance(argument, ast.Attribute)
            and isinstance(argument.value, ast.Name)
            and argument.value.id == "WarningCode"
        )
        assert is_member or isinstance(argument, ast.Name), (
            f"line {line}: a warning's code must be a WarningCode member"
        )
