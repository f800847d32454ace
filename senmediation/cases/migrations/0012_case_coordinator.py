"""The coordinator who looks after a case, and their diary's indexes, as the mediator's (migrations 0010-0011):
their finished cases newest first, and on PostgreSQL their open cases by the next date (cases.selectors
.case_next_date, written as in migration 0011)."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

NEXT_DATE = ("LEAST(COALESCE((next_meeting_at AT TIME ZONE 'Europe/London')::date, next_due_date), "
             "COALESCE(next_due_date, (next_meeting_at AT TIME ZONE 'Europe/London')::date))")
CREATE_INDEX = (f"CREATE INDEX case_coordinator_open ON cases_case (coordinator_id, ({NEXT_DATE}), id) "
                "WHERE NOT (state IN ('closed', 'withdrawn'))")


def index_create(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE_INDEX)


def index_drop(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS case_coordinator_open")


class Migration(migrations.Migration):

    dependencies = [
        ("cases", "0011_case_next_meeting_at"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="case",
            name="coordinator",
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT,
                                    related_name="coordinated_cases", to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddIndex(
            model_name="case",
            index=models.Index(condition=models.Q(("state__in", ["closed", "withdrawn"])),
                               fields=["coordinator", "-closed_on", "-id"], name="case_coordinator_finished"),
        ),
        migrations.RunPython(index_create, index_drop),
    ]
