"""The staff form an LA's commissioner or a manager records an appeal with. It checks what it can alone (a
reference that looks like one, real dates, not in the future); the service checks the rest against the case
(whose it is, when it opened) and its errors are put next to the field they are about."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms

from senmediation.core.errors import ServiceError
from senmediation.core.forms import GovukDateField

from .models import DECISION_CHOICES


class TribunalAppealForm(forms.Form):
    reference = forms.CharField(
        label="Case reference", max_length=20,
        help_text="As on our letters and the certificate, for example MED-2026-00042.",
        error_messages={"required": "Enter the case reference"},
        widget=forms.TextInput(attrs={"spellcheck": "false", "data-govuk-class": "govuk-input--width-20"}),
    )
    registered_on = GovukDateField(label="Date the Tribunal registered the appeal",
                                   label_lower="the date the appeal was registered",
                                   help_text="As on the Tribunal's letter, for example 27 3 2026.")
    decision = forms.ChoiceField(label="What the appeal is about", choices=DECISION_CHOICES, widget=forms.RadioSelect,
                                 error_messages={"required": "Choose the decision the appeal is about"})
    withdrawn_on = GovukDateField(label="Date the appeal was withdrawn (if it was)", required=False,
                                  label_lower="the date the appeal was withdrawn",
                                  help_text="Leave this empty unless the family withdrew the appeal.")

    def __init__(self, *args: Any, today: dt.date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("registered_on", "withdrawn_on"):
            field = self.fields[name]
            assert isinstance(field, GovukDateField)
            field.max_date = today

    def clean_reference(self) -> str:
        return str(self.cleaned_data["reference"]).strip().upper()

    def service_error(self, error: ServiceError) -> None:
        self.add_error(error.field if error.field in self.fields else None, error.message)
