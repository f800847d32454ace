"""Exchanging the parties' summaries before the meeting (the seed: 'each parties' summaries are exchanged
in advance to reduce anxiety'): all released together, when every party's summary is in or on a set date."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from senmediation.cases.models import Case, CaseEvent, Party
from senmediation.cases.services.events import case_event_record
from senmediation.core import clock
from senmediation.core.errors import ServiceError

from ..models import PartySummary, SummaryDelivery, SummaryExchange
from ..sharing import SIDES  # supporters and interpreters come with a party and write no summary

__all__ = ["SIDES", "summaries_for", "summaries_release", "summaries_release_date_set", "summary_record"]
RECEIVED = {"sent", "delivered", "posted"}


@dataclass(frozen=True)
class SummaryRow:
    party: Party
    summary: PartySummary | None
    delivery: SummaryDelivery | None

    @property
    def received(self) -> bool:
        return bool(self.delivery and self.delivery.message and self.delivery.message.status in RECEIVED)


def summaries_for(case: Case) -> tuple[SummaryExchange | None, list[SummaryRow]]:
    exchange = SummaryExchange.objects.filter(case=case).first()
    parties = list(case.parties.filter(role__in=SIDES).order_by("role", "id"))
    latest: dict[int, PartySummary] = {}
    for summary in PartySummary.objects.filter(party__in=parties).order_by("submitted_at"):
        latest[summary.party_id] = summary  # the newest wins
    deliveries = {}
    if exchange is not None:
        deliveries = {d.party_id: d for d in exchange.deliveries.select_related("message")}
    return exchange, [SummaryRow(p, latest.get(p.pk), deliveries.get(p.pk)) for p in parties]


def _shared_text(party: Party, summary: PartySummary) -> str:
    issues = "".join(f"\n- {issue}" for issue in summary.issues or ())
    return (f"{party.name} ({party.get_role_display()}):\n{summary.text}"
            + (f"\n\nIssues to discuss:{issues}" if issues else ""))


def summary_record(*, case: Case, party: Party, text: str, by: Any) -> PartySummary:
    """A summary typed by staff for a party (e.g. given on the phone)."""
    if party.case_id != case.pk:
        raise ServiceError("Choose someone from this case.", field="party")
    if not text.strip():
        raise ServiceError("Enter the summary.", field="text")
    with transaction.atomic():
        summary = PartySummary.objects.create(party=party, text=text.strip(), submitted_at=clock.now())
        case_event_record(case=case, by=by, kind=CaseEvent.Kind.NOTE, summary=f"Summary recorded for {party.name}")
    return summary


def summaries_release_date_set(*, case: Case, release_on: dt.date, by: Any) -> SummaryExchange:
    exchange, _ = SummaryExchange.objects.get_or_create(case=case)
    if exchange.released_at:
        raise ServiceError("The summaries have already been shared.")
    exchange.release_on = release_on
    exchange.save(update_fields=["release_on"])
    case_event_record(case=case, by=by, kind=CaseEvent.Kind.UPDATED,
                      summary=f"Summaries will be shared on {release_on:%-d %B %Y} at the latest")
    return exchange


def summaries_release(*, case: Case, by: Any, today: dt.date | None = None) -> SummaryExchange:
    """Sends every side's summary to every party at once, each the way they prefer."""
    from senmediation.notifications.services import notification_send

    today = today or clock.today()
    with transaction.atomic():
        exchange, _ = SummaryExchange.objects.select_for_update().get_or_create(case=case)
        if exchange.released_at:
            raise ServiceError("The summaries have already been shared.")
        _, rows = summaries_for(case)
        missing = [row.party.name for row in rows if row.summary is None]
        if not any(row.summary for row in rows):
            raise ServiceError("No summaries have been received yet.")
        if missing and not (exchange.release_on and exchange.release_on <= today):
            raise ServiceError(
                f"Still waiting for a summary from {', '.join(missing)}. Wait for them, or set a date to share "
                "what has arrived by then."
            )
        # Only what every side is meant to read: never the note for the mediator only.
        text = "\n\n".join(_shared_text(row.party, row.summary) for row in rows if row.summary)
        exchange.released_at = clock.now()
        exchange.released_by = by
        exchange.save(update_fields=["released_at", "released_by"])
        for row in rows:
            message = notification_send(
                template_key="summaries_exchanged", party=row.party, case=case, by=by,
                context={"meeting_summaries": text}, idempotency_key=f"summaries-{exchange.pk}-party-{row.party.pk}",
            )
            SummaryDelivery.objects.create(exchange=exchange, party=row.party, message=message)
        case_event_record(
            case=case, by=by, kind=CaseEvent.Kind.UPDATED,
            summary=f"Summaries shared with every party ({len(rows)})"
            + (f"; none from {', '.join(missing)}" if missing else ""),
        )
    return exchange


def summaries_release_due(*, today: dt.date) -> int:
    """Daily: shares the summaries of cases whose set date has come."""
    released = 0
    for exchange in SummaryExchange.objects.filter(released_at__isnull=True, release_on__lte=today).select_related(
        "case"
    ):
        try:
            summaries_release(case=exchange.case, by=None, today=today)
        except ServiceError:
            continue
        released += 1
    return released
