"""Search by anyone in a case: `Case.search_text`, filled for every case there is, and on PostgreSQL a
trigram index on it (pg_trgm) so that `LIKE '%word%'` is an index lookup at 1,000,000 cases."""

from django.db import migrations, models

from senmediation.cases.search import Person, search_text_for

BATCH = 2_000


def _backfill(apps, schema_editor):  # type: ignore[no-untyped-def]
    Case = apps.get_model("cases", "Case")
    Party = apps.get_model("cases", "Party")
    last_id = 0
    while True:
        cases = list(Case.objects.filter(id__gt=last_id).order_by("id")
                     .only("id", "reference", "child_first_name", "child_last_name")[:BATCH])
        if not cases:
            return
        people: dict[int, list[Person]] = {}
        for case_id, name, email, phone in (Party.objects.filter(case_id__in=[c.id for c in cases])
                                            .order_by("id").values_list("case_id", "name", "email", "phone")):
            people.setdefault(case_id, []).append(Person(name=name, email=email, phone=phone))
        for case in cases:
            case.search_text = search_text_for(reference=case.reference, child_first_name=case.child_first_name,
                                               child_last_name=case.child_last_name, people=people.get(case.id, []))
        Case.objects.bulk_update(cases, ["search_text"], batch_size=BATCH)
        last_id = cases[-1].id


def _trigram_index(apps, schema_editor):  # type: ignore[no-untyped-def]
    # PostgreSQL only. pg_trgm is a trusted extension (PostgreSQL 13+): the database's owner may create it.
    # SQLite has no such index: its LIKE reads the table, which is fine at the sizes SQLite is used for.
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS case_search_text_trgm ON cases_case USING gin (search_text gin_trgm_ops)"
        )


def _drop_trigram_index(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS case_search_text_trgm")


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0008_party_representative"),
    ]

    operations = [
        migrations.AddField(
            model_name="case",
            name="search_text",
            field=models.TextField(
                blank=True, default="",
                help_text="Lower-case reference, child's name and every party's name, e-mail and phone "
                          "(cases/search.py), kept by the services that change them; trigram-indexed on "
                          "PostgreSQL (migration 0008).",
            ),
        ),
        migrations.RunPython(_backfill, migrations.RunPython.noop, elidable=True),
        migrations.RunPython(_trigram_index, _drop_trigram_index),
    ]
