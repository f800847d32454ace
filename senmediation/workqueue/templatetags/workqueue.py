"""The work queue's rows, built in Python in one pass: the home page shows up to 30 of them and each row's
links are reversed once per process (cases/templatetags/case_rows.py explains why)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import Any

from django import template
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.timezone import localtime

from senmediation.cases.templatetags.case_rows import address_for, case_url, clock_tag, day_note
from senmediation.rules.calendar import format_short_day
from senmediation.rules.deadlines import Clock

register = template.Library()

# Where each of our clocks is met, and what the link says.
_CLOCK_ACTIONS: dict[str, tuple[str, str]] = {
    Clock.certificate_no_mediation: ("Issue the certificate", "documents:certificate_issue"),
    Clock.certificate_not_arranged: ("Issue the certificate", "documents:certificate_issue"),
    Clock.certificate_after_mediation: ("Issue the certificate", "documents:certificate_issue"),
    Clock.mediation_held: ("Arrange the meeting", "cases:schedule_meeting"),
    Clock.first_call_back: ("Record the call", "cases:contacts"),
}
@lru_cache(maxsize=1)
def _calls_url() -> str:
    return reverse("notifications:calls")


_CELL = '<td class="govuk-table__cell">{}</td>'
_HINT = '<br><span class="govuk-hint govuk-!-font-size-16">{}</span>'


def _due_day(day: dt.date) -> str:
    """'Tue 24 Nov 2026': the weekday matters for what is due."""
    return f"{day:%a} {format_short_day(day)}"


def due_tag(day: dt.date | None, today: dt.date) -> SafeString:
    """Overdue, due today, or due soon, as a coloured tag."""
    if day is None:
        return SafeString("")
    if day < today:
        return clock_tag("overdue")
    if day == today:
        return format_html('<strong class="govuk-tag govuk-tag--orange">{}</strong>', "Due today")
    return clock_tag("due_soon")


def _case_cell(case: Any, *, child: bool = False) -> SafeString:
    if case is None:
        return format_html(_CELL, "No case")
    link = format_html('<a class="govuk-link" href="{}">{}</a>', case_url(case.reference), case.reference)
    return format_html(_CELL, format_html("{}<br>{}", link, case.child_name) if child else link)


def _link(url: str, label: str, hidden: str) -> SafeString:
    return format_html('<a class="govuk-link" href="{}">{}<span class="govuk-visually-hidden">{}</span></a>',
                       url, label, hidden)


def _button(url: str, label: str, hidden: str, ctx: dict[str, str]) -> SafeString:
    return format_html(
        '<form method="post" action="{}" class="govuk-!-margin-top-2"><input type="hidden" '
        'name="csrfmiddlewaretoken" value="{}"><input type="hidden" name="next" value="{}">'
        '<button type="submit" class="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" '
        'data-module="govuk-button">{}<span class="govuk-visually-hidden">{}</span></button></form>',
        url, ctx["csrf"], ctx["next"], label, hidden)


def _party_url(reference: str, pk: int) -> str:
    """The same address as {% url 'cases:party_edit' reference pk %}: the person's page on their case."""
    return f"{case_url(reference)}people/{pk}/"


def _who(party: Any, fallback: str) -> str:
    return party.name if party is not None else fallback


def _clock_row(d: Any, ctx: dict[str, Any]) -> SafeString:
    label, url_name = _CLOCK_ACTIONS.get(d.clock, ("Open the case", "cases:detail"))
    if d.clock == Clock.first_call_back:
        contact = getattr(d, "contact", None)
        what = format_html("Call back {}{}", _who(contact, "the family"),
                           f" on {contact.phone}" if contact is not None and contact.phone else "")
        what = format_html("{}" + _HINT, what, f"Enquiry by {d.case.get_channel_display().lower()}, "
                           f"{format_short_day(d.case.opened_on)}")
    else:
        what = d.get_clock_display()
    return format_html(
        "{}{}" + _CELL + _CELL, _case_cell(d.case, child=True), format_html(_CELL, what),
        format_html("{} {}{}", due_tag(d.due_date, ctx["today"]), _due_day(d.due_date), day_note(d.due_date)),
        _link(address_for(url_name, d.case.reference), label, f" for {d.case.reference}"))


def _call_row(task: Any, ctx: dict[str, Any]) -> SafeString:
    who = _who(task.party, "the person")
    phone = task.message.to if task.message is not None else (task.party.phone if task.party is not None else "")
    times = f" ({task.party.call_times})" if task.party is not None and task.party.call_times else ""
    what = format_html("Call {}{}{}" + _HINT, who, f" on {phone}" if phone else "", times, task.reason)
    action = format_html("{}{}", _link(f"{ctx['calls_url']}#call-{task.pk}", "What to say", f" to {who}"),
                         _button(address_for("notifications:call_done", task.pk), "Mark call as done",
                                 f" for {who}", ctx))
    return format_html("{}" + _CELL * 3, _case_cell(task.case), what,
                       format_html("{} {}", due_tag(task.due, ctx["today"]), _due_day(task.due)), action)


def _held_row(m: Any, ctx: dict[str, Any]) -> SafeString:
    detail, who = m.missing_detail, _who(m.party, "the person")
    what = format_html("Add the {} of {}" + _HINT, detail, who, f"Waiting: {m.subject}. {m.last_error}")
    if m.party is not None and m.case is not None:
        action = _link(_party_url(m.case.reference, m.party.pk), f"Add the {detail}", f" of {who}")
    else:
        action = _link(case_url(m.case.reference), "Open the case", "") if m.case is not None else SafeString("")
    return format_html("{}" + _CELL * 3, _case_cell(m.case), what, format_short_day(localtime(m.created_at).date()), action)


def _failed_row(m: Any, ctx: dict[str, Any]) -> SafeString:
    to = f"{m.party.name} ({m.to})" if m.party is not None else m.to
    what = format_html("{} to {} did not arrive" + _HINT, m.get_channel_display(), to,
                       f"{m.subject}. {m.last_error or 'The service gave no reason.'}")
    check = SafeString("")
    if m.party is not None and m.case is not None:
        check = _link(_party_url(m.case.reference, m.party.pk), "Check the details", f" of {m.party.name}")
    action = format_html("{}{}", check, _button(address_for("notifications:message_retry", m.pk), "Try again",
                                                f" ({m.subject}, to {m.to})", ctx))
    return format_html("{}" + _CELL * 3, _case_cell(m.case), what, format_short_day(localtime(m.created_at).date()), action)


def _letter_row(m: Any, ctx: dict[str, Any]) -> SafeString:
    who = _who(m.party, (m.to.splitlines() or ["the person"])[0])
    extra = "".join(part for part in (". Large print" if m.large_print else "", f". {m.note}" if m.note else ""))
    what = format_html("{} the letter to {}" + _HINT, "Post" if m.status == "printed" else "Print and post", who,
                       f"{m.subject}{extra}")
    action = format_html("{}{}", _link(address_for("notifications:letter_print", m.pk), "Print copy (PDF)",
                                       f" of the letter to {who}"),
                         _button(address_for("notifications:letter_posted", m.pk), "Mark as posted",
                                 f" (the letter to {who})", ctx))
    return format_html("{}" + _CELL * 3, _case_cell(m.case), what, format_short_day(localtime(m.created_at).date()), action)


def _complaint_row(c: Any, ctx: dict[str, Any]) -> SafeString:
    step = "Acknowledge" if c.acknowledged_on is None and c.next_due == c.acknowledge_by else "Answer"
    owner = (c.owner.get_full_name() or c.owner.username) if c.owner is not None else "no one yet"
    what = format_html("{} complaint {}" + _HINT, step, c.reference, f"Stage {c.stage}. Owner: {owner}")
    return format_html("{}" + _CELL * 3, _case_cell(c.case), what,
                       format_html("{} {}", due_tag(c.next_due, ctx["today"]), _due_day(c.next_due)),
                       _link(address_for("feedback:complaint", c.pk), "Open the complaint", f" {c.reference}"))


def _time_change_row(r: Any, ctx: dict[str, Any]) -> SafeString:
    who, case = r.party.name, r.party.case
    starts = localtime(r.meeting_starts_at)
    what = format_html("Find a new time with {}{}" + _HINT, who, f" on {r.party.phone}" if r.party.phone else "",
                       f"Booked for {starts:%a} {format_short_day(starts.date())} at {starts:%H:%M}. They said: {r.reason}")
    action = format_html("{}{}", _link(case_url(case.reference), "Open the case", f" {case.reference}"),
                         _button(address_for("workqueue:time_change_done", r.pk), "Mark as dealt with",
                                 f" (the request from {who})", ctx))
    return format_html("{}" + _CELL * 3, _case_cell(case), what,
                       format_short_day(localtime(r.submitted_at).date()), action)


def _late_reason_row(d: Any, ctx: dict[str, Any]) -> SafeString:
    what = format_html("Say why this was late: {}" + _HINT, d.get_clock_display(),
                       f"Due {format_short_day(d.due_date)}, done {format_short_day(d.met_on)}")
    url = f"{case_url(d.case.reference)}late/{d.clock}/"  # {% url 'cases:late_reason' reference clock %}
    return format_html("{}{}" + _CELL + _CELL, _case_cell(d.case, child=True), format_html(_CELL, what),
                       _due_day(d.met_on), _link(url, "Say why", f" {d.get_clock_display().lower()} was late, "
                                                               f"{d.case.reference}"))


_ROWS: dict[str, Callable[[Any, dict[str, Any]], SafeString]] = {
    "time-limits": _clock_row, "call-backs": _clock_row, "calls": _call_row, "missing-details": _held_row,
    "failed-messages": _failed_row, "letters": _letter_row, "complaints": _complaint_row,
    "time-changes": _time_change_row, "late-reasons": _late_reason_row,
}


@register.simple_tag(takes_context=True)
def queue_rows(context: dict[str, Any], kind: str, items: Iterable[Any]) -> SafeString:
    """One table row per item: the case, what to do (and why), when, and the action."""
    request = context["request"]
    ctx = {"today": context["today"], "csrf": str(context.get("csrf_token", "")), "next": request.get_full_path(),
           "calls_url": _calls_url()}
    row = _ROWS[kind]
    return format_html_join("\n", '<tr class="govuk-table__row">{}</tr>', ((row(item, ctx),) for item in items))
