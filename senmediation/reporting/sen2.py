"""Mediation figures for an LA's SEN2 return to the DfE: one local authority, one calendar year.

We describe what each figure counts, in plain English, rather than name the return's fields or codes:
the LA maps them to the DfE's current guide. Only SEN mediation cases count (disagreement resolution
is a different service), and each case is counted once per figure.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q

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
    """Two queries: status changes in the year, and certificates issued in the year."""
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
    ]


NOT_COUNTED = ("Whether a mediation was followed by an appeal to the Tribunal is not counted here: the service "
               "is not told when a family appeals. The local authority learns it from the Tribunal.")


def sen2_cells(figures: list[Sen2Figure], *, suppress: bool) -> list[Cell]:
    """Suppressed together: the 'of which' rows would otherwise let a reader work a small number out."""
    if not suppress:
        return [plain(f.value) for f in figures]
    # Groups that add up: certificates (total and its three kinds). The element rows overlap, so each
    # is only primary-suppressed, as are the single figures.
    cells, total = suppress_column([f.value for f in figures[7:10]])
    assert total is not None
    single = [suppress_column([f.value], with_total=False)[0][0] for f in figures[:6]]
    return [*single, total, *cells]
