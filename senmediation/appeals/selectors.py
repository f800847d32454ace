"""The appeals an LA's staff may see: their own LA's, newest first."""

from __future__ import annotations

from django.db.models import QuerySet

from senmediation.directory.models import LocalAuthority

from .models import TribunalAppeal


def tribunal_appeals_for(*, local_authority: LocalAuthority) -> QuerySet[TribunalAppeal]:
    return (TribunalAppeal.objects.filter(local_authority=local_authority)
            .select_related("case").only("case__reference", "registered_on", "decision", "withdrawn_on", "via",
                                          "recorded_by_name", "recorded_at")
            .order_by("-registered_on", "-id"))
