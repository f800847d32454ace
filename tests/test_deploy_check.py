import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _env(**extra: str) -> dict[str, str]:
    return {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DJANGO_SETTINGS_MODULE": "config.settings_production",
        "SECRET_KEY": "x" * 30 + "a-very-long-random-production-secret-key-value-for-the-check",
        "ALLOWED_HOSTS": "mediation.example.org",
        "AUDIT_HMAC_KEY": "a-separate-audit-key-kept-outside-the-database-0123456789",
        **extra,
    }


def _check(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )


def test_production_refuses_to_start_without_the_audit_key() -> None:
    env = _env()
    del env["AUDIT_HMAC_KEY"]
    result = _check(env)
    assert result.returncode == 1
    assert "AUDIT_HMAC_KEY (32+ characters, not the SECRET_KEY) must be set for production." in result.stderr


def test_check_deploy_with_production_settings_reports_no_warnings() -> None:
    env = _env()
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
