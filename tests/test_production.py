"""Production settings as an operator uses them: refusals with their reasons, `check --deploy`,
`migrate` and `collectstatic`, and gunicorn serving the home page and its stylesheet behind the proxy."""

from __future__ import annotations

import http.client
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from testsupport.processes import (
    PRODUCTION_HOST,
    PRODUCTION_SECRET_KEY,
    ROOT,
    free_port,
    manage,
    production_env,
    scratch_postgres_database,
    stop,
    wait_for_http,
)

SECRET_KEY_MISSING = (
    "Configuration error: SECRET_KEY is not set (or is the development key) and DEBUG is off: set SECRET_KEY in "
    "the environment to a long random value, or DEBUG=1 on a development machine.\n"
)


def test_check_deploy_with_production_settings_reports_no_warnings() -> None:
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=production_env())
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == "System check identified no issues (0 silenced).\n"


def test_without_a_secret_key_and_without_debug_nothing_starts() -> None:
    env = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG", "DJANGO_SETTINGS_MODULE"}}
    result = manage("check", env=env)
    assert result.returncode == 2
    assert result.stderr == SECRET_KEY_MISSING


def test_static_files_collect_at_build_time_with_only_the_secret_key(tmp_path: Path) -> None:
    # A build step: no audit key or mail route is needed to collect the static files, though both are
    # needed for everything that serves or changes data.
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "DEMO_MODE", "DJANGO_ALLOW_ASYNC_UNSAFE"}}
    env.update({"DJANGO_SETTINGS_MODULE": "config.settings_production", "SECRET_KEY": PRODUCTION_SECRET_KEY,
                "STATIC_ROOT": str(tmp_path / "static")})
    result = manage("collectstatic", "--no-input", "-v0", env=env)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "static" / "staticfiles.json").exists()
    refused = manage("check", env=env)
    assert refused.returncode == 2
    assert refused.stderr == (
        "Configuration error: AUDIT_HMAC_KEY (32+ characters, not the SECRET_KEY) must be set for production.\n"
    )


def test_production_refuses_to_start_without_the_audit_key() -> None:
    env = production_env()
    del env["AUDIT_HMAC_KEY"]
    result = manage("check", env=env)
    assert result.returncode == 2
    assert result.stderr == (
        "Configuration error: AUDIT_HMAC_KEY (32+ characters, not the SECRET_KEY) must be set for production.\n"
    )


def test_the_development_key_is_refused_by_production_settings() -> None:
    env = production_env(SECRET_KEY="dev-only-insecure-key-change-me-0123456789abcdefghijklmnopqrstuvwxyz")
    result = manage("check", env=env)
    assert result.returncode == 2
    assert result.stderr == SECRET_KEY_MISSING


def test_debug_alone_starts_with_the_development_key() -> None:
    env = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DJANGO_SETTINGS_MODULE"}}
    result = manage("check", env={**env, "DEBUG": "1"})
    assert result.returncode == 0, result.stderr
    assert result.stdout == "System check identified no issues (0 silenced).\n"


def test_production_without_a_way_to_send_mail_refuses_to_start() -> None:
    env = production_env()
    del env["EMAIL_HOST"]
    result = manage("check", env=env)
    assert result.returncode == 2
    assert result.stderr == (
        "Configuration error: No way to send e-mail: set EMAIL_HOST with EMAIL_USE_TLS=1 (or EMAIL_USE_SSL=1), "
        "or NOTIFY_API_KEY with NOTIFY_EMAIL_TEMPLATE_ID.\n"
    )


def test_production_smtp_without_tls_refuses_to_start() -> None:
    result = manage("check", env=production_env(EMAIL_USE_TLS="0"))
    assert result.returncode == 2
    assert result.stderr.startswith("Configuration error: No way to send e-mail:")


def test_production_never_uses_the_console_backend() -> None:
    result = manage("check", env=production_env(EMAIL_BACKEND="django.core.mail.backends.console.EmailBackend"))
    assert result.returncode == 2
    assert result.stderr == (
        "Configuration error: EMAIL_BACKEND django.core.mail.backends.console.EmailBackend is not allowed in "
        "production: use SMTP or Notify.\n"
    )


def test_production_with_notify_alone_starts() -> None:
    env = production_env(NOTIFY_API_KEY="key-for-the-test", NOTIFY_EMAIL_TEMPLATE_ID="template-for-the-test")
    del env["EMAIL_HOST"]
    result = manage("check", env=env)
    assert result.returncode == 0, result.stderr


def test_seed_demo_refuses_under_production_settings(tmp_path: Path) -> None:
    env = production_env(SQLITE_PATH=str(tmp_path / "db.sqlite3"))
    env.pop("DATABASE_URL", None)
    result = manage("seed_demo", env=env)
    assert result.returncode == 1
    assert result.stderr == (
        "CommandError: seed_demo runs only with DEBUG=1 or DEMO_MODE=1: demo users must never exist on a live "
        "service.\n"
    )


@contextmanager
def production_database(tmp_path: Path) -> Iterator[dict[str, str]]:
    """The database the suite runs on (SQLite or PostgreSQL), as a fresh one of its own."""
    if os.environ.get("DATABASE_URL"):
        with scratch_postgres_database("prod") as url:
            yield {"DATABASE_URL": url}
    else:
        yield {"SQLITE_PATH": str(tmp_path / "production.sqlite3")}


def https_get(port: int, path: str, *, via_proxy: bool = True) -> tuple[int, dict[str, str], bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    headers = {"Host": PRODUCTION_HOST}
    if via_proxy:
        headers |= {"X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.7"}
    try:
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        connection.close()


def test_gunicorn_serves_the_home_page_and_its_stylesheet_behind_the_proxy(tmp_path: Path) -> None:
    with production_database(tmp_path) as database:
        env = production_env(**database, STATIC_ROOT=str(tmp_path / "static"), TRUSTED_PROXY_COUNT="1",
                             PROMETHEUS_MULTIPROC_DIR=str(tmp_path / "metrics"))
        if "SQLITE_PATH" in database:
            env.pop("DATABASE_URL", None)
        for command in (["migrate", "--no-input"], ["collectstatic", "--no-input"],
                        ["check", "--deploy", "--fail-level", "WARNING"]):
            result = manage(*command, env=env, timeout=300)
            assert result.returncode == 0, f"{command}: {result.stdout}{result.stderr}"

        port = free_port()
        server = subprocess.Popen(  # noqa: S603
            [sys.executable, "-m", "gunicorn", "-c", "deploy/gunicorn.conf.py", "--bind", f"127.0.0.1:{port}",
             "--workers", "2", "config.wsgi"],
            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        try:
            wait_for_http(port, process=server)

            status, headers, _ = https_get(port, "/", via_proxy=False)
            assert (status, headers["location"]) == (301, f"https://{PRODUCTION_HOST}/")

            status, headers, body = https_get(port, "/")
            assert status == 200
            html = body.decode()
            assert "<h1" in html
            assert headers["strict-transport-security"] == "max-age=31536000; includeSubDomains; preload"
            stylesheet = re.search(r'<link[^>]+href="(/static/css/main\.[0-9a-f]{12}\.css)"', html)
            assert stylesheet is not None, html[:2000]

            status, headers, body = https_get(port, stylesheet.group(1))
            assert status == 200
            assert headers["content-type"] == "text/css; charset=\"utf-8\""
            assert b".govuk-header" in body
            assert b"govuk-crest" not in body
        finally:
            stop([server])

