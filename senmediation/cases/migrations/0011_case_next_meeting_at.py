"""Keeps each open case's next meeting on the case, so a diary reads a page of someone's open cases in order
from an index, instead of looking up every open case's next meeting first (docs/performance.md).

The order is the earlier of that meeting's day in London and the next deadline (cases.selectors.case_next_date);
on PostgreSQL the partial index `case_mediator_open` now holds that expression, written here as Django writes
it in a query (PostgreSQL uses an expression index only for the same expression). SQLite, at the sizes it is
used for, sorts. The backfill is one set-based UPDATE on PostgreSQL (it runs on a database of a million cases,
and writes only the open cases with a meeting scheduled) and a correlated subquery on SQLite.
"""

from django.db import migrations, models
from django.db.models import Exists, OuterRef, Subquery

FINISHED = ["closed", "withdrawn"]
NEXT_DATE = ("LEAST(COALESCE((next_meeting_at AT TIME ZONE 'Europe/London')::date, next_due_date), "
             "COALESCE(next_due_date, (next_meeting_at AT TIME ZONE 'Europe/London')::date))")
POSTGRES_BACKFILL = """
UPDATE cases_case AS c
   SET next_meeting_at = m.starts_at
  FROM (SELECT case_id, MIN(starts_at) AS starts_at FROM meetings_meeting
         WHERE status = 'scheduled' GROUP BY case_id) AS m
 WHERE c.id = m.case_id AND NOT (c.state IN ('closed', 'withdrawn'))
"""
CREATE_INDEX = (f"CREATE INDEX case_mediator_open ON cases_case (mediator_id, ({NEXT_DATE}), id) "
                "WHERE NOT (state IN ('closed', 'withdrawn'))")


def backfill(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(POSTGRES_BACKFILL)
        return
    scheduled = apps.get_model("meetings", "Meeting").objects.filter(case=OuterRef("pk"), status="scheduled")
    (apps.get_model("cases", "Case").objects.filter(Exists(scheduled)).exclude(state__in=FINISHED)
     .update(next_meeting_at=Subquery(scheduled.order_by("starts_at").values("starts_at")[:1])))


def index_create(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE_INDEX)


def index_drop(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS case_mediator_open")


class Migration(migrations.Migration):

    dependencies = [
        ("cases", "0010_mediator_diary_indexes"),
        ("meetings", "0003_meeting_cancelled_by_attendance_authority"),
    ]

    operations = [
        migrations.AddField(
            model_name="case",
            name="next_meeting_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop, elidable=True),
        # The index on (mediator, next_due_date, id) gives way to one on (mediator, the next date, id).
        migrations.RemoveIndex(model_name="case", name="case_mediator_open"),
        migrations.RunPython(index_create, index_drop),
    ]
