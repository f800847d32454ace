"""What a party sends through their link. Each submission is one transaction and one timeline entry."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from senmediation.cases.models import Issue, Party
from senmediation.cases.services.events import case_event_record
from senmediation.core import clock
from senmediation.core.errors import ServiceError

from ..models import (
    AttendanceResponse,
    Availability,
    ChildViews,
    Feedback,
    PartyLink,
    PartySummary,
    SummaryExchange,
)
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


def summary_submit(*, link: PartyLink, text: str, issues: list[str], mediator_only: str = "") -> PartySummary:
    """Sends, or changes until the exchange, this side's summary, issues and note for the mediator only.

    Each sending is a new row (the newest counts), and the case's issues follow the newest list: issues this
    party dropped go unless staff already recorded an outcome for them; new ones are added once."""
    _check_live(link, "summary_and_issues")
    if not text.strip():
        raise ServiceError("Enter your summary", field="summary")
    issues = list(dict.fromkeys(issue.strip() for issue in issues if issue.strip()))
    party = link.party
    with transaction.atomic():
        exchange = SummaryExchange.objects.select_for_update().filter(case_id=party.case_id).first()
        if exchange is not None and exchange.released_at is not None:
            raise ServiceError(f"The summaries were sent to every side on {exchange.released_at:%-d %B %Y}, "
                               "so yours can no longer be changed.")
        before = PartySummary.objects.filter(party=party).order_by("-submitted_at", "-id").first()
        row = PartySummary.objects.create(party=party, link=link, submitted_at=clock.now(), text=text.strip(),
                                          issues=issues, mediator_only=mediator_only.strip())
        _issues_follow(party, before=list(before.issues) if before else [], after=issues)
        plural = "issue" if len(issues) == 1 else "issues"
        did = "change" if before else "send"
        _record_use(link, f"{did} their summary and {len(issues)} {plural} to discuss")
    return row


def _issues_follow(party: Party, *, before: list[str], after: list[str]) -> None:
    recorded = set(Issue.objects.filter(case_id=party.case_id, raised_by=party).values_list("text", flat=True))
    dropped = set(before) - set(after)
    if dropped:
        Issue.objects.filter(case_id=party.case_id, raised_by=party, text__in=dropped, outcome="").delete()
    Issue.objects.bulk_create([Issue(case_id=party.case_id, raised_by=party, text=issue)
                               for issue in after if issue not in recorded])


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
