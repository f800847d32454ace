"""Setting up an authenticator app needs a one-time link from a manager, not just the password."""

from __future__ import annotations

import datetime as dt
import re

import pytest
import time_machine
from django.contrib.auth.models import Permission
from django.core import mail
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from senmediation.accounts.enrolment import EnrolmentRefused, enrolment_link_issue
from senmediation.accounts.models import EnrolmentLink
from senmediation.accounts.roles import Role
from senmediation.accounts.tests.helpers import totp_code_from_secret, totp_device_make
from senmediation.audit.models import AuditEntry
from testsupport.fixtures import TEST_PASSWORD, client_for, user_make

pytestmark = pytest.mark.django_db
SETUP = "/accounts/two-factor/setup/"


@pytest.fixture(autouse=True)
def _otp_required(settings):  # type: ignore[no-untyped-def]
    settings.OTP_REQUIRED = True
    settings.OTP_TOTP_THROTTLE_FACTOR = 0


@pytest.fixture
def boss(reference_data):  # type: ignore[no-untyped-def]
    return user_make("boss2", Role.MANAGER, is_staff=True, email="boss@example.org")


@pytest.fixture
def cora(reference_data):  # type: ignore[no-untyped-def]
    return user_make("cora", Role.COORDINATOR, first_name="Cora", last_name="Ordinator", email="cora@example.org")


def _issue(person, boss) -> str:  # type: ignore[no-untyped-def]
    response = client_for(boss).post(f"/admin/accounts/user/{person.pk}/authenticator-link/")
    assert response.status_code == 302
    found = re.search(r"https?://\S+/accounts/two-factor/enrol/\S+/", mail.outbox[-1].body)
    assert found is not None and mail.outbox[-1].to == [person.email]
    return found.group(0).split("://", 1)[1].split("/", 1)[1].join(["/", ""])


def _sign_in(client: Client, username: str) -> str:
    return client.post("/accounts/sign-in/", {"username": username, "password": TEST_PASSWORD})["Location"]


def _secret(client: Client) -> str:
    page = client.get(SETUP)
    assert page.status_code == 200
    return page.content.decode().split('id="totp-secret">')[1].split("</code>")[0]


def test_the_password_alone_cannot_set_up_an_app(client: Client, cora) -> None:
    assert _sign_in(client, "cora") == SETUP
    page = client.get(SETUP)
    assert page.status_code == 403
    assert "To set up your authenticator app you need a link from a manager." in page.content.decode()
    assert client.post(SETUP, {"code": "123456"}).status_code == 403
    assert not TOTPDevice.objects.filter(user=cora).exists()


def test_the_link_works_once(client: Client, cora, boss) -> None:
    path = _issue(cora, boss)
    response = client.get(path)
    assert response["Location"] == "/accounts/sign-in/"
    assert _sign_in(client, "cora") == SETUP
    secret = _secret(client)
    assert client.post(SETUP, {"code": "000000"}).status_code == 400  # a wrong code does not use the link up
    assert client.post(SETUP, {"code": totp_code_from_secret(secret)})["Location"] == "/accounts/two-factor/recovery-codes/"
    assert TOTPDevice.objects.filter(user=cora, confirmed=True).count() == 1
    assert EnrolmentLink.objects.get().used_at is not None
    again = Client().get(path)
    assert again.status_code == 403
    assert "This set-up link has already been used. Ask a manager to send you a new one." in again.content.decode()


def test_an_expired_link_is_refused(client: Client, cora, boss) -> None:
    path = _issue(cora, boss)
    with time_machine.travel(dt.datetime.now(dt.UTC) + dt.timedelta(hours=24, seconds=1)):
        response = client.get(path)
    assert response.status_code == 403
    assert "This set-up link has expired. Ask a manager to send you a new one." in response.content.decode()


def test_a_link_expiring_after_it_was_opened_is_refused_at_set_up(client: Client, cora, boss) -> None:
    path = _issue(cora, boss)
    client.get(path)
    assert _sign_in(client, "cora") == SETUP
    EnrolmentLink.objects.update(expires_at=dt.datetime.now(dt.UTC) - dt.timedelta(seconds=1))
    response = client.get(SETUP)
    assert response.status_code == 403 and "This set-up link has expired." in response.content.decode()


def test_someone_elses_link_cannot_be_used(client: Client, cora, boss, reference_data) -> None:
    user_make("other", Role.COORDINATOR, email="other@example.org")
    path = _issue(cora, boss)
    client.get(path)
    assert _sign_in(client, "other") == SETUP
    response = client.get(SETUP)
    assert response.status_code == 403
    assert "This set-up link was made for someone else. Ask a manager to send you your own." in response.content.decode()
    assert not TOTPDevice.objects.filter(user__username="other").exists()


def test_a_link_replaces_a_lost_phone(client: Client, cora, boss) -> None:
    old = totp_device_make(cora)
    assert _sign_in(client, "cora") == "/accounts/two-factor/"  # without a link: only the old app
    client.get(_issue(cora, boss))
    assert _sign_in(client, "cora") == SETUP
    client.post(SETUP, {"code": totp_code_from_secret(_secret(client))})
    assert list(TOTPDevice.objects.filter(user=cora, confirmed=True)) != [old]
    assert TOTPDevice.objects.filter(user=cora, confirmed=True).count() == 1


def test_only_managers_and_superusers_issue_links_and_it_is_audited(cora, boss, reference_data) -> None:
    url = f"/admin/accounts/user/{cora.pk}/authenticator-link/"
    administrator = user_make("admin2", Role.ADMINISTRATOR, is_staff=True)
    assert client_for(administrator).get(url).status_code == 403
    assert client_for(administrator).post(url).status_code == 403
    assert client_for(user_make("coord2", Role.COORDINATOR)).post(url).status_code == 302  # to sign in: not staff
    with pytest.raises(EnrolmentRefused, match="Only a manager can send a link"):
        enrolment_link_issue(user=cora, by=administrator, base_url="https://example.org/")
    assert EnrolmentLink.objects.count() == 0 and mail.outbox == []
    assert client_for(boss).get(url).status_code == 200
    assert client_for(boss).get(f"/admin/accounts/user/{cora.pk + 999}/authenticator-link/").status_code == 404
    _issue(cora, boss)
    entry = AuditEntry.objects.get(view_name="accounts:enrolment_link_issue")
    assert (entry.user_id, entry.action, entry.detail) == (boss.pk, "change",
                                                           f"authenticator set-up link sent to user {cora.pk}")
    superuser = user_make("root2", None, is_staff=True, is_superuser=True)
    assert client_for(superuser).post(url).status_code == 302
    assert EnrolmentLink.objects.count() == 1  # the new link replaced the unused one


def test_a_person_without_an_email_address_gets_a_plain_answer(boss, reference_data) -> None:
    person = user_make("noemail", Role.COORDINATOR)
    response = client_for(boss).post(f"/admin/accounts/user/{person.pk}/authenticator-link/")
    assert response.status_code == 400
    assert "Add an e-mail address for this person first: the link is sent by e-mail." in response.content.decode()


def test_the_users_admin_page_offers_the_link_to_managers_only(cora, boss, reference_data) -> None:
    superuser = user_make("root3", Role.MANAGER, is_staff=True, is_superuser=True)
    page = client_for(superuser).get(f"/admin/accounts/user/{cora.pk}/change/").content.decode()
    assert f'href="/admin/accounts/user/{cora.pk}/authenticator-link/"' in page
    administrator = user_make("admin3", Role.ADMINISTRATOR, is_staff=True, is_superuser=False)
    administrator.user_permissions.add(*Permission.objects.filter(codename="view_user"))
    page = client_for(administrator).get(f"/admin/accounts/user/{cora.pk}/change/").content.decode()
    assert "authenticator-link" not in page


def test_a_link_used_up_in_another_browser_is_refused_when_the_code_is_sent(client: Client, cora, boss) -> None:
    client.get(_issue(cora, boss))
    assert _sign_in(client, "cora") == SETUP
    secret = _secret(client)
    EnrolmentLink.objects.update(used_at=dt.datetime.now(dt.UTC))
    response = client.post(SETUP, {"code": totp_code_from_secret(secret)})
    assert response.status_code == 403
    assert "This set-up link has already been used." in response.content.decode()
    assert not TOTPDevice.objects.filter(user=cora, confirmed=True).exists()
