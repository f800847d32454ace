"""Checks on one item of a mediation agreement: who does what, by when, and how we will know.

Agreements are written jointly in the participants' own words and must be SMART: specific,
measurable, achievable, relevant and time-bound (SEND Code of Practice 2015 ch. 11). Blocking
findings stop an item being saved; hints are friendly prompts the participants may overrule.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from senmediation.rules.agreement_actions import LA_ACTION_RULES, LaAction, la_action_due, other_agreement_due
from senmediation.rules.calendar import format_day

__all__ = [
    "VAGUE_PHRASES",
    "Finding",
    "FindingCode",
    "check_item",
    "default_due",
    "vague_phrases_in",
]

# Words that leave "who does what by when" open. Besides the usual hedges, "access to", "up to",
# "regular(ly)", "as appropriate", "as needed" and "as required" are the unquantified wordings the
# Code of Practice warns against for provision (para 9.69: detailed, specific, normally quantified).
VAGUE_PHRASES: tuple[str, ...] = (
    "asap",
    "as soon as possible",
    "try to",
    "consider",
    "where possible",
    "in due course",
    "if possible",
    "when possible",
    "at some point",
    "look into",
    "where appropriate",
    "as appropriate",
    "as needed",
    "as required",
    "access to",
    "up to",
    "regular",
    "regularly",
    "hopefully",
    "aim to",
    "endeavour",
)

# Inflected forms a phrase also covers. "consider" flags "will consider" and "will be considered"
# but not "reconsider" or "consideration": a promise to reconsider a named decision is specific.
_FORMS: dict[str, str] = {
    "try to": r"(?:try|tries|trying)\s+to",
    "consider": r"consider(?:s|ed|ing)?",
    "look into": r"look(?:s|ing)?\s+into",
    "aim to": r"aim(?:s|ing)?\s+to",
    "endeavour": r"endeavou?r(?:s|ed|ing)?",
}


def _pattern(phrase: str) -> re.Pattern[str]:
    body = _FORMS.get(phrase, r"\s+".join(re.escape(word) for word in phrase.split()))
    return re.compile(rf"\b{body}\b", re.IGNORECASE)


_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple((p, _pattern(p)) for p in VAGUE_PHRASES)


def vague_phrases_in(text: str) -> list[str]:
    """The VAGUE_PHRASES found in `text`, case-insensitively on word boundaries, in list order."""
    return [phrase for phrase, pattern in _PATTERNS if pattern.search(text)]


class FindingCode(StrEnum):
    owner_missing = "owner_missing"
    action_missing = "action_missing"
    due_missing = "due_missing"
    due_not_future = "due_not_future"
    measure_missing = "measure_missing"
    vague_phrase = "vague_phrase"
    later_than_statutory = "later_than_statutory"


@dataclass(frozen=True)
class Finding:
    field: str
    code: FindingCode
    message: str
    blocking: bool


def default_due(la_action: LaAction | None, agreed_on: date) -> date:
    """The date the law sets for an agreed item: reg 44 for appealable matters (via reg 42(2)),
    otherwise 2 weeks (SEND Regulations 2014 reg 42(3))."""
    return la_action_due(la_action, agreed_on) if la_action is not None else other_agreement_due(agreed_on)


def _blank(text: str | None) -> bool:
    return text is None or not text.strip()


def check_item(
    *,
    owner: str | None,
    action: str,
    due: date | None,
    measure: str,
    today: date,
    la_action: LaAction | None = None,
    agreed_other_timescale_in_writing: bool = False,
    agreed_on: date | None = None,
    owner_is_la_or_icb: bool = False,
) -> list[Finding]:
    """Findings for one agreed action, blocking ones first.

    `agreed_on` (default `today`) is the date of the agreement the legal timescales count from.
    `owner_is_la_or_icb` turns on the 2-week hint for LA/ICB items that are not appealable (reg 42(3)).
    """
    findings: list[Finding] = []
    if _blank(owner):
        findings.append(
            Finding(
                "owner",
                FindingCode.owner_missing,
                "Say who will do this: a named person or organisation.",
                True,
            )
        )
    if _blank(action):
        findings.append(Finding("action", FindingCode.action_missing, "Say what will be done.", True))
    if due is None:
        findings.append(
            Finding("due", FindingCode.due_missing, "Give the date by which this will be done.", True)
        )
    elif due <= today:
        findings.append(
            Finding(
                "due", FindingCode.due_not_future, f"Choose a date after today ({format_day(today)}).", True
            )
        )
    if _blank(measure):
        findings.append(
            Finding(
                "measure", FindingCode.measure_missing, "Say how everyone will know it has been done.", True
            )
        )

    for field_name, text in (("action", action), ("measure", measure)):
        for phrase in vague_phrases_in(text or ""):
            findings.append(
                Finding(
                    field_name,
                    FindingCode.vague_phrase,
                    f'"{phrase}" can mean different things to different people. '
                    "Could you say exactly what will happen, how much or how often, and by when?",
                    False,
                )
            )

    if due is not None and not agreed_other_timescale_in_writing and (la_action or owner_is_la_or_icb):
        start = agreed_on or today
        limit = default_due(la_action, start)
        if due > limit:
            if la_action is not None:
                label = LA_ACTION_RULES[la_action].label
                what = f"the local authority to {label[0].lower()}{label[1:]}"
                law = "SEND Regulations 2014 reg 44, applied by reg 42(2)"
            else:
                what = "the local authority or ICB to do this"
                law = "SEND Regulations 2014 reg 42(3)"
            findings.append(
                Finding(
                    "due",
                    FindingCode.later_than_statutory,
                    f"The law expects {what} by {format_day(limit)} ({law}). "
                    "A later date is fine if everyone agrees it in writing (reg 42(5)).",
                    False,
                )
            )
    return findings
