"""Indexes the report's date-range counts need on tables other apps own. Partial indexes, written as SQL
that SQLite and PostgreSQL both accept, so the cases app's models stay as they are."""

from django.db import migrations

INDEXES = [
    ("reporting_event_transition_at", "cases_caseevent (to_state, at) WHERE kind = 'transition'"),
    ("reporting_deadline_met", "cases_deadline (met_on, clock) WHERE met_on IS NOT NULL"),
]


class Migration(migrations.Migration):
    dependencies = [("reporting", "0001_rate_card"), ("cases", "0005_young_person_help")]

    operations = [
        migrations.RunSQL(f"CREATE INDEX IF NOT EXISTS {name} ON {spec}", f"DROP INDEX IF EXISTS {name}")
        for name, spec in INDEXES
    ]
