from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

from senmediation.reporting.charts import bar_chart, report_charts
from senmediation.reporting.report_figures import ReportFigures
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
                      events=dict.fromkeys(["mediation_requested", "certificate_requested", "not_arranged",
                                            "withdrawn"], 0) | {"held": 22},
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


def test_protected_counts_are_drawn_rounded_or_not_at_all_and_the_text_says_so() -> None:
    tables = report_tables(_figures(), months=MONTHS, for_commissioner=True)
    trend, outcomes = report_charts(tables)
    assert trend.summary == ("About 30 enquiries and about 20 mediations held in the period; the busiest month for "
                             "enquiries was March 2026 with about 20. Bars show figures rounded to the nearest 5, "
                             'not exact counts. Figures marked "not shown" have no bar.')
    root = ET.fromstring(str(trend.svg))
    bars = [r for r in root.findall(f"{SVG}rect") if r.get("width") != "12"]
    # February's 2 is not shown, so it has no bar; January's 10, March's 18 and its 22 meetings are drawn rounded.
    assert sorted(float(r.get("height")) for r in bars) == [87.0, 174.0, 174.0]  # 10, 20, 20 on a scale to 20
    assert [t.text for t in root.findall(f"{SVG}text")].count("*") == 1
    assert outcomes.summary == ("Of about 20 mediations held with an outcome recorded, about 5 ended in full agreement, "
                                "a number not shown ended in partial agreement, about 10 ended in no agreement. Bars "
                                'show figures rounded to the nearest 5, not exact counts. Figures marked "not shown" '
                                "have no bar.")
    assert outcomes.table_slug == "outcomes"


def test_managers_charts_draw_every_bar() -> None:
    trend, _ = report_charts(report_tables(_figures(), months=MONTHS, for_commissioner=False))
    root = ET.fromstring(str(trend.svg))
    assert len([r for r in root.findall(f"{SVG}rect") if r.get("width") != "12"]) == 4  # zeros are not drawn
