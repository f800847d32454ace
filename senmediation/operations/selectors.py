"""Reads for the operator: is the service ready, and the figures Prometheus scrapes."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.models import Count, Min, Q
from django_tasks_db.models import DBTaskResult

from senmediation.cases.models import Deadline
from senmediation.notifications.models import Message
from senmediation.rules.deadlines import ClockStatus

from .models import WorkerHeartbeat


def database_answers() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:
        return False
    return True


_migrations_seen_complete = False


def migrations_unapplied() -> int:
    """Unapplied migrations for this process's code. Reading the graph costs tens of milliseconds, so
    once everything is applied this process stops asking: its code, and so its migrations, cannot change."""
    global _migrations_seen_complete
    if _migrations_seen_complete:
        return 0
    executor = MigrationExecutor(connection)
    unapplied = len(executor.migration_plan(executor.loader.graph.leaf_nodes()))
    _migrations_seen_complete = unapplied == 0
    return unapplied


def worker_last_seen() -> dt.datetime | None:
    return WorkerHeartbeat.objects.order_by("-seen_at").values_list("seen_at", flat=True).first()


def readiness_problem(*, now: dt.datetime, heartbeat_max_age: dt.timedelta) -> str | None:
    """Why the service should not take traffic yet, or None when it should."""
    if not database_answers():
        return "The database does not answer."
    unapplied = migrations_unapplied()
    if unapplied:
        return f"{unapplied} database migrations are not applied yet."
    seen = worker_last_seen()
    if seen is None:
        return "No task worker has started."
    if now - seen > heartbeat_max_age:
        return f"No task worker heartbeat for {int((now - seen).total_seconds())} seconds."
    return None


@dataclass(frozen=True)
class ServiceFigures:
    tasks_ready: int
    oldest_ready_task_age_seconds: float
    tasks_running: int
    clocks_due_soon: int
    clocks_overdue: int
    messages_failed: int
    workers_seen: int


def service_figures(*, now: dt.datetime, heartbeat_max_age: dt.timedelta) -> ServiceFigures:
    ready = DBTaskResult.objects.ready().aggregate(count=Count("id"), oldest=Min("enqueued_at"))
    clocks = Deadline.objects.filter(met_on__isnull=True, stopped_on__isnull=True).aggregate(
        due_soon=Count("id", filter=Q(status=ClockStatus.due_soon.value)),
        overdue=Count("id", filter=Q(status=ClockStatus.overdue.value)),
    )
    oldest = ready["oldest"]
    return ServiceFigures(
        tasks_ready=ready["count"],
        oldest_ready_task_age_seconds=max((now - oldest).total_seconds(), 0.0) if oldest else 0.0,
        tasks_running=DBTaskResult.objects.running().count(),
        clocks_due_soon=clocks["due_soon"],
        clocks_overdue=clocks["overdue"],
        messages_failed=Message.objects.filter(status=Message.Status.FAILED).count(),
        workers_seen=WorkerHeartbeat.objects.filter(seen_at__gte=now - heartbeat_max_age).count(),
    )
