"""Fixtures shared by every test: demo reference data and one signed-in client per role."""

from __future__ import annotations

import os

import pytest

# Playwright's sync API runs an event loop in the test thread; Django's ORM is still used synchronously.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from testsupport.fixtures import *  # noqa: E402, F403


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _fresh_cache():  # type: ignore[no-untyped-def]
    # Cached reference data must not leak from one test's database into the next.
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
from testsupport.browser import browser, page, page_without_js  # noqa: E402, F401


def _flush_lifts_the_audit_truncate_guard() -> None:
    """Tests that use transactions empty the database with TRUNCATE after each test; on PostgreSQL the
    audit table refuses TRUNCATE (migration audit 0004), so the test database's owner lifts it around it."""
    from django.core.management.commands import flush

    original = flush.sql_flush

    def sql_flush(style, connection, *args, **kwargs):  # type: ignore[no-untyped-def]
        statements = original(style, connection, *args, **kwargs)
        if connection.vendor != "postgresql" or not statements:
            return statements
        guard = "ALTER TABLE audit_auditentry {} TRIGGER audit_entry_no_truncate;"
        return [guard.format("DISABLE"), *statements, guard.format("ENABLE")]

    flush.sql_flush = sql_flush


_flush_lifts_the_audit_truncate_guard()
