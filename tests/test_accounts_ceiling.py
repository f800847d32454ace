"""The role ceiling (accounts/ceiling.py) and the two findings it closes: an Administrator who was a
superuser could make itself a manager; a manager could take over a superuser's account."""

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import call_command

from senmediation.accounts.ceiling import account_rank, may_manage_account, may_set_roles, roles_grantable
from senmediation.accounts.models import EnrolmentLink, User
from senmediation.accounts.roles import Role, user_roles
from senmediation.demodata.reference import demo_users_create
from testsupport.fixtures import client_for, user_make

pytestmark = pytest.mark.django_db


def _form(user: User, **changes) -> dict:
    data = {
        "username": user.username, "first_name": "New", "last_name": "Name", "email": user.email,
        "is_active": "on", "is_staff": "on" if user.is_staff else "", "date_joined_0": "2026-01-01",
        "date_joined_1": "09:00:00", "local_authority": "", "phone": "",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value != ""}


def _group(role: Role) -> int:
    return Group.objects.get(name=role.value).pk


def _fresh(user: User) -> User:
    return User.objects.get(pk=user.pk)


# ---- the rule -------------------------------------------------------------------------------------

def test_ranks_and_what_each_may_grant(reference_data) -> None:
    manager = user_make("r-boss", Role.MANAGER)
    other_manager = user_make("r-boss2", Role.MANAGER)
    coordinator = user_make("r-coord", Role.COORDINATOR)
    administrator = user_make("r-admin", Role.ADMINISTRATOR, is_staff=True)
    superuser = user_make("r-root", None, is_staff=True, is_superuser=True)
    assert [account_rank(u) for u in (coordinator, administrator, manager, superuser)] == [1, 1, 2, 3]
    assert roles_grantable(manager) == [Role.COORDINATOR, Role.MEDIATOR, Role.COMMISSIONER, Role.ADMINISTRATOR]
    assert roles_grantable(administrator) == []
    assert roles_grantable(coordinator) == []
    assert roles_grantable(superuser) == list(Role)
    assert may_manage_account(manager, coordinator) is True
    assert may_manage_account(manager, administrator) is True
    assert may_manage_account(manager, other_manager) is False
    assert may_manage_account(manager, superuser) is False
    assert may_manage_account(manager, manager) is False
    assert may_manage_account(administrator, coordinator) is False
    assert may_manage_account(superuser, superuser) is False
    assert may_manage_account(superuser, manager) is True
    before = frozenset({Role.COORDINATOR})
    assert may_set_roles(manager, coordinator, before=before, after=before | {Role.MEDIATOR}) is True
    assert may_set_roles(manager, coordinator, before=before, after=before | {Role.MANAGER}) is False


# ---- finding 1: an Administrator is not a superuser ----------------------------------------------

def test_staff_create_makes_an_administrator_who_is_not_a_superuser(monkeypatch) -> None:
    monkeypatch.setenv("STAFF_PASSWORD", "a long and unusual passphrase")
    call_command("staff_create", "--username", "ada", "--email", "ada@example.org", "--first-name", "Ada",
                 "--last-name", "Admin", "--role", "administrator")
    user = User.objects.get(username="ada")
    assert (user.is_staff, user.is_superuser) == (True, False)


def test_the_demo_administrator_is_not_a_superuser(reference_data) -> None:
    demo_users_create(password="a long and unusual passphrase")
    admin = User.objects.get(username="admin")
    assert (admin.is_staff, admin.is_superuser) == (True, False)
    assert User.objects.filter(is_superuser=True).count() == 0


def test_the_demo_administrator_cannot_make_itself_a_manager(reference_data) -> None:
    demo_users_create(password="a long and unusual passphrase")
    admin = User.objects.get(username="admin")
    client_for(admin).post(f"/admin/accounts/user/{admin.pk}/change/",
                           _form(admin, groups=[_group(Role.ADMINISTRATOR), _group(Role.MANAGER)]))
    assert user_roles(_fresh(admin)) == frozenset({Role.ADMINISTRATOR})


def test_an_administrator_changes_no_account_in_the_admin(reference_data, coordinator) -> None:
    administrator = user_make("adm", Role.ADMINISTRATOR, is_staff=True)
    client = client_for(administrator)
    assert client.post(f"/admin/accounts/user/{coordinator.pk}/change/", _form(coordinator)).status_code == 403
    response = client.post(f"/admin/accounts/user/{coordinator.pk}/password/",
                           {"password1": "a-new-long-passphrase-here", "password2": "a-new-long-passphrase-here"})
    assert response.status_code == 403
    assert _fresh(coordinator).check_password("a-new-long-passphrase-here") is False


def test_a_superuser_cannot_change_its_own_roles(reference_data) -> None:
    root = user_make("root", Role.ADMINISTRATOR, is_staff=True, is_superuser=True, email="root@example.org")
    client_for(root).post(f"/admin/accounts/user/{root.pk}/change/",
                          _form(root, groups=[_group(Role.ADMINISTRATOR), _group(Role.MANAGER)]))
    assert user_roles(_fresh(root)) == frozenset({Role.ADMINISTRATOR})


# ---- finding 2: a manager cannot take over an account at or above their own ----------------------

@pytest.fixture
def admin_manager(reference_data) -> User:
    return user_make("staffboss", Role.MANAGER, is_staff=True, email="boss@example.org")


def test_a_manager_cannot_change_a_superusers_email_password_or_second_factor(admin_manager) -> None:
    root = user_make("root", None, is_staff=True, is_superuser=True, email="root@example.org")
    client = client_for(admin_manager)
    assert client.post(f"/admin/accounts/user/{root.pk}/change/",
                       _form(root, email="attacker@example.net")).status_code == 403
    assert client.post(f"/admin/accounts/user/{root.pk}/password/",
                       {"password1": "a-new-long-passphrase-here",
                        "password2": "a-new-long-passphrase-here"}).status_code == 403
    assert client.post(f"/admin/accounts/user/{root.pk}/authenticator-link/").status_code == 403
    root = _fresh(root)
    assert root.email == "root@example.org"
    assert root.check_password("a-new-long-passphrase-here") is False
    assert EnrolmentLink.objects.count() == 0 and mail.outbox == []


def test_a_manager_cannot_take_over_another_manager(admin_manager) -> None:
    other = user_make("boss2", Role.MANAGER, email="boss2@example.org")
    client = client_for(admin_manager)
    assert client.post(f"/admin/accounts/user/{other.pk}/change/", _form(other, is_active="")).status_code == 403
    assert client.post(f"/admin/accounts/user/{other.pk}/authenticator-link/").status_code == 403
    assert _fresh(other).is_active is True


def test_a_manager_cannot_grant_the_manager_role(admin_manager, coordinator) -> None:
    response = client_for(admin_manager).post(
        f"/admin/accounts/user/{coordinator.pk}/change/",
        _form(coordinator, groups=[_group(Role.COORDINATOR), _group(Role.MANAGER)]))
    assert response.status_code == 200  # the form again, with the error
    assert "You cannot give or take away the role: manager." in response.content.decode()
    assert user_roles(_fresh(coordinator)) == frozenset({Role.COORDINATOR})


def test_a_manager_cannot_change_an_email_address_directly_in_the_admin(admin_manager, coordinator) -> None:
    coordinator.email = "cora@example.org"
    coordinator.save()
    client_for(admin_manager).post(f"/admin/accounts/user/{coordinator.pk}/change/",
                                   _form(coordinator, email="attacker@example.net"))
    assert _fresh(coordinator).email == "cora@example.org"
