import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from senmediation.accounts import services
from senmediation.accounts.tests.helpers import verified_client
from senmediation.accounts.validators import BreachedPasswordValidator
from testsupport.fixtures import TEST_PASSWORD

pytestmark = pytest.mark.django_db


def _fail(username: str, ip_address: str) -> None:
    """One wrong password, as the sign-in page records it (nothing when the account is locked)."""
    attempt = services.login_attempt_start(username=username, ip_address=ip_address)
    if attempt.locked_until is None:
        services.login_failure_record(attempt)


@pytest.mark.parametrize("password", [
    "password123!", "Liverpool2024", "P@ssw0rd1234", "qwertyuiop123", "aaaaaaaaaaaaaa", "mediation2026!",
    "coord-is-my-name",
])
def test_weak_passwords_are_refused(password: str, coordinator) -> None:
    with pytest.raises(ValidationError):
        BreachedPasswordValidator().validate(password, coordinator)


def test_a_long_random_passphrase_is_accepted(coordinator) -> None:
    BreachedPasswordValidator().validate(TEST_PASSWORD, coordinator)
    BreachedPasswordValidator().validate("violet kettle harbour mango", coordinator)


def test_sign_in_refuses_a_post_without_a_csrf_token(coordinator) -> None:
    client = Client(enforce_csrf_checks=True)
    response = client.post("/accounts/sign-in/", {"username": "coord", "password": TEST_PASSWORD})
    assert response.status_code == 403


def test_many_failures_from_one_address_get_a_friendly_429(client: Client, coordinator, settings) -> None:
    settings.LOGIN_IP_LIMIT = 20
    for i in range(20):
        _fail(f"user{i}", "127.0.0.1")
    response = client.post("/accounts/sign-in/", {"username": "coord", "password": TEST_PASSWORD})
    assert response.status_code == 429
    assert "Too many attempts" in response.content.decode()
    assert client.get("/accounts/sign-in/").status_code == 200  # the page itself still shows


def test_staff_can_change_their_password(coordinator, settings) -> None:
    settings.OTP_REQUIRED = True
    settings.AUTH_PASSWORD_VALIDATORS = [
        *settings.AUTH_PASSWORD_VALIDATORS, {"NAME": "senmediation.accounts.validators.BreachedPasswordValidator"},
    ]
    client = verified_client(coordinator)
    assert client.get("/accounts/password/").status_code == 200
    weak = client.post("/accounts/password/", {
        "old_password": TEST_PASSWORD, "new_password1": "Liverpool2024", "new_password2": "Liverpool2024",
    })
    assert weak.status_code == 400 and "data breaches" in weak.content.decode()
    new = "plum lantern orbit cactus"
    response = client.post("/accounts/password/", {
        "old_password": TEST_PASSWORD, "new_password1": new, "new_password2": new,
    })
    assert response["Location"] == "/staff/"
    assert client.get("/staff/").status_code == 200  # still signed in, still verified
    coordinator.refresh_from_db()
    assert coordinator.check_password(new)


SECURITY_HEADERS = ("Content-Security-Policy", "X-Frame-Options", "Referrer-Policy", "Permissions-Policy")


def test_every_kind_of_response_carries_the_security_headers(client: Client, coordinator, settings) -> None:
    settings.OTP_REQUIRED = True
    staff = verified_client(coordinator)
    responses = {
        "public page": client.get("/"),
        "sign-in page": client.get("/accounts/sign-in/"),
        "staff page": staff.get("/staff/"),
        "redirect to sign in": client.get("/staff/cases/"),
        "not found": client.get("/no-such-page/"),
        "refused": staff.get("/staff/audit/subject-access/"),
    }
    assert [r.status_code for r in responses.values()] == [200, 200, 200, 302, 404, 403]
    for what, response in responses.items():
        missing = [h for h in SECURITY_HEADERS if not response.has_header(h)]
        assert not missing, f"{what} lacks {missing}"
        assert "unsafe-inline" not in response["Content-Security-Policy"]
        assert response["X-Frame-Options"] == "DENY"


def test_one_persons_failures_never_lock_out_colleagues_at_the_same_address(
    client: Client, coordinator, manager, settings
) -> None:
    settings.OTP_REQUIRED = False
    settings.LOGIN_IP_LIMIT = 20
    for _ in range(25):  # one person's mistakes (the lockout stops them adding more)
        _fail("coord", "127.0.0.1")
    response = Client().post("/accounts/sign-in/", {"username": manager.username, "password": TEST_PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/staff/"


def test_guessing_elsewhere_does_not_lock_the_real_user_out(coordinator, settings) -> None:
    settings.OTP_REQUIRED = False
    settings.TRUSTED_PROXY_COUNT = 1
    attacker, colleague = {"HTTP_X_FORWARDED_FOR": "203.0.113.66"}, {"HTTP_X_FORWARDED_FOR": "198.51.100.4"}
    for _ in range(5):
        Client().post("/accounts/sign-in/", {"username": "coord", "password": "wrong"}, **attacker)
    locked = Client().post("/accounts/sign-in/", {"username": "coord", "password": TEST_PASSWORD}, **attacker)
    assert locked.status_code == 400 and "this account is locked for 15 more minutes" in locked.content.decode()
    response = Client().post("/accounts/sign-in/", {"username": "coord", "password": TEST_PASSWORD}, **colleague)
    assert response.status_code == 302 and response["Location"] == "/staff/"


def test_guessing_one_account_from_many_addresses_locks_that_account(coordinator, settings) -> None:
    settings.OTP_REQUIRED = False
    settings.LOGIN_USER_LIMIT = 10
    for i in range(10):
        _fail("coord", f"203.0.113.{i}")
    response = Client().post("/accounts/sign-in/", {"username": "coord", "password": TEST_PASSWORD})
    assert response.status_code == 400 and "this account is locked" in response.content.decode()


def test_the_lock_lasts_its_minutes_from_the_last_failure_across_windows(coordinator, settings, time_machine) -> None:
    settings.OTP_REQUIRED = False
    time_machine.move_to(dt.datetime(2026, 11, 2, 10, 14, tzinfo=dt.UTC), tick=False)  # a minute before a window ends
    for _ in range(5):
        assert Client().post("/accounts/sign-in/", {"username": "coord", "password": "wrong"}).status_code == 400
    time_machine.move_to(dt.datetime(2026, 11, 2, 10, 28, 30, tzinfo=dt.UTC), tick=False)
    locked = Client().post("/accounts/sign-in/", {"username": "coord", "password": TEST_PASSWORD})
    assert "this account is locked for 1 more minutes" in locked.content.decode()
    time_machine.move_to(dt.datetime(2026, 11, 2, 10, 29, 1, tzinfo=dt.UTC), tick=False)
    response = Client().post("/accounts/sign-in/", {"username": "coord", "password": TEST_PASSWORD})
    assert response.status_code == 302


def test_an_address_is_refused_after_failures_for_so_many_different_accounts(coordinator, settings) -> None:
    settings.LOGIN_IP_LIMIT = 3
    for username in ("ann", "ann", "ann", "bob", "bob"):  # one account's repeats count once
        _fail(username, "127.0.0.1")
    assert not services.ip_rate_limited(ip_address="127.0.0.1")
    _fail("cat", "127.0.0.1")
    assert services.ip_rate_limited(ip_address="127.0.0.1")
    assert not services.ip_rate_limited(ip_address="127.0.0.2")
    assert Client().post("/accounts/sign-in/", {"username": "coord", "password": TEST_PASSWORD}).status_code == 429
