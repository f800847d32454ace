"""Calendar invitations (.ics, RFC 5545) that every calendar client can read."""

from __future__ import annotations

import datetime as dt

from icalendar import Calendar, Event, vCalAddress, vText

from senmediation.directory.models import Provider

from .models import Meeting

DEFAULT_LENGTH = dt.timedelta(hours=3)


def meeting_ics(*, meeting: Meeting, attendees: list[tuple[str, str]], provider: Provider | None,
                cancelled: bool = False) -> bytes:
    """One VEVENT for the meeting; the UID stays the same when it moves, so calendars update it."""
    calendar = Calendar()
    calendar.add("prodid", "-//SEN mediation service//Meetings//EN")
    calendar.add("version", "2.0")
    calendar.add("method", "CANCEL" if cancelled else "REQUEST")
    event = Event()
    event.add("uid", f"meeting-case-{meeting.case_id}@senmediation")
    event.add("sequence", meeting.case.meetings.count())
    event.add("dtstamp", meeting.created_at)
    event.add("dtstart", meeting.starts_at)
    event.add("dtend", meeting.ends_at or meeting.starts_at + DEFAULT_LENGTH)
    event.add("summary", f"Mediation meeting ({meeting.case.reference})")
    if meeting.venue is not None:
        where = meeting.venue.name if meeting.venue.is_online else ", ".join(
            part for part in [meeting.venue.name, meeting.venue.address.replace("\n", ", "), meeting.venue.postcode]
            if part
        )
        event.add("location", vText(where))
    event.add("description", "A mediation meeting. If you cannot come or need anything to help you take part, "
                             f"please contact us{' on ' + provider.phone if provider else ''}.")
    if provider is not None:
        organizer = vCalAddress(f"mailto:{provider.email or 'no-reply@localhost'}")
        organizer.params["cn"] = vText(provider.short_name)
        event.add("organizer", organizer)
    for name, email in attendees:
        if email:
            attendee = vCalAddress(f"mailto:{email}")
            attendee.params["cn"] = vText(name)
            attendee.params["role"] = vText("REQ-PARTICIPANT")
            event.add("attendee", attendee, encode=False)
    if cancelled:
        event.add("status", "CANCELLED")
    calendar.add_component(event)
    return bytes(calendar.to_ical())
