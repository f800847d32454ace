"""Complaint panels other apps' pages include: a case's complaints, and complaint rows. Each
asks the selectors, so a person never sees a complaint about themselves."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import template
from django.utils.html import format_html_join
from django.utils.safestring import SafeString

from senmediation.cases.templatetags.case_rows import address_for, clock_tag
from senmediation.core import clock
from senmediation.rules.calendar import format_short_day

from .. import selectors

register = template.Library()


@register.inclusion_tag("feedback/_case_complaints.html", takes_context=True)
def case_complaints(context: dict[str, Any], case: Any) -> dict[str, Any]:
    user = context["request"].user
    return {"rows": selectors.complaints_for_case(user=user, case=case, today=clock.today())}


@register.simple_tag
def complaint_rows(rows: Iterable[Any]) -> SafeString:
    """One row per complaint: reference (linked), stage, received, each clock with its tag, owner. Built in
    one pass, as the dashboard shows up to 20 (the address is reversed once per process)."""

    def owner(complaint: Any) -> str:
        person = complaint.owner
        return (person.get_full_name() or person.username) if person else "Not yet chosen"

    cell = '<td class="govuk-table__cell">{}</td>'
    return format_html_join(
        "\n", '<tr class="govuk-table__row"><td class="govuk-table__cell"><a class="govuk-link" href="{}">{}</a></td>'
        + cell + cell + '<td class="govuk-table__cell">{} {}</td><td class="govuk-table__cell">{} {}</td>' + cell
        + "</tr>",
        ((address_for("feedback:complaint", row.complaint.pk), row.complaint.reference, row.complaint.stage,
          format_short_day(row.complaint.received_on), format_short_day(row.complaint.acknowledge_by),
          clock_tag(row.acknowledge_status), format_short_day(row.complaint.respond_by),
          clock_tag(row.respond_status), owner(row.complaint)) for row in rows),
    )
