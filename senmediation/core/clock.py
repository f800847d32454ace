"""The one place that asks what time it is. Everything else takes `today=` / `now=` as an argument."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.utils import timezone

LONDON = ZoneInfo("Europe/London")


def now() -> dt.datetime:
    """The current instant, timezone-aware (UTC)."""
    return timezone.now()


def today() -> dt.date:
    """Today's date in England, where every statutory clock runs."""
    return timezone.localtime(now(), LONDON).date()


def local(moment: dt.datetime) -> dt.datetime:
    return timezone.localtime(moment, LONDON)
