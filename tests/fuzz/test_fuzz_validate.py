"""Report JSON broken at random places: validate reports it and still runs the rules, never raises.

Validation sets aside what breaks the schema and runs every rule on the rest (issue 18); this
checks that the setting aside holds for damage no one wrote a test for.
"""

from __future__ import annotations

import copy
import json
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ita_extract.validate import SCHEMA_RULE, validate_data
from ita_extract.validate.places import parse_path

REPORT = json.loads(
    (Path(__file__).parents[1] / "fixtures" / "ita-2566-obt-a.pdf.expected.json").read_text(
        encoding="utf-8"
    )
)
ODD_VALUES = (None, "", "x", -1, 0, 1.5, 10**9, [], {}, [1], {"a": 1}, True, "item 1", "2023-13")
CASES = 200


def places(node: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield path
    children = (
        node.items()
        if isinstance(node, dict)
        else enumerate(node)
        if isinstance(node, list)
        else ()
    )
    for key, child in children:
        yield from places(child, (*path, key))


def broken(seed: int) -> dict[str, Any]:
    rng = random.Random(seed)
    data = copy.deepcopy(REPORT)
    for _ in range(rng.randint(1, 6)):
        *parents, last = rng.choice([path for path in places(data) if path])
        container: Any = data
        for key in parents:
            container = container[key]
        if isinstance(container, dict) and rng.random() < 0.2:
            del container[last]
        else:
            container[last] = rng.choice(ODD_VALUES)
    return data


def holds(data: Any, path: str) -> bool:
    node = data
    for part in parse_path(path)[:-1]:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            return False
    return True


def test_broken_report_json_is_reported_and_the_rules_still_run() -> None:
    rules_ran = 0
    for seed in range(CASES):
        data = broken(seed)

        result = validate_data(data)

        for finding in result.findings:
            assert finding.location.path is None or holds(data, finding.location.path), seed
        rules_ran += any(finding.rule != SCHEMA_RULE for finding in result.findings)
    assert rules_ran > CASES // 2
