"""The coordinator who looks after a case, and their diary's indexes (like the mediator's, migration 0010)."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("cases", "0011_case_next_meeting_and_next_date"),
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
            index=models.Index(condition=models.Q(("state__in", ["closed", "withdrawn"]), _negated=True),
                               fields=["coordinator", "next_date", "id"], name="case_coordinator_open"),
        ),
        migrations.AddIndex(
            model_name="case",
            index=models.Index(condition=models.Q(("state__in", ["closed", "withdrawn"])),
                               fields=["coordinator", "-closed_on", "-id"], name="case_coordinator_finished"),
        ),
    ]
