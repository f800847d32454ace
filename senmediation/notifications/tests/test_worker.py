"""The hook from the services to the task worker: filled at start-up, and loud when it is not."""

from __future__ import annotations

import pytest

from senmediation.notifications import tasks
from senmediation.notifications.services import worker


def test_start_up_registers_the_delivery_task() -> None:
    assert worker._registered == {"deliver_later": tasks.message_deliver_later}


def test_handing_over_without_a_registered_task_raises(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(worker, "_registered", {})
    with pytest.raises(RuntimeError, match="No delivery task is registered"):
        worker.message_deliver_later(1)


def test_the_registered_task_gets_the_message_and_when(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple[int, object]] = []
    monkeypatch.setattr(worker, "_registered", {})
    worker.message_deliver_later_register(lambda message_id, run_after: calls.append((message_id, run_after)))
    worker.message_deliver_later(7)
    assert calls == [(7, None)]
