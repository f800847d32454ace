"""A ready-made letter (a tagged PDF) from the family to the local authority, or the integrated care board, about
an agreed action it has not done in time: in the family's words, quoting the action, the date of the agreement,
the time limit and its regulation (rules/agreement_late.py), and asking for it to be done.

Made when asked for and never kept: the family download it, check it and send it themselves.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from senmediation.cases.models import Party
from senmediation.core.pdf import template_to_pdf
from senmediation.rules.calendar import format_day

from .family import FamilyAgreedAction, family_agreed_action_row, family_agreed_items

TEMPLATE = "agreements/pdf/late_letter.html"


class LateLetterUnavailable(LookupError):
    """No letter for this action: not this case's, not agreed in a final agreement, not the LA's or ICB's, or
    not late. Views answer 404, so a guessed id reveals nothing."""


def family_late_action(*, party: Party, item_id: int, today: dt.date) -> FamilyAgreedAction:
    """The late LA or ICB action `item_id` of `party`'s case, or LateLetterUnavailable."""
    item = family_agreed_items(party.case).filter(pk=item_id).first()
    if item is None:
        raise LateLetterUnavailable(item_id)
    row = family_agreed_action_row(item, today=today)
    if not row.letter_offered:
        raise LateLetterUnavailable(item_id)
    return row


def late_letter_context(*, party: Party, action: FamilyAgreedAction, today: dt.date) -> dict[str, Any]:
    case = party.case
    la = case.local_authority
    to_la = action.owner_role == Party.Role.LA_OFFICER
    return {
        "action": action,
        "sender": party,
        "case": case,
        "child_name": f"{case.child_first_name} {case.child_last_name}".strip(),
        "today": format_day(today),
        "agreed_on": format_day(action.agreed_on),
        "addressee": la.name if to_la else action.who,
        "addressee_contact": la.contact_name if to_la else "",
        "addressee_address": la.contact_address if to_la else "",
        "to_la": to_la,
    }


def family_late_letter(*, party: Party, item_id: int, today: dt.date) -> bytes:
    """The letter as a PDF for `party` (a family party: the caller checks) about the late action `item_id`."""
    action = family_late_action(party=party, item_id=item_id, today=today)
    return template_to_pdf(TEMPLATE, late_letter_context(party=party, action=action, today=today))
