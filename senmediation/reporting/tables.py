"""The report's figures as tables: the same tables feed the page, the CSV files, the charts and the PDF.

`for_commissioner=True` publishes every count by the one rule in suppression.py, checked against every sum a
reader can set up within the period and with its adjacent periods; shares are worked out from the rounded
figures and medians are held back with their counts. Managers, inside the provider, see the counts as they are.
`published_tables` is what every page, CSV, PDF, chart and the API read.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, field

from django.core.cache import cache

from senmediation.agreements.attendance_rules import CANCELLED_BY_LABELS, CancelledBy
from senmediation.cases.models import Case, MeetingOutcome
from senmediation.documents.models import Certificate
from senmediation.rules.deadlines import CLOCK_RULES, Clock
from senmediation.rules.eligibility import DECISION_LABELS, Decision, Element
from senmediation.rules.workflow import State

from .buckets import add_up, buckets_read
from .figures import (
    CERTIFICATE_CLOCKS,
    COMPLAINT_THEMES,
    LATE_REASONS,
    OUTCOMES,
    SCORES,
    STEP_CLOCKS,
    median,
)
from .kept import KEEP_SECONDS, kept_key
from .periods import Period, adjacent_periods
from .report_figures import ReportFigures
from .suppression import LABEL, THRESHOLD, Cell, Equation, Shown, basic, plain, protect, share_text, total_of

SELF = (Case.Source.PARENT, Case.Source.YOUNG_PERSON)
OUTCOME_HEADINGS = {MeetingOutcome.AGREEMENT: "Full agreement", MeetingOutcome.PARTIAL: "Partial agreement",
                    MeetingOutcome.NO_AGREEMENT: "No agreement"}
ELEMENT_LABELS = {Element.education: "Education", Element.health: "Health care", Element.social_care: "Social care"}
CASE_TYPES = ("sen_mediation", "disagreement_resolution")
SHOWN_EVENTS = (State.mediation_requested, State.held, State.not_arranged, State.withdrawn)
ACTIONS = ("act_on_time", "act_late", "act_open")
# The totals of the report: held back only when no detail would do (suppression.protect's preference)
TOTALS = frozenset({"enquiries", "certificates", "cert_total", "held_total", "outcomes", "dm_total", "cancelled",
                    "actions", "event:held", "surveys_sent"})


@dataclass(frozen=True)
class Row:
    label: str
    cells: list[Cell | str]
    is_total: bool = False


@dataclass(frozen=True)
class Table:
    slug: str
    caption: str
    columns: list[str]  # the first heads the row labels
    rows: list[Row]
    notes: list[str] = field(default_factory=list)

    def csv_rows(self) -> list[list[str]]:
        out = [self.columns]
        for row in self.rows:
            out.append([row.label, *[c if isinstance(c, str) else (str(c.value) if c.visible else c.text)
                                     for c in row.cells]])
        return out


def _month_key(month: dt.date, what: str) -> str:
    return f"m:{month:%Y-%m}:{what}"


def report_counts(f: ReportFigures, months: list[dt.date]) -> dict[str, int]:
    """Every count the report publishes, by a key that names the same count wherever it appears (the
    enquiries total is the total of four tables): the one place the tables read their figures from."""
    c: dict[str, int] = {"enquiries": f.enquiries, "advice_only": f.advice_only}
    c |= {f"source:{v}": f.by_source.get(v, 0) for v in Case.Source.values}
    c |= {f"channel:{v}": f.by_channel.get(v, 0) for v in Case.Channel.values}
    c |= {f"type:{v}": f.by_case_type.get(v, 0) for v in CASE_TYPES}
    c |= {f"cert:{k}": f.certificates.get(k, 0) for k in Certificate.Kind.values}
    c["certificates"] = sum(f.certificates.get(k, 0) for k in Certificate.Kind.values)
    c |= {f"event:{s}": f.events.get(s, 0) for s in SHOWN_EVENTS}
    c |= {"cert_on_time": f.certificate_on_time, "cert_late": f.certificate_late,
          "cert_total": f.certificate_on_time + f.certificate_late, "held_on_time": f.held_on_time,
          "held_late": f.held_late, "held_total": f.held_on_time + f.held_late}
    c |= {f"outcome:{o}": f.outcomes.get(o, 0) for o in OUTCOMES}
    c["outcomes"] = sum(f.outcomes.get(o, 0) for o in OUTCOMES)
    for prefix, by, names in (("dec", f.outcomes_by_decision, [d.value for d in Decision]),
                              ("el", f.outcomes_by_element, [e.value for e in Element])):
        for name in names:
            counts = by.get(name, {})
            c |= {f"{prefix}:{name}:{o}": counts.get(o, 0) for o in OUTCOMES}
            c[f"{prefix}:{name}"] = sum(counts.get(o, 0) for o in OUTCOMES)
    c |= {"dm_present": f.la_decision_maker_present, "dm_absent": f.la_decision_maker_absent,
          "dm_total": f.la_decision_maker_present + f.la_decision_maker_absent}
    c |= {f"cancel:{who.value}": f.cancelled_by.get(who.value, 0) for who in CancelledBy}
    c["cancelled"] = sum(f.cancelled_by.get(who.value, 0) for who in CancelledBy)
    c |= {"act_on_time": f.actions_on_time, "act_late": f.actions_late, "act_open": f.actions_open,
          "actions": f.actions_on_time + f.actions_late + f.actions_open}
    c |= {f"step:{clock.value}": f.steps_met.get(clock.value, 0)
          for clock in STEP_CLOCKS if clock != Clock.mediation_held}  # that one is held_total
    for m in months:
        c[_month_key(m, "opened")] = f.opened_by_month.get(m, 0)
        c[_month_key(m, "held")] = f.held_by_month.get(m, 0)
    c |= {"complaints": f.complaints, "upheld": f.complaints_upheld, "surveys": f.surveys}
    c |= scorecard_counts(f)
    return c


def report_equations(months: list[dt.date], key: Callable[[str], Hashable] = lambda k: k) -> list[Equation]:
    """Every sum a reader can set up from one period's tables (`key` names the counts of another period)."""
    k = key
    equations = [
        total_of(k("enquiries"), [k(f"source:{v}") for v in Case.Source.values]),
        total_of(k("enquiries"), [k(f"channel:{v}") for v in Case.Channel.values]),
        total_of(k("enquiries"), [k(f"type:{v}") for v in CASE_TYPES]),
        total_of(k("enquiries"), [k(_month_key(m, "opened")) for m in months]),
        total_of(k("event:held"), [k(_month_key(m, "held")) for m in months]),
        total_of(k("certificates"), [k(f"cert:{v}") for v in Certificate.Kind.values]),
        total_of(k("cert_total"), [k("cert_on_time"), k("cert_late")]),
        total_of(k("held_total"), [k("held_on_time"), k("held_late")]),
        total_of(k("cert_total"), [k(f"step:{clock.value}") for clock in CERTIFICATE_CLOCKS]),
        total_of(k("outcomes"), [k(f"outcome:{o}") for o in OUTCOMES]),
        total_of(k("dm_total"), [k("dm_present"), k("dm_absent")]),
        total_of(k("cancelled"), [k(f"cancel:{who.value}") for who in CancelledBy]),
        total_of(k("actions"), [k(a) for a in ACTIONS]),
    ]
    for prefix, names in (("dec", [d.value for d in Decision]), ("el", [e.value for e in Element])):
        equations += [total_of(k(f"{prefix}:{n}"), [k(f"{prefix}:{n}:{o}") for o in OUTCOMES]) for n in names]
    equations += scorecard_equations(k)
    return equations


@dataclass(frozen=True)
class Adjacent:
    """A neighbouring period's figures and how they add up with this period's: `sign` -1 for a part of this
    period (a quarter's month), +1 for a period on this side of the sum (the month leaving 12 months)."""

    sign: int
    figures: ReportFigures
    months: list[dt.date]


def protected_counts(f: ReportFigures, months: list[dt.date], adjacent: Sequence[Adjacent] = ()) -> dict[str, Cell]:
    """The report's counts under the published rule, checked within the period and against its adjacent
    periods (periods.adjacent_periods), whose counts are taken as shown by the basic rule."""
    counts = report_counts(f, months)
    equations = report_equations(months)
    known: dict[Hashable, Cell] = {}
    neighbour_counts = []
    for i, a in enumerate(adjacent):
        theirs = report_counts(a.figures, a.months)
        neighbour_counts.append(theirs)
        known |= {(i, name): basic(v) for name, v in theirs.items()}
        equations += report_equations(a.months, lambda name, i=i: (i, name))  # type: ignore[misc]
    for name in counts:
        plus: list[Hashable] = [name]
        minus: list[Hashable] = []
        for i, (a, theirs) in enumerate(zip(adjacent, neighbour_counts, strict=True)):
            if name in theirs:
                (plus if a.sign > 0 else minus).append((i, name))
        if minus or len(plus) > 1:
            equations.append(Equation(tuple(plus), tuple(minus)))
    preference = {name: int(name in TOTALS) for name in counts}
    # Working out which counts to hold back takes a few hundred milliseconds for a year beside its neighbours at
    # 1,000,000 cases; the answer depends only on these counts, so it is kept under them.
    key = kept_key("protected", counts, months, [(a.sign, a.months, theirs)
                                                 for a, theirs in zip(adjacent, neighbour_counts, strict=True)])
    stored = cache.get(key)
    if stored is not None:
        return {name: Cell(value, Shown(shown)) for name, (value, shown) in stored.items()}
    cells = protect(counts, equations, known=known, preference=preference)
    cache.set(key, {name: (c.value, c.shown.value) for name, c in cells.items()}, timeout=KEEP_SECONDS)
    return cells


def report_tables(f: ReportFigures, *, months: list[dt.date], for_commissioner: bool,
                  adjacent: Sequence[Adjacent] = ()) -> list[Table]:
    if for_commissioner:
        cells = protected_counts(f, months, adjacent)
    else:
        cells = {name: plain(v) for name, v in report_counts(f, months).items()}
    s = for_commissioner

    def column(slug: str, caption: str, heading: str, unit: str, items: list[tuple[str, str]],
               total: str | None = "enquiries", notes: list[str] | None = None) -> Table:
        rows = [Row(label, [cells[key]]) for label, key in items]
        if total:
            rows.append(Row("Total", [cells[total]], is_total=True))
        return Table(slug, caption, [heading, unit], rows, notes or [])

    labels = dict(Case.Source.choices)
    sources = [(f"Self-referral: {labels[v].lower()}", f"source:{v}") for v in SELF]
    sources += [(f"Third party: {labels[v]}", f"source:{v}") for v in Case.Source.values if v not in SELF]
    channels = dict(Case.Channel.choices)
    kinds = dict(Certificate.Kind.choices)
    return [
        column("enquiries-by-source", "Enquiries and referrals by who made them", "Who made it", "Cases",
               sources, notes=["Counted by the day the case was opened. A third party refers only with the "
                               "parent's or young person's permission."]),
        column("enquiries-by-channel", "Enquiries and referrals by how they reached us", "How", "Cases",
               [(channels[v], f"channel:{v}") for v in Case.Channel.values]),
        column("case-types", "Cases by type", "Type", "Cases",
               [("SEN mediation", "type:sen_mediation"), ("Disagreement resolution", "type:disagreement_resolution")]),
        column("advice-only", "Cases closed after advice only", "Cases", "Cases",
               [("Opened in the period and closed with information given, no certificate, no mediation",
                 "advice_only")], total=None),
        column("certificates", "Mediation certificates issued, by kind", "Kind of certificate", "Certificates",
               [(kinds[k], f"cert:{k}") for k in Certificate.Kind.values], total="certificates",
               notes=["Counted by the date of issue. A corrected certificate is not counted again."]),
        column("mediations", "Mediations", "What happened", "Cases",
               [("Mediation requested", f"event:{State.mediation_requested}"),
                ("Mediation held", f"event:{State.held}"),
                ("Not arranged within 30 days", f"event:{State.not_arranged}"),
                ("Withdrawn (at any stage)", f"event:{State.withdrawn}")], total=None,
               notes=["Each case counted once per step, on the day the step was recorded. The steps are not "
                      "added up: one case can take several."]),
        _timeliness(cells),
        column("outcomes", "Outcomes of mediations held", "Outcome", "Meetings",
               [(OUTCOME_HEADINGS[o], f"outcome:{o}") for o in OUTCOMES], total="outcomes",
               notes=["Meetings held in the period whose outcome has been recorded."]),
        _outcome_table("outcomes-by-decision", "Outcomes by the decision the disagreement was about", "Decision",
                       [(DECISION_LABELS[d], f"dec:{d.value}") for d in Decision], cells,
                       "A case can be about more than one decision, so rows do not add up to the outcomes table."),
        _outcome_table("outcomes-by-element", "Outcomes by part of the plan", "Part of the plan",
                       [(ELEMENT_LABELS[e], f"el:{e.value}") for e in Element], cells,
                       "A case can cover more than one part of the plan, so rows do not add up."),
        column("decision-makers", "Local authority decision-makers at mediation", "Meetings held", "Meetings",
               [("With someone from the local authority who had authority to agree to resolve the issues",
                 "dm_present"),
                ("Without one (including where the local authority did not attend)", "dm_absent")],
               total="dm_total",
               notes=["The body arranging the mediation must ensure people with authority to resolve the issues "
                      "attend (SEND Regulations 2014 reg 37(1)). Meetings held in the period whose attendance has "
                      "been recorded."]),
        column("cancellations", "Meetings cancelled, by who cancelled them", "Who cancelled", "Meetings",
               [(CANCELLED_BY_LABELS[who], f"cancel:{who.value}") for who in CancelledBy], total="cancelled",
               notes=["Counted by the day the meeting was cancelled."]),
        column("agreed-actions", "Agreed actions due in the period", "Status", "Actions",
               [("Done on time", "act_on_time"), ("Done late or marked late", "act_late"),
                ("Not yet done", "act_open")], total="actions",
               notes=["Actions written into an agreement, counted by the date they were due."]),
        _steps(f, cells, s),
        _trend(months, cells),
        _feedback(f, cells, s),
    ]


def _outcome_table(slug: str, caption: str, heading: str, items: list[tuple[str, str]], cells: dict[str, Cell],
                   note: str) -> Table:
    rows = [Row(label, [*[cells[f"{key}:{o}"] for o in OUTCOMES], cells[key]]) for label, key in items]
    return Table(slug, caption, [heading, *[OUTCOME_HEADINGS[o] for o in OUTCOMES], "Meetings"], rows, [note])


def _feedback(f: ReportFigures, cells: dict[str, Cell], s: bool) -> Table:
    surveys = cells["surveys"]
    # An average of fewer than 5 answers could point to one family, so it is shown only from 5 answers.
    average: Cell | str = "none yet" if f.satisfaction is None else (
        f"{f.satisfaction:.1f}" if not s or (surveys.visible and f.surveys >= THRESHOLD) else LABEL)
    rows = [Row("Complaints received", [cells["complaints"]]),
            Row("Of which upheld or partly upheld", [cells["upheld"]]),
            Row("Feedback survey answers", [surveys]), Row("Average satisfaction (1 to 5)", [average])]
    return Table("feedback-and-complaints", "Feedback and complaints", ["Measure", "Figure"], rows,
                 ["Complaints counted by the day they were received, for cases of this local authority; survey "
                  "answers by the day they were given. Satisfaction: 1 is very dissatisfied, 5 very satisfied."])


def _timeliness(cells: dict[str, Cell]) -> Table:
    rows = []
    for label, prefix in (("Certificates issued within 3 working days", "cert"), ("Mediations held within 30 days",
                                                                                   "held")):
        on_time, late, total = cells[f"{prefix}_on_time"], cells[f"{prefix}_late"], cells[f"{prefix}_total"]
        rows.append(Row(label, [on_time, late, total, share_text(on_time, total, late)]))
    return Table("timeliness", "Certificates and mediations on time", ["Measure", "On time", "Late", "Total",
                                                                         "Share on time"], rows,
                 ["Counted by the day the step was done. On time means on or before the due date the service "
                  "worked out when the clock started: 3 working days (not counting weekends, Christmas Day, Good "
                  "Friday or bank holidays in England) for a certificate, 30 days for a mediation."])


def _steps(f: ReportFigures, cells: dict[str, Cell], s: bool) -> Table:
    rows = []
    for clock in STEP_CLOCKS:
        histogram = f.step_days.get(clock.value, Counter())
        count = cells["held_total" if clock == Clock.mediation_held else f"step:{clock.value}"]
        mid = median(histogram)
        if mid is None:
            days = "none to count"
        elif not s:
            days = f"{mid:g}"
        elif count.visible and sum(histogram.values()) >= THRESHOLD:
            days = f"{int(mid + 0.5)}"  # whole days: a half day would tell whether the count is even
        else:
            days = LABEL
        rows.append(Row(CLOCK_RULES[clock].label, [days, count]))
    note = ("Calendar days from the day the clock started to the day it was met, for steps done in the period.")
    if s:
        note += (f" Rounded to whole days, and not shown over fewer than {THRESHOLD} cases or where the number of "
                 "cases is not shown.")
    return Table("step-days", "Median days taken for each step", ["Step", "Median days", "Cases"], rows, [note])


def _trend(months: list[dt.date], cells: dict[str, Cell]) -> Table:
    rows = [Row(f"{m:%B %Y}", [cells[_month_key(m, "opened")], cells[_month_key(m, "held")]]) for m in months]
    rows.append(Row("Total", [cells["enquiries"], cells[f"event:{State.held}"]], is_total=True))
    return Table("trend-by-month", "Enquiries and mediations held by month", ["Month", "Enquiries", "Mediations held"],
                 rows, ["Enquiries by the day the case was opened; mediations by the day the meeting was recorded."])


def adjacent_figures(by_month: dict[dt.date, ReportFigures], period: Period, *,
                     skip: tuple[str, ...] = ()) -> list[Adjacent]:
    """The neighbouring periods' figures (periods.adjacent_periods), added up from the same months, with how
    each adds up with this period's."""
    return [Adjacent(1 if period.kind == "rolling" and other.end < period.start else -1,
                     add_up(by_month, other.months(), skip=skip), other.months()) for other in adjacent_periods(period)]


def published_tables(*, local_authority_id: int | None, period: Period, for_commissioner: bool) -> list[Table]:
    """The report's tables as the reader may see them. A commissioner's (and the API's) are protected across
    the adjacent periods too, so those periods' figures are added up as well (a quarter's three months, a
    year's quarters, the 12 months before with the months that differ), from one read of the monthly buckets.
    Tables made from buckets alone are kept in the cache under the buckets' ids (a bucket is never changed once
    written) and this code: the same ids give the same tables; a month counted live is never kept."""
    others = adjacent_periods(period) if for_commissioner else []
    read = buckets_read(local_authority_id=local_authority_id,
                        months={m for p in (period, *others) for m in p.months()})
    key = None
    if read.ids is not None:
        key = kept_key("tables", local_authority_id, period.query, for_commissioner, read.ids)
        cached = cache.get(key)
        if isinstance(cached, list):
            return cached
    by_month = read.figures()
    tables = report_tables(add_up(by_month, period.months()), months=period.months(),
                           for_commissioner=for_commissioner,
                           adjacent=adjacent_figures(by_month, period) if for_commissioner else [])
    if key is not None:
        cache.set(key, tables, timeout=KEEP_SECONDS)
    return tables


CERTIFICATE_CLOCK_VALUES = tuple(c.value for c in CERTIFICATE_CLOCKS)
HELD_CLOCK = Clock.mediation_held


# The commissioner's scorecard (scorecard.py) publishes these counts as well. They are part of every report's
# counts and sums, so a report and a scorecard of the same LA and period are protected as one: the same cells
# held back, checked against the same neighbouring periods.


def scorecard_counts(f: ReportFigures) -> dict[str, int]:
    """Late steps by reason, complaints by theme, survey answers by score and survey invitations answered."""
    c = {f"cert_late:{r}": f.certificate_late_by_reason.get(r, 0) for r in LATE_REASONS}
    c |= {f"held_late:{r}": f.held_late_by_reason.get(r, 0) for r in LATE_REASONS}
    c |= {f"theme:{t}": f.complaints_by_theme.get(t, 0) for t in COMPLAINT_THEMES}
    c |= {f"score:{s}": f.satisfaction_by_score.get(s, 0) for s in SCORES}
    c |= {"surveys_sent": f.surveys_sent, "surveys_sent_answered": f.surveys_sent_answered,
          "surveys_sent_unanswered": f.surveys_sent - f.surveys_sent_answered}
    return c


def scorecard_equations(k: Callable[[str], Hashable]) -> list[Equation]:
    return [
        total_of(k("cert_late"), [k(f"cert_late:{r}") for r in LATE_REASONS]),
        total_of(k("held_late"), [k(f"held_late:{r}") for r in LATE_REASONS]),
        total_of(k("complaints"), [k(f"theme:{t}") for t in COMPLAINT_THEMES]),
        total_of(k("surveys"), [k(f"score:{s}") for s in SCORES]),
        total_of(k("surveys_sent"), [k("surveys_sent_answered"), k("surveys_sent_unanswered")]),
    ]
