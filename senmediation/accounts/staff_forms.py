"""Forms for the staff pages (accounts/staff_views.py). Errors in plain English; the service decides."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.validators import UnicodeUsernameValidator

from senmediation.directory.models import LocalAuthority

from .roles import ROLE_LABELS, Role

COMMISSIONER_LA = "Choose the local authority this commissioner works for"


class PersonForm(forms.Form):
    first_name = forms.CharField(label="First name", max_length=150,
                                 error_messages={"required": "Enter their first name"})
    last_name = forms.CharField(label="Last name", max_length=150,
                                error_messages={"required": "Enter their last name"})
    phone = forms.CharField(label="Phone number (optional)", max_length=40, required=False,
                            widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "tel"}))
    roles = forms.MultipleChoiceField(label="Roles", widget=forms.CheckboxSelectMultiple,
                                      error_messages={"required": "Choose at least one role",
                                                      "invalid_choice": "You can only give roles below your own"},
                                      help_text="Select all that apply.")
    local_authority = forms.ModelChoiceField(
        label="Local authority (for a commissioner)", required=False, queryset=LocalAuthority.objects.none(),
        empty_label="None", help_text="A commissioner sees only this local authority's figures.")

    def __init__(self, *args: Any, grantable: list[Role], held: frozenset[Role] = frozenset(), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The roles this manager may give, and any the person already holds (refused if changed).
        shown = [role for role in Role if role in grantable or role in held]
        self.fields["roles"].choices = [(role.value, ROLE_LABELS[role]) for role in shown]  # type: ignore[attr-defined]
        self.fields["local_authority"].queryset = LocalAuthority.objects.order_by("name")  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if Role.COMMISSIONER.value in (data.get("roles") or []) and not data.get("local_authority"):
            self.add_error("local_authority", COMMISSIONER_LA)
        return data

    def chosen_roles(self) -> frozenset[Role]:
        return frozenset(Role(value) for value in self.cleaned_data["roles"])


class InviteForm(PersonForm):
    email = forms.EmailField(label="E-mail address", max_length=254,
                             help_text="We send the invitation here. It works once, for 24 hours.",
                             error_messages={"required": "Enter their e-mail address",
                                             "invalid": "Enter an e-mail address like name@example.org"},
                             widget=forms.EmailInput(attrs={"autocomplete": "off", "spellcheck": "false"}))
    username = forms.CharField(label="Username", max_length=150,
                               help_text="What they sign in with. Letters, digits and @ . + - _ only.",
                               validators=[UnicodeUsernameValidator()],
                               error_messages={"required": "Enter a username",
                                               "invalid": "Use only letters, digits and @ . + - _ in the username"},
                               widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}))
    field_order = ["first_name", "last_name", "email", "username", "roles", "local_authority", "phone"]


class EmailForm(forms.Form):
    new_email = forms.EmailField(label="New e-mail address", max_length=254,
                                 error_messages={"required": "Enter the new e-mail address",
                                                 "invalid": "Enter an e-mail address like name@example.org"},
                                 widget=forms.EmailInput(attrs={"autocomplete": "off", "spellcheck": "false"}))
