"""The report pages as each role sees them: suppression for commissioners everywhere, names for managers only."""

from __future__ import annotations

import csv
import datetime as dt
import io
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from pypdf import PdfReader

from senmediation.accounts.roles import Role
from senmediation.reporting.suppression import RULE_TEXT
from senmediation.rules.deadlines import Clock
from testsupport.fixtures import client_for, user_make

from .helpers import case_row, clock, other_la, trafford

pytestmark = pytest.mark.django_db
Q1 = "period=quarter&year=2026&quarter=1"
D = dt.date


@pytest.fixture
def world(reference_data: None) -> dict[str, Any]:
    # Trafford, Q1 2026: 3 parent referrals online and 12 by IASS officers on the phone; one certificate
    # late (the child's name must never reach a commissioner).
    for _ in range(3):
        case_row(source="parent", channel="online", opened_on=D(2026, 1, 10))
    for _ in range(12):
        case_row(source="iass", channel="phone", opened_on=D(2026, 2, 10))
    late = case_row(source="parent", channel="letter", opened_on=D(2026, 3, 1), child_first_name="Zebedee")
    clock(late, Clock.certificate_no_mediation, start=D(2026, 3, 2), due=D(2026, 3, 5), met=D(2026, 3, 9))
    case_row(opened_on=D(2026, 1, 10), la=other_la())
    return {
        "manager": client_for(user_make("rep-boss", Role.MANAGER)),
        "commissioner": client_for(user_make("rep-comm", Role.COMMISSIONER, local_authority=trafford())),
        "late": late,
    }


def test_a_commissioner_sees_the_rule_protected_counts_and_no_names(world: dict[str, Any]) -> None:
    page = world["commissioner"].get(f"/staff/reports/E08000009/?{Q1}")
    assert page.status_code == 200
    html = page.content.decode()
    assert "How the figures protect families" in html and "A count from 1 to 4 is not shown." in html
    assert ">not shown<" in html and ">fewer than 5<" not in html and ">hidden<" not in html
    assert world["late"].reference not in html and "Zebedee" not in html
    assert "Late certificates and mediations" not in html


def test_the_page_shows_decision_makers_and_cancellations(world: dict[str, Any]) -> None:
    from senmediation.meetings.models import Attendance, Meeting

    at = dt.datetime(2026, 2, 10, 10, tzinfo=dt.UTC)
    for _ in range(5):
        meeting = Meeting.objects.create(case=case_row(), starts_at=at, status="held")
        Attendance.objects.create(meeting=meeting, name="Lead", role="la_decision_maker", has_authority=True)
    html = world["manager"].get(f"/staff/reports/E08000009/?{Q1}").content.decode()
    assert "Local authority decision-makers at mediation" in html
    assert "With someone from the local authority who had authority to agree to resolve the issues" in html
    assert "Meetings cancelled, by who cancelled them" in html
    assert "SEND Regulations 2014 reg 37(1)" in html


def test_a_commissioner_gets_404_for_another_la_and_for_all(world: dict[str, Any]) -> None:
    other = other_la()
    assert world["commissioner"].get(f"/staff/reports/{other.gss_code}/?{Q1}").status_code == 404
    assert world["commissioner"].get(f"/staff/reports/all/?{Q1}").status_code == 404
    assert world["commissioner"].get(f"/staff/reports/{other.gss_code}/report.pdf?{Q1}").status_code == 404
    assert world["commissioner"].get(f"/staff/reports/NOSUCH/enquiries-by-source.csv?{Q1}").status_code == 404


def _csv(response: Any) -> list[list[str]]:
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_csv_is_suppressed_for_the_commissioner_and_exact_for_the_manager(world: dict[str, Any]) -> None:
    url = f"/staff/reports/E08000009/enquiries-by-source.csv?{Q1}"
    rows = _csv(world["commissioner"].get(url))
    assert rows[0] == ["Who made it", "Cases"]
    assert rows[1:] == [
        ["Self-referral: parent or carer", "not shown"],  # 4
        ["Self-referral: young person", "0"],
        ["Third party: Local authority officer", "0"],
        ["Third party: IASS or SENDIASS officer", "10"],  # 12, rounded to the nearest 5
        ["Third party: School or college", "0"],
        ["Third party: Someone else", "0"],
        ["Total", "15"],  # 16: a total is rounded like any count
        [],
        [f"Note: {RULE_TEXT}"],
    ]
    exact = _csv(world["manager"].get(url))
    assert dict(exact[1:]) == {"Self-referral: parent or carer": "4", "Self-referral: young person": "0",
                               "Third party: Local authority officer": "0",
                               "Third party: IASS or SENDIASS officer": "12", "Third party: School or college": "0",
                               "Third party: Someone else": "0", "Total": "16"}


def test_the_manager_sees_the_late_certificate_with_its_reference(world: dict[str, Any]) -> None:
    html = world["manager"].get(f"/staff/reports/E08000009/late/?{Q1}").content.decode()
    assert world["late"].reference in html
    timeliness = {r[0]: r[1:] for r in _csv(world["manager"].get(
        f"/staff/reports/E08000009/timeliness.csv?{Q1}"))[1:]}
    assert timeliness["Certificates issued within 3 working days"] == ["0", "1", "1", "0%"]
    assert world["manager"].get(f"/staff/reports/all/?{Q1}").status_code == 200


def test_the_pdf_is_tagged_and_suppressed_for_the_commissioner(world: dict[str, Any]) -> None:
    response = world["commissioner"].get(f"/staff/reports/E08000009/report.pdf?{Q1}")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "How the figures protect families." in text and "not shown" in text and "Zebedee" not in text and world["late"].reference not in text
    root = reader.trailer["/Root"]
    assert root["/MarkInfo"]["/Marked"] and "/StructTreeRoot" in root and root["/Lang"] == "en-GB"
    assert reader.metadata is not None and reader.metadata.title.startswith("Report for Trafford")


@pytest.mark.parametrize(("query", "field", "error"), [
    ("period=dates&start=2026-03-01&end=2026-03-31", "period", "Choose a month, a quarter, a year or 12 months"),
    ("period=month&year=2026", "month", "Choose a month"),
    ("period=rolling&year=2026&month=13", "month", "Choose a month from the list"),
    ("period=quarter&year=2026&quarter=", "quarter", "Choose a quarter"),
    ("period=quarter&year=twenty&quarter=1", "year", "Enter a year, for example 2026"),
    ("period=rolling&year=2000&month=6", "year", "Enter a year from 2000 to 2100"),  # would start in 1999
])
def test_a_bad_period_is_a_400_with_the_error_on_its_field(world: dict[str, Any], query: str, field: str,
                                                           error: str) -> None:
    for who in ("manager", "commissioner"):
        response = world[who].get(f"/staff/reports/E08000009/?{query}")
        assert response.status_code == 400
        assert response.context["form"].errors == {field: [error]}


@pytest.mark.parametrize(("query", "heading", "rows"), [
    ("period=month&year=2026&month=2", "Trafford: February 2026", ["February 2026"]),
    (Q1, "Trafford: January to March 2026 (quarter 1)", ["January 2026", "February 2026", "March 2026"]),
    ("period=year&year=2026", "Trafford: 2026 (January to December)", [f"{m} 2026" for m in (
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
        "November", "December")]),
    ("period=rolling&year=2026&month=3", "Trafford: the 12 months to the end of March 2026", [
        f"{m} 2025" for m in ("April", "May", "June", "July", "August", "September", "October", "November",
                              "December")] + ["January 2026", "February 2026", "March 2026"]),
])
def test_each_kind_of_period_for_the_manager_and_the_commissioner(world: dict[str, Any], query: str, heading: str,
                                                                  rows: list[str]) -> None:
    url = f"/staff/reports/E08000009/trend-by-month.csv?{query}"
    for who, february in (("manager", "12"), ("commissioner", "10")):
        page = world[who].get(f"/staff/reports/E08000009/?{query}")
        assert page.status_code == 200
        assert f'<h1 class="govuk-heading-l">{heading}</h1>' in page.content.decode()
        trend = _csv(world[who].get(url))
        assert [r[0] for r in trend[1:len(rows) + 1]] == rows
        assert {r[0]: r[1] for r in trend[1:len(rows) + 1]}["February 2026"] == february


@pytest.mark.parametrize("extra", [0, 25])
def test_the_page_makes_the_same_number_of_queries_at_two_sizes(world: dict[str, Any], extra: int) -> None:
    for _ in range(extra):
        case_row(opened_on=D(2026, 2, 3))
    with CaptureQueriesContext(connection) as queries:
        assert world["commissioner"].get(f"/staff/reports/E08000009/?{Q1}").status_code == 200
    # The session and the audit log (middleware) write on every page; the page's own reads stay within 44
    # (9 for the figures of the quarter and 9 for each of its months, which its counts are protected
    # against, and the page's own few).
    own = [q["sql"] for q in queries.captured_queries
           if not any(word in q["sql"] for word in ("django_session", "audit_auditentry", "SAVEPOINT"))]
    assert len(own) <= 44, "\n".join(sql[:150] for sql in own)
    test_the_page_makes_the_same_number_of_queries_at_two_sizes.counts.add(len(queries))  # type: ignore[attr-defined]
    assert len(test_the_page_makes_the_same_number_of_queries_at_two_sizes.counts) == 1  # type: ignore[attr-defined]


test_the_page_makes_the_same_number_of_queries_at_two_sizes.counts = set()  # type: ignore[attr-defined]


FAR = "period=year&year=9999"
FAR_ERROR = "Enter a year from 2000 to 2100"


@pytest.mark.parametrize("path", ["/staff/reports/E08000009/", "/staff/reports/E08000009/activity/"])
@pytest.mark.parametrize(("query", "error"), [
    (FAR, FAR_ERROR),
    ("period=month&year=1999&month=12", FAR_ERROR),
    ("period=dates&start=2026-09-14&end=2026-09-15", "Choose a month, a quarter, a year or 12 months"),
])
def test_a_date_out_of_range_is_the_page_s_form_error(world: dict[str, Any], path: str, query: str,
                                                      error: str) -> None:
    response = world["manager"].get(f"{path}?{query}")
    assert response.status_code == 400
    assert error in response.content.decode()


@pytest.mark.parametrize("path", ["/staff/reports/E08000009/case-types.csv", "/staff/reports/E08000009/report.pdf",
                                  "/staff/reports/E08000009/activity.csv", "/staff/reports/E08000009/activity.pdf"])
def test_a_date_out_of_range_is_400_for_each_download(world: dict[str, Any], path: str) -> None:
    response = world["manager"].get(f"{path}?{FAR}")
    assert response.status_code == 400
    assert response.content.decode() == "Choose a valid period."


def test_a_sen2_year_out_of_range_is_404(world: dict[str, Any]) -> None:
    assert world["manager"].get("/staff/reports/E08000009/sen2/9999/").status_code == 404
    assert world["manager"].get("/staff/reports/E08000009/sen2/9999.csv").status_code == 404


def test_a_manager_finds_the_late_cases_on_their_own_page(world: dict[str, Any]) -> None:
    report = world["manager"].get(f"/staff/reports/E08000009/?{Q1}").content.decode()
    assert world["late"].reference not in report  # the report stays short; it links to the list
    assert f'href="/staff/reports/E08000009/late/?{Q1.replace("&", "&amp;")}"' in report
    page = world["manager"].get(f"/staff/reports/E08000009/late/?{Q1}")
    assert page.status_code == 200
    html = page.content.decode()
    assert "<h1 class=\"govuk-heading-l\">Trafford: January to March 2026 (quarter 1)</h1>" in html
    assert f">{world['late'].reference}</a>" in html and "Certificates issued late (1)" in html
    assert "Mediations held after 30 days: none." in html
    assert world["commissioner"].get(f"/staff/reports/E08000009/late/?{Q1}").status_code == 403
