"""A parent opens their link and sees their case: where it stands, their mediator, the meeting, the key dates
and their certificate, which downloads as a PDF. 0 axe violations and no sideways scrolling at 1280 and 390 px
wide; screenshots in /tmp/shots."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import time_machine
from playwright.sync_api import expect

from senmediation.accounts.roles import Role
from senmediation.cases.models import Party
from senmediation.demodata.reference import demo_reference_data_load
from senmediation.directory.models import Venue
from senmediation.documents.services.certificates import certificate_issue
from senmediation.meetings.services import meeting_schedule
from senmediation.portal.services.links import party_link_create
from senmediation.yourcase.tests.helpers import declined_case, la_officer_add, preparing_case
from testsupport.browser import assert_accessible_at_each_width
from testsupport.fixtures import mediator_make, user_make

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
NOW = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)


def _check_and_shoot(page: Any, name: str) -> None:
    assert_accessible_at_each_width(page, f"your-case-{name}")


def test_a_parent_sees_their_case_and_downloads_their_certificate(page) -> None:
    with time_machine.travel(NOW, tick=True):
        demo_reference_data_load()
        coordinator = user_make("coord", Role.COORDINATOR, first_name="Cora", last_name="Ordinator")
        mediator = mediator_make("med1", first_name="Amara", last_name="Okafor")
        case = preparing_case(by=coordinator, mediator=mediator)
        la_officer_add(case)
        venue = Venue.objects.create(name="Sale Waterside", address="Waterside Plaza\nSale", postcode="M33 7ZF")
        meeting_schedule(case=case, starts_at=dt.datetime(2026, 12, 15, 10, 0, tzinfo=dt.UTC), venue=venue,
                         by=coordinator)
        _, path = party_link_create(party=case.parties.get(role=Party.Role.PARENT), purpose="attendance",
                                    by=coordinator)
        page.goto(path)
        expect(page.get_by_role("heading", name="Your case", exact=True)).to_be_visible()
        expect(page.locator("#stage")).to_have_text("Your mediation meeting is arranged.")
        expect(page.get_by_text("Amara Okafor")).to_be_visible()
        expect(page.get_by_text("Tuesday 15 December 2026")).to_be_visible()
        key_dates = page.locator("#key-dates")
        expect(key_dates).to_contain_text("Your mediation meeting must take place by Friday 25 December 2026")
        expect(key_dates).to_contain_text("The Tribunal must receive your appeal by Monday 4 January 2027")
        expect(page.get_by_role("button", name="Confirm if you are coming to the meeting")).to_be_visible()
        _check_and_shoot(page, "meeting")

        certified = declined_case(by=coordinator)
        certificate = certificate_issue(case=certified, kind="no_mediation", by=coordinator)
        _, path = party_link_create(party=certified.parties.get(role=Party.Role.PARENT), purpose="case",
                                    by=coordinator)
        page.goto(path)
        expect(page.locator("#stage")).to_have_text("Your mediation certificate has been issued.")
        _check_and_shoot(page, "certificate")
        with page.expect_download() as download:
            page.get_by_role("link", name=f"Mediation certificate {certificate.display_number} (PDF)").click()
        assert Path(download.value.path()).read_bytes().startswith(b"%PDF-")
