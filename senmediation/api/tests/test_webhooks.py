from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
from typing import Any

import pytest
import time_machine

from senmediation.accounts.roles import Role
from senmediation.accounts.tests.helpers import verified_client
from senmediation.api.events import case_events_publish, webhook_replay
from senmediation.api.models import ApiKey, WebhookDelivery, WebhookEndpoint
from senmediation.api.webhooks import webhooks_deliver_due
from senmediation.cases.services.transitions import case_transition
from senmediation.cases.tests.factories import case_make
from senmediation.documents.services.certificates import certificate_issue
from senmediation.documents.tests.helpers import ISSUED, declined_case
from testsupport.fixtures import user_make

from .helpers import la_organisation
from .receiver import Receiver

pytestmark = pytest.mark.django_db
SECRET = "whsec_test-shared-secret"


def endpoint_for(gss_code: str, url: str) -> WebhookEndpoint:
    return WebhookEndpoint.objects.create(organisation=la_organisation(gss_code), url=url, secret=SECRET)


def test_a_state_change_reaches_the_cases_la_signed_with_the_shared_secret(
    reference_data: None, receiver: Receiver, django_capture_on_commit_callbacks: Any,
) -> None:
    endpoint_for("E08000009", receiver.url)  # Trafford, the case's LA
    endpoint_for("E08000007", receiver.url.replace("/hooks", "/stockport"))  # must hear nothing
    case = case_make(today=dt.date(2026, 11, 23))
    with django_capture_on_commit_callbacks(execute=True):
        case_transition(case=case, action="give_information", by=None, today=dt.date(2026, 11, 23))
    assert len(receiver.received) == 1
    headers, body = receiver.received[0]
    # Verified as a receiver would, independently of the service's own code.
    expected = hmac.new(SECRET.encode(), headers["x-sen-timestamp"].encode() + b"." + body, hashlib.sha256).hexdigest()
    assert headers["x-sen-signature"] == f"sha256={expected}"
    assert headers["x-sen-event"] == "case.state_changed"
    payload = json.loads(body)
    assert payload["data"] == {"reference": case.reference, "action": "give_information",
                               "from_state": "enquiry", "state": case.state}
    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.attempts, delivery.last_status_code, delivery.last_error,
            str(delivery.event_id)) == ("delivered", 1, None, "", payload["id"])
    wrong = hmac.new(b"another secret", headers["x-sen-timestamp"].encode() + b"." + body, hashlib.sha256)
    assert headers["x-sen-signature"] != f"sha256={wrong.hexdigest()}"


def test_a_certificate_is_an_event_of_its_own(
    reference_data: None, coordinator: Any, receiver: Receiver, django_capture_on_commit_callbacks: Any,
) -> None:
    case = declined_case(by=coordinator)
    endpoint_for("E08000009", receiver.url)
    with django_capture_on_commit_callbacks(execute=True):
        certificate_issue(case=case, kind="no_mediation", by=coordinator, today=ISSUED)
    assert sorted(receiver.events()) == ["case.state_changed", "certificate.issued"]


def test_a_refused_delivery_waits_longer_each_time_and_a_manager_can_replay_it(
    reference_data: None, receiver: Receiver,
) -> None:
    endpoint_for("E08000009", receiver.url)
    case = case_make()
    receiver.status = 503
    with time_machine.travel(dt.datetime(2026, 11, 25, 10, 0, tzinfo=dt.UTC), tick=False):
        (delivery,) = case_events_publish(reference=case.reference, local_authority_id=case.local_authority_id,
                                          action="give_information", from_state="enquiry", to_state="information")
        delivery.refresh_from_db()
        assert (delivery.status, delivery.attempts, delivery.last_status_code, delivery.last_error) == (
            "pending", 1, None, "Delivery failed: HTTP 5xx")
        assert delivery.next_attempt_at == dt.datetime(2026, 11, 25, 10, 0, 30, tzinfo=dt.UTC)
        assert webhooks_deliver_due() == 0  # not due yet
    with time_machine.travel(dt.datetime(2026, 11, 25, 10, 1, tzinfo=dt.UTC), tick=False):
        assert webhooks_deliver_due() == 1
        delivery.refresh_from_db()
        assert (delivery.attempts, delivery.next_attempt_at) == (2, dt.datetime(2026, 11, 25, 10, 2, tzinfo=dt.UTC))
    receiver.status = 200
    webhook_replay(delivery=delivery)
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.last_error) == ("delivered", 1, "")
    bodies = {body for _, body in receiver.received}
    assert len(receiver.received) == 3 and len(bodies) == 1  # the same event each time


def test_a_manager_issues_a_key_shown_once_and_stored_hashed(reference_data: None) -> None:
    manager = user_make("api-boss", Role.MANAGER, is_staff=True, is_superuser=True)
    organisation = la_organisation()
    client = verified_client(manager)
    response = client.post("/admin/api/apikey/add/", {
        "organisation": organisation.pk, "name": "case system", "scopes": ["cases:read"],
        "expires_at_0": "2027-11-28", "expires_at_1": "12:00:00",
    }, follow=True)
    assert response.status_code == 200
    key = ApiKey.objects.get()
    shown = [str(m) for m in response.context["messages"]]
    token = next(word for message in shown for word in message.split() if word.startswith("sm_"))
    assert token.startswith(f"sm_{key.prefix}_")
    assert hashlib.sha256(token.encode()).hexdigest() == key.key_hash
    assert key.scopes == ["cases:read"]
    assert token not in client.get(f"/admin/api/apikey/{key.pk}/change/").content.decode()


def test_a_partner_hears_about_the_cases_it_referred_and_no_others(reference_data: None, receiver: Receiver) -> None:
    from senmediation.api.models import IdempotentReferral, Organisation

    referring = Organisation.objects.create(name="Trafford SENDIASS", kind=Organisation.Kind.IASS)
    other = Organisation.objects.create(name="Another SENDIASS", kind=Organisation.Kind.IASS)
    WebhookEndpoint.objects.create(organisation=referring, url=receiver.url, secret=SECRET)
    WebhookEndpoint.objects.create(organisation=other, url=receiver.url.replace("/hooks", "/other"), secret=SECRET)
    case = case_make()
    IdempotentReferral.objects.create(organisation=referring, key_hash="0" * 64, case_reference=case.reference)
    deliveries = case_events_publish(reference=case.reference, local_authority_id=case.local_authority_id,
                                     action="record_agreement", from_state="held", to_state="agreement_recorded")
    assert sorted((d.endpoint.organisation.name, d.event) for d in deliveries) == [
        ("Trafford SENDIASS", "agreement.made"), ("Trafford SENDIASS", "case.state_changed")]
    assert sorted(receiver.events()) == ["agreement.made", "case.state_changed"]
