"""The decision-date question: the date on the local authority's decision letter, or that the family
do not have the letter. Without the date no deadline can be worked out (SEND Regulations 2014 reg 33;
HESC Rules r.20(1)(c)), so the journey carries on and the next page says what to do."""

from __future__ import annotations

from typing import Any

from django import forms

from senmediation.core.forms import GovukDateField
from senmediation.rules.calendar import add_months

from .forms.base import StepForm

NO_LETTER_LABEL = "I do not have the letter, or it has no date"
BOTH_MESSAGE = "Enter the date on the decision letter, or select that you do not have the letter, not both"
NEITHER_MESSAGE = "Enter the date on the decision letter, or select that you do not have the letter"


class DecisionDateForm(StepForm):
    heading_field = "decision_date"
    decision_date = GovukDateField(
        label_lower="the date on the decision letter", required=False,
        help_text="You will usually find it near the top of the letter. For example, 27 3 2026",
    )
    no_letter = forms.BooleanField(required=False, label=NO_LETTER_LABEL)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["decision_date"]
        assert isinstance(field, GovukDateField)
        field.max_date = self.today
        field.max_message = "The date on the decision letter must be today or in the past"
        field.min_date = add_months(self.today, -24)
        field.min_message = ("The date on the decision letter must be within the last 2 years. If your letter "
                             "is older, phone us and an adviser will talk through what you can do")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if "decision_date" in self.errors:
            return data
        day, no_letter = data.get("decision_date"), data.get("no_letter")
        if day and no_letter:
            self.add_error("no_letter", BOTH_MESSAGE)
        elif not day and not no_letter:
            self.add_error("decision_date", NEITHER_MESSAGE)
        return data
