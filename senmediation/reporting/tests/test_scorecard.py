"""The commissioner's scorecard: 12 months beside the 12 before and every LA, exact for managers, protected by the
one rule for a commissioner (the same cells as the report page of the same period), and refused to other LAs."""

from __future__ import annotations

import csv
import datetime as dt
import io
from typing import Any

import pytest
import time_machine
from pypdf import PdfReader

from senmediation.accounts.roles import Role
from senmediation.cases.models import Deadline
from senmediation.feedback.models import Complaint, SurveyInvitation, SurveyResponse
from senmediation.feedback.tests.factories import complaint_make
from senmediation.reporting.buckets import report_figures
from senmediation.reporting.periods import period_rolling_12
from senmediation.reporting.scorecard import scorecard_build
from senmediation.reporting.suppression import RULE_TEXT
from senmediation.reporting.tables import published_tables
from senmediation.rules.deadlines import Clock
from testsupport.fixtures import client_for, user_make

from .helpers import case_row, clock, other_la, trafford

pytestmark = pytest.mark.django_db
D = dt.date
PERIOD = period_rolling_12(2026, 10)  # November 2025 to October 2026
TODAY = dt.datetime(2026, 11, 16, 10, tzinfo=dt.UTC)  # the last complete month is October 2026
URL = "/staff/reports/E08000009/scorecard/"


@pytest.fixture
def world(reference_data: None) -> dict[str, Any]:
    """Trafford, the 12 months to October 2026: 14 enquiries; 14 certificates, 8 on time and 6 late (3 the LA's
    fault, 2 our capacity, 1 with no reason); 2 complaints about delays; 9 survey answers (six 5s, three 4s) from
    12 invitations. The 12 before: 3 enquiries. Another LA: 6 enquiries in the same 12 months (all LAs: 20)."""
    cases = [case_row(opened_on=D(2026, 3, 10)) for _ in range(12)]
    for _ in range(3):
        case_row(opened_on=D(2025, 5, 10))
    for _ in range(6):
        case_row(opened_on=D(2026, 4, 10), la=other_la())
    reasons = ["", "la_late", "la_late", "la_late", "our_capacity", "our_capacity"]
    for case in cases[:8]:
        clock(case, Clock.certificate_no_mediation, start=D(2026, 3, 11), due=D(2026, 3, 16), met=D(2026, 3, 13))
    for case, reason in zip(cases[8:] + [case_row(opened_on=D(2026, 3, 10)) for _ in range(2)], reasons, strict=True):
        c = clock(case, Clock.certificate_no_mediation, start=D(2026, 3, 11), due=D(2026, 3, 16), met=D(2026, 3, 20))
        Deadline.objects.filter(pk=c.pk).update(late_reason=reason)
    for _ in range(2):
        complaint = complaint_make(case_reference=cases[0].reference, received_on=D(2026, 5, 4))
        Complaint.objects.filter(pk=complaint.pk).update(theme="delay")
    parent = cases[0].parties.create(role="parent", name="P")
    for i, case in enumerate(cases):
        answered = dt.datetime(2026, 6, 2, tzinfo=dt.UTC) if i < 9 else None
        SurveyInvitation.objects.create(case=case, party=case.parties.create(role="parent", name=f"P{i}"),
                                        sent_at=dt.datetime(2026, 6, 1, tzinfo=dt.UTC), answered_at=answered)
        if answered:
            SurveyResponse.objects.create(source="link", case=case, party=parent, local_authority=trafford(),
                                          submitted_at=answered, satisfaction=5 if i < 6 else 4)
    return {"manager": user_make("sc-boss", Role.MANAGER),
            "commissioner": user_make("sc-comm", Role.COMMISSIONER, local_authority=trafford()),
            "other": user_make("sc-other", Role.COMMISSIONER, local_authority=other_la())}


def _rows(card: Any, slug: str) -> dict[str, list[str]]:
    table = next(t for t in card.tables if t.slug == f"scorecard-{slug}")
    return {row[0]: row[1:] for row in table.csv_rows()[1:]}


def test_the_figures_count_late_steps_by_reason_complaints_by_theme_and_answers_by_score(world) -> None:
    f = report_figures(local_authority_id=trafford().pk, period=PERIOD)
    assert (f.certificate_on_time, f.certificate_late) == (8, 6)
    assert f.certificate_late_by_reason == {"la_late": 3, "family_request": 0, "our_capacity": 2, "other": 0, "": 1}
    assert f.held_late_by_reason == {"la_late": 0, "family_request": 0, "our_capacity": 0, "other": 0, "": 0}
    assert f.complaints_by_theme["delay"] == 2 and sum(f.complaints_by_theme.values()) == 2
    assert f.satisfaction_by_score == {"1": 0, "2": 0, "3": 0, "4": 3, "5": 6}
    assert (f.surveys, f.surveys_sent, f.surveys_sent_answered) == (9, 12, 9)


def test_a_manager_reads_every_count_exactly_with_the_benchmark(world) -> None:
    card = scorecard_build(local_authority_id=trafford().pk, period=PERIOD, for_commissioner=False)
    assert [c.heading for c in card.columns] == ["These 12 months", "The 12 months before",
                                                 "All local authorities (these 12 months)"]
    assert (card.previous.start, card.previous.end) == (D(2024, 11, 1), D(2025, 10, 31))
    assert _rows(card, "enquiries")["Enquiries and referrals"] == ["14", "3", "20"]
    certificates = _rows(card, "certificates")
    assert certificates["Issued within 3 working days"] == ["8", "0", "8"]
    assert certificates["Issued late"] == ["6", "0", "6"]
    assert certificates["Share issued within 3 working days"] == ["57%", "none to count", "57%"]
    assert certificates["Late: the local authority was late"] == ["3", "0", "3"]
    assert certificates["Late: we did not have the capacity"] == ["2", "0", "2"]
    assert certificates["Late: no reason recorded"] == ["1", "0", "1"]
    assert _rows(card, "complaints")["Delays"] == ["2", "0", "2"]
    satisfaction = _rows(card, "satisfaction")
    assert satisfaction["5: very satisfied"] == ["6", "0", "6"]
    assert satisfaction["4: satisfied"] == ["3", "0", "3"]
    assert satisfaction["Survey invitations sent"] == ["12", "0", "12"]
    assert satisfaction["Response rate"] == ["75%", "none to count", "75%"]


def test_a_commissioner_reads_rounded_counts_the_same_as_their_report(world) -> None:
    card = scorecard_build(local_authority_id=trafford().pk, period=PERIOD, for_commissioner=True)
    assert _rows(card, "enquiries")["Enquiries and referrals"] == ["15", "not shown", "20"]
    certificates = _rows(card, "certificates")
    assert certificates["Certificates issued"][0] == "15"
    assert certificates["Late: the local authority was late"][0] == "not shown"
    assert certificates["Late: no reason recorded"][0] == "not shown"
    assert _rows(card, "complaints")["Delays"] == ["not shown", "0", "not shown"]
    satisfaction = _rows(card, "satisfaction")
    assert satisfaction["5: very satisfied"][0] == "5"
    assert satisfaction["4: satisfied"][0] == "not shown"
    assert satisfaction["Response rate"][0] == "not shown"  # 3 unanswered: not shown, so no share
    # The same cells as the report page of the same LA and period (same rule, same neighbouring periods).
    report = {t.slug: t for t in published_tables(local_authority_id=trafford().pk, period=PERIOD,
                                                  for_commissioner=True)}
    timeliness = {row.label: row.cells for row in report["timeliness"].rows}
    on_time, late, total = timeliness["Certificates issued within 3 working days"][:3]
    assert certificates["Issued within 3 working days"][0] == on_time.text  # type: ignore[union-attr]
    assert certificates["Issued late"][0] == late.text  # type: ignore[union-attr]
    assert certificates["Certificates issued"][0] == total.text  # type: ignore[union-attr]


def test_the_pages_scope_csv_and_pdf(world) -> None:
    with time_machine.travel(TODAY, tick=False):
        commissioner, manager = client_for(world["commissioner"]), client_for(world["manager"])
        page = commissioner.get(URL)
        assert page.status_code == 200
        html = page.content.decode()
        assert "<h1 class=\"govuk-heading-l\">Trafford: the 12 months to the end of October 2026</h1>" in html
        assert RULE_TEXT.split(".")[0] in html
        assert client_for(world["other"]).get(URL).status_code == 404
        assert commissioner.get("/staff/reports/all/scorecard/").status_code == 404
        assert manager.get("/staff/reports/all/scorecard/").status_code == 200
        bad = commissioner.get(URL + "?year=1900&month=3")
        assert bad.status_code == 400 and "Enter a year from 2000 to 2100" in bad.content.decode()
        assert commissioner.get(URL + "?year=2026&month=13").status_code == 400
        data = commissioner.get("/staff/reports/E08000009/scorecard.csv?year=2026&month=10")
        assert data.status_code == 200
        rows = list(csv.reader(io.StringIO(data.content.decode("utf-8-sig"))))
        assert ["Enquiries and referrals", "15", "not shown", "20"] in rows
        assert rows[-1] == [f"Note: {RULE_TEXT}"]
        pdf = manager.get("/staff/reports/E08000009/scorecard.pdf?year=2026&month=10")
        assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
        text = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages).split())
        assert "Trafford: mediation scorecard" in text
        report = commissioner.get("/staff/reports/E08000009/?period=quarter&year=2026&quarter=3")
        assert f'href="{URL}?year=2026&amp;month=9"' in report.content.decode()


def test_a_kept_scorecard_is_used_only_while_its_buckets_stand(world) -> None:
    from senmediation.reporting.buckets import rebuild_month
    from senmediation.reporting.scorecard import previous_12_months

    for month in previous_12_months(PERIOD).months() + PERIOD.months():  # a month never built is counted live
        rebuild_month(month)
    first = scorecard_build(local_authority_id=trafford().pk, period=PERIOD, for_commissioner=False)
    again = scorecard_build(local_authority_id=trafford().pk, period=PERIOD, for_commissioner=False)
    assert first.cache_key is not None and again == first
    case_row(opened_on=D(2026, 3, 11))  # marks March 2026: counted live, and nothing kept
    live = scorecard_build(local_authority_id=trafford().pk, period=PERIOD, for_commissioner=False)
    assert live.cache_key is None and _rows(live, "enquiries")["Enquiries and referrals"] == ["15", "3", "21"]
    rebuild_month(D(2026, 3, 1))  # new buckets, a new key
    rebuilt = scorecard_build(local_authority_id=trafford().pk, period=PERIOD, for_commissioner=False)
    assert rebuilt.cache_key not in (None, first.cache_key)
    assert _rows(rebuilt, "enquiries")["Enquiries and referrals"] == ["15", "3", "21"]
