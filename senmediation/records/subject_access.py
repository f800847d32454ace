"""A subject-access export: everything held about one person (UK GDPR art. 15), as JSON and a PDF.

Staff check the result for other people's information before sending it (art. 15(4)). Mistakes
are put right (art. 16, rectification) through the normal case screens, which record the change."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.apps import apps
from django.db.models import Q

from senmediation.audit.services import audit_record
from senmediation.cases.choices import Adjustment, label_of
from senmediation.core import clock
from senmediation.core.errors import ServiceError
from senmediation.core.pdf import template_to_pdf

MIN_QUERY = 3
CASE_FIELDS = (
    "reference", "case_type", "state", "child_first_name", "child_last_name", "child_date_of_birth",
    "summary", "child_views", "opened_on", "closed_on", "decision_notice_date", "certificate_issued_on",
    "referrer_name", "referrer_email", "referrer_phone", "consent_given_by", "consent_given_on",
)
PARTY_FIELDS = (
    "role", "name", "organisation", "email", "phone", "address", "preferred_contact", "call_times",
    "language", "interpreter_needed", "adjustments", "adjustments_notes", "is_main_contact",
)


def _plain(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return clock.local(value).isoformat(timespec="minutes")
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _row(obj: Any, fields: tuple[str, ...]) -> dict[str, Any]:
    return {name: _plain(getattr(obj, name, None)) for name in fields if hasattr(obj, name)}


def subject_find(query: str) -> dict[str, Any]:
    """Cases where the person is the child, a party, or the referrer; matched on name or e-mail."""
    Case = apps.get_model("cases", "Case")
    Party = apps.get_model("cases", "Party")
    term = " ".join(query.split())
    if len(term) < MIN_QUERY:
        raise ServiceError(f"Enter at least {MIN_QUERY} characters of a name or an email address.", field="query")
    parties = Party.objects.filter(Q(name__icontains=term) | Q(email__iexact=term)).select_related("case")
    words = term.split()
    child_q = Q(search_name__icontains=term.lower())
    if len(words) >= 2:
        child_q |= Q(child_first_name__iexact=words[0], child_last_name__iexact=" ".join(words[1:]))
    referrer_q = Q(referrer_name__icontains=term) | Q(referrer_email__iexact=term)
    cases = {c.pk: c for c in Case.objects.filter(child_q | referrer_q)}
    party_list = list(parties)
    for party in party_list:
        cases.setdefault(party.case_id, party.case)
    return {"cases": sorted(cases.values(), key=lambda c: c.reference), "parties": party_list}


def _case_record(case: Any, parties: list[Any]) -> dict[str, Any]:
    mine = [p for p in parties if p.case_id == case.pk]
    return {
        **_row(case, CASE_FIELDS),
        "local_authority": str(case.local_authority),
        "parties_matching": [_row(p, PARTY_FIELDS) for p in mine],
        "issues_raised": [
            {"text": i.text, "outcome": i.outcome}
            for i in case.issues.filter(raised_by__in=mine)
        ],
        "timeline": [
            {"at": _plain(e.at), "summary": e.summary, "detail": e.detail}
            for e in case.events.order_by("at", "id")
        ],
        "meetings": [
            {"starts_at": _plain(m.starts_at), "status": m.status, "is_online": m.is_online}
            for m in case.meetings.order_by("starts_at")
        ],
    }


def _labelled(record: dict[str, Any], keys: tuple[str, ...]) -> list[tuple[str, Any]]:
    return [(key.replace("_", " ").capitalize(), record[key]) for key in keys if key in record]


def _worded(record: dict[str, Any], choices: dict[str, Any]) -> dict[str, Any]:
    """The record with each stored code as the words people read (the JSON keeps the codes)."""
    out = dict(record)
    for key, options in choices.items():
        value = record.get(key)
        if isinstance(value, list):
            out[key] = ", ".join(label_of(v, options) for v in value)
        elif isinstance(value, bool):
            out[key] = "Yes" if value else "No"
        elif value:
            out[key] = label_of(value, options)
    return out


def _display(cases: list[dict[str, Any]]) -> list[dict[str, Any]]:
    Case = apps.get_model("cases", "Case")
    Party = apps.get_model("cases", "Party")
    Meeting = apps.get_model("meetings", "Meeting")
    case_words = {"case_type": Case._meta.get_field("case_type").choices, "state": Case._meta.get_field("state").choices}
    party_words = {"role": Party.Role.choices, "preferred_contact": Party.Contact.choices,
                   "adjustments": Adjustment.choices, "interpreter_needed": (), "is_main_contact": ()}
    return [
        {**case, "rows": _labelled(_worded(case, case_words), CASE_FIELDS),
         "party_rows": [(p["name"], _labelled(_worded(p, party_words), PARTY_FIELDS))
                        for p in case["parties_matching"]],
         "meetings": [_worded(m, {"status": Meeting.Status.choices}) for m in case["meetings"]]}
        for case in cases
    ]


def subject_access_export(*, query: str, by: Any) -> tuple[bytes, bytes]:
    """Everything held about the person matching `query`: (JSON bytes, tagged PDF/UA bytes).
    Callers record the export in the audit log (the staff page does it through the middleware)."""
    found = subject_find(query)
    produced = clock.now()
    data = {
        "produced_at": _plain(produced),
        "produced_by": by.get_username() if getattr(by, "pk", None) else "",
        "searched_for": " ".join(query.split()),
        "cases": [_case_record(case, found["parties"]) for case in found["cases"]],
    }
    as_json = json.dumps(data, indent=2, ensure_ascii=False).encode("utf-8")
    as_pdf = template_to_pdf("records/subject_access_pdf.html", {"data": data, "cases": _display(data["cases"])})
    return as_json, as_pdf


def subject_access_export_recorded(*, query: str, by: Any, ip: str | None, via: str) -> tuple[bytes, bytes]:
    """The export, with one audit entry per case exported, so each case's access page shows it."""
    as_json, as_pdf = subject_access_export(query=query, by=by)
    for case in json.loads(as_json)["cases"]:
        audit_record(user=by, ip=ip, method="EXPORT", path=via, view_name="audit:subject_access",
                     case_reference=case["reference"], action="export", status_code=200,
                     detail="subject-access export")
    return as_json, as_pdf
