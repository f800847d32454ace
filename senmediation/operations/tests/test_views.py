import datetime as dt

import pytest
from django.test import Client

from senmediation.core import clock
from senmediation.operations.models import WorkerHeartbeat
from senmediation.operations.services import worker_heartbeat_beat


def _beat(seconds_ago: int) -> None:
    now = clock.now()
    worker_heartbeat_beat(worker_id="worker-a", hostname="app1", pid=4242, started_at=now - dt.timedelta(hours=1),
                          now=now - dt.timedelta(seconds=seconds_ago))


@pytest.mark.django_db
def test_readyz_refuses_with_a_reason_until_a_worker_has_started(client: Client) -> None:
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json() == {"status": "not ready", "reason": "No task worker has started."}


@pytest.mark.django_db
def test_readyz_is_ready_with_a_recent_heartbeat(client: Client) -> None:
    _beat(seconds_ago=5)
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"status": "ready"}


@pytest.mark.django_db
def test_readyz_refuses_when_the_heartbeat_is_stale(client: Client, settings) -> None:
    settings.WORKER_HEARTBEAT_MAX_AGE_SECONDS = 120
    _beat(seconds_ago=600)
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["reason"].startswith("No task worker heartbeat for 6")


@pytest.mark.django_db
def test_heartbeat_updates_one_row_per_worker_and_forgets_old_workers() -> None:
    now = clock.now()
    WorkerHeartbeat.objects.create(worker_id="gone", hostname="old", pid=1, started_at=now - dt.timedelta(days=3),
                                   seen_at=now - dt.timedelta(days=2))
    _beat(seconds_ago=30)
    _beat(seconds_ago=0)
    assert list(WorkerHeartbeat.objects.values_list("worker_id", flat=True)) == ["worker-a"]


@pytest.mark.django_db
def test_metrics_need_the_bearer_token(client: Client) -> None:
    response = client.get("/metrics")
    assert response.status_code == 403
    assert response.content == b"Metrics need the bearer token in METRICS_TOKEN.\n"
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer wrong").status_code == 403


@pytest.mark.django_db
def test_metrics_without_a_token_answer_only_loopback_callers_not_the_proxy(client: Client, settings) -> None:
    settings.METRICS_TOKEN = ""
    assert client.get("/metrics", REMOTE_ADDR="127.0.0.1").status_code == 200
    assert client.get("/metrics", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.4").status_code == 403
    assert client.get("/metrics", REMOTE_ADDR="198.51.100.4").status_code == 403


@pytest.mark.django_db
def test_metrics_report_requests_queue_clocks_and_messages(client: Client) -> None:
    _beat(seconds_ago=1)
    client.get("/healthz")
    response = client.get("/metrics", HTTP_AUTHORIZATION="Bearer test-metrics-token")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; version=0.0.4; charset=utf-8"
    text = response.content.decode()
    assert 'senmediation_http_requests_total{method="GET",route="/healthz",status="200"}' in text
    for line in ("senmediation_tasks_ready 0.0", "senmediation_tasks_oldest_ready_age_seconds 0.0",
                 "senmediation_clocks_due_soon 0.0", "senmediation_clocks_overdue 0.0",
                 "senmediation_messages_failed 0.0", "senmediation_workers_alive 1.0"):
        assert f"\n{line}\n" in text, line


@pytest.mark.django_db
def test_every_response_carries_a_request_id_and_keeps_a_well_formed_one_from_nginx(client: Client) -> None:
    generated = client.get("/healthz")["X-Request-ID"]
    assert len(generated) == 32
    given = "0123456789abcdef0123456789abcdef"
    assert client.get("/healthz", HTTP_X_REQUEST_ID=given)["X-Request-ID"] == given
    assert client.get("/healthz", HTTP_X_REQUEST_ID="<script>")["X-Request-ID"] != "<script>"


@pytest.mark.django_db
def test_readyz_refuses_while_migrations_are_missing(client: Client, monkeypatch) -> None:
    from senmediation.operations import selectors

    _beat(seconds_ago=1)
    monkeypatch.setattr(selectors, "migrations_unapplied", lambda: 2)
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json() == {"status": "not ready", "reason": "2 database migrations are not applied yet."}
