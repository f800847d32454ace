"""An e-mail change is confirmed from the old address (accounts/email_change.py)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
import time_machine
from django.core import mail
from django.test import Client

from senmediation.accounts.enrolment import enrolment_link_issue
from senmediation.accounts.models import EmailChange, User
from senmediation.accounts.roles import Role
from testsupport.fixtures import client_for, user_make

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _otp_required(settings):  # type: ignore[no-untyped-def]
    settings.OTP_REQUIRED = True


@pytest.fixture
def boss(reference_data):  # type: ignore[no-untyped-def]
    return user_make("boss", Role.MANAGER, email="mina@example.org")


@pytest.fixture
def cora(reference_data):  # type: ignore[no-untyped-def]
    return user_make("cora", Role.COORDINATOR, first_name="Cora", last_name="Ordinator", email="cora@example.org")


def _ask(boss: User, cora: User, new: str = "cora.new@example.net") -> str:
    response = client_for(boss).post(f"/staff/people/{cora.pk}/email/", {"new_email": new}, follow=True)
    assert response.status_code == 200
    assert (f"We have e-mailed cora@example.org to confirm the change to {new}. "
            "The address changes only when they confirm it.") in response.content.decode()
    return "/" + re.search(r"https?://[^/]+/(\S+)", mail.outbox[-1].body).group(1)  # type: ignore[union-attr]


def test_the_change_waits_for_the_old_address_and_confirming_applies_it(boss, cora) -> None:
    path = _ask(boss, cora)
    assert [(m.to, m.subject) for m in mail.outbox] == [(["cora@example.org"], "Confirm the change of your e-mail address")]
    assert path.startswith("/accounts/email/confirm/")
    assert User.objects.get(pk=cora.pk).email == "cora@example.org"
    assert EmailChange.objects.get().token_hash not in path  # only the hash is kept
    browser = Client()
    page = browser.get(path)  # opening the link (a mail scanner does) changes nothing
    assert page.status_code == 200 and "cora.new@example.net" in page.content.decode()
    assert User.objects.get(pk=cora.pk).email == "cora@example.org"
    done = browser.post(path)
    assert done.status_code == 200 and "It is now cora.new@example.net" in done.content.decode()
    assert User.objects.get(pk=cora.pk).email == "cora.new@example.net"
    assert [(m.to, m.subject) for m in mail.outbox[1:]] == [(["cora.new@example.net"], "Your e-mail address has changed")]
    again = browser.post(path)
    assert again.status_code == 403
    assert "This link has already been used. The change was made then." in again.content.decode()


def test_an_expired_link_is_refused_and_changes_nothing(boss, cora) -> None:
    path = _ask(boss, cora)
    with time_machine.travel(dt.datetime.now(dt.UTC) + dt.timedelta(hours=25)):
        response = Client().post(path)
    assert response.status_code == 403
    assert "This link has expired. Ask your manager to ask for the change again." in response.content.decode()
    assert User.objects.get(pk=cora.pk).email == "cora@example.org"


def test_a_made_up_link_is_refused(cora) -> None:
    response = Client().get("/accounts/email/confirm/not-a-real-token/")
    assert response.status_code == 403
    assert "We cannot find this link." in response.content.decode()


def test_while_a_change_waits_set_up_links_still_go_to_the_old_address(boss, cora) -> None:
    _ask(boss, cora)
    enrolment_link_issue(user=User.objects.get(pk=cora.pk), by=boss, base_url="https://mediation.example.org/")
    assert mail.outbox[-1].to == ["cora@example.org"]


def test_a_newer_request_replaces_the_waiting_one(boss, cora) -> None:
    first = _ask(boss, cora)
    _ask(boss, cora, new="cora.third@example.net")
    assert Client().post(first).status_code == 403
    assert EmailChange.objects.get().new_email == "cora.third@example.net"


def test_an_account_with_no_address_gets_it_at_once(boss, reference_data) -> None:
    nomail = user_make("nomail", Role.MEDIATOR)
    response = client_for(boss).post(f"/staff/people/{nomail.pk}/email/", {"new_email": "nomail@example.org"})
    assert response.status_code == 302
    assert User.objects.get(pk=nomail.pk).email == "nomail@example.org"
    assert mail.outbox == [] and not EmailChange.objects.exists()


def test_the_same_address_is_a_field_error(boss, cora) -> None:
    response = client_for(boss).post(f"/staff/people/{cora.pk}/email/", {"new_email": "cora@example.org"})
    assert response.status_code == 400
    assert "This is already their e-mail address" in response.content.decode()
