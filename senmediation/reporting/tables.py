"""The report's figures as tables: the same tables feed the page, the CSV files, the charts and the PDF.

`for_commissioner=True` applies small-number suppression (suppression.py) to every count, and hides
any share or median that could reveal one. Managers, inside the provider, see the counts as they are.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from senmediation.agreements.attendance_rules import CANCELLED_BY_LABELS, CancelledBy
from senmediation.cases.models import Case, MeetingOutcome
from senmediation.documents.models import Certificate
from senmediation.rules.deadlines import CLOCK_RULES, Clock
from senmediation.rules.eligibility import DECISION_LABELS, Decision, Element
from senmediation.rules.workflow import State

from .figures import CERTIFICATE_CLOCKS, OUTCOMES, STEP_CLOCKS, ReportFigures, median
from .suppression import HIDDEN_TEXT, SMALL_TEXT, THRESHOLD, Cell, is_small, plain, share_text, suppress_grid

SELF = (Case.Source.PARENT, Case.Source.YOUNG_PERSON)
OUTCOME_HEADINGS = {MeetingOutcome.AGREEMENT: "Full agreement", MeetingOutcome.PARTIAL: "Partial agreement",
                    MeetingOutcome.NO_AGREEMENT: "No agreement"}
ELEMENT_LABELS = {Element.education: "Education", Element.health: "Health care", Element.social_care: "Social care"}


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


def _grid(values: Sequence[Sequence[int]], suppress: bool, *, total_row: bool = False, total_column: bool = False
          ) -> list[list[Cell]]:
    if suppress:
        return suppress_grid(values, total_row=total_row, total_column=total_column)
    return [[plain(v) for v in row] for row in values]


def _column_table(slug: str, caption: str, heading: str, column: str, items: list[tuple[str, int]], suppress: bool,
                  *, total: str | None = "Total", notes: list[str] | None = None) -> Table:
    values = [[n] for _, n in items] + ([[sum(n for _, n in items)]] if total else [])
    grid = _grid(values, suppress, total_row=bool(total))
    labels = [label for label, _ in items] + ([total] if total else [])
    rows = [Row(label, list(cells), is_total=bool(total) and i == len(labels) - 1)
            for i, (label, cells) in enumerate(zip(labels, grid, strict=True))]
    return Table(slug, caption, [heading, column], rows, notes or [])


def _outcome_table(slug: str, caption: str, heading: str, items: list[tuple[str, dict[str, int]]], suppress: bool,
                   note: str) -> Table:
    values = [[counts[o] for o in OUTCOMES] + [sum(counts.values())] for _, counts in items]
    grid = _grid(values, suppress, total_column=True)
    rows = [Row(label, list(cells)) for (label, _), cells in zip(items, grid, strict=True)]
    return Table(slug, caption, [heading, *[OUTCOME_HEADINGS[o] for o in OUTCOMES], "Meetings"], rows, [note])


def report_tables(f: ReportFigures, *, months: list[dt.date], for_commissioner: bool) -> list[Table]:
    s = for_commissioner
    labels = dict(Case.Source.choices)
    sources = [(f"Self-referral: {labels[v].lower()}", f.by_source[v]) for v in SELF]
    sources += [(f"Third party: {labels[v]}", f.by_source[v]) for v in Case.Source.values if v not in SELF]
    channels = dict(Case.Channel.choices)
    kinds = dict(Certificate.Kind.choices)
    tables = [
        _column_table("enquiries-by-source", "Enquiries and referrals by who made them", "Who made it", "Cases",
                      sources, s, notes=["Counted by the day the case was opened. A third party refers only with "
                                         "the parent's or young person's permission."]),
        _column_table("enquiries-by-channel", "Enquiries and referrals by how they reached us", "How", "Cases",
                      [(channels[v], f.by_channel[v]) for v in Case.Channel.values], s),
        _column_table("case-types", "Cases by type", "Type", "Cases",
                      [("SEN mediation", f.by_case_type["sen_mediation"]),
                       ("Disagreement resolution", f.by_case_type["disagreement_resolution"])], s),
        _column_table("advice-only", "Cases closed after advice only", "Cases", "Cases",
                      [("Opened in the period and closed with information given, no certificate, no mediation",
                        f.advice_only)], s, total=None),
        _column_table("certificates", "Mediation certificates issued, by kind", "Kind of certificate",
                      "Certificates", [(kinds[k], f.certificates[k]) for k in Certificate.Kind.values], s,
                      notes=["Counted by the date of issue. A corrected certificate is not counted again."]),
        _column_table("mediations", "Mediations", "What happened", "Cases",
                      [("Mediation requested", f.events[State.mediation_requested]),
                       ("Mediation held", f.events[State.held]),
                       ("Not arranged within 30 days", f.events[State.not_arranged]),
                       ("Withdrawn (at any stage)", f.events[State.withdrawn])], s, total=None,
                      notes=["Each case counted once per step, on the day the step was recorded. The steps are "
                             "not added up: one case can take several."]),
        _timeliness(f, s),
        _column_table("outcomes", "Outcomes of mediations held", "Outcome", "Meetings",
                      [(OUTCOME_HEADINGS[o], f.outcomes[o]) for o in OUTCOMES], s,
                      notes=["Meetings held in the period whose outcome has been recorded."]),
        _outcome_table("outcomes-by-decision", "Outcomes by the decision the disagreement was about", "Decision",
                       [(DECISION_LABELS[d], f.outcomes_by_decision[d.value]) for d in Decision], s,
                       "A case can be about more than one decision, so rows do not add up to the outcomes table."),
        _outcome_table("outcomes-by-element", "Outcomes by part of the plan", "Part of the plan",
                       [(ELEMENT_LABELS[e], f.outcomes_by_element[e.value]) for e in Element], s,
                       "A case can cover more than one part of the plan, so rows do not add up."),
        _column_table("decision-makers", "Local authority decision-makers at mediation", "Meetings held", "Meetings",
                      [("With someone from the local authority who had authority to agree to resolve the issues",
                        f.la_decision_maker_present),
                       ("Without one (including where the local authority did not attend)", f.la_decision_maker_absent)],
                      s, notes=["The body arranging the mediation must ensure people with authority to resolve the "
                                "issues attend (SEND Regulations 2014 reg 37(1)). Meetings held in the period whose "
                                "attendance has been recorded."]),
        _column_table("cancellations", "Meetings cancelled, by who cancelled them", "Who cancelled", "Meetings",
                      [(CANCELLED_BY_LABELS[who], f.cancelled_by.get(who.value, 0)) for who in CancelledBy], s,
                      notes=["Counted by the day the meeting was cancelled."]),
        _column_table("agreed-actions", "Agreed actions due in the period", "Status", "Actions",
                      [("Done on time", f.actions_on_time), ("Done late or marked late", f.actions_late),
                       ("Not yet done", f.actions_open)], s,
                      notes=["Actions written into an agreement, counted by the date they were due."]),
        _steps(f, s),
        _trend(f, months, s),
        _feedback(f, s),
    ]
    return tables


def _feedback(f: ReportFigures, s: bool) -> Table:
    grid = _grid([[f.complaints], [f.complaints_upheld], [f.surveys]], s)
    # An average of fewer than 5 answers could point to one family, so it is shown only from 5 answers.
    average: Cell | str = "none yet" if f.satisfaction is None else (
        f"{f.satisfaction:.1f}" if not s or f.surveys >= 5 else SMALL_TEXT)
    rows = [Row("Complaints received", list(grid[0])), Row("Of which upheld or partly upheld", list(grid[1])),
            Row("Feedback survey answers", list(grid[2])), Row("Average satisfaction (1 to 5)", [average])]
    return Table("feedback-and-complaints", "Feedback and complaints", ["Measure", "Figure"], rows,
                 ["Complaints counted by the day they were received, for cases of this local authority; survey "
                  "answers by the day they were given. Satisfaction: 1 is very dissatisfied, 5 very satisfied."])


def _timeliness(f: ReportFigures, s: bool) -> Table:
    values = [[f.certificate_on_time, f.certificate_late, f.certificate_on_time + f.certificate_late],
              [f.held_on_time, f.held_late, f.held_on_time + f.held_late]]
    grid = _grid(values, s, total_column=True)
    labels = ["Certificates issued within 3 working days", "Mediations held within 30 days"]
    rows = [Row(label, [*cells, share_text(cells[0], cells[2], cells[1])]) for label, cells in zip(labels, grid,
                                                                                                  strict=True)]
    return Table("timeliness", "Certificates and mediations on time", ["Measure", "On time", "Late", "Total",
                                                                         "Share on time"], rows,
                 ["Counted by the day the step was done. On time means on or before the due date the service "
                  "worked out when the clock started: 3 working days (not counting weekends, Christmas Day, Good "
                  "Friday or bank holidays in England) for a certificate, 30 days for a mediation."])


def _steps(f: ReportFigures, s: bool) -> Table:
    rows = []
    for clock in STEP_CLOCKS:
        histogram = f.step_days[clock.value]
        n = sum(histogram.values())
        mid = median(histogram)
        small = s and is_small(n)
        count = (suppress_grid([[n]])[0][0]) if s else plain(n)
        days = "none to count" if mid is None else (HIDDEN_TEXT if small else f"{mid:g}")
        rows.append(Row(CLOCK_RULES[clock].label, [days, count]))
    return Table("step-days", "Median days taken for each step", ["Step", "Median days", "Cases"], rows,
                 [f"Calendar days from the day the clock started to the day it was met, for steps done in the "
                  f"period. A median over fewer than {THRESHOLD} cases is not shown to commissioners."
                  if s else "Calendar days from the day the clock started to the day it was met, for steps done "
                  "in the period."])


def _trend(f: ReportFigures, months: list[dt.date], s: bool) -> Table:
    values = [[f.opened_by_month.get(m, 0), f.held_by_month.get(m, 0)] for m in months]
    values.append([sum(v[0] for v in values), sum(v[1] for v in values)])
    grid = _grid(values, s, total_row=True)
    labels = [f"{m:%B %Y}" for m in months] + ["Total"]
    rows = [Row(label, list(cells), is_total=i == len(labels) - 1)
            for i, (label, cells) in enumerate(zip(labels, grid, strict=True))]
    return Table("trend-by-month", "Enquiries and mediations held by month", ["Month", "Enquiries", "Mediations held"],
                 rows, ["Enquiries by the day the case was opened; mediations by the day the meeting was recorded."])


CERTIFICATE_CLOCK_VALUES = tuple(c.value for c in CERTIFICATE_CLOCKS)
HELD_CLOCK = Clock.mediation_held
