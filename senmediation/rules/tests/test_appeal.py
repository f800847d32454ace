"""Tribunal appeal deadlines (HESC Rules 2008 r.20(1)(c), r.12), worked by hand.

Bank holidays as listed in test_calendar.py. Weekdays checked against a calendar:
Sat 14 Mar 2026, Sat 24 Dec 2022, Sat 31 Jul 2027, Sun 2 Aug 2026, Sat 28 Feb 2026, Tue 29 Feb 2028.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from senmediation.rules.appeal import (
    TRIBUNAL_DECIDES,
    adviser_contact_deadline,
    adviser_contact_note,
    in_august,
    in_christmas_window,
    tribunal_appeal_deadline,
    tribunal_appeal_explanation,
)
from senmediation.rules.calendar import add_months, is_working_day

D = date


@pytest.mark.parametrize(
    ("notice", "certificate", "expected"),
    [
        # Plain: notice Fri 29 Nov 2024 -> Wed 29 Jan 2025, a working day.
        (D(2024, 11, 29), None, D(2025, 1, 29)),
        # Weekend: Sat 14 Mar 2026 -> Mon 16 Mar.
        (D(2026, 1, 14), None, D(2026, 3, 16)),
        # Month end: 31 Dec 2025 -> 28 Feb 2026 (Sat) -> Mon 2 Mar 2026.
        (D(2025, 12, 31), None, D(2026, 3, 2)),
        # Leap year: 31 Dec 2027 -> Tue 29 Feb 2028, a working day.
        (D(2027, 12, 31), None, D(2028, 2, 29)),
        # 30 Nov 2025 -> Fri 30 Jan 2026.
        (D(2025, 11, 30), None, D(2026, 1, 30)),
        # Easter 2024: Fri 29 Mar (GF), weekend, Mon 1 Apr (EM) -> Tue 2 Apr.
        (D(2024, 1, 29), None, D(2024, 4, 2)),
        # Easter 2025: Fri 18 Apr (GF) -> Tue 22 Apr.
        (D(2025, 2, 18), None, D(2025, 4, 22)),
        # Easter 2026: Mon 6 Apr (EM) -> Tue 7 Apr.
        (D(2026, 2, 6), None, D(2026, 4, 7)),
        # One-off bank holidays: Mon 19 Sep 2022 -> Tue 20; Mon 8 May 2023 -> Tue 9.
        (D(2022, 7, 19), None, D(2022, 9, 20)),
        (D(2023, 3, 8), None, D(2023, 5, 9)),
        # Christmas window: Sat 25 Dec 2021 -> first working day after 1 Jan 2022: Sun 2, Mon 3 sub -> Tue 4.
        (D(2021, 10, 25), None, D(2022, 1, 4)),
        # Sat 24 Dec 2022 is outside the window, so r.12(2) alone moves it, once: Sun 25, Mon 26 and
        # Tue 27 are off -> Wed 28 Dec 2022. Chaining r.12(3) on top would give Tue 3 Jan 2023: the
        # later reading, which we never tell a family.
        (D(2022, 10, 24), None, D(2022, 12, 28)),
        # Wed 1 Jan 2025 -> Thu 2 Jan.
        (D(2024, 11, 1), None, D(2025, 1, 2)),
        # Wed 31 Dec 2025 is a working day but in the window -> Fri 2 Jan 2026.
        (D(2025, 10, 31), None, D(2026, 1, 2)),
        # August: Fri 15 Aug 2025 -> Mon 1 Sep 2025.
        (D(2025, 6, 15), None, D(2025, 9, 1)),
        # Wed 5 Aug 2026 -> after 31 Aug (itself a bank holiday) -> Tue 1 Sep 2026.
        (D(2026, 6, 5), None, D(2026, 9, 1)),
        # Decision 31 May 2027: raw end Sat 31 Jul 2027 -> Mon 2 Aug 2027, moved once (not on to 1 Sep).
        (D(2027, 5, 31), None, D(2027, 8, 2)),
        # Certificate later: 2 Jul 2026 + 1 month = Sun 2 Aug 2026 beats 10 Mar -> Tue 1 Sep 2026.
        (D(2026, 1, 10), D(2026, 7, 2), D(2026, 9, 1)),
        # Certificate earlier: 20 Jan + 1 month = 20 Feb; the notice's 14 Mar (Sat) wins -> Mon 16 Mar.
        (D(2026, 1, 14), D(2026, 1, 20), D(2026, 3, 16)),
        # Certificate on 31 Jan 2024 + 1 month = Thu 29 Feb 2024, later than 1 Feb 2024.
        (D(2023, 12, 1), D(2024, 1, 31), D(2024, 2, 29)),
        # Certificate 31 Aug 2025 + 1 month = Tue 30 Sep 2025.
        (D(2025, 6, 1), D(2025, 8, 31), D(2025, 9, 30)),
    ],
)
def test_worked_deadlines(notice: date, certificate: date | None, expected: date) -> None:
    assert tribunal_appeal_deadline(decision_notice_sent=notice, certificate_issued=certificate) == expected


def test_explanation_for_a_saturday() -> None:
    result = tribunal_appeal_explanation(decision_notice_sent=D(2026, 1, 14))
    assert result.raw_deadline == D(2026, 3, 14)
    assert result.deadline == D(2026, 3, 16)
    assert result.reason.startswith("The Tribunal must receive your appeal by Monday 16 March 2026.")
    assert "2 months after your decision letter was sent (Wednesday 14 January 2026)" in result.reason
    assert "Saturday 14 March 2026" in result.reason
    assert "is a Saturday, so it moves to the next working day" in result.reason
    assert len(result.moves) == 1


def test_explanation_names_the_bank_holiday_and_the_window() -> None:
    result = tribunal_appeal_explanation(decision_notice_sent=D(2024, 1, 29))
    assert "bank holiday (Good Friday)" in result.reason
    christmas = tribunal_appeal_explanation(decision_notice_sent=D(2021, 10, 25))
    assert [m.moved_to for m in christmas.moves] == [D(2022, 1, 4)]
    assert "25 December to 1 January move to the first working day after 1 January" in christmas.reason


def test_a_saturday_24_december_moves_once_and_says_who_decides() -> None:
    result = tribunal_appeal_explanation(decision_notice_sent=D(2022, 10, 24))
    assert result.raw_deadline == D(2022, 12, 24)
    assert [m.moved_to for m in result.moves] == [D(2022, 12, 28)]
    assert result.reason == (
        "The Tribunal must receive your appeal by Wednesday 28 December 2022. That is 2 months after your decision letter "
        "was sent (Monday 24 October 2022): Saturday 24 December 2022. That date is a Saturday, so it moves "
        "to the next working day: Wednesday 28 December 2022. " + TRIBUNAL_DECIDES + "."
    )


def test_31_may_2027_is_not_chained_into_september() -> None:
    result = tribunal_appeal_explanation(decision_notice_sent=D(2027, 5, 31))
    assert result.raw_deadline == D(2027, 7, 31)
    assert result.deadline == D(2027, 8, 2)
    assert len(result.moves) == 1


def test_explanation_when_the_certificate_decides() -> None:
    result = tribunal_appeal_explanation(
        decision_notice_sent=D(2026, 1, 10), certificate_issued=D(2026, 7, 2)
    )
    assert result.raw_deadline == D(2026, 8, 2)
    assert "1 month after your mediation certificate was issued (Thursday 2 July 2026)" in result.reason
    assert "August move to the first working day after 31 August" in result.reason
    assert "first working day after 31 August: Tuesday 1 September 2026." in result.reason


def test_explanation_without_moves_is_short() -> None:
    result = tribunal_appeal_explanation(decision_notice_sent=D(2024, 11, 29))
    assert result.moves == ()
    assert result.reason == (
        "The Tribunal must receive your appeal by Wednesday 29 January 2025. "
        "That is 2 months after your decision letter was sent (Friday 29 November 2024). "
        + TRIBUNAL_DECIDES + "."
    )


def test_adviser_contact_deadline() -> None:
    assert adviser_contact_deadline(D(2025, 12, 31)) == D(2026, 2, 28)  # reg 33, no weekend move
    assert adviser_contact_deadline(D(2024, 8, 31)) == D(2024, 10, 31)


def _acceptable(day: date) -> bool:
    return is_working_day(day) and not in_august(day) and not in_christmas_window(day)


def _in_window(day: date) -> bool:
    return in_august(day) or in_christmas_window(day)


dates = st.dates(min_value=D(2016, 1, 1), max_value=D(2034, 12, 31))


@settings(max_examples=200, deadline=None)
@given(notice=dates, certificate=st.none() | dates)
def test_deadline_properties(notice: date, certificate: date | None) -> None:
    deadline = tribunal_appeal_deadline(decision_notice_sent=notice, certificate_issued=certificate)
    assert is_working_day(deadline)
    assert deadline >= add_months(notice, 2)
    if certificate is not None:
        assert deadline >= add_months(certificate, 1)
    raw = tribunal_appeal_explanation(
        decision_notice_sent=notice, certificate_issued=certificate
    ).raw_deadline
    day = raw
    if _in_window(raw):
        # r.12(3): past the window, to its first acceptable day.
        while not _acceptable(day):
            day += timedelta(days=1)
    else:
        # r.12(2) once: the first working day on or after the raw end, even inside a window.
        while not is_working_day(day):
            day += timedelta(days=1)
    assert deadline == day


@settings(max_examples=100, deadline=None)
@given(a=dates, b=dates)
def test_later_notice_never_earlier_deadline(a: date, b: date) -> None:
    early, late = sorted((a, b))
    assert tribunal_appeal_deadline(decision_notice_sent=early) <= tribunal_appeal_deadline(
        decision_notice_sent=late
    )


# reg 33: "within 2 months after written notice ... was sent". A calendar period: nothing in reg 33
# moves it off a weekend or bank holiday (the Tribunal's r.12 is about the Tribunal's own time limits).
def test_adviser_contact_note_on_a_saturday_says_so_and_to_contact_before() -> None:
    # 14 Jan 2026 + 2 months = Saturday 14 March 2026.
    assert adviser_contact_note(D(2026, 3, 14)) == (
        "Saturday 14 March 2026 is a Saturday. The 2 months are calendar months and nothing moves this "
        "date to the next working day, so it is safest to contact the mediation adviser before then, by "
        "Friday 13 March 2026. If you contact the adviser later, the Tribunal decides whether you may "
        "still appeal."
    )


def test_adviser_contact_note_on_a_bank_holiday_names_it() -> None:
    # Letter sent Fri 6 Feb 2026 + 2 months = Easter Monday 6 April 2026; Good Friday 3 April too.
    assert adviser_contact_deadline(D(2026, 2, 6)) == D(2026, 4, 6)
    assert adviser_contact_note(D(2026, 4, 6)) == (
        "Monday 6 April 2026 is a bank holiday (Easter Monday). The 2 months are calendar months and "
        "nothing moves this date to the next working day, so it is safest to contact the mediation adviser "
        "before then, by Thursday 2 April 2026. If you contact the adviser later, the Tribunal decides "
        "whether you may still appeal."
    )


def test_adviser_contact_note_on_a_working_day_is_empty() -> None:
    assert adviser_contact_note(D(2026, 3, 16)) == ""
