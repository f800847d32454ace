"""The staff pages' forms for organisations, API keys and webhook endpoints: they parse input; the
services in api/services.py decide."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone

from senmediation.core import clock
from senmediation.core.forms import GovukDateField
from senmediation.directory.models import LocalAuthority

from .models import EVENT_CHOICES, SCOPE_CHOICES, Organisation
from .outbound import url_problem

SCOPE_LABELS = {
    "referrals:write": "referrals:write: refer families (POST /referrals)",
    "cases:read": "cases:read: follow cases (GET /cases/{reference})",
    "certificates:read": "certificates:read: list and download certificates",
    "reports:read": "reports:read: its own local authority's report figures",
    "appeals:write": "appeals:write: tell us a family appealed to the Tribunal (a local authority's key)",
}
LONGEST_KEY_YEARS = 2


class OrganisationForm(forms.Form):
    name = forms.CharField(label="Organisation name", max_length=200, strip=True,
                           error_messages={"required": "Enter the organisation's name"})
    kind = forms.ChoiceField(
        label="What kind of organisation is it?", widget=forms.RadioSelect,
        choices=Organisation.Kind.choices,
        error_messages={"required": "Choose what kind of organisation it is",
                        "invalid_choice": "Choose what kind of organisation it is"})
    local_authority = forms.ModelChoiceField(
        label="Local authority", required=False, queryset=LocalAuthority.objects.order_by("name"),
        empty_label="Choose a local authority",
        help_text="For a local authority: its keys read only this authority's cases.",
        error_messages={"invalid_choice": "Choose a local authority from the list"})

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("kind") == Organisation.Kind.LOCAL_AUTHORITY and not data.get("local_authority") \
                and "local_authority" not in self.errors:
            self.add_error("local_authority", "Choose the local authority whose cases its keys may read")
        return data


class ApiKeyForm(forms.Form):
    name = forms.CharField(label="What is the key for?", max_length=100, strip=True,
                           help_text="For example, case system (live)",
                           error_messages={"required": "Enter a name for the key"})
    scopes = forms.MultipleChoiceField(
        label="What may the key do?", widget=forms.CheckboxSelectMultiple,
        choices=[(scope, SCOPE_LABELS.get(scope, label)) for scope, label in SCOPE_CHOICES],
        error_messages={"required": "Choose at least one thing the key may do"})
    expires = GovukDateField(label="When does the key stop working?", label_lower="the expiry date",
                             help_text="For example, 15 12 2027. At most 2 years from today.")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        today = clock.today()
        field = self.fields["expires"]
        assert isinstance(field, GovukDateField)
        field.min_date = today + dt.timedelta(days=1)
        field.min_message = "The expiry date must be after today"
        field.max_date = today.replace(year=today.year + LONGEST_KEY_YEARS, day=min(today.day, 28)) \
            if (today.month, today.day) == (2, 29) else today.replace(year=today.year + LONGEST_KEY_YEARS)
        field.max_message = f"The expiry date must be no later than {field.max_date:%-d %B %Y}"
        if not self.is_bound:
            self.initial.setdefault("expires", today + dt.timedelta(days=365))

    def expires_at(self) -> dt.datetime:
        """The end of the chosen day, London time."""
        day: dt.date = self.cleaned_data["expires"]
        return dt.datetime.combine(day, dt.time(23, 59, 59), tzinfo=timezone.get_default_timezone())


class WebhookEndpointForm(forms.Form):
    url = forms.CharField(label="Receiver's address", max_length=500, strip=True,
                          help_text="Starting with https://, for example https://hooks.example.org/sen",
                          error_messages={"required": "Enter the receiver's address"},
                          widget=forms.TextInput(attrs={"spellcheck": "false", "autocomplete": "url"}))
    events = forms.MultipleChoiceField(label="Which events does it get?", widget=forms.CheckboxSelectMultiple,
                                       choices=EVENT_CHOICES,
                                       error_messages={"required": "Choose at least one event to send"})

    def clean_url(self) -> str:
        # The same check the service makes, here too so every problem with the form shows at once.
        url: str = self.cleaned_data["url"]
        if problem := url_problem(url):
            raise forms.ValidationError(problem)
        return url


class WebhookEndpointChangeForm(WebhookEndpointForm):
    active = forms.BooleanField(label="Send events to this endpoint", required=False,
                                help_text="Untick to stop sending without deleting it.")
