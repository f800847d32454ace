"""Why one of our steps was done late (rules/late_reasons.py): the two fields every form that does such a step
adds when the step is late, and the small form on the case page for a clock met late without a reason."""

from __future__ import annotations

from typing import Any

from django import forms

from senmediation.rules.late_reasons import LATE_NOTE_MAX, LATE_REASON_LABELS, late_reason_refusal


class LateReasonFields(forms.Form):
    """Why a step is done after its due date (rules/late_reasons.py): asked only when it is late, then required."""

    late_reason = forms.ChoiceField(
        label="Why is this late?", widget=forms.RadioSelect,
        choices=[(reason.value, label) for reason, label in LATE_REASON_LABELS.items()],
        error_messages={"required": "Select why this step was done late",
                        "invalid_choice": "Select why this step was done late"},
    )
    late_note = forms.CharField(
        label="If another reason, what was it?", required=False, max_length=LATE_NOTE_MAX,
        help_text="A few words. Do not name anyone.",
        error_messages={"max_length": f"The reason must be {LATE_NOTE_MAX} characters or fewer"},
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if "late_reason" in self.fields and data.get("late_reason"):
            refusal = late_reason_refusal(late=True, reason=data["late_reason"], note=data.get("late_note", ""))
            if refusal is not None:
                self.add_error(refusal[0], refusal[1])
        return data


class LateReasonForm(LateReasonFields):
    """The case page's form for a clock already met late."""
