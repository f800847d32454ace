from __future__ import annotations

import csv
import datetime as dt
import io
from typing import Any

import pytest

from senmediation.accounts.roles import Role
from senmediation.appeals.models import TribunalAppeal
from senmediation.documents.models import Certificate
from senmediation.reporting.buckets import rebuild_month
from senmediation.reporting.sen2 import sen2_cells, sen2_figures
from senmediation.reporting.suppression import RULE_TEXT
from senmediation.rules.workflow import TRANSITIONS, CaseType, State
from testsupport.fixtures import client_for, user_make

from .helpers import case_row, certificate, event, other_la, trafford

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def year_2025(reference_data: None) -> None:
    boss = user_make("sen2-boss", Role.MANAGER)
    for i in range(7):
        case = case_row(elements=["education", "health"] if i < 2 else ["education"])
        event(case, "mediation_requested", D(2025, 1, 5))
        event(case, "held", D(2025, 2, 5))
        certificate(case, Certificate.Kind.AFTER_MEDIATION, D(2025, 2, 6), by=boss)
    drs = case_row(case_type="disagreement_resolution")
    event(drs, "held", D(2025, 3, 1))  # not SEN mediation: not counted
    late = case_row()
    event(late, "held", D(2024, 12, 31))  # the year before
    event(late, "held", D(2025, 1, 6), from_state="held")  # its outcome, no agreement: not a meeting in 2025
    for _ in range(6):
        certificate(case_row(), Certificate.Kind.NO_MEDIATION, D(2025, 12, 31), by=boss)
    event(case_row(la=other_la()), "held", D(2025, 3, 1))


def test_sen2_counts_sen_mediation_cases_in_the_calendar_year(year_2025: None) -> None:
    figures = {f.label: f.value for f in sen2_figures(local_authority_id=trafford().pk, year=2025)}
    assert figures["Mediations requested"] == 7
    assert figures["Mediations held"] == 7
    assert figures["of which covered education"] == 7
    assert figures["of which covered health care"] == 2
    assert figures["of which covered social care"] == 0
    assert figures["Mediation certificates issued"] == 13
    assert figures["of which the family did not want mediation"] == 6
    assert figures["of which mediation took place"] == 7
    assert all(f.how for f in sen2_figures(local_authority_id=trafford().pk, year=2025))


def test_sen2_suppression_for_commissioners(year_2025: None) -> None:
    figures = sen2_figures(local_authority_id=trafford().pk, year=2025)
    cells = [c.text for c in sen2_cells(figures, suppress=True)]
    assert cells[:6] == ["5", "5", "5", "not shown", "0", "0"]  # 7, 7, 7, 2, 0, 0
    assert cells[6:10] == ["15", "5", "0", "5"]  # 13 certificates: 6 and 7 of two kinds
    assert cells[10:] == ["0", "0"]  # no appeals told of


def test_sen2_page_and_csv_for_the_commissioner(year_2025: None) -> None:
    client = client_for(user_make("sen2-comm", Role.COMMISSIONER, local_authority=trafford()))
    page = client.get("/staff/reports/E08000009/sen2/2025/")
    assert page.status_code == 200 and "How it is counted" in page.content.decode()
    rows = list(csv.reader(io.StringIO(client.get("/staff/reports/E08000009/sen2/2025.csv").content.decode("utf-8-sig"))))
    assert rows[0] == ["Figure", "Number", "How it is counted"]
    assert rows[4][:2] == ["of which covered health care", "not shown"]
    assert rows[-1] == [f"Note: {RULE_TEXT}"]
    assert client.get(f"/staff/reports/{other_la().gss_code}/sen2/2025/").status_code == 404
    assert client.get("/staff/reports/all/sen2/2025/").status_code == 404


def test_only_sen_mediation_cases_are_issued_certificates() -> None:
    """sen2_figures counts certificates without asking each case's type: it relies on this."""
    issuing = [t for t in TRANSITIONS if t.to_state is State.certificate_issued]
    assert issuing and all(t.case_types == frozenset({CaseType.sen_mediation}) for t in issuing)


def _appeal(case: Any, on: dt.date, *, decision: str = "plan_provision", withdrawn_on: dt.date | None = None) -> None:
    TribunalAppeal.objects.create(case=case, local_authority=case.local_authority, registered_on=on, decision=decision,
                                  withdrawn_on=withdrawn_on, via="api", recorded_by_name="API key",
                                  recorded_at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC))


def test_appeals_after_mediation_are_counted_from_what_the_la_told_us(
    reference_data: None, django_assert_num_queries: Any,
) -> None:
    boss = user_make("sen2-appeals", Role.MANAGER)
    for i in range(6):  # a meeting held, then an appeal in 2025 (one about two decisions, one later withdrawn)
        case = case_row()
        event(case, "held", D(2025, 2, 5))
        _appeal(case, D(2025, 3, 1), withdrawn_on=D(2025, 4, 1) if i == 0 else None)
        if i == 1:
            _appeal(case, D(2025, 3, 1), decision="plan_placement")
    for _ in range(2):  # a certificate without a meeting, then an appeal
        case = case_row()
        certificate(case, Certificate.Kind.NO_MEDIATION, D(2025, 5, 1), by=boss)
        _appeal(case, D(2025, 5, 20))
    held_late = case_row()  # the appeal came first: not "after mediation"
    _appeal(held_late, D(2025, 6, 1))
    event(held_late, "held", D(2025, 6, 2))
    _appeal(case_row(), D(2025, 7, 1))  # no meeting, no certificate: not counted
    earlier = case_row()
    event(earlier, "held", D(2024, 11, 1))
    _appeal(earlier, D(2024, 12, 31))  # registered the year before
    other = case_row(la=other_la())
    event(other, "held", D(2025, 2, 5))
    _appeal(other, D(2025, 3, 1))  # another LA's
    same_day = case_row()  # a meeting held the day the appeal was registered counts
    event(same_day, "held", D(2025, 8, 1))
    _appeal(same_day, D(2025, 8, 1))

    la_id = trafford().pk
    for month in range(1, 13):
        rebuild_month(D(2025, month, 1))
    with django_assert_num_queries(3):  # the marks, the year's buckets, the appeals
        figures = {f.label: f.value for f in sen2_figures(local_authority_id=la_id, year=2025)}
    assert figures["Appeals to the Tribunal after mediation or a mediation certificate"] == 9
    assert figures["of which a mediation meeting was held first"] == 7
    cells = [c.text for c in sen2_cells(sen2_figures(local_authority_id=trafford().pk, year=2025), suppress=True)]
    assert cells[10:] == ["10", "5"]  # 9 and 7; the 2 after a certificate alone are protected with them


def test_the_sen2_page_says_the_guide_was_not_read_and_links_to_the_appeals_page(year_2025: None) -> None:
    client = client_for(user_make("sen2-comm2", Role.COMMISSIONER, local_authority=trafford()))
    html = client.get("/staff/reports/E08000009/sen2/2025/").content.decode()
    assert "We could not read the Department&#x27;s guide to the current return" in html
    assert '<a class="govuk-link" href="/staff/reports/E08000009/tribunal-appeals/">Tell us about appeals' in html
    assert "Appeals to the Tribunal after mediation or a mediation certificate" in html
