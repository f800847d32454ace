"""Late contact with the mediation adviser (SEND Regs 2014 regs 33, 34(2)-(3)), worked by hand.

Weekdays checked against a calendar: Mon 2 Nov 2026, Sat 2 Jan 2027, Sun 3 Jan 2027, Thu 31 Dec 2026,
Sun 28 Feb 2027, Mon 1 Mar 2027, Fri 31 Dec 2027, Tue 29 Feb 2028, Wed 1 Mar 2028.
"""

from __future__ import annotations

from datetime import date

from senmediation.rules.late_contact import (
    LEAVE_ROUTE,
    contact_is_late,
    late_contact_family_warning,
    late_contact_refusal,
)


def test_contact_on_the_last_day_of_the_2_months_is_in_time() -> None:
    # Notice 2 November 2026: the 2 months end on Saturday 2 January 2027, with no move for the weekend.
    assert contact_is_late(decision_notice_sent=date(2026, 11, 2), first_contact=date(2027, 1, 2)) is False


def test_contact_the_day_after_the_2_months_is_late() -> None:
    assert contact_is_late(decision_notice_sent=date(2026, 11, 2), first_contact=date(2027, 1, 3)) is True


def test_notice_on_31_december_ends_on_28_february_in_a_common_year() -> None:
    assert contact_is_late(decision_notice_sent=date(2026, 12, 31), first_contact=date(2027, 2, 28)) is False
    assert contact_is_late(decision_notice_sent=date(2026, 12, 31), first_contact=date(2027, 3, 1)) is True


def test_notice_on_31_december_ends_on_29_february_in_a_leap_year() -> None:
    assert contact_is_late(decision_notice_sent=date(2027, 12, 31), first_contact=date(2028, 2, 29)) is False
    assert contact_is_late(decision_notice_sent=date(2027, 12, 31), first_contact=date(2028, 3, 1)) is True


def test_the_refusal_gives_the_dates_the_regulation_and_the_leave_route() -> None:
    text = late_contact_refusal(decision_notice_sent=date(2026, 11, 2), first_contact=date(2027, 1, 3))
    assert text == (
        "A certificate cannot be issued to a family who do not want mediation: they first contacted us on "
        "Sunday 3 January 2027, more than 2 months after the decision letter dated Monday 2 November 2026 "
        "(the last day was Saturday 2 January 2027), and the mediation adviser may not issue it "
        "(SEND Regulations 2014 reg 34(2)). The family can ask the SEND Tribunal for permission (leave) to "
        "appeal without a mediation certificate (SEND Regulations 2014 reg 34(3)). The Tribunal decides "
        "whether to give it."
    )
    assert LEAVE_ROUTE in text


def test_the_family_warning_names_the_last_day_and_both_paragraphs() -> None:
    text = late_contact_family_warning(decision_notice_sent=date(2026, 12, 31))
    assert text.startswith("The 2 months to contact a mediation adviser ended on Sunday 28 February 2027.")
    assert "regulation 34(2) of the SEND Regulations 2014" in text
    assert "permission to appeal without a certificate (regulation 34(3)); the Tribunal decides" in text
