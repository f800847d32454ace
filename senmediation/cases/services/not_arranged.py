"""The LA that neither arranges nor tells (SEND Regulations 2014 reg 39(2)-(3)).

- Each day, from day 20 of the 30 (rules.not_arranged.LA_ASKED_ON_DAY) until the 30th, a case the LA must
  arrange (regs 35(4), 36(2)) with no meeting fixed asks the LA once, in writing, whether it can arrange
  mediation in time, records that on the timeline, and gives a coordinator a call to make.
- When the LA says it cannot, a coordinator or manager records the day the adviser was told: the
  certificate is due 3 working days later (reg 39(3)) and the family are told their options.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from senmediation.accounts.roles import Role, user_roles
from senmediation.core import clock
from senmediation.core.errors import ServiceError
from senmediation.rules.appeal import tribunal_appeal_deadline
from senmediation.rules.deadlines import Clock
from senmediation.rules.eligibility import Route
from senmediation.rules.not_arranged import (
    LA_ASKED_ON_DAY,
    certificate_not_arranged_due,
    la_asked_on,
    la_must_tell_adviser,
)
from senmediation.rules.workflow import Action, State

from ..models import Case, CaseEvent, Deadline, Party
from ..signals import la_asked_can_arrange, mediation_not_arranged
from .events import case_event_record
from .transitions import case_transition

ASKED = "la_asked_can_arrange"
NOT_ARRANGED_RECORDED = "la_cannot_arrange"
_LA_ARRANGES = tuple(route.value for route in Route if la_must_tell_adviser(route))


def _la_officer(case: Case) -> Party | None:
    return case.parties.filter(role=Party.Role.LA_OFFICER).order_by("-is_main_contact", "id").first()


def _la_ask(*, deadline: Deadline, today: dt.date) -> int:
    case = deadline.case
    marker = {"asked_for_clock_started": deadline.start_date.isoformat()}
    with transaction.atomic():
        # Lock the case: two sweeps at once still ask the LA once.
        Case.objects.select_for_update().filter(pk=case.pk).first()
        if case.events.filter(action=ASKED, after__asked_for_clock_started=marker["asked_for_clock_started"]).exists():
            return 0
        officer = _la_officer(case)
        la = case.local_authority
        la_email = "" if officer is not None else la.contact_email or ""
        # Notifications writes to the officer, or else to the LA's contact e-mail, and sets up the call.
        la_asked_can_arrange.send(sender=Case, case=case, deadline=deadline, today=today, officer=officer,
                                  la_email=la_email)
        if officer is not None:
            written = f"Asked {officer.name} ({la.name}) in writing"
        elif la_email:
            written = f"Asked {la.name} in writing"
        else:
            written = f"Could not write to {la.name} (no officer or contact e-mail on record): phone them"
        case_event_record(
            case=case, by=None, kind=CaseEvent.Kind.CLOCK, action=ASKED, after=marker,
            summary=f"Day {LA_ASKED_ON_DAY} of 30 with no meeting fixed. {written} whether it can arrange mediation "
                    f"by {deadline.due_date:%-d %B %Y} (SEND Regulations 2014 reg 39(2))",
        )
    return 1


def la_arrangement_checks_send(*, today: dt.date) -> int:
    """Daily, from the daily sweep: asks the LA, once per 30-day clock, whether it can arrange mediation in
    time. Returns how many LAs were asked today."""
    due = (
        Deadline.objects.filter(
            clock=Clock.mediation_held.value, met_on__isnull=True, stopped_on__isnull=True,
            start_date__lte=today - dt.timedelta(days=LA_ASKED_ON_DAY), due_date__gte=today,
            case__route__in=_LA_ARRANGES, case__state__in=(State.la_notified.value, State.preparing.value),
        )
        .exclude(case__meetings__status="scheduled")
        .select_related("case", "case__local_authority")
        .order_by("start_date", "id")
    )
    return sum(_la_ask(deadline=d, today=today) for d in due if la_asked_on(d.start_date) <= today)


def case_not_arranged_record(
    *, case: Case, by: Any, adviser_told_on: dt.date, note: str = "", today: dt.date | None = None,
) -> Case:
    """The LA says it cannot arrange mediation in time (reg 39(2)): the step is dated the day the adviser
    was told, the certificate is due 3 working days later (reg 39(3)), and the family are told their
    options: the certificate is coming, they may appeal, and they may still mediate if it is arranged later."""
    today = today or clock.today()
    if not user_roles(by) & {Role.COORDINATOR, Role.MANAGER}:
        raise ServiceError("Only a coordinator or a manager can record that the LA cannot arrange mediation.")
    if adviser_told_on > today:
        raise ServiceError("The date the adviser was told must be today or in the past.", field="adviser_told_on")
    if case.la_notified_on and adviser_told_on < case.la_notified_on:
        raise ServiceError(f"The date the adviser was told must be on or after {case.la_notified_on:%-d %B %Y}, "
                           "when the local authority was told the family want mediation.", field="adviser_told_on")
    if not la_must_tell_adviser(Route(case.route)):
        raise ServiceError("Only a case where the local authority arranges mediation and the family need a "
                           "certificate can have a certificate because mediation was not arranged in time.")
    with transaction.atomic():
        case = case_transition(case=case, action=Action.mark_not_arranged, by=by, on=adviser_told_on,
                               note=note, today=today)
        certificate_due = certificate_not_arranged_due(adviser_told_on)
        # The appeal deadline runs from the certificate; the earliest it can be issued is today, so the
        # family are told the earliest last day it can give, and the certificate gives the exact one.
        appeal = (tribunal_appeal_deadline(decision_notice_sent=case.decision_notice_date, certificate_issued=today)
                  if case.decision_notice_date else None)
        # Notifications tells the family their options.
        mediation_not_arranged.send(sender=Case, case=case, by=by, adviser_told_on=adviser_told_on,
                                    certificate_due=certificate_due, appeal_deadline=appeal)
        case_event_record(
            case=case, by=by, kind=CaseEvent.Kind.CLOCK, action=NOT_ARRANGED_RECORDED,
            summary=f"The local authority told the adviser on {adviser_told_on:%-d %B %Y} that it cannot arrange "
                    f"mediation in time: certificate due by {certificate_due:%-d %B %Y} (SEND Regulations 2014 "
                    "reg 39(3)). The family were told their options",
        )
    return case
