"""Managers look after staff in /staff/people/ (accounts/staff_views.py, people.py), within the role ceiling."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from senmediation.accounts.models import EmailChange, User
from senmediation.accounts.otp import recovery_codes_issue
from senmediation.accounts.roles import Role, user_roles
from senmediation.audit.models import AuditEntry
from senmediation.directory.models import LocalAuthority
from testsupport.fixtures import client_for, user_make

pytestmark = pytest.mark.django_db
CEILING = "Only someone above this role can change this account"


@pytest.fixture(autouse=True)
def _otp_required(settings):  # type: ignore[no-untyped-def]
    settings.OTP_REQUIRED = True


@pytest.fixture
def boss(reference_data):  # type: ignore[no-untyped-def]
    return user_make("boss", Role.MANAGER, first_name="Mina", last_name="Manager", email="mina@example.org")


@pytest.fixture
def cora(reference_data):  # type: ignore[no-untyped-def]
    return user_make("cora", Role.COORDINATOR, first_name="Cora", last_name="Ordinator", email="cora@example.org")


@pytest.fixture
def other_boss(reference_data):  # type: ignore[no-untyped-def]
    return user_make("boss2", Role.MANAGER, first_name="Max", last_name="Other", email="max@example.org")


@pytest.fixture
def root(reference_data):  # type: ignore[no-untyped-def]
    return user_make("root", Role.ADMINISTRATOR, is_staff=True, is_superuser=True, email="root@example.org")


def test_the_list_shows_everyone_and_offers_changes_only_below_the_manager(boss, cora, other_boss, root) -> None:
    response = client_for(boss).get("/staff/people/")
    assert response.status_code == 200
    text = response.content.decode()
    assert "Cora Ordinator" in text and "cora@example.org" in text and "Coordinator (mediation adviser)" in text
    assert text.count("(view only: above your role)") == 2  # the other manager and the superuser
    assert text.count("(your account)") == 1
    assert f'href="/staff/people/{cora.pk}/">Cora Ordinator</a>' in text


def test_the_list_takes_the_same_queries_for_3_or_30_people(boss, cora) -> None:
    client = client_for(boss)
    client.get("/staff/people/")
    with CaptureQueriesContext(connection) as few:
        assert client.get("/staff/people/").status_code == 200
    for number in range(27):
        user_make(f"extra{number}", Role.MEDIATOR if number % 2 else Role.COMMISSIONER,
                  local_authority=LocalAuthority.objects.first())
    with CaptureQueriesContext(connection) as many:
        assert client.get("/staff/people/").status_code == 200
    assert len(many.captured_queries) == len(few.captured_queries)


def test_a_coordinator_is_refused_and_the_signed_out_sent_to_sign_in(cora) -> None:
    assert client_for(cora).get("/staff/people/").status_code == 403
    response = Client().get("/staff/people/")
    assert (response.status_code, response["Location"]) == (302, "/accounts/sign-in/?next=/staff/people/")


def test_a_manager_cannot_take_over_a_superuser_by_changing_its_email(boss, root) -> None:
    # The finding: a manager changed a superuser's e-mail, then sent it a set-up link, and owned it.
    response = client_for(boss).post(f"/staff/people/{root.pk}/email/", {"new_email": "mine@example.net"})
    assert response.status_code == 403
    root.refresh_from_db()
    assert root.email == "root@example.org"
    assert not EmailChange.objects.exists() and mail.outbox == []


@pytest.mark.parametrize("action", ["change", "email", "second-factor", "switch-off", "switch-on", "link"])
@pytest.mark.parametrize("whose", ["own", "other_boss", "root"])
def test_no_action_on_ones_own_account_or_one_at_or_above(action, whose, boss, other_boss, root) -> None:
    target = {"own": boss, "other_boss": other_boss, "root": root}[whose]
    data = {"first_name": "X", "last_name": "Y", "roles": ["manager"], "new_email": "x@example.net"}
    response = client_for(boss).post(f"/staff/people/{target.pk}/{action}/", data)
    assert response.status_code == 403
    target.refresh_from_db()
    assert (target.is_active, target.first_name != "X", target.email.endswith("example.org")) == (True, True, True)
    assert mail.outbox == []


def test_a_missing_person_is_404_for_a_manager_and_403_for_a_coordinator(boss, cora) -> None:
    assert client_for(boss).post("/staff/people/987654/switch-off/").status_code == 404
    assert client_for(cora).post("/staff/people/987654/switch-off/").status_code == 403


def test_a_manager_changes_roles_below_their_own(boss, cora) -> None:
    data = {"first_name": "Cora", "last_name": "Newname", "phone": "0161 496 0000",
            "roles": ["coordinator", "administrator"]}
    response = client_for(boss).post(f"/staff/people/{cora.pk}/change/", data)
    assert (response.status_code, response["Location"]) == (302, f"/staff/people/{cora.pk}/")
    cora = User.objects.get(pk=cora.pk)
    assert user_roles(cora) == {Role.COORDINATOR, Role.ADMINISTRATOR}
    assert (cora.last_name, cora.phone, cora.is_staff, cora.is_superuser) == ("Newname", "0161 496 0000", True, False)
    entry = AuditEntry.objects.filter(view_name="people:change").exclude(detail="").get()
    assert entry.detail == f"roles of user {cora.pk}: coordinator -> administrator,coordinator"


def test_a_manager_cannot_make_a_manager(boss, cora) -> None:
    data = {"first_name": "Cora", "last_name": "Ordinator", "roles": ["coordinator", "manager"]}
    response = client_for(boss).post(f"/staff/people/{cora.pk}/change/", data)
    assert response.status_code == 400
    assert "You can only give roles below your own" in response.content.decode()
    assert user_roles(User.objects.get(pk=cora.pk)) == {Role.COORDINATOR}


def test_a_commissioner_needs_a_local_authority(boss, cora) -> None:
    data = {"first_name": "Cora", "last_name": "Ordinator", "roles": ["commissioner"]}
    response = client_for(boss).post(f"/staff/people/{cora.pk}/change/", data)
    assert response.status_code == 400
    assert "Choose the local authority this commissioner works for" in response.content.decode()


def test_resetting_the_second_factor_removes_the_app_and_codes_and_mails_a_link_to_the_address_held(boss, cora):
    TOTPDevice.objects.create(user=cora, name="App", confirmed=True)
    recovery_codes_issue(user=cora)
    client = client_for(boss)
    page = client.get(f"/staff/people/{cora.pk}/second-factor/")
    assert page.status_code == 200 and "govuk-button--warning" in page.content.decode()
    response = client.post(f"/staff/people/{cora.pk}/second-factor/")
    assert (response.status_code, response["Location"]) == (302, f"/staff/people/{cora.pk}/")
    assert not TOTPDevice.objects.filter(user=cora).exists() and not StaticDevice.objects.filter(user=cora).exists()
    assert [message.to for message in mail.outbox] == [["cora@example.org"]]
    assert AuditEntry.objects.filter(view_name="people:second_factor_reset",
                                     detail=f"second factor of user {cora.pk} removed").count() == 1


def test_switching_off_ends_their_session_and_keeps_the_account(boss, cora) -> None:
    coras_browser = client_for(cora)
    assert coras_browser.get("/staff/").status_code == 200
    response = client_for(boss).post(f"/staff/people/{cora.pk}/switch-off/")
    assert response.status_code == 302
    assert User.objects.get(pk=cora.pk).is_active is False
    assert coras_browser.get("/staff/").status_code == 302  # signed out at the next request
    response = client_for(boss).post(f"/staff/people/{cora.pk}/switch-on/")
    assert response.status_code == 302 and User.objects.get(pk=cora.pk).is_active is True


def test_a_superuser_may_change_a_manager_but_not_itself(root, boss) -> None:
    client = client_for(root)
    assert client.post(f"/staff/people/{boss.pk}/switch-off/").status_code == 302
    assert client.post(f"/staff/people/{root.pk}/switch-off/").status_code == 403


def test_managers_find_the_staff_pages_in_the_navigation(boss, cora) -> None:
    assert 'href="/staff/people/"' in client_for(boss).get("/staff/").content.decode()
    assert 'href="/staff/people/"' not in client_for(cora).get("/staff/").content.decode()


def _invite(client: Client, **extra: object) -> object:
    data = {"first_name": "Nia", "last_name": "New", "email": "nia@example.org", "username": "nia",
            "roles": ["mediator"], **extra}
    return client.post("/staff/people/invite/", data)


def test_an_invitation_makes_an_account_with_no_password_and_one_link(boss) -> None:
    response = _invite(client_for(boss))
    nia = User.objects.get(username="nia")
    assert (response.status_code, response["Location"]) == (302, f"/staff/people/{nia.pk}/")
    assert (nia.has_usable_password(), nia.is_staff, nia.is_superuser) == (False, False, False)
    assert user_roles(nia) == {Role.MEDIATOR}
    assert [(m.to, m.subject) for m in mail.outbox] == [(["nia@example.org"], "Your account on the mediation case system")]
    assert AuditEntry.objects.filter(view_name="people:invite").exclude(detail="").count() == 1


def test_an_invited_administrator_enters_the_admin_but_is_no_superuser(boss) -> None:
    _invite(client_for(boss), roles=["administrator"])
    nia = User.objects.get(username="nia")
    assert (nia.is_staff, nia.is_superuser) == (True, False)


def test_an_invitation_is_refused_for_a_manager_role_or_a_commissioner_without_la(boss) -> None:
    response = _invite(client_for(boss), roles=["manager"])
    assert response.status_code == 400 and "You can only give roles below your own" in response.content.decode()
    response = _invite(client_for(boss), roles=["commissioner"])
    assert response.status_code == 400
    assert "Choose the local authority this commissioner works for" in response.content.decode()
    assert not User.objects.filter(username="nia").exists() and mail.outbox == []


def test_the_invited_person_chooses_a_password_then_sets_up_their_app(boss) -> None:
    _invite(client_for(boss))
    path = "/" + re.search(r"https?://[^/]+/(\S+)", mail.outbox[0].body).group(1)  # type: ignore[union-attr]
    browser = Client()
    response = browser.get(path)
    assert (response.status_code, response["Location"]) == (302, "/accounts/password/choose/")
    page = browser.get("/accounts/password/choose/")
    assert page.status_code == 200 and "Choose your password" in page.content.decode()
    assert ">Choose a password<" in page.content.decode() and ">Type the same password again<" in page.content.decode()
    weak = browser.post("/accounts/password/choose/", {"new_password1": "short", "new_password2": "short"})
    assert weak.status_code == 400
    assert "This password is too short. It must contain at least 12 characters." in weak.content.decode()
    good = "a long and unusual phrase 2026"
    response = browser.post("/accounts/password/choose/", {"new_password1": good, "new_password2": good})
    assert (response.status_code, response["Location"]) == (302, "/accounts/two-factor/setup/")
    assert User.objects.get(username="nia").check_password(good)
    assert browser.get("/accounts/two-factor/setup/").status_code == 200


def test_choosing_a_password_needs_a_set_up_link() -> None:
    assert Client().get("/accounts/password/choose/").status_code == 403
