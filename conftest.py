"""Fixtures shared by every test: demo reference data and one signed-in client per role."""

from __future__ import annotations

import os

import pytest

# Playwright's sync API runs an event loop in the test thread; Django's ORM is still used synchronously.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from senmediation.testing.fixtures import *  # noqa: E402, F403


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
from senmediation.testing.browser import browser, page, page_without_js  # noqa: E402, F401
