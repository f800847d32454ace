"""End to end, through the staff and party pages: a case from enquiry to a scheduled meeting.
Information given, the decision to mediate, the LA told, a mediator suggested and assigned, each party's
issues and summary sent through their secure link and exchanged, the child's views recorded, and the
meeting scheduled with .ics invitations captured and read."""

import datetime as dt
import re

import pytest
from django.core import mail
from icalendar import Calendar

from senmediation.cases.models import Issue
from senmediation.cases.tests.factories import case_make
from senmediation.directory.models import LocalAuthority, MediatorProfile, Venue
from testsupport.fixtures import client_for

pytestmark = pytest.mark.django_db
MONDAY = dt.datetime(2026, 11, 23, 9, 30, tzinfo=dt.UTC)


def test_enquiry_to_a_scheduled_meeting(coordinator, mediator, time_machine, django_capture_on_commit_callbacks):
    time_machine.move_to(MONDAY, tick=False)
    office = client_for(coordinator)
    profile = MediatorProfile.objects.get(user=mediator)
    profile.accreditation_expires, profile.languages, profile.capacity = dt.date(2027, 9, 1), ["English"], 5
    profile.save()
    profile.local_authorities.add(LocalAuthority.objects.get(gss_code="E08000009"))
    case = case_make(by=coordinator, today=MONDAY.date(), decision_notice_date=dt.date(2026, 11, 9))
    url = f"/staff/cases/{case.reference}/"

    # Information given and understood; the family choose mediation.
    assert office.post(url + "advice/", {"understood": "yes", "decision": "mediation"}).status_code == 302
    case.refresh_from_db()
    assert case.state == "mediation_requested"

    # The other parties join the case.
    for role, name, email in (("la_officer", "Jo Bloggs", "jo@trafford.example.gov.uk"),
                              ("school", "Priya Shah", "senco@oak.example.sch.uk")):
        response = office.post(url + "people/add/", {"role": role, "name": name, "email": email,
                                                     "preferred_contact": ["email"], "language": "English"})
        assert response.status_code == 302

    # The LA is told (the letter is made and e-mailed); the 30 days start.
    with django_capture_on_commit_callbacks(execute=True):
        assert office.post(url + "documents/notify-la/").status_code == 302
    case.refresh_from_db()
    assert case.state == "la_notified" and case.la_notified_on == MONDAY.date()
    assert case.deadlines.get(clock="mediation_held").due_date == dt.date(2026, 12, 23)
    assert any("sen.team@trafford.example.gov.uk" in m.to for m in mail.outbox)

    # A mediator is suggested with reasons, assigned in one click, and sees the case on their dashboard.
    suggestions = office.get(url + "documents/mediators/").content.decode()
    assert mediator.get_full_name() in suggestions and "Trafford" in suggestions
    assert office.post(url + "mediator/", {"mediator": mediator.pk}).status_code == 302
    assert case.reference in client_for(mediator).get("/staff/").content.decode()
    assert office.post(url + "transition/", {"action": "start_preparation"}).status_code == 302

    # Each party gets a secure link and sends their summary and the issues they want to discuss.
    parties = list(case.parties.order_by("id"))
    for party in parties:
        with django_capture_on_commit_callbacks(execute=True):
            office.post(f"/staff/notifications/cases/{case.reference}/links/",
                        {"party": party.pk, "purpose": "summary_and_issues", "days_valid": 14})
        link = re.search(r"/p/[^\s/]+/", mail.outbox[-1].body).group(0)
        response = office.__class__().post(link, {"summary": f"{party.name}'s view of the disagreement",
                                                  "issues": f"An issue from {party.name}"})
        assert response.status_code == 302
    assert Issue.objects.filter(case=case, raised_by__isnull=False).count() == 4  # 3 parties + 1 at referral

    # The child's views, with consent.
    office.post(url + "child-views/", {"how": "conversation", "gathered_by": "Amara Okafor",
                                      "views": "I want to stay with my friends", "consent_given": "on",
                                      "show_at_meeting": "on"})
    assert case.child_views_records.get().views == "I want to stay with my friends"

    # All summaries are in, so they go to everyone at once.
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        office.post(url + "summaries/", {"intent": "release"})
    exchanged = [m for m in mail.outbox if "Summaries" in m.subject]
    assert len(exchanged) == 3
    assert all("Jo Bloggs's view" in m.body and "Priya Shah's view" in m.body for m in exchanged)

    # The meeting: 5 working days' notice, inside the 30 days; invitations with an .ics to every party.
    mail.outbox.clear()
    venue = Venue.objects.get(name="Sale Community Centre")
    with django_capture_on_commit_callbacks(execute=True):
        response = office.post(url + "meeting/", {"day_0": "8", "day_1": "12", "day_2": "2026", "time": "10:00",
                                                 "venue": venue.pk})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.state == "scheduled"
    invitations = [m for m in mail.outbox if "meeting" in m.subject.lower()]
    assert sorted(m.to[0] for m in invitations) == sorted(p.email for p in parties)
    for invitation in invitations:
        filename, content, mimetype = invitation.attachments[0]
        event = next(c for c in Calendar.from_ical(content).walk() if c.name == "VEVENT")
        assert filename.endswith(".ics") and mimetype.startswith("text/calendar")
        assert event.decoded("dtstart") == dt.datetime(2026, 12, 8, 10, 0, tzinfo=dt.UTC)
        assert "Sale Community Centre" in str(event["location"])
        assert len(event["attendee"]) == 3
