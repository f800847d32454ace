"""The services' one door to the task worker, which tasks.py fills at start-up.

The worker's tasks (tasks.py) run the delivery services, so those services may not import the tasks back:
NotificationsConfig.ready registers tasks.message_deliver_later here instead (issue 25: no import circles)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

# (message id, when to run or None for now)
DeliverLater = Callable[[int, dt.datetime | None], None]

_registered: dict[str, DeliverLater] = {}


def message_deliver_later_register(deliver_later: DeliverLater) -> None:
    """Called from NotificationsConfig.ready; registering again replaces the earlier one."""
    _registered["deliver_later"] = deliver_later


def message_deliver_later(message_id: int, *, run_after: dt.datetime | None = None) -> None:
    """Hands the message to the worker: now, or at `run_after` where the task backend can defer (otherwise
    the due-message sweep retries it). Raises when the queue refuses it; callers log that and carry on."""
    deliver_later = _registered.get("deliver_later")
    if deliver_later is None:
        raise RuntimeError("No delivery task is registered: NotificationsConfig.ready registers it at start-up.")
    deliver_later(message_id, run_after)
