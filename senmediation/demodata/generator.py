"""Demo cases in bulk: each case is walked through the workflow table in memory, every date and clock
computed with the pure rules (working days, due dates, clock statuses), then written with COPY
(PostgreSQL) or bulk_create (SQLite). No services, no signals, no per-row queries.

Deterministic for a seed: cases are made in chunks, each with its own seeded generator, so the result
does not depend on how many processes made them.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import multiprocessing
import random
from bisect import bisect
from collections.abc import Iterator, Sequence
from functools import lru_cache
from typing import Any, TypeVar

from django.db import connection, connections, transaction

from senmediation.agreements.models import Agreement, AgreementItem
from senmediation.cases.models import Case, CaseEvent, Deadline, Issue, MeetingOutcome, Party, ReferenceCounter
from senmediation.cases.search import Person, search_text_for
from senmediation.cases.services.deadlines import CHASED_STATUSES, DUE_SOON_WORKING_DAYS
from senmediation.cases.services.references import PREFIXES
from senmediation.core import clock as service_clock
from senmediation.documents.models import Certificate, Document
from senmediation.documents.services.certificates import KIND_FOR_CLOCK, NUMBER_PREFIX
from senmediation.feedback.models import Answer, Complaint, Recommend, SurveyInvitation, SurveyResponse
from senmediation.meetings.models import Meeting
from senmediation.rules.appeal import tribunal_appeal_explanation
from senmediation.rules.calendar import add_working_days
from senmediation.rules.complaints import complaint_clocks
from senmediation.rules.deadlines import CLOCK_RULES, Clock, clock_status, due_date
from senmediation.rules.eligibility import Decision, Element, Route, route_for
from senmediation.rules.workflow import (
    ACTION_LABELS,
    STATE_LABELS,
    Action,
    CaseFacts,
    CaseType,
    State,
    Transition,
    TransitionNotAllowed,
    allowed_transitions,
    check_transition,
    clocks_on_open,
    is_open,
)

from . import writer
from .documents import OWN_DOCUMENTS_BELOW, own_documents_render, specimens_attach
from .phrases import COMMENTS, COMPLAINTS, FIRST, ISSUES, ITEMS, LAST, NOT_AGREED, NOTES, PLACE_SURNAMES
from .progress import Progress
from .world import Chunk, World, _opened_on, _types, _world, chunks_plan

T = TypeVar("T")
# Ids are handed out in fixed strides per case, so chunks made in parallel never collide.
STRIDE = {Case: 1, Party: 2, Issue: 3, CaseEvent: 40, Deadline: len(Clock), Meeting: 8, Certificate: 1,
          Document: 4, Agreement: 1, AgreementItem: 4, Complaint: 1, SurveyInvitation: 2, SurveyResponse: 2}
MAX_STEPS = 18
COMPLAINT_SHARE = 0.004  # about 4,000 complaints a million cases
DEFER_CONSTRAINTS_FROM = 100_000

# How likely each step is when the workflow allows it (the table decides what is allowed).
ACTION_WEIGHTS: dict[Action, float] = {
    Action.give_information: 12, Action.request_certificate: 4, Action.request_mediation: 7,
    Action.notify_la: 12, Action.notify_icb: 6, Action.start_preparation: 12, Action.schedule_meeting: 12,
    Action.reschedule_meeting: 0.6, Action.hold_meeting: 12, Action.record_agreement: 7,
    Action.record_no_agreement: 3, Action.issue_certificate: 12, Action.mark_not_arranged: 0.5,
    Action.start_follow_up: 5, Action.close: 2.5, Action.withdraw: 0.4, Action.arrange_mediation_later: 1.5,
}
STALL = 0.03  # a case left waiting at a step: how open cases end up with overdue clocks
# Some states wait longer: a certificate sent is often left open a while before the case is closed.
STALL_AT: dict[State, float] = {State.certificate_issued: 0.25}
GAPS = (1, 1, 2, 2, 3, 3, 4, 5, 7, 10)  # working days between steps


def _one(rng: random.Random, seq: Sequence[T]) -> T:
    """rng.choice without its overhead (called tens of millions of times)."""
    return seq[int(rng.random() * len(seq))]


def _between(rng: random.Random, low: int, high: int) -> int:
    """_between(rng, low, high), faster."""
    return low + int(rng.random() * (high - low + 1))


@lru_cache(maxsize=4096)
def _utc_offset(day: dt.date) -> dt.timedelta:
    # Clocks change at night, so one offset serves the working day.
    offset = dt.datetime.combine(day, dt.time(12), tzinfo=service_clock.LONDON).utcoffset()
    assert offset is not None
    return offset


def _at(day: dt.date, minute_of_day: int) -> dt.datetime:
    """That minute of that day in London, as UTC."""
    return dt.datetime(day.year, day.month, day.day, minute_of_day // 60, minute_of_day % 60,
                       tzinfo=dt.UTC) - _utc_offset(day)


# The walk asks the workflow the same questions many times over: remember the answers (per process).
_ALLOWED: dict[tuple[CaseType, State, CaseFacts], tuple[list[Transition], list[float]]] = {}
_CHECKED: dict[tuple[CaseType, State, Action, CaseFacts], Transition | None] = {}
_OPTIMISTIC: dict[CaseFacts, CaseFacts] = {}


def _allowed(case_type: CaseType, state: State, facts: CaseFacts) -> tuple[list[Transition], list[float]]:
    """What the table allows once the preparatory work (mediator, agreement, meeting) is done."""
    optimistic = _OPTIMISTIC.get(facts)
    if optimistic is None:
        optimistic = _OPTIMISTIC[facts] = dataclasses.replace(
            facts, mediator_assigned=True, all_parties_agree=True, meeting_scheduled=True)
    key = (case_type, state, optimistic)
    if key not in _ALLOWED:
        options = allowed_transitions(case_type=case_type, state=state, facts=optimistic)
        weights, total = [], 0.0
        for option in options:
            total += ACTION_WEIGHTS[option.action]
            weights.append(total)
        _ALLOWED[key] = (options, weights)
    return _ALLOWED[key]


def _checked(case_type: CaseType, state: State, action: Action, facts: CaseFacts) -> Transition | None:
    key = (case_type, state, action, facts)
    if key not in _CHECKED:
        try:
            _CHECKED[key] = check_transition(case_type=case_type, state=state, action=action, facts=facts)
        except TransitionNotAllowed:
            _CHECKED[key] = None
    return _CHECKED[key]


class _CaseWalk:
    """One case from opening to wherever it has got to by yesterday."""

    def __init__(self, world: World, rng: random.Random, index: int, case_type: CaseType, reference: str,
                 number: int, rows: writer.Rows):
        self.world, self.rng, self.rows = world, rng, rows
        self.id = world.first_ids["case"] + index
        self.index = index
        self.case_type = case_type
        self.reference, self.number = reference, number
        self.opened = _opened_on(world, index)
        self.coordinator = world.coordinators[self.id % len(world.coordinators)]
        self.events: list[tuple[dt.datetime, str, str, str, str, str, int | None]] = []
        self.clocks: dict[Clock, list[Any]] = {}  # clock -> [start, due, met_on, stopped_on]
        self.meetings: list[list[Any]] = []
        self.letters: list[int] = []
        self.held_on: dt.date | None = None
        self.state = State.enquiry
        self.fields: dict[str, Any] = {"mediator_id": None, "all_parties_agreed": False, "meeting_outcome": "",
                                       "la_notified_on": None, "certificate_issued_on": None, "closed_on": None,
                                       "closure_reason": ""}

    # --- the walk -------------------------------------------------------------------------------

    def run(self) -> None:
        rng, world = self.rng, self.world
        sen = self.case_type is CaseType.sen_mediation
        decisions = rng.sample([d.value for d in Decision if d not in (Decision.legacy_statement,
                                                                    Decision.school_action)],
                               k=_one(rng, (1, 1, 2)))
        self.health = rng.random() < 0.15
        self.elements = [Element.education] + ([Element.health] if self.health else [])
        if sen and rng.random() < 0.06:
            # Disagreements about the health or social care parts alone: their own routes (CFA s.53(3)-(4), s.54).
            self.elements = _one(rng, ([Element.health], [Element.social_care], [Element.health, Element.social_care]))
            self.health = Element.health in self.elements
            decisions = [Decision.plan_provision.value]
        self.route = (route_for(decisions=[Decision(d) for d in decisions], elements=self.elements) if sen
                      else Route.disagreement_resolution)
        if self.route is Route.placement_only:
            self.elements = []
        self.notice = self.opened - dt.timedelta(days=_between(rng, 3, 50))
        self.decisions = decisions
        self.facts = CaseFacts(case_type=self.case_type, route=self.route, has_health_elements=self.health)
        self.first, self.last = _one(rng, FIRST), _one(rng, LAST if rng.random() < 0.5 else PLACE_SURNAMES)
        self.parent = f"{_one(rng, FIRST)} {self.last}"
        self.la_id, self.la_name = _one(rng, world.la if sen else world.drs_la)
        self._event(self.opened, 9 * 60 + _between(rng, 0, 59), CaseEvent.Kind.OPENED, "", "", State.enquiry.value,
                    f"Case opened from {_one(rng, ['online form', 'phone', 'phone', 'email'])}", self.coordinator)
        for clock_ in clocks_on_open(case_type=self.case_type, route=self.route):
            from_notice = clock_ in (Clock.contact_adviser, Clock.tribunal_appeal)
            self._start(clock_, self.notice if from_notice else self.opened)
        self.last_day = self.opened
        yesterday = world.today - dt.timedelta(days=1)
        day = self.opened
        steps = 0
        while is_open(self.state) and steps < MAX_STEPS and len(self.letters) < STRIDE[Document]:
            steps += 1
            options, weights = _allowed(self.case_type, self.state, self.facts)
            if not options or rng.random() < STALL_AT.get(self.state, STALL):
                break
            chosen = options[bisect(weights, rng.random() * weights[-1])]
            on = add_working_days(day, _one(rng, GAPS))
            if chosen.action is Action.hold_meeting:
                on = self.facts.meeting_date or on
            if on > yesterday:
                break
            if not self._prepare(chosen.action, on):
                break
            transition = _checked(self.case_type, self.state, chosen.action, self.facts)
            if transition is None:
                break
            self._apply(transition, on)
            day = on
        self._notes(yesterday)
        self._feedback(yesterday)
        self._write()

    def _prepare(self, action: Action, on: dt.date) -> bool:
        """The work a step needs first (a mediator, everyone's agreement, a meeting), done on the day."""
        rng, facts = self.rng, self.facts
        if action is Action.start_preparation and not facts.mediator_assigned:
            self.fields["mediator_id"] = _one(rng, self.world.mediators)
            self.facts = dataclasses.replace(self.facts, mediator_assigned=True)
            self._event(on, 9 * 60 + _between(rng, 0, 90), CaseEvent.Kind.UPDATED, "", "", "",
                        "Mediator assigned", self.coordinator)
            if self.case_type is CaseType.disagreement_resolution and not facts.all_parties_agree:
                self.fields["all_parties_agreed"] = True
                self.facts = dataclasses.replace(self.facts, all_parties_agree=True)
                self._event(on, 9 * 60 + _between(rng, 0, 90), CaseEvent.Kind.UPDATED, "", "", "",
                            "Every party agreed to take part", self.coordinator)
        if action in (Action.schedule_meeting, Action.reschedule_meeting):
            if self.meetings:
                self.meetings[-1][2] = Meeting.Status.MOVED.value
            meeting_day = add_working_days(on, _between(rng, 6, 20))
            venue_id, online = _one(rng, self.world.venues)
            self.meetings.append([meeting_day, on, Meeting.Status.SCHEDULED.value, venue_id, online])
            self.facts = dataclasses.replace(self.facts, meeting_scheduled=True, meeting_date=meeting_day,
                                             notice_sent_on=on)
        if action is Action.hold_meeting:
            self.meetings[-1][2] = Meeting.Status.HELD.value
        return True

    def _apply(self, transition: Transition, on: dt.date) -> None:
        before = self.facts
        from_state = self.state
        self.state = transition.to_state
        action = transition.action
        if action is Action.notify_la:
            self.fields["la_notified_on"] = on
        if action is Action.record_agreement:
            self.fields["meeting_outcome"] = MeetingOutcome.AGREEMENT.value
            self.facts = dataclasses.replace(self.facts, outcome_recorded=True, agreement_reached=True)
        if action is Action.record_no_agreement:
            self.fields["meeting_outcome"] = MeetingOutcome.NO_AGREEMENT.value
            self.facts = dataclasses.replace(self.facts, outcome_recorded=True)
        if action is Action.hold_meeting:
            self.facts = dataclasses.replace(self.facts, meeting_scheduled=False)
            self.held_on = on
        if transition.to_state in (State.closed, State.withdrawn):
            self.fields["closed_on"] = on
            self.fields["closure_reason"] = "Withdrawn by the family" if action is Action.withdraw else ""
        minute = 11 * 60 + _between(self.rng, 0, 300)
        by = self.fields["mediator_id"] if action in (Action.hold_meeting, Action.record_agreement,
                                                      Action.record_no_agreement) else self.coordinator
        self._event(on, minute, CaseEvent.Kind.TRANSITION, action.value, from_state.value, self.state.value,
                    f"{ACTION_LABELS[action]}: {STATE_LABELS[from_state]} to {STATE_LABELS[self.state]}", by)
        if action is Action.issue_certificate:
            self.fields["certificate_issued_on"] = on
            self.facts = dataclasses.replace(self.facts, certificate_issued=True,
                                             certificate_was_not_arranged=from_state is State.not_arranged)
            self._certificate(KIND_FOR_CLOCK[transition.meets[0]], on, minute + 1)
        if action is Action.notify_la:
            self._letter(on, minute + 1)
        if action in (Action.record_agreement, Action.record_no_agreement):
            self._agreement(on, action is Action.record_agreement, minute + 1)
        for clock_ in transition.clocks_started(before):
            self._start(clock_, on)
        for clock_ in transition.meets:
            if (c := self.clocks.get(clock_)) and c[2] is None and c[3] is None:
                c[2] = on
        for clock_ in transition.stops:
            if clock_ is not Clock.tribunal_appeal and (c := self.clocks.get(clock_)) and c[2] is None and c[3] is None:
                c[3] = on
        self.last_day = on

    def _start(self, clock_: Clock, start: dt.date) -> None:
        self.clocks[clock_] = [start, due_date(clock_, start), None, None]

    def _event(self, day: dt.date, minute: int, kind: str, action: str, from_state: str, to_state: str,
               summary: str, by: int | None) -> None:
        self.events.append((_at(day, minute), kind, action, from_state, to_state, summary, by))

    def _notes(self, yesterday: dt.date) -> None:
        """Calls, e-mails and letters between the steps: 5 to 30 timeline entries in all."""
        rng = self.rng
        wanted = min(30, max(5, len(self.events) + _one(rng, (0, 0, 1, 1, 2, 3, 5, 10))))
        closed_on = self.fields["closed_on"]
        end = min(yesterday, closed_on - dt.timedelta(days=1) if closed_on else add_working_days(self.last_day, 5))
        span = max((end - self.opened).days, 0)
        while len(self.events) < wanted:
            # After the opening entry (9am) and, on a closed case, before the day it closed.
            day = self.opened + dt.timedelta(days=_between(rng, 0, span))
            self._event(day, 10 * 60 + _between(rng, 0, 7 * 60), CaseEvent.Kind.NOTE, "", "", "", _one(rng, NOTES),
                        self.coordinator)

    # --- documents ------------------------------------------------------------------------------

    def _certificate(self, kind: Certificate.Kind, on: dt.date, minute: int) -> None:
        appeal = tribunal_appeal_explanation(decision_notice_sent=self.notice, certificate_issued=on)
        path, sha = self.world.files.certificates[kind.value]
        resolved = "Agreed: the support in section F. Not agreed: the school named." \
            if kind is Certificate.Kind.AFTER_MEDIATION else ""
        self.rows[Certificate].append((
            self._first_id("certificate", Certificate), "", on.year, 0, 1, self.id, kind.value, self.parent,
            Party.Role.PARENT.value, f"{self.first} {self.last}", self.la_id, self.la_name, self.notice, on,
            self.coordinator, self.world.provider_name, self.world.provider_cmc, resolved, appeal.deadline,
            appeal.reason, path, sha, _at(on, minute),
        ))
        self._event(on, minute, CaseEvent.Kind.UPDATED, "", "", "", f"Certificate issued: {kind.label}",
                    self.coordinator)
        if (c := self.clocks.get(Clock.tribunal_appeal)) is not None:
            c[1] = appeal.deadline  # the later of 2 months after the notice and 1 month after the certificate

    def _letter(self, on: dt.date, minute: int) -> None:
        path, sha, size = self.world.files.la_letter
        self.letters.append(len(self.letters))
        self.rows[Document].append((
            self._first_id("document", Document) + len(self.letters) - 1, self.id, Document.Kind.LA_NOTIFICATION.value,
            f"Mediation request {self.reference}: letter to {self.la_name}", path, sha, "application/pdf", size,
            self.coordinator, _at(on, minute),
        ))
        self._event(on, minute, CaseEvent.Kind.UPDATED, "", "", "",
                    f"Letter prepared: Mediation request {self.reference}: letter to {self.la_name}",
                    self.coordinator)

    def _first_id(self, key: str, model: Any) -> int:
        """This case's first id in a table: each case has a fixed stride of ids there (STRIDE)."""
        return int(self.world.first_ids[key] + self.index * STRIDE[model])

    @property
    def _parent_email(self) -> str:
        return f"{self.parent.split()[0].lower()}.{self.id}@example.com"

    def _agreement(self, on: dt.date, agreed: bool, minute: int) -> None:
        """The agreement made final at the end of the meeting: agreed items with their follow-up, and any
        not agreed (its PDF is filled in after the load, from a specimen: see `documents.specimens_attach`)."""
        rng, rows, today = self.rng, self.rows, self.world.today
        agreed_on = self.held_on or on
        meeting_id = (self._first_id("meeting", Meeting) + len(self.meetings) - 1
                      if 0 < len(self.meetings) <= STRIDE[Meeting] else None)
        mediator = self.fields["mediator_id"]
        finalised_at = _at(on, minute)
        agreement_id = self._first_id("agreement", Agreement)
        rows[Agreement].append((agreement_id, self.id, meeting_id,
                                Agreement.Status.FINAL.value, agreed_on, mediator, finalised_at, "", "",
                                finalised_at, finalised_at))
        parent = self._first_id("party", Party)
        la_party = parent + 1 if self.fields["la_notified_on"] is not None else None
        issue = self._first_id("issue", Issue)
        item = self._first_id("agreement_item", AgreementItem)
        n_agreed = _between(rng, 1, 3) if agreed else 0
        n_not = _one(rng, (0, 0, 1)) if agreed else _between(rng, 1, 2)
        for order, (action, measure) in enumerate(rng.sample(ITEMS, k=n_agreed)):
            owner = la_party if la_party and action.startswith("The LA") else parent
            due = add_working_days(agreed_on, _between(rng, 5, 30))
            status, done_on = AgreementItem.Status.OPEN.value, None
            roll = rng.random()
            if due < today:
                if roll < 0.75:
                    status, done_on = AgreementItem.Status.DONE.value, due - dt.timedelta(days=_between(rng, 0, 5))
                elif roll < 0.85:
                    status = AgreementItem.Status.DONE.value
                    done_on = min(due + dt.timedelta(days=_between(rng, 1, 20)), today - dt.timedelta(days=1))
                else:
                    status = AgreementItem.Status.LATE.value
            elif roll < 0.3:
                status, done_on = AgreementItem.Status.DONE.value, min(agreed_on + dt.timedelta(days=2), today)
            rows[AgreementItem].append((item + order, finalised_at, finalised_at, agreement_id, order, owner, action, due,
                                        measure, issue, True, status, max(done_on, agreed_on) if done_on else None))
        for order, action in enumerate(rng.sample(NOT_AGREED, k=n_not), start=n_agreed):
            rows[AgreementItem].append((item + order, finalised_at, finalised_at, agreement_id, order, None, action,
                                        None, "", issue, False, AgreementItem.Status.OPEN.value, None))
        self._event(on, minute, CaseEvent.Kind.UPDATED, "", "", "",
                    f"Agreement made final: {n_agreed} agreed item(s), {n_not} not agreed", mediator)

    def _feedback(self, yesterday: dt.date) -> None:
        """Survey invitations when a case closes after a meeting or a certificate (some answered), and
        the odd complaint, as the feedback services would have recorded them."""
        rng, world, rows, fields = self.rng, self.world, self.rows, self.fields
        parent = self._first_id("party", Party)
        closed_on = fields["closed_on"]
        if self.state is State.closed and (fields["meeting_outcome"] or fields["certificate_issued_on"]):
            parties = [parent] + ([parent + 1] if fields["la_notified_on"] is not None else [])
            for n, party in enumerate(parties):
                row_id = self._first_id("survey_invitation", SurveyInvitation) + n
                answered_on = closed_on + dt.timedelta(days=_between(rng, 1, 14))
                answered = rng.random() < (0.4 if n == 0 else 0.2) and answered_on <= yesterday
                remind_on = closed_on + dt.timedelta(days=10)
                reminded = (_at(remind_on, 9 * 60) if remind_on <= yesterday and (not answered or answered_on > remind_on)
                            else None)
                answered_at = _at(answered_on, 19 * 60 + _between(rng, 0, 120)) if answered else None
                rows[SurveyInvitation].append((row_id, self.id, party, None, _at(closed_on, 17 * 60), reminded,
                                               answered_at))
                if answered:
                    satisfied = _one(rng, (5, 5, 5, 5, 4, 4, 4, 3, 3, 2, 1))
                    yes = satisfied >= 4
                    answers = [_one(rng, (Answer.YES.value,) * (6 if yes else 1) + (Answer.PARTLY.value, Answer.NO.value))
                               for _ in range(4)]
                    comment = _one(rng, COMMENTS) if rng.random() < 0.25 else ""
                    rows[SurveyResponse].append((
                        self._first_id("survey_response", SurveyResponse) + n, SurveyResponse.Source.LINK.value, self.id, party, fields["mediator_id"], self.la_id,
                        answered_at, satisfied, *answers,
                        Recommend.YES.value if yes else _one(rng, (Recommend.NOT_SURE.value, Recommend.NO.value)),
                        comment, bool(comment) and rng.random() < 0.5,
                    ))
        if rng.random() < max(COMPLAINT_SHARE, min(0.05, 15 / world.count)):  # a small demo still has some
            self._complaint(yesterday)

    def _complaint(self, yesterday: dt.date) -> None:
        rng, world = self.rng, self.world
        latest = min(yesterday, (self.fields["closed_on"] or yesterday) + dt.timedelta(days=30))
        received = self.opened + dt.timedelta(days=_between(rng, 1, max((latest - self.opened).days, 1)))
        if received > yesterday:
            return
        about_mediator = self.fields["mediator_id"] is not None and rng.random() < 0.4
        details, wanted = _one(rng, COMPLAINTS[:1] if about_mediator else COMPLAINTS[1:])
        ack_days, respond_days = world.complaint_days
        stage, started = 1, received
        while True:
            clocks = complaint_clocks(stage_started=started, acknowledge_days=ack_days, respond_days=respond_days,
                                      extra_closures=world.closures)
            acknowledged = add_working_days(started, _between(rng, 0, ack_days + 1))
            responded = add_working_days(started, _between(rng, 5, respond_days + 5))
            acknowledged_on = acknowledged if acknowledged <= yesterday else None
            responded_on = responded if responded <= yesterday else None
            to_stage_2 = started + dt.timedelta(days=_between(rng, 5, 20))
            if stage == 2 or responded_on is None or rng.random() > 0.1 or to_stage_2 > yesterday:
                break
            stage, started = 2, max(to_stage_2, responded)
        outcome = _one(rng, (Complaint.Outcome.UPHELD.value, Complaint.Outcome.PARTLY.value,
                             Complaint.Outcome.NOT_UPHELD.value, Complaint.Outcome.NOT_UPHELD.value)
                       ) if responded_on else ""
        complaint_id = self._first_id("complaint", Complaint)
        self.rows[Complaint].append((
            complaint_id, f"CMP-{received.year}-{complaint_id:05d}", received,
            _one(rng, [c.value for c in Complaint.Channel]), self.parent,
            self._parent_email, Complaint.Contact.EMAIL.value, self.reference,
            self.id, self.fields["mediator_id"] if about_mediator else None,
            "The mediator" if about_mediator else "The service", details, wanted, stage, started,
            clocks.acknowledge_by, acknowledged_on, clocks.respond_by, responded_on, world.manager, outcome,
            "We looked into each point you raised and have set out what we found and what we will change."
            if responded_on else "", "", self.coordinator, _at(received, 10 * 60 + _between(rng, 0, 300)),
        ))

    # --- rows -------------------------------------------------------------------------------------

    def _write(self) -> None:
        rows, rng, today = self.rows, self.rng, self.world.today
        opened_at = self.events[0][0]
        self.events.sort(key=lambda e: e[0])
        last_at = self.events[-1][0]
        deadline_base = self._first_id("deadline", Deadline)
        chased: list[tuple[dt.date, str]] = []
        for n, (clock_, (start, due, met_on, stopped_on)) in enumerate(self.clocks.items()):
            status = "" if stopped_on is not None else clock_status(
                due=due, met_on=met_on, today=today, due_soon_working_days=DUE_SOON_WORKING_DAYS).value
            rows[Deadline].append((deadline_base + n, self.id, clock_.value, start, due, met_on, stopped_on, status))
            if (met_on is None and stopped_on is None and not CLOCK_RULES[clock_].informational
                    and status in CHASED_STATUSES):
                chased.append((due, status))
        next_due, summary_status = min(chased) if chased else (None, "")
        # The open case's meeting still scheduled, as meetings.services.case_next_meeting_refresh keeps it: one
        # arranged for a day to come, or (a case left waiting) one whose day passed without its being recorded.
        meeting_day = min((day for day, _, status, _, _ in self.meetings[: STRIDE[Meeting]]
                           if status == Meeting.Status.SCHEDULED.value), default=None) if is_open(self.state) else None
        next_meeting_at = _at(meeting_day, 10 * 60) if meeting_day else None  # meetings start at 10:00 (below)
        fields = self.fields
        rows[Case].append((
            self.id, self.reference, self.opened.year, self.number, self.case_type.value, self.state.value,
            self.la_id, fields["mediator_id"], self.coordinator, self.first, self.last,
            self.opened - dt.timedelta(days=_between(rng, 4 * 365, 19 * 365)), self.decisions,
            [e.value for e in self.elements], self.notice,
            self.route.value, "", _one(rng, ("mediation", "certificate", "talk")),
            _one(rng, (Case.Source.PARENT.value,) * 5 + (Case.Source.YOUNG_PERSON.value, Case.Source.IASS.value)),
            _one(rng, (Case.Channel.ONLINE.value, Case.Channel.PHONE.value)), fields["all_parties_agreed"],
            fields["meeting_outcome"], fields["la_notified_on"], fields["certificate_issued_on"], self.opened,
            fields["closed_on"], fields["closure_reason"], next_due, summary_status, next_meeting_at,
            f"{self.last} {self.first}".lower(), opened_at, last_at,
        ))
        party_id = self._first_id("party", Party)
        phone = f"07700 900{self.id % 1000:03d}"
        rows[Party].append((
            party_id, self.id, Party.Role.PARENT.value, self.parent, "", self._parent_email,
            phone, [_one(rng, ("phone", "email", "letter"))],
            True, opened_at, opened_at,
        ))
        people = [Person(name=self.parent, email=self._parent_email, phone=phone)]
        if self.fields["la_notified_on"] is not None:
            # The LA's officer, named from the case's id (not the random stream, so seeds give the same data).
            officer = f"{FIRST[self.id % len(FIRST)]} {LAST[self.id // len(FIRST) % len(LAST)]}"
            officer_email = f"{officer.replace(' ', '.').lower()}@{self.la_name.lower().replace(' ', '')}.gov.uk"
            rows[Party].append((party_id + 1, self.id, Party.Role.LA_OFFICER.value, officer,
                                f"{self.la_name} Council", officer_email, "", ["email"], False, opened_at, opened_at))
            people.append(Person(name=officer, email=officer_email))
        rows[Case][-1] += (search_text_for(reference=self.reference, child_first_name=self.first,
                                           child_last_name=self.last, people=people),)
        issue_base = self._first_id("issue", Issue)
        for n, text in enumerate(rng.sample(ISSUES, k=_between(rng, 1, STRIDE[Issue]))):
            rows[Issue].append((issue_base + n, self.id, party_id, text, "", opened_at, opened_at))
        event_base = self._first_id("event", CaseEvent)
        assert len(self.events) <= STRIDE[CaseEvent], self.reference
        for n, (at, kind, action, from_state, to_state, summary, by) in enumerate(self.events):
            rows[CaseEvent].append((event_base + n, self.id, at, by, kind, action, from_state, to_state, summary))
        meeting_base = self._first_id("meeting", Meeting)
        for n, (day, notice, status, venue_id, online) in enumerate(self.meetings[: STRIDE[Meeting]]):
            starts = _at(day, 10 * 60)
            rows[Meeting].append((meeting_base + n, self.id, starts, starts + dt.timedelta(hours=3), venue_id,
                                  online, notice, status, _at(notice, 12 * 60), _at(notice, 12 * 60)))


def chunk_rows(world: World, chunk: Chunk) -> writer.Rows:
    """All the rows of one chunk of cases (pure: reads nothing from the database)."""
    rng = random.Random(f"{world.seed}:cases:{chunk.number}")
    rows = writer.rows_empty()
    counters = dict(chunk.ref_start)
    for offset, case_type in enumerate(_types(world.seed, chunk.number, chunk.size)):
        index = chunk.start + offset
        prefix, year = PREFIXES[case_type], _opened_on(world, index).year
        counters[(prefix, year)] = number = counters.get((prefix, year), 0) + 1
        _CaseWalk(world, rng, index, case_type, f"{prefix}-{year}-{number:05d}", number, rows).run()
    return rows


def _chunk_text(args: tuple[World, Chunk]) -> tuple[dict[Any, str], list[tuple[Any, ...]], int]:
    """In a worker process: one chunk as COPY text, certificates left as rows to be numbered in order."""
    world, chunk = args
    rows = chunk_rows(world, chunk)
    texts = {model: writer.copy_text(model, model_rows) for model, model_rows in rows.items()
             if model is not Certificate}
    return texts, rows[Certificate], chunk.size


def _certificates_number(rows: list[tuple[Any, ...]], counters: dict[int, int]) -> list[tuple[Any, ...]]:
    """Certificate numbers are gap-free per year of issue, so they are given out in one place, in order."""
    out = []
    for row in sorted(rows, key=lambda r: (r[13], r[0])):
        year = row[2]
        counters[year] = sequence = counters.get(year, 0) + 1
        out.append((row[0], f"{NUMBER_PREFIX}-{year}-{sequence:05d}", year, sequence, *row[4:]))
    return out


def _chunk_write(texts: dict[Any, str], certificate_rows: list[tuple[Any, ...]], cert_counters: dict[int, int],
                 done: int, progress: Progress | None) -> int:
    """Numbers the chunk's certificates, then COPYs the whole chunk in one transaction."""
    texts[Certificate] = writer.copy_text(Certificate, _certificates_number(certificate_rows, cert_counters))
    with transaction.atomic():
        writer.write(texts=texts)
    if progress:
        progress(done)
    return done



def _counters_save(references: dict[tuple[str, int], int]) -> None:
    for (prefix, year), last in references.items():
        ReferenceCounter.objects.update_or_create(prefix=prefix, year=year, defaults={"last_number": last})


def _chunks_write(world: World, plan: list[Chunk], cert_counters: dict[int, int], processes: int,
                  progress: Progress | None) -> int:
    """Makes and writes every chunk in order; returns how many cases were made."""
    done = 0
    postgres = connection.vendor == "postgresql"
    if postgres and processes > 1 and not connection.in_atomic_block:
        connections.close_all()  # never share a connection with forked workers
        context = multiprocessing.get_context("fork")
        with context.Pool(processes) as pool:
            results: Iterator[Any] = pool.imap(_chunk_text, [(world, chunk) for chunk in plan])
            for texts, certificate_rows, size in results:
                done = _chunk_write(texts, certificate_rows, cert_counters, done + size, progress)
    else:
        # One process (tests, small demos, or inside a caller's transaction): same rows, same writer.
        for chunk in plan:
            if postgres:
                texts, certificate_rows, size = _chunk_text((world, chunk))
                done = _chunk_write(texts, certificate_rows, cert_counters, done + size, progress)
                continue
            rows = chunk_rows(world, chunk)
            rows[Certificate] = _certificates_number(rows[Certificate], cert_counters)
            with transaction.atomic():
                writer.write(rows=rows)
            done += chunk.size
            if progress:
                progress(done)
    return done


def cases_generate(*, count: int, seed: int, today: dt.date | None = None, processes: int | None = None,
                   progress: Progress | None = None, defer_constraints: bool | None = None) -> int:
    """Makes `count` demo cases after any that exist; returns how many were made.

    A large load on PostgreSQL (DEFER_CONSTRAINTS_FROM cases or more, and at least as many as exist)
    drops the secondary indexes and foreign keys first and rebuilds them after (writer.constraints_deferred).
    """
    if count <= 0:
        return 0
    today = today or service_clock.today()
    world = _world(count=count, seed=seed, today=today)
    existing = {(c.prefix, c.year): c.last_number for c in ReferenceCounter.objects.all()}
    plan = chunks_plan(world, existing)
    references = dict(plan[-1].ref_start)
    for offset, case_type in enumerate(_types(seed, plan[-1].number, plan[-1].size)):
        key = (PREFIXES[case_type], _opened_on(world, plan[-1].start + offset).year)
        references[key] = references.get(key, 0) + 1
    cert_counters = {year: last for (prefix, year), last in existing.items() if prefix == NUMBER_PREFIX}
    postgres = connection.vendor == "postgresql"
    processes = processes or min(2, multiprocessing.cpu_count())
    if defer_constraints is None:
        defer_constraints = count >= DEFER_CONSTRAINTS_FROM and count >= Case.objects.count()
    if postgres and defer_constraints and not connection.in_atomic_block:
        with writer.constraints_deferred(on_restore=progress.stage if progress else None):
            done = _chunks_write(world, plan, cert_counters, processes, progress)
    else:
        done = _chunks_write(world, plan, cert_counters, processes, progress)
    if count < OWN_DOCUMENTS_BELOW:
        if progress:
            progress.stage("Rendering each case's own certificates, letters, agreements and complaint letters")
        own_documents_render(first_ids=world.first_ids, today=today,
                             report=progress.documents if progress else None)
    else:
        if progress:
            progress.stage("Attaching the shared specimen agreement and complaint letter PDFs")
        specimens_attach(first_ids=world.first_ids, today=today)
    with transaction.atomic():
        writer.sequences_reset()
        _counters_save({**references, **{(NUMBER_PREFIX, y): n for y, n in cert_counters.items()}})
    if connection.vendor == "postgresql" and not connection.in_atomic_block:
        if progress:
            progress.stage("Gathering planner statistics")
        # Planner statistics, and the visibility map that lets counts read only an index.
        with connection.cursor() as cursor:
            for model in writer.MODELS:
                cursor.execute(f"VACUUM (ANALYZE) {model._meta.db_table}")
    return done
