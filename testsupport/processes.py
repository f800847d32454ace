"""Real server and worker processes for tests: a free port, a database of their own, and cleanup."""

from __future__ import annotations

import http.client
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import dj_database_url
import psycopg

ROOT = Path(__file__).resolve().parents[1]
PRODUCTION_SECRET_KEY = "x" * 30 + "a-very-long-random-production-secret-key-value-for-the-tests"
PRODUCTION_HOST = "mediation.example.org"


def production_env(**extra: str) -> dict[str, str]:
    """What an operator would set on a live server (docs/deployment.md), minus the real secrets."""
    env = {k: v for k, v in os.environ.items() if k not in {"DJANGO_ALLOW_ASYNC_UNSAFE", "DEBUG", "DEMO_MODE"}}
    env.update({
        "DJANGO_SETTINGS_MODULE": "config.settings_production",
        "SECRET_KEY": PRODUCTION_SECRET_KEY,
        "AUDIT_HMAC_KEY": "a-separate-audit-key-kept-outside-the-database-0123456789",
        "ALLOWED_HOSTS": PRODUCTION_HOST,
        "EMAIL_HOST": "smtp.example.org",
        "EMAIL_USE_TLS": "1",
        "PYTHONUNBUFFERED": "1",
    })
    env.update(extra)
    return env


def manage(*args: str, env: dict[str, str], timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603 (the test's own arguments)
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout
    )


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def scratch_postgres_database(suffix: str) -> Iterator[str]:
    """A fresh PostgreSQL database beside the one in DATABASE_URL (same server), dropped afterwards."""
    base = os.environ["DATABASE_URL"]
    params = dj_database_url.parse(base)
    name = f"{params['NAME']}_{suffix}_{os.getpid()}"
    admin = psycopg.connect(
        host=params["HOST"] or None, port=params["PORT"] or None, user=params["USER"] or None,
        password=params["PASSWORD"] or None, dbname="postgres", autocommit=True,
    )
    try:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')
        yield base.rsplit("/", 1)[0] + "/" + name
    finally:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


def wait_for_http(port: int, *, process: subprocess.Popen[bytes], host: str = PRODUCTION_HOST,
                  timeout: float = 45) -> None:
    """Until /healthz answers 200 (the server is up and reaches its database)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{process.args!r} exited with {process.returncode} before answering")
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
        try:
            connection.request("GET", "/healthz", headers={"Host": host})
            if connection.getresponse().status == 200:
                return
        except (OSError, http.client.HTTPException):
            pass
        finally:
            connection.close()
        time.sleep(0.2)
    raise TimeoutError(f"Port {port} did not answer /healthz within {timeout} s")


def stop(processes: list[subprocess.Popen[bytes]]) -> None:
    """TERM, a short grace, then KILL: a test never leaves a server or worker behind."""
    for process in processes:
        if process.poll() is None:
            process.terminate()
    for process in processes:
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
