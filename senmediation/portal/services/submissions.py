"""What a party sends through their link. Each submission is one transaction and one timeline entry."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from senmediation.cases.models import Issue
from senmediation.cases.services.events import case_event_record
from senmediation.core import clock
from senmediation.core.errors import ServiceError

from ..models import AttendanceResponse, Availability, ChildViews, Feedback, PartyLink, PartySummary
from .uploads import upload_check


def _record_use(link: PartyLink, did: str) -> None:
    party = link.party
    case_event_record(case=party.case, by=None, kind="updated",
                      summary=f"{party.get_role_display()} ({party.name}) used their link to {did}")
    PartyLink.objects.filter(pk=link.pk).update(last_used_at=clock.now())


def _check_live(link: PartyLink, purpose: str) -> None:
    if link.purpose != purpose or link.revoked_at or link.expires_at <= clock.now():
        raise ServiceError("This link cannot be used for that.")


def availability_submit(*, link: PartyLink, can_do: str, cannot_do: str, dates: list[dt.date]) -> Availability:
    _check_live(link, "availability")
    if not (can_do.strip() or cannot_do.strip() or dates):
        raise ServiceError("Tell us when you can come, or when you cannot", field="can_do")
    with transaction.atomic():
        row = Availability.objects.create(
            party=link.party, link=link, submitted_at=clock.now(), can_do=can_do.strip(),
            cannot_do=cannot_do.strip(), dates=[day.isoformat() for day in sorted(set(dates))],
        )
        _record_use(link, "send their availability")
    return row


def summary_submit(*, link: PartyLink, text: str, issues: list[str]) -> PartySummary:
    _check_live(link, "summary_and_issues")
    if not text.strip():
        raise ServiceError("Enter your summary", field="summary")
    issues = [issue.strip() for issue in issues if issue.strip()]
    with transaction.atomic():
        row = PartySummary.objects.create(party=link.party, link=link, submitted_at=clock.now(), text=text.strip())
        for issue in issues:
            Issue.objects.create(case=link.party.case, raised_by=link.party, text=issue)
        plural = "issue" if len(issues) == 1 else "issues"
        _record_use(link, f"send their summary and {len(issues)} {plural} to discuss")
    return row


def child_views_submit(*, link: PartyLink, text: str, drawing: Any = None) -> ChildViews:
    _check_live(link, "child_views")
    if not text.strip() and drawing is None:
        raise ServiceError("Write something, or add a drawing or a file", field="text")
    file_type = upload_check(drawing) if drawing is not None else ""
    with transaction.atomic():
        row = ChildViews(party=link.party, link=link, submitted_at=clock.now(), gathered="form",
                         text=text.strip(), file_type=file_type)
        if drawing is not None:
            row.file.save("drawing", drawing, save=False)
        row.save()
        # The staff's record of the child's views (one place for the mediator to read them); sending them
        # through the family's own link is their agreement to share.
        from senmediation.cases.models import ChildViews as CaseChildViews

        CaseChildViews.objects.create(
            case=link.party.case, how=CaseChildViews.How.DRAWING if drawing is not None else CaseChildViews.How.FORM,
            gathered_by=f"{link.party.name}, through their secure link", consent_given=True,
            views=row.text or "The child shared a drawing or file.", attachment=row.file.name if row.file else "",
            recorded_at=row.submitted_at,
        )
        _record_use(link, "share the child's views" + (" with a drawing or file" if drawing is not None else ""))
    return row


def attendance_submit(*, link: PartyLink, attending: bool, who_is_coming: str, needs: str) -> AttendanceResponse:
    _check_live(link, "attendance")
    with transaction.atomic():
        row = AttendanceResponse.objects.create(
            party=link.party, link=link, submitted_at=clock.now(), attending=attending,
            who_is_coming=who_is_coming.strip(), needs=needs.strip(),
        )
        _record_use(link, "confirm they are coming" if attending else "say they cannot come")
    return row


def feedback_submit(*, link: PartyLink, satisfaction: int, comments: str) -> Feedback:
    _check_live(link, "feedback")
    if satisfaction not in range(1, 6):
        raise ServiceError("Choose how satisfied you are", field="satisfaction")
    with transaction.atomic():
        row = Feedback.objects.create(party=link.party, link=link, submitted_at=clock.now(),
                                      satisfaction=satisfaction, comments=comments.strip())
        _record_use(link, "give feedback")
    return row


def agreement_viewed(*, link: PartyLink) -> None:
    _check_live(link, "agreement")
    with transaction.atomic():
        _record_use(link, "see the agreement")


def agreement_for(case: Any) -> Any:
    """The finished agreement document for the portal, or None while there is none."""
    from senmediation.agreements.selectors import agreement_for_portal

    return agreement_for_portal(case=case)
