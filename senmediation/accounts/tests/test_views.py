import pytest
from django.test import Client

from testsupport.fixtures import TEST_PASSWORD


@pytest.fixture(autouse=True)
def _password_step_only(settings):
    # These test the password step on its own (as in the demo); test_two_factor.py tests both steps.
    settings.OTP_REQUIRED = False


@pytest.mark.django_db
def test_staff_sign_in_lands_on_the_staff_dashboard(client: Client, coordinator) -> None:
    response = client.post("/accounts/sign-in/", {"username": "coord", "password": TEST_PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/staff/"
    assert client.get("/staff/").status_code == 200


@pytest.mark.django_db
def test_wrong_password_is_refused_with_a_plain_message(client: Client, coordinator) -> None:
    response = client.post("/accounts/sign-in/", {"username": "coord", "password": "wrong"})
    assert response.status_code == 400
    assert "username or password is not right" in response.content.decode()


@pytest.mark.django_db
def test_empty_form_says_what_to_enter(client: Client, reference_data) -> None:
    html = client.post("/accounts/sign-in/", {}).content.decode()
    assert "Enter your username" in html and "Enter your password" in html
    assert "There is a problem" in html
    assert "<title>Error: Sign in" in html


@pytest.mark.django_db
def test_repeated_failures_lock_the_account_even_with_the_right_password(client: Client, coordinator) -> None:
    for _ in range(5):
        client.post("/accounts/sign-in/", {"username": "coord", "password": "wrong"})
    response = client.post("/accounts/sign-in/", {"username": "coord", "password": TEST_PASSWORD})
    assert response.status_code == 400
    assert "locked" in response.content.decode()


@pytest.mark.django_db
def test_staff_pages_send_anonymous_visitors_to_sign_in(client: Client) -> None:
    response = client.get("/staff/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/sign-in/")


@pytest.mark.django_db
def test_open_redirects_are_refused(client: Client, coordinator) -> None:
    response = client.post(
        "/accounts/sign-in/", {"username": "coord", "password": TEST_PASSWORD, "next": "https://evil.example/"}
    )
    assert response["Location"] == "/staff/"


@pytest.mark.django_db
def test_idle_session_is_signed_out(client: Client, coordinator, settings) -> None:
    import time_machine

    client.post("/accounts/sign-in/", {"username": "coord", "password": TEST_PASSWORD})
    assert client.get("/staff/").status_code == 200
    with time_machine.travel(60 * 31 + __import__("time").time(), tick=False):
        response = client.get("/staff/")
    assert response.status_code == 302


@pytest.mark.django_db
def test_role_groups_carry_their_admin_permissions(reference_data) -> None:
    from django.contrib.auth.models import Group

    admin = Group.objects.get(name="administrator")
    assert admin.permissions.filter(codename="change_localauthority").exists()
    assert sorted(admin.permissions.filter(content_type__model="user").values_list("codename", flat=True)) == [
        "view_user"]  # people are managed by managers (accounts/ceiling.py)
    assert not admin.permissions.filter(content_type__app_label="cases").exists()
    manager = Group.objects.get(name="manager")
    assert manager.permissions.filter(codename="change_messagetemplate").exists()
    assert not Group.objects.get(name="commissioner").permissions.exists()


@pytest.mark.django_db
def test_a_busy_session_still_ends_8_hours_after_sign_in(client: Client, coordinator, settings) -> None:
    import time

    import time_machine

    settings.OTP_REQUIRED = False
    client.post("/accounts/sign-in/", {"username": "coord", "password": TEST_PASSWORD})
    start = time.time()
    for minutes in range(0, 8 * 60, 20):  # a request every 20 minutes: never idle
        with time_machine.travel(start + minutes * 60, tick=False):
            assert client.get("/staff/").status_code == 200
    with time_machine.travel(start + 8 * 60 * 60 + 60, tick=False):
        response = client.get("/staff/", follow=True)
    assert response.redirect_chain[0][0].startswith("/accounts/sign-in/")
    assert "You were signed out because you signed in more than 8 hours ago. Sign in again to carry on." in (
        response.content.decode())
