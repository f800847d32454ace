"""The key dates a family should know before they send a referral: the date to contact the mediation
adviser by and the appeal deadline, with the days left and how close each is."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from senmediation.rules.appeal import (
    AppealDeadline,
    adviser_contact_deadline,
    adviser_contact_note,
    tribunal_appeal_explanation,
)
from senmediation.rules.late_contact import contact_is_late, late_contact_family_warning

from . import answers as read
from .answers import Answers

WARN_WITHIN_DAYS = 14


@dataclass(frozen=True)
class KeyDates:
    """What to tell a family about their deadlines (SEND Regs 2014 reg 33; HESC Rules r.20, r.12)."""

    decision_date: dt.date
    contact_by: dt.date | None
    contact_days_left: int | None
    appeal: AppealDeadline | None
    appeal_days_left: int | None
    # A certificate can move the appeal deadline later; with none needed (placement only), nothing does.
    certificate_can_extend: bool = True
    # Contact from today is after the 2 months: no certificate without mediation (SEND Regs reg 34(2)).
    contact_late_warning: str = ""

    @staticmethod
    def urgency(days_left: int | None) -> str:
        if days_left is None:
            return ""
        if days_left < 0:
            return "past"
        if days_left <= WARN_WITHIN_DAYS:
            return "close"
        return ""

    @property
    def contact_note(self) -> str:
        """Said when the reg 33 date is a weekend or bank holiday: contact before it to be safe."""
        return adviser_contact_note(self.contact_by) if self.contact_by else ""

    @property
    def contact_urgency(self) -> str:
        return self.urgency(self.contact_days_left)

    @property
    def appeal_urgency(self) -> str:
        return self.urgency(self.appeal_days_left)


def key_dates(*, decision_date: dt.date, today: dt.date, certificate_needed: bool, can_appeal: bool) -> KeyDates:
    """The date to contact the adviser by (only when a certificate is needed) and the appeal deadline
    (only when an appeal is possible), with the days left from `today`."""
    contact_by = adviser_contact_deadline(decision_date) if certificate_needed else None
    appeal = tribunal_appeal_explanation(decision_notice_sent=decision_date) if can_appeal else None
    return KeyDates(
        decision_date=decision_date,
        contact_by=contact_by,
        contact_days_left=(contact_by - today).days if contact_by else None,
        appeal=appeal,
        appeal_days_left=(appeal.deadline - today).days if appeal else None,
        certificate_can_extend=certificate_needed,
        contact_late_warning=late_contact_family_warning(decision_notice_sent=decision_date)
        if contact_by is not None and contact_is_late(decision_notice_sent=decision_date, first_contact=today)
        else "",
    )


def key_dates_for(answers: Answers, today: dt.date) -> KeyDates | None:
    decision_date = read.date_value(answers, "decision-date", "decision_date")
    if decision_date is None:
        return None
    return key_dates(
        decision_date=decision_date, today=today,
        certificate_needed=read.certificate_is_needed(answers), can_appeal=read.has_appeal_deadline(answers),
    )
