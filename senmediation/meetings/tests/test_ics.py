import datetime as dt

import pytest
from icalendar import Calendar

from senmediation.cases.tests.factories import case_make
from senmediation.directory.models import Venue
from senmediation.directory.selectors import provider_current
from senmediation.meetings.ics import meeting_ics
from senmediation.meetings.models import Meeting

pytestmark = pytest.mark.django_db


def test_invitation_has_time_place_and_every_attendee(coordinator) -> None:
    case = case_make(by=coordinator)
    venue = Venue.objects.get(name="Sale Community Centre")
    meeting = Meeting.objects.create(case=case, venue=venue,
                                     starts_at=dt.datetime(2026, 12, 14, 10, 0, tzinfo=dt.UTC))
    ics = meeting_ics(meeting=meeting, attendees=[("Ravi Patel", "ravi@example.com"), ("LA officer", "la@example.org")],
                      provider=provider_current())
    event = next(c for c in Calendar.from_ical(ics).walk() if c.name == "VEVENT")
    assert event.decoded("dtstart") == dt.datetime(2026, 12, 14, 10, 0, tzinfo=dt.UTC)
    assert event.decoded("dtend") == dt.datetime(2026, 12, 14, 13, 0, tzinfo=dt.UTC)
    assert "Sale Community Centre" in str(event["location"])
    assert sorted(str(a) for a in event["attendee"]) == ["mailto:la@example.org", "mailto:ravi@example.com"]
    assert case.reference in str(event["summary"])
    assert str(event["uid"]) == f"meeting-case-{case.pk}@senmediation"
