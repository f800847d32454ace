"""Writing and checking the hash-chained audit log."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import ipaddress
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import connection, transaction

from senmediation.core import clock

from .models import AuditEntry

GENESIS_HASH = "0" * 64
# Any constant will do; it names "the audit chain" among PostgreSQL advisory locks.
ADVISORY_LOCK_KEY = 0x5E4A0D17
HASHED_FIELDS = (
    "at", "user_id", "username", "ip", "method", "path", "view_name", "case_reference", "action", "status_code",
)
# Version 1 (before issue 14): unkeyed SHA-256, kept so that old entries still verify. Version 2: an
# HMAC with AUDIT_HMAC_KEY, which is not in the database, so rewriting the table cannot re-forge it.
HASH_LEGACY = 1
HASH_HMAC = 2
HASHED_FIELDS_V2 = (*HASHED_FIELDS, "detail")


def _canonical(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).isoformat(timespec="microseconds")
    return value


def entry_hash_compute(fields: dict[str, Any], prev_hash: str, version: int = HASH_HMAC) -> str:
    """The hash over the canonical JSON of the hashed fields plus the previous entry's hash."""
    names = HASHED_FIELDS if version == HASH_LEGACY else HASHED_FIELDS_V2
    payload = {name: _canonical(fields.get(name)) for name in names}
    payload["prev_hash"] = prev_hash
    if version == HASH_LEGACY:
        text = json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
        return hashlib.sha256(text.encode("ascii")).hexdigest()
    payload["hash_version"] = version
    text = json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    key = str(settings.AUDIT_HMAC_KEY).encode()
    return hmac.new(key, text.encode("ascii"), hashlib.sha256).hexdigest()


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
    detail: str = "",
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
        "detail": detail[:200],
    }
    with transaction.atomic():
        _chain_lock()
        last = AuditEntry.objects.order_by("-id").values_list("entry_hash", flat=True).first()
        prev_hash = last or GENESIS_HASH
        entry = AuditEntry(
            **fields, hash_version=HASH_HMAC, prev_hash=prev_hash, entry_hash=entry_hash_compute(fields, prev_hash),
        )
        entry.save()
    return entry


@dataclass(frozen=True)
class ChainReport:
    intact: bool
    count: int
    broken_id: int | None = None
    broken_at: dt.datetime | None = None
    reason: str = ""


@dataclass(frozen=True)
class Head:
    """The last entry's id and hash, written outside the database so that removing entries from the
    end of the log (which leaves a shorter chain that is still intact) can be noticed."""

    entry_id: int
    entry_hash: str

    def line(self) -> str:
        return f"audit-head {self.entry_id} {self.entry_hash}"


def audit_head() -> Head | None:
    last = AuditEntry.objects.order_by("-id").values_list("id", "entry_hash").first()
    return Head(last[0], last[1]) if last else None


def heads_parse(text: str) -> list[Head]:
    """Every `audit-head ID HASH` line in `text` (a head log, or a backup's .audit-head file)."""
    heads = []
    for line in text.splitlines():
        parts = line.split()
        if len(parts) >= 3 and parts[0] == "audit-head" and parts[1].isdigit():
            heads.append(Head(int(parts[1]), parts[2]))
    return heads


def audit_head_append(*, path: str) -> Head | None:
    """Appends the current head to the file at `path` (kept away from the database)."""
    head = audit_head()
    if head is not None:
        stamp = clock.now().astimezone(dt.UTC).isoformat(timespec="seconds")
        with open(path, "a", encoding="ascii") as out:
            out.write(f"{head.line()} {stamp}\n")
    return head


def _entries() -> Iterator[dict[str, Any]]:
    yield from AuditEntry.objects.order_by("id").values(
        "id", *HASHED_FIELDS_V2, "hash_version", "prev_hash", "entry_hash"
    ).iterator(chunk_size=2000)


def _row_problem(row: dict[str, Any], expected_prev: str, keyed_seen: bool) -> str:
    if row["prev_hash"] != expected_prev:
        return "it does not follow the entry before it (an entry was removed, added or changed)"
    if row["hash_version"] not in (HASH_LEGACY, HASH_HMAC):
        return "its hash version is unknown"
    if keyed_seen and row["hash_version"] == HASH_LEGACY:
        return "it has an unkeyed hash after keyed ones (the chain was rewritten)"
    if not hmac.compare_digest(entry_hash_compute(row, row["prev_hash"], row["hash_version"]), row["entry_hash"]):
        return "its contents do not match its hash (the entry was changed, or the chain recomputed without the key)"
    return ""


def audit_chain_verify(*, heads: list[Head] | None = None) -> ChainReport:
    """Recomputes every hash in order and reports the first entry that does not fit; then checks that
    every recorded head is still in the chain, with the same hash."""
    expected_prev = GENESIS_HASH
    count = 0
    keyed_seen = False
    for row in _entries():
        if reason := _row_problem(row, expected_prev, keyed_seen):
            return ChainReport(False, count, broken_id=row["id"], broken_at=row["at"], reason=reason)
        keyed_seen = keyed_seen or row["hash_version"] == HASH_HMAC
        expected_prev = row["entry_hash"]
        count += 1
    for head in heads or []:
        found = AuditEntry.objects.filter(pk=head.entry_id).values_list("entry_hash", flat=True).first()
        if found != head.entry_hash:
            what = "is missing (entries were removed from the end)" if found is None else "has a different hash"
            return ChainReport(
                False, count, broken_id=head.entry_id,
                reason=f"the recorded head entry {head.entry_id} {what}",
            )
    return ChainReport(True, count)
