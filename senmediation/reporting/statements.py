"""Issuing activity statements and adding rate card versions: each one transaction, audited with its own entry.

An issued statement is a snapshot: its lines, prices and totals are stored, so a later rate card version, a
late-recorded meeting or a recount never changes it. Numbers are ACT-<year of issue>-<5 digits>, gap-free per
year (the counter of cases/services/references.py: a rollback gives the number back). A correction is a new
statement with a new number naming the one it replaces; the old one is never edited."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import QuerySet

from senmediation.audit.services import audit_record
from senmediation.cases.services.references import counter_next
from senmediation.core import clock
from senmediation.core.errors import ServiceError
from senmediation.directory.models import LocalAuthority

from .activity import activity_statement, months_label
from .models import ActivityStatement, ActivityStatementLine, RateCardVersion
from .periods import Period

PREFIX = "ACT"
PRICE_FIELDS = ("enquiry", "certificate", "mediation", "disagreement_resolution")


def _audit(*, by: Any, ip: str | None, path: str, view_name: str, detail: str) -> None:
    audit_record(user=by, ip=ip, method="POST", path=path, view_name=view_name, action="change", status_code=200,
                 detail=detail)


def current_statements(local_authority: LocalAuthority) -> QuerySet[ActivityStatement]:
    """The statements in force: not replaced by a correction."""
    return ActivityStatement.objects.filter(local_authority=local_authority, replaced_by__isnull=True)


def statement_issue(*, local_authority: LocalAuthority, period: Period, by: Any, ip: str | None,
                    replaces: ActivityStatement | None = None, reason: str = "") -> ActivityStatement:
    """Issues the statement for an LA and a fixed period (or a correction of `replaces`), priced now."""
    reason = reason.strip()
    if replaces is not None and not reason:
        raise ServiceError("Say what the correction puts right", field="reason")
    with transaction.atomic():
        # One issue at a time per LA, so two managers cannot both find the period free.
        LocalAuthority.objects.select_for_update().filter(pk=local_authority.pk).first()
        if replaces is not None:
            replaces = ActivityStatement.objects.get(pk=replaces.pk)
            if ActivityStatement.objects.filter(replaces=replaces).exists():
                raise ServiceError(f"{replaces.number} has already been replaced: correct the newest statement")
            if replaces.local_authority_id != local_authority.pk:
                raise ServiceError("A correction must be for the same local authority")
        overlapping_all = current_statements(local_authority).filter(period_start__lte=period.end,
                                                                     period_end__gte=period.start)
        if replaces is not None:
            if (replaces.period_start, replaces.period_end) != (period.start, period.end):
                raise ServiceError("A correction covers the same period as the statement it replaces")
            overlapping_all = overlapping_all.exclude(pk=replaces.pk)
        overlapping = overlapping_all.first()
        if overlapping is not None:
            raise ServiceError(f"{overlapping.number} already covers {overlapping.period_label}. To change it, "
                               "issue a correction from its page.", field="period")
        draft = activity_statement(local_authority=local_authority, period=period)
        if draft.missing_months:
            raise ServiceError(f"{local_authority.name} has no rate card in force in "
                               f"{months_label(draft.missing_months)}. Add a version of the rate card from that "
                               "month or earlier first.")
        today = clock.today()
        sequence = counter_next(prefix=PREFIX, year=today.year)
        statement = ActivityStatement(
            number=f"{PREFIX}-{today.year}-{sequence:05d}", number_year=today.year, number_sequence=sequence,
            local_authority=local_authority, local_authority_name=local_authority.name, period_kind=period.kind,
            period_start=period.start, period_end=period.end, period_label=period.label,
            free_for_residents=draft.free_for_residents, purchase_order=draft.purchase_order,
            vat_note=draft.vat_note, chargeable_total=draft.chargeable_total, expenses_total=draft.expenses_total,
            total=draft.total, replaces=replaces, reason=reason, issued_at=clock.now(), issued_by=by)
        try:
            with transaction.atomic():
                statement.save()
        except IntegrityError:
            raise ServiceError("Another statement for this period was issued at the same moment: "
                               "look at the list of statements") from None
        ActivityStatementLine.objects.bulk_create([
            ActivityStatementLine(statement=statement, position=n, kind=line.kind, item=line.item,
                                  months=line.months, how=line.how, quantity=line.quantity,
                                  unit_price=line.unit_price, amount=line.amount, free_reason=line.free_reason,
                                  rate_card_version=line.rate_card_version)
            for n, line in enumerate(draft.lines, start=1)])
        what = f"correction of {replaces.number}" if replaces else "issued"
        _audit(by=by, ip=ip, path=f"/staff/reports/{local_authority.gss_code}/statements/",
               view_name="reporting:statement_issue",
               detail=f"Activity statement {statement.number} {what}: {local_authority.gss_code}, "
                      f"{period.start:%Y-%m} to {period.end:%Y-%m}, total {statement.total:.2f}")
    return statement


def rate_card_version_add(*, local_authority: LocalAuthority, effective_from: dt.date, prices: dict[str, Decimal],
                          purchase_order: str, vat_note: str, by: Any, ip: str | None) -> RateCardVersion:
    """A new version of the LA's prices from the first day of a month. Statements already issued keep theirs."""
    if effective_from.day != 1:
        raise ServiceError("A rate card starts on the first day of a month", field="month")
    for name in PRICE_FIELDS:
        if prices[name] < 0:
            raise ServiceError("Enter an amount of 0 or more", field=name)
    with transaction.atomic():
        version = RateCardVersion.objects.create(
            local_authority=local_authority, effective_from=effective_from, purchase_order=purchase_order.strip(),
            vat_note=vat_note.strip(), created_at=clock.now(), created_by=by,
            **{name: prices[name] for name in PRICE_FIELDS})
        _audit(by=by, ip=ip, path=f"/staff/reports/{local_authority.gss_code}/rates/",
               view_name="reporting:rate_card",
               detail=f"Rate card version {version.pk} for {local_authority.gss_code} from {effective_from:%Y-%m}: "
                      + ", ".join(f"{name} {prices[name]:.2f}" for name in PRICE_FIELDS))
    return version


def rate_card_history(local_authority: LocalAuthority) -> list[tuple[RateCardVersion, bool]]:
    """Every version, newest first, each with whether a later one from the same month overrides it."""
    versions = list(RateCardVersion.objects.filter(local_authority=local_authority)
                    .select_related("created_by").order_by("-effective_from", "-id"))
    seen: set[dt.date] = set()
    out = []
    for version in versions:
        out.append((version, version.effective_from in seen))
        seen.add(version.effective_from)
    return out
