"""A family's case from their referral to an agreement the local authority does not keep, seen at each stage
through the parent's own links in Chromium: the sentence of where things stand, the next step and who does it,
the key dates, the documents, then the late action and the ready-made letter (read back from the PDF).

The dates are worked by hand from the regulations: the referral is on Monday 23 November 2026 with a decision
letter of Tuesday 3 November; the LA is told on Wednesday 25 November, so the meeting must take place by Friday
25 December (30 days, regs 35(3)-(4) and 36(2)); the meeting and the agreement are on Tuesday 15 December; the
LA's action with no appeal right is due within 2 weeks of the agreement, Tuesday 29 December (reg 42(3)), and is
late on Wednesday 30 December.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from senmediation.accounts.roles import Role
from senmediation.agreements import services as agreements
from senmediation.agreements.tests.helpers import meeting_under_way
from senmediation.cases.models import Case, Party
from senmediation.cases.services.details import case_coordinator_set, case_mediator_assign
from senmediation.cases.services.transitions import case_transition
from senmediation.core import clock
from senmediation.demodata.reference import demo_reference_data_load
from senmediation.directory.models import Venue
from senmediation.documents.services.certificates import certificate_issue
from senmediation.meetings.services import meeting_schedule
from senmediation.portal.models import Purpose
from senmediation.portal.services.links import party_link_create
from senmediation.referrals import services as referrals
from senmediation.referrals.tests.journeys import parent_answers
from senmediation.referrals.tests.test_services import stored
from testsupport.browser import assert_accessible_at_each_width
from testsupport.fixtures import mediator_make, user_make

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _on(time_machine: Any, day: dt.date, hour: int = 12) -> dt.date:
    time_machine.move_to(dt.datetime.combine(day, dt.time(hour), tzinfo=dt.UTC), tick=False)
    return day


def _open(page: Any, case: Case, purpose: str, by: Any) -> None:
    """The parent opens the link we sent them for `purpose` (each message carries its own)."""
    _, path = party_link_create(party=case.parties.get(role=Party.Role.PARENT), purpose=purpose, by=by)
    page.goto(path)
    expect(page.get_by_role("heading", name="Your case", exact=True)).to_be_visible()


def _stage(page: Any, sentence: str, next_step: str) -> None:
    expect(page.locator("#stage")).to_have_text(sentence)
    expect(page.locator("#next-step")).to_contain_text(next_step)


def _look(page: Any, name: str) -> None:
    assert_accessible_at_each_width(page, f"family-journey-{name}")


def test_a_family_follows_their_case_from_referral_to_a_late_action_and_its_letter(page, time_machine) -> None:
    _on(time_machine, dt.date(2026, 11, 23), 11)
    demo_reference_data_load()
    coordinator = user_make("coord", Role.COORDINATOR, first_name="Cora", last_name="Ordinator")
    mediator = mediator_make("med1", first_name="Amara", last_name="Okafor")

    # The referral, as the public form sends it: a parent who wants mediation.
    outcome = referrals.referral_submit(answers=stored(parent_answers()), channel="online", by=None,
                                        idempotency_key="journey-1", now=clock.now(), notify_coordinators=False)
    case = Case.objects.get(reference=outcome.reference)
    case_coordinator_set(case=case, coordinator=coordinator, by=coordinator)
    _open(page, case, Purpose.CASE, coordinator)
    _stage(page, "We have your request for help.", "We will call you to talk about mediation")
    expect(page.get_by_text("There are no documents yet.")).to_be_visible()
    _look(page, "1-referral")

    # The adviser's call: information given, the family want mediation, the LA is told.
    case_transition(case=case, action="give_information", by=coordinator, today=clock.today())
    _open(page, case, Purpose.CASE, coordinator)
    _stage(page, "We have told you about mediation and the mediation certificate.",
           "Tell us whether you want mediation, or a mediation certificate without mediation")
    _on(time_machine, dt.date(2026, 11, 24))
    case_transition(case=case, action="request_mediation", by=coordinator, today=clock.today())
    _open(page, case, Purpose.CASE, coordinator)
    _stage(page, "You have told us you want mediation.", "We tell your local authority that you want mediation.")
    _on(time_machine, dt.date(2026, 11, 25))
    case_transition(case=case, action="notify_la", by=coordinator, today=clock.today())
    _open(page, case, Purpose.CASE, coordinator)
    _stage(page, "Your local authority knows you want mediation, and we are finding your mediator.",
           "The meeting must take place within 30 days of your local authority being told.")
    key_dates = page.locator("#key-dates")
    expect(key_dates).to_contain_text("Your mediation meeting must take place by Friday 25 December 2026")
    expect(key_dates).to_contain_text("The Tribunal must receive your appeal by")
    _look(page, "2-la-told")

    # The mediator assigned and preparing: the availability link opens the case page with its task on it.
    _on(time_machine, dt.date(2026, 11, 26))
    case_mediator_assign(case=case, mediator=mediator, by=coordinator)
    case_transition(case=case, action="start_preparation", by=coordinator, today=clock.today())
    Party.objects.create(case=case, role=Party.Role.LA_OFFICER, name="Jo Bloggs", organisation="Trafford Council",
                         email="jo.bloggs@example.gov.uk", preferred_contact=["email"])
    _open(page, case, Purpose.AVAILABILITY, coordinator)
    _stage(page, "We are arranging your mediation meeting.", "We tell you the date and place")
    expect(page.locator("#people")).to_contain_text("Amara Okafor")
    expect(page.locator("#people")).not_to_contain_text("jo.bloggs@example.gov.uk")
    expect(page.get_by_role("button", name="Tell us when you can come")).to_be_visible()
    _look(page, "3-preparing")

    # The meeting arranged on 1 December for Tuesday 15 December.
    _on(time_machine, dt.date(2026, 12, 1))
    venue = Venue.objects.create(name="Sale Waterside", address="Waterside Plaza\nSale", postcode="M33 7ZF")
    meeting_schedule(case=case, starts_at=dt.datetime(2026, 12, 15, 10, 0, tzinfo=dt.UTC), venue=venue,
                     by=coordinator)
    _open(page, case, Purpose.ATTENDANCE, coordinator)
    _stage(page, "Your mediation meeting is arranged.", "Come to the meeting.")
    expect(page.get_by_text("Tuesday 15 December 2026")).to_be_visible()
    expect(page.get_by_text("Sale Waterside")).to_be_visible()
    _look(page, "4-scheduled")

    # The meeting on 15 December: one agreed action for the LA with no appeal right (reg 42(3): 2 weeks),
    # the agreement final and the certificate after mediation issued the same day (reg 39(1)).
    _on(time_machine, dt.date(2026, 12, 15), 10)
    case.refresh_from_db()  # scheduled since meeting_schedule
    case = meeting_under_way(case, mediator=mediator)
    officer = case.parties.get(role=Party.Role.LA_OFFICER)
    agreement = agreements.agreement_start(case=case, by=mediator)
    action, _ = agreements.agreement_item_add(
        agreement=agreement, by=mediator, owner=officer, due=None,
        action="Arrange a visit to Oak Primary School with Sam's parents",
        measure="The visit date is sent to the parents")
    agreements.agreement_finalise(agreement=agreement, by=mediator, today=clock.today())
    certificate = certificate_issue(case=case, kind="after_mediation", by=coordinator,
                                    resolved_summary="The parties reached agreement on a school visit.")
    _on(time_machine, dt.date(2026, 12, 16))
    _open(page, case, Purpose.AGREEMENT, coordinator)
    _stage(page, "Your mediation certificate has been issued.", "If you want to appeal")
    documents = page.locator("#documents")
    expect(documents.get_by_role("link", name=f"Mediation certificate {certificate.display_number} (PDF)")) \
        .to_be_visible()
    expect(documents.get_by_role("link", name="Mediation agreement (PDF)")).to_be_visible()
    agreed = page.locator(f"#agreed-action-{action.pk}")
    expect(agreed).to_contain_text("Arrange a visit to Oak Primary School with Sam's parents")
    expect(agreed).to_contain_text("Tuesday 29 December 2026")
    expect(agreed).to_contain_text("Not done yet")
    _look(page, "5-agreed")

    # Wednesday 30 December: the LA has not done it. The page says so and offers the letter.
    _on(time_machine, dt.date(2026, 12, 30))
    case_transition(case=case, action="start_follow_up", by=coordinator, today=clock.today())
    _open(page, case, Purpose.CASE, coordinator)
    _stage(page, "We are checking that what was agreed at mediation gets done.",
           "Your local authority or the ICB must do what was agreed")
    expect(agreed).to_contain_text("Late")
    _look(page, "6-late")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download a letter to the local authority (PDF)").click()
    reader = PdfReader(io.BytesIO(Path(download.value.path()).read_bytes()))
    text = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
    for expected in ("Arrange a visit to Oak Primary School with Sam's parents", "15 December 2026",
                     "29 December 2026", "42(3)", "Ravi Patel"):
        assert expected in text, expected
