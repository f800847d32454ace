"""Mediation figures for an LA's SEN2 return to the DfE: one local authority, one calendar year.

We describe what each figure counts, in plain English, rather than name the return's fields or codes:
the LA maps them to the DfE's current guide. The guide to the current person-level return could not be read
where this was written (docs/law.md, "The SEN2 return"), so no figure is labelled with an item of it. Only SEN
mediation cases count (disagreement resolution is a different service), and each case is counted once per
figure in a month (the monthly summary buckets add up months). Appeals to the Tribunal are counted from what the LA told us (appeals/), never guessed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q

from senmediation.appeals.models import TribunalAppeal
from senmediation.documents.models import Certificate
from senmediation.reporting.state_changes import state_changes
from senmediation.rules.workflow import CaseType, State

from .buckets import add_up, figures_by_month
from .suppression import Cell, plain, suppress_column

SEN = CaseType.sen_mediation.value


@dataclass(frozen=True)
class Sen2Figure:
    label: str
    value: int
    how: str


def sen2_figures(*, local_authority_id: int, year: int) -> list[Sen2Figure]:
    """The year's figures from the monthly buckets (two queries when built: buckets.py) and the appeals (one).
    Only SEN mediation cases count: every certificate is for one, as only the SEN workflow issues them."""
    months = [dt.date(year, month, 1) for month in range(1, 13)]
    f = add_up(figures_by_month(local_authority_id=local_authority_id, months=months), months)
    e = {"requested": f.sen_events.get(State.mediation_requested, 0), "held": f.sen_events.get(State.held, 0),
         "not_arranged": f.sen_events.get(State.not_arranged, 0),
         **{name: f.sen_held_by_element.get(name, 0) for name in ("education", "health", "social_care")}}
    kinds = Certificate.Kind
    c = {**{k: f.certificates.get(k, 0) for k in kinds.values}, "all": sum(f.certificates.values())}
    a = _appeals(local_authority_id=local_authority_id, year=year)
    return [
        Sen2Figure("Mediations requested", e["requested"],
                   "Families who told us they want mediation, counted on the day we recorded it, once per case "
                   "in a month (a case that asked again in a later month, after withdrawing, counts again)."),
        Sen2Figure("Mediations held", e["held"],
                   "Mediation meetings that took place in the year, counted on the day the meeting was recorded "
                   "as held, once per case, whatever the outcome."),
        Sen2Figure("of which covered education", e["education"],
                   "Mediations held where the disagreement included the education part of the plan or "
                   "assessment. A mediation can cover more than one part, so these three do not add up."),
        Sen2Figure("of which covered health care", e["health"],
                   "Mediations held where the disagreement included health care provision."),
        Sen2Figure("of which covered social care", e["social_care"],
                   "Mediations held where the disagreement included social care provision."),
        Sen2Figure("Mediations the local authority could not arrange within 30 days", e["not_arranged"],
                   "Cases where the local authority told us it could not arrange mediation within 30 days, "
                   "counted on the day we recorded it."),
        Sen2Figure("Mediation certificates issued", c["all"],
                   "Every certificate issued in the year, counted by its date of issue. A corrected certificate "
                   "is not counted again."),
        Sen2Figure("of which the family did not want mediation", c[kinds.NO_MEDIATION],
                   "Certificates issued after advice, where the family chose not to mediate."),
        Sen2Figure("of which mediation could not be arranged in time", c[kinds.NOT_ARRANGED],
                   "Certificates issued because the mediation could not be arranged within 30 days."),
        Sen2Figure("of which mediation took place", c[kinds.AFTER_MEDIATION],
                   "Certificates issued after a mediation meeting."),
        Sen2Figure("Appeals to the Tribunal after mediation or a mediation certificate", a["after"],
                   "Cases the local authority told us were appealed to the Tribunal, counted once per case by the "
                   "day the Tribunal registered the appeal, where a mediation meeting was held or a certificate "
                   "issued on or before that day. Appeals later withdrawn are counted."),
        Sen2Figure("of which a mediation meeting was held first", a["after_held"],
                   "Those appeals where a mediation meeting took place on or before the day the appeal was "
                   "registered; the rest followed a certificate without a meeting."),
    ]


def _appeals(*, local_authority_id: int, year: int) -> dict[str, int]:
    """One query: the LA's appeals registered in the year (index appeal_la_registered), each asked whether its case
    had a meeting held (a status change into "held") or a certificate issued by the day it was registered."""
    held = state_changes().filter(case_id=OuterRef("case_id"), to_state=State.held,
                                  at__date__lte=OuterRef("registered_on"))
    certified = Certificate.objects.filter(case_id=OuterRef("case_id"), issued_on__lte=OuterRef("registered_on"))
    appeals = TribunalAppeal.objects.filter(
        local_authority_id=local_authority_id, registered_on__range=(dt.date(year, 1, 1), dt.date(year, 12, 31)),
    ).annotate(held=Exists(held), certified=Exists(certified))
    return appeals.aggregate(after=Count("case_id", distinct=True, filter=Q(held=True) | Q(certified=True)),
                             after_held=Count("case_id", distinct=True, filter=Q(held=True)))


NOT_COUNTED = ("Appeals to the Tribunal are counted only when the local authority tells us about them: the Tribunal "
               "tells the local authority, not us. An appeal nobody told us about is not in these figures.")
GUIDE_NOT_READ = ("We could not read the Department's guide to the current return (the person-level SEN2, which "
                  "records each child's requests, assessments, plans and placements), so these figures are not "
                  "labelled with its items. Match each figure to the guide's mediation and tribunal items yourself, "
                  "by what it counts.")


def sen2_cells(figures: list[Sen2Figure], *, suppress: bool) -> list[Cell]:
    """Suppressed together: the 'of which' rows would otherwise let a reader work a small number out."""
    if not suppress:
        return [plain(f.value) for f in figures]
    # Groups that add up: certificates (total and its three kinds). The element rows overlap, so each
    # is only primary-suppressed, as are the single figures.
    cells, total = suppress_column([f.value for f in figures[7:10]])
    assert total is not None
    single = [suppress_column([f.value], with_total=False)[0][0] for f in figures[:6]]
    # Appeals: the total and "of which after a meeting"; the rest (after a certificate alone) is not shown but a
    # reader can work it out, so the three are protected together as a column.
    after, after_held = figures[10].value, figures[11].value
    (held_cell, _), appeals_total = suppress_column([after_held, after - after_held])
    assert appeals_total is not None
    return [*single, total, *cells, appeals_total, held_cell]
