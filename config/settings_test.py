"""Test settings: fast hashing, captured e-mail, tasks run in-process."""

import os

# The suite runs without DEBUG, like production, so it brings its own key (never used anywhere else).
os.environ.setdefault("SECRET_KEY", "test-only-key-for-the-pytest-suite-9f3c1d7e5b2a4c6e8d0f1a3b5c7d9e1f")

from .settings import *  # noqa: E402, F403
from .settings import BASE_DIR  # noqa: E402

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = BASE_DIR / "var" / "test-media"
# One process per test database: memory is enough, and tests without a database can still use it.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
DEMO_MODE = False
METRICS_TOKEN = "test-metrics-token"
OTP_REQUIRED = True
# Serve static files straight from the finders so tests need no collectstatic.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# A file, not shared-cache memory, so threads and the live server see SQLite's real locking (WAL,
# busy timeout) as in production.
# The process id keeps test runs that happen at the same time (two checkouts, CI) apart.
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):  # noqa: F405
    DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / "var" / f"test-db-{os.getpid()}.sqlite3")}  # noqa: F405
else:
    DATABASES["default"]["TEST"] = {"NAME": f"test_{DATABASES['default']['NAME']}_{os.getpid()}"}  # noqa: F405
