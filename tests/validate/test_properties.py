from __future__ import annotations

import copy
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ita_extract.framework import get_framework, grade_for_score
from ita_extract.report import Grade
from ita_extract.validate import validate

two_decimals = st.integers(min_value=0, max_value=10_000).map(lambda hundredths: hundredths / 100)
# ita-framework.md §2.1: IIT 6 % each, EIT 10 % each, OIT 20 % each (derived for 2564)
WEIGHTS = [0.06] * 5 + [0.10] * 3 + [0.20] * 2
# _with_scores deep-copies the fixture, so reusing it across examples is safe
REUSED_FIXTURE = [HealthCheck.function_scoped_fixture]


def _with_scores(
    report_data: dict[str, Any], scores: list[float], overall: float
) -> dict[str, Any]:
    data = copy.deepcopy(report_data)
    data["fiscal_year"] = 2564
    data["action_plan"]["fiscal_year"] = 2565
    data["action_plan"]["rows"][0]["timeframe"]["start"] = "2021-10"
    for indicator, score in zip(data["indicators"], scores, strict=True):
        indicator["score"] = score
    data["overall"] = {"score": overall}
    return data


@settings(max_examples=60, deadline=None, suppress_health_check=REUSED_FIXTURE)
@given(scores=st.lists(two_decimals, min_size=10, max_size=10))
def test_a_published_total_rounded_from_the_weights_is_accepted(
    report_data: dict[str, Any], scores: list[float]
) -> None:
    published = round(sum(w * s for w, s in zip(WEIGHTS, scores, strict=True)), 2)

    result = validate(_with_scores(report_data, scores, published))

    assert "overall.weighted_mean" not in {finding.rule for finding in result.findings}


@settings(max_examples=60, deadline=None, suppress_health_check=REUSED_FIXTURE)
@given(
    scores=st.lists(two_decimals, min_size=10, max_size=10),
    shift=st.sampled_from([-1.0, -0.02, 0.02, 0.5]),
)
def test_a_total_off_by_more_than_rounding_is_an_error(
    report_data: dict[str, Any], scores: list[float], shift: float
) -> None:
    exact = sum(w * s for w, s in zip(WEIGHTS, scores, strict=True))
    published = round(exact + shift, 2)
    if not 0 <= published <= 100:
        published = round(exact - shift, 2)

    result = validate(_with_scores(report_data, scores, published))

    assert [f.severity for f in result.findings if f.rule == "overall.weighted_mean"] == ["error"]


@given(low=two_decimals, high=two_decimals)
def test_grades_never_fall_as_scores_rise(low: float, high: float) -> None:
    low, high = sorted((low, high))
    order = list(Grade)

    assert order.index(grade_for_score(high)) <= order.index(grade_for_score(low))


@given(score=two_decimals)
def test_a_score_passes_exactly_when_its_grade_is_a_or_better(score: float) -> None:
    framework = get_framework(2566)
    assert framework is not None

    assert framework.passed_for_score(score) == (grade_for_score(score) in (Grade.AA, Grade.A))
