"""django-tasks-db's worker, with a heartbeat so /readyz knows a worker is alive.

This app comes before django_tasks_db in INSTALLED_APPS, so `manage.py db_worker` is this command.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
from typing import Any

from django.db import connection
from django_tasks_db.management.commands.db_worker import Command as TasksCommand

from senmediation.core import clock
from senmediation.operations.services import worker_heartbeat_beat

HEARTBEAT_SECONDS = 10
logger = logging.getLogger(__name__)


def _beat_forever(worker_id: str, stop: threading.Event) -> None:
    hostname, pid, started_at = socket.gethostname(), os.getpid(), clock.now()
    while not stop.is_set():
        try:
            worker_heartbeat_beat(worker_id=worker_id, hostname=hostname, pid=pid, started_at=started_at,
                                  now=clock.now())
        except Exception:
            # A missed beat shows as "not ready" soon enough; the worker itself carries on.
            logger.exception("Worker heartbeat failed")
        finally:
            connection.close()  # this thread's own connection; none held between beats
        stop.wait(HEARTBEAT_SECONDS)


class Command(TasksCommand):
    help = "Run a database background worker (and record its heartbeat)"

    def handle(self, *args: Any, **options: Any) -> None:
        stop = threading.Event()
        beat = threading.Thread(target=_beat_forever, args=(options["worker_id"], stop), daemon=True,
                                name="worker-heartbeat")
        beat.start()
        try:
            super().handle(*args, **options)
        finally:
            stop.set()
