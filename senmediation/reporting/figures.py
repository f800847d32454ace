"""The report's figures, counted by the database: a fixed number of queries whatever the data size.

Each figure is counted from stored facts: cases by the day they were opened, status changes by the
day they happened, clocks by the day they were met (their due dates were stored by the deadline
engine under the working-day rules, so a clock was on time when met_on <= due_date), certificates by
their legal date of issue, agreed actions by their due date, meetings held by the day they started and
meetings cancelled by the day they were cancelled. Re-issued certificates are not counted again. Nothing here knows who is asking: suppression and access are decided by the caller.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.db.models import BooleanField, Count, DurationField, Exists, ExpressionWrapper, F, OuterRef, Q, QuerySet
from django.db.models.functions import TruncMonth

from senmediation.agreements.attendance_rules import CancelledBy
from senmediation.agreements.models import AgreementItem
from senmediation.cases.models import Case, CaseEvent, Deadline, MeetingOutcome
from senmediation.core.clock import LONDON
from senmediation.documents.models import Certificate
from senmediation.feedback.models import Complaint
from senmediation.feedback.selectors import complaint_and_feedback_counts
from senmediation.meetings.models import Attendance, Meeting
from senmediation.reporting.state_changes import state_changes
from senmediation.rules.deadlines import Clock
from senmediation.rules.eligibility import Decision, Element
from senmediation.rules.late_reasons import LateReason
from senmediation.rules.workflow import State

from .periods import Period

CERTIFICATE_CLOCKS = (Clock.certificate_no_mediation, Clock.certificate_not_arranged, Clock.certificate_after_mediation)
STEP_CLOCKS = (Clock.first_call_back, *CERTIFICATE_CLOCKS, Clock.mediation_held)
THIRD_PARTY = (Case.Source.LA_OFFICER, Case.Source.IASS, Case.Source.SCHOOL, Case.Source.OTHER)
EVENT_STATES = (State.mediation_requested, State.certificate_requested, State.held, State.not_arranged,
                State.withdrawn)
OUTCOMES = (MeetingOutcome.AGREEMENT, MeetingOutcome.PARTIAL, MeetingOutcome.NO_AGREEMENT)
TRANSITION = CaseEvent.Kind.TRANSITION
LATE_REASONS = (*(r.value for r in LateReason), "")  # "" = no reason given
COMPLAINT_THEMES = (*Complaint.Theme.values, "")  # "" = no theme recorded
SCORES = ("1", "2", "3", "4", "5")  # satisfaction: 1 very dissatisfied .. 5 very satisfied


@dataclass
class ReportFigures:
    enquiries: int = 0
    by_source: dict[str, int] = field(default_factory=dict)
    by_channel: dict[str, int] = field(default_factory=dict)
    by_case_type: dict[str, int] = field(default_factory=dict)
    advice_only: int = 0
    certificates: dict[str, int] = field(default_factory=dict)
    events: dict[str, int] = field(default_factory=dict)  # cases reaching each state in the period
    certificate_on_time: int = 0
    certificate_late: int = 0
    held_on_time: int = 0
    held_late: int = 0
    outcomes: dict[str, int] = field(default_factory=dict)  # outcome -> meetings held
    outcomes_by_decision: dict[str, dict[str, int]] = field(default_factory=dict)
    outcomes_by_element: dict[str, dict[str, int]] = field(default_factory=dict)
    actions_on_time: int = 0
    actions_late: int = 0
    actions_open: int = 0
    step_days: dict[str, Counter[int]] = field(default_factory=dict)  # clock -> days taken -> how many
    opened_by_month: dict[dt.date, int] = field(default_factory=dict)
    held_by_month: dict[dt.date, int] = field(default_factory=dict)
    # SEND Regs 2014 reg 37(1): held meetings (attendance recorded) with or without an LA attendee who had
    # authority to resolve the issues.
    la_decision_maker_present: int = 0
    la_decision_maker_absent: int = 0
    cancelled_by: dict[str, int] = field(default_factory=dict)  # who cancelled -> meetings cancelled
    complaints: int = 0
    complaints_upheld: int = 0  # upheld or partly upheld
    surveys: int = 0
    satisfaction: float | None = None  # average of 1 to 5 over the survey answers
    # Late steps by the reason staff gave (rules/late_reasons.py; "" = not given): sums to certificate_late and
    # held_late.
    certificate_late_by_reason: dict[str, int] = field(default_factory=dict)
    held_late_by_reason: dict[str, int] = field(default_factory=dict)
    complaints_by_theme: dict[str, int] = field(default_factory=dict)  # Complaint.Theme ("" = not recorded)
    satisfaction_by_score: dict[str, int] = field(default_factory=dict)  # "1".."5" -> survey answers
    surveys_sent: int = 0  # survey invitations sent in the period
    surveys_sent_answered: int = 0  # of which answered (at any time up to now): the response rate


def _moments(period: Period) -> tuple[dt.datetime, dt.datetime]:
    """The period as instants in England: from midnight on the first day to midnight after the last."""
    start = dt.datetime.combine(period.start, dt.time(), LONDON)
    end = dt.datetime.combine(period.end + dt.timedelta(days=1), dt.time(), LONDON)
    return start, end


def _la(qs: QuerySet[Any], path: str, local_authority_id: int | None) -> QuerySet[Any]:
    return qs if local_authority_id is None else qs.filter(**{path: local_authority_id})


def _month(value: dt.date | dt.datetime) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value


def report_figures(*, local_authority_id: int | None, period: Period) -> ReportFigures:
    """Every figure of the report for one LA (None: all) and period, in nine queries."""
    f = ReportFigures()
    start, end = _moments(period)
    cases = _la(Case.objects.filter(opened_on__range=(period.start, period.end)), "local_authority_id",
                local_authority_id)
    counts: dict[str, Any] = {"enquiries": Count("id")}
    counts |= {f"source_{v}": Count("id", filter=Q(source=v)) for v in Case.Source.values}
    counts |= {f"channel_{v}": Count("id", filter=Q(channel=v)) for v in Case.Channel.values}
    counts |= {f"type_{v}": Count("id", filter=Q(case_type=v)) for v in ("sen_mediation", "disagreement_resolution")}
    # Advice only: closed having had information, with no certificate and the LA never told of mediation.
    counts["advice_only"] = Count("id", filter=Q(state=State.closed, certificate_issued_on__isnull=True,
                                                 la_notified_on__isnull=True, meeting_outcome=""))
    # Query 1: one pass over the period's cases, grouped by the month they were opened (a row a month).
    rows = list(cases.order_by().annotate(month=TruncMonth("opened_on")).values("month").annotate(**counts))
    total = Counter[str]()
    for r in rows:
        total.update({k: v for k, v in r.items() if k != "month"})
        f.opened_by_month[_month(r["month"])] = r["enquiries"]
    f.enquiries, f.advice_only = total["enquiries"], total["advice_only"]
    f.by_source = {v: total[f"source_{v}"] for v in Case.Source.values}
    f.by_channel = {v: total[f"channel_{v}"] for v in Case.Channel.values}
    f.by_case_type = {v: total[f"type_{v}"] for v in ("sen_mediation", "disagreement_resolution")}
    certificates = _la(Certificate.objects.filter(supersedes__isnull=True, issued_on__range=(period.start, period.end)),
                       "local_authority_id", local_authority_id)
    f.certificates = certificates.aggregate(  # query 2
        **{v: Count("id", filter=Q(kind=v)) for v in Certificate.Kind.values})
    events = _la(state_changes().filter(at__gte=start, at__lt=end, to_state__in=EVENT_STATES),
                 "case__local_authority_id", local_authority_id)
    f.events = dict.fromkeys(EVENT_STATES, 0)
    for r in (events.order_by().annotate(month=TruncMonth("at", tzinfo=LONDON))  # query 3
              .values("to_state", "month").annotate(n=Count("case_id", distinct=True))):
        f.events[r["to_state"]] = f.events.get(r["to_state"], 0) + r["n"]
        if r["to_state"] == State.held:
            f.held_by_month[_month(r["month"])] = r["n"]
    _clocks(f, local_authority_id, period)  # query 4
    _outcomes(f, events.filter(to_state=State.held))  # query 5
    _actions(f, local_authority_id, period)  # query 6
    _feedback(f, local_authority_id, period)  # queries 7 and 8
    _meetings(f, local_authority_id, period, start, end)  # query 9
    return f


def _meetings(f: ReportFigures, local_authority_id: int | None, period: Period, start: dt.datetime,
              end: dt.datetime) -> None:
    """One pass over the meetings held in the period (by when they started) and those cancelled in it (by the
    day they were cancelled): decision-makers at the table (reg 37(1)) and cancellations by who called them off.
    A held meeting counts only once its attendance is recorded; "absent" includes an LA that did not come."""
    held = Q(status=Meeting.Status.HELD, starts_at__gte=start, starts_at__lt=end)
    cancelled = Q(status=Meeting.Status.CANCELLED, cancelled_on__range=(period.start, period.end))
    meetings = _la(Meeting.objects.filter(held | cancelled), "case__local_authority_id", local_authority_id).annotate(
        recorded=Exists(Attendance.objects.filter(meeting=OuterRef("pk"))),
        la_authority=Exists(Attendance.objects.filter(meeting=OuterRef("pk"), role=Attendance.Role.LA_DECISION_MAKER,
                                                      has_authority=True)),
    )
    row = meetings.aggregate(
        present=Count("id", filter=held & Q(recorded=True, la_authority=True)),
        absent=Count("id", filter=held & Q(recorded=True, la_authority=False)),
        **{f"cancelled_{who.value}": Count("id", filter=cancelled & Q(cancelled_by=who.value)) for who in CancelledBy},
    )
    f.la_decision_maker_present, f.la_decision_maker_absent = row["present"], row["absent"]
    f.cancelled_by = {who.value: row[f"cancelled_{who.value}"] for who in CancelledBy}


def _feedback(f: ReportFigures, local_authority_id: int | None, period: Period) -> None:
    rows = complaint_and_feedback_counts(
        start=period.start, end=period.end,
        local_authorities=None if local_authority_id is None else [local_authority_id],
    )
    f.complaints = sum(r["complaints"] for r in rows)
    f.complaints_upheld = sum(r["upheld"] for r in rows)
    f.surveys = sum(r["surveys"] for r in rows)
    f.complaints_by_theme = dict.fromkeys(COMPLAINT_THEMES, 0)
    f.satisfaction_by_score = dict.fromkeys(SCORES, 0)
    for r in rows:
        for theme, n in r["themes"].items():
            key = theme if theme in f.complaints_by_theme else ""
            f.complaints_by_theme[key] += n
        for score, n in r["scores"].items():
            if score in f.satisfaction_by_score:
                f.satisfaction_by_score[score] += n
        f.surveys_sent += r["invited"]
        f.surveys_sent_answered += r["invited_answered"]
    rated = [(r["average_satisfaction"], r["surveys"]) for r in rows if r["average_satisfaction"] is not None]
    if rated:
        f.satisfaction = round(sum(a * n for a, n in rated) / sum(n for _, n in rated), 1)


def _met_in(local_authority_id: int | None, period: Period) -> QuerySet[Deadline]:
    return _la(Deadline.objects.filter(met_on__range=(period.start, period.end)), "case__local_authority_id",
               local_authority_id)


def _clocks(f: ReportFigures, local_authority_id: int | None, period: Period) -> None:
    """Days taken per clock, as a histogram split by on time or late: as many rows as distinct (clock, days,
    on time) combinations, never one per case. The on-time and late counts are sums over it."""
    taken = ExpressionWrapper(F("met_on") - F("start_date"), output_field=DurationField())
    on_time = ExpressionWrapper(Q(met_on__lte=F("due_date")), output_field=BooleanField())
    f.step_days = {c.value: Counter() for c in STEP_CLOCKS}
    f.certificate_late_by_reason = dict.fromkeys(LATE_REASONS, 0)
    f.held_late_by_reason = dict.fromkeys(LATE_REASONS, 0)
    for r in (_met_in(local_authority_id, period).filter(clock__in=STEP_CLOCKS).order_by()
              .annotate(taken=taken, on_time=on_time).values("clock", "taken", "on_time", "late_reason")
              .annotate(n=Count("id"))):
        clock, n = r["clock"], r["n"]
        f.step_days[clock][r["taken"].days] += n
        reason = r["late_reason"] if r["late_reason"] in LATE_REASONS else ""
        if clock in CERTIFICATE_CLOCKS:
            if r["on_time"]:
                f.certificate_on_time += n
            else:
                f.certificate_late += n
                f.certificate_late_by_reason[reason] += n
        elif clock == Clock.mediation_held:
            if r["on_time"]:
                f.held_on_time += n
            else:
                f.held_late += n
                f.held_late_by_reason[reason] += n


def _outcomes(f: ReportFigures, held: QuerySet[CaseEvent]) -> None:
    """Grouped by each case's outcome and its lists of decisions and elements: as many rows as distinct
    combinations (a few hundred at most), then spread over decisions and elements here."""
    f.outcomes = dict.fromkeys(OUTCOMES, 0)
    f.outcomes_by_decision = {d.value: dict.fromkeys(OUTCOMES, 0) for d in Decision}
    f.outcomes_by_element = {e.value: dict.fromkeys(OUTCOMES, 0) for e in Element}
    rows = (held.filter(case__meeting_outcome__in=OUTCOMES).order_by()
            .values("case__meeting_outcome", "case__decisions", "case__elements").annotate(n=Count("case_id")))
    for r in rows:
        outcome, n = r["case__meeting_outcome"], r["n"]
        f.outcomes[outcome] += n
        for d in set(r["case__decisions"] or []):
            if d in f.outcomes_by_decision:
                f.outcomes_by_decision[d][outcome] += n
        for e in set(r["case__elements"] or []):
            if e in f.outcomes_by_element:
                f.outcomes_by_element[e][outcome] += n


def _actions(f: ReportFigures, local_authority_id: int | None, period: Period) -> None:
    items = _la(AgreementItem.objects.filter(agreed=True, due__range=(period.start, period.end)),
                "agreement__case__local_authority_id", local_authority_id)
    done = Q(status=AgreementItem.Status.DONE)
    row = items.aggregate(
        on_time=Count("id", filter=done & Q(done_on__lte=F("due"))),
        late=Count("id", filter=Q(status=AgreementItem.Status.LATE) | (done & ~Q(done_on__lte=F("due")))),
        open=Count("id", filter=Q(status=AgreementItem.Status.OPEN)),
    )
    f.actions_on_time, f.actions_late, f.actions_open = row["on_time"], row["late"], row["open"]


def median(histogram: Counter[int]) -> float | None:
    """The median of a histogram of day counts (the middle case; between the two middle ones if even)."""
    n = sum(histogram.values())
    if n == 0:
        return None
    middle, seen, lower = ((n - 1) // 2, n // 2), 0, None
    for days in sorted(histogram):
        seen += histogram[days]
        if lower is None and seen > middle[0]:
            lower = days
        if seen > middle[1]:
            return (lower + days) / 2  # type: ignore[operator]
    return None


@dataclass(frozen=True)
class LateClock:
    reference: str
    local_authority: str
    clock: str
    due_date: dt.date
    met_on: dt.date


LATE_LIST_LIMIT = 200


def late_clocks(*, local_authority_id: int | None, period: Period, clocks: tuple[Clock, ...]) -> list[LateClock]:
    """The clocks met late in the period (for managers only: it names cases), at most LATE_LIST_LIMIT."""
    rows = (_met_in(local_authority_id, period).filter(clock__in=clocks, met_on__gt=F("due_date"))
            .order_by("met_on", "id").values_list("case__reference", "case__local_authority__name", "clock",
                                                  "due_date", "met_on")[:LATE_LIST_LIMIT])
    return [LateClock(reference=ref, local_authority=la, clock=name, due_date=due, met_on=met)
            for ref, la, name, due, met in rows if met is not None]
