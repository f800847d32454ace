"""The report's figures, counted by the database per calendar month: a fixed number of queries whatever the
data size. A report adds up its months, from the summary buckets (buckets.py) or counted live here.

Each figure is counted from stored facts: cases by the day they were opened, status changes by the
day they happened, clocks by the day they were met (their due dates were stored by the deadline
engine under the working-day rules, so a clock was on time when met_on <= due_date), certificates by
their legal date of issue, agreed actions by their due date, meetings held by the day they started and
meetings cancelled by the day they were cancelled. Re-issued certificates are not counted again. A case
reaching a state is counted once per month it reached it. Nothing here knows who is asking: suppression and
access are decided by the caller.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.db.models import BooleanField, Count, DurationField, Exists, ExpressionWrapper, F, OuterRef, Q, QuerySet
from django.db.models.functions import TruncMonth

from senmediation.agreements.attendance_rules import CancelledBy
from senmediation.agreements.models import AgreementItem
from senmediation.cases.models import Case, CaseEvent, Deadline, MeetingOutcome
from senmediation.core.clock import LONDON
from senmediation.documents.models import Certificate
from senmediation.feedback.models import Complaint, SurveyInvitation, SurveyResponse
from senmediation.meetings.models import Attendance, Meeting
from senmediation.reporting.state_changes import state_changes
from senmediation.rules.deadlines import Clock
from senmediation.rules.eligibility import Decision, Element
from senmediation.rules.late_reasons import LateReason
from senmediation.rules.workflow import State

from .periods import Period
from .report_figures import ReportFigures

CERTIFICATE_CLOCKS = (Clock.certificate_no_mediation, Clock.certificate_not_arranged, Clock.certificate_after_mediation)
STEP_CLOCKS = (Clock.first_call_back, *CERTIFICATE_CLOCKS, Clock.mediation_held)
THIRD_PARTY = (Case.Source.LA_OFFICER, Case.Source.IASS, Case.Source.SCHOOL, Case.Source.OTHER)
EVENT_STATES = (State.mediation_requested, State.certificate_requested, State.held, State.not_arranged,
                State.withdrawn)
OUTCOMES = (MeetingOutcome.AGREEMENT, MeetingOutcome.PARTIAL, MeetingOutcome.NO_AGREEMENT)
TRANSITION = CaseEvent.Kind.TRANSITION
CANCELLED_BY = frozenset(who.value for who in CancelledBy)
DECISIONS = frozenset(d.value for d in Decision)
ELEMENTS = frozenset(e.value for e in Element)
UPHELD = (Complaint.Outcome.UPHELD, Complaint.Outcome.PARTLY)
SEN = "sen_mediation"
LATE_REASONS = (*(r.value for r in LateReason), "")  # "" = no reason given
COMPLAINT_THEMES = (*Complaint.Theme.values, "")  # "" = no theme recorded
SCORES = ("1", "2", "3", "4", "5")  # satisfaction: 1 very dissatisfied .. 5 very satisfied


def _moments(first: dt.date, last: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """Days as instants in England: from midnight on the first day to midnight after the last."""
    start = dt.datetime.combine(first, dt.time(), LONDON)
    end = dt.datetime.combine(last + dt.timedelta(days=1), dt.time(), LONDON)
    return start, end


def _la(qs: QuerySet[Any], path: str, local_authority_id: int | None) -> QuerySet[Any]:
    return qs if local_authority_id is None else qs.filter(**{path: local_authority_id})


def _month(value: dt.date | dt.datetime) -> dt.date:
    return (value.date() if isinstance(value, dt.datetime) else value).replace(day=1)


Key = tuple[int | None, dt.date]  # (the LA, or the scope asked for when not split by LA; the month)


class _Months:
    """The figures being counted, one ReportFigures per scope and month."""

    def __init__(self, scope: int | None, by_la: bool) -> None:
        self.scope, self.by_la, self.out = scope, by_la, dict[Key, ReportFigures]()

    def rows(self, qs: QuerySet[Any], la_path: str, month: Any, *group: str, **counts: Any) -> Iterator[
            tuple[ReportFigures, dict[str, Any]]]:
        """Runs one grouped query (by month, by LA when split, and by `group`) and yields each row with the
        figures it adds to."""
        qs = _la(qs, la_path, None if self.by_la else self.scope).order_by().annotate(_month=month)
        names = ["_month", *group]
        if self.by_la:
            qs = qs.annotate(_la=F(la_path))
            names.append("_la")
        for row in qs.values(*names).annotate(**counts):
            key = (row["_la"] if self.by_la else self.scope, _month(row["_month"]))
            figures = self.out.get(key)
            if figures is None:
                figures = self.out[key] = ReportFigures()
            yield figures, row


def count_by_month(*, first: dt.date, last: dt.date, local_authority_id: int | None = None,
                   by_la: bool = False) -> dict[Key, ReportFigures]:
    """Every figure of the report for the months from `first` to `last` (whole months), per month: for one LA
    (or all, None), or split by LA (`by_la`, for the summary buckets; key None then holds facts with no LA).
    Eleven grouped queries, whatever the data size; each returns a row per month (and LA) and value counted."""
    m = _Months(local_authority_id, by_la)
    start, end = _moments(first, last)
    _cases(m, first, last)  # query 1
    certificates = Certificate.objects.filter(issued_on__range=(first, last)).annotate(
        corrected=ExpressionWrapper(Q(supersedes__isnull=False), output_field=BooleanField()))
    for f, r in m.rows(certificates, "local_authority_id", TruncMonth("issued_on"), "kind", "corrected",  # query 2
                       n=Count("id")):
        if r["corrected"]:  # a correction is not a new certificate
            f.certificates_corrected += r["n"]
        else:
            f.certificates[r["kind"]] = f.certificates.get(r["kind"], 0) + r["n"]
    events = state_changes().filter(at__gte=start, at__lt=end, to_state__in=EVENT_STATES)
    # Query 3. Each case has one type and one list of elements, so the groups split the cases: their distinct
    # counts add up to the distinct count of the state.
    for f, r in m.rows(events, "case__local_authority_id", TruncMonth("at", tzinfo=LONDON), "to_state",
                       "case__case_type", "case__elements", n=Count("case_id", distinct=True)):
        state, n = r["to_state"], r["n"]
        f.events[state] = f.events.get(state, 0) + n
        sen = r["case__case_type"] == SEN
        if sen:
            f.sen_events[state] = f.sen_events.get(state, 0) + n
        if state == State.held:
            month = _month(r["_month"])
            f.held_by_month[month] = f.held_by_month.get(month, 0) + n
            f.held_by_case_type[r["case__case_type"]] = f.held_by_case_type.get(r["case__case_type"], 0) + n
            for element in set(r["case__elements"] or []) if sen else ():
                if element in ELEMENTS:
                    f.sen_held_by_element[element] = f.sen_held_by_element.get(element, 0) + n
    _clocks(m, first, last)  # query 4
    _outcomes(m, events.filter(to_state=State.held))  # query 5
    _actions(m, first, last)  # query 6
    _feedback(m, first, last, start, end)  # queries 7, 8 and 9
    _meetings(m, first, last, start, end)  # queries 10 and 11
    for f in m.out.values():
        with_zeros(f)
    return m.out


def with_zeros(f: ReportFigures) -> ReportFigures:
    """Every category of a table present, 0 where nothing was counted (so a table's rows never go missing)."""
    for name, keys in (("by_source", Case.Source.values), ("by_channel", Case.Channel.values),
                       ("by_case_type", ("sen_mediation", "disagreement_resolution")),
                       ("certificates", Certificate.Kind.values), ("events", EVENT_STATES), ("outcomes", OUTCOMES),
                       ("cancelled_by", sorted(CANCELLED_BY)), ("certificate_late_by_reason", LATE_REASONS),
                       ("held_late_by_reason", LATE_REASONS), ("complaints_by_theme", COMPLAINT_THEMES),
                       ("satisfaction_by_score", SCORES), ("sen_events", EVENT_STATES),
                       ("sen_held_by_element", sorted(ELEMENTS)),
                       ("held_by_case_type", ("sen_mediation", "disagreement_resolution"))):
        setattr(f, name, dict.fromkeys(keys, 0) | getattr(f, name))
    return f


def live_report_figures(*, local_authority_id: int | None, period: Period) -> ReportFigures:
    """The period's figures counted from the raw rows now (the summary buckets give the same, faster:
    buckets.report_figures)."""
    total = with_zeros(ReportFigures())
    for figures in count_by_month(first=period.start, last=period.end, local_authority_id=local_authority_id).values():
        total.add(figures)
    return total


def _cases(m: _Months, first: dt.date, last: dt.date) -> None:
    counts: dict[str, Any] = {"enquiries": Count("id")}
    counts |= {f"source_{v}": Count("id", filter=Q(source=v)) for v in Case.Source.values}
    counts |= {f"channel_{v}": Count("id", filter=Q(channel=v)) for v in Case.Channel.values}
    counts |= {f"type_{v}": Count("id", filter=Q(case_type=v)) for v in ("sen_mediation", "disagreement_resolution")}
    # Advice only: closed having had information, with no certificate and the LA never told of mediation.
    counts["advice_only"] = Count("id", filter=Q(state=State.closed, certificate_issued_on__isnull=True,
                                                 la_notified_on__isnull=True, meeting_outcome=""))
    cases = Case.objects.filter(opened_on__range=(first, last))
    for f, r in m.rows(cases, "local_authority_id", TruncMonth("opened_on"), **counts):
        month = _month(r["_month"])
        f.enquiries += r["enquiries"]
        f.advice_only += r["advice_only"]
        f.opened_by_month[month] = f.opened_by_month.get(month, 0) + r["enquiries"]
        for name, values, into in (("source", Case.Source.values, f.by_source),
                                   ("channel", Case.Channel.values, f.by_channel),
                                   ("type", ("sen_mediation", "disagreement_resolution"), f.by_case_type)):
            for v in values:
                into[v] = into.get(v, 0) + r[f"{name}_{v}"]


def _meetings(m: _Months, first: dt.date, last: dt.date, start: dt.datetime, end: dt.datetime) -> None:
    """The meetings held (by when they started) and those cancelled (by the day they were cancelled):
    decision-makers at the table (reg 37(1)) and cancellations by who called them off. A held meeting counts
    only once its attendance is recorded; "absent" includes an LA that did not come."""
    held = Meeting.objects.filter(status=Meeting.Status.HELD, starts_at__gte=start, starts_at__lt=end).annotate(
        recorded=Exists(Attendance.objects.filter(meeting=OuterRef("pk"))),
        la_authority=Exists(Attendance.objects.filter(meeting=OuterRef("pk"), role=Attendance.Role.LA_DECISION_MAKER,
                                                      has_authority=True)),
    )
    for f, r in m.rows(held, "case__local_authority_id", TruncMonth("starts_at", tzinfo=LONDON),
                       present=Count("id", filter=Q(recorded=True, la_authority=True)),
                       absent=Count("id", filter=Q(recorded=True, la_authority=False))):
        f.la_decision_maker_present += r["present"]
        f.la_decision_maker_absent += r["absent"]
    cancelled = Meeting.objects.filter(status=Meeting.Status.CANCELLED, cancelled_on__range=(first, last))
    for f, r in m.rows(cancelled, "case__local_authority_id", TruncMonth("cancelled_on"), "cancelled_by",
                       n=Count("id")):
        if r["cancelled_by"] in CANCELLED_BY:
            f.cancelled_by[r["cancelled_by"]] = f.cancelled_by.get(r["cancelled_by"], 0) + r["n"]


def _feedback(m: _Months, first: dt.date, last: dt.date, start: dt.datetime, end: dt.datetime) -> None:
    """Complaints by the day they were received, for cases of the LA; survey answers by the moment given."""
    complaints = Complaint.objects.filter(received_on__range=(first, last))
    for f, r in m.rows(complaints, "case__local_authority_id", TruncMonth("received_on"), "theme", n=Count("id"),
                       upheld=Count("id", filter=Q(outcome__in=UPHELD))):
        f.complaints += r["n"]
        f.complaints_upheld += r["upheld"]
        theme = r["theme"] if r["theme"] in COMPLAINT_THEMES else ""
        f.complaints_by_theme[theme] = f.complaints_by_theme.get(theme, 0) + r["n"]
    surveys = SurveyResponse.objects.filter(submitted_at__gte=start, submitted_at__lt=end)
    for f, r in m.rows(surveys, "local_authority_id", TruncMonth("submitted_at", tzinfo=LONDON), "satisfaction",
                       n=Count("id")):
        f.surveys += r["n"]
        score = str(r["satisfaction"])
        f.satisfaction_by_score[score] = f.satisfaction_by_score.get(score, 0) + r["n"]
    # Invitations by the moment they were sent, and of those how many have been answered (the response rate).
    invitations = SurveyInvitation.objects.filter(sent_at__gte=start, sent_at__lt=end)
    for f, r in m.rows(invitations, "case__local_authority_id", TruncMonth("sent_at", tzinfo=LONDON), n=Count("id"),
                       answered=Count("id", filter=Q(answered_at__isnull=False))):
        f.surveys_sent += r["n"]
        f.surveys_sent_answered += r["answered"]


def _clocks(m: _Months, first: dt.date, last: dt.date) -> None:
    """Days taken per clock, as a histogram split by on time or late: as many rows as distinct (month, clock,
    days, on time) combinations, never one per case. The on-time and late counts are sums over it."""
    taken = ExpressionWrapper(F("met_on") - F("start_date"), output_field=DurationField())
    on_time = ExpressionWrapper(Q(met_on__lte=F("due_date")), output_field=BooleanField())
    met = Deadline.objects.filter(met_on__range=(first, last), clock__in=STEP_CLOCKS).annotate(taken=taken,
                                                                                                on_time=on_time)
    for f, r in m.rows(met, "case__local_authority_id", TruncMonth("met_on"), "clock", "taken", "on_time",
                       "late_reason", n=Count("id")):
        clock, n = r["clock"], r["n"]
        days = f.step_days.setdefault(clock, Counter())
        days[r["taken"].days] += n
        f.steps_met[clock] = f.steps_met.get(clock, 0) + n
        reason = r["late_reason"] if r["late_reason"] in LATE_REASONS else ""
        if clock in CERTIFICATE_CLOCKS:
            if r["on_time"]:
                f.certificate_on_time += n
            else:
                f.certificate_late += n
                f.certificate_late_by_reason[reason] = f.certificate_late_by_reason.get(reason, 0) + n
        elif clock == Clock.mediation_held:
            if r["on_time"]:
                f.held_on_time += n
            else:
                f.held_late += n
                f.held_late_by_reason[reason] = f.held_late_by_reason.get(reason, 0) + n


def _outcomes(m: _Months, held: QuerySet[CaseEvent]) -> None:
    """Grouped by each case's outcome and its lists of decisions and elements: as many rows as distinct
    combinations (a few hundred a month at most), then spread over decisions and elements here."""
    for f, r in m.rows(held.filter(case__meeting_outcome__in=OUTCOMES), "case__local_authority_id",
                       TruncMonth("at", tzinfo=LONDON), "case__meeting_outcome", "case__decisions",
                       "case__elements", n=Count("case_id")):
        outcome, n = r["case__meeting_outcome"], r["n"]
        f.outcomes[outcome] = f.outcomes.get(outcome, 0) + n
        for d in set(r["case__decisions"] or []):
            if d in DECISIONS:
                row = f.outcomes_by_decision.setdefault(d, dict.fromkeys(OUTCOMES, 0))
                row[outcome] += n
        for e in set(r["case__elements"] or []):
            if e in ELEMENTS:
                row = f.outcomes_by_element.setdefault(e, dict.fromkeys(OUTCOMES, 0))
                row[outcome] += n


def _actions(m: _Months, first: dt.date, last: dt.date) -> None:
    items = AgreementItem.objects.filter(agreed=True, due__range=(first, last))
    done = Q(status=AgreementItem.Status.DONE)
    for f, r in m.rows(items, "agreement__case__local_authority_id", TruncMonth("due"),
                       on_time=Count("id", filter=done & Q(done_on__lte=F("due"))),
                       late=Count("id", filter=Q(status=AgreementItem.Status.LATE) | (done & ~Q(done_on__lte=F("due")))),
                       open=Count("id", filter=Q(status=AgreementItem.Status.OPEN))):
        f.actions_on_time += r["on_time"]
        f.actions_late += r["late"]
        f.actions_open += r["open"]


def _met_in(local_authority_id: int | None, period: Period) -> QuerySet[Deadline]:
    return _la(Deadline.objects.filter(met_on__range=(period.start, period.end)), "case__local_authority_id",
               local_authority_id)


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
