from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest

from senmediation.api.keys import api_key_revoke
from senmediation.api.models import ApiKey, Organisation
from senmediation.audit.models import AuditEntry
from senmediation.cases.tests.factories import case_make
from senmediation.core import clock
from senmediation.documents.services.certificates import certificate_issue
from senmediation.documents.tests.helpers import ISSUED, declined_case

from .helpers import client_with, key_for, la_organisation

pytestmark = pytest.mark.django_db
UNAUTHENTICATED = {"code": "unauthenticated",
                   "message": "Give a valid, unexpired API key: Authorization: Bearer <key>."}
NOT_FOUND = {"code": "not_found", "message": "Nothing here, or nothing this key may see."}


def test_the_key_is_kept_only_as_a_hash(reference_data: None) -> None:
    key, token = key_for(la_organisation())
    stored = ApiKey.objects.get(pk=key.pk)
    assert token.startswith(f"sm_{stored.prefix}_")
    assert token not in json.dumps([stored.key_hash, stored.prefix, stored.name])
    assert len(stored.key_hash) == 64


def test_no_key_a_wrong_key_a_revoked_key_and_an_expired_key_are_refused(reference_data: None) -> None:
    organisation = la_organisation()
    case = case_make()
    url = f"/api/v1/cases/{case.reference}"
    revoked, revoked_token = key_for(organisation)
    api_key_revoke(key=revoked)
    _, expired_token = key_for(organisation, expires_at=clock.now() - dt.timedelta(seconds=1))
    _, good_token = key_for(organisation)
    for client in (client_with("nonsense"), client_with(good_token[:-2] + "xx"), client_with(revoked_token),
                   client_with(expired_token)):
        response = client.get(url)
        assert response.status_code == 401
        assert response.json() == UNAUTHENTICATED
        assert response["WWW-Authenticate"] == "Bearer"
    assert client_with(good_token).get(url).status_code == 200


def test_a_key_without_the_scope_is_refused(reference_data: None) -> None:
    _, token = key_for(la_organisation(), scopes=("referrals:write",))
    response = client_with(token).get(f"/api/v1/cases/{case_make().reference}")
    assert response.status_code == 403
    assert response.json() == {"code": "scope_missing", "message": "This key does not have the cases:read scope."}


def test_an_la_key_reads_its_own_case_and_gets_404_for_another_las(reference_data: None) -> None:
    trafford_case = case_make(today=dt.date(2026, 11, 23))  # Trafford
    _, trafford = key_for(la_organisation("E08000009"))
    _, stockport = key_for(la_organisation("E08000007"))
    response = client_with(trafford).get(f"/api/v1/cases/{trafford_case.reference}")
    assert response.status_code == 200
    body = response.json()
    assert body["reference"] == trafford_case.reference
    assert (body["state"], body["state_label"], body["case_type"]) == (
        trafford_case.state, "Enquiry", "sen_mediation")
    assert body["next_steps"] == [
        {"action": "give_information", "label": "Record that information was given"},
        {"action": "close", "label": "Close: signposted elsewhere"},
        {"action": "withdraw", "label": "Withdraw the case"},
    ]
    assert [d["clock"] for d in body["deadlines"]] == list(
        trafford_case.deadlines.order_by("due_date").values_list("clock", flat=True))
    assert set(body) == {"reference", "local_authority", "case_type", "case_type_label", "state", "state_label",
                         "opened_on", "closed_on", "next_steps", "deadlines"}  # nothing about the family
    assert body["local_authority"] == {"gss_code": "E08000009", "name": "Trafford"}
    for token in (stockport,):
        refused = client_with(token).get(f"/api/v1/cases/{trafford_case.reference}")
        assert refused.status_code == 404
        assert refused.json() == NOT_FOUND
    assert client_with(trafford).get("/api/v1/cases/SM-0000-99999").json() == NOT_FOUND


def test_every_call_is_in_the_audit_log_under_the_key(reference_data: None) -> None:
    key, token = key_for(la_organisation())
    case = case_make()
    client_with(token).get(f"/api/v1/cases/{case.reference}")
    entry = AuditEntry.objects.order_by("-id").first()
    assert entry is not None
    assert (entry.username, entry.path, entry.case_reference, entry.action, entry.status_code) == (
        f"api-key:{key.prefix}", f"/api/v1/cases/{case.reference}", case.reference, "read", 200)


def test_certificates_are_listed_and_downloaded_only_by_the_cases_la(reference_data: None, coordinator: Any) -> None:
    case = declined_case(by=coordinator)
    certificate = certificate_issue(case=case, kind="no_mediation", by=coordinator, today=ISSUED)
    _, trafford = key_for(la_organisation("E08000009"))
    _, stockport = key_for(la_organisation("E08000007"))
    listed = client_with(trafford).get(f"/api/v1/cases/{case.reference}/certificates")
    assert listed.status_code == 200
    url = f"/api/v1/cases/{case.reference}/certificates/{certificate.pk}/pdf"
    assert listed.json() == [{
        "id": certificate.pk, "number": certificate.number, "version": 1, "kind": "no_mediation",
        "kind_label": "Mediation not wanted", "issued_on": ISSUED.isoformat(), "current": True, "download_url": url,
    }]
    download = client_with(trafford).get(url)
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert download.content.startswith(b"%PDF")
    assert client_with(stockport).get(url).status_code == 404
    assert client_with(stockport).get(f"/api/v1/cases/{case.reference}/certificates").status_code == 404


def test_the_rate_limit_answers_429_with_retry_after(reference_data: None, settings: Any) -> None:
    settings.API_RATE_LIMIT_PER_MINUTE = 2
    key, token = key_for(la_organisation())
    _, other = key_for(la_organisation("E08000007"))
    client = client_with(token)
    url = f"/api/v1/cases/{case_make().reference}"
    assert [client.get(url).status_code for _ in range(2)] == [200, 200]
    limited = client.get(url)
    assert limited.status_code == 429
    assert limited.json() == {"code": "rate_limited", "message": "Too many requests for this key: wait and try again."}
    assert 1 <= int(limited["Retry-After"]) <= 60
    assert client_with(other).get(url).status_code == 404  # another key has its own allowance


def test_an_organisation_without_an_la_sees_no_cases(reference_data: None) -> None:
    iass = Organisation.objects.create(name="Trafford SENDIASS", kind=Organisation.Kind.IASS)
    _, token = key_for(iass)
    assert client_with(token).get(f"/api/v1/cases/{case_make().reference}").status_code == 404


def test_the_schema_and_docs_are_public_and_served_from_here(db: None) -> None:
    from django.test import Client

    schema = Client().get("/api/v1/openapi.json")
    assert schema.status_code == 200
    assert schema.json()["components"]["securitySchemes"] == {"KeyAuth": {
        "type": "http", "scheme": "bearer",
        "description": "An API key from the service's manager: Authorization: Bearer sm_..."}}
    docs = Client().get("/api/v1/docs").content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in docs and "cdn" not in docs
