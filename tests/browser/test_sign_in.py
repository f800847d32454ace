"""Two-step sign-in in a real headless Chromium: set up an authenticator app, then sign in with a code."""

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from senmediation.accounts.roles import Role
from senmediation.accounts.tests.helpers import enrolment_path_make, totp_code, totp_code_from_secret
from senmediation.demodata.reference import demo_reference_data_load
from testsupport.browser import ERROR_TITLE, assert_accessible
from testsupport.fixtures import TEST_PASSWORD, user_make

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _password_step(page) -> None:
    page.goto("/accounts/sign-in/")
    assert_accessible(page)
    page.fill("#id_username", "coord")
    page.fill("#id_password", TEST_PASSWORD)
    page.click("button[type=submit]")


def test_set_up_totp_then_sign_in_with_a_code(page, settings) -> None:
    settings.OTP_REQUIRED = True
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # the test retries straight after a wrong code
    demo_reference_data_load()
    user = user_make("coord", Role.COORDINATOR, first_name="Cora", last_name="Ordinator", email="cora@example.org")

    page.goto(enrolment_path_make(user))  # the one-time set-up link a manager e-mailed
    _password_step(page)
    assert page.url.endswith("/accounts/two-factor/setup/")
    expect(page.get_by_role("img", name="QR code to add this service to your authenticator app")).to_be_visible()
    assert_accessible(page)
    page.click("button[type=submit]")  # no code: the error state
    expect(page).to_have_title(ERROR_TITLE)
    assert_accessible(page)
    secret = page.inner_text("#totp-secret")
    page.fill("#id_code", totp_code_from_secret(secret))
    page.click("button[type=submit]")
    assert page.url.endswith("/accounts/two-factor/recovery-codes/")
    assert page.locator("#recovery-codes li").count() == 10
    assert_accessible(page)
    page.get_by_role("link", name="I have saved my codes: continue").click()
    assert page.url.endswith("/staff/")

    page.get_by_role("button", name="Sign out").click()
    _password_step(page)
    assert page.url.endswith("/accounts/two-factor/")
    assert_accessible(page)
    page.fill("#id_code", "000000")
    page.click("button[type=submit]")
    expect(page).to_have_title(ERROR_TITLE)
    assert_accessible(page)
    device = TOTPDevice.objects.get(user=user, confirmed=True)
    page.fill("#id_code", totp_code(device, offset_steps=1))  # the set-up code's time step is used up
    page.click("button[type=submit]")
    assert page.url.endswith("/staff/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()


def test_both_sign_in_steps_work_without_javascript(page_without_js, settings) -> None:
    settings.OTP_REQUIRED = True
    demo_reference_data_load()
    user = user_make("coord", Role.COORDINATOR, first_name="Cora", last_name="Ordinator", email="cora@example.org")
    page = page_without_js
    page.goto(enrolment_path_make(user))
    assert page.url.endswith("/accounts/sign-in/")
    page.fill("#id_username", "coord")
    page.fill("#id_password", TEST_PASSWORD)
    page.click("button[type=submit]")
    assert page.url.endswith("/accounts/two-factor/setup/")
    page.fill("#id_code", totp_code_from_secret(page.inner_text("#totp-secret")))
    page.click("button[type=submit]")
    assert page.url.endswith("/accounts/two-factor/recovery-codes/")
    page.get_by_role("link", name="I have saved my codes: continue").click()
    assert page.url.endswith("/staff/")
    expect(page.get_by_role("heading", name="Work to do")).to_be_visible()
