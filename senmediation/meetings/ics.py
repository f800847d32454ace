"""Calendar invitations (.ics, RFC 5545) that every calendar client can read."""

from __future__ import annotations

import datetime as dt

from icalendar import Calendar, Event, vCalAddress, vText

from senmediation.directory.models import Provider

from .models import Meeting

DEFAULT_LENGTH = dt.timedelta(hours=3)


def meeting_location(meeting: Meeting, room: str = "") -> str:
    """Where the meeting is, as calendars show it: the venue's name and address (with the room, if one is
    booked), or an online venue's name; empty when no venue is set."""
    venue = meeting.venue
    if venue is None:
        return ""
    if venue.is_online:
        return venue.name
    return ", ".join(part for part in [room, venue.name, venue.address.replace("\n", ", "), venue.postcode] if part)


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
    where = meeting_location(meeting)
    if where:
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


def diary_feed_ics(*, meetings: list[Meeting], rooms: dict[int, str], whose: str) -> bytes:
    """A mediator's meetings as one calendar their calendar program subscribes to (RFC 5545).

    What each event says is deliberately little: the case reference and the place, nothing else. A subscribed
    feed is fetched and kept by whatever calendar service the mediator uses (often outside the provider's
    control, on a phone, shared with family members), and its address works without signing in; so no child's
    name, no party, no issue, no online meeting link goes into it. The reference lets the mediator find the
    case once signed in. `rooms` names the room booked for a meeting (by meeting id), where there is one."""
    calendar = Calendar()
    calendar.add("prodid", "-//SEN mediation service//Mediator diary//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", f"Mediation meetings: {whose}")
    for meeting in meetings:
        event = Event()
        # Its own UID per meeting (not the case's, as invitations use): a case may have a held meeting and a
        # later one in the same feed.
        event.add("uid", f"diary-meeting-{meeting.pk}@senmediation")
        event.add("dtstamp", meeting.updated_at)
        event.add("dtstart", meeting.starts_at)
        event.add("dtend", meeting.ends_at or meeting.starts_at + DEFAULT_LENGTH)
        event.add("summary", f"Mediation meeting ({meeting.case.reference})")
        where = meeting_location(meeting, rooms.get(meeting.pk, ""))
        if where or meeting.is_online:
            event.add("location", vText(where or "Online"))
        event.add("status", "CONFIRMED")
        calendar.add_component(event)
    return bytes(calendar.to_ical())
