"""The referral journey in a real headless Chromium: whole journeys for a parent, a young person and an
IASS officer, the stops and signposts, axe on every page (errors too), no JavaScript, keyboard only."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from playwright.sync_api import expect

from senmediation.cases.models import Case
from senmediation.core import clock
from senmediation.demodata.reference import demo_reference_data_load
from senmediation.directory.models import LocalAuthority
from testsupport.browser import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def years_ago(years: int) -> dt.date:
    today = clock.today()
    return today.replace(year=today.year - years, day=min(today.day, 28))


class Journey:
    """Drives one browser through the questions; runs axe on each page it reaches when asked to."""

    def __init__(self, page: Any, *, axe: bool = True) -> None:
        self.page = page
        self.axe = axe
        self.seen: list[str] = []

    def at(self, slug: str) -> Journey:
        assert re.search(rf"/refer/{re.escape(slug)}/(\?change=1)?$", self.page.url), (slug, self.page.url)
        # The address changes as the navigation starts; wait for the page's one heading before reading it.
        expect(self.page.locator("h1")).to_have_count(1)
        self.seen.append(slug)
        if self.axe:
            assert_accessible(self.page)
        return self

    def check(self, label: str) -> Journey:
        self.page.get_by_label(label, exact=True).check()
        return self

    def fill(self, label: str, text: str) -> Journey:
        self.page.get_by_label(label, exact=True).fill(text)
        return self

    def date(self, name: str, day: dt.date) -> Journey:
        self.page.fill(f"#id_{name}_0", str(day.day))
        self.page.fill(f"#id_{name}_1", str(day.month))
        self.page.fill(f"#id_{name}_2", str(day.year))
        return self

    def next(self, button: str = "Continue") -> Journey:
        self.page.get_by_role("button", name=button).click()
        self.page.wait_for_load_state()
        return self


def start(page: Any, *, axe: bool = True) -> Journey:
    page.goto("/")
    page.get_by_role("button", name="Start now").click()
    journey = Journey(page, axe=axe)
    assert page.url.endswith("/refer/")
    if axe:
        assert_accessible(page)
    page.get_by_role("button", name="Start now").click()
    return journey


def begin(page: Any, *, axe: bool = False) -> Journey:
    page.goto("/refer/who/")
    return Journey(page, axe=axe)


def trafford_value() -> str:
    return str(LocalAuthority.objects.get(name="Trafford").pk)


def family_pages(j: Journey, *, views: bool = True) -> None:
    """From the local authority question to check your answers, as a parent would answer."""
    j.at("local-authority").page.get_by_label("Which local authority made the decision?").select_option(
        trafford_value())
    j.next().at("disagreement")
    assert "Mediation and mediation advice are free for you: Trafford pays for them." in j.page.content()
    j.check("The support set out in the plan (section F: special educational provision)")
    j.check("The health care in the plan (section C: health needs, and section G: health provision)").next()
    j.at("summary").fill("Describe the disagreement in your own words (optional)",
                         "Speech therapy was cut to once a term.").next()
    j.at("decision-date").date("decision_date", clock.today() - dt.timedelta(days=55)).next()
    j.at("key-dates")
    assert "Warning" in j.page.content()  # 2 months from the letter is close
    j.next().at("wants").check("Mediation: a meeting, led by an independent mediator, to try to reach an agreement")
    j.next().at("child").fill("First name", "Sam").fill("Last name", "Patel").date("date_of_birth", years_ago(10))
    j.next().at("contact-methods").check("Email").check("Phone call")
    j.fill("Best times to call or text (optional)", "Weekday mornings").next()


def contact_to_check(j: Journey, *, name: str | None) -> None:
    j.at("contact")
    if name:
        j.page.locator("#id_name").fill(name)
    j.page.locator("#id_email").fill("ravi@example.com")
    j.page.locator("#id_phone").fill("07700 900123")
    j.page.locator("#id_address").fill("1 High Street\nSale")
    j.next().at("capacity").check("No")
    j.next().at("language").page.locator("#id_language").fill("Gujarati")
    j.next().at("adjustments").check("An interpreter for a spoken language")
    j.check("Letters and documents in large print").page.locator("#id_notes").fill("Mornings suit best")
    j.next().at("child-views").page.locator("#id_views").fill("I like art.")
    j.page.locator("#id_help_wanted").check()
    j.next().at("check")


def test_parent_journey_with_errors_change_link_and_confirmation(page) -> None:
    demo_reference_data_load()
    j = start(page)
    j.at("who").next()  # nothing chosen: the error state
    expect(page).to_have_title(re.compile(r"^Error: What is your relationship to the child or young person\?"))
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    j.at("who").check("I am their parent or carer").next()
    family_pages(j)
    j.at("contact").next()  # nothing typed: errors for the fields email and phone need
    expect(page).to_have_title(re.compile(r"^Error: Your contact details"))
    page.locator("#id_phone").fill("0161 12")
    j.next()
    expect(page.get_by_text("The phone number is too short").first).to_be_visible()
    contact_to_check(j, name="Ravi Patel")
    assert "Gujarati" in page.content()
    j.axe = False  # pages already checked
    page.get_by_role("link", name="Change language").click()
    j.at("language").page.locator("#id_language").fill("Polish")
    j.next().at("check")
    assert "Polish" in page.content()
    j.next("Send request")
    assert page.url.endswith("/refer/confirmation/")
    assert_accessible(page)
    case = Case.objects.get()
    assert case.reference in page.locator(".govuk-panel").inner_text()
    assert (case.source, case.channel, case.state, case.wants) == ("parent", "online", "enquiry", "mediation")
    assert case.decisions == ["plan_provision"] and case.elements == ["education", "health"]
    assert case.summary == "Speech therapy was cut to once a term." and case.child_views == "I like art."
    assert case.child_views_help_wanted and case.child_first_name == "Sam"
    assert case.decision_notice_date == clock.today() - dt.timedelta(days=55)
    party = case.parties.get()
    assert (party.role, party.name, party.email, party.phone) == ("parent", "Ravi Patel", "ravi@example.com",
                                                                 "07700 900123")
    assert party.preferred_contact == ["phone", "email"] and party.language == "Polish"
    assert party.adjustments == ["interpreter", "large_print"] and party.adjustments_notes == "Mornings suit best"
    # Back after sending: the answers have gone, and no second case appears.
    page.go_back()
    assert page.url.endswith("/refer/who/") and Case.objects.count() == 1


def test_young_person_journey(page) -> None:
    demo_reference_data_load()
    j = begin(page)  # axe runs on the pages that differ for a young person
    j.at("who").check(
        "I am the young person (I have finished year 11 at school and I am under 26) and I am asking for myself"
    ).next()
    j.at("local-authority").page.get_by_label("Which local authority made the decision?").select_option(
        trafford_value())
    j.next().at("disagreement").check("The council will stop the plan").next()
    j.at("summary").next()
    j.at("decision-date").date("decision_date", clock.today() - dt.timedelta(days=3)).next()
    j.at("key-dates").next()
    j.at("wants").check("A mediation certificate without mediation, so that an appeal can be made").next()
    j.axe = True
    j.at("child").fill("First name", "Jade").fill("Last name", "Okoro").date("date_of_birth", years_ago(14)).next()
    assert "You can ask for yourself from" in page.content()
    j.at("child").date("date_of_birth", years_ago(19))
    j.axe = False
    j.next().at("contact-methods").check("Text message").next()
    j.axe = True
    j.at("contact")
    assert page.locator("#id_name").count() == 0
    page.locator("#id_phone").fill("+44 7700 900456")
    j.axe = False
    j.next().at("capacity").check("No").next()
    j.at("language").next()
    j.at("adjustments").check("A British Sign Language (BSL) interpreter").next()
    j.axe = True
    j.at("child-views")
    j.axe = False
    j.next().at("check").next("Send request")
    case = Case.objects.get()
    assert case.source == "young_person" and case.young_person_acts and case.wants == "certificate"
    party = case.parties.get()
    assert (party.role, party.name, party.phone, party.preferred_contact) == (
        "young_person", "Jade Okoro", "+44 7700 900456", ["text"])
    assert party.adjustments == ["bsl"] and party.language == "English"


def test_iass_officer_with_permission(page) -> None:
    demo_reference_data_load()
    j = begin(page)
    j.at("who").check("I work for an information, advice and support service (IASS or SENDIASS)").next()
    j.axe = True
    j.at("referrer").fill("Your full name", "Pat Adviser").fill("Your organisation", "Trafford SENDIASS")
    j.fill("Your email address", "pat@sendiass.example.org").fill("Your phone number", "0161 123 4567").next()
    j.at("permission").check("Yes, the parent or carer has agreed").next()
    j.at("permission-details").fill("Name of the person who gave permission", "Ravi Patel")
    j.date("given_on", clock.today() - dt.timedelta(days=1)).check("On the phone").next()
    j.axe = False
    family_pages(j)
    contact_to_check(j, name="Ravi Patel")
    assert "the family agreed to you sharing them with us" in page.content()
    assert_accessible(page)
    j.next("Send request")
    assert "the family" in page.locator("main").inner_text()
    case = Case.objects.get()
    assert case.source == "iass" and case.referrer_name == "Pat Adviser"
    assert (case.referrer_organisation, case.referrer_email, case.referrer_phone) == (
        "Trafford SENDIASS", "pat@sendiass.example.org", "0161 123 4567")
    assert case.consent_given_by == "Ravi Patel" and case.consent_method == "By phone"
    assert case.consent_given_on == clock.today() - dt.timedelta(days=1)
    assert case.parties.get().role == "parent"


def test_placement_only_statement_and_la_signposts(page) -> None:
    demo_reference_data_load()
    j = begin(page)
    j.at("who").check("I am their parent or carer").next()
    j.at("local-authority").page.get_by_label("Which local authority made the decision?").select_option(
        str(LocalAuthority.objects.get(name="Salford").pk))
    j.axe = True
    j.next().at("la-not-served")
    assert "We do not provide mediation for Salford" in page.locator("h1").inner_text()
    page.get_by_role("link", name="Choose a different local authority").click()
    j.axe = False
    j.at("local-authority").page.get_by_label("Which local authority made the decision?").select_option(
        trafford_value())
    j.next().at("disagreement").check("The school or college named in the plan, its type, or that none is named (section I: placement)")
    j.axe = True
    j.next().at("placement-only")
    assert "section 55)" in page.content() and "Mediation is still open to you" in page.content()
    assert "Mediation does not give you more time to appeal." in page.content()
    j.next().at("summary")  # the journey carries on
    page.get_by_role("link", name="Back", exact=True).click()
    page.get_by_role("link", name="Back", exact=True).click()
    j.axe = False
    j.at("disagreement").page.get_by_label(
        "The school or college named in the plan, its type, or that none is named (section I: placement)").uncheck()
    j.check("Something else about special educational needs, for example SEN support at school without a plan")
    j.axe = True
    j.next().at("statement")
    assert "Trafford disagreement resolution service" in page.content()
    assert Case.objects.count() == 0


def test_third_party_without_permission_stops(page) -> None:
    demo_reference_data_load()
    j = begin(page)
    j.at("who").check("I work for the local authority").next()
    j.at("referrer").fill("Your full name", "Lee Officer").fill("Your organisation", "Trafford Council")
    j.fill("Your email address", "lee@trafford.example.gov.uk").next()
    j.axe = True
    j.at("permission").check("No, not yet").next()
    j.at("no-permission")
    assert "We need the family's permission first" in page.locator("h1").inner_text()
    page.goto("/refer/local-authority/")
    assert page.url.endswith("/refer/no-permission/")
    page.get_by_role("link", name="Change your answer about permission").click()
    assert page.url.endswith("/refer/permission/")
    assert Case.objects.count() == 0


def test_whole_journey_without_javascript(page_without_js) -> None:
    demo_reference_data_load()
    page = page_without_js
    j = begin(page)
    j.at("who").check("I am their parent or carer").next()
    family_pages(j)
    contact_to_check(j, name="Ravi Patel")
    j.next("Send request")
    assert page.url.endswith("/refer/confirmation/")
    case = Case.objects.get()
    assert case.reference in page.content() and case.parties.get().name == "Ravi Patel"


def tab_to(page: Any, selector: str, limit: int = 80) -> None:
    """Presses Tab until `selector` has focus: proof the control is reachable by keyboard."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement && document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"{selector} could not be reached with the Tab key on {page.url}")


def press_continue(page: Any) -> None:
    tab_to(page, "main button.govuk-button")
    with page.expect_navigation():
        page.keyboard.press("Enter")


def type_into(page: Any, selector: str, text: str) -> None:
    tab_to(page, selector)
    page.keyboard.type(text)


def test_whole_journey_by_keyboard(page) -> None:
    demo_reference_data_load()
    page.goto("/refer/")
    tab_to(page, "a.govuk-button--start")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith("/refer/who/")
    tab_to(page, "#id_who_0")
    page.keyboard.press("ArrowDown")  # the young person
    press_continue(page)
    tab_to(page, "#id_local_authority")
    page.keyboard.type("Traf")  # choose from the list by typing
    assert page.locator("#id_local_authority").input_value() == trafford_value()
    press_continue(page)
    tab_to(page, "#id_topics_7")  # "The council will stop the plan"
    page.keyboard.press("Space")
    press_continue(page)
    press_continue(page)  # summary: optional
    day = clock.today() - dt.timedelta(days=10)
    for part, text in enumerate((day.day, day.month, day.year)):
        type_into(page, f"#id_decision_date_{part}", str(text))
    press_continue(page)
    assert page.url.endswith("/refer/key-dates/")
    press_continue(page)
    tab_to(page, "#id_wants_0")
    page.keyboard.press("Space")
    press_continue(page)
    type_into(page, "#id_first_name", "Kai")
    type_into(page, "#id_last_name", "Lund")
    born = years_ago(20)
    for part, text in enumerate((born.day, born.month, born.year)):
        type_into(page, f"#id_date_of_birth_{part}", str(text))
    press_continue(page)
    tab_to(page, "#id_methods_1")  # Email
    page.keyboard.press("Space")
    press_continue(page)
    type_into(page, "#id_email", "kai@example.com")
    press_continue(page)
    tab_to(page, "#id_acts_for_0")  # a radio group takes one Tab stop; the arrow chooses within it
    page.keyboard.press("ArrowDown")  # No: nobody acts for them
    press_continue(page)
    press_continue(page)  # language: English already filled in
    tab_to(page, "#id_adjustments_5")  # breaks
    page.keyboard.press("Space")
    press_continue(page)
    press_continue(page)  # views: optional
    assert page.url.endswith("/refer/check/")
    press_continue(page)
    assert page.url.endswith("/refer/confirmation/")
    case = Case.objects.get()
    assert case.child_name == "Kai Lund" and case.wants == "mediation" and case.decisions == ["cease_plan"]
    party = case.parties.get()
    assert party.email == "kai@example.com" and party.adjustments == ["breaks"] and party.role == "young_person"
