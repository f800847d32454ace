"""The agreement as a tagged PDF (PDF/UA), in plain English, in large print or easy read when needed.

A copy goes to every party (the seed: "a copy given to each party to ensure that there is no
ambiguity about what has been decided"); large-print and easy-read versions follow the adjustments
recorded for the main party (Equality Act 2010 s.20, reasonable adjustments).
"""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string

from senmediation.cases.models import Party
from senmediation.core.pdf import html_to_pdf
from senmediation.directory.selectors import provider_current
from senmediation.rules.calendar import format_day

from .models import Agreement

PARTY_ROLES = (Party.Role.PARENT, Party.Role.YOUNG_PERSON, Party.Role.LA_OFFICER, Party.Role.ICB, Party.Role.SCHOOL)


def agreement_variant(agreement: Agreement) -> str:
    """'easy_read', 'large_print' or 'standard', from the main party's recorded adjustments."""
    main = agreement.case.parties.filter(is_main_contact=True).first() or agreement.case.parties.first()
    adjustments = set(main.adjustments or []) if main else set()
    if "easy_read" in adjustments:
        return "easy_read"
    if "large_print" in adjustments:
        return "large_print"
    return "standard"


def agreement_context(agreement: Agreement) -> dict[str, Any]:
    from senmediation.meetings.models import Attendance

    case = agreement.case
    items = list(agreement.items.select_related("owner", "issue").order_by("order", "id"))
    attendances = (
        list(Attendance.objects.filter(meeting=agreement.meeting).order_by("created_at", "id"))
        if agreement.meeting_id else []
    )
    return {
        "agreement": agreement,
        "case": case,
        "provider": provider_current(),
        "variant": agreement_variant(agreement),
        "agreed_on": format_day(agreement.agreed_on),
        "parties": list(case.parties.filter(role__in=PARTY_ROLES)),
        "attendances": attendances,
        "agreed_items": [i for i in items if i.agreed],
        "not_agreed_items": [i for i in items if not i.agreed],
        "issues": list(case.issues.all()),
        "certificate_owed": case.certificate_route and case.certificate_issued_on is None,
        "has_la_items": any(i.agreed and i.owner and i.owner.role in (Party.Role.LA_OFFICER, Party.Role.ICB)
                            for i in items),
    }


def agreement_html(agreement: Agreement) -> str:
    return render_to_string("agreements/pdf/agreement.html", agreement_context(agreement))


def agreement_pdf_bytes(agreement: Agreement) -> bytes:
    """The agreement as a tagged PDF/UA document, with a title and language for screen readers."""
    return html_to_pdf(agreement_html(agreement))
