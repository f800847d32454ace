"""Proposing meeting times: the hard rules (hard.py), the search that ranks what meets them (search.py), and the
warning when a deemed certificate is likely (deemed.py). Pure Python; the service gathers the inputs."""

from .deemed import LIKELY_WHEN_DAYS_LEFT, deemed_certificate_warning
from .hard import RULE_LABELS, Rule, helper_serves, mediator_takes_case, notice_allows, room_suits
from .inputs import HelperIn, HelperKind, MediatorIn, Mode, Need, PartOfDay, PartyDays, Request, RoomIn, busy_by_day
from .search import Outcome, Proposal, RuledOut, check_slot, propose

__all__ = [
    "LIKELY_WHEN_DAYS_LEFT", "RULE_LABELS", "HelperIn", "HelperKind", "MediatorIn", "Mode", "Need", "Outcome",
    "PartOfDay", "PartyDays", "Proposal", "Request", "RoomIn", "Rule", "RuledOut", "busy_by_day",
    "check_slot", "deemed_certificate_warning", "helper_serves", "mediator_takes_case", "notice_allows", "propose",
    "room_suits",
]
