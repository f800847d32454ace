"""Notifications' part in what the case domain announces (cases/signals.py), connected in
NotificationsConfig.ready: the case domain says what happened and never imports notifications."""

from __future__ import annotations

import datetime as dt
from typing import Any

from senmediation.cases.models import Case, Deadline, Party
from senmediation.rules.calendar import format_day

from .models import CallTask
from .services import messages_release_for_party, notification_send

_FAMILY = (Party.Role.PARENT, Party.Role.YOUNG_PERSON)


def party_reach_changed_release(sender: Any, *, party: Party, **kwargs: Any) -> None:
    """The messages waiting for a detail just added go out now, or keep waiting with the reason."""
    messages_release_for_party(party=party)


def la_asked_can_arrange_write(
    sender: Any, *, case: Case, deadline: Deadline, today: dt.date, officer: Party | None, la_email: str,
    **kwargs: Any,
) -> None:
    """Asks the LA in writing whether it can arrange mediation in time (reg 39(2)), to its officer or else to
    its contact e-mail, and gives a coordinator the call to make."""
    la = case.local_authority
    context = {"la_name": la.name, "la_told_date": f"{deadline.start_date:%-d %B %Y}",
               "mediation_due": f"{deadline.due_date:%-d %B %Y}"}
    key = f"la-can-arrange-{case.pk}-{deadline.start_date:%Y%m%d}"
    if officer is not None:
        notification_send(template_key="la_can_arrange_check", party=officer, case=case, context=context,
                          idempotency_key=key)
    elif la_email:
        notification_send(template_key="la_can_arrange_check", to_email=la_email, case=case,
                          context={**context, "party_name": la.contact_name or "Colleague"}, idempotency_key=key)
    CallTask.objects.create(
        case=case, party=officer, due=today,
        reason=f"Ask {la.name} whether it can arrange mediation by {deadline.due_date:%-d %B %Y}. If it "
               "cannot, record 'The LA says it cannot arrange mediation in time' on the case",
    )


def mediation_not_arranged_tell_family(
    sender: Any, *, case: Case, by: Any, adviser_told_on: dt.date, certificate_due: dt.date,
    appeal_deadline: dt.date | None, **kwargs: Any,
) -> None:
    """Tells the family their options (reg 39(3)): the certificate is coming, they may appeal, and they may
    still mediate if it is arranged later."""
    appeal = f"{appeal_deadline:%-d %B %Y}" if appeal_deadline else "the date shown on your certificate"
    context = {"la_name": case.local_authority.name, "certificate_due": format_day(certificate_due),
               "appeal_deadline": appeal}
    for party in case.parties.filter(role__in=_FAMILY).order_by("-is_main_contact", "id"):
        notification_send(template_key="not_arranged_options", party=party, case=case, by=by, context=context,
                          idempotency_key=f"not-arranged-{case.pk}-{adviser_told_on:%Y%m%d}-party-{party.pk}")
