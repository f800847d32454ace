"""The family's expenses form (through their secure link) and the office's decision form. Every field is
optional except where another answer needs it; an empty box is nothing claimed."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms

from senmediation.rules.expenses import (
    CARE_PENCE_PER_HOUR,
    LOST_EARNINGS_CAP_PENCE,
    MILEAGE_PENCE_PER_MILE,
    OVERNIGHT_PLACE_LABELS,
    ClaimAnswers,
    OvernightPlace,
    pounds,
)

MAX_PENCE = 1_000_000
_MONEY = re.compile(r"^£?(\d{1,7})(?:\.(\d{2}))?$")
RECEIPT_FIELDS = ("receipt_1", "receipt_2", "receipt_3")


class PenceField(forms.CharField):
    """An amount typed in pounds ('12.40', '£12.40', '1,200') as whole pence; empty is 0."""

    def __init__(self, *, label: str, what: str, **kwargs: Any) -> None:
        self.what = what
        super().__init__(label=label, required=False, max_length=20, **kwargs)
        self.widget.attrs.update({"inputmode": "decimal", "data-govuk-class": "govuk-input--width-5",
                                  "spellcheck": "false"})

    def clean(self, value: Any) -> int:
        text = (super().clean(value) or "").replace(",", "").replace(" ", "")
        if not text:
            return 0
        match = _MONEY.match(text)
        if match is None:
            raise forms.ValidationError(f"Enter {self.what} in pounds and pence, like 12.40")
        pence = int(match.group(1)) * 100 + int(match.group(2) or 0)
        if pence > MAX_PENCE:
            raise forms.ValidationError(f"{self.what[0].upper()}{self.what[1:]} must be {pounds(MAX_PENCE)} or less")
        return pence


def _count(label: str, what: str, most: int, hint: str = "") -> forms.IntegerField:
    field = forms.IntegerField(label=label, required=False, min_value=0, max_value=most, help_text=hint,
                               error_messages={"invalid": f"Enter {what} as a whole number, like 2",
                                               "min_value": f"{what[0].upper()}{what[1:]} cannot be less than 0",
                                               "max_value": f"{what[0].upper()}{what[1:]} must be {most:,} or fewer"})
    field.widget.attrs.update({"inputmode": "numeric", "data-govuk-class": "govuk-input--width-4"})
    return field


class ClaimForm(forms.Form):
    public_transport = PenceField(label="Train, bus or tram fares", what="the fares",
                                  help_text="Standard class, for you and your child. The total, for example 12.40")
    taxi = PenceField(label="Taxi fares", what="the taxi fares", help_text="The total, for example 18.00")
    miles = _count("Miles you drove by car or motorcycle", "the miles", 2000,
                   f"There and back. We pay {pounds(MILEAGE_PENCE_PER_MILE)} a mile.")
    lost_earnings = PenceField(label="Earnings you lost", what="the earnings you lost",
                               help_text=f"Pay you lost to come to the meeting. We can pay up to "
                                         f"{pounds(LOST_EARNINGS_CAP_PENCE)}.")
    care_hours = forms.CharField(
        label="Hours a registered carer looked after someone for you", required=False, max_length=6,
        help_text=f"Whole or half hours, for example 3.5. We pay {pounds(CARE_PENCE_PER_HOUR)} an hour for each "
                  f"child or adult cared for.")
    care_people = _count("How many children or adults did the carer look after?", "the number of people", 20)
    overnight_nights = _count("Nights you had to stay away from home", "the nights", 14)
    overnight_place = forms.ChoiceField(
        label="Where did you stay?", required=False, widget=forms.RadioSelect,
        choices=[(place.value, OVERNIGHT_PLACE_LABELS[place].capitalize()) for place in OvernightPlace])
    overnight_cost = PenceField(label="What the stay cost in total", what="what the stay cost",
                                help_text="For example, 95.00")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for number, name in enumerate(RECEIPT_FIELDS, start=1):
            self.fields[name] = forms.FileField(
                label=f"Receipt or proof ({number} of 3, optional)", required=False,
                help_text="A photo or PDF of a ticket, receipt, payslip or carer's invoice. Smaller than 5MB."
                if number == 1 else "")
        self.fields["care_hours"].widget.attrs.update({"inputmode": "decimal",
                                                       "data-govuk-class": "govuk-input--width-3"})

    def clean_care_hours(self) -> Decimal:
        text = (self.cleaned_data.get("care_hours") or "").strip()
        if not text:
            return Decimal(0)
        try:
            hours = Decimal(text)
        except InvalidOperation:
            raise forms.ValidationError("Enter the hours as a number, like 3 or 3.5") from None
        if not hours.is_finite() or hours < 0 or hours > 48 or (hours * 2) % 1:
            raise forms.ValidationError("Enter whole or half hours from 0 to 48, like 3 or 3.5")
        return hours

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("care_hours") and not data.get("care_people") and "care_people" not in self.errors:
            self.add_error("care_people", "Enter how many children or adults the carer looked after")
        if data.get("care_people") and not data.get("care_hours") and "care_hours" not in self.errors:
            self.add_error("care_hours", "Enter how many hours the carer looked after them")
        nights = data.get("overnight_nights")
        if nights and not data.get("overnight_place"):
            self.add_error("overnight_place", "Select where you stayed")
        if (data.get("overnight_place") or data.get("overnight_cost")) and not nights \
                and "overnight_nights" not in self.errors:
            self.add_error("overnight_nights", "Enter how many nights you stayed away")
        return data

    def answers(self) -> ClaimAnswers:
        data = self.cleaned_data
        return ClaimAnswers(
            public_transport_pence=data["public_transport"], taxi_pence=data["taxi"], miles=data["miles"] or 0,
            lost_earnings_pence=data["lost_earnings"], care_hours=data["care_hours"],
            care_people=data["care_people"] or 0, overnight_nights=data["overnight_nights"] or 0,
            overnight_place=OvernightPlace(data["overnight_place"]) if data["overnight_place"] else None,
            overnight_pence=data["overnight_cost"])

    def receipts(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in RECEIPT_FIELDS if self.cleaned_data.get(name)}


def claim_initial(answers: ClaimAnswers) -> dict[str, Any]:
    """A saved draft, as the form shows it again."""
    def money(pence: int) -> str:
        return f"{pence // 100}.{pence % 100:02d}" if pence else ""

    return {"public_transport": money(answers.public_transport_pence), "taxi": money(answers.taxi_pence),
            "miles": answers.miles or None, "lost_earnings": money(answers.lost_earnings_pence),
            "care_hours": f"{answers.care_hours.normalize():f}" if answers.care_hours else "",
            "care_people": answers.care_people or None, "overnight_nights": answers.overnight_nights or None,
            "overnight_place": answers.overnight_place.value if answers.overnight_place else "",
            "overnight_cost": money(answers.overnight_pence)}


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label="Your decision", widget=forms.RadioSelect,
        choices=[("approve", "Approve: pay the amount payable"), ("refuse", "Refuse the claim")],
        error_messages={"required": "Select approve or refuse"})
    reason = forms.CharField(
        label="Reason", required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Needed to refuse; the family are told it. For example, no receipt for the taxi.",
        error_messages={"max_length": "The reason must be 2,000 characters or fewer"})

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("decision") == "refuse" and not (data.get("reason") or "").strip():
            self.add_error("reason", "Enter why the claim is refused")
        return data
