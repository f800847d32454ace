from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

from senmediation.reporting.charts import bar_chart, report_charts
from senmediation.reporting.figures import ReportFigures
from senmediation.reporting.suppression import Cell
from senmediation.reporting.tables import report_tables

SVG = "{http://www.w3.org/2000/svg}"
MONTHS = [dt.date(2026, 1, 1), dt.date(2026, 2, 1), dt.date(2026, 3, 1)]


def _figures() -> ReportFigures:
    f = ReportFigures(enquiries=30, by_source=dict.fromkeys(["parent", "young_person", "la_officer", "iass", "school",
                                                             "other"], 5),
                      by_channel=dict.fromkeys(["online", "phone", "email", "letter"], 0),
                      by_case_type={"sen_mediation": 30, "disagreement_resolution": 0},
                      certificates={"no_mediation": 0, "not_arranged": 0, "after_mediation": 0},
                      events=dict.fromkeys(["mediation_requested", "certificate_requested", "held", "not_arranged",
                                            "withdrawn"], 0),
                      outcomes={"agreement": 7, "partial": 3, "no_agreement": 12},
                      outcomes_by_decision={d: {"agreement": 0, "partial": 0, "no_agreement": 0} for d in [
                          "refuse_assessment", "refuse_plan", "plan_needs", "plan_provision", "plan_placement",
                          "refuse_reassessment", "refuse_amend", "cease_plan", "legacy_statement", "school_action"]},
                      outcomes_by_element={e: {"agreement": 0, "partial": 0, "no_agreement": 0} for e in [
                          "education", "health", "social_care"]},
                      opened_by_month={MONTHS[0]: 10, MONTHS[1]: 2, MONTHS[2]: 18},
                      held_by_month={MONTHS[2]: 22})
    from collections import Counter

    f.step_days = {c: Counter() for c in ["first_call_back", "certificate_no_mediation", "certificate_not_arranged",
                                          "certificate_after_mediation", "mediation_held"]}
    return f


def test_the_chart_is_an_accessible_image_with_title_and_description() -> None:
    svg = bar_chart(slug="c", title="T <1>", desc="D & d", categories=["A", "B"],
                    series=[("S", [Cell(3), Cell(9)])])
    root = ET.fromstring(str(svg))
    assert root.get("role") == "img" and root.get("aria-labelledby") == "c-title c-desc"
    assert root.find(f"{SVG}title").text == "T <1>" and root.find(f"{SVG}desc").text == "D & d"
    assert len(root.findall(f"{SVG}rect")) == 2 + 1  # two bars and one legend key


def test_suppressed_counts_are_not_drawn_and_the_summary_says_fewer_than_5() -> None:
    tables = report_tables(_figures(), months=MONTHS, for_commissioner=True)
    trend, outcomes = report_charts(tables)
    assert trend.summary == ("30 enquiries and 22 mediations held in the period; the busiest month for enquiries "
                             "was March 2026 with 18.")
    root = ET.fromstring(str(trend.svg))
    bars = [r for r in root.findall(f"{SVG}rect") if r.get("width") != "12"]
    # February's 2 is fewer than 5, so January's 10 is hidden too (the total would reveal it): only March drawn.
    assert len(bars) == 2
    assert [t.text for t in root.findall(f"{SVG}text")].count("*") == 2
    assert outcomes.summary == ("Of 22 mediations held with an outcome recorded, a number not shown ended in full agreement, "
                                "fewer than 5 ended in partial agreement, 12 ended in no agreement.")
    assert outcomes.table_slug == "outcomes"


def test_managers_charts_draw_every_bar() -> None:
    trend, _ = report_charts(report_tables(_figures(), months=MONTHS, for_commissioner=False))
    root = ET.fromstring(str(trend.svg))
    assert len([r for r in root.findall(f"{SVG}rect") if r.get("width") != "12"]) == 4  # zeros are not drawn
