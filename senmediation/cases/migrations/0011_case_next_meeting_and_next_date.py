"""Keeps each case's next meeting on the case, with the earlier of its day and the next deadline (`next_date`),
so a diary reads a page of someone's open cases in order from an index instead of looking up every case's
next meeting (docs/performance.md). The backfill is one set-based statement per column on PostgreSQL (it runs
on a database of a million cases) and correlated subqueries on SQLite; then the diary's index moves over."""

from zoneinfo import ZoneInfo

from django.db import migrations, models
from django.db.models import DateField, Exists, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce, Least, TruncDate

# Only cases with a deadline chased or a meeting scheduled have a next date: a minority of a large database.
POSTGRES_NEXT_DATE = "UPDATE cases_case SET next_date = next_due_date WHERE next_due_date IS NOT NULL"
POSTGRES_NEXT_MEETING = """
UPDATE cases_case AS c
   SET next_meeting_at = m.starts_at,
       next_date = LEAST(c.next_due_date, (m.starts_at AT TIME ZONE 'Europe/London')::date)
  FROM (SELECT case_id, MIN(starts_at) AS starts_at FROM meetings_meeting
         WHERE status = 'scheduled' GROUP BY case_id) AS m
 WHERE c.id = m.case_id
"""


def backfill(apps, schema_editor):  # type: ignore[no-untyped-def]
    connection = schema_editor.connection
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(POSTGRES_NEXT_DATE)
            cursor.execute(POSTGRES_NEXT_MEETING)  # LEAST ignores a null on PostgreSQL
        return
    case_model = apps.get_model("cases", "Case")
    scheduled = apps.get_model("meetings", "Meeting").objects.filter(case=OuterRef("pk"), status="scheduled")
    case_model.objects.filter(Exists(scheduled)).update(
        next_meeting_at=Subquery(scheduled.order_by("starts_at").values("starts_at")[:1]))
    meeting_day = TruncDate("next_meeting_at", tzinfo=ZoneInfo("Europe/London"))
    # Each Coalesce falls back to the other: SQLite's MIN() of a null is null.
    case_model.objects.filter(Q(next_due_date__isnull=False) | Q(next_meeting_at__isnull=False)).update(
        next_date=Least(Coalesce(meeting_day, "next_due_date", output_field=DateField()),
                        Coalesce("next_due_date", meeting_day, output_field=DateField())))


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
        migrations.AddField(
            model_name="case",
            name="next_date",
            field=models.DateField(blank=True, null=True),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop, elidable=True),
        migrations.RemoveIndex(model_name="case", name="case_mediator_open"),
        migrations.AddIndex(
            model_name="case",
            index=models.Index(condition=models.Q(("state__in", ["closed", "withdrawn"]), _negated=True),
                               fields=["mediator", "next_date", "id"], name="case_mediator_open"),
        ),
    ]
