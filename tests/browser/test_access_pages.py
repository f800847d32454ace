"""Managing staff and API access in a real headless Chromium: a manager invites a coordinator, who opens
the e-mailed link, chooses a password and reaches the app set-up; the manager issues an API key and is
told plainly why a webhook address is refused. 0 axe violations at every step, error states included."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from senmediation.accounts.models import User
from senmediation.accounts.roles import Role
from senmediation.api.models import ApiKey, Organisation
from senmediation.demodata.reference import demo_reference_data_load
from testsupport.browser import ERROR_TITLE, assert_accessible, sign_in
from testsupport.fixtures import TEST_PASSWORD, user_make

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_manager_invites_someone_who_chooses_a_password_and_sets_up_their_app(page, browser, live_server) -> None:
    demo_reference_data_load()
    user_make("boss", Role.MANAGER, first_name="Mina", last_name="Manager", email="mina@example.org")
    other = user_make("boss2", Role.MANAGER, first_name="Omar", last_name="Other", email="omar@example.org")
    sign_in(page, "boss", TEST_PASSWORD)
    page.get_by_role("link", name="Staff", exact=True).click()
    expect(page.get_by_role("heading", name="Staff", exact=True)).to_be_visible()
    expect(page.get_by_text("boss2 (view only: above your role)")).to_be_visible()
    assert_accessible(page)
    page.goto(f"/staff/people/{other.pk}/")
    expect(page.get_by_text("Only someone above this role can change this account.")).to_be_visible()
    page.goto("/staff/people/invite/")
    page.get_by_role("button", name="Send invitation").click()
    expect(page).to_have_title(ERROR_TITLE)
    assert_accessible(page)
    page.get_by_label("First name").fill("Sam")
    page.get_by_label("Last name").fill("Jones")
    page.get_by_label("E-mail address").fill("sam.jones@example.org")
    page.get_by_label("Username").fill("sam.jones")
    page.get_by_label("Coordinator (mediation adviser)").check()
    page.get_by_role("button", name="Send invitation").click()
    expect(page.get_by_role("heading", name="Sam Jones")).to_be_visible()
    assert_accessible(page)
    sam = User.objects.get(username="sam.jones")
    assert (sam.has_usable_password(), sam.is_superuser) == (False, False)
    [invitation] = mail.outbox
    assert invitation.to == ["sam.jones@example.org"]
    path = "/" + re.search(r"https?://[^/]+/(\S+)", invitation.body).group(1)  # type: ignore[union-attr]

    phone = browser.new_context(base_url=live_server.url, bypass_csp=True, locale="en-GB",
                                viewport={"width": 390, "height": 844}).new_page()
    phone.goto(path)
    expect(phone.get_by_role("heading", name="Choose your password")).to_be_visible()
    assert_accessible(phone)
    phone.get_by_label("Choose a password").fill("short")
    phone.get_by_label("Type the same password again").fill("short")
    phone.get_by_role("button", name="Save password and continue").click()
    expect(phone).to_have_title(ERROR_TITLE)
    assert_accessible(phone)
    phone.get_by_label("Choose a password").fill("a long and unusual phrase 2026")
    phone.get_by_label("Type the same password again").fill("a long and unusual phrase 2026")
    phone.get_by_role("button", name="Save password and continue").click()
    expect(phone).to_have_url(re.compile(r"/accounts/two-factor/setup/$"))
    assert_accessible(phone)
    phone.context.close()


def test_a_manager_issues_an_api_key_and_a_private_webhook_address_is_refused(page) -> None:
    demo_reference_data_load()
    user_make("boss", Role.MANAGER, first_name="Mina", last_name="Manager", email="mina@example.org")
    organisation = Organisation.objects.create(name="Stockport case system", kind=Organisation.Kind.OTHER)
    sign_in(page, "boss", TEST_PASSWORD)
    page.get_by_role("link", name="API access", exact=True).click()
    assert_accessible(page)
    page.goto(f"/staff/access/api/organisations/{organisation.pk}/keys/new/")
    page.get_by_role("button", name="Issue the key").click()
    expect(page).to_have_title(ERROR_TITLE)
    assert_accessible(page)
    page.get_by_label("What is the key for?").fill("Case system (live)")
    page.get_by_label(re.compile(r"^referrals:write")).check()
    page.get_by_role("button", name="Issue the key").click()
    expect(page.get_by_text("Copy the key now. It will not be shown again.")).to_be_visible()
    assert_accessible(page)
    key = ApiKey.objects.get()
    expect(page.locator("#shown-secret")).to_have_text(re.compile(rf"^sm_{key.prefix}_"))
    page.goto(f"/staff/access/api/organisations/{organisation.pk}/webhooks/new/")
    page.get_by_label("Receiver's address").fill("http://127.0.0.1:8000/metrics")
    page.get_by_role("button", name="Add the endpoint").click()
    expect(page).to_have_title(ERROR_TITLE)
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter an address starting with https://")
    assert_accessible(page)
