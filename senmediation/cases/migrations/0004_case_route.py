"""A case's route replaces the placement-only and health-only flags: health care only, social care only
and both are different routes (CFA 2014 ss.53-54), and each decides the certificate and the clocks."""

from django.db import migrations, models


def _route(case) -> str:
    if case.case_type == "disagreement_resolution":
        return "disagreement_resolution"
    if case.placement_only:
        return "placement_only"
    if case.health_only:
        elements = set(case.elements or [])
        if {"health", "social_care"} <= elements:
            return "health_and_social_care"
        return "social_care_only" if "social_care" in elements and "health" not in elements else "health_only"
    return "statutory_mediation"


def forwards(apps, schema_editor):
    Case = apps.get_model("cases", "Case")
    for case in Case.objects.exclude(case_type="sen_mediation", placement_only=False, health_only=False).iterator():
        Case.objects.filter(pk=case.pk).update(route=_route(case))


def backwards(apps, schema_editor):
    Case = apps.get_model("cases", "Case")
    Case.objects.filter(route="placement_only").update(placement_only=True)
    Case.objects.filter(route__in=["health_only", "social_care_only", "health_and_social_care"]).update(health_only=True)


class Migration(migrations.Migration):
    dependencies = [("cases", "0003_child_views_attachment")]

    operations = [
        migrations.AddField(
            model_name="case",
            name="route",
            field=models.CharField(
                choices=[
                    ("statutory_mediation", "SEN mediation: a certificate is needed before appealing"),
                    ("placement_only", "Mediation offered: no certificate is needed to appeal about the school only"),
                    ("health_only", "Mediation about health care only: the ICB arranges it, no certificate is needed"),
                    ("social_care_only", "Mediation about social care only: the council arranges it, no certificate is needed"),
                    ("health_and_social_care", "Mediation about health and social care: no certificate is needed"),
                    ("signpost_drs", "Contact your council for its disagreement resolution service"),
                    ("disagreement_resolution", "Disagreement resolution: voluntary, no certificate"),
                ],
                default="statutory_mediation",
                help_text="Decides the certificate and who arranges the mediation (rules/eligibility.py).",
                max_length=30,
            ),
        ),
        migrations.RunPython(forwards, backwards),
        migrations.RemoveField(model_name="case", name="placement_only"),
        migrations.RemoveField(model_name="case", name="health_only"),
    ]
