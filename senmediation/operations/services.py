"""Writes the operations records: task workers' heartbeats."""

from __future__ import annotations

import datetime as dt

from .models import WorkerHeartbeat

HEARTBEAT_FORGET_AFTER = dt.timedelta(days=1)


def worker_heartbeat_beat(*, worker_id: str, hostname: str, pid: int, started_at: dt.datetime, now: dt.datetime) -> None:
    """Marks this worker alive now, and forgets workers silent for a day (long gone, or renamed)."""
    WorkerHeartbeat.objects.update_or_create(
        worker_id=worker_id,
        defaults={"hostname": hostname, "pid": pid, "started_at": started_at, "seen_at": now},
    )
    WorkerHeartbeat.objects.filter(seen_at__lt=now - HEARTBEAT_FORGET_AFTER).delete()
