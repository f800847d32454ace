"""Writes generated rows in bulk: COPY on PostgreSQL, bulk_create elsewhere.

The columns the generator fills are listed once per model here, in the order its row tuples use.
Any other column (one added to a model later) gets the field's default, so a new field with a
default needs no change to the generator.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Sequence
from typing import Any

from django.db import connection
from django.db.models import NOT_PROVIDED, Model

from senmediation.cases.models import Case, CaseEvent, Deadline, Issue, Party
from senmediation.documents.models import Certificate, Document
from senmediation.meetings.models import Meeting

# Parents before children: the order rows are written in.
COLUMNS: dict[type[Model], tuple[str, ...]] = {
    Case: (
        "id", "reference", "reference_year", "reference_number", "case_type", "state", "local_authority_id",
        "mediator_id", "child_first_name", "child_last_name", "child_date_of_birth", "decisions", "elements",
        "decision_notice_date", "route", "summary", "wants", "source", "channel",
        "all_parties_agreed", "meeting_outcome", "la_notified_on", "certificate_issued_on", "opened_on",
        "closed_on", "closure_reason", "next_due_date", "clock_status", "search_name", "created_at", "updated_at",
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
    return f"COPY {model._meta.db_table} ({', '.join(names)}) FROM STDIN"


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
