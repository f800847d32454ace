"""The forms of the staff summaries page: a side's summary, and the day they are all shared."""

from __future__ import annotations

from typing import Any

from django import forms

from senmediation.cases.models import Case
from senmediation.core.forms import GovukDateField
from senmediation.portal.services.exchange import SIDES


class SummaryForm(forms.Form):
    party: forms.ModelChoiceField = forms.ModelChoiceField(  # type: ignore[type-arg]
        queryset=None, label="Whose summary", empty_label="Choose a party",
        error_messages={"required": "Choose whose summary this is"},
    )
    text = forms.CharField(label="Their summary, in their words", widget=forms.Textarea(attrs={"rows": 5}),
                           max_length=10000, error_messages={"required": "Enter the summary"})

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["party"].queryset = case.parties.filter(role__in=SIDES)  # type: ignore[attr-defined]


class ReleaseDateForm(forms.Form):
    release_on = GovukDateField(label="Share what has arrived by this date", label_lower="the date",
                                help_text="For example, 27 3 2026")
