"""Find a time and one-click booking, through the pages and the services (issue 27's worked example of an LA that
cancels on day 20, and that a clash cannot be booked).

The family asked for mediation; the LA was told on Wednesday 4 March 2026, so the 30 days (reg 36(2)) end on
Friday 3 April 2026, which is Good Friday. The mediator, Amara Okafor, works Mondays, Wednesdays and Thursdays in
Trafford; the mother needs an Urdu interpreter (the demo's Bilal Ahmed, who works every weekday).
"""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from senmediation.casepages.booking import Choice, proposal_book
from senmediation.casepages.proposals_data import Options
from senmediation.cases.models import Case, Party
from senmediation.cases.services.details import case_mediator_assign
from senmediation.cases.services.opening import PartyInput
from senmediation.cases.services.transitions import case_transition
from senmediation.cases.tests.factories import case_make
from senmediation.core import clock
from senmediation.core.errors import ServiceError
from senmediation.directory.models import Interpreter, LocalAuthority, MediatorAvailability, Room
from senmediation.meetings.models import Booking, Meeting
from senmediation.meetings.services import meeting_cancel
from testsupport.fixtures import client_for

pytestmark = pytest.mark.django_db

D = dt.date
DAY_10 = dt.datetime(2026, 3, 14, 12, tzinfo=dt.UTC)
DAY_20 = dt.datetime(2026, 3, 24, 12, tzinfo=dt.UTC)


def _case(by: object, mediator: object, child: str = "Sam") -> Case:
    parties = [
        PartyInput(role=Party.Role.PARENT, name=f"Amira Khan ({child})", email="amira@example.com",
                   preferred_contact=["email"], is_main_contact=True, language="Urdu", interpreter_needed=True,
                   issues=["Speech and language therapy hours"]),
        PartyInput(role=Party.Role.LA_OFFICER, name="Jo Officer", email="jo.officer@example.org",
                   preferred_contact=["email"]),
    ]
    case = case_make(by=by, today=D(2026, 2, 23), decision_notice_date=D(2026, 2, 16), parties=parties,
                     child_first_name=child)
    for action, day in (("give_information", 23), ("request_mediation", 23)):
        case_transition(case=case, action=action, by=by, today=D(2026, 2, day))
    case_transition(case=case, action="notify_la", by=by, today=D(2026, 3, 4))
    case_mediator_assign(case=case, mediator=mediator, by=by, today=D(2026, 3, 4))
    return case


def _works_mon_wed_thu(mediator: object) -> None:
    profile = mediator.mediator_profile  # type: ignore[attr-defined]
    profile.local_authorities.set(LocalAuthority.objects.filter(name="Trafford"))
    day = D(2026, 3, 1)
    while day <= D(2026, 5, 31):
        if day.weekday() in (0, 2, 3):
            MediatorAvailability.objects.create(mediator=mediator, day=day)
        day += dt.timedelta(days=1)


def test_an_la_that_cancels_on_day_20_moves_the_proposals_and_the_page_warns(coordinator, mediator) -> None:
    _works_mon_wed_thu(mediator)
    case = _case(coordinator, mediator)
    client = client_for(coordinator)
    page = reverse("cases:find_a_time", args=[case.reference])
    with time_machine.travel(DAY_10, tick=False):
        html = client.get(page).content.decode()
        assert "Monday 23 March 2026, 09:00 to 12:00" in html
        assert "Small meeting room, Sale Community Centre" in html
        assert "Bilal Ahmed (Urdu interpreter)" in html
        assert "deemed-warning" not in html
        booked = client.post(reverse("cases:book_proposal", args=[case.reference]), {
            "starts_at": "2026-03-23T09:00", "mediator": mediator.pk,
            "room": Room.objects.get(name="Small meeting room").pk,
            "helpers": str(Interpreter.objects.get(name="Bilal Ahmed").pk),
            "how": "either", "notice": "5", "length": "180"})
        assert (booked.status_code, booked["Location"]) == (302, reverse("cases:detail", args=[case.reference]))
    meeting = Meeting.objects.get(case=case, status=Meeting.Status.SCHEDULED)
    assert (clock.local(meeting.starts_at), clock.local(meeting.ends_at)) == (
        dt.datetime(2026, 3, 23, 9, tzinfo=clock.LONDON), dt.datetime(2026, 3, 23, 12, tzinfo=clock.LONDON))
    assert meeting.venue.name == "Sale Community Centre" and meeting.notice_sent_on == D(2026, 3, 14)
    held = Booking.objects.filter(meeting=meeting, released_at__isnull=True)
    assert sorted(str(b) for b in held) == ["Bilal Ahmed (Interpreter (spoken language)) 2026-03-23 09:00",
                                           "Small meeting room, Sale Community Centre 2026-03-23 09:00"]

    with time_machine.travel(DAY_20, tick=False):
        client = client_for(coordinator)  # signed in again: ten days on, the session has ended
        cancelled = client.post(reverse("cases:cancel_meeting", args=[case.reference]),
                                {"cancelled_by": "la", "reason": "The LA officer is ill"})
        assert (cancelled.status_code, cancelled["Location"]) == (302, page)
        html = client.get(page).content.decode()
    meeting.refresh_from_db()
    assert (meeting.status, meeting.cancelled_by, meeting.change_reason) == ("cancelled", "la", "The LA officer is ill")
    assert Booking.objects.filter(meeting=meeting, released_at__isnull=True).count() == 0
    assert "Wednesday 1 April 2026, 09:00 to 12:00" in html and "Thursday 2 April 2026, 09:00 to 12:00" in html
    assert "Monday 23 March 2026" not in html
    assert ("A deemed certificate is likely: only 2 days are left before the 30 days end on Friday 3 April 2026 "
            "with a time that works for everyone.") in html
    assert "1 day ruled out: a bank holiday (Good Friday)" in html


def test_a_clash_cannot_be_booked_and_the_proposals_go_round_it(coordinator, mediator, other_mediator) -> None:
    _works_mon_wed_thu(mediator)
    _works_mon_wed_thu(other_mediator)
    first, second = _case(coordinator, mediator, "Sam"), _case(coordinator, other_mediator, "Lily")
    room = Room.objects.get(name="Small meeting room")
    bilal = Interpreter.objects.get(name="Bilal Ahmed")
    at_nine = Choice(starts_at=dt.datetime(2026, 3, 23, 9), mediator_id=mediator.pk, room_id=room.pk,
                     helper_ids=(bilal.pk,))
    with time_machine.travel(DAY_10, tick=False):
        proposal_book(case=first, choice=at_nine, options=Options(), by=coordinator)
        # A second click books nothing more.
        assert proposal_book(case=first, choice=at_nine, options=Options(), by=coordinator).pk == \
            Meeting.objects.get(case=first, status="scheduled").pk
        with pytest.raises(ServiceError) as refused:
            proposal_book(case=second, choice=Choice(starts_at=dt.datetime(2026, 3, 23, 9), mediator_id=other_mediator.pk,
                                                     room_id=room.pk, helper_ids=(bilal.pk,)),
                          options=Options(), by=coordinator)
        assert refused.value.message == ("That time can no longer be booked: every suitable room is booked. "
                                         "Choose another time.")
        html = client_for(coordinator).get(reverse("cases:find_a_time", args=[second.reference])).content.decode()
    # Bilal is the only Urdu interpreter, booked 09:00 to 12:00: Lily's family are offered noon that day.
    assert "Monday 23 March 2026, 12:00 to 15:00" in html
    assert Booking.objects.filter(released_at__isnull=True).count() == 2
    assert Meeting.objects.filter(case=second).count() == 0


def test_moving_a_meeting_releases_what_it_held(coordinator, mediator) -> None:
    _works_mon_wed_thu(mediator)
    case = _case(coordinator, mediator)
    room = Room.objects.get(name="Small meeting room")
    bilal = Interpreter.objects.get(name="Bilal Ahmed")
    with time_machine.travel(DAY_10, tick=False):
        first = proposal_book(case=case, choice=Choice(starts_at=dt.datetime(2026, 3, 23, 9), mediator_id=mediator.pk,
                                                       room_id=room.pk, helper_ids=(bilal.pk,)),
                              options=Options(), by=coordinator)
        moved = proposal_book(case=case, choice=Choice(starts_at=dt.datetime(2026, 3, 25, 9), mediator_id=mediator.pk,
                                                       room_id=None, helper_ids=(bilal.pk,)),
                              options=Options(), by=coordinator)
    first.refresh_from_db()
    assert (first.status, moved.is_online, moved.venue.name) == ("moved", True, "Online meeting (video call)")
    assert list(Booking.objects.filter(released_at__isnull=True).values_list("meeting_id", "interpreter__name")) == [
        (moved.pk, "Bilal Ahmed")]


def test_a_case_not_ready_to_schedule_is_sent_back(coordinator) -> None:
    case = case_make(by=coordinator)
    response = client_for(coordinator).get(reverse("cases:find_a_time", args=[case.reference]))
    assert (response.status_code, response["Location"]) == (302, reverse("cases:detail", args=[case.reference]))


def test_cancelling_through_the_service_records_who_and_releases(coordinator, mediator) -> None:
    _works_mon_wed_thu(mediator)
    case = _case(coordinator, mediator)
    with time_machine.travel(DAY_10, tick=False):
        meeting = proposal_book(case=case, choice=Choice(starts_at=dt.datetime(2026, 3, 23, 9), mediator_id=mediator.pk,
                                                         room_id=Room.objects.get(name="Small meeting room").pk,
                                                         helper_ids=(Interpreter.objects.get(name="Bilal Ahmed").pk,)),
                                options=Options(), by=coordinator)
        meeting_cancel(meeting=meeting, by=coordinator, reason="The family's car broke down", cancelled_by="family")
    assert Booking.objects.filter(released_at__isnull=True).count() == 0
    assert Booking.objects.filter(meeting=meeting).count() == 2


def test_the_parties_dates_and_the_familys_preferred_times_shape_the_proposals(coordinator, mediator) -> None:
    from senmediation.casepages.proposals_data import proposals_for
    from senmediation.portal.models import Availability

    _works_mon_wed_thu(mediator)
    case = _case(coordinator, mediator)
    parent, officer = case.parties.get(role=Party.Role.PARENT), case.parties.get(role=Party.Role.LA_OFFICER)
    Availability.objects.create(party=parent, submitted_at=DAY_10, can_do="Afternoons suit me best", cannot_do="",
                                dates=["2026-03-25", "2026-03-26", "2026-03-30", "not a date"])
    Availability.objects.create(party=officer, submitted_at=DAY_10, can_do="", cannot_do="",
                                dates=["2026-03-26", "2026-03-30"])
    with time_machine.travel(DAY_10, tick=False):
        outcome, warning = proposals_for(case=case, today=D(2026, 3, 14), options=Options())
    assert [(p.starts, p.mediator.name) for p in outcome.proposals] == [
        (dt.datetime(2026, 3, 26, 12), "Amara Okafor"), (dt.datetime(2026, 3, 30, 12), "Amara Okafor")]
    assert "In the afternoon, which the family prefer" in outcome.proposals[0].reasons
    assert ("Everyone who told us their dates can come: Amira Khan (Sam), Jo Officer"
            in outcome.proposals[0].reasons)
    assert warning is not None and warning.startswith("A deemed certificate is likely: only 2 days are left")
