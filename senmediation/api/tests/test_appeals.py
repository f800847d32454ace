"""POST /cases/{reference}/tribunal-appeal: a local authority's system tells us a family appealed."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from typing import Any

import pytest
import time_machine

from senmediation.api.models import Organisation
from senmediation.appeals.models import TribunalAppeal
from senmediation.audit.models import AuditEntry
from senmediation.cases.models import Case
from senmediation.cases.tests.factories import case_make

from .helpers import client_with, key_for, la_organisation

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 12, 15, 10, tzinfo=dt.UTC)


@pytest.fixture
def case(reference_data: None) -> Iterator[Case]:
    with time_machine.travel(NOW, tick=False):
        yield case_make(today=dt.date(2026, 11, 23))


def _post(token: str, reference: str, body: Any) -> Any:
    response = client_with(token).post(f"/api/v1/cases/{reference}/tribunal-appeal", json.dumps(body),
                                       content_type="application/json")
    return response.status_code, response.json()


BODY = {"registered_on": "2026-12-01", "decision": "plan_provision"}


def test_an_las_key_records_an_appeal_on_its_own_case(case: Case) -> None:
    key, token = key_for(la_organisation(), scopes=("appeals:write",))
    status, body = _post(token, case.reference, BODY)
    assert status == 201
    assert body == {"reference": case.reference, "registered_on": "2026-12-01", "decision": "plan_provision",
                    "decision_label": "The support set out in the plan (section F: special educational provision)",
                    "withdrawn_on": None, "recorded_via": "api", "recorded_at": "2026-12-15T10:00:00Z"}
    appeal = TribunalAppeal.objects.get()
    assert (appeal.via, appeal.recorded_by, appeal.recorded_by_name) == (
        "api", None, f"API key {key.prefix} (Trafford SEN team)")
    entry = AuditEntry.objects.get(path=f"/api/v1/cases/{case.reference}/tribunal-appeal")
    assert (entry.action, entry.case_reference, entry.username, entry.status_code) == (
        "change", case.reference, f"api-key:{key.prefix}", 201)
    # The same again: a retry is safe, and says so.
    status, body = _post(token, case.reference, BODY)
    assert (status, body["code"]) == (409, "already_recorded")
    assert body["errors"] == [{"field": "registered_on", "message": body["message"]}]
    assert TribunalAppeal.objects.count() == 1


def test_without_the_scope_or_from_a_partner_the_key_is_refused(case: Case) -> None:
    _, reader = key_for(la_organisation(), scopes=("cases:read",))
    assert _post(reader, case.reference, BODY) == (
        403, {"code": "scope_missing", "message": "This key does not have the appeals:write scope."})
    iass = Organisation.objects.create(name="Trafford SENDIASS", kind=Organisation.Kind.IASS)
    _, partner = key_for(iass, scopes=("appeals:write",))
    assert _post(partner, case.reference, BODY) == (
        403, {"code": "not_a_local_authority", "message": "Only a local authority's key can tell us about an appeal."})
    assert not TribunalAppeal.objects.exists()


def test_another_las_case_is_not_found_like_a_missing_one(case: Case) -> None:
    _, token = key_for(la_organisation("E08000007"), scopes=("appeals:write",))  # Stockport
    not_found = {"code": "not_found", "message": "Nothing here, or nothing this key may see."}
    assert _post(token, case.reference, BODY) == (404, not_found)
    assert _post(token, "MED-2026-99999", BODY) == (404, not_found)
    assert not TribunalAppeal.objects.exists()


def test_a_date_before_the_case_opened_conflicts_and_bad_bodies_are_422(case: Case) -> None:
    _, token = key_for(la_organisation(), scopes=("appeals:write",))
    status, body = _post(token, case.reference, {**BODY, "registered_on": "2026-11-20"})
    assert (status, body["code"]) == (409, "case_conflict")
    assert body["errors"] == [{"field": "registered_on", "message": "The date the appeal was registered must be on or "
                                                                    f"after 23 November 2026, the day case {case.reference} opened"}]
    for wrong, field in (({**BODY, "registered_on": "2026-12-16"}, "registered_on"),  # tomorrow
                         ({**BODY, "decision": "school_action"}, "decision"),
                         ({"decision": "plan_needs"}, "registered_on"),
                         ({**BODY, "withdrawn_on": "2026-12-10"}, "withdrawn_on")):
        status, body = _post(token, case.reference, wrong)
        assert (status, body["code"]) == (422, "invalid"), wrong
        assert [error["field"] for error in body["errors"]] == [field], body
    assert not TribunalAppeal.objects.exists()
