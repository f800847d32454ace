"""Webhooks go only to public https receivers, checked when an endpoint is saved and again, with the
address pinned, at every delivery; failures are recorded by class only (docs/security.md, Webhooks)."""

from __future__ import annotations

import logging
import socket
import ssl
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from senmediation.api.models import WebhookDelivery, WebhookEndpoint
from senmediation.api.webhooks import webhook_deliver_now

from .conftest import resolving
from .helpers import la_organisation
from .receiver import RECEIVER_HOST, Receiver

pytestmark = pytest.mark.django_db

HTTPS_ONLY = "Enter an address starting with https://"
NO_IP = "Enter the receiver's host name, not an IP address"
NOT_LOCAL = "Enter a host name on the internet: local and internal names are not allowed"
REFUSED_URLS = [
    ("https://127.0.0.1/hooks", NO_IP),
    ("https://localhost/hooks", NOT_LOCAL),
    ("https://LOCALHOST./hooks", NOT_LOCAL),
    ("https://api.localhost/hooks", NOT_LOCAL),
    ("https://[::1]/hooks", NO_IP),
    ("https://[::ffff:127.0.0.1]/hooks", NO_IP),
    ("https://169.254.169.254/latest/meta-data/", NO_IP),
    ("https://10.0.0.1/hooks", NO_IP),
    ("https://100.64.0.1/hooks", NO_IP),
    ("https://0.0.0.0/hooks", NO_IP),
    ("https://2130706433/hooks", NO_IP),  # 127.0.0.1 written as one number
    ("https://0x7f.1/hooks", NO_IP),
    ("https://intranet/hooks", NOT_LOCAL),
    ("https://printer.local/hooks", NOT_LOCAL),
    ("https://db.internal/hooks", NOT_LOCAL),
    ("https://staff.mediation.example.org/hooks", "Enter the receiver's address: this is the address of this service"),
    ("https://mediation.example.org/metrics", "Enter the receiver's address: this is the address of this service"),
    ("http://hooks.example.org/sen", HTTPS_ONLY),
    ("ftp://hooks.example.org/sen", HTTPS_ONLY),
    ("file:///etc/passwd", HTTPS_ONLY),
    ("hooks.example.org/sen", HTTPS_ONLY),
    ("https://user:secret@hooks.example.org/sen",
     "Take the user name and password out of the address: deliveries are signed instead"),
    ("https:///sen", "Enter a full address with a host name, for example https://hooks.example.org/sen"),
    ("https://hooks.example.org:99999/sen", "Enter a port number from 1 to 65535"),
]


@pytest.mark.parametrize(("url", "message"), REFUSED_URLS)
def test_an_endpoint_address_that_is_not_a_public_https_one_is_refused_when_saved(
    reference_data: None, settings: Any, url: str, message: str,
) -> None:
    settings.ALLOWED_HOSTS = ["mediation.example.org", ".mediation.example.org", "localhost"]
    endpoint = WebhookEndpoint(organisation=la_organisation(), url=url, secret="whsec_x")
    with pytest.raises(ValidationError) as refusal:
        endpoint.clean()
    assert refusal.value.message_dict == {"url": [message]}


def test_a_public_https_address_is_accepted(reference_data: None) -> None:
    WebhookEndpoint(organisation=la_organisation(), url="https://hooks.example.org:8443/sen?x=1",
                    secret="whsec_x").clean()


def test_plain_http_only_when_the_development_setting_allows_it(reference_data: None, settings: Any) -> None:
    settings.WEBHOOKS_ALLOW_HTTP = True
    WebhookEndpoint(organisation=la_organisation(), url="http://hooks.example.org/sen", secret="whsec_x").clean()
    with pytest.raises(ValidationError) as refusal:
        WebhookEndpoint(organisation=la_organisation(), url="ftp://hooks.example.org/", secret="x").clean()
    assert refusal.value.message_dict == {"url": ["Enter an address starting with https:// (or http:// on a "
                                                  "development machine)"]}


def delivery_to(url: str) -> WebhookDelivery:
    endpoint = WebhookEndpoint.objects.create(organisation=la_organisation(), url=url, secret="whsec_x")
    return WebhookDelivery.objects.create(endpoint=endpoint, event="case.state_changed", body="{}")


def test_a_name_that_resolves_to_a_loopback_address_is_refused_at_delivery(
    reference_data: None, receiver_unlisted: Receiver,
) -> None:
    delivery = delivery_to(receiver_unlisted.url)
    assert webhook_deliver_now(delivery.pk) == "pending"
    delivery.refresh_from_db()
    assert (delivery.attempts, delivery.last_status_code, delivery.last_error) == (
        1, None, "Delivery failed: address not allowed (public https addresses only)")
    assert receiver_unlisted.requests == []


def test_an_endpoint_saved_before_the_rules_is_refused_at_delivery(reference_data: None) -> None:
    delivery = delivery_to("http://127.0.0.1:9/hooks")
    webhook_deliver_now(delivery.pk)
    delivery.refresh_from_db()
    assert delivery.last_error == "Delivery failed: address not allowed (public https addresses only)"


def test_a_redirect_is_a_failure_and_is_not_followed(reference_data: None, receiver: Receiver) -> None:
    receiver.status = 302
    receiver.location = f"http://127.0.0.1:{receiver.port}/metrics"
    delivery = delivery_to(receiver.url)
    webhook_deliver_now(delivery.pk)
    delivery.refresh_from_db()
    assert (delivery.status, delivery.last_status_code, delivery.last_error) == (
        "pending", None, "Delivery failed: HTTP 3xx (redirects are not followed)")
    assert receiver.requests == [("POST", "/hooks")]


@pytest.mark.parametrize(("status", "recorded"), [(403, "Delivery failed: HTTP 4xx"),
                                                  (404, "Delivery failed: HTTP 4xx"),
                                                  (500, "Delivery failed: HTTP 5xx")])
def test_a_refusal_is_recorded_by_its_class_only(
    reference_data: None, receiver: Receiver, status: int, recorded: str,
) -> None:
    receiver.status = status
    delivery = delivery_to(receiver.url)
    webhook_deliver_now(delivery.pk)
    delivery.refresh_from_db()
    assert (delivery.last_status_code, delivery.last_error) == (None, recorded)


def test_no_answer_says_no_response_and_neither_the_os_error_nor_the_port(
    reference_data: None, receiver: Receiver, caplog: pytest.LogCaptureFixture,
) -> None:
    closed = socket.socket()
    closed.bind(("127.0.0.1", 0))
    port = closed.getsockname()[1]
    closed.close()  # nothing listens there now: "Connection refused"
    delivery = delivery_to(f"http://{RECEIVER_HOST}:{port}/hooks")
    with caplog.at_level(logging.INFO, logger="senmediation.api.webhooks"):
        webhook_deliver_now(delivery.pk)
    delivery.refresh_from_db()
    assert delivery.last_error == "Delivery failed: no response"
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "Delivery failed: no response" in logged
    assert "refused" not in logged.lower() and str(port) not in logged and RECEIVER_HOST not in logged


@pytest.mark.parametrize(("address", "public"), [
    ("93.184.215.14", True), ("2606:2800:21f:cb07:6820:80da:af6b:8b2c", True),
    ("127.0.0.1", False), ("10.1.2.3", False), ("172.16.0.1", False), ("192.168.1.1", False),
    ("169.254.169.254", False), ("100.64.0.1", False), ("0.0.0.0", False), ("224.0.0.1", False),
    ("240.0.0.1", False), ("255.255.255.255", False), ("192.0.2.1", False), ("::1", False), ("::", False),
    ("fe80::1", False), ("fe80::1%eth0", False), ("fec0::1", False), ("fc00::1", False), ("ff02::1", False),
    ("::ffff:127.0.0.1", False), ("::ffff:93.184.215.14", False), ("2002:7f00:1::", False),
    ("64:ff9b::a00:1", False), ("not an address", False),
])
def test_only_public_addresses_pass_the_check(address: str, public: bool) -> None:
    from senmediation.api.outbound import address_public

    assert address_public(address) is public


def test_every_address_a_name_resolves_to_must_be_public(monkeypatch: pytest.MonkeyPatch) -> None:
    from senmediation.api.outbound import DestinationRefused, addresses_checked

    resolving(monkeypatch, "hooks.example.org", "93.184.215.14")
    assert addresses_checked("hooks.example.org", 443) == ["93.184.215.14"]
    resolving(monkeypatch, "hooks.example.org", "93.184.215.14", "10.0.0.1")
    with pytest.raises(DestinationRefused):
        addresses_checked("hooks.example.org", 443)


def test_the_connection_goes_to_the_checked_address_with_the_real_host_name(
    reference_data: None, receiver: Receiver, monkeypatch: pytest.MonkeyPatch,
) -> None:
    from senmediation.api.outbound import post_to_address

    # The name now resolves somewhere else (rebinding): the pinned address is used all the same.
    resolving(monkeypatch, RECEIVER_HOST, "10.9.9.9")
    status = post_to_address(url=receiver.url + "?a=1", address="127.0.0.1", body=b"{}", headers={}, timeout=5)
    assert status == 204
    assert receiver.requests == [("POST", "/hooks?a=1")]
    assert receiver.received[0][0]["host"] == f"{RECEIVER_HOST}:{receiver.port}"


def test_https_checks_the_certificate_against_the_host_name(receiver: Receiver) -> None:
    """The local receiver speaks no TLS and has no certificate for the name: the handshake fails, nothing
    is posted."""
    from senmediation.api.outbound import PinnedHTTPSConnection, post_to_address

    connection = PinnedHTTPSConnection(RECEIVER_HOST, receiver.port, address="127.0.0.1", timeout=5)
    assert (connection.tls.verify_mode, connection.tls.check_hostname) == (ssl.CERT_REQUIRED, True)
    with pytest.raises(OSError):
        post_to_address(url=f"https://{RECEIVER_HOST}:{receiver.port}/hooks", address="127.0.0.1", body=b"{}",
                        headers={}, timeout=5)
    assert all(method != "POST" for method, _ in receiver.requests)
