"""The last day to appeal to the First-tier Tribunal (SEND), with a reason a family can read.

Tribunal Procedure (First-tier Tribunal) (HESC) Rules 2008:
- r.20(1)(c): the application notice must be sent or delivered so that the Tribunal *receives* it
  within 2 months after written notice of the decision was sent, or within 1 month from the date
  of issue of the mediation certificate (CFA 2014 s.55(4)-(5)) if that is later.
- r.12(2): a time limit ending on a day that is not a working day ends on the next working day.
- r.12(3)(a): one ending 25 December to 1 January inclusive, or in August, ends on the first working
  day after 1 January or 31 August ("provided to the Tribunal" on that day).
We do not say "by 5pm": that is in r.12(1) of the rules as published, which we have not read in
the HESC text (docs/law.md), so families are told the day only.

Each move is applied once, to the day the time limit itself ends. r.12(3) is used only when that
raw end falls in one of its windows; otherwise the date moves once, to the next working day, even
if that day is in a window (a Saturday 31 July ends on Monday 2 August, not 1 September). Chaining
the moves can be argued for, but it gives a later date, and a family told a date the Tribunal
does not accept loses the appeal: where the rules can be read two ways we give the earlier date
and say that the Tribunal decides (it may also extend time, r.5(3)(a)).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from senmediation.rules.calendar import (
    add_months,
    bank_holiday_name,
    format_day,
    is_working_day,
    next_working_day_on_or_after,
    previous_working_day,
)

__all__ = [
    "AppealDeadline",
    "AppealMove",
    "TRIBUNAL_DECIDES",
    "adviser_contact_deadline",
    "adviser_contact_note",
    "format_day",
    "in_august",
    "in_christmas_window",
    "tribunal_appeal_deadline",
    "tribunal_appeal_explanation",
]

DECISION_MONTHS = 2  # HESC Rules r.20(1)(c)
CERTIFICATE_MONTHS = 1  # HESC Rules r.20(1)(c)
ADVISER_CONTACT_MONTHS = 2  # SEND Regulations 2014 reg 33


def in_christmas_window(day: date) -> bool:
    """25 December to 1 January inclusive (HESC Rules r.12(3)(a))."""
    return (day.month == 12 and day.day >= 25) or (day.month == 1 and day.day == 1)


def in_august(day: date) -> bool:
    """Any day in August (HESC Rules r.12(3)(a))."""
    return day.month == 8


@dataclass(frozen=True)
class AppealMove:
    moved_from: date
    moved_to: date
    why: str


@dataclass(frozen=True)
class AppealDeadline:
    deadline: date
    raw_deadline: date
    reason: str
    decision_notice_sent: date
    certificate_issued: date | None
    moves: tuple[AppealMove, ...]


# Said with every appeal date: the rules can be read more than one way, so we give the earlier date.
TRIBUNAL_DECIDES = (
    "The Tribunal decides whether an appeal is in time. Where its rules could give more than one date, "
    "we show the earlier one, so that you are safe"
)


def _why_moved(day: date) -> str:
    if in_christmas_window(day):
        return "deadlines from 25 December to 1 January move to the first working day after 1 January"
    if in_august(day):
        return "deadlines in August move to the first working day after 31 August"
    if day.weekday() >= 5:
        return f"that date is a {day:%A}, so it moves to the next working day"
    name = bank_holiday_name(day)
    return f"that date is a bank holiday ({name}), so it moves to the next working day"


def _moved_to(day: date) -> date | None:
    """Where r.12 moves the raw end `day`, or None when it stands. Applied once, never chained."""
    # r.12(3) windows first: a date inside one goes straight past it, not one day at a time.
    if in_christmas_window(day):
        year = day.year + 1 if day.month == 12 else day.year
        return next_working_day_on_or_after(date(year, 1, 2))
    if in_august(day):
        return next_working_day_on_or_after(date(day.year, 9, 1))
    if not is_working_day(day):
        return next_working_day_on_or_after(day)
    return None


def _raw_deadline(decision_notice_sent: date, certificate_issued: date | None) -> date:
    raw = add_months(decision_notice_sent, DECISION_MONTHS)
    if certificate_issued is not None:
        raw = max(raw, add_months(certificate_issued, CERTIFICATE_MONTHS))
    return raw


def tribunal_appeal_deadline(*, decision_notice_sent: date, certificate_issued: date | None = None) -> date:
    """The last day to register an appeal (HESC Rules r.20(1)(c), r.12); cheap, for the deadline engine."""
    raw = _raw_deadline(decision_notice_sent, certificate_issued)
    return _moved_to(raw) or raw


def tribunal_appeal_explanation(
    *, decision_notice_sent: date, certificate_issued: date | None = None
) -> AppealDeadline:
    """The appeal deadline with a plain-English account of how it was reached."""
    raw = _raw_deadline(decision_notice_sent, certificate_issued)
    notice_part = f"2 months after your decision letter was sent ({format_day(decision_notice_sent)})"
    if certificate_issued is None:
        basis = notice_part
    else:
        certificate_part = (
            f"1 month after your mediation certificate was issued ({format_day(certificate_issued)})"
        )
        from_notice = add_months(decision_notice_sent, DECISION_MONTHS)
        from_certificate = add_months(certificate_issued, CERTIFICATE_MONTHS)
        if from_certificate > from_notice:
            basis = f"{certificate_part}, which is later than {notice_part}"
        elif from_certificate == from_notice:
            basis = f"{notice_part}, the same day as {certificate_part}"
        else:
            basis = f"{notice_part}, which is later than {certificate_part}"

    moves: list[AppealMove] = []
    day = raw
    if (moved := _moved_to(raw)) is not None:
        moves.append(AppealMove(moved_from=raw, moved_to=moved, why=_why_moved(raw)))
        day = moved

    # r.20(1): the application notice must be *received* by the Tribunal within the time.
    parts = [f"The Tribunal must receive your appeal by {format_day(day)}. That is {basis}"]
    if moves:
        parts[0] += f": {format_day(raw)}"
        parts += [f"{m.why[0].upper()}{m.why[1:]}: {format_day(m.moved_to)}" for m in moves]
    parts.append(TRIBUNAL_DECIDES)
    return AppealDeadline(
        deadline=day,
        raw_deadline=raw,
        reason=". ".join(parts) + ".",
        decision_notice_sent=decision_notice_sent,
        certificate_issued=certificate_issued,
        moves=tuple(moves),
    )


def adviser_contact_deadline(decision_notice_sent: date) -> date:
    """Last day to contact the mediation adviser: 2 months after the decision notice (SEND Regs 2014 reg 33).

    No working-day move: reg 33 has no rule like the Tribunal's r.12.
    """
    return add_months(decision_notice_sent, ADVISER_CONTACT_MONTHS)


def adviser_contact_note(contact_by: date) -> str:
    """What a family should know when the reg 33 date falls on a weekend or bank holiday ("" otherwise).

    Reg 33: contact the adviser "within 2 months after written notice ... was sent". That is a
    calendar period, and nothing in the SEND Regulations moves its end off a non-working day (the
    Tribunal's r.12 moves only the Tribunal's own time limits). The law can be read two ways about
    whether a contact on the next working day is in time, so we tell the family the earlier, safe
    date: the last working day before it. The adviser (and, for a late appeal, the Tribunal: reg
    34(3)) decides.
    """
    if is_working_day(contact_by):
        return ""
    name = bank_holiday_name(contact_by)
    what = f"a bank holiday ({name})" if name else f"a {contact_by:%A}"
    return (
        f"{format_day(contact_by)} is {what}. The 2 months are calendar months and nothing moves this "
        f"date to the next working day, so it is safest to contact the mediation adviser before then, by "
        f"{format_day(previous_working_day(contact_by))}. If you contact the adviser later, the Tribunal "
        f"decides whether you may still appeal."
    )
