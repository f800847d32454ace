"""`GET /cases`: the cases a key may see, oldest change first, a page at a time, for a partner's system to
keep its copy up to date.

Keyset paging on (updated_at, id), read from an index (cases.Case: case_la_updated for a local authority,
case_updated for a partner), so every page is one query however many cases there are. The cursor is the
(updated_at, id) of the last case sent, as 32 hex digits: opaque to the caller, who sends it back.

A page stops short of the last few seconds (`settle`). A change is stamped when its transaction starts and seen
by readers when it commits; leaving the most recent seconds for the next call means a change stamped
before a page's horizon has always committed by the time the page is read, so none is skipped. A case
changed again after it was sent comes again, later in the feed.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.conf import settings
from django.db.models import Q

from senmediation.rules.workflow import CASE_TYPE_LABELS, STATE_LABELS, CaseType, State

from .models import Organisation
from .selectors import case_queryset_for_organisation

PAGE_SIZE = 50
PAGE_SIZE_MAX = 200


def settle() -> dt.timedelta:
    """How many of the last seconds a page leaves for the next call (API_CHANGES_SETTLE_SECONDS, 10)."""
    return dt.timedelta(seconds=getattr(settings, "API_CHANGES_SETTLE_SECONDS", 10))


CURSOR = "^[0-9a-f]{32}$"
_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
_ID_MAX = 2**63 - 1
_MOMENT = re.compile(
    r"([0-9]{4})-([0-9]{2})-([0-9]{2})[Tt]([0-9]{2}):([0-9]{2}):([0-9]{2})(?:\.([0-9]+))?(?:([Zz])|([+-])([0-9]{2}):([0-9]{2}))"
)
_EARLIEST = dt.datetime.min.replace(tzinfo=dt.UTC)
_LATEST = dt.datetime.max.replace(tzinfo=dt.UTC)


def moment_parse(text: str) -> dt.datetime | None:
    """An RFC 3339 date-time (its offset required) in UTC; None when it is not one. A moment beyond the
    years 1-9999 once moved to UTC is taken as the first or last one; a leap second as the second before."""
    found = _MOMENT.fullmatch(text)
    if found is None:
        return None
    year, month, day, hour, minute, second = (int(part) for part in found.groups()[:6])
    fraction, _, sign, offset_hours, offset_minutes = found.groups()[6:]
    try:
        local = dt.datetime(year, month, day, hour, minute, min(second, 59),
                            int((fraction or "0")[:6].ljust(6, "0")))
    except ValueError:
        return None
    if sign is None:
        offset = dt.timedelta(0)
    else:
        if int(offset_hours) > 23 or int(offset_minutes) > 59:
            return None
        offset = dt.timedelta(hours=int(offset_hours), minutes=int(offset_minutes)) * (1 if sign == "+" else -1)
    try:
        return (local - offset).replace(tzinfo=dt.UTC)
    except OverflowError:
        return _EARLIEST if offset > dt.timedelta(0) else _LATEST


def _micros(moment: dt.datetime) -> int:
    return (moment - _EPOCH) // dt.timedelta(microseconds=1)


def cursor_make(moment: dt.datetime, pk: int) -> str:
    return f"{max(_micros(moment), 0):016x}{pk:016x}"


def cursor_read(cursor: str) -> tuple[dt.datetime, int]:
    """The (updated_at, id) after which the next page starts. Any 32 hex digits are a position."""
    micros, pk = int(cursor[:16], 16), min(int(cursor[16:], 16), _ID_MAX)
    latest = _micros(_LATEST)
    return (_LATEST if micros >= latest else _EPOCH + dt.timedelta(microseconds=micros)), pk


def cases_changed(*, organisation: Organisation, since: dt.datetime | None, cursor: str | None, size: int,
                  now: dt.datetime) -> dict[str, Any]:
    """One page of the cases the organisation may see that changed at or after `since` (or after `cursor`),
    oldest change first, up to `now` less `settle()`; `next_cursor` carries on from the last one."""
    until = now - settle()
    cases = case_queryset_for_organisation(organisation).filter(updated_at__lte=until)
    if cursor is not None:
        after, after_pk = cursor_read(cursor)
        position = cursor
        cases = cases.filter(Q(updated_at__gt=after) | Q(updated_at=after, id__gt=after_pk))
    elif since is not None:
        position = cursor_make(max(since, _EPOCH + dt.timedelta(microseconds=1)) - dt.timedelta(microseconds=1), _ID_MAX)
        cases = cases.filter(updated_at__gte=since)
    else:
        position = cursor_make(_EPOCH, 0)
    rows = list(cases.order_by("updated_at", "id").values(
        "id", "reference", "case_type", "state", "opened_on", "closed_on", "updated_at", "local_authority__gss_code",
    )[: size + 1])
    more, rows = len(rows) > size, rows[:size]
    if rows:
        position = cursor_make(rows[-1]["updated_at"], rows[-1]["id"])
    return {
        "cases": [
            {"reference": row["reference"], "case_type": row["case_type"],
             "case_type_label": CASE_TYPE_LABELS[CaseType(row["case_type"])], "state": row["state"],
             "state_label": STATE_LABELS[State(row["state"])], "opened_on": row["opened_on"],
             "closed_on": row["closed_on"], "changed_at": row["updated_at"],
             "local_authority": row["local_authority__gss_code"]}
            for row in rows
        ],
        "next_cursor": position, "has_more": more, "complete_until": until,
    }
