"""Forms sent from the public site: once per key, at most a few an hour from one address, and a
filled-in spam trap quietly makes nothing (the same care as the referral form)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction

from senmediation.core.ratelimit import rate_limit_hit
from senmediation.referrals.services import address_hash

from ..models import PublicSubmission

RATE_LIMIT_PER_HOUR_DEFAULT = 5
KEEP = dt.timedelta(days=1)
WINDOW = dt.timedelta(hours=1)
SCOPE = "public-form"  # complaints and feedback share one allowance per address

__all__ = ["PublicOutcome", "address_hash", "public_submit"]


@dataclass(frozen=True)
class PublicOutcome:
    status: str  # created | duplicate | rate_limited | trapped
    reference: str = ""


def _limit() -> int:
    return int(getattr(settings, "FEEDBACK_RATE_LIMIT_PER_HOUR", RATE_LIMIT_PER_HOUR_DEFAULT))


def public_submit(
    *, kind: str, idempotency_key: str, address: str, trapped: bool, now: dt.datetime, make: Callable[[], str],
) -> PublicOutcome:
    """Runs `make` (which records the complaint or feedback and returns its reference) once per key."""
    existing = PublicSubmission.objects.filter(idempotency_key=idempotency_key).first()
    if existing is not None:
        return PublicOutcome("duplicate", existing.reference)
    if not rate_limit_hit(scope=SCOPE, key=address, limit=_limit(), window=WINDOW, now=now).allowed:
        return PublicOutcome("rate_limited")
    PublicSubmission.objects.filter(at__lt=now - KEEP).delete()
    try:
        with transaction.atomic():
            row = PublicSubmission.objects.create(idempotency_key=idempotency_key, kind=kind, address_hash=address,
                                                  at=now, trapped=trapped)
            if trapped:
                return PublicOutcome("trapped")
            row.reference = make()
            row.save(update_fields=["reference"])
    except IntegrityError:
        existing = PublicSubmission.objects.filter(idempotency_key=idempotency_key).first()
        if existing is None:
            raise
        return PublicOutcome("duplicate", existing.reference)
    return PublicOutcome("created", row.reference)
