"""Where a family's case stands, in their words: one sentence per case state, what happens next, who does
it and the clock whose date it is due by; and one line per step for their timeline.

The family's own case page (yourcase/) shows these. The states and steps are the workflow's
(rules/workflow/states.py); tests hold every State and every Action to a row here. A step's date is never
a number of our own: `due` names a clock (rules/deadlines.py) and the page shows that clock's due
date as the case's Deadline record has it, or nothing when the case has none.

Citations are to the SEND Regulations 2014 (SI 2014/1530), read in the published text (docs/law.md):
reg 33 (contact the mediation adviser within 2 months), reg 34(1) (a certificate within 3 working
days for a family who do not want mediation), regs 35(3)-(4) and 36(2) (mediation within 30 days),
reg 37(2) (5 working days' notice of the date and place), reg 39(1) and 39(3) (a certificate within 3
working days), reg 42(2)-(3) (what the local authority or ICB must do after an agreement). The
appeal date is the Tribunal's (HESC Rules 2008 r.20(1)(c), rules/appeal.py).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType

from senmediation.rules.deadlines import Clock
from senmediation.rules.workflow import Action, CaseType, State

__all__ = ["CASE_OPENED", "CERTIFICATE_BARRED", "FAMILY_STAGES", "STEP_HAPPENED", "WHO_LABELS", "FamilyStage", "Who", "family_stage", "step_happened"]

_SEND = "SEND Regulations 2014"


class Who(StrEnum):
    """Who does the next step, as the family would say it."""

    us = "us"
    local_authority = "local_authority"
    icb = "icb"
    la_or_icb = "la_or_icb"
    you = "you"
    nobody = "nobody"


WHO_LABELS: Mapping[Who, str] = MappingProxyType({
    Who.us: "Us (the mediation service)",
    Who.local_authority: "Your local authority",
    Who.icb: "The integrated care board (ICB), the NHS body for health care",
    Who.la_or_icb: "Your local authority or the integrated care board (ICB)",
    Who.you: "You",
    Who.nobody: "Nobody: there is nothing more to do",
})


@dataclass(frozen=True)
class FamilyStage:
    sentence: str  # where things stand, in one plain sentence
    next_step: str  # what happens next
    who: Who
    due: Clock | None = None  # the clock whose due date the next step is due by (None: no date)
    citation: str = ""  # the rule that sets the step's time limit, when the law sets one


_S = State
_MEDIATION_30_DAYS = f"{_SEND} regs 35(3)-(4) and 36(2)"

FAMILY_STAGES: Mapping[State, FamilyStage] = MappingProxyType({
    _S.enquiry: FamilyStage(
        "We have your request for help.",
        "We will call you to talk about mediation and what you want to do.",
        Who.us, Clock.first_call_back, "Our own service standard (not set by law)"),
    _S.information_given: FamilyStage(
        "We have told you about mediation and the mediation certificate.",
        "Tell us whether you want mediation, or a mediation certificate without mediation so that you can appeal. "
        "The key dates below show by when the Tribunal must receive an appeal.",
        Who.you),  # no time limit of its own: the appeal date (key dates) is the one that matters
    _S.certificate_requested: FamilyStage(
        "You have told us you do not want mediation.",
        "We send you your mediation certificate within 3 working days of you telling us.",
        Who.us, Clock.certificate_no_mediation, f"{_SEND} reg 34(1)"),
    _S.mediation_requested: FamilyStage(
        "You have told us you want mediation.",
        "We tell your local authority that you want mediation.",
        Who.us),
    _S.la_notified: FamilyStage(
        "Your local authority knows you want mediation, and we are finding your mediator.",
        "We choose your mediator and arrange the meeting. The meeting must take place within 30 days of your "
        "local authority being told.",
        Who.us, Clock.mediation_held, _MEDIATION_30_DAYS),
    _S.preparing: FamilyStage(
        "We are arranging your mediation meeting.",
        "We tell you the date and place at least 5 working days before the meeting, unless you agree to less.",
        Who.us, Clock.mediation_held, f"{_SEND} reg 37(2); the 30 days: {_MEDIATION_30_DAYS}"),
    _S.scheduled: FamilyStage(
        "Your mediation meeting is arranged.",
        "Come to the meeting. Tell us if you cannot come, or if you need anything to help you take part.",
        Who.you),  # the meeting's own date is the date that matters now (the 30 days are in the key dates)
    _S.held: FamilyStage(
        "Your mediation meeting has taken place.",
        "We send you your mediation certificate within 3 working days of the mediation ending.",
        Who.us, Clock.certificate_after_mediation, f"{_SEND} reg 39(1)"),
    _S.agreement_recorded: FamilyStage(
        "What you agreed at mediation is written down in your mediation agreement.",
        "We send you your mediation certificate within 3 working days of the mediation ending.",
        Who.us, Clock.certificate_after_mediation, f"{_SEND} reg 39(1)"),
    _S.certificate_issued: FamilyStage(
        "Your mediation certificate has been issued.",
        "If you want to appeal, send your appeal to the Tribunal. It must receive it by the date shown.",
        Who.you, Clock.tribunal_appeal, "Tribunal Procedure (HESC) Rules 2008 r.20(1)(c)"),
    _S.follow_up: FamilyStage(
        "We are checking that what was agreed at mediation gets done.",
        "Your local authority or the ICB must do what was agreed: within 2 weeks of the agreement for things you "
        "cannot appeal about, and within the Tribunal's time limits for the rest.",
        Who.la_or_icb, Clock.agreement_other_actions, f"{_SEND} reg 42(2)-(3)"),
    _S.closed: FamilyStage(
        "Your case is closed.",
        "There is nothing more to do. Contact us if you need help.",
        Who.nobody),
    _S.withdrawn: FamilyStage(
        "Your case has ended because it was withdrawn.",
        "There is nothing more to do. Contact us if you want help again.",
        Who.nobody),
    _S.not_arranged: FamilyStage(
        "Your local authority told us it cannot arrange mediation within 30 days.",
        "We send you your mediation certificate within 3 working days of being told. You can still have "
        "mediation later if you want it.",
        Who.us, Clock.certificate_not_arranged, f"{_SEND} reg 39(3)"),
})

# Disagreement resolution is voluntary and has no certificate and no statutory clocks (SEND Code of
# Practice 2015 paras 11.6-11.12): where its words differ, these replace the SEN mediation ones.
_DRS_STAGES: Mapping[State, FamilyStage] = MappingProxyType({
    _S.information_given: FamilyStage(
        "We have told you about disagreement resolution.",
        "Tell us whether you want to go ahead.", Who.you),
    _S.mediation_requested: FamilyStage(
        "You have told us you want disagreement resolution.",
        "We ask everyone else whether they agree to take part, and choose your mediator.", Who.us),
    _S.preparing: FamilyStage("We are arranging your meeting.", "We tell you the date and place.", Who.us),
    _S.scheduled: FamilyStage(
        "Your meeting is arranged.",
        "Come to the meeting. Tell us if you cannot come, or if you need anything to help you take part.",
        Who.you),
    _S.held: FamilyStage("Your meeting has taken place.", "We write to you about what happens next.", Who.us),
    _S.agreement_recorded: FamilyStage(
        "What you agreed at the meeting is written down.", "We check that what was agreed gets done.", Who.us),
    _S.follow_up: FamilyStage(
        "We are checking that what was agreed gets done.",
        "Everyone who agreed to do something does it by the date agreed.", Who.la_or_icb),
})


# A family who contacted the adviser more than 2 months after the decision letter and do not want mediation:
# no certificate may be issued (reg 34(2), rules/late_contact.py), so none is promised; reg 34(3) is the way on.
CERTIFICATE_BARRED = FamilyStage(
    "You have told us you do not want mediation.",
    "We cannot issue a mediation certificate without mediation, because we first heard from you more than 2 months "
    "after your decision letter was sent. You can ask the Tribunal for permission to appeal without a certificate; "
    "the Tribunal decides. You can still ask us for mediation.",
    Who.you, None, f"{_SEND} reg 34(2)-(3)")


def family_stage(*, state: State | str, case_type: CaseType | str = CaseType.sen_mediation,
                 certificate_barred: bool = False) -> FamilyStage:
    """Where a case in `state` stands for the family, and what happens next. `certificate_barred`: the
    family asked for a certificate without mediation too late for one (the workflow started no clock for it)."""
    st = State(state)
    if certificate_barred and st is State.certificate_requested:
        return CERTIFICATE_BARRED
    if CaseType(case_type) is CaseType.disagreement_resolution:
        drs = _DRS_STAGES.get(st)
        if drs is not None:
            return drs
        stage = FAMILY_STAGES[st]
        return FamilyStage(stage.sentence, stage.next_step, stage.who) if stage.due else stage
    return FAMILY_STAGES[st]


_A = Action
# What each step means for the family, for their timeline; staff notes and details never appear there.
STEP_HAPPENED: Mapping[Action, str] = MappingProxyType({
    _A.give_information: "We told you about mediation and the mediation certificate",
    _A.request_certificate: "You told us you do not want mediation",
    _A.request_mediation: "You told us you want mediation",
    _A.notify_la: "We told your local authority you want mediation",
    _A.notify_icb: "The integrated care board (ICB) was told about the health care issues",
    _A.start_preparation: "Your mediator was chosen and we started arranging the meeting",
    _A.schedule_meeting: "Your meeting was arranged",
    _A.reschedule_meeting: "Your meeting was moved",
    _A.hold_meeting: "Your mediation meeting took place",
    _A.record_agreement: "Your mediation agreement was written down",
    _A.record_no_agreement: "The meeting ended without an agreement",
    _A.issue_certificate: "Your mediation certificate was issued",
    _A.mark_not_arranged: "Your local authority said it cannot arrange mediation within 30 days",
    _A.arrange_mediation_later: "You asked for mediation after all, and we started arranging it",
    _A.start_follow_up: "We started checking that what was agreed gets done",
    _A.close: "Your case was closed",
    _A.withdraw: "Your case was withdrawn",
})

CASE_OPENED = "We opened your case"


def step_happened(action: Action | str) -> str | None:
    """The family's words for a step on their timeline, or None for a step they need not see."""
    try:
        return STEP_HAPPENED[Action(action)]
    except ValueError:
        return None
