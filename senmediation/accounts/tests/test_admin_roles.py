"""Role grants in the admin: an administrator changes no account (themselves included); a manager grants
the roles below their own (accounts/ceiling.py)."""

import pytest
from django.contrib.auth.models import Group

from senmediation.accounts.models import User
from senmediation.accounts.roles import Role, has_role
from senmediation.audit.models import AuditEntry
from testsupport.fixtures import client_for, user_make

pytestmark = pytest.mark.django_db


@pytest.fixture
def plain_administrator(reference_data) -> User:
    return user_make("admin1", Role.ADMINISTRATOR, is_staff=True)


def _form(user: User, **changes) -> dict:
    data = {
        "username": user.username, "first_name": "New", "last_name": "Name", "email": "", "is_active": "on",
        "is_staff": "on" if user.is_staff else "", "date_joined_0": "2026-01-01", "date_joined_1": "09:00:00",
        "local_authority": "", "phone": "",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value != ""}


def _manager_group() -> int:
    return Group.objects.get(name=Role.MANAGER.value).pk


def test_an_administrator_cannot_make_themselves_a_manager_or_superuser(plain_administrator) -> None:
    client = client_for(plain_administrator)
    url = f"/admin/accounts/user/{plain_administrator.pk}/change/"
    response = client.post(url, _form(plain_administrator, is_superuser="on", groups=[_manager_group()]))
    assert response.status_code == 403
    plain_administrator.refresh_from_db()
    plain_administrator.__dict__.pop("_role_cache", None)
    assert plain_administrator.first_name == ""
    assert not plain_administrator.is_superuser
    assert not has_role(plain_administrator, Role.MANAGER)
    assert has_role(plain_administrator, Role.ADMINISTRATOR)


def test_an_administrator_cannot_grant_roles_to_others(plain_administrator, coordinator) -> None:
    response = client_for(plain_administrator).post(
        f"/admin/accounts/user/{coordinator.pk}/change/", _form(coordinator, groups=[_manager_group()])
    )
    assert response.status_code == 403
    assert list(coordinator.groups.values_list("name", flat=True)) == ["coordinator"]


def test_an_administrator_cannot_change_a_managers_account_or_password(plain_administrator, manager) -> None:
    client = client_for(plain_administrator)
    assert client.get(f"/admin/accounts/user/{manager.pk}/change/").status_code == 200  # view only
    assert client.post(f"/admin/accounts/user/{manager.pk}/change/", _form(manager)).status_code == 403
    response = client.post(
        f"/admin/accounts/user/{manager.pk}/password/",
        {"password1": "a-new-long-passphrase-here", "password2": "a-new-long-passphrase-here"},
    )
    assert response.status_code == 403
    manager.refresh_from_db()
    assert manager.check_password("a-new-long-passphrase-here") is False


def test_a_manager_grants_a_role_and_the_audit_log_records_it(manager, coordinator) -> None:
    manager.is_staff = True
    manager.save()
    response = client_for(manager).post(
        f"/admin/accounts/user/{coordinator.pk}/change/",
        _form(coordinator, groups=[Group.objects.get(name="mediator").pk, Group.objects.get(name="coordinator").pk]),
    )
    assert response.status_code == 302
    assert sorted(coordinator.groups.values_list("name", flat=True)) == ["coordinator", "mediator"]
    entry = AuditEntry.objects.get(view_name="admin:accounts_user_roles")
    assert (entry.username, entry.action) == (manager.username, "change")
    assert entry.detail == f"roles of user {coordinator.pk}: coordinator -> coordinator,mediator"


def test_a_manager_cannot_change_their_own_roles(manager) -> None:
    manager.is_staff = True
    manager.save()
    response = client_for(manager).post(f"/admin/accounts/user/{manager.pk}/change/", _form(manager, groups=[]))
    assert response.status_code == 403
    assert list(manager.groups.values_list("name", flat=True)) == ["manager"]
