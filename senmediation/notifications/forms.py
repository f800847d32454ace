from __future__ import annotations

from typing import Any

from django import forms

from senmediation.cases.models import Party
from senmediation.portal.models import Purpose

from .models import Message


class StatusFilterForm(forms.Form):
    status = forms.ChoiceField(label="Status", required=False,
                               choices=[("", "All messages"), *Message.Status.choices])


class TemplateForm(forms.Form):
    subject = forms.CharField(label="Subject", max_length=200,
                              error_messages={"required": "Enter a subject"})
    body = forms.CharField(label="Message", widget=forms.Textarea(attrs={"rows": 14}),
                           error_messages={"required": "Enter the message"})


class LinkCreateForm(forms.Form):
    party: forms.ModelChoiceField = forms.ModelChoiceField(  # type: ignore[type-arg]
                                   label="Who is the link for?", queryset=Party.objects.none(),
                                   empty_label=None, error_messages={"required": "Choose who the link is for"})
    purpose = forms.ChoiceField(label="What is it for?", choices=Purpose.choices, widget=forms.RadioSelect,
                                error_messages={"required": "Choose what the link is for"})
    days_valid = forms.IntegerField(label="Days the link works for", initial=14, min_value=1, max_value=60,
                                    error_messages={"required": "Enter how many days the link works for",
                                                    "min_value": "A link must work for at least 1 day",
                                                    "max_value": "A link can work for at most 60 days",
                                                    "invalid": "Enter a number of days, like 14"})

    def __init__(self, *args: Any, parties: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["party"]
        field.queryset = parties  # type: ignore[attr-defined]
        field.label_from_instance = lambda party: f"{party.name} ({party.get_role_display()})"  # type: ignore[attr-defined]
        self.fields["days_valid"].widget.attrs["data-govuk-class"] = "govuk-input--width-3"
