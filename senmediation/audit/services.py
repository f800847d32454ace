"""Writing and checking the hash-chained audit log."""

from __future__ import annotations

import datetime as dt
import hashlib
import ipaddress
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.db import connection, transaction

from senmediation.core import clock

from .models import AuditEntry

GENESIS_HASH = "0" * 64
# Any constant will do; it names "the audit chain" among PostgreSQL advisory locks.
ADVISORY_LOCK_KEY = 0x5E4A0D17
HASHED_FIELDS = (
    "at", "user_id", "username", "ip", "method", "path", "view_name", "case_reference", "action", "status_code",
)


def _canonical(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).isoformat(timespec="microseconds")
    return value


def entry_hash_compute(fields: dict[str, Any], prev_hash: str) -> str:
    """sha256 over the canonical JSON of the hashed fields plus the previous entry's hash."""
    payload = {name: _canonical(fields.get(name)) for name in HASHED_FIELDS}
    payload["prev_hash"] = prev_hash
    text = json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    return hashlib.sha256(text.encode("ascii")).hexdigest()


def _chain_lock() -> None:
    # SQLite's IMMEDIATE transactions already let one writer in at a time; PostgreSQL needs a lock
    # so that two app servers never both read the same "last hash".
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [ADVISORY_LOCK_KEY])


def _ip_clean(ip: str | None) -> str | None:
    try:
        return ipaddress.ip_address((ip or "").strip()).compressed
    except ValueError:
        return None


def audit_record(
    *, user: Any, ip: str | None, method: str, path: str, action: str, status_code: int,
    view_name: str = "", case_reference: str = "", username: str = "", at: dt.datetime | None = None,
) -> AuditEntry:
    """Appends one entry to the chain. Never pass a query string in `path`."""
    user_id = user.pk if getattr(user, "is_authenticated", False) else None
    moment = (at or clock.now()).astimezone(dt.UTC)
    # Milliseconds only: backups (Django's JSON) keep no more, and the hash must survive a restore.
    moment = moment.replace(microsecond=moment.microsecond // 1000 * 1000)
    fields: dict[str, Any] = {
        "at": moment,
        "user_id": user_id,
        "username": (username or (user.get_username() if user_id else ""))[:150],
        "ip": _ip_clean(ip),
        "method": method[:10],
        "path": path.split("?", 1)[0][:500],
        "view_name": view_name[:200],
        "case_reference": case_reference[:20],
        "action": action,
        "status_code": status_code,
    }
    with transaction.atomic():
        _chain_lock()
        last = AuditEntry.objects.order_by("-id").values_list("entry_hash", flat=True).first()
        prev_hash = last or GENESIS_HASH
        entry = AuditEntry(**fields, prev_hash=prev_hash, entry_hash=entry_hash_compute(fields, prev_hash))
        entry.save()
    return entry


@dataclass(frozen=True)
class ChainReport:
    intact: bool
    count: int
    broken_id: int | None = None
    broken_at: dt.datetime | None = None
    reason: str = ""


def _entries() -> Iterator[dict[str, Any]]:
    yield from AuditEntry.objects.order_by("id").values("id", *HASHED_FIELDS, "prev_hash", "entry_hash").iterator(
        chunk_size=2000
    )


def audit_chain_verify() -> ChainReport:
    """Recomputes every hash in order; reports the first entry that does not fit."""
    expected_prev = GENESIS_HASH
    count = 0
    for row in _entries():
        reason = ""
        if row["prev_hash"] != expected_prev:
            reason = "it does not follow the entry before it (an entry was removed, added or changed)"
        elif entry_hash_compute(row, row["prev_hash"]) != row["entry_hash"]:
            reason = "its contents do not match its hash (the entry was changed)"
        if reason:
            return ChainReport(False, count, broken_id=row["id"], broken_at=row["at"], reason=reason)
        expected_prev = row["entry_hash"]
        count += 1
    return ChainReport(True, count)
