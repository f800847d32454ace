"""Whether an agreed action is done, still due or late, and the time limit in words a family can put in a letter.

SEND Regulations 2014 (SI 2014/1530), read in `legalize-dev/legalize-uk` `uk/uksi-2014-1530.md`:
- reg 42(2): where the agreement is about matters the family could appeal, the LA "shall comply with the time
  limits set out in regulation 44, as if the mediation agreement were an order of the First-tier Tribunal";
  reg 44(2)(b)-(h) give those limits in weeks "of the order being made", so here from the date of the agreement.
- reg 42(3): anything else the agreement requires the LA or the responsible commissioning body (the ICB) to do,
  "within two weeks of the date of the mediation agreement".
- reg 42(5): those timescales do not apply where the parties agreed a different one in writing.
- reg 44(2)(g): an order to "continue to maintain an EHC Plan in its existing form" has no time limit: the LA
  "shall continue to maintain" it. So that action is ongoing from the day of the agreement and is never late
  by the calendar (it is broken only if the LA stops maintaining the plan, which no date shows).
- reg 44(3): the LA "need not comply with the time limits" of reg 44(2)(b) and (c) if that is impractical for the
  reasons it lists (exceptional personal circumstances, the family away for 2 weeks or more, reg 13(3)).

A time limit counted in weeks ends on that day of the week. Nothing in these regulations moves it when it falls
on a weekend or bank holiday (the Tribunal's own rule for that, HESC Rules r.12, is about appeals), so the action
is late from the next day whatever day the limit ends on (docs/law.md, "Readings where the law allows two").
Actions for the school, the family or anyone else have the date the participants agreed and no legal time limit.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from types import MappingProxyType

from senmediation.rules.agreement_actions import LA_ACTION_RULES, LaAction, parse_la_action
from senmediation.rules.deadlines import SEND_REGULATIONS

__all__ = [
    "LA_ACTION_PARAGRAPHS",
    "LATE_LETTER_OWNERS",
    "Progress",
    "TimeLimit",
    "action_progress",
    "is_ongoing",
    "letter_offered",
    "time_limit",
]


class Progress(StrEnum):
    done = "done"
    due = "due"  # not done yet, and the date has not passed (or there is no date)
    late = "late"  # not done, and the date has passed
    ongoing = "ongoing"  # a duty that continues, with no end date (reg 44(2)(g))


# The paragraph of reg 44(2) each LA action comes from, and what it requires, in words that read the same on
# the family's page and in their letter to the LA.
LA_ACTION_PARAGRAPHS: Mapping[LaAction, tuple[str, str]] = MappingProxyType({
    LaAction.assess: ("44(2)(b)", "to say that it will carry out the EHC needs assessment"),
    LaAction.decide_not_to_issue_plan_after_assessment: (
        "44(2)(b)(i)", "to say, with its reasons, that it will not issue an EHC plan after the assessment"),
    LaAction.issue_final_plan_after_assessment: ("44(2)(b)(ii)", "to send the final EHC plan after the assessment"),
    LaAction.issue_draft_plan: ("44(2)(c)(i)", "to issue a draft EHC plan"),
    LaAction.issue_final_plan_after_draft: ("44(2)(c)(ii)", "to send the final EHC plan"),
    LaAction.amend_plan: ("44(2)(e)", "to issue the amended EHC plan"),
    LaAction.name_school_only: ("44(2)(f)", "to issue the EHC plan naming the agreed school or college"),
    LaAction.continue_plan: ("44(2)(g)", "to continue to maintain the EHC plan"),
})

# Party roles (cases.Party.Role values) whose late actions the family can write about: the bodies with legal
# time limits under reg 42. The letter goes to that body.
LATE_LETTER_OWNERS: frozenset[str] = frozenset({"la_officer", "icb"})
_LA_OR_ICB = LATE_LETTER_OWNERS


@dataclass(frozen=True)
class TimeLimit:
    """The time limit for one agreed action: `words` complete "The law says ..." / "The time limit was ...";
    `citation` names the regulation; `may_be_excused` is reg 44(3) (some LA limits need not be met)."""

    words: str
    citation: str
    may_be_excused: bool = False


def is_ongoing(la_action: LaAction | str | None, *, other_timescale_agreed_in_writing: bool = False) -> bool:
    """Whether the action is the continuing duty of reg 44(2)(g), with no date to miss."""
    if not la_action or other_timescale_agreed_in_writing:
        return False
    return parse_la_action(la_action) is LaAction.continue_plan


def action_progress(*, due: date | None, done_on: date | None, today: date, ongoing: bool = False) -> Progress:
    """Done (a done date is recorded), ongoing, late (today is after the due date) or still due.
    The due date itself is still in time: the limit is "within" so many weeks."""
    if done_on is not None:
        return Progress.done
    if ongoing:
        return Progress.ongoing
    if due is not None and today > due:
        return Progress.late
    return Progress.due


def time_limit(
    *, owner_role: str, la_action: LaAction | str | None, other_timescale_agreed_in_writing: bool
) -> TimeLimit | None:
    """The legal time limit for an action owned by a party in `owner_role` (a cases.Party.Role value), or None
    when the law sets none (the school, the family, a supporter: only the date they agreed)."""
    if other_timescale_agreed_in_writing and (la_action or owner_role in _LA_OR_ICB):
        return TimeLimit(
            "by the date everyone agreed in writing at the mediation, instead of the usual time limit",
            f"{SEND_REGULATIONS} regulation 42(5)",
        )
    if la_action:
        action = parse_la_action(la_action)
        paragraph, what = LA_ACTION_PARAGRAPHS[action]
        citation = f"{SEND_REGULATIONS} regulations 42(2) and {paragraph}"
        if action is LaAction.continue_plan:
            return TimeLimit(f"the local authority has {what}, from the date of the agreement", citation)
        weeks = LA_ACTION_RULES[action].weeks
        return TimeLimit(
            f"the local authority has {weeks} weeks from the date of the agreement {what}, "
            "as if the agreement were an order of the SEND Tribunal",
            citation,
            may_be_excused=paragraph.startswith(("44(2)(b)", "44(2)(c)")),
        )
    if owner_role in _LA_OR_ICB:
        body = "the local authority" if owner_role == "la_officer" else "the integrated care board"
        return TimeLimit(f"{body} has 2 weeks from the date of the agreement to do it",
                         f"{SEND_REGULATIONS} regulation 42(3)")
    return None


def letter_offered(*, progress: Progress, owner_role: str) -> bool:
    """A ready-made letter is offered for a late action of the LA or the ICB (the bodies reg 42 binds)."""
    return progress is Progress.late and owner_role in LATE_LETTER_OWNERS
