"""The availability page asks about the days a meeting could still be held: from 5 working days' notice to the
end of the 30 days, working days only, without the mediator's leave and days off; and says so in plain words."""

from __future__ import annotations

import datetime as dt
import html
import re

import pytest
import time_machine

from senmediation.cases.models import Party
from senmediation.directory.models import MediatorAvailability, MediatorLeave
from senmediation.portal.models import Availability
from senmediation.portal.services.links import party_link_create

from .helpers import preparing_case

pytestmark = pytest.mark.django_db


@time_machine.travel(dt.datetime(2026, 12, 14, 9, tzinfo=dt.UTC), tick=False)
def test_the_days_offered_run_to_the_end_of_the_thirty_days_without_the_mediators_days_off(client, coordinator, mediator) -> None:  # type: ignore[no-untyped-def]
    case = preparing_case(by=coordinator, mediator=mediator)  # the LA was told on 25 November: 30 days to 25 Dec
    MediatorLeave.objects.create(mediator=mediator, starts_on=dt.date(2026, 12, 22), ends_on=dt.date(2026, 12, 22))
    MediatorAvailability.objects.create(mediator=mediator, day=dt.date(2026, 12, 23), available=False)
    _, path = party_link_create(party=case.parties.get(role=Party.Role.PARENT), purpose="availability", by=coordinator)
    page = client.get(f"{path}task/").content.decode()
    text = html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page)))
    assert "Your mediation meeting should take place by Friday 25 December 2026 ." in text
    assert "unless you agree to less. The days below are the ones still open." in text
    assert re.findall(r'name="dates" type="checkbox" value="([0-9-]+)"', page) == ["2026-12-21", "2026-12-24"]
    assert "Monday 21 December 2026" in text and "Thursday 24 December 2026" in text
    response = client.post(f"{path}task/", {"dates": ["2026-12-24"], "can_do": "", "cannot_do": ""})
    assert response.status_code == 302
    assert Availability.objects.get().dates == ["2026-12-24"]


@time_machine.travel(dt.datetime(2026, 12, 22, 9, tzinfo=dt.UTC), tick=False)
def test_after_the_thirty_days_the_family_are_told_and_asked_about_the_next_weeks(client, coordinator, mediator) -> None:  # type: ignore[no-untyped-def]
    case = preparing_case(by=coordinator, mediator=mediator)
    _, path = party_link_create(party=case.parties.get(role=Party.Role.PARENT), purpose="availability", by=coordinator)
    page = client.get(f"{path}task/").content.decode()
    assert ("The 30 days for your meeting end on Friday 25 December 2026, before we could give you the 5 working "
            "days' notice the law asks for. We can still arrange your meeting.") in page
    days = re.findall(r'name="dates" type="checkbox" value="([0-9-]+)"', page)
    assert days[0] == "2026-12-31" and len(days) == 15
