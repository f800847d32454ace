"""Counting a page's own queries, for the fixed per-page budget (quality.md: at most about 15)."""

from __future__ import annotations

from typing import Any

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

PAGE_QUERY_BUDGET = 15
# Not the page's own reads: transaction control, and the audit entry every request appends (on
# PostgreSQL a lock, the chain's last hash and the insert), a fixed cost whatever the page.
NOT_PAGE_QUERIES = ("SAVEPOINT", "RELEASE SAVEPOINT", "SELECT pg_advisory_xact_lock")


def page_queries(client: Client, url: str) -> tuple[Any, list[str]]:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    sql = [q["sql"] for q in ctx.captured_queries]
    return response, [s for s in sql if not s.startswith(NOT_PAGE_QUERIES) and "audit_auditentry" not in s]
