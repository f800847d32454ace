from django.db import migrations, models


def _surname_prefix_index(apps, schema_editor):  # type: ignore[no-untyped-def]
    # PostgreSQL only: LIKE 'smith%' can use a btree index only with the pattern operator class when the
    # database's collation is not C. SQLite's LIKE never uses an index here, and its tables stay small.
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS case_search_name_prefix ON cases_case (search_name varchar_pattern_ops)"
        )


def _drop_surname_prefix_index(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS case_search_name_prefix")


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0003_child_views_attachment"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="deadline",
            index=models.Index(
                condition=models.Q(
                    ("clock__in", [
                        "contact_adviser", "certificate_no_mediation", "health_issues_to_icb", "mediation_held",
                        "certificate_not_arranged", "certificate_after_mediation", "agreement_other_actions",
                        "icb_tells_la", "first_call_back",
                    ]),
                    ("met_on__isnull", True),
                    ("stopped_on__isnull", True),
                ),
                fields=["due_date", "id"],
                name="deadline_chased_open_due",
            ),
        ),
        migrations.RunPython(_surname_prefix_index, _drop_surname_prefix_index),
    ]
