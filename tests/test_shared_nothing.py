"""Two app servers and two task workers on one PostgreSQL database, as in production: referrals and
case transitions go through both servers at once (each request to either one), and afterwards no
record is lost, duplicated or out of order, and every task ran exactly once."""

from __future__ import annotations

import http.client
import os
import re
import subprocess
import sys
import time
import urllib.parse
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import psycopg
import pytest

from senmediation.referrals.tests import journeys
from testsupport.processes import (
    PRODUCTION_HOST,
    ROOT,
    free_port,
    manage,
    production_env,
    scratch_postgres_database,
    stop,
    wait_for_http,
)
from testsupport.smtp import Mailbox, tls_mail_server

pytestmark = pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="Several servers share one database only on PostgreSQL; SQLite is one machine's file.",
)

REFERRALS = 8
TRANSITIONS = ("give_information", "request_mediation", "notify_la", "withdraw")
STATES = ("enquiry", "information_given", "mediation_requested", "la_notified", "withdrawn")
TASKS = 24
CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')

STAFF_SESSION = """
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django_otp.plugins.otp_totp.models import TOTPDevice
from senmediation.accounts.models import User
user = User.objects.get(username="coordinator")
device = TOTPDevice.objects.create(user=user, name="test", confirmed=True)
session = SessionStore()
session.update({SESSION_KEY: str(user.pk), BACKEND_SESSION_KEY: "senmediation.accounts.breakglass.BreakGlassAwareBackend",
                HASH_SESSION_KEY: user.get_session_auth_hash(), "otp_device_id": device.persistent_id})
session.create()
print(session.session_key)
"""
ENQUEUE_TASKS = f"""
from senmediation.cases.tasks import deadlines_sweep_task
from senmediation.notifications.tasks import messages_retry_due_task
for _ in range({TASKS // 2}):
    deadlines_sweep_task.enqueue()
    messages_retry_due_task.enqueue()
"""


class Browser:
    """One person's cookies, sent to whichever server each request goes to (as a load balancer would).
    Cookies are kept by name: the `__Host-` ones are Secure, which the proxy's HTTPS stands in for."""

    def __init__(self, ports: tuple[int, int], address: str) -> None:
        self.ports = ports
        self.address = address
        self.cookies: dict[str, str] = {}
        self.sent = 0

    def request(self, method: str, path: str, form: dict[str, Any] | None = None) -> tuple[int, str, str]:
        port = self.ports[self.sent % 2]
        self.sent += 1
        headers = {
            "Host": PRODUCTION_HOST, "X-Forwarded-Proto": "https", "X-Forwarded-For": self.address,
            "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()),
        }
        body = None
        if form is not None:
            headers |= {"Content-Type": "application/x-www-form-urlencoded", "Origin": f"https://{PRODUCTION_HOST}",
                        "Referer": f"https://{PRODUCTION_HOST}{path}"}
            body = urllib.parse.urlencode(form, doseq=True)
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            for name, value in response.getheaders():
                if name.lower() == "set-cookie":
                    key, _, rest = value.partition("=")
                    self.cookies[key] = rest.split(";", 1)[0]
            location = urllib.parse.urlsplit(response.getheader("Location", "")).path
            return response.status, location, response.read().decode()
        finally:
            connection.close()

    def post_form(self, path: str, form: dict[str, Any]) -> tuple[int, str]:
        status, _, page = self.request("GET", path)
        assert status == 200, (path, status)
        token = CSRF_FIELD.search(page)
        assert token is not None, path
        status, location, body = self.request("POST", path, {**form, "csrfmiddlewaretoken": token.group(1)})
        assert status == 302, (path, status, body[:2000])
        return status, location


def refer(ports: tuple[int, int], number: int) -> None:
    browser = Browser(ports, f"203.0.113.{number + 1}")
    answers = journeys.parent_answers()
    answers["child"]["first_name"] = f"Child{number}"
    answers["contact"]["email"] = f"family{number}@example.com"
    path = "/refer/who/"
    for _ in range(40):
        slug = path.removeprefix("/refer/").strip("/")
        _, path = browser.post_form(path, answers[slug])
        if slug == "check":
            assert path == "/refer/confirmation/"
            return
    raise AssertionError("the referral journey did not end")


def transitions_run(ports: tuple[int, int], session_key: str, reference: str, number: int) -> None:
    browser = Browser(ports, f"198.51.100.{number + 1}")
    browser.cookies["__Host-sessionid"] = session_key
    for action in TRANSITIONS:
        _, location = _transition(browser, reference, action)
        assert location == f"/staff/cases/{reference}/"


def _transition(browser: Browser, reference: str, action: str) -> tuple[int, str]:
    status, _, page = browser.request("GET", f"/staff/cases/{reference}/")
    assert status == 200, (reference, status)
    token = CSRF_FIELD.search(page)
    assert token is not None
    status, location, body = browser.request(
        "POST", f"/staff/cases/{reference}/transition/", {"action": action, "confirmed": "yes", "csrfmiddlewaretoken": token.group(1)}
    )
    assert status == 302, (action, status, body[:2000])
    return status, location


def rows(database_url: str, sql: str) -> list[tuple[Any, ...]]:
    with psycopg.connect(database_url) as connection:
        return connection.execute(sql).fetchall()  # type: ignore[arg-type]


@pytest.fixture
def service(tmp_path: Path) -> Iterator[dict[str, Any]]:
    """A migrated database with reference data, a TLS mail server, two gunicorns and two workers."""
    with scratch_postgres_database("multi") as database_url, tls_mail_server(tmp_path) as (smtp_port, cert, box):
        env = production_env(
            DATABASE_URL=database_url, STATIC_ROOT=str(tmp_path / "static"), TRUSTED_PROXY_COUNT="1",
            EMAIL_HOST="localhost", EMAIL_PORT=str(smtp_port), EMAIL_USE_TLS="1", SSL_CERT_FILE=str(cert),
            COORDINATOR_NOTIFY_EMAIL="office@example.org", REFERRAL_RATE_LIMIT_PER_HOUR="1000",
        )
        # Independent steps side by side: the test's time is mostly these.
        with ThreadPoolExecutor(max_workers=2) as pool:
            steps = list(pool.map(lambda command: manage(*command, env=env, timeout=300),
                                  (["migrate", "--no-input", "-v0"], ["collectstatic", "--no-input", "-v0"])))
        for result in steps:
            assert result.returncode == 0, result.stdout + result.stderr
        demo = {**{k: v for k, v in env.items() if k != "SECRET_KEY"}, "DJANGO_SETTINGS_MODULE": "config.settings",
                "DEBUG": "1", "DEMO_PASSWORD": "a long demo password for the test"}
        result = manage("seed_demo", env=demo)
        assert result.returncode == 0, result.stdout + result.stderr

        processes: list[subprocess.Popen[bytes]] = []
        ports = (free_port(), free_port())
        logs = tmp_path / "logs"
        logs.mkdir()
        try:
            for number, port in enumerate(ports):
                processes.append(subprocess.Popen(  # noqa: S603
                    [sys.executable, "-m", "gunicorn", "-c", "deploy/gunicorn.conf.py", "--bind", f"127.0.0.1:{port}",
                     "--workers", "1", "config.wsgi"],
                    cwd=ROOT, env={**env, "PROMETHEUS_MULTIPROC_DIR": str(tmp_path / f"metrics{number}")},
                    stdout=subprocess.DEVNULL, stderr=(logs / f"web{number}.log").open("wb"),
                ))
            for number in range(2):
                processes.append(subprocess.Popen(  # noqa: S603
                    [sys.executable, "manage.py", "db_worker", "--queue-name", "*", "--interval", "0.2",
                     "--worker-id", f"worker-{number}", "--no-reload"],
                    cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=(logs / f"worker{number}.log").open("wb"),
                ))
            for port, process in zip(ports, processes, strict=False):
                wait_for_http(port, process=process)
            yield {"env": env, "database_url": database_url, "ports": ports, "mailbox": box, "logs": logs}
        finally:
            stop(processes)


def test_two_servers_and_two_workers_lose_duplicate_and_reorder_nothing(
    service: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    database_url, ports = service["database_url"], service["ports"]
    mailbox: Mailbox = service["mailbox"]
    trafford_id = rows(database_url, "SELECT id FROM directory_localauthority WHERE gss_code = 'E08000009'")[0][0]
    monkeypatch.setattr(journeys, "trafford", lambda: SimpleNamespace(pk=trafford_id))

    with ThreadPoolExecutor(max_workers=4) as pool:
        list(pool.map(lambda n: refer(ports, n), range(REFERRALS)))

    cases = rows(database_url, "SELECT reference, child_first_name FROM cases_case ORDER BY child_first_name")
    assert [name for _, name in cases] == sorted(f"Child{n}" for n in range(REFERRALS))
    references = [reference for reference, _ in cases]
    assert len(set(references)) == REFERRALS

    session = manage("shell", "-c", STAFF_SESSION, env=service["env"])
    assert session.returncode == 0, session.stderr
    session_key = session.stdout.strip().splitlines()[-1]
    with ThreadPoolExecutor(max_workers=4) as pool:
        list(pool.map(lambda item: transitions_run(ports, session_key, item[1], item[0]), enumerate(references)))

    for reference in references:
        events = rows(database_url, "SELECT e.action, e.from_state, e.to_state FROM cases_caseevent e "
                                    "JOIN cases_case c ON c.id = e.case_id "
                                    f"WHERE c.reference = '{reference}' AND e.kind = 'transition' "
                                    "ORDER BY e.at, e.id")
        assert events == [(action, STATES[i], STATES[i + 1]) for i, action in enumerate(TRANSITIONS)], reference
    assert rows(database_url, "SELECT DISTINCT state FROM cases_case") == [("withdrawn",)]

    family_mail = sorted(str(message["To"]) for message in mailbox.messages if "family" in str(message["To"]))
    assert family_mail == sorted(f"family{n}@example.com" for n in range(REFERRALS))

    enqueued = manage("shell", "-c", ENQUEUE_TASKS, env=service["env"])
    assert enqueued.returncode == 0, enqueued.stderr
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        waiting = rows(database_url, "SELECT count(*) FROM django_tasks_database_dbtaskresult "
                                     "WHERE status IN ('READY', 'RUNNING')")[0][0]
        if waiting == 0:
            break
        time.sleep(0.5)
    results = rows(database_url, "SELECT status, worker_ids FROM django_tasks_database_dbtaskresult")
    assert len(results) == TASKS
    assert [status for status, _ in results] == ["SUCCESSFUL"] * TASKS
    assert [len(worker_ids) for _, worker_ids in results] == [1] * TASKS
    assert {worker_ids[0] for _, worker_ids in results} <= {"worker-0", "worker-1"}
    heartbeats = rows(database_url, "SELECT worker_id FROM operations_workerheartbeat ORDER BY worker_id")
    assert heartbeats == [("worker-0",), ("worker-1",)]
