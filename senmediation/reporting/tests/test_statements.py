from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal
from typing import Any

import pytest
import time_machine
from pypdf import PdfReader

from senmediation.accounts.roles import Role
from senmediation.audit.models import AuditEntry
from senmediation.core.errors import ServiceError
from senmediation.reporting.activity import activity_statement
from senmediation.reporting.models import ActivityStatement, RateCardVersion
from senmediation.reporting.periods import period_month, period_quarter
from senmediation.reporting.statements import rate_card_version_add, statement_issue
from testsupport.fixtures import client_for, user_make

from .helpers import case_row, event, other_la, trafford

pytestmark = pytest.mark.django_db
D = dt.date
Q1 = period_quarter(2026, 1)
ISSUE_DAY = dt.datetime(2026, 4, 7, 10, tzinfo=dt.UTC)


def _prices(mediation: str, enquiry: str = "20.00") -> dict[str, Decimal]:
    return {"enquiry": Decimal(enquiry), "certificate": Decimal("40.00"), "mediation": Decimal(mediation),
            "disagreement_resolution": Decimal("300.00")}


@pytest.fixture
def paying(reference_data: None) -> Any:
    """Two SEN mediations held in February and one in March 2026; the price of a mediation rises from March."""
    la = other_la()
    la.free_for_residents = False
    la.save()
    boss = user_make("st-boss", Role.MANAGER)
    for day in (D(2026, 2, 3), D(2026, 2, 20), D(2026, 3, 10)):
        event(case_row(la=la, opened_on=D(2026, 1, 15)), "held", day)
    rate_card_version_add(local_authority=la, effective_from=D(2026, 1, 1), prices=_prices("400.00"),
                          purchase_order="PO-2026-1", vat_note="No VAT is charged.", by=boss, ip=None)
    rate_card_version_add(local_authority=la, effective_from=D(2026, 3, 1), prices=_prices("500.00"),
                          purchase_order="PO-2026-2", vat_note="No VAT is charged.", by=boss, ip=None)
    la.boss = boss
    return la


def _issue(la: Any, period: Any = Q1, **kwargs: Any) -> ActivityStatement:
    return statement_issue(local_authority=la, period=period, by=la.boss, ip="203.0.113.9", **kwargs)


def test_each_month_is_priced_with_the_version_in_force(paying: Any) -> None:
    s = activity_statement(local_authority=paying, period=Q1)
    meetings = [(line.months, line.quantity, line.unit_price, line.amount) for line in s.lines
                if line.item == "SEN mediation meetings"]
    assert meetings == [("January to February 2026", 2, Decimal("400.00"), Decimal("800.00")),
                        ("March 2026", 1, Decimal("500.00"), Decimal("500.00"))]
    enquiries = [(line.months, line.quantity) for line in s.lines if line.item == "Enquiries and referrals"]
    assert enquiries == [("January to February 2026", 3), ("March 2026", 0)]
    assert s.chargeable_total == Decimal("1360.00") and s.purchase_order == "PO-2026-2"
    # A month alone is priced with its own version and is one line per item.
    march = activity_statement(local_authority=paying, period=period_month(2026, 3))
    assert [(line.months, line.amount) for line in march.lines if line.item == "SEN mediation meetings"] == [
        ("", Decimal("500.00"))]


def test_a_later_version_from_the_same_month_wins(paying: Any) -> None:
    rate_card_version_add(local_authority=paying, effective_from=D(2026, 3, 1), prices=_prices("450.00"),
                          purchase_order="", vat_note="", by=paying.boss, ip=None)
    s = activity_statement(local_authority=paying, period=period_month(2026, 3))
    assert [line.amount for line in s.lines if line.item == "SEN mediation meetings"] == [Decimal("450.00")]


def test_an_issued_statement_is_a_snapshot_no_new_version_changes(paying: Any) -> None:
    with time_machine.travel(ISSUE_DAY, tick=False):
        issued = _issue(paying)
    before = list(issued.lines.values_list("item", "months", "quantity", "unit_price", "amount", "kind"))
    assert issued.number == "ACT-2026-00001" and issued.total == Decimal("1360.00")
    assert issued.purchase_order == "PO-2026-2" and issued.period_label == Q1.label
    assert ("SEN mediation meetings", "March 2026", 1, Decimal("500.00"), Decimal("500.00"), "chargeable") in before
    rate_card_version_add(local_authority=paying, effective_from=D(2026, 1, 1), prices=_prices("999.00"),
                          purchase_order="PO-NEW", vat_note="", by=paying.boss, ip=None)
    event(case_row(la=paying, opened_on=D(2026, 3, 2)), "held", D(2026, 3, 20))  # recorded late
    issued.refresh_from_db()
    assert list(issued.lines.values_list("item", "months", "quantity", "unit_price", "amount", "kind")) == before
    assert issued.total == Decimal("1360.00") and issued.purchase_order == "PO-2026-2"
    assert activity_statement(local_authority=paying, period=Q1).chargeable_total == Decimal("3078.00")


def test_numbers_are_gap_free_and_start_again_each_year(paying: Any) -> None:
    with time_machine.travel(dt.datetime(2026, 12, 31, 12, tzinfo=dt.UTC), tick=False):
        assert _issue(paying).number == "ACT-2026-00001"
        with pytest.raises(ServiceError, match="ACT-2026-00001 already covers"):
            _issue(paying, period_month(2026, 2))  # inside the quarter already issued: refused, no number used
        assert _issue(paying, period_quarter(2026, 2)).number == "ACT-2026-00002"
    with time_machine.travel(dt.datetime(2027, 1, 4, 12, tzinfo=dt.UTC), tick=False):
        assert _issue(paying, period_quarter(2026, 3)).number == "ACT-2027-00001"
    assert list(ActivityStatement.objects.order_by("id").values_list("number_year", "number_sequence")) == [
        (2026, 1), (2026, 2), (2027, 1)]


def test_a_paying_la_without_prices_for_a_month_cannot_be_issued_a_statement(paying: Any) -> None:
    with pytest.raises(ServiceError, match="no rate card in force in October to December 2025"):
        _issue(paying, period_quarter(2025, 4))
    assert not ActivityStatement.objects.exists()


def test_a_correction_is_a_new_number_naming_the_one_it_replaces(paying: Any) -> None:
    with time_machine.travel(ISSUE_DAY, tick=False):
        first = _issue(paying)
    kept = ActivityStatement.objects.filter(pk=first.pk).values().get()
    event(case_row(la=paying, opened_on=D(2026, 3, 2)), "held", D(2026, 3, 20))
    with pytest.raises(ServiceError, match="Say what the correction puts right"):
        _issue(paying, replaces=first)
    with time_machine.travel(ISSUE_DAY + dt.timedelta(days=1), tick=False):
        second = _issue(paying, replaces=first, reason="A meeting on 20 March was recorded late.")
    assert second.number == "ACT-2026-00002" and second.replaces == first
    assert second.total == Decimal("1880.00")  # one more enquiry at £20 and one more meeting at £500
    first.refresh_from_db()
    assert first.replaced_by == second
    assert ActivityStatement.objects.filter(pk=first.pk).values().get() == kept  # never edited
    with pytest.raises(ServiceError, match="ACT-2026-00001 has already been replaced"):
        _issue(paying, replaces=first, reason="again")
    third = _issue(paying, replaces=second, reason="Checked again.")
    assert [s.number for s in (third.replaces, third.replaces.replaces)] == ["ACT-2026-00002", "ACT-2026-00001"]


def test_issuing_is_audited(paying: Any) -> None:
    issued = _issue(paying)
    entry = AuditEntry.objects.filter(view_name="reporting:statement_issue").get()
    assert entry.user_id == paying.boss.pk and entry.ip == "203.0.113.9" and entry.action == "change"
    assert entry.detail == (f"Activity statement {issued.number} issued: {paying.gss_code}, 2026-01 to 2026-03, "
                            "total 1360.00")
    assert AuditEntry.objects.filter(view_name="reporting:rate_card", detail__contains="from 2026-03").count() == 1


def test_a_manager_issues_from_the_draft_page(paying: Any) -> None:
    client = client_for(paying.boss)
    url = f"/staff/reports/{paying.gss_code}/statements/issue/"
    response = client.post(url, {"period": "quarter", "year": "2026", "quarter": "1"})
    number = ActivityStatement.objects.get().number
    assert response.status_code == 302 and response["Location"] == f"/staff/reports/{paying.gss_code}/statements/{number}/"
    again = client.post(url, {"period": "month", "year": "2026", "month": "3"})
    page = again.content.decode()
    assert again.status_code == 400 and "<title>Error:" in page
    assert f"{number} already covers January to March 2026 (quarter 1)" in page
    missing = client.post(url, {"period": "quarter", "year": "2026", "quarter": ""})
    assert missing.status_code == 400 and "Choose a quarter" in missing.content.decode()
    assert client.get(url).status_code == 405


def _issued_for_commissioner(paying: Any) -> tuple[ActivityStatement, Any]:
    with time_machine.travel(ISSUE_DAY, tick=False):
        issued = _issue(paying)
    return issued, client_for(user_make("st-comm", Role.COMMISSIONER, local_authority=paying))


def test_a_commissioner_lists_and_downloads_their_own_las_statements(paying: Any) -> None:
    issued, client = _issued_for_commissioner(paying)
    base = f"/staff/reports/{paying.gss_code}/statements/"
    listing = client.get(base).content.decode()
    assert issued.number in listing and "£1,360.00" in listing and "7 April 2026" in listing
    assert "In force" in listing and "Correct this statement" not in client.get(f"{base}{issued.number}/").content.decode()
    rows = list(csv.reader(io.StringIO(client.get(f"{base}{issued.number}.csv").content.decode("utf-8-sig"))))
    assert rows[:6] == [["Activity statement", "ACT-2026-00001"], ["Issued on", "07/04/2026"],
                        ["Local authority", paying.name], ["Period", "January to March 2026 (quarter 1)"],
                        ["Purchase order or contract reference", "PO-2026-2"], ["VAT", "No VAT is charged."]]
    assert rows[7] == ["Kind", "Item", "Months", "How it is counted", "Quantity", "Unit price (GBP)", "Amount (GBP)",
                       "Why it is free"]
    assert ["Chargeable", "SEN mediation meetings", "March 2026", "Meetings held, once per case in the period.", "1",
            "500.00", "500.00", ""] in rows
    assert ["Free", "Corrected certificates", "", "Corrected certificates issued.", "0", "0.00", "0.00",
            "A correction of a certificate already issued is not charged again."] in rows
    assert rows[-3:] == [["Chargeable work", "1360.00"], ["Parents' expenses", "0.00"], ["Total", "1360.00"]]
    pdf = client.get(f"{base}{issued.number}.pdf")
    assert pdf["Content-Disposition"] == 'attachment; filename="activity-statement-ACT-2026-00001.pdf"'
    reader = PdfReader(io.BytesIO(pdf.content))
    text = " ".join(p.extract_text() for p in reader.pages)
    assert "Activity statement ACT-2026-00001" in text and "£1,360.00" in text and "PO-2026-2" in text
    assert "/StructTreeRoot" in reader.trailer["/Root"] and reader.metadata.title.startswith(
        "Activity statement ACT-2026-00001")


def test_another_las_statements_are_not_found(paying: Any) -> None:
    issued, _ = _issued_for_commissioner(paying)
    stranger = client_for(user_make("st-trafford", Role.COMMISSIONER, local_authority=trafford()))
    for url in (f"/staff/reports/{paying.gss_code}/statements/", f"/staff/reports/{paying.gss_code}/statements/"
                f"{issued.number}.pdf", f"/staff/reports/E08000009/statements/{issued.number}/",
                "/staff/reports/all/statements/"):
        assert stranger.get(url).status_code == 404, url
    assert issued.number not in stranger.get("/staff/reports/E08000009/statements/").content.decode()
    manager = client_for(paying.boss)
    assert issued.number in manager.get("/staff/reports/all/statements/").content.decode()


def test_a_manager_corrects_from_the_statements_page(paying: Any) -> None:
    issued, commissioner = _issued_for_commissioner(paying)
    client = client_for(paying.boss)
    url = f"/staff/reports/{paying.gss_code}/statements/{issued.number}/correct/"
    blank = client.post(url, {"reason": " "})
    assert blank.status_code == 400 and "Say what the correction puts right" in blank.content.decode()
    done = client.post(url, {"reason": "Wrong prices."})
    new = ActivityStatement.objects.get(replaces=issued)
    assert done.status_code == 302 and done["Location"].endswith(f"/statements/{new.number}/")
    assert client.get(url)["Location"].endswith(f"/statements/{new.number}/")  # the old one is not corrected twice
    listing = commissioner.get(f"/staff/reports/{paying.gss_code}/statements/").content.decode()
    assert f"by {new.number}" in listing and f"Corrects {issued.number}" in listing
    assert commissioner.post(url, {"reason": "x"}).status_code == 403
    assert RateCardVersion.objects.filter(local_authority=paying).count() == 2
