"""Links and rows the busiest staff pages repeat up to 75 times. reverse() is the costly part of each
row (about 0.15 ms on the shared bench machine), so the case page's address is reversed once per
process and filled in per row; rows are built with format_html rather than per-row template nodes."""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from typing import Any
from urllib.parse import quote

from django import template
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from senmediation.rules.calendar import format_day, format_short_day, non_working_day_note

register = template.Library()
_MARK = "987654321"  # digits, so that it fits an <int:...> argument as well as a <str:...> one


@lru_cache(maxsize=16)
def _address_parts(url_name: str) -> tuple[str, str]:
    before, after = reverse(url_name, args=[_MARK]).split(_MARK)
    return before, after


def address_for(url_name: str, argument: str | int) -> str:
    """The same address as {% url url_name argument %}, for a URL with one argument, reversed once per process."""
    before, after = _address_parts(url_name)
    return f"{before}{quote(str(argument), safe='')}{after}"


@register.filter
def case_url(reference: str) -> str:
    """The same address as {% url 'cases:detail' reference %}."""
    return address_for("cases:detail", reference)


@register.filter
def day_note(day: Any) -> SafeString:
    """A line break and a plain note when a due date falls on a weekend or bank holiday, else nothing."""
    note = non_working_day_note(day) if day else None
    if note is None:
        return SafeString("")
    return format_html('<br><strong class="app-day-note govuk-!-font-size-16">{}</strong>', note)


@register.simple_tag
def deadline_rows(items: Iterable[Any]) -> SafeString:
    """One row per open clock: the case (linked), the clock, the day it is due."""
    return format_html_join(
        "\n", '<tr class="govuk-table__row"><td class="govuk-table__cell"><a class="govuk-link" href="{}">{}</a>'
        '</td><td class="govuk-table__cell">{}</td><td class="govuk-table__cell">{}{}</td></tr>',
        ((case_url(d.case.reference), d.case.reference, d.get_clock_display(), format_day(d.due_date),
          day_note(d.due_date)) for d in items),
    )


@register.simple_tag
def dashboard_case_rows(cases: Iterable[Any]) -> SafeString:
    """The dashboard's own cases (or newest enquiries): reference (linked), child, LA, status, opened."""
    return format_html_join(
        "\n", '<tr class="govuk-table__row"><td class="govuk-table__cell"><a class="govuk-link" href="{}">{}</a>'
        '</td><td class="govuk-table__cell">{}</td><td class="govuk-table__cell">{}</td>'
        '<td class="govuk-table__cell">{}</td><td class="govuk-table__cell">{}</td></tr>',
        ((case_url(c.reference), c.reference, c.child_name, c.local_authority.name if c.local_authority_id else "",
          c.state_label, format_short_day(c.opened_on)) for c in cases),
    )


_TAGS = {
    "overdue": ("red", "Overdue"), "due_soon": ("yellow", "Due soon"), "on_track": ("blue", "On track"),
    "met": ("green", "Met"), "met_late": ("orange", "Met late"),
}


@register.filter
def clock_tag(status: str) -> SafeString:
    """The same tag as cases/clock_tag.html, without an include per row."""
    colour, label = _TAGS.get(status, ("grey", "Stopped"))
    return format_html('<strong class="govuk-tag govuk-tag--{}">{}</strong>', colour, label)


def _next_deadline(case: Any) -> SafeString:
    if not case.next_due_date:
        return SafeString("None")
    return format_html("{} {}{}", clock_tag(case.clock_status), format_short_day(case.next_due_date),
                       day_note(case.next_due_date))


@register.simple_tag
def case_list_rows(cases: Iterable[Any]) -> SafeString:
    """The case list's rows (a search shows up to a page of them): reference (linked), child, type, LA,
    status, mediator, next deadline, opened."""
    return format_html_join(
        "\n", '<tr class="govuk-table__row"><td class="govuk-table__cell"><a class="govuk-link" href="{}">{}</a>'
        '</td>' + '<td class="govuk-table__cell">{}</td>' * 7 + '</tr>',
        ((case_url(c.reference), c.reference, c.child_name, c.case_type_label,
          c.local_authority.name if c.local_authority_id else "", c.state_label,
          (c.mediator.get_full_name() if c.mediator_id else "") or "None yet", _next_deadline(c),
          format_short_day(c.opened_on)) for c in cases),
    )
