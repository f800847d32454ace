"""The staff pages where an LA's commissioner (or a manager) lists and records appeals to the Tribunal."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Any

import pytest
import time_machine
from django.db import connection

from senmediation.accounts.roles import Role
from senmediation.appeals.models import TribunalAppeal
from testsupport.fixtures import client_for, user_make

from .helpers import case_row, other_la, trafford

pytestmark = pytest.mark.django_db
LIST = "/staff/reports/E08000009/tribunal-appeals/"
NEW = LIST + "new/"


@pytest.fixture
def commissioner(reference_data: None) -> Iterator[Any]:
    with time_machine.travel(dt.datetime(2026, 12, 15, 10, tzinfo=dt.UTC), tick=False):
        yield client_for(user_make("comm-appeals", Role.COMMISSIONER, local_authority=trafford()))


def _answers(reference: str, **changes: str) -> dict[str, str]:
    return {"reference": reference, "registered_on_0": "1", "registered_on_1": "12", "registered_on_2": "2026",
            "decision": "plan_provision", "withdrawn_on_0": "", "withdrawn_on_1": "", "withdrawn_on_2": ""} | changes


def _errors(html: str) -> dict[str, str]:
    """Each field's error message as shown beside it."""
    return {m.group(1): m.group(2).strip() for m in re.finditer(
        r'<p id="id_(\w+)-error" class="govuk-error-message"><span class="govuk-visually-hidden">Error:</span>([^<]*)',
        html)}


def test_the_commissioner_records_an_appeal_and_sees_it_listed(commissioner: Any) -> None:
    case = case_row(opened_on=dt.date(2026, 11, 23))
    empty = commissioner.get(LIST).content.decode()
    assert '<h1 class="govuk-heading-l">Appeals to the Tribunal</h1>' in empty
    assert "No appeals have been recorded for Trafford yet." in empty
    form = commissioner.get(NEW)
    assert form.status_code == 200 and "<h1 class=\"govuk-heading-l\">Record an appeal to the Tribunal</h1>" in form.content.decode()
    done = commissioner.post(NEW, _answers(case.reference.lower()), follow=True)
    assert done.redirect_chain == [(LIST, 302)]
    html = done.content.decode()
    assert f"Appeal recorded on case {case.reference}." in html
    assert f'<th scope="row" class="govuk-table__header">{case.reference}</th>' in html
    assert "<td class=\"govuk-table__cell\">1 December 2026</td>" in html
    assert "comm-appeals, staff page, 15 December 2026" in html
    appeal = TribunalAppeal.objects.get()
    assert (appeal.case_id, appeal.via, appeal.recorded_by_name) == (case.pk, "form", "comm-appeals")


@pytest.mark.parametrize(("answers", "field", "message"), [
    ({"reference": "MED-2026-99999"}, "reference",
     "There is no case with this reference for your local authority: check the reference"),
    ({"registered_on_0": "16"}, "registered_on", "The date the appeal was registered must be today or in the past"),
    ({"registered_on_0": "31", "registered_on_1": "2"}, "registered_on",
     "The date the appeal was registered must be a real date"),
    ({"registered_on_0": "20", "registered_on_1": "11"}, "registered_on",
     "The date the appeal was registered must be on or after 23 November 2026, the day case {ref} opened"),
    ({"decision": ""}, "decision", "Choose the decision the appeal is about"),
    ({"reference": ""}, "reference", "Enter the case reference"),
    ({"withdrawn_on_0": "30", "withdrawn_on_1": "11", "withdrawn_on_2": "2026"}, "withdrawn_on",
     "The date the appeal was withdrawn must be on or after the date it was registered"),
])
def test_each_mistake_gets_its_own_error_beside_the_field(
    commissioner: Any, answers: dict[str, str], field: str, message: str,
) -> None:
    case = case_row(opened_on=dt.date(2026, 11, 23))
    response = commissioner.post(NEW, _answers(case.reference) | answers)
    assert response.status_code == 400
    html = response.content.decode()
    assert _errors(html) == {field: message.format(ref=case.reference)}
    assert "<title>Error: Record an appeal to the Tribunal" in html
    assert f'href="#id_{field}' in html  # the error summary links to the field
    assert not TribunalAppeal.objects.exists()


def test_another_las_case_reads_as_unknown(commissioner: Any) -> None:
    theirs = case_row(la=other_la(), opened_on=dt.date(2026, 11, 23))
    response = commissioner.post(NEW, _answers(theirs.reference))
    assert response.status_code == 400
    assert _errors(response.content.decode()) == {
        "reference": "There is no case with this reference for your local authority: check the reference"}
    assert not TribunalAppeal.objects.exists()


def test_another_las_pages_and_all_are_not_found(commissioner: Any) -> None:
    code = other_la().gss_code
    for url in (f"/staff/reports/{code}/tribunal-appeals/", f"/staff/reports/{code}/tribunal-appeals/new/",
                "/staff/reports/all/tribunal-appeals/"):
        assert commissioner.get(url).status_code == 404, url


def test_the_list_reads_a_fixed_number_of_queries(commissioner: Any, django_assert_max_num_queries: Any) -> None:
    for n in range(3):
        TribunalAppeal.objects.create(case=case_row(), local_authority=trafford(), registered_on=dt.date(2026, 3, n + 1),
                                      decision="plan_needs", via="api", recorded_by_name="API key", recorded_at=dt.datetime(2026, 3, 5, tzinfo=dt.UTC))
    commissioner.get(LIST)
    # The audit entry takes an advisory lock on PostgreSQL (one more query than on SQLite).
    with django_assert_max_num_queries(11 + (connection.vendor == "postgresql")) as few:
        commissioner.get(LIST)
    for n in range(3, 60):
        TribunalAppeal.objects.create(case=case_row(), local_authority=trafford(), registered_on=dt.date(2026, 4, n % 28 + 1),
                                      decision="plan_needs", via="api", recorded_by_name="API key", recorded_at=dt.datetime(2026, 3, 5, tzinfo=dt.UTC))
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = commissioner.get(LIST).content.decode()
    assert page.count('<tr class="govuk-table__row">\n    <th scope="row"') == 50 and "Older appeals" in page
