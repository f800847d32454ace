"""How a queue item says when it is due, and where its action is."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString

from senmediation.cases.templatetags.case_rows import clock_tag
from senmediation.rules.deadlines import Clock

register = template.Library()

# Where each of our clocks is met, and what the button says.
_CLOCK_ACTIONS: dict[str, tuple[str, str]] = {
    Clock.certificate_no_mediation: ("Issue the certificate", "documents:certificate_issue"),
    Clock.certificate_not_arranged: ("Issue the certificate", "documents:certificate_issue"),
    Clock.certificate_after_mediation: ("Issue the certificate", "documents:certificate_issue"),
    Clock.mediation_held: ("Arrange the meeting", "cases:schedule_meeting"),
    Clock.first_call_back: ("Record the call", "cases:contacts"),
}


@register.simple_tag
def due_tag(day: dt.date | None, today: dt.date) -> SafeString:
    """Overdue, due today, or due soon, as a coloured tag."""
    if day is None:
        return SafeString("")
    if day < today:
        return clock_tag("overdue")
    if day == today:
        return format_html('<strong class="govuk-tag govuk-tag--orange">{}</strong>', "Due today")
    return clock_tag("due_soon")


@register.simple_tag
def clock_action(deadline: Any) -> dict[str, str]:
    label, url_name = _CLOCK_ACTIONS.get(deadline.clock, ("Open the case", "cases:detail"))
    return {"label": label, "url": reverse(url_name, args=[deadline.case.reference])}


@register.filter
def missing_detail(message: Any) -> str:
    """What to add so that a message held in 'cannot send' can go."""
    if message.channel == "letter":
        return "postal address"
    if message.channel == "email":
        return "e-mail address"
    return "phone number"
