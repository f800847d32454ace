"""Appeals to the First-tier Tribunal (SEND) that a local authority tells us about.

The service is not a party to an appeal: the family lodge it with the Tribunal, and the Tribunal registers it
and tells the local authority. So an appeal is recorded here only when the LA tells us (its staff on the
reports pages, or its system through the API), and the SEN2 figure "appeals after mediation" is counted from
these facts, never guessed from a case's state.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from senmediation.rules.eligibility import APPEALABLE, DECISION_LABELS, Decision

DECISION_CHOICES = [(d.value, DECISION_LABELS[d]) for d in Decision if d in APPEALABLE]


class TribunalAppeal(models.Model):
    class Via(models.TextChoices):
        FORM = "form", "Staff page"
        API = "api", "API"

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="tribunal_appeals")
    # The case's LA, kept here so that an LA's appeals in a year are read from one index, without the cases.
    local_authority = models.ForeignKey("directory.LocalAuthority", on_delete=models.PROTECT, related_name="+")
    registered_on = models.DateField(help_text="The day the Tribunal registered (or the family lodged) the appeal.")
    decision = models.CharField(max_length=30, choices=DECISION_CHOICES,
                                help_text="The local authority's decision the appeal is about.")
    withdrawn_on = models.DateField(null=True, blank=True)
    via = models.CharField(max_length=10, choices=Via.choices)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")
    recorded_by_name = models.CharField(max_length=200, help_text="The person, or the API key and its organisation.")
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["-registered_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["case", "decision", "registered_on"], name="appeal_once_per_case_decision_day"),
        ]
        indexes = [models.Index(fields=["local_authority", "-registered_on"], name="appeal_la_registered")]

    def __str__(self) -> str:
        return f"Appeal on {self.case_id} registered {self.registered_on}"
