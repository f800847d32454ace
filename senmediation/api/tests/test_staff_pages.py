"""Managers manage organisations, API keys and webhook endpoints in the staff pages (/staff/access/api/)."""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import re
from typing import Any

import pytest
import time_machine
from django.test import Client

from senmediation.api.models import ApiKey, Organisation, WebhookDelivery, WebhookEndpoint
from senmediation.audit.models import AuditEntry
from senmediation.directory.models import LocalAuthority

from .helpers import key_for, la_organisation

pytestmark = pytest.mark.django_db
BASE = "/staff/access/api/"
NOW = dt.datetime(2026, 12, 15, 10, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _now() -> Any:
    with time_machine.travel(NOW, tick=False):
        yield


def text(response: Any) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


def errors(response: Any) -> list[str]:
    return [html.unescape(re.sub(r"<[^>]+>", "", error)).replace("Error:", "").strip()
            for error in re.findall(r'<p id="[^"]*-error" class="govuk-error-message">(.*?)</p>',
                                    response.content.decode(), re.S)]


def details() -> list[str]:
    return list(AuditEntry.objects.exclude(detail="").order_by("id").values_list("detail", flat=True))


def test_the_list_shows_each_organisation_with_its_keys_and_endpoints(manager_client: Client) -> None:
    organisation = la_organisation()
    key, _ = key_for(organisation)
    WebhookEndpoint.objects.create(organisation=organisation, url="https://hooks.example.org/sen", secret="whsec_x")
    page = text(manager_client.get(BASE))
    assert "Trafford SEN team" in page and f"sm_{key.prefix}_…" in page and "https://hooks.example.org/sen" in page


def test_a_manager_adds_an_organisation(manager_client: Client) -> None:
    trafford = LocalAuthority.objects.get(gss_code="E08000009")
    response = manager_client.post(f"{BASE}organisations/new/", {
        "name": "Trafford SEN team", "kind": "local_authority", "local_authority": trafford.pk})
    organisation = Organisation.objects.get()
    assert (response.status_code, response["Location"]) == (302, f"{BASE}organisations/{organisation.pk}/")
    assert (organisation.kind, organisation.local_authority) == ("local_authority", trafford)
    assert details() == [f"API organisation {organisation.pk} added"]


def test_an_organisation_needs_a_name_and_a_local_authority_its_kind_needs(manager_client: Client) -> None:
    response = manager_client.post(f"{BASE}organisations/new/", {"name": " ", "kind": "local_authority"})
    assert response.status_code == 400
    assert errors(response) == ["Enter the organisation's name", "Choose the local authority whose cases its keys may read"]
    response = manager_client.post(f"{BASE}organisations/new/", {"name": "Sendiass", "kind": "nonsense"})
    assert errors(response) == ["Choose what kind of organisation it is"]
    assert not Organisation.objects.exists()


def test_a_key_is_shown_once_and_only_its_hash_is_kept(manager_client: Client, manager: Any) -> None:
    organisation = la_organisation()
    response = manager_client.post(f"{BASE}organisations/{organisation.pk}/keys/new/", {
        "name": "case system (live)", "scopes": ["cases:read", "reports:read"],
        "expires_0": "15", "expires_1": "12", "expires_2": "2027"})
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    token = re.search(r"sm_[0-9a-f]{12}_[A-Za-z0-9_-]+", response.content.decode())
    assert token is not None
    key = ApiKey.objects.get()
    assert hashlib.sha256(token.group().encode()).hexdigest() == key.key_hash
    assert (key.name, key.scopes, key.created_by) == ("case system (live)", ["cases:read", "reports:read"], manager)
    assert key.expires_at.date() == dt.date(2027, 12, 15)
    assert "Copy the key now. It will not be shown again." in text(response)
    assert token.group() not in manager_client.get(f"{BASE}organisations/{organisation.pk}/").content.decode()
    assert details() == [f"API key {key.prefix} issued for organisation {organisation.pk}: cases:read reports:read"]


def test_a_key_needs_a_name_a_scope_and_an_expiry_in_the_next_two_years(manager_client: Client) -> None:
    organisation = la_organisation()
    url = f"{BASE}organisations/{organisation.pk}/keys/new/"
    response = manager_client.post(url, {"name": "", "expires_0": "14", "expires_1": "12", "expires_2": "2026"})
    assert response.status_code == 400
    assert errors(response) == ["Enter a name for the key", "Choose at least one thing the key may do",
                                "The expiry date must be after today"]
    response = manager_client.post(url, {"name": "x", "scopes": ["cases:delete"], "expires_0": "1",
                                         "expires_1": "1", "expires_2": "2029"})
    assert errors(response) == ["Select a valid choice. cases:delete is not one of the available choices.",
                                "The expiry date must be no later than 15 December 2028"]
    assert not ApiKey.objects.exists()


def test_rotating_issues_a_replacement_and_the_old_key_works_for_seven_more_days(manager_client: Client) -> None:
    old, _ = key_for(la_organisation(), scopes=("cases:read",))
    assert "The old key keeps working for 7 days, until 22 December 2026" in text(
        manager_client.get(f"{BASE}keys/{old.pk}/rotate/"))
    response = manager_client.post(f"{BASE}keys/{old.pk}/rotate/")
    assert response.status_code == 200
    new = ApiKey.objects.exclude(pk=old.pk).get()
    assert f"sm_{new.prefix}_" in response.content.decode()
    old.refresh_from_db()
    assert (new.scopes, new.name, old.expires_at, old.revoked_at) == (
        ["cases:read"], "case system", NOW + dt.timedelta(days=7), None)
    assert details() == [f"API key {old.prefix} replaced by {new.prefix}; the old one expires 2026-12-22"]


def test_revoking_asks_first_then_stops_the_key(manager_client: Client) -> None:
    key, _ = key_for(la_organisation())
    page = text(manager_client.get(f"{BASE}keys/{key.pk}/revoke/"))
    assert 'class="govuk-button govuk-button--warning"' in page and "Revoke the key" in page
    response = manager_client.post(f"{BASE}keys/{key.pk}/revoke/")
    assert (response.status_code, response["Location"]) == (302, f"{BASE}organisations/{key.organisation_id}/")
    key.refresh_from_db()
    assert key.revoked_at == NOW
    assert details() == [f"API key {key.prefix} revoked"]


def test_an_endpoint_is_added_with_its_events_and_its_secret_shown_once(manager_client: Client) -> None:
    organisation = la_organisation()
    url = f"{BASE}organisations/{organisation.pk}/webhooks/new/"
    response = manager_client.post(url, {"url": "https://10.0.0.1/hooks", "events": ["certificate.issued"]})
    assert response.status_code == 400
    assert errors(response) == ["Enter the receiver's host name, not an IP address"]
    response = manager_client.post(url, {"url": "https://hooks.example.org/sen", "events": []})
    assert errors(response) == ["Choose at least one event to send"]
    response = manager_client.post(url, {"url": "http://127.0.0.1:8000/metrics", "events": []})
    assert errors(response) == ["Enter an address starting with https://",
                                "Choose at least one event to send"]  # every problem at once
    response = manager_client.post(url, {"url": "https://hooks.example.org/sen", "events": ["certificate.issued"]})
    assert response.status_code == 200
    endpoint = WebhookEndpoint.objects.get()
    assert (endpoint.url, endpoint.events, endpoint.active) == ("https://hooks.example.org/sen",
                                                                ["certificate.issued"], True)
    assert endpoint.secret in response.content.decode() and endpoint.secret.startswith("whsec_")
    assert details() == [f"Webhook endpoint {endpoint.pk} added for organisation {organisation.pk}: certificate.issued"]


def test_an_endpoint_is_changed_or_switched_off_and_shows_its_recent_deliveries(manager_client: Client) -> None:
    endpoint = WebhookEndpoint.objects.create(organisation=la_organisation(), url="https://hooks.example.org/sen",
                                              secret="whsec_x")
    WebhookDelivery.objects.create(endpoint=endpoint, event="case.state_changed", body="{}",
                                   last_error="Delivery failed: HTTP 5xx", attempts=2)
    page = text(manager_client.get(f"{BASE}webhooks/{endpoint.pk}/"))
    assert "Delivery failed: HTTP 5xx" in page and "whsec_x" not in page
    response = manager_client.post(f"{BASE}webhooks/{endpoint.pk}/", {"url": "ftp://hooks.example.org/", "events": ["agreement.made"]})
    assert (response.status_code, errors(response)) == (400, ["Enter an address starting with https://"])
    response = manager_client.post(f"{BASE}webhooks/{endpoint.pk}/", {"url": "https://new.example.org/sen",
                                                                       "events": ["agreement.made"]})
    assert (response.status_code, response["Location"]) == (302, f"{BASE}organisations/{endpoint.organisation_id}/")
    endpoint.refresh_from_db()
    assert (endpoint.url, endpoint.events, endpoint.active) == ("https://new.example.org/sen", ["agreement.made"], False)
    assert details() == [f"Webhook endpoint {endpoint.pk} changed: agreement.made, switched off"]


def test_rotating_an_endpoint_secret_shows_the_new_one_once(manager_client: Client) -> None:
    endpoint = WebhookEndpoint.objects.create(organisation=la_organisation(), url="https://hooks.example.org/sen",
                                              secret="whsec_old")
    response = manager_client.post(f"{BASE}webhooks/{endpoint.pk}/secret/")
    endpoint.refresh_from_db()
    assert response.status_code == 200 and endpoint.secret != "whsec_old"
    assert endpoint.secret in response.content.decode()
    assert details() == [f"Webhook endpoint {endpoint.pk}: signing secret replaced"]


def test_an_endpoint_hears_only_the_events_chosen_for_it(reference_data: None) -> None:
    from senmediation.api.events import case_events_publish
    from senmediation.cases.tests.factories import case_make

    WebhookEndpoint.objects.create(organisation=la_organisation(), url="https://hooks.example.org/sen",
                                   secret="whsec_x", events=["agreement.made"])
    case = case_make()
    deliveries = case_events_publish(reference=case.reference, local_authority_id=case.local_authority_id,
                                     action="record_agreement", from_state="held", to_state="agreement_recorded")
    assert [delivery.event for delivery in deliveries] == ["agreement.made"]


def test_managers_find_the_page_in_the_staff_navigation(manager_client: Client, coordinator_client: Client) -> None:
    link = '<a class="moj-primary-navigation__link" href="/staff/access/api/">API access</a>'
    assert link in manager_client.get("/staff/").content.decode()
    assert link not in coordinator_client.get("/staff/").content.decode()
