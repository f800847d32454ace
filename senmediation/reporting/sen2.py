"""Mediation figures for an LA's SEN2 return to the DfE: one local authority, one calendar year.

We describe what each figure counts, in plain English, rather than name the return's fields or codes:
the LA maps them to the DfE's current guide. The guide to the current person-level return could not be read
where this was written (docs/law.md, "The SEN2 return"), so no figure is labelled with an item of it. Only SEN
mediation cases count (disagreement resolution is a different service), and each case is counted once per
figure. Appeals to the Tribunal are counted from what the LA told us (appeals/), never guessed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q

from senmediation.appeals.models import TribunalAppeal
from senmediation.core.clock import LONDON
from senmediation.documents.models import Certificate
from senmediation.reporting.state_changes import state_changes
from senmediation.rules.workflow import CaseType, State

from .suppression import Cell, plain, suppress_column

SEN = CaseType.sen_mediation.value


@dataclass(frozen=True)
class Sen2Figure:
    label: str
    value: int
    how: str


def sen2_figures(*, local_authority_id: int, year: int) -> list[Sen2Figure]:
    """Three queries: status changes in the year, certificates issued in the year, appeals registered in the year."""
    start = dt.datetime(year, 1, 1, tzinfo=LONDON)
    end = dt.datetime(year + 1, 1, 1, tzinfo=LONDON)
    # Only the three states counted below: the index of status changes by state then time reads just those.
    counted = (State.mediation_requested, State.held, State.not_arranged)
    events = state_changes().filter(to_state__in=counted, at__gte=start, at__lt=end,
                                      case__local_authority_id=local_authority_id, case__case_type=SEN)
    held = Q(to_state=State.held)

    def element(name: str) -> Q:
        return held & Q(case__elements__icontains=f'"{name}"')

    e = events.aggregate(
        requested=Count("case_id", distinct=True, filter=Q(to_state=State.mediation_requested)),
        held=Count("case_id", distinct=True, filter=held),
        education=Count("case_id", distinct=True, filter=element("education")),
        health=Count("case_id", distinct=True, filter=element("health")),
        social_care=Count("case_id", distinct=True, filter=element("social_care")),
        not_arranged=Count("case_id", distinct=True, filter=Q(to_state=State.not_arranged)),
    )
    kinds = Certificate.Kind
    # Every certificate is for an SEN mediation case: only the SEN workflow issues one and a case's type never
    # changes (its reference carries it). So no join to the cases, which would read every SEN case.
    c = Certificate.objects.filter(
        local_authority_id=local_authority_id, supersedes__isnull=True,
        issued_on__range=(dt.date(year, 1, 1), dt.date(year, 12, 31)),
    ).aggregate(**{k: Count("id", filter=Q(kind=k)) for k in kinds.values}, all=Count("id"))
    a = _appeals(local_authority_id=local_authority_id, year=year)
    return [
        Sen2Figure("Mediations requested", e["requested"],
                   "Families who told us they want mediation, counted on the day we recorded it, once per case."),
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
