"""What the family's confirmation e-mail adds to "we have your request": their dates and a copy of
the answers they chose from lists.

The address has not been checked (anyone can type anyone's address), so the e-mail repeats nothing
the sender typed: no names, no contact details, no words of their own (docs/security.md, "The
referral confirmation e-mail"). Dates and choices made from our lists are ours, not theirs.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from senmediation.cases.models import Case
from senmediation.rules.appeal import adviser_contact_deadline, adviser_contact_note, tribunal_appeal_explanation
from senmediation.rules.calendar import format_day
from senmediation.rules.eligibility import ROUTE_RULES, Route

from . import answers as read
from . import forms as f
from .answers import Answers

Lines = list[tuple[str, str]]


def _labels(choices: list[tuple[str, str]], values: list[str], joiner: str = "; ") -> str:
    labels = dict(choices)
    return joiner.join(labels[value] for value in values if value in labels)


def _chosen(answers: Answers, slug: str, name: str) -> list[str]:
    values = read.value(answers, slug, name, [])
    return [str(value) for value in values] if isinstance(values, list) else []


def answers_copy(answers: Answers, *, local_authority: str) -> Lines:
    """The answers chosen from our lists, as "question: answer" lines; free text and names left out."""
    lines: Lines = [("Local authority", local_authority)]
    if topics := _labels(f.TOPIC_CHOICES, read.topics(answers)):
        lines.append(("The disagreement is about", topics))
    if read.value(answers, "decision-date", "no_letter"):
        lines.append(("Date on the decision letter", "Not known: you do not have the letter"))
    elif day := read.date_value(answers, "decision-date", "decision_date"):
        lines.append(("Date on the decision letter", f"{day.day} {day:%B %Y}"))
    if wants := f.WANTS_LABELS.get(str(read.value(answers, "wants", "wants", ""))):
        lines.append(("What you would like to do now", wants))
    if methods := _labels(f.CONTACT_CHOICES, _chosen(answers, "contact-methods", "methods"), ", "):
        lines.append(("Ways to contact", methods))
    support = _labels(f.ADJUSTMENT_CHOICES, _chosen(answers, "adjustments", "adjustments"))
    lines.append(("Support that would help", support or "None chosen"))
    return lines


@dataclass(frozen=True)
class Dates:
    """The family's dates as sentences; `unknown` when an appeal is possible but no date was given."""

    contact: str = ""
    contact_note: str = ""
    appeal: str = ""
    unknown: bool = False


def dates_for(case: Case) -> Dates:
    """The reg 33 date (where a certificate is needed) and the appeal deadline (where an appeal is
    possible), worked out by the rules from the decision letter's date."""
    rule = ROUTE_RULES[Route(case.route)]
    if not rule.appeal_deadline_runs:
        return Dates()
    sent: dt.date | None = case.decision_notice_date
    if sent is None:
        return Dates(unknown=True)
    contact = note = ""
    if rule.adviser_clock:
        contact_by = adviser_contact_deadline(sent)
        contact = (f"Before an appeal, contact a mediation adviser by {format_day(contact_by)}. That is "
                   f"2 months after your decision letter was sent.")
        note = adviser_contact_note(contact_by)
    appeal = tribunal_appeal_explanation(decision_notice_sent=sent).reason
    return Dates(contact=contact, contact_note=note, appeal=appeal)
