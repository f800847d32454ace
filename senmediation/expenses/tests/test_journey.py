"""The worked example, end to end: a claim at the reg 41 caps, sent through the family's link, approved by the
office, and on Trafford's activity statement as its own line."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from html import unescape
from typing import Any

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile

from senmediation.cases.models import CaseEvent, Party
from senmediation.cases.tests.factories import case_make
from senmediation.expenses.models import ExpenseClaim
from senmediation.notifications.models import Message
from senmediation.portal.models import PartyLink
from senmediation.portal.services.links import party_link_create
from testsupport.fixtures import client_for, pdf_make

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 12, 1, 10, 0, tzinfo=dt.UTC)
Q4 = "period=quarter&year=2026&quarter=4"
CLAIM = {"public_transport": "12.40", "taxi": "£18.00", "miles": "30", "lost_earnings": "80.00",
         "care_hours": "6", "care_people": "2", "overnight_nights": "1", "overnight_place": "elsewhere",
         "overnight_cost": "95"}


@pytest.fixture
def parent(coordinator: Any) -> Party:
    with time_machine.travel(NOW, tick=False):
        case = case_make(by=coordinator)
    return case.parties.get(role=Party.Role.PARENT)


def _text(response: Any) -> str:
    html = re.sub(r"</?strong>", "", response.content.decode())
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))


def test_a_claim_at_the_caps_is_sent_approved_and_recharged(client: Any, parent: Party, coordinator: Any,
                                                            manager: Any) -> None:
    office = client_for(coordinator)
    with time_machine.travel(NOW, tick=False):
        sent = office.post(f"/staff/notifications/cases/{parent.case.reference}/links/",
                           {"party": parent.pk, "purpose": "expenses"})
        assert sent.status_code == 302
        link = PartyLink.objects.get(party=parent, purpose="expenses")
        assert link.expires_at == NOW + dt.timedelta(days=28)
        _, path = party_link_create(party=parent, purpose="expenses", by=coordinator)  # the family's copy

        # The case is still open, so the link opens the family's case page with the claim on it as a task.
        assert "Please claim your expenses for coming to mediation." in client.get(path).content.decode()
        form = client.get(f"{path}task/")
        assert form.status_code == 200 and "<h1 class=\"govuk-heading-l\">Claim your expenses</h1>" in form.content.decode()
        receipt = SimpleUploadedFile("hotel.pdf", pdf_make(), content_type="application/pdf")
        check = client.post(path, CLAIM | {"receipt_1": receipt})
        assert check.status_code == 302 and check["Location"] == f"{path}check/"
        page = _text(client.get(f"{path}check/"))
        assert "You claimed £277.10. We can pay £218.10." in page
        assert ("Lost earnings We can pay £45.00 The most we can pay for lost earnings is £45.00, so we pay £45.00 "
                "of the £80.00 you lost.") in page
        assert "A registered carer We can pay £64.20 6 hours for 2 children or young people" in page
        assert "Travel by car or motorcycle We can pay £7.50 30 miles at £0.25 a mile." in page
        assert "hotel.pdf" in page
        done = client.post(f"{path}check/")
        assert done.status_code == 302 and done["Location"] == f"{path}thank-you/"
        assert "Claim sent" in client.get(done["Location"]).content.decode()

    claim = ExpenseClaim.objects.get(party=parent)
    assert (claim.status, claim.claimed_pence, claim.payable_pence) == ("submitted", 27710, 21810)
    assert [(line.kind, line.claimed_pence, line.payable_pence) for line in claim.lines.all()] == [
        ("public_transport", 1240, 1240), ("taxi", 1800, 1800), ("mileage", 750, 750),
        ("lost_earnings", 8000, 4500), ("care", 6420, 6420), ("overnight", 9500, 7100)]
    assert claim.receipts.get().mimetype == "application/pdf"

    with time_machine.travel(NOW + dt.timedelta(days=2), tick=False):
        office = client_for(coordinator)  # signed in again: the first session has gone idle
        approved = office.post(f"/staff/cases/{parent.case.reference}/expenses/{claim.pk}/decide/",
                               {f"c{claim.pk}-decision": "approve", f"c{claim.pk}-reason": "Receipts checked"})
    assert approved.status_code == 302 and approved["Location"] == f"/staff/cases/{parent.case.reference}/expenses/"
    claim.refresh_from_db()
    assert (claim.status, claim.decided_by, claim.decision_reason) == ("approved", coordinator, "Receipts checked")
    event = CaseEvent.objects.get(case=parent.case, summary__startswith="Expenses claim")
    assert (event.summary, event.by, event.after) == (
        "Expenses claim from Ravi Patel approved: £218.10 to pay", coordinator,
        {"status": "approved", "payable_pence": 21810})
    told = Message.objects.get(template_key="expenses_decided", party=parent)
    assert "We will pay you £218.10." in told.body
    with time_machine.travel(NOW + dt.timedelta(days=2), tick=False):  # the office's session, still in its day
        page = _text(office.get(f"/staff/cases/{parent.case.reference}/expenses/"))
    assert "Approved by" in page and "Receipts checked" in page

    boss = client_for(manager)
    html = _text(boss.get(f"/staff/reports/E08000009/activity/?{Q4}"))
    assert ("Parents' expenses (SEND Regulations 2014 reg 41) Claims approved in the period, paid at the rates of "
            "reg 41: travel, lost earnings, care, overnight. 1 – no unit price: the amounts paid £218.10") in html
    assert "Total £218.10" in html  # Trafford's residents are not charged for the service; expenses are recharged
    rows = list(csv.reader(io.StringIO(boss.get(f"/staff/reports/E08000009/activity.csv?{Q4}")
                                       .content.decode("utf-8-sig"))))
    assert rows[12] == ["Parents' expenses", "Parents' expenses (SEND Regulations 2014 reg 41)", "",
                        "Claims approved in the period, paid at the rates of reg 41: travel, lost earnings, care, "
                        "overnight.", "1", "", "218.10", ""]
    assert rows[-3:] == [["Chargeable work", "0.00"], ["Parents' expenses", "218.10"], ["Total", "218.10"]]
