"""What a party, or a member of staff, may read of the summaries. The note for the mediator only is decided here:
the case's own mediator and managers read it, a coordinator learns only that there is one, and no party's page
or e-mail ever carries another party's note (nor their own, once sent, beyond their own edit form)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from senmediation.cases.models import Case, Party

from .models import PartySummary, SummaryDelivery, SummaryExchange
from .services.exchange import RECEIVED, summaries_for
from .sharing import SIDES, side_label


def summary_exchange_for(case: Case) -> SummaryExchange | None:
    return SummaryExchange.objects.filter(case=case).first()


def summary_latest_for(party: Party) -> PartySummary | None:
    """This party's newest summary (each edit is a new row; the newest counts), for their own edit form only."""
    return PartySummary.objects.filter(party=party).order_by("-submitted_at", "-id").first()


@dataclass(frozen=True)
class ExchangedSummary:
    """Another side's summary as every side received it: never the note for the mediator only."""

    side: str
    text: str
    issues: tuple[str, ...]
    sent_at: dt.datetime


def exchanged_summaries_for(party: Party) -> list[ExchangedSummary] | None:
    """The other sides' summaries once the exchange is released, else None (two queries whatever the case).

    Only `text` and `issues` are read from the database: the note for the mediator only is never loaded."""
    case = party.case
    exchange = summary_exchange_for(case)
    if exchange is None or exchange.released_at is None:
        return None
    latest: dict[int, dict[str, Any]] = {}
    # What was sent by the time of the exchange is what every side received.
    rows = (PartySummary.objects.filter(party__case=case, party__role__in=SIDES, submitted_at__lte=exchange.released_at)
            .exclude(party=party).order_by("submitted_at", "id")
            .values("party_id", "party__role", "party__name", "party__organisation", "text", "issues", "submitted_at"))
    for row in rows:
        latest[row["party_id"]] = dict(row)  # the newest wins, as in the exchange itself
    shown = []
    la_name = case.local_authority.name
    for newest in sorted(latest.values(), key=lambda r: (r["party__role"], r["party_id"])):
        side = side_label(role=newest["party__role"], name=newest["party__name"],
                          organisation=newest["party__organisation"], la_name=la_name)
        shown.append(ExchangedSummary(side=side, text=newest["text"], issues=tuple(newest["issues"] or ()),
                                      sent_at=newest["submitted_at"]))
    return shown


@dataclass(frozen=True)
class SummaryShown:
    """What staff see of a summary: the stored row itself is not handed to the page, so its note cannot leak."""

    text: str
    issues: tuple[str, ...]
    submitted_at: dt.datetime


@dataclass(frozen=True)
class StaffSummaryRow:
    """One side's line on the staff summaries page. `mediator_only` is None for a reader who may not see it."""

    party: Party
    summary: SummaryShown | None
    delivery: SummaryDelivery | None
    has_mediator_only: bool
    mediator_only: str | None

    @property
    def received(self) -> bool:
        return bool(self.delivery and self.delivery.message and self.delivery.message.status in RECEIVED)


def may_read_mediator_only(*, user: Any, case: Case) -> bool:
    """The same readers as the mediator's own notes: the case's mediator and managers."""
    from senmediation.cases.services.casework import mediator_may_keep_notes

    return mediator_may_keep_notes(case=case, user=user)


def summary_rows_for(*, user: Any, case: Case) -> tuple[SummaryExchange | None, list[StaffSummaryRow]]:
    """The staff page's rows. The caller has already checked the user may see the case (cases.selectors)."""
    exchange, rows = summaries_for(case)
    may_read = may_read_mediator_only(user=user, case=case)
    shown = []
    for row in rows:
        note = row.summary.mediator_only if row.summary else ""
        summary = (SummaryShown(text=row.summary.text, issues=tuple(row.summary.issues or ()),
                                submitted_at=row.summary.submitted_at) if row.summary else None)
        shown.append(StaffSummaryRow(party=row.party, summary=summary, delivery=row.delivery,
                                     has_mediator_only=bool(note), mediator_only=note if may_read else None))
    return exchange, shown
