"""Writes generated rows in bulk: COPY on PostgreSQL, bulk_create elsewhere.

The columns the generator fills are listed once per model here, in the order its row tuples use.
Any other column (one added to a model later) gets the field's default, so a new field with a
default needs no change to the generator.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from django.db import DatabaseError, connection
from django.db.models import NOT_PROVIDED, Model

from senmediation.agreements.models import Agreement, AgreementItem
from senmediation.cases.models import Case, CaseEvent, Deadline, Issue, Party
from senmediation.documents.models import Certificate, Document
from senmediation.feedback.models import Complaint, SurveyInvitation, SurveyResponse
from senmediation.meetings.models import Meeting

# Parents before children: the order rows are written in.
COLUMNS: dict[type[Model], tuple[str, ...]] = {
    Case: (
        "id", "reference", "reference_year", "reference_number", "case_type", "state", "local_authority_id",
        "mediator_id", "coordinator_id", "child_first_name", "child_last_name", "child_date_of_birth", "decisions",
        "elements", "decision_notice_date", "route", "summary", "wants", "source", "channel",
        "all_parties_agreed", "meeting_outcome", "la_notified_on", "certificate_issued_on", "opened_on",
        "closed_on", "closure_reason", "next_due_date", "clock_status", "next_meeting_at", "search_name",
        "created_at", "updated_at",
        "search_text",  # last: the generator appends it once the case's parties are known
    ),
    Party: (
        "id", "case_id", "role", "name", "organisation", "email", "phone", "preferred_contact", "is_main_contact",
        "created_at", "updated_at",
    ),
    Issue: ("id", "case_id", "raised_by_id", "text", "outcome", "created_at", "updated_at"),
    CaseEvent: ("id", "case_id", "at", "by_id", "kind", "action", "from_state", "to_state", "summary"),
    Deadline: ("id", "case_id", "clock", "start_date", "due_date", "met_on", "stopped_on", "status"),
    Meeting: (
        "id", "case_id", "starts_at", "ends_at", "venue_id", "is_online", "notice_sent_on", "status",
        "created_at", "updated_at",
    ),
    Certificate: (
        "id", "number", "number_year", "number_sequence", "version", "case_id", "kind", "person_name",
        "person_role", "child_name", "local_authority_id", "local_authority_name", "decision_notice_date",
        "issued_on", "issued_by_id", "provider_name", "provider_cmc_registration", "resolved_summary",
        "appeal_deadline", "appeal_explanation", "file", "sha256", "created_at",
    ),
    Document: (
        "id", "case_id", "kind", "title", "file", "sha256", "mimetype", "size", "created_by_id", "created_at",
    ),
    Agreement: (
        "id", "case_id", "meeting_id", "status", "agreed_on", "finalised_by_id", "finalised_at", "pdf", "pdf_sha256",
        "created_at", "updated_at",
    ),
    AgreementItem: (
        "id", "created_at", "updated_at", "agreement_id", "order", "owner_id", "action", "due", "measure", "issue_id",
        "agreed", "status", "done_on",
    ),
    SurveyInvitation: ("id", "case_id", "party_id", "link_id", "sent_at", "reminded_at", "answered_at"),
    SurveyResponse: (
        "id", "source", "case_id", "party_id", "mediator_id", "local_authority_id", "submitted_at", "satisfaction",
        "felt_heard", "treated_fairly", "mediator_impartial", "process_explained", "would_recommend", "comments",
        "consent_to_quote",
    ),
    Complaint: (
        "id", "reference", "received_on", "channel", "name", "email", "preferred_contact", "case_reference_given",
        "case_id", "about_id", "about_text", "details", "wanted", "stage", "stage_started_on", "acknowledge_by",
        "acknowledged_on", "respond_by", "responded_on", "owner_id", "outcome", "response", "response_letter",
        "created_by_id", "created_at",
    ),
}
MODELS: tuple[type[Model], ...] = tuple(COLUMNS)

Rows = dict[type[Model], list[tuple[Any, ...]]]


def rows_empty() -> Rows:
    return {model: [] for model in MODELS}


def _default(model: type[Model], attname: str) -> Any:
    field = next(f for f in model._meta.concrete_fields if f.attname == attname)
    if field.default is NOT_PROVIDED and field.null:
        return None
    return field.get_default()


def _extra_columns(model: type[Model]) -> list[tuple[str, Any]]:
    """Columns the generator does not fill, with their defaults."""
    known = set(COLUMNS[model])
    return [(str(f.column), _default(model, f.attname)) for f in model._meta.concrete_fields
            if f.attname not in known]


def _text(value: Any) -> str:
    """One value in COPY's text format."""
    if value is None:
        return "\\N"
    kind = type(value)
    if kind is str:
        return str(value).replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
    if kind is bool:
        return "t" if value else "f"
    if kind is int:
        return str(value)
    if kind is dt.date or kind is dt.datetime:
        return str(value.isoformat())
    if kind is list or kind is dict:
        return _text(json.dumps(value))
    return _text(str(value))


def copy_text(model: type[Model], rows: Iterable[Sequence[Any]]) -> str:
    """The rows as COPY text, the model's other columns filled with their defaults."""
    extra = _extra_columns(model)
    tail = "".join("\t" + _text(value) for _, value in extra) + "\n"
    return "".join("\t".join([_text(v) for v in row]) + tail for row in rows)


def copy_statement(model: type[Model]) -> str:
    column_of = {f.attname: str(f.column) for f in model._meta.concrete_fields}
    names = [column_of[a] for a in COLUMNS[model]] + [column for column, _ in _extra_columns(model)]
    quoted = ", ".join(f'"{name}"' for name in names)  # "order" is a column name and a keyword
    return f'COPY "{model._meta.db_table}" ({quoted}) FROM STDIN'


def write(texts: dict[type[Model], str] | None = None, rows: Rows | None = None) -> None:
    """Writes one batch: COPY text on PostgreSQL, or row tuples through bulk_create elsewhere."""
    if connection.vendor == "postgresql":
        assert texts is not None
        with connection.cursor() as cursor:
            raw = cursor.cursor  # psycopg 3's own cursor, for COPY
            for model in MODELS:
                if texts.get(model):
                    with raw.copy(copy_statement(model)) as copy:
                        copy.write(texts[model])
        return
    assert rows is not None
    for model in MODELS:
        columns = COLUMNS[model]
        objects = [model(**dict(zip(columns, row, strict=True))) for row in rows[model]]
        model.objects.bulk_create(objects, batch_size=500)  # type: ignore[attr-defined]


def sequences_reset() -> None:
    """After writing explicit ids, moves each table's id sequence past the largest one."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for model in MODELS:
            table = model._meta.db_table
            # Table names come from the models, not from input.
            sql = f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), COALESCE(MAX(id), 1)) FROM {table}"  # noqa: S608
            cursor.execute(sql)


def next_ids() -> dict[type[Model], int]:
    """The first free id per model: generated rows take ids from here."""
    out = {}
    for model in MODELS:
        last = model._default_manager.order_by("-id").values_list("id", flat=True).first()
        out[model] = (last or 0) + 1
    return out


@dataclass
class Deferred:
    """What a bulk load took off its tables, to be put back: index and foreign key definitions."""

    indexes: list[tuple[str, str]] = field(default_factory=list)  # name, definition
    foreign_keys: list[tuple[str, str, str]] = field(default_factory=list)  # table, name, definition
    tables: list[str] = field(default_factory=list)


def _deferrable(cursor: Any, tables: list[str]) -> Deferred:
    """The secondary indexes (those backing no constraint) and foreign keys of these tables."""
    deferred = Deferred(tables=tables)
    cursor.execute(
        "SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) FROM pg_index i "
        "WHERE i.indrelid::regclass::text = ANY(%s) AND NOT i.indisprimary "
        "AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid) ORDER BY 1",
        [tables],
    )
    deferred.indexes = [(name, definition) for name, definition in cursor.fetchall()]
    cursor.execute(
        "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint "
        "WHERE contype = 'f' AND conrelid::regclass::text = ANY(%s) ORDER BY 1, 2",
        [tables],
    )
    deferred.foreign_keys = [tuple(row) for row in cursor.fetchall()]
    return deferred


@contextmanager
def constraints_deferred(models: Sequence[type[Model]] = MODELS,
                         on_restore: Callable[[str], None] | None = None) -> Iterator[Deferred]:
    """PostgreSQL only, for a load many times the size of what is there: drops the tables' secondary
    indexes and foreign keys, and puts every one back afterwards, even when the load fails.

    Building an index once from sorted rows is far cheaper than 11 million insertions into it, and one
    anti-join validates a foreign key faster than a trigger per row. The put-back is checked: every index
    and key taken off must be there again by name, and a foreign key is validated over every row, so a
    generated row pointing nowhere fails the load instead of being left behind.
    """
    tables = [model._meta.db_table for model in models]
    with connection.cursor() as cursor:
        deferred = _deferrable(cursor, tables)
        for table in tables:
            cursor.execute(f'ALTER TABLE "{table}" SET (autovacuum_enabled = false)')
        for table, name, _ in deferred.foreign_keys:
            cursor.execute(f'ALTER TABLE "{table}" DROP CONSTRAINT "{name}"')
        for name, _ in deferred.indexes:
            cursor.execute(f'DROP INDEX "{name}"')
    try:
        yield deferred
    finally:
        if on_restore:
            on_restore(f"Rebuilding {len(deferred.indexes)} indexes and checking {len(deferred.foreign_keys)} "
                       "foreign keys")
        constraints_restore(deferred)


def _run_each(statements: list[str], connections_used: int = 1) -> list[str]:
    """Runs each statement, on this thread's connection or on that many threads' own, and returns the
    failures rather than stopping at the first."""

    def run(share: list[str]) -> list[str]:
        failures = []
        with connection.cursor() as cursor:
            cursor.execute("SET maintenance_work_mem = '256MB'")
            for statement in share:
                try:
                    cursor.execute(statement)
                except DatabaseError as error:
                    failures.append(f"{statement}: {error}")
            cursor.execute("RESET maintenance_work_mem")
        return failures

    if connections_used == 1 or connection.in_atomic_block:
        return run(statements)

    def on_own_connection(share: list[str]) -> list[str]:
        try:
            return run(share)
        finally:
            connection.close()  # this thread's own

    shares = [statements[n::connections_used] for n in range(connections_used)]
    with ThreadPoolExecutor(connections_used) as pool:
        return [failure for found in pool.map(on_own_connection, shares) for failure in found]


def constraints_restore(deferred: Deferred) -> None:
    """Rebuilds what `constraints_deferred` dropped (names and definitions as they were). Every statement is
    tried, so one failure (a row pointing nowhere) leaves nothing else missing; then the failures are raised."""
    # Indexes are built two at a time, on two connections (they only share a lock with each other); then
    # the foreign keys one at a time, as each locks its table and the one it points at.
    failures = _run_each([definition for _, definition in deferred.indexes], connections_used=2)
    failures += _run_each([f'ALTER TABLE "{table}" ADD CONSTRAINT "{name}" {definition}'
                           for table, name, definition in deferred.foreign_keys]
                          + [f'ALTER TABLE "{table}" RESET (autovacuum_enabled)' for table in deferred.tables])
    with connection.cursor() as cursor:
        after = _deferrable(cursor, deferred.tables)
    # Compared by name: PostgreSQL prints a rebuilt partial index's condition in a different but equal form.
    before_names = {name for name, _ in deferred.indexes} | {name for _, name, _ in deferred.foreign_keys}
    after_names = {name for name, _ in after.indexes} | {name for _, name, _ in after.foreign_keys}
    if failures or before_names - after_names:
        raise RuntimeError(f"The indexes and foreign keys could not all be put back after the load. Missing: "
                           f"{sorted(before_names - after_names)}. Failures: {failures}")
