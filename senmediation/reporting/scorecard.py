"""The commissioner's scorecard: one page, the 12 months to the end of a month beside the 12 months before and
beside every local authority together (the benchmark), as issue 26 asks.

Every count comes from the report's own counts (tables.report_counts, scorecard_counts included) and, for
anyone but the provider's managers, goes through tables.protected_counts: the same rule and the same
neighbouring periods as the report page of the same local authority and period, so the two pages agree cell
for cell. Shares are worked out from the published (rounded) figures. Nothing here names a case.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.cache import cache

from senmediation.feedback.models import Complaint
from senmediation.rules.late_reasons import LATE_REASON_LABELS, NOT_GIVEN_LABEL

from .buckets import add_up, buckets_read
from .figures import COMPLAINT_THEMES, LATE_REASONS, OUTCOMES, SCORES
from .kept import KEEP_SECONDS, kept_key
from .periods import Period, adjacent_periods, period_rolling_12
from .report_figures import ReportFigures
from .suppression import Cell, plain, share_text
from .tables import OUTCOME_HEADINGS, Row, Table, adjacent_figures, protected_counts, report_counts

SCORE_LABELS = {"1": "1: very dissatisfied", "2": "2: dissatisfied", "3": "3: neither", "4": "4: satisfied",
                "5": "5: very satisfied"}
THEME_LABELS = {**dict(Complaint.Theme.choices), "": "Theme not recorded"}
REASON_LABELS = {**{r.value: label for r, label in LATE_REASON_LABELS.items()}, "": NOT_GIVEN_LABEL}


@dataclass(frozen=True)
class Column:
    heading: str
    period: Period
    cells: dict[str, Cell]


@dataclass(frozen=True)
class Scorecard:
    period: Period
    previous: Period
    columns: list[Column]
    tables: list[Table]
    cache_key: str | None = None  # set when built from buckets alone: the page keeps its rendered tables under it


def previous_12_months(period: Period) -> Period:
    """The 12 months just before a 12-month period."""
    before = period.start - dt.timedelta(days=1)
    return period_rolling_12(before.year, before.month)


NO_MEDIANS = ("step_days",)  # the scorecard shows no median days: their histograms are not added up


def _needed(periods: list[Period], for_commissioner: bool) -> set[dt.date]:
    """Every month the columns of these periods read: their own, and their neighbours' for a commissioner."""
    return {m for p in periods for other in (p, *(adjacent_periods(p) if for_commissioner else [])) for m in other.months()}


def _cells(by_month: dict[dt.date, ReportFigures], period: Period, for_commissioner: bool) -> dict[str, Cell]:
    """One column's counts as published: exact for managers; for anyone else protected with the period's
    neighbours exactly as tables.published_tables protects the report of the same LA and period."""
    figures = add_up(by_month, period.months(), skip=NO_MEDIANS)
    months = period.months()
    if not for_commissioner:
        return {name: plain(v) for name, v in report_counts(figures, months).items()}
    adjacent = adjacent_figures(by_month, period, skip=NO_MEDIANS)
    return protected_counts(figures, months, adjacent)


def scorecard_build(*, local_authority_id: int | None, period: Period, for_commissioner: bool) -> Scorecard:
    """The scorecard of one LA (None: every LA, with no benchmark column) for 12 months to a month's end: the
    monthly buckets read once for the LA (both 12 months and their neighbours) and once for every LA.

    Built from the same buckets (each is never changed once written), the scorecard is the same, so it is kept
    in the cache under the buckets' ids and this code; a month counted live is never cached."""
    previous = previous_12_months(period)
    own_read = buckets_read(local_authority_id=local_authority_id,
                            months=_needed([period, previous], for_commissioner))
    everyone_read = None if local_authority_id is None else buckets_read(
        local_authority_id=None, months=_needed([period], for_commissioner))
    ids = [own_read.ids, None if everyone_read is None else everyone_read.ids]
    key = None
    if ids[0] is not None and (everyone_read is None or ids[1] is not None):
        key = kept_key("scorecard", local_authority_id, period.query, for_commissioner, ids)
        cached = cache.get(key)
        if isinstance(cached, Scorecard):
            return cached
    own = own_read.figures()
    everyone = None if everyone_read is None else everyone_read.figures()
    columns = [Column("These 12 months", period, _cells(own, period, for_commissioner)),
               Column("The 12 months before", previous, _cells(own, previous, for_commissioner))]
    if everyone is not None:
        columns.append(Column("All local authorities (these 12 months)", period,
                              _cells(everyone, period, for_commissioner)))
    card = Scorecard(period, previous, columns, _tables(columns), key)
    if key is not None:
        cache.set(key, card, timeout=KEEP_SECONDS)
    return card


def _tables(columns: list[Column]) -> list[Table]:
    headings = ["Measure", *[c.heading for c in columns]]

    def count(label: str, key: str, *, total: bool = False) -> Row:
        return Row(label, [c.cells[key] for c in columns], is_total=total)

    def share(label: str, part: str, whole: str, rest: str) -> Row:
        return Row(label, [share_text(c.cells[part], c.cells[whole], c.cells[rest]) for c in columns])

    def table(slug: str, caption: str, rows: list[Row], notes: list[str]) -> Table:
        return Table(f"scorecard-{slug}", caption, headings, rows, notes)

    def by(prefix: str, names: tuple[str, ...], labels: dict[str, str]) -> list[Row]:
        return [count(labels[n], f"{prefix}:{n}") for n in names]

    def reasons(prefix: str) -> list[Row]:
        return [Row(f"Late: {row.label[0].lower()}{row.label[1:]}", row.cells)
                for row in by(prefix, LATE_REASONS, REASON_LABELS)]

    return [
        table("enquiries", "Enquiries and referrals", [count("Enquiries and referrals", "enquiries", total=True)],
              ["Counted by the day the case was opened."]),
        table("mediations", "Mediations held within 30 days", [
            count("Held within 30 days", "held_on_time"), count("Held after 30 days", "held_late"),
            count("Mediations held", "held_total", total=True),
            share("Share held within 30 days", "held_on_time", "held_total", "held_late"),
            *reasons("held_late")],
              ["30 calendar days from the day the local authority was told the family want mediation (SEND "
               "Regulations 2014 regs 35(3)-(4) and 36(2)). Mediations held late are counted by the reason our "
               "staff recorded."]),
        table("certificates", "Certificates issued within 3 working days", [
            count("Issued within 3 working days", "cert_on_time"), count("Issued late", "cert_late"),
            count("Certificates issued", "cert_total", total=True),
            share("Share issued within 3 working days", "cert_on_time", "cert_total", "cert_late"),
            *reasons("cert_late")],
              ["3 working days, not counting weekends, Christmas Day, Good Friday or bank holidays in England "
               "(SEND Regulations 2014 regs 34(1), 39(1) and 39(3)). Late certificates are counted by the reason "
               "our staff recorded."]),
        table("outcomes", "Outcomes of mediations held", [
            *[count(OUTCOME_HEADINGS[o], f"outcome:{o}") for o in OUTCOMES],
            count("Outcomes recorded", "outcomes", total=True)],
              ["Meetings held in the period whose outcome has been recorded."]),
        table("agreed-actions", "Agreed actions done on time by the local authority", [
            count("Done on time", "act_on_time"), count("Done late or marked late", "act_late"),
            count("Not yet done", "act_open"), count("Actions due", "actions", total=True)],
              ["Actions written into an agreement, counted by the date they were due."]),
        table("decision-makers", "Local authority decision-makers at mediation", [
            count("With someone who had authority to agree to resolve the issues", "dm_present"),
            count("Without one (including where the local authority did not attend)", "dm_absent"),
            count("Meetings with attendance recorded", "dm_total", total=True),
            share("Share with a decision-maker present", "dm_present", "dm_total", "dm_absent")],
              ["The body arranging the mediation must ensure people with authority to resolve the issues attend "
               "(SEND Regulations 2014 reg 37(1))."]),
        table("complaints", "Complaints by theme", [
            *by("theme", COMPLAINT_THEMES, THEME_LABELS), count("Complaints received", "complaints", total=True),
            count("Of which upheld or partly upheld", "upheld")],
              ["Counted by the day the complaint was received; the theme is recorded with its outcome."]),
        table("satisfaction", "Satisfaction with the service", [
            *by("score", SCORES, SCORE_LABELS), count("Survey answers", "surveys", total=True),
            count("Survey invitations sent", "surveys_sent"),
            count("Of which answered", "surveys_sent_answered"),
            share("Response rate", "surveys_sent_answered", "surveys_sent", "surveys_sent_unanswered")],
              ["Answers counted by the day they were given, on a scale of 1 (very dissatisfied) to 5 (very "
               "satisfied); the whole spread is shown rather than an average. The response rate is the share of "
               "invitations sent in the period that have been answered."]),
    ]

