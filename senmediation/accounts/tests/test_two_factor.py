import pytest
from django.test import Client
from django_otp.plugins.otp_static.models import StaticToken

from senmediation.accounts.tests.helpers import (
    enrolment_path_make,
    totp_code,
    totp_code_from_secret,
    totp_device_make,
    verified_client,
)
from testsupport.fixtures import TEST_PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _otp_required(settings):
    settings.OTP_REQUIRED = True
    # django-otp also slows down retries after a wrong code; these tests retry at once.
    settings.OTP_TOTP_THROTTLE_FACTOR = 0


def _password(client: Client, username: str = "coord", password: str = TEST_PASSWORD):
    return client.post("/accounts/sign-in/", {"username": username, "password": password})


def test_first_sign_in_sets_up_the_app_and_shows_recovery_codes_once(client: Client, coordinator) -> None:
    coordinator.email = "cora@example.org"
    coordinator.save()
    client.get(enrolment_path_make(coordinator))
    response = _password(client)
    assert response["Location"] == "/accounts/two-factor/setup/"
    assert client.get("/staff/").status_code == 302  # not signed in yet
    page = client.get("/accounts/two-factor/setup/").content.decode()
    assert 'src="data:image/svg+xml;base64,' in page
    secret = page.split('id="totp-secret">')[1].split("</code>")[0]
    assert client.post("/accounts/two-factor/setup/", {"code": "000000"}).status_code == 400
    response = client.post("/accounts/two-factor/setup/", {"code": totp_code_from_secret(secret)})
    assert response["Location"] == "/accounts/two-factor/recovery-codes/"
    codes_page = client.get("/accounts/two-factor/recovery-codes/").content.decode()
    assert codes_page.count("<li><code>") == 10
    assert client.get("/accounts/two-factor/recovery-codes/").status_code == 302  # shown once
    assert client.get("/staff/").status_code == 200


def test_returning_user_enters_a_code(client: Client, coordinator) -> None:
    device = totp_device_make(coordinator)
    assert _password(client)["Location"] == "/accounts/two-factor/"
    assert client.get("/accounts/two-factor/setup/")["Location"] == "/accounts/two-factor/"  # no second app
    response = client.post("/accounts/two-factor/", {"code": "123 456"})
    assert response.status_code == 400 and "security code is not right" in response.content.decode()
    response = client.post("/accounts/two-factor/", {"code": totp_code(device)})
    assert response["Location"] == "/staff/"
    assert client.get("/staff/").status_code == 200


def test_a_recovery_code_works_once(client: Client, coordinator) -> None:
    from senmediation.accounts.otp import recovery_codes_issue

    totp_device_make(coordinator)
    code = recovery_codes_issue(user=coordinator)[0]
    _password(client)
    assert client.post("/accounts/two-factor/", {"code": code})["Location"] == "/staff/"
    assert StaticToken.objects.count() == 9


def test_recovery_codes_are_stored_only_hashed(coordinator) -> None:
    from senmediation.accounts.otp import recovery_code_digest, recovery_codes_issue

    codes = recovery_codes_issue(user=coordinator)
    stored = set(StaticToken.objects.values_list("token", flat=True))
    assert not stored & set(codes)
    assert stored == {recovery_code_digest(code) for code in codes}


def test_wrong_codes_lock_the_account(client: Client, coordinator) -> None:
    device = totp_device_make(coordinator)
    _password(client)
    for _ in range(5):
        client.post("/accounts/two-factor/", {"code": "000000"})
    response = client.post("/accounts/two-factor/", {"code": totp_code(device)})
    assert response.status_code == 400 and "locked" in response.content.decode()


def test_code_page_without_a_password_goes_back_to_sign_in(client: Client, coordinator) -> None:
    assert client.get("/accounts/two-factor/")["Location"] == "/accounts/sign-in/"
    assert client.get("/accounts/two-factor/setup/")["Location"] == "/accounts/sign-in/"


def test_password_alone_does_not_open_staff_pages(coordinator) -> None:
    client = Client()
    client.force_login(coordinator)
    assert client.get("/staff/").status_code == 302
    assert verified_client(coordinator).get("/staff/").status_code == 200


def test_admin_asks_for_the_second_factor(administrator) -> None:
    client = Client()
    client.force_login(administrator)
    assert client.get("/admin/").status_code == 302
    assert verified_client(administrator).get("/admin/").status_code == 200
