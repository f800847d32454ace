from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal
from typing import Any

import pytest
from pypdf import PdfReader

from senmediation.accounts.roles import Role
from senmediation.documents.models import Certificate
from senmediation.reporting.activity import activity_statement
from senmediation.reporting.models import RateCardVersion
from senmediation.reporting.periods import period_quarter
from testsupport.fixtures import client_for, user_make

from .helpers import case_row, certificate, event, other_la, trafford

pytestmark = pytest.mark.django_db
D = dt.date
Q1 = "period=quarter&year=2026&quarter=1"


@pytest.fixture
def paying(reference_data: None) -> Any:
    la = other_la()
    la.free_for_residents = False
    la.save()
    boss = user_make("act-boss", Role.MANAGER)
    for i in range(3):
        case = case_row(la=la, opened_on=D(2026, 1, 5 + i))
        event(case, "held", D(2026, 2, 1))
        certificate(case, Certificate.Kind.AFTER_MEDIATION, D(2026, 2, 3), by=boss)
    event(case_row(la=la, case_type="disagreement_resolution"), "held", D(2026, 3, 1))
    before = case_row(la=la, opened_on=D(2025, 11, 3))
    event(before, "held", D(2025, 12, 15))
    event(before, "held", D(2026, 1, 6), from_state="held")  # no agreement recorded later: not charged again
    case_row(la=la, opened_on=D(2026, 4, 1))  # next quarter
    RateCardVersion.objects.create(local_authority=la, effective_from=D(2025, 1, 1), enquiry=Decimal("25.00"),
                                   certificate=Decimal("40.00"), mediation=Decimal("450.50"),
                                   disagreement_resolution=Decimal("300.00"), purchase_order="PO-123",
                                   created_at=dt.datetime(2025, 1, 1, tzinfo=dt.UTC))
    return la


def test_a_paying_la_is_charged_from_its_rate_card(paying: Any) -> None:
    s = activity_statement(local_authority=paying, period=period_quarter(2026, 1))
    assert [(line.kind, line.item, line.quantity, line.amount) for line in s.lines] == [
        ("chargeable", "Enquiries and referrals", 4, Decimal("100.00")),
        ("chargeable", "Mediation certificates", 3, Decimal("120.00")),
        ("free", "Corrected certificates", 0, Decimal("0.00")),
        ("chargeable", "SEN mediation meetings", 3, Decimal("1351.50")),
        ("chargeable", "Disagreement resolution meetings", 1, Decimal("300.00")),
        ("expenses", "Parents' expenses (SEND Regulations 2014 reg 41)", 0, Decimal("0.00"))]
    assert s.total == Decimal("1871.50") and s.missing_months == []


def test_a_la_whose_residents_are_covered_pays_nothing(reference_data: None) -> None:
    case_row(opened_on=D(2026, 1, 5))
    RateCardVersion.objects.create(local_authority=trafford(), effective_from=D(2026, 1, 1), enquiry=Decimal("25.00"),
                                   created_at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
    s = activity_statement(local_authority=trafford(), period=period_quarter(2026, 1))
    assert s.free_for_residents and s.lines[0].quantity == 1 and s.total == Decimal("0.00")
    assert s.lines[0].kind == "free" and s.lines[0].free_reason == "The service is free for Trafford's residents."


def test_csv_and_pdf_an_la_can_pay_from(paying: Any) -> None:
    client = client_for(user_make("act-boss2", Role.MANAGER))
    rows = list(csv.reader(io.StringIO(client.get(f"/staff/reports/{paying.gss_code}/activity.csv?{Q1}")
                                       .content.decode("utf-8-sig"))))
    assert rows[0] == ["Draft activity statement: not issued"]
    assert rows[3] == ["Purchase order or contract reference", "PO-123"]
    assert rows[7] == ["Chargeable", "Enquiries and referrals", "", "Cases opened: information and advice given.",
                       "4", "25.00", "100.00", ""]
    assert rows[-1] == ["Total", "1871.50"]
    response = client.get(f"/staff/reports/{paying.gss_code}/activity.pdf?{Q1}")
    reader = PdfReader(io.BytesIO(response.content))
    text = " ".join(p.extract_text() for p in reader.pages)
    assert "£1,871.50" in text and "PO-123" in text
    assert "/StructTreeRoot" in reader.trailer["/Root"]


def test_a_manager_adds_prices_and_a_commissioner_cannot(paying: Any) -> None:
    client = client_for(user_make("act-boss3", Role.MANAGER))
    url = f"/staff/reports/{paying.gss_code}/rates/"
    bad = client.post(url, {"month": "13", "year": "1999", "enquiry": "-1", "certificate": "x", "mediation": "1.234",
                            "disagreement_resolution": ""})
    page = bad.content.decode()
    assert bad.status_code == 400 and "<title>Error:" in page
    for message in ("Choose a month from the list", "Enter a year from 2000 to 2100", "Enter an amount of 0 or more",
                    "Enter an amount in pounds, for example 120.00",
                    "Enter an amount in pounds and pence, for example 120.50"):
        assert message in page, message
    ok = client.post(url, {"month": "4", "year": "2026", "enquiry": "30", "certificate": "40", "mediation": "500",
                           "disagreement_resolution": "0", "purchase_order": "PO-9", "vat_note": ""})
    assert ok.status_code == 302
    assert RateCardVersion.objects.filter(local_authority=paying).order_by("effective_from").values_list(
        "effective_from", "enquiry", "purchase_order")[1] == (D(2026, 4, 1), Decimal("30.00"), "PO-9")
    history = client.get(url).content.decode()
    assert "April 2026" in history and "January 2025" in history
    commissioner = client_for(user_make("act-comm", Role.COMMISSIONER, local_authority=paying))
    assert commissioner.get(url).status_code == 403
    assert commissioner.get(f"/staff/reports/{paying.gss_code}/activity/?{Q1}").status_code == 403
