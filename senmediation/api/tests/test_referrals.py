from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from django.core import mail

from senmediation.api.models import IdempotentReferral, Organisation
from senmediation.cases.models import Case
from senmediation.core import clock

from .helpers import client_with, key_for, la_organisation, referral_body, years_ago

pytestmark = pytest.mark.django_db


@pytest.fixture
def iass(reference_data: None) -> Any:
    organisation = Organisation.objects.create(name="Trafford SENDIASS", kind=Organisation.Kind.IASS)
    _, token = key_for(organisation, scopes=("referrals:write", "cases:read"))
    return client_with(token)


def post(client: Any, body: dict[str, Any], key: str | None = "retry-key-0001") -> Any:
    headers = {"HTTP_IDEMPOTENCY_KEY": key} if key else {}
    return client.post("/api/v1/referrals", json.dumps(body), content_type="application/json", **headers)


def test_a_referral_opens_one_case_and_a_retry_returns_the_first(iass: Any, django_capture_on_commit_callbacks: Any) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        first = post(iass, referral_body())
    assert first.status_code == 201
    reference = first.json()["reference"]
    assert first.json() == {"reference": reference, "created": True}
    sent = len(mail.outbox)
    with django_capture_on_commit_callbacks(execute=True):
        again = post(iass, referral_body())
    assert again.status_code == 200
    assert again.json() == {"reference": reference, "created": False}
    assert Case.objects.count() == 1
    case = Case.objects.get()
    assert (case.reference, case.source, case.referrer_organisation, case.consent_given_by) == (
        reference, "iass", "Trafford SENDIASS", "Ravi Patel")
    assert len(mail.outbox) == sent  # a retry sends nothing
    # The partner can follow the case it referred, and nothing else.
    assert iass.get(f"/api/v1/cases/{reference}").status_code == 200


def test_a_key_reused_with_another_body_is_409_naming_the_fields_that_differ(iass: Any) -> None:
    first = post(iass, referral_body())
    assert first.status_code == 201
    changed = referral_body(summary="Another family altogether",
                            child={"first_name": "Ana", "last_name": "Patel",
                                   "date_of_birth": years_ago(10).isoformat()})
    response = post(iass, changed)
    assert response.status_code == 409
    assert response.json() == {
        "code": "idempotency_key_reused",
        "message": "This Idempotency-Key was used for a referral with different answers. Send the same "
                   "answers to retry it, or use a new key for a new referral.",
        "errors": [{"field": "child.first_name", "message": "Differs from the first request with this key"},
                   {"field": "summary", "message": "Differs from the first request with this key"}],
    }
    assert Case.objects.count() == 1
    # The same body again is still the first case.
    assert post(iass, referral_body()).json() == {"reference": first.json()["reference"], "created": False}


def test_another_key_is_another_referral(iass: Any) -> None:
    assert post(iass, referral_body(), key="first-key-0001").status_code == 201
    assert post(iass, referral_body(), key="second-key-001").status_code == 201
    assert Case.objects.count() == 2
    assert IdempotentReferral.objects.count() == 2


def test_the_idempotency_key_is_required(iass: Any) -> None:
    response = post(iass, referral_body(), key=None)
    assert response.status_code == 422
    assert response.json()["code"] == "invalid"
    assert response.json()["errors"][0]["field"] == "Idempotency-Key"


def test_a_blank_answer_and_an_la_by_anything_but_a_served_gss_code_name_the_field(iass: Any) -> None:
    response = post(iass, referral_body(child={"first_name": " ", "last_name": "Patel",
                                               "date_of_birth": years_ago(10).isoformat()}))
    assert response.status_code == 422
    assert response.json() == {"code": "invalid", "message": "Some of the request is not valid: see errors.",
                               "errors": [{"field": "child.first_name", "message": "Enter the first name"}]}
    for la in (1, "1", "Trafford", "E08000006"):  # an id, a name, and Salford, whom we do not serve
        bad_la = post(iass, referral_body(local_authority=la), key="another-key-01")
        assert bad_la.status_code == 422
        assert [error["field"] for error in bad_la.json()["errors"]] == ["local_authority"]
    assert not Case.objects.exists()


def test_answers_that_do_not_fit_together_are_422_naming_the_field(iass: Any) -> None:
    # Text messages need a mobile number; a certificate is only for an appealable decision.
    response = post(iass, referral_body(contact={"methods": ["text"], "name": "Ravi Patel", "phone": "0161 123 4567"},
                                        topics=["plan_placement"], wants="certificate"))
    assert response.status_code == 422
    assert response.json() == {"code": "invalid", "message": "Some answers do not fit together: see errors.",
                               "errors": [
        {"field": "wants", "message": "A certificate is only for an appealable decision other than the placement"},
        {"field": "contact.phone", "message": "Enter a mobile number starting 07 or +44 7, as text is a contact method"},
    ]}
    assert not Case.objects.exists()


def test_a_wrongly_typed_value_is_422_naming_the_field(iass: Any) -> None:
    response = post(iass, referral_body(decision_date="last Tuesday"))
    assert response.status_code == 422
    assert response.json()["code"] == "invalid"
    assert [error["field"] for error in response.json()["errors"]] == ["decision_date"]


def test_without_the_familys_permission_no_case_is_opened(iass: Any) -> None:
    response = post(iass, referral_body(permission="no"))
    assert response.status_code == 422
    assert [error["field"] for error in response.json()["errors"]] == ["permission"]
    assert not Case.objects.exists()


def test_an_la_key_refers_for_its_own_la_only(reference_data: None) -> None:
    _, token = key_for(la_organisation("E08000007"))  # Stockport
    response = post(client_with(token), referral_body())  # about Trafford's decision
    assert response.status_code == 403
    assert response.json() == {"code": "local_authority_not_yours", "message": (
        "A local authority's key refers families about its own decisions only: give its own GSS code.")}
    assert not Case.objects.exists()


def test_a_key_without_referrals_write_cannot_refer(reference_data: None) -> None:
    _, token = key_for(la_organisation(), scopes=("cases:read",))
    response = post(client_with(token), referral_body())
    assert response.status_code == 403
    assert response.json()["code"] == "scope_missing"


@pytest.mark.parametrize(("changes", "field"), [
    ({"summary": "a\u0000b"}, "summary"),
    ({"child": {"first_name": "S\u0007am", "last_name": "Patel", "date_of_birth": years_ago(10).isoformat()}},
     "child.first_name"),
    ({"contact": {"methods": ["letter"], "name": "Ravi", "phone": "07700 900123", "address": "1\u001b High St"}},
     "contact.address"),
])
def test_control_characters_are_422_naming_the_field(iass: Any, changes: dict[str, Any], field: str) -> None:
    response = post(iass, referral_body(**changes))
    assert response.status_code == 422
    assert response.json() == {
        "code": "invalid", "message": "Some of the request is not valid: see errors.",
        "errors": [{"field": field, "message": "Remove the control characters from this answer"}]}
    assert not Case.objects.exists()


def test_the_case_holds_the_journey_s_cleaned_answers_not_the_raw_body(iass: Any) -> None:
    contact = {"methods": ["phone", "letter"], "name": "  Ravi   Patel ", "phone": "+44 7700 900 123",
               "address": "1 High Street\nSale\nM33 1AA"}
    response = post(iass, referral_body(contact=contact))
    assert response.status_code == 201
    party = Case.objects.get().parties.get(is_main_contact=True)
    assert (party.name, party.phone) == ("Ravi   Patel", "+44 7700 900 123")


def _twenty_fifth_birthday_today() -> dt.date:
    today = clock.today()
    if (today.month, today.day) == (2, 29):  # born on 29 February: 25 on 1 March in a common year
        today = today + dt.timedelta(days=1)
    return today.replace(year=today.year - 25)


def test_someone_25_today_is_refused_naming_the_date_of_birth(iass: Any) -> None:
    # CFA 2014 s.83(2): a young person is under 25.
    response = post(iass, referral_body(child={"first_name": "Sam", "last_name": "Patel",
                                               "date_of_birth": _twenty_fifth_birthday_today().isoformat()}))
    born = _twenty_fifth_birthday_today()
    assert response.status_code == 422
    assert response.json() == {"code": "invalid", "message": "Some of the request is not valid: see errors.",
                               "errors": [{"field": "child.date_of_birth", "message": (
                                   "Give the date of birth of someone under 25 as YYYY-MM-DD, from "
                                   f"{born + dt.timedelta(days=1)} to {clock.today()}")}]}
    assert not Case.objects.exists()


def test_the_day_before_the_25th_birthday_is_accepted(iass: Any) -> None:
    born = _twenty_fifth_birthday_today() + dt.timedelta(days=1)
    response = post(iass, referral_body(child={"first_name": "Sam", "last_name": "Patel",
                                               "date_of_birth": born.isoformat()}))
    assert response.status_code == 201
