"""The report chooser: which local authority and which period."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms

from .periods import (
    FIRST_YEAR,
    LAST_YEAR,
    YEAR_RANGE,
    Period,
    PeriodError,
    last_complete_quarter,
    period_month,
    period_quarter,
    period_rolling_12,
    period_year,
)

MONTHS = [(str(n), dt.date(2000, n, 1).strftime("%B")) for n in range(1, 13)]
KINDS = [("month", "A month"), ("quarter", "A quarter"), ("year", "A calendar year"),
         ("rolling", "The 12 months to the end of a month")]


class PeriodForm(forms.Form):
    """Fixed periods only (periods.py says why): the kind, the year, and the quarter or the month."""

    period = forms.ChoiceField(label="Period", choices=KINDS, initial="quarter", widget=forms.RadioSelect,
                               error_messages={"required": "Choose a period",
                                               "invalid_choice": "Choose a month, a quarter, a year or 12 months"})
    year = forms.IntegerField(label="Year", min_value=FIRST_YEAR, max_value=LAST_YEAR, required=False,
                              error_messages={"invalid": "Enter a year, for example 2026", "min_value": YEAR_RANGE,
                                              "max_value": YEAR_RANGE})
    quarter = forms.ChoiceField(label="Quarter", required=False, choices=[
        ("1", "January to March"), ("2", "April to June"), ("3", "July to September"), ("4", "October to December")],
        error_messages={"invalid_choice": "Choose a quarter from the list"})
    month = forms.ChoiceField(label="Month", required=False, choices=MONTHS,
                              help_text="For a month, or the last month of 12 months",
                              error_messages={"invalid_choice": "Choose a month from the list"})

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        kind, year = data.get("period"), data.get("year")
        if kind is None:
            return data
        if not isinstance(year, int):
            if "year" not in self.errors:
                self.add_error("year", "Enter a year, for example 2026")
            return data
        try:
            if kind == "quarter":
                if not data.get("quarter"):
                    if "quarter" not in self.errors:
                        self.add_error("quarter", "Choose a quarter")
                else:
                    data["report_period"] = period_quarter(year, int(data["quarter"]))
            elif kind == "year":
                data["report_period"] = period_year(year)
            elif not data.get("month"):
                if "month" not in self.errors:
                    self.add_error("month", "Choose a month")
            elif kind == "month":
                data["report_period"] = period_month(year, int(data["month"]))
            else:
                data["report_period"] = period_rolling_12(year, int(data["month"]))
        except PeriodError as error:
            self.add_error("year", str(error))
        return data

    @property
    def report_period(self) -> Period:
        return self.cleaned_data["report_period"]  # type: ignore[no-any-return]


def default_period_query(today: dt.date) -> str:
    """The last complete quarter: what a contract report usually covers."""
    return last_complete_quarter(today).query


class LocalAuthorityChoiceForm(forms.Form):
    la = forms.ChoiceField(label="Local authority")

    def __init__(self, *args: Any, choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["la"].choices = choices  # type: ignore[attr-defined]


PRICE_ERRORS = {"required": "Enter an amount in pounds, for example 120.00",
                "invalid": "Enter an amount in pounds, for example 120.00",
                "max_digits": "Enter an amount under £10,000,000", "max_whole_digits": "Enter an amount under £10,000,000",
                "max_decimal_places": "Enter an amount in pounds and pence, for example 120.50",
                "min_value": "Enter an amount of 0 or more"}


def _price(label: str) -> forms.DecimalField:
    # A text box, not type=number (GOV.UK: number inputs change values on scroll and read badly)
    return forms.DecimalField(label=label, max_digits=9, decimal_places=2, min_value=0, error_messages=PRICE_ERRORS,
                              widget=forms.TextInput(attrs={"inputmode": "decimal", "spellcheck": "false"}))


class RateCardVersionForm(forms.Form):
    """A new version of an LA's prices, in force from the first day of a month."""

    month = forms.ChoiceField(label="Month", choices=MONTHS, error_messages={
        "required": "Choose the month the prices start", "invalid_choice": "Choose a month from the list"})
    year = forms.IntegerField(label="Year", min_value=FIRST_YEAR, max_value=LAST_YEAR, error_messages={
        "required": "Enter the year the prices start, for example 2026", "invalid": "Enter a year, for example 2026",
        "min_value": YEAR_RANGE, "max_value": YEAR_RANGE})
    enquiry = _price("Each enquiry or referral (information and advice)")
    certificate = _price("Each mediation certificate issued")
    mediation = _price("Each SEN mediation meeting held")
    disagreement_resolution = _price("Each disagreement resolution meeting held")
    purchase_order = forms.CharField(label="Purchase order or contract reference", max_length=60, required=False,
                                     error_messages={"max_length": "Enter 60 characters or fewer"})
    vat_note = forms.CharField(label="VAT note", max_length=200, required=False,
                               help_text="For example: prices exclude VAT, or: no VAT is charged.",
                               error_messages={"max_length": "Enter 200 characters or fewer"})

    @property
    def effective_from(self) -> dt.date:
        return dt.date(self.cleaned_data["year"], int(self.cleaned_data["month"]), 1)


class CorrectionForm(forms.Form):
    reason = forms.CharField(label="What does the correction put right?", max_length=300, widget=forms.Textarea(
        attrs={"rows": 3}), error_messages={"required": "Say what the correction puts right",
                                            "max_length": "Enter 300 characters or fewer"})


def last_complete_month(today: dt.date) -> tuple[int, int]:
    """The year and month before `today`'s: the scorecard's default end."""
    first = today.replace(day=1) - dt.timedelta(days=1)
    return first.year, first.month


class ScorecardForm(forms.Form):
    """The scorecard covers the 12 months to the end of one month: the year and the month."""

    year = forms.IntegerField(label="Year", min_value=FIRST_YEAR, max_value=LAST_YEAR,
                              error_messages={"required": "Enter a year, for example 2026",
                                              "invalid": "Enter a year, for example 2026", "min_value": YEAR_RANGE,
                                              "max_value": YEAR_RANGE})
    month = forms.ChoiceField(label="Month", choices=MONTHS, help_text="The last month of the 12",
                              error_messages={"required": "Choose a month",
                                              "invalid_choice": "Choose a month from the list"})

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if isinstance(data.get("year"), int) and data.get("month"):
            try:
                data["report_period"] = period_rolling_12(data["year"], int(data["month"]))
            except PeriodError as error:
                self.add_error("year", str(error))
        return data

    @property
    def report_period(self) -> Period:
        return self.cleaned_data["report_period"]  # type: ignore[no-any-return]
