import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from senmediation.accounts.models import EnrolmentLink, User
from senmediation.accounts.roles import Role, user_roles

ARGS = ["--username", "priya", "--email", "priya@example.org", "--first-name", "Priya", "--last-name", "Shah"]


@pytest.mark.django_db
def test_staff_create_makes_the_first_manager(monkeypatch, capsys) -> None:
    monkeypatch.setenv("STAFF_PASSWORD", "a long and unusual passphrase")
    call_command("staff_create", *ARGS, "--role", "manager")
    user = User.objects.get(username="priya")
    assert user_roles(user) == frozenset({Role.MANAGER})
    assert (user.is_staff, user.is_superuser) == (False, False)
    assert user.check_password("a long and unusual passphrase")
    assert capsys.readouterr().out == (
        "Created priya (manager).\n"
        "A link to set up their authenticator app was e-mailed to priya@example.org. It works once, for 24 hours.\n"
    )
    [sent] = mail.outbox
    assert sent.to == ["priya@example.org"] and "http://127.0.0.1:8000/accounts/two-factor/enrol/" in sent.body
    assert EnrolmentLink.objects.get().user == user


@pytest.mark.django_db
def test_staff_create_refuses_a_weak_password_and_a_taken_name(monkeypatch) -> None:
    monkeypatch.setenv("STAFF_PASSWORD", "short")
    with pytest.raises(CommandError) as weak:
        call_command("staff_create", *ARGS, "--role", "manager")
    assert str(weak.value) == "This password is too short. It must contain at least 12 characters."
    monkeypatch.setenv("STAFF_PASSWORD", "a long and unusual passphrase")
    call_command("staff_create", *ARGS, "--role", "administrator")
    assert User.objects.get(username="priya").is_superuser is False
    with pytest.raises(CommandError) as taken:
        call_command("staff_create", *ARGS, "--role", "manager")
    assert str(taken.value) == "There is already a user called priya."
