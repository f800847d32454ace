"""The project's settings for the bench server, with plain static file URLs: the bench measures pages,
not collectstatic (the pages link to static files but the bench never fetches them)."""

from config.settings import *  # noqa: F403
from config.settings import STORAGES

STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}

# One key makes every API read of a run (over a hundred a minute): the bench measures speed, not the limit.
API_RATE_LIMIT_PER_MINUTE = 100_000
