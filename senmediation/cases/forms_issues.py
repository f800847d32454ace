"""The "Change the issues" form: the decisions and parts of the plan the family dispute now."""

from __future__ import annotations

from django import forms

from senmediation.rules.eligibility import APPEALABLE, DECISION_LABELS, Decision
from senmediation.rules.issues import EDUCATES_OR_TRAINS

DECISION_CHOICES = [(d.value, DECISION_LABELS[d]) for d in Decision if d in APPEALABLE]
PART_CHOICES = [
    ("education", "Education: the special educational needs or provision (sections B and F)"),
    ("health", "Health care (sections C and G)"),
    ("social_care", "Social care (sections D and H)"),
    (EDUCATES_OR_TRAINS, "Health or social care provision that educates or trains the child or young person"),
]


class IssuesForm(forms.Form):
    decisions = forms.MultipleChoiceField(
        label="Which decisions do the family disagree with now?", choices=DECISION_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one decision the family disagree with",
                        "invalid_choice": "Choose the decisions from the list"},
    )
    elements = forms.MultipleChoiceField(
        label="Which parts of the plan are in dispute? (optional)", choices=PART_CHOICES, required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="The law treats health or social care provision that educates or trains as special educational "
        "provision (Children and Families Act 2014 s.21(5)), so it counts as education.",
        error_messages={"invalid_choice": "Choose the parts of the plan from the list"},
    )
    reason = forms.CharField(
        label="Why have the issues changed?", widget=forms.Textarea(attrs={"rows": 3}), max_length=1000,
        help_text="For example, what the family told you and when. This goes on the case timeline.",
        error_messages={"required": "Enter why the issues changed, for example what the family told you",
                        "max_length": "Keep the reason to 1,000 characters or fewer"},
    )
