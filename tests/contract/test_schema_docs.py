"""docs/schema.md must explain every field of the contract models."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import BaseModel

from ita_extract import report

SCHEMA_DOC = Path(__file__).parents[2] / "docs" / "schema.md"

CONTRACT_MODELS = [
    value
    for value in vars(report).values()
    if isinstance(value, type)
    and issubclass(value, report.ContractModel)
    and value is not report.ContractModel
]


def test_every_contract_model_is_checked() -> None:
    assert {model.__name__ for model in CONTRACT_MODELS} >= {
        "Report",
        "Source",
        "Agency",
        "Overall",
        "Indicator",
        "Topic",
        "Assessment",
        "Item",
        "Recommendation",
        "ActionPlan",
        "PlanRow",
        "Timeframe",
        "Limitation",
        "Warning",
    }


@pytest.mark.parametrize("model", CONTRACT_MODELS, ids=lambda model: model.__name__)
def test_schema_doc_names_every_field(model: type[BaseModel]) -> None:
    text = SCHEMA_DOC.read_text(encoding="utf-8")

    undocumented = [
        name
        for name in model.model_fields
        if f"`{name}`" not in text and f"].{name}`" not in text and f".{name}`" not in text
    ]
    assert undocumented == []
