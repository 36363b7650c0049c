"""Rules on the overall result: its score against the indicators, its grade and pass level."""

from __future__ import annotations

from collections.abc import Iterator

from ita_extract.framework import Fact, Framework
from ita_extract.records.completeness import indicator_scores
from ita_extract.records.overall import read_result
from ita_extract.report import Grade, Report
from ita_extract.validate.findings import Location, Severity
from ita_extract.validate.registry import Issue, RuleContext, framework_rule, rule
from ita_extract.vocabulary import load_vocabulary


@framework_rule("overall.weighted_mean", Severity.ERROR)
def overall_weighted_mean(report: Report, framework: Framework) -> Iterator[Issue]:
    """The overall score is not the weighted mean of the indicator scores.

    Weights of the year: IIT 6% each, EIT 10% each, OIT 20% each (derived for 2563–2564,
    assumed for the other years); the tolerance is 0.01 for rounding.
    """
    stated = report.overall.score
    if stated is None or framework.weights is None:
        return
    computed = framework.mean_mismatch(stated, indicator_scores(report))
    if computed is not None:
        yield Issue(
            f"คะแนนภาพรวม {stated:.2f} ไม่ตรงกับค่าเฉลี่ยถ่วงน้ำหนักของคะแนนรายตัวชี้วัด ({computed:.2f})",
            f"The overall score {stated:.2f} is not the weighted mean of the indicator scores "
            f"({computed:.2f}).",
            Location(section="overall", path="overall.score"),
            unconfirmed=not framework.weights.status.established,
        )


@framework_rule("overall.grade_mismatch", Severity.ERROR)
def overall_grade_mismatch(report: Report, framework: Framework) -> Iterator[Issue]:
    """The stated grade is not the grade of the overall score.

    Grades: AA ≥ 95, A ≥ 85, B ≥ 75, C ≥ 65, D ≥ 55, E ≥ 50, F below (confirmed for 2565).
    """
    overall = report.overall
    if overall.score is None or overall.grade is None:
        return
    expected = framework.grade_for_score(overall.score)
    if overall.grade is not expected:
        yield Issue(
            f"ระดับ {overall.grade} ไม่ตรงกับคะแนน {overall.score:.2f} ซึ่งควรได้ระดับ {expected}",
            f"The grade {overall.grade} does not match the score {overall.score:.2f}, "
            f"which is grade {expected}.",
            Location(section="overall", path="overall.grade"),
            unconfirmed=not framework.grades.status.established,
        )


def _grade_passes(grade: Grade, framework: Framework) -> bool:
    """Return True when every score of ``grade`` reaches the pass mark."""
    lowest = framework.grades.minimum.get(grade, 0.0)
    return framework.passed_for_score(lowest)


@framework_rule("overall.passed_mismatch", Severity.ERROR)
def overall_passed_mismatch(report: Report, framework: Framework) -> Iterator[Issue]:
    """``passed`` disagrees with the overall score, or, without a score, with the grade.

    The pass mark is 85 in every year.
    """
    overall = report.overall
    if overall.passed is None:
        return
    if overall.score is not None:
        expected = framework.passed_for_score(overall.score)
        basis_th, basis_en = f"คะแนน {overall.score:.2f}", f"the score {overall.score:.2f}"
        unconfirmed = not framework.pass_mark.status.established
    elif overall.grade is not None:
        expected = _grade_passes(overall.grade, framework)
        basis_th, basis_en = f"ระดับ {overall.grade}", f"the grade {overall.grade}"
        unconfirmed = not (
            framework.pass_mark.status.established and framework.grades.status.established
        )
    else:
        return
    if overall.passed != expected:
        stated_th = "ผ่าน" if overall.passed else "ไม่ผ่าน"
        stated_en = "passed" if overall.passed else "failed"
        yield Issue(
            f"ระบุว่า{stated_th} ซึ่งขัดกับ{basis_th} (เกณฑ์ผ่าน {framework.pass_mark.score:g})",
            f"The report says {stated_en}, which contradicts {basis_en} "
            f"(pass mark {framework.pass_mark.score:g}).",
            Location(section="overall", path="overall.passed"),
            unconfirmed=unconfirmed,
        )


@framework_rule("overall.result_mismatch", Severity.ERROR)
def overall_result_mismatch(report: Report, framework: Framework) -> Iterator[Issue]:
    """The result in the document's words contradicts the score.

    ``ผ่าน``/``ไม่ผ่าน`` is compared with the pass mark, a grade (``AA``…) with the grade of the
    score; without a score, with the stated ``passed`` and ``grade``.
    """
    overall = report.overall
    reading = read_result(overall.result, load_vocabulary()) if overall.result else None
    if reading is None:
        return
    score = overall.score
    expected_passed = framework.passed_for_score(score) if score is not None else overall.passed
    expected_grade = framework.grade_for_score(score) if score is not None else overall.grade
    fact: Fact
    if reading.passed is not None and expected_passed not in (None, reading.passed):
        fact = framework.pass_mark
    elif reading.grade is not None and expected_grade not in (None, reading.grade):
        fact = framework.grades
    else:
        return
    yield Issue(
        f"ผลการประเมิน '{overall.result}' ขัดกับคะแนนหรือระดับที่ระบุ",
        f"The result '{overall.result}' contradicts the stated score, grade or pass.",
        Location(section="overall", path="overall.result"),
        unconfirmed=not fact.status.established,
    )


@rule("overall.result_unrecognized", Severity.WARNING)
def overall_result_unrecognized(context: RuleContext) -> Iterator[Issue]:
    """The result is neither a pass/fail word nor a grade, so it cannot be checked."""
    result = context.report.overall.result
    if result and read_result(result, load_vocabulary()) is None:
        yield Issue(
            f"ไม่รู้จักผลการประเมิน '{result}' (ควรเป็น ผ่าน ไม่ผ่าน หรือระดับ AA–F)",
            f"The result '{result}' is not recognised (expected ผ่าน, ไม่ผ่าน or a grade AA–F).",
            Location(section="overall", path="overall.result"),
        )
