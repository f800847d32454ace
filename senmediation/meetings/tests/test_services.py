import datetime as dt

import pytest
import time_machine
from django.core import mail

from senmediation.cases.services.transitions import case_transition
from senmediation.cases.tests.factories import case_make
from senmediation.core.errors import ServiceError
from senmediation.directory.models import Venue
from senmediation.meetings.models import Meeting
from senmediation.meetings.services import meeting_cancel, meeting_reminders_send, meeting_schedule
from senmediation.notifications.models import Message

pytestmark = pytest.mark.django_db


def test_scheduling_sends_every_party_an_invitation_with_an_ics(coordinator, django_capture_on_commit_callbacks):
    with time_machine.travel(dt.datetime(2026, 11, 23, 9, tzinfo=dt.UTC), tick=False):
        case = case_make(by=coordinator, today=dt.date(2026, 11, 23))
        for action in ("give_information", "request_mediation"):
            case_transition(case=case, action=action, by=coordinator)
        with django_capture_on_commit_callbacks(execute=True):
            meeting = meeting_schedule(case=case, by=coordinator, venue=Venue.objects.get(name="Sale Community Centre"),
                                       starts_at=dt.datetime(2026, 12, 7, 10, tzinfo=dt.UTC))
    invite = [m for m in mail.outbox if "ravi@example.com" in m.to]
    assert len(invite) == 1
    assert "Monday 7 December 2026" in invite[0].subject
    name, content, mimetype = invite[0].attachments[0]
    text = content.decode() if isinstance(content, bytes) else content  # Django decodes text attachments
    assert name.endswith(".ics") and mimetype.startswith("text/calendar")
    assert "BEGIN:VEVENT" in text and "Sale Community Centre" in text

    # The working day before (a Friday for a Monday meeting) each party gets one reminder.
    with time_machine.travel(dt.datetime(2026, 12, 4, 8, tzinfo=dt.UTC), tick=False), \
            django_capture_on_commit_callbacks(execute=True):
        assert meeting_reminders_send(today=dt.date(2026, 12, 4)) == 1
        assert meeting_reminders_send(today=dt.date(2026, 12, 4)) == 1  # same key: not sent twice
    reminders = [m for m in mail.outbox if m.subject.startswith("Reminder")]
    assert len(reminders) == 1

    with time_machine.travel(dt.datetime(2026, 12, 4, 9, tzinfo=dt.UTC), tick=False), \
            django_capture_on_commit_callbacks(execute=True):
        meeting_cancel(meeting=meeting, by=coordinator, reason="The LA officer is ill", cancelled_by="la")
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.CANCELLED
    cancellation = mail.outbox[-1].attachments[0][1]
    assert "METHOD:CANCEL" in (cancellation.decode() if isinstance(cancellation, bytes) else cancellation)


def test_a_meeting_is_not_arranged_before_the_family_ask_for_mediation(coordinator) -> None:
    case = case_make(by=coordinator, today=dt.date(2026, 11, 23))
    with pytest.raises(ServiceError, match="once the family have asked for mediation"):
        meeting_schedule(case=case, by=coordinator, venue=None, starts_at=dt.datetime(2027, 1, 7, 10, tzinfo=dt.UTC))
    assert Meeting.objects.filter(case=case).count() == 0


def test_a_refused_step_leaves_no_meeting_and_no_invitation(coordinator, mediator) -> None:
    from senmediation.cases.services.details import case_mediator_assign

    with time_machine.travel(dt.datetime(2026, 11, 23, 9, tzinfo=dt.UTC), tick=False):
        case = case_make(by=coordinator, today=dt.date(2026, 11, 23))
        for action in ("give_information", "request_mediation", "notify_la"):
            case_transition(case=case, action=action, by=coordinator)
        case_mediator_assign(case=case, mediator=mediator, by=coordinator)
        case_transition(case=case, action="start_preparation", by=coordinator)
        # Wednesday 25 November is too soon: 5 working days' notice are needed and the family did not agree less.
        with pytest.raises(ServiceError, match="5 working days' notice"):
            meeting_schedule(case=case, by=coordinator, venue=Venue.objects.get(name="Sale Community Centre"),
                             starts_at=dt.datetime(2026, 11, 25, 10, tzinfo=dt.UTC))
    case.refresh_from_db()
    assert case.state == "preparing"
    assert Meeting.objects.filter(case=case).count() == 0
    assert Message.objects.filter(case=case, template_key="meeting_invitation").count() == 0


def test_someone_acting_for_a_young_person_is_invited_once_in_their_place(coordinator,
                                                                          django_capture_on_commit_callbacks):
    from senmediation.cases.models import Party
    from senmediation.cases.services.opening import PartyInput
    from senmediation.cases.services.representatives import party_representative_set

    with time_machine.travel(dt.datetime(2026, 11, 23, 9, tzinfo=dt.UTC), tick=False):
        case = case_make(by=coordinator, today=dt.date(2026, 11, 23), child_first_name="Jordan",
                         child_last_name="Ellis", child_date_of_birth=dt.date(2006, 3, 1), young_person_acts=True,
                         parties=[PartyInput(role=Party.Role.YOUNG_PERSON, name="Jordan Ellis",
                                             email="jordan@example.com", preferred_contact=["email"],
                                             is_main_contact=True)])
        party_representative_set(party=case.parties.get(), by=coordinator, name="Morgan Ellis", basis="deputy",
                                 email="morgan@example.com", preferred_contact=["email"])
        for action in ("give_information", "request_mediation"):
            case_transition(case=case, action=action, by=coordinator)
        with django_capture_on_commit_callbacks(execute=True):
            meeting_schedule(case=case, by=coordinator, venue=Venue.objects.get(name="Sale Community Centre"),
                             starts_at=dt.datetime(2026, 12, 7, 10, tzinfo=dt.UTC))
    invitations = [m.to for m in mail.outbox if "7 December 2026" in m.subject]
    assert invitations == [["morgan@example.com"]]
