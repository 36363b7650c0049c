from __future__ import annotations

import copy
from typing import Any

import pytest

# The example of ../shared/spec/json-contract.md, with its "…" elisions filled in.
CONTRACT_EXAMPLE: dict[str, Any] = {
    "schema_version": "1",
    "source": {
        "file": "ise-2566.pdf",
        "sha256": "0" * 64,
        "format": "pdf",
        "pages": 9,
        "ocr": False,
    },
    "agency": {
        "name": "องค์การบริหารส่วนตำบลอีเซ",
        "kind": "องค์การบริหารส่วนตำบล",
        "district": "โพธิ์ศรีสุวรรณ",
        "province": "ศรีสะเกษ",
    },
    "fiscal_year": 2566,
    "overall": {"score": 95.51, "result": "ผ่าน", "passed": True, "grade": "AA"},
    "indicators": [{"number": 1, "tool": "IIT", "name": "การปฏิบัติหน้าที่", "score": 97.61, "page": 1}],
    "items": [
        {"code": "i1", "tool": "IIT", "score": 97.8, "page": 2},
        {"code": "O11", "tool": "OIT", "score": 100.0, "page": 3},
    ],
    "topics": [
        {
            "number": 1,
            "title": "กระบวนการปฏิบัติงานที่โปร่งใสและมีประสิทธิภาพ",
            "page": 2,
            "assessments": [
                {
                    "tool": "IIT",
                    "result": "ผ่าน",
                    "items": [{"code": "i1", "score": 97.8, "page": 2}],
                },
                {
                    "tool": "OIT",
                    "result": "ผ่าน",
                    "items": [{"code": "O11", "score": 100.0, "page": 3}],
                },
            ],
        }
    ],
    "recommendations": [
        {
            "codes": ["e1"],
            "text": "หน่วยงานควรระบุทั้งขั้นตอนและระยะเวลา",
            "references": ["O13", "O14"],
            "section": "topic",
            "topic": 1,
            "page": 2,
        }
    ],
    "oit_recommendation": "องค์การบริหารส่วนตำบลอีเซ ได้คะแนน",
    "action_plan": {
        "fiscal_year": 2567,
        "rows": [
            {
                "topic_number": 1,
                "topic": "กระบวนการปฏิบัติงานที่โปร่งใสและมีประสิทธิภาพ",
                "measures": ["จัดทำคู่มือ/แนวทางการปฏิบัติงาน"],
                "responsible": ["กองการเจ้าหน้าที่"],
                "steps": ["จัดทำคู่มือ/แนวทาง", "แจกเวียนให้บุคลากรภายในให้รับทราบ", "เผยแพร่"],
                "timeframe": {"text": "ตุลาคม 2566", "start": "2023-10", "end": None},
                "page": 5,
            }
        ],
    },
    "limitations": [{"category": "บุคลากร", "text": "ผู้บริหาร เจ้าหน้าที่ จำนวนบุคลากร"}],
    "signature": {"name": None, "position": None, "date": None},
    "completeness": None,
    "warnings": [
        {
            "code": "text.foreign_script",
            "message": "foreign script",
            "page": 7,
            "severity": "doubtful",
        }
    ],
}


@pytest.fixture
def contract_example() -> dict[str, Any]:
    """Return a fresh deep copy, so a test may mutate it."""
    return copy.deepcopy(CONTRACT_EXAMPLE)
