"""Prometheus metrics: request counts and timings per route, and figures read from the database.

Under gunicorn each worker process counts its own requests; with PROMETHEUS_MULTIPROC_DIR set
(deploy/gunicorn.conf.py sets it) the scrape adds up every process on the server.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator

from prometheus_client import REGISTRY, CollectorRegistry, Counter, Histogram, generate_latest, multiprocess
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector

from senmediation.core import clock

from .selectors import service_figures

HTTP_REQUESTS = Counter(
    "senmediation_http_requests_total", "HTTP requests answered, by route and status.",
    ["method", "route", "status"],
)
HTTP_DURATION = Histogram(
    "senmediation_http_request_duration_seconds", "Time to answer an HTTP request, by route.",
    ["route"], buckets=(0.01, 0.025, 0.05, 0.1, 0.15, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0),
)


class DatabaseFigures(Collector):
    """Read at each scrape, so every server reports the same shared figures."""

    def __init__(self, heartbeat_max_age: dt.timedelta) -> None:
        self.heartbeat_max_age = heartbeat_max_age

    def collect(self) -> Iterator[GaugeMetricFamily]:
        figures = service_figures(now=clock.now(), heartbeat_max_age=self.heartbeat_max_age)
        yield GaugeMetricFamily("senmediation_tasks_ready", "Tasks waiting for a worker.", figures.tasks_ready)
        yield GaugeMetricFamily(
            "senmediation_tasks_oldest_ready_age_seconds", "How long the oldest waiting task has waited.",
            figures.oldest_ready_task_age_seconds,
        )
        yield GaugeMetricFamily("senmediation_tasks_running", "Tasks a worker is running now.", figures.tasks_running)
        yield GaugeMetricFamily("senmediation_clocks_due_soon", "Open statutory clocks due soon.", figures.clocks_due_soon)
        yield GaugeMetricFamily("senmediation_clocks_overdue", "Open statutory clocks overdue.", figures.clocks_overdue)
        yield GaugeMetricFamily(
            "senmediation_messages_failed", "Messages that could not be delivered.", figures.messages_failed
        )
        yield GaugeMetricFamily(
            "senmediation_workers_alive", "Task workers with a recent heartbeat.", figures.workers_seen
        )


def metrics_text(*, heartbeat_max_age: dt.timedelta) -> bytes:
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        process_registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(process_registry)  # type: ignore[no-untyped-call]
    else:
        process_registry = REGISTRY
    database_registry = CollectorRegistry()
    database_registry.register(DatabaseFigures(heartbeat_max_age))
    return generate_latest(process_registry) + generate_latest(database_registry)
