"""The generator finds each record's page in the PDF's text, never the parser's."""

from __future__ import annotations

from dataclasses import replace

from tests.fixtures.generator.content import PlanRow, PlanTopic
from tests.fixtures.generator.expected import PdfText, _Builder, _Locator
from tests.fixtures.generator.variation import draw


def test_a_plan_row_opening_with_an_earlier_rows_measure_gets_its_own_page() -> None:
    drawn = draw(84100, fixed={"family": "per_topic", "missing": "none"})
    content, style = drawn.content, drawn.style
    assert content.plan_heading is not None
    first, second = content.plan[0], content.plan[1]
    shared = first.rows[0].measures[-1]
    own = replace(second.rows[0], measures=(shared, "ประกาศเจตนารมณ์การต่อต้านการทุจริต"))
    plan = (
        replace(first, rows=first.rows[:1]),
        PlanTopic(second.number, second.title, (own,)),
    )
    content = replace(content, plan=plan)
    # -- one plan row a page: page 1 the heading and topic 1's row, page 2 topic 2's row --
    pages = [
        " ".join((content.plan_heading, first.title, *first.rows[0].measures)),
        " ".join((second.title, *own.measures)),
    ]
    action_plan = _Builder(content, style, _Locator(PdfText.of_pages(pages))).action_plan()
    assert action_plan is not None
    assert [row.page for row in action_plan.rows] == [1, 2]


def test_rows_are_still_found_in_document_order() -> None:
    drawn = draw(84101, fixed={"family": "per_topic", "missing": "none"})
    content = drawn.content
    assert content.plan_heading is not None
    rows: list[PlanRow] = [row for topic in content.plan for row in topic.rows]
    pages = [content.plan_heading, *(" ".join(row.measures) for row in rows)]
    action_plan = _Builder(content, drawn.style, _Locator(PdfText.of_pages(pages))).action_plan()
    assert action_plan is not None
    assert [row.page for row in action_plan.rows] == list(range(2, len(rows) + 2))
