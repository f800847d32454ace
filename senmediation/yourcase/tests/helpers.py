"""Cases at the stages the family's case page is tested at, brought there through the real services."""

from __future__ import annotations

import datetime as dt
from typing import Any

from senmediation.cases.models import Case, Party
from senmediation.cases.services.details import case_coordinator_set, case_mediator_assign
from senmediation.cases.services.transitions import case_transition
from senmediation.cases.tests.factories import case_make

OPENED = dt.date(2026, 11, 23)  # a Monday
LA_TOLD = dt.date(2026, 11, 25)


def la_officer_add(case: Case) -> Party:
    return Party.objects.create(case=case, role=Party.Role.LA_OFFICER, name="Lee Officer", organisation="Trafford",
                                email="lee@trafford.example", phone="0161 111 2222")


def preparing_case(*, by: Any, mediator: Any) -> Case:
    """The LA told on 25 November (the 30 days run from then), the mediator assigned, preparation started."""
    case = case_make(by=by, today=OPENED)
    case_transition(case=case, action="give_information", by=by, today=OPENED)
    case_transition(case=case, action="request_mediation", by=by, today=dt.date(2026, 11, 24))
    case_transition(case=case, action="notify_la", by=by, today=LA_TOLD)
    case_mediator_assign(case=case, mediator=mediator, by=by)
    case_coordinator_set(case=case, coordinator=by, by=by)
    case_transition(case=case, action="start_preparation", by=by, today=dt.date(2026, 11, 26))
    case.refresh_from_db()
    return case


def declined_case(*, by: Any) -> Case:
    """The family do not want mediation: owed a certificate (reg 34(1))."""
    case = case_make(by=by, today=OPENED)
    case_transition(case=case, action="give_information", by=by, today=OPENED)
    case_transition(case=case, action="request_certificate", by=by, today=dt.date(2026, 11, 24))
    case.refresh_from_db()
    return case


def closed_with_certificate(*, by: Any) -> Case:
    """A family who did not want mediation, their certificate issued (reg 34(1)) and the case closed: the
    case a documents link is for."""
    from senmediation.documents.services.certificates import certificate_issue

    case = declined_case(by=by)
    certificate_issue(case=case, kind="no_mediation", by=by)
    case_transition(case=case, action="close", by=by)
    case.refresh_from_db()
    return case
