"""Covering indexes for the report's counts, so that each one reads an index and never the tables: every
column a count filters, groups or counts by is in its index (the id last, for COUNT(id)). Measured at
1,000,000 cases in docs/performance.md ("Reports").

They replace the two partial indexes of 0002, which are their first columns. Written as SQL that SQLite
and PostgreSQL both accept; on PostgreSQL they are built CONCURRENTLY (outside a transaction), so that a
live service keeps writing cases, events and clocks while they are built.
"""

from typing import Any

from django.db import migrations

OUTCOMES = "('agreement', 'partial', 'no_agreement')"
CASE_FACTS = "source, channel, case_type, state, meeting_outcome, certificate_issued_on, la_notified_on, id"
INDEXES = [
    # Cases opened in a period, for one LA and for all: enquiries by source, channel, type, advice only.
    ("reporting_case_la_opened", f"cases_case (local_authority_id, opened_on, {CASE_FACTS})"),
    ("reporting_case_opened", f"cases_case (opened_on, {CASE_FACTS})"),
    # The case side of the joins from events and certificates: an LA's cases of a type (SEN2, activity).
    ("reporting_case_la_type", "cases_case (local_authority_id, case_type, id, elements)"),
    # Outcomes of meetings held: only cases with an outcome.
    ("reporting_case_outcome", f"cases_case (local_authority_id, id, meeting_outcome, decisions, elements) "
                               f"WHERE meeting_outcome IN {OUTCOMES}"),
    # First issues of certificates by date of issue (a corrected one supersedes and is not counted).
    ("reporting_certificate_la_issued",
     "documents_certificate (local_authority_id, issued_on, kind, case_id, id) WHERE supersedes_id IS NULL"),
    ("reporting_certificate_issued", "documents_certificate (issued_on, kind, id) WHERE supersedes_id IS NULL"),
    # Clocks met in a period: on time or late, and the days taken.
    ("reporting_deadline_met_on",
     "cases_deadline (met_on, clock, due_date, start_date, case_id, id) WHERE met_on IS NOT NULL"),
    # Status changes by state and time, the case each is for (counted once per case), and the state it left
    # (a change that stays in its state is not counted: reporting/state_changes.py).
    ("reporting_event_state_at", "cases_caseevent (to_state, at, case_id, from_state) WHERE kind = 'transition'"),
]
REPLACED = [
    ("reporting_event_transition_at", "cases_caseevent (to_state, at) WHERE kind = 'transition'"),
    ("reporting_deadline_met", "cases_deadline (met_on, clock) WHERE met_on IS NOT NULL"),
]


def _create(schema_editor: Any, indexes: list[tuple[str, str]]) -> None:
    how = "CONCURRENTLY " if schema_editor.connection.vendor == "postgresql" else ""
    for name, spec in indexes:
        schema_editor.execute(f"CREATE INDEX {how}IF NOT EXISTS {name} ON {spec}")


def _drop(schema_editor: Any, indexes: list[tuple[str, str]]) -> None:
    how = "CONCURRENTLY " if schema_editor.connection.vendor == "postgresql" else ""
    for name, _ in indexes:
        schema_editor.execute(f"DROP INDEX {how}IF EXISTS {name}")


def forwards(apps: Any, schema_editor: Any) -> None:
    _create(schema_editor, INDEXES)
    _drop(schema_editor, REPLACED)


def backwards(apps: Any, schema_editor: Any) -> None:
    _create(schema_editor, REPLACED)
    _drop(schema_editor, INDEXES)


class Migration(migrations.Migration):
    atomic = False  # CREATE INDEX CONCURRENTLY cannot run in a transaction
    dependencies = [
        ("reporting", "0002_report_indexes"),
        ("cases", "0007_list_indexes_end_with_id"),
        ("documents", "0001_initial"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
