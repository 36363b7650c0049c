from __future__ import annotations

import re
from pathlib import Path

from ita_extract.validate import SCHEMA_RULE, registered_rules

DOCS = Path(__file__).parents[2] / "docs" / "validation.md"
RULE_ROW = re.compile(r"^\| `([a-z_]+\.[a-z_]+)` \| (error|warning) \|", re.MULTILINE)


def test_the_rule_table_lists_every_rule_with_its_severity() -> None:
    documented = dict(RULE_ROW.findall(DOCS.read_text(encoding="utf-8")))

    registered = {rule.id: rule.severity.value for rule in registered_rules()}

    assert documented == {**registered, SCHEMA_RULE: "error"}
