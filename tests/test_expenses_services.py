"""Refusals, bad answers and who may claim: each with its exact message."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile

from senmediation.cases.models import Party
from senmediation.cases.tests.factories import case_make
from senmediation.core.errors import ServiceError
from senmediation.expenses.forms import ClaimForm
from senmediation.expenses.models import ExpenseClaim
from senmediation.expenses.services import expense_claim_decide, expense_claim_draft_save, expense_claim_submit
from senmediation.notifications.models import Message
from senmediation.portal.services.links import party_link_create
from senmediation.reporting.activity import activity_statement
from senmediation.reporting.periods import period_quarter
from senmediation.rules.expenses import ClaimAnswers
from testsupport.fixtures import client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def parent(coordinator: Any) -> Party:
    return case_make(by=coordinator).parties.get(role=Party.Role.PARENT)


def _sent(parent: Party, coordinator: Any, **answers: Any) -> ExpenseClaim:
    link, _ = party_link_create(party=parent, purpose="expenses", by=coordinator)
    expense_claim_draft_save(link=link, answers=ClaimAnswers(**answers), receipts={})
    return expense_claim_submit(link=link)


def test_a_refusal_needs_a_reason_and_tells_the_family_why(parent: Party, coordinator: Any) -> None:
    claim = _sent(parent, coordinator, taxi_pence=2500)
    with pytest.raises(ServiceError, match="Enter why the claim is refused"):
        expense_claim_decide(claim=claim, approve=False, reason="  ", by=coordinator)
    refused = expense_claim_decide(claim=claim, approve=False, reason="There is no receipt for the taxi.",
                                   by=coordinator)
    assert refused.status == "refused"
    assert Message.objects.get(template_key="expenses_decided").body.count(
        "We cannot pay this claim. This is why: There is no receipt for the taxi.") == 1
    with pytest.raises(ServiceError, match="This claim has already been decided."):
        expense_claim_decide(claim=claim, approve=True, reason="", by=coordinator)


def test_only_the_parent_or_young_person_gets_an_expenses_link(parent: Party, coordinator: Any) -> None:
    officer = Party.objects.create(case=parent.case, role=Party.Role.LA_OFFICER, name="Lee Officer")
    with pytest.raises(ServiceError, match=r"Only the parent or the young person can claim expenses"):
        party_link_create(party=officer, purpose="expenses", by=coordinator)


def test_a_file_that_is_not_a_receipt_is_refused_on_its_own_field(parent: Party, coordinator: Any) -> None:
    link, _ = party_link_create(party=parent, purpose="expenses", by=coordinator)
    with pytest.raises(ServiceError, match="The file must be a PNG, JPG or PDF") as refusal:
        expense_claim_draft_save(link=link, answers=ClaimAnswers(taxi_pence=100), receipts={
            "receipt_2": SimpleUploadedFile("x.exe", b"MZ\x90\x00" * 20)})
    assert refusal.value.field == "receipt_2"
    assert not ExpenseClaim.objects.exists()


@pytest.mark.parametrize(("data", "field", "message"), [
    ({}, "public_transport", "Enter at least one cost you are claiming"),
    ({"taxi": "12.345"}, "taxi", "Enter the taxi fares in pounds and pence, like 12.40"),
    ({"lost_earnings": "20000"}, "lost_earnings", "The earnings you lost must be £10,000.00 or less"),
    ({"care_hours": "2.25", "care_people": "1"}, "care_hours", "Enter whole or half hours from 0 to 48, like 3 or 3.5"),
    ({"care_hours": "3"}, "care_people", "Enter how many children or adults the carer looked after"),
    ({"overnight_nights": "1"}, "overnight_place", "Select where you stayed"),
    ({"overnight_cost": "50"}, "overnight_nights", "Enter how many nights you stayed away"),
    ({"miles": "-3"}, "miles", "The miles cannot be less than 0"),
])
def test_each_bad_answer_is_shown_next_to_its_field(client: Any, parent: Party, coordinator: Any,
                                                    data: dict[str, str], field: str, message: str) -> None:
    _, path = party_link_create(party=parent, purpose="expenses", by=coordinator)
    response = client.post(path, data)
    assert response.status_code == 400
    assert response.context["form"].errors[field] == [message]


def test_the_form_reads_pounds_and_half_hours() -> None:
    form = ClaimForm({"taxi": "£1,200", "care_hours": "2.5", "care_people": "1"})
    assert form.is_valid(), form.errors
    assert form.answers() == ClaimAnswers(taxi_pence=120000, care_hours=Decimal("2.5"), care_people=1)


def test_health_care_only_expenses_are_not_on_the_la_s_statement(coordinator: Any) -> None:
    """The ICB arranges a health-care-only mediation and pays its expenses (reg 35(3), reg 41(1))."""
    with time_machine.travel(dt.datetime(2026, 12, 1, 10, tzinfo=dt.UTC), tick=False):
        parent = case_make(by=coordinator).parties.get(role=Party.Role.PARENT)
        health = case_make(by=coordinator).parties.get(role=Party.Role.PARENT)
        type(health.case).objects.filter(pk=health.case.pk).update(route="health_only")
        health.case.refresh_from_db()
        for who, pence in ((parent, 1000), (health, 3000)):
            expense_claim_decide(claim=_sent(who, coordinator, taxi_pence=pence), approve=True, reason="",
                                 by=coordinator)
        line = activity_statement(local_authority=parent.case.local_authority, period=period_quarter(2026, 4)).lines[-1]
    assert (line.quantity, line.amount) == (1, Decimal("10.00"))


def test_a_mediator_cannot_see_the_claims(parent: Party, mediator: Any) -> None:
    response = client_for(mediator).get(f"/staff/cases/{parent.case.reference}/expenses/")
    assert response.status_code == 403


def test_the_statement_asks_a_fixed_number_of_queries_however_many_claims(coordinator: Any) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = []
    with time_machine.travel(dt.datetime(2026, 12, 1, 10, tzinfo=dt.UTC), tick=False):
        parent = case_make(by=coordinator).parties.get(role=Party.Role.PARENT)
        for _ in range(2):
            with CaptureQueriesContext(connection) as queries:
                activity_statement(local_authority=parent.case.local_authority, period=period_quarter(2026, 4))
            counts.append(len(queries))
            for pence in (100, 200, 300):
                expense_claim_decide(claim=_sent(parent, coordinator, taxi_pence=pence), approve=True, reason="",
                                     by=coordinator)
    # The new case marked December, so its figures are counted live: the marks and buckets read, eleven grouped
    # counts, the claims and the rate card versions.
    assert counts == [15, 15]
    from senmediation.reporting.buckets import rebuild_month

    for month in period_quarter(2026, 4).months():
        rebuild_month(month)
    with CaptureQueriesContext(connection) as queries:
        activity_statement(local_authority=parent.case.local_authority, period=period_quarter(2026, 4))
    assert len(queries) == 4  # built: the marks, the buckets, the claims, the versions
