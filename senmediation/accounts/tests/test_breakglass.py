"""Break-glass superusers (accounts/breakglass.py): made only by `manage.py breakglass`, for hours, with a
reason; every request audited; refused once the time is up."""

import datetime as dt

import pytest
import time_machine
from django.contrib.auth import authenticate
from django.core import mail
from django.core.management import CommandError, call_command

from senmediation.accounts.models import EnrolmentLink, User
from senmediation.audit.models import AuditEntry
from testsupport.fixtures import client_for

pytestmark = pytest.mark.django_db
PASSWORD = "a long and unusual passphrase"
OPENED = dt.datetime(2026, 12, 2, 9, 0, tzinfo=dt.UTC)


def _open(monkeypatch, *extra: str) -> User:
    monkeypatch.setenv("BREAKGLASS_PASSWORD", PASSWORD)
    call_command("breakglass", "--username", "glass", "--email", "ops@example.org",
                 "--reason", "Every manager is locked out after a phone upgrade", *extra)
    return User.objects.get(username="glass")


def test_djangos_createsuperuser_is_refused() -> None:
    with pytest.raises(CommandError, match="Superusers are made only for break-glass use"):
        call_command("createsuperuser", "--username", "root", "--email", "root@example.org", "--noinput")
    assert User.objects.count() == 0


@time_machine.travel(OPENED, tick=False)
def test_breakglass_opens_a_superuser_for_hours_with_the_reason_in_the_audit_log(monkeypatch, capsys) -> None:
    user = _open(monkeypatch, "--hours", "2")
    assert (user.is_superuser, user.is_staff, user.is_active) == (True, True, True)
    assert user.break_glass_until == OPENED + dt.timedelta(hours=2)
    entry = AuditEntry.objects.get(view_name="accounts:breakglass_open")
    assert entry.detail == ("break-glass superuser glass open until 2026-12-02 11:00 UTC: "
                            "Every manager is locked out after a phone upgrade")
    assert EnrolmentLink.objects.get().user == user
    assert mail.outbox[0].to == ["ops@example.org"]
    assert capsys.readouterr().out.startswith("glass is a superuser until 2 December 2026 at 11:00.")


def test_breakglass_wants_a_reason_and_a_short_time(monkeypatch) -> None:
    monkeypatch.setenv("BREAKGLASS_PASSWORD", PASSWORD)
    with pytest.raises(CommandError, match="Give the reason in a sentence"):
        call_command("breakglass", "--username", "glass", "--email", "o@example.org", "--reason", "why")
    with pytest.raises(CommandError, match="A break-glass account lasts from 1 to 12 hours."):
        call_command("breakglass", "--username", "glass", "--email", "o@example.org",
                     "--reason", "A long enough reason here", "--hours", "48")
    assert User.objects.count() == 0


def test_breakglass_will_not_turn_a_staff_account_into_a_superuser(monkeypatch, coordinator) -> None:
    monkeypatch.setenv("BREAKGLASS_PASSWORD", PASSWORD)
    with pytest.raises(CommandError, match="coord is a staff account"):
        call_command("breakglass", "--username", "coord", "--email", "o@example.org",
                     "--reason", "A long enough reason here")
    assert User.objects.get(username="coord").is_superuser is False


def test_a_lapsed_breakglass_account_cannot_sign_in_and_its_session_ends(monkeypatch, reference_data) -> None:
    with time_machine.travel(OPENED, tick=False):
        _open(monkeypatch, "--hours", "1")
        assert authenticate(username="glass", password=PASSWORD) is not None
    with time_machine.travel(OPENED + dt.timedelta(minutes=30), tick=False):
        client = client_for(User.objects.get(username="glass"))
        assert client.get("/admin/").status_code == 200
    with time_machine.travel(OPENED + dt.timedelta(hours=1, minutes=1), tick=False):
        assert authenticate(username="glass", password=PASSWORD) is None
        assert client.get("/admin/").status_code == 302  # signed out, to the sign-in page


def test_close_ends_it_at_once(monkeypatch) -> None:
    _open(monkeypatch)
    call_command("breakglass", "--username", "glass", "--close")
    user = User.objects.get(username="glass")
    assert (user.is_superuser, user.is_active, user.break_glass_until) == (False, False, None)
    assert AuditEntry.objects.filter(view_name="accounts:breakglass_close").count() == 1


def test_a_superuser_without_break_glass_time_is_refused(reference_data) -> None:
    old = User.objects.create_user(username="oldroot", password=PASSWORD, is_staff=True, is_superuser=True)
    assert authenticate(username="oldroot", password=PASSWORD) is None
    assert client_for(old).get("/admin/").status_code == 302


def test_every_request_of_a_breakglass_superuser_is_audited_public_pages_too(monkeypatch, reference_data) -> None:
    user = _open(monkeypatch)
    client = client_for(user)
    before = AuditEntry.objects.count()
    assert client.get("/").status_code == 200
    assert client.get("/admin/").status_code == 200
    entries = list(AuditEntry.objects.order_by("id")[before:].values_list("path", "user_id", "detail"))
    assert entries == [("/", user.pk, "break-glass superuser"), ("/admin/", user.pk, "break-glass superuser")]
