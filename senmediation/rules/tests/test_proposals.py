"""The proposals engine's worked examples (issue 27's Done-when), in pure Python."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time, timedelta

from senmediation.rules.proposals import (
    HelperIn,
    HelperKind,
    MediatorIn,
    Mode,
    Need,
    PartOfDay,
    PartyDays,
    Request,
    RoomIn,
    Rule,
    busy_by_day,
    deemed_certificate_warning,
    propose,
)

TRAFFORD = 1
SALFORD = 2


def _weekdays(first: date, last: date, weekdays: tuple[int, ...] = (0, 1, 2, 3, 4)) -> dict[date, tuple[None, None]]:
    days = {}
    day = first
    while day <= last:
        if day.weekday() in weekdays:
            days[day] = (None, None)
        day += timedelta(days=1)
    return days


def _mediator(first: date, last: date, **kwargs: object) -> MediatorIn:
    values: dict[str, object] = {"key": 1, "name": "Sam Mediator", "open_cases": 2, "capacity": 8,
                                 "already_this_case": True, "free_days": _weekdays(first, last),
                                 "local_authorities": frozenset({TRAFFORD})}
    values.update(kwargs)
    return MediatorIn(**values)  # type: ignore[arg-type]


ROOM = RoomIn(key=1, name="Room 1", venue="Sale Waterside", local_authority=TRAFFORD, capacity=8, step_free=True)


def _request(today: date, window_end: date | None, **kwargs: object) -> Request:
    values: dict[str, object] = {"today": today, "window_end": window_end, "opens_at": time(9), "closes_at": time(18),
                                 "family_local_authority": TRAFFORD, "rooms": (ROOM,), "mode": Mode.IN_PERSON}
    values.update(kwargs)
    return Request(**values)  # type: ignore[arg-type]


def _days(outcome: object, attr: str = "proposals") -> list[date]:
    return [p.day for p in getattr(outcome, attr)]


def _groups(outcome: object) -> dict[str, list[date]]:
    return {g.summary: list(g.days) for g in outcome.ruled_out}  # type: ignore[attr-defined]


def test_a_window_crossing_christmas_and_new_year() -> None:
    # The LA was told on Thursday 10 December 2026: the 30 days end on Saturday 9 January 2027. The mediator is on
    # leave until Christmas Eve; the family can come on 29 and 30 December and 4, 5 and 7 January.
    today, end = date(2026, 12, 10), date(2027, 1, 9)
    family = PartyDays(name="Amira Khan", days=frozenset(
        {date(2026, 12, 24), date(2026, 12, 29), date(2026, 12, 30), date(2027, 1, 1), date(2027, 1, 4),
         date(2027, 1, 5), date(2027, 1, 7)}))
    outcome = propose(_request(today, end, party_days=(family,), mediators=(
        _mediator(today, end, leave=((date(2026, 12, 14), date(2026, 12, 24)),)),)))
    assert _days(outcome) == [date(2026, 12, 29), date(2026, 12, 30), date(2027, 1, 4)]
    first = outcome.proposals[0]
    assert (first.starts, first.ends) == (datetime(2026, 12, 29, 9), datetime(2026, 12, 29, 12))
    assert first.reasons[0] == "Inside the 30 days, which end on Saturday 9 January 2027 (11 days to spare)"
    assert first.reasons[1] == ("11 working days' notice if the invitations go on Thursday 10 December 2026 "
                                "(5 needed)")
    groups = _groups(outcome)
    assert groups["1 day ruled out: a bank holiday (Christmas Day)"] == [date(2026, 12, 25)]
    assert groups["1 day ruled out: a bank holiday (Boxing Day (observed))"] == [date(2026, 12, 28)]
    assert groups["1 day ruled out: a bank holiday (New Year's Day)"] == [date(2027, 1, 1)]
    # The family's own dates are checked before the mediator's diary: Christmas Eve is the one day left to leave.
    assert groups["1 day ruled out: the mediator is on leave"] == [date(2026, 12, 24)]
    assert groups["4 days ruled out: too soon for 5 working days' notice (SEND Regulations 2014 reg 37(2))"] == [
        date(2026, 12, 11), date(2026, 12, 14), date(2026, 12, 15), date(2026, 12, 16)]
    assert groups["8 days ruled out: Amira Khan said they cannot come"] == [
        date(2026, 12, 17), date(2026, 12, 18), date(2026, 12, 21), date(2026, 12, 22), date(2026, 12, 23),
        date(2026, 12, 31), date(2027, 1, 6), date(2027, 1, 8)]
    assert groups["9 days ruled out: a weekend"][:2] == [date(2026, 12, 12), date(2026, 12, 13)]
    assert [g.summary for g in outcome.ruled_out][0] == "8 days ruled out: Amira Khan said they cannot come"
    assert outcome.days_possible == 5
    assert deemed_certificate_warning(outcome, la_must_tell_adviser=True) is None


def test_an_interpreter_free_on_only_one_day() -> None:
    today, end = date(2027, 1, 4), date(2027, 1, 29)
    only_day = date(2027, 1, 20)
    taken = [(datetime.combine(d, time(8)), datetime.combine(d, time(19))) for d in _weekdays(today, end)
             if d != only_day]
    urdu = HelperIn(key=7, name="Bilal Ahmed", kind=HelperKind.SPOKEN, languages=frozenset({"urdu"}),
                    local_authorities=frozenset({TRAFFORD}), busy=busy_by_day(taken))
    outcome = propose(_request(today, end, needs=(Need(HelperKind.SPOKEN, "Urdu"),), helpers=(urdu,),
                               mediators=(_mediator(today, end),)))
    assert _days(outcome) == [only_day]
    assert outcome.proposals[0].helpers == ((Need(HelperKind.SPOKEN, "Urdu"), urdu),)
    assert outcome.proposals[0].reasons[-1] == "Bilal Ahmed (Urdu interpreter) is free"
    # Monday 11 to Friday 29 January: the 15 working days with notice, less the one the interpreter is free.
    assert _groups(outcome)["14 days ruled out: the Urdu interpreter is booked"][0] == date(2027, 1, 11)
    assert deemed_certificate_warning(outcome, la_must_tell_adviser=True) == (
        "A deemed certificate is likely: only 1 day is left before the 30 days end on Friday 29 January 2027 with a "
        "time that works for everyone. If this meeting is not booked now, or is cancelled, the local authority must "
        "tell the mediation adviser that it cannot arrange mediation in time (SEND Regulations 2014 reg 39(2)), and "
        "the family get a certificate (reg 39(3)).")


def test_a_family_who_agreed_to_three_days_notice() -> None:
    # Friday 13 March 2026; the 30 days end on Sunday 22 March. With 5 working days' notice only Friday 20 is left.
    today, end = date(2026, 3, 13), date(2026, 3, 22)
    mediators = (_mediator(today, end),)
    assert _days(propose(_request(today, end, mediators=mediators))) == [date(2026, 3, 20)]
    agreed = propose(_request(today, end, mediators=mediators, notice_working_days=3))
    assert _days(agreed) == [date(2026, 3, 18), date(2026, 3, 19), date(2026, 3, 20)]
    assert agreed.proposals[0].reasons[1] == ("3 working days' notice if the invitations go on Friday 13 March 2026 "
                                              "(3 needed, as the family agreed)")


def test_an_la_that_cancels_on_day_20_moves_the_proposals_and_warns() -> None:
    # Told on Wednesday 4 March 2026: the 30 days end on Friday 3 April, which is Good Friday. The mediator works
    # Mondays, Wednesdays and Thursdays.
    told, end = date(2026, 3, 4), date(2026, 4, 3)
    mediators = (_mediator(told, end, free_days=_weekdays(told, end, (0, 2, 3))),)
    on_day_10 = propose(_request(told + timedelta(days=10), end, mediators=mediators))
    assert _days(on_day_10) == [date(2026, 3, 23), date(2026, 3, 25), date(2026, 3, 26)]
    assert deemed_certificate_warning(on_day_10, la_must_tell_adviser=True) is None
    on_day_20 = propose(_request(told + timedelta(days=20), end, mediators=mediators))
    assert _days(on_day_20) == [date(2026, 4, 1), date(2026, 4, 2)]
    assert _groups(on_day_20)["1 day ruled out: a bank holiday (Good Friday)"] == [end]
    warning = deemed_certificate_warning(on_day_20, la_must_tell_adviser=True)
    assert warning is not None and warning.startswith(
        "A deemed certificate is likely: only 2 days are left before the 30 days end on Friday 3 April 2026")
    # An ICB arranging alone (reg 35(3)) is outside reg 39(2): no warning.
    assert deemed_certificate_warning(on_day_20, la_must_tell_adviser=False) is None


def test_no_slot_at_all_names_the_reason_and_offers_the_days_after() -> None:
    today, end = date(2026, 6, 1), date(2026, 6, 19)
    outcome = propose(_request(today, end, mediators=(_mediator(today, end + timedelta(days=30)),),
                               needs=(Need(HelperKind.BSL),), helpers=(
                                   HelperIn(key=3, name="Jo Signer", kind=HelperKind.BSL, weekdays=frozenset({0}),
                                            local_authorities=frozenset({TRAFFORD}),
                                            busy=busy_by_day([(datetime(2026, 6, 8, 9), datetime(2026, 6, 8, 18)),
                                                              (datetime(2026, 6, 15, 9), datetime(2026, 6, 15, 18))])),)))
    assert outcome.proposals == ()
    assert outcome.none_reason == (
        "No time up to Friday 19 June 2026 meets every rule: 8 days ruled out: no British Sign Language interpreter "
        "works that day in the family's area; 4 days ruled out: too soon for 5 working days' notice (SEND "
        "Regulations 2014 reg 37(2)); 2 days ruled out: the British Sign Language interpreter is booked.")
    assert _days(outcome, "later") == [date(2026, 6, 22), date(2026, 6, 29), date(2026, 7, 6)]
    warning = deemed_certificate_warning(outcome, la_must_tell_adviser=True)
    assert warning is not None and warning.startswith(
        "No meeting can now be held within the 30 days, which end on Friday 19 June 2026.")


def test_soft_preferences_rank_the_family_afternoon_and_the_mediator_nearby() -> None:
    today, end = date(2026, 6, 1), date(2026, 6, 30)
    far = _mediator(today, end, key=2, name="Far Mediator", already_this_case=False, local_authorities=frozenset({SALFORD}))
    near = _mediator(today, end, key=3, name="Near Mediator", already_this_case=False)
    full = _mediator(today, end, key=4, name="Full Mediator", already_this_case=False, open_cases=8)
    outcome = propose(_request(today, end, mediators=(far, full, near), preferred=frozenset({PartOfDay.AFTERNOON})))
    best = outcome.proposals[0]
    assert (best.starts, best.mediator.name) == (datetime(2026, 6, 8, 12), "Near Mediator")
    assert "In the afternoon, which the family prefer" in best.reasons
    assert "In Near Mediator's usual area: no long journey" in best.reasons


def test_a_booked_room_falls_back_to_video_when_either_will_do() -> None:
    today, end = date(2026, 6, 1), date(2026, 6, 12)
    busy = busy_by_day([(datetime.combine(d, time(8)), datetime.combine(d, time(19))) for d in _weekdays(today, end)])
    room = RoomIn(key=1, name="Room 1", venue="Sale Waterside", local_authority=TRAFFORD, capacity=8, busy=busy)
    in_person = propose(_request(today, end, rooms=(room,), mediators=(_mediator(today, end),)))
    assert in_person.proposals == ()
    assert in_person.ruled_out[0].summary == "5 days ruled out: every suitable room is booked"
    either = propose(_request(today, end, rooms=(room,), mode=Mode.EITHER, mediators=(_mediator(today, end),)))
    assert [p.by_video for p in either.proposals] == [True, True, True]
    assert either.proposals[0].reasons[-1] == "By video: no travel for anyone"


def test_rooms_must_give_the_access_the_adjustments_ask_for() -> None:
    today, end = date(2026, 6, 1), date(2026, 6, 12)
    stairs = RoomIn(key=2, name="Upstairs", venue="Old Hall", local_authority=TRAFFORD, capacity=8)
    outcome = propose(_request(today, end, rooms=(stairs,), step_free=True, mediators=(_mediator(today, end),)))
    assert outcome.ruled_out[0].summary == "5 days ruled out: no room near the family (seating 4, step-free)"
    assert outcome.ruled_out[0].rule is Rule.NO_ROOM


def test_a_slot_is_checked_again_exactly_as_booked() -> None:
    from senmediation.rules.proposals import check_slot

    today, end = date(2026, 6, 1), date(2026, 6, 30)
    req = _request(today, end, mediators=(_mediator(today, end),))
    booked = check_slot(req, datetime(2026, 6, 8, 14))
    assert not isinstance(booked, str) and (booked.starts, booked.ends, booked.room) == (
        datetime(2026, 6, 8, 14), datetime(2026, 6, 8, 17), ROOM)
    assert check_slot(req, datetime(2026, 6, 8, 16)) == "it is outside the provider's hours (09:00 to 18:00)"
    assert check_slot(req, datetime(2026, 6, 2, 9)) == (
        "too soon for 5 working days' notice (SEND Regulations 2014 reg 37(2))")
    assert check_slot(req, datetime(2026, 6, 6, 9)) == "a weekend"
    taken = replace(req, rooms=(replace(ROOM, busy=busy_by_day([(datetime(2026, 6, 8, 13), datetime(2026, 6, 8, 15))])),))
    assert check_slot(taken, datetime(2026, 6, 8, 14)) == "every suitable room is booked"
