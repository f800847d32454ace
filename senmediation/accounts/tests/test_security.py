import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from senmediation.accounts.models import LoginFailure
from senmediation.accounts.tests.helpers import verified_client
from senmediation.accounts.validators import BreachedPasswordValidator
from senmediation.core import clock
from senmediation.testing.fixtures import TEST_PASSWORD

pytestmark = pytest.mark.django_db


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
    LoginFailure.objects.bulk_create(
        [LoginFailure(username=f"user{i}", ip_address="127.0.0.1", at=clock.now()) for i in range(20)]
    )
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
    LoginFailure.objects.bulk_create(  # one person's mistakes (the lockout stops them adding more)
        [LoginFailure(username="coord", ip_address="127.0.0.1", at=clock.now()) for _ in range(25)]
    )
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
    LoginFailure.objects.bulk_create(
        [LoginFailure(username="coord", ip_address=f"203.0.113.{i}", at=clock.now()) for i in range(10)]
    )
    response = Client().post("/accounts/sign-in/", {"username": "coord", "password": TEST_PASSWORD})
    assert response.status_code == 400 and "this account is locked" in response.content.decode()
