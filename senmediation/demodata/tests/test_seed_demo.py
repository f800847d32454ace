import pytest
from django.core.management import CommandError, call_command

from senmediation.accounts.models import User
from senmediation.accounts.roles import Role, user_roles
from senmediation.directory.models import LocalAuthority, Provider, SignpostingAgency, Venue


@pytest.mark.django_db
def test_seed_demo_loads_the_seed_provider_and_one_user_per_role(monkeypatch, capsys, settings) -> None:
    settings.DEMO_MODE = True
    monkeypatch.setenv("DEMO_PASSWORD", "a long demo password")
    call_command("seed_demo")
    provider = Provider.objects.get(is_current=True)
    assert provider.phone == "03330 062 835"
    assert "B72 1EA" in provider.address
    trafford = LocalAuthority.objects.get(name="Trafford")
    assert trafford.commissions_us and trafford.free_for_residents
    expected = {
        "coordinator": Role.COORDINATOR, "mediator1": Role.MEDIATOR, "mediator2": Role.MEDIATOR,
        "manager": Role.MANAGER, "commissioner.trafford": Role.COMMISSIONER, "admin": Role.ADMINISTRATOR,
    }
    for username, role in expected.items():
        user = User.objects.get(username=username)
        assert role in user_roles(user)
        assert user.check_password("a long demo password")
    assert User.objects.get(username="commissioner.trafford").local_authority == trafford
    assert "commissioner.trafford" in capsys.readouterr().out


@pytest.mark.django_db
def test_seed_demo_twice_duplicates_nothing(monkeypatch, settings) -> None:
    settings.DEMO_MODE = True
    monkeypatch.setenv("DEMO_PASSWORD", "a long demo password")
    call_command("seed_demo")
    counts = [m.objects.count() for m in (Provider, LocalAuthority, SignpostingAgency, Venue, User)]
    call_command("seed_demo")
    assert [m.objects.count() for m in (Provider, LocalAuthority, SignpostingAgency, Venue, User)] == counts


@pytest.mark.django_db
def test_seed_demo_refuses_without_debug_or_demo_mode(monkeypatch, settings) -> None:
    settings.DEBUG = False
    settings.DEMO_MODE = False
    monkeypatch.setenv("DEMO_PASSWORD", "a long demo password")
    with pytest.raises(CommandError) as refused:
        call_command("seed_demo")
    assert str(refused.value) == (
        "seed_demo runs only with DEBUG=1 or DEMO_MODE=1: demo users must never exist on a live service."
    )
    assert User.objects.count() == 0
