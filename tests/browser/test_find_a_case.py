"""The search box above every staff page in a real headless Chromium: a coordinator finds a case by a parent's
full name, by a phone number written another way than it was stored, and by the LA officer's name; the box
works from the keyboard, fits a 390 px phone screen, and axe finds nothing on any page."""

from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from senmediation.accounts.roles import Role
from senmediation.cases.models import Party
from senmediation.cases.services.opening import PartyInput
from senmediation.cases.tests.factories import case_make
from senmediation.core import clock
from senmediation.demodata.reference import demo_reference_data_load
from testsupport.browser import assert_accessible, sign_in
from testsupport.fixtures import TEST_PASSWORD, user_make

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path("/tmp/shots")
SEARCH_LABEL = "Search cases"


def _people(parent: str, phone: str, officer: str) -> list[PartyInput]:
    first = parent.split()[0].lower()
    return [
        PartyInput(role=Party.Role.PARENT, name=parent, email=f"{first}@example.com", phone=phone,
                   preferred_contact=["email"], is_main_contact=True),
        PartyInput(role=Party.Role.LA_OFFICER, name=officer, email=f"{officer.split()[0].lower()}@trafford.example",
                   preferred_contact=["email"]),
    ]


def _search_from_the_header(page, words: str) -> None:
    """Types into the header's box and presses Enter: the keyboard alone."""
    box = page.get_by_role("searchbox", name=SEARCH_LABEL, exact=True)
    box.focus()
    page.keyboard.type(words)
    with page.expect_navigation():
        page.keyboard.press("Enter")


def test_a_coordinator_finds_the_case_from_the_header_by_name_phone_and_la_officer(page) -> None:
    demo_reference_data_load()
    coordinator = user_make("coord", Role.COORDINATOR, first_name="Cora", last_name="Ordinator")
    today = clock.today()
    wanted = case_make(by=coordinator, today=today, parties=_people("Ravi Patel", "07700 900123", "Jo Officer"))
    # Another family whose parent and officer share first names with these, and most of the phone number.
    other = case_make(by=coordinator, today=today, child_first_name="Amy", child_last_name="Kumar",
                      parties=_people("Ravi Kumar", "07700 900456", "Jo Bloggs"))

    sign_in(page, "coord", TEST_PASSWORD)
    page.goto("/staff/")
    assert_accessible(page)
    for words in ("Ravi Patel", "+44 7700 900123", "Jo Officer"):
        _search_from_the_header(page, words)
        address = urlsplit(page.url)
        assert (address.path, parse_qs(address.query)) == ("/staff/cases/", {"q": [words]})
        expect(page.get_by_role("heading", level=1)).to_have_text("Cases")
        expect(page.get_by_role("status")).to_have_text("1 case matches; showing 1 to 1.")
        rows = page.locator("table.govuk-table tbody tr")
        expect(rows).to_have_count(1)
        expect(rows.first.locator("td").first).to_have_text(wanted.reference)
        assert_accessible(page)
        if words == "Ravi Patel":
            SHOTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(SHOTS / "find-coordinator-results-1280.png"))

    # A page further in (the case itself) carries the box too, and it finds the other family's officer.
    page.get_by_role("link", name=wanted.reference).click()
    expect(page).to_have_url(f"{page.url.split('/staff/')[0]}/staff/cases/{wanted.reference}/")
    _search_from_the_header(page, "Jo Bloggs")
    expect(page.get_by_role("status")).to_have_text("1 case matches; showing 1 to 1.")
    expect(page.locator("table.govuk-table tbody tr td").first).to_have_text(other.reference)


@pytest.mark.parametrize("width", [1280, 390])
def test_the_header_search_fits_the_screen_and_is_reached_by_keyboard(page, width: int) -> None:
    demo_reference_data_load()
    user_make("boss", Role.MANAGER, first_name="Mina", last_name="Manager")  # the longest staff navigation
    page.set_viewport_size({"width": width, "height": 800})
    sign_in(page, "boss", TEST_PASSWORD)
    page.goto("/staff/")
    box = page.get_by_role("searchbox", name=SEARCH_LABEL, exact=True)
    button = page.get_by_role("button", name="Search", exact=True)
    expect(box).to_be_visible()
    expect(button).to_be_visible()
    # Nothing runs off the side of the page, and the box and its button sit wholly inside it.
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    for part in (box, button):
        found = part.bounding_box()
        assert found is not None and found["x"] >= 0 and found["x"] + found["width"] <= width
    # Tab from the last navigation link lands in the box, then on its button.
    page.get_by_role("link", name="API access").focus()
    page.keyboard.press("Tab")
    expect(box).to_be_focused()
    page.keyboard.press("Tab")
    expect(button).to_be_focused()
    assert_accessible(page)
    SHOTS.mkdir(parents=True, exist_ok=True)
    button.blur()
    page.screenshot(path=str(SHOTS / f"find-header-{width}.png"), clip={"x": 0, "y": 0, "width": width, "height": 560})


def test_only_those_who_work_cases_get_the_box(page) -> None:
    demo_reference_data_load()
    user_make("admin", Role.ADMINISTRATOR, first_name="Ada", last_name="Min")
    sign_in(page, "admin", TEST_PASSWORD)
    page.goto("/staff/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Home")
    expect(page.get_by_role("search")).to_have_count(0)
    assert_accessible(page)
