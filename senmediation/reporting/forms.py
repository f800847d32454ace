"""The report chooser: which local authority and which period."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator

from .periods import FIRST_DAY, LAST_DAY, OUT_OF_RANGE, Period, PeriodError, period_dates, period_quarter, period_year

DATE_ERRORS = {"invalid": "Enter a real date, for example 2026-03-31"}
DATE_RANGE = [MinValueValidator(FIRST_DAY, OUT_OF_RANGE), MaxValueValidator(LAST_DAY, OUT_OF_RANGE)]
YEAR_RANGE = f"Enter a year from {FIRST_DAY.year} to {LAST_DAY.year}"


class PeriodForm(forms.Form):
    period = forms.ChoiceField(
        label="Period", choices=[("quarter", "A quarter"), ("year", "A calendar year"), ("dates", "Between two dates")],
        initial="quarter", widget=forms.RadioSelect,
    )
    year = forms.IntegerField(label="Year", min_value=FIRST_DAY.year, max_value=LAST_DAY.year, required=False,
                              error_messages={"invalid": "Enter a year, for example 2026", "min_value": YEAR_RANGE,
                                              "max_value": YEAR_RANGE})
    quarter = forms.ChoiceField(label="Quarter", required=False, choices=[
        ("1", "January to March"), ("2", "April to June"), ("3", "July to September"), ("4", "October to December")])
    start = forms.DateField(label="From", required=False, widget=forms.DateInput(attrs={"type": "date"}),
                            error_messages=DATE_ERRORS, validators=DATE_RANGE)
    end = forms.DateField(label="To", required=False, widget=forms.DateInput(attrs={"type": "date"}),
                          error_messages=DATE_ERRORS, validators=DATE_RANGE)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        kind, year = data.get("period"), data.get("year")
        try:
            if kind in ("quarter", "year") and not isinstance(year, int):
                self.add_error("year", "Enter a year, for example 2026")
            elif kind == "quarter" and isinstance(year, int):
                data["report_period"] = period_quarter(year, int(data.get("quarter") or 1))
            elif kind == "year" and isinstance(year, int):
                data["report_period"] = period_year(year)
            elif kind == "dates":
                if data.get("start") is None and "start" not in self.errors:
                    self.add_error("start", "Enter the first day of the period")
                if data.get("end") is None and "end" not in self.errors:
                    self.add_error("end", "Enter the last day of the period")
                if data.get("start") and data.get("end"):
                    data["report_period"] = period_dates(data["start"], data["end"])
        except PeriodError as error:
            self.add_error("end" if kind == "dates" else "year", str(error))
        return data

    @property
    def report_period(self) -> Period:
        return self.cleaned_data["report_period"]  # type: ignore[no-any-return]


def default_period_query(today: dt.date) -> str:
    """The last complete quarter: what a contract report usually covers."""
    quarter = (today.month - 1) // 3  # 0 means last year's fourth quarter
    year = today.year if quarter else today.year - 1
    return f"period=quarter&year={year}&quarter={quarter or 4}"


class LocalAuthorityChoiceForm(forms.Form):
    la = forms.ChoiceField(label="Local authority")

    def __init__(self, *args: Any, choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["la"].choices = choices  # type: ignore[attr-defined]


class RateCardForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        from .models import RateCard

        model = RateCard
        fields = ["enquiry", "certificate", "mediation", "disagreement_resolution", "purchase_order", "vat_note"]
        error_messages = {name: {"invalid": "Enter an amount in pounds, for example 120.00",
                                 "min_value": "Enter an amount of 0 or more"}
                          for name in ("enquiry", "certificate", "mediation", "disagreement_resolution")}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for name in ("enquiry", "certificate", "mediation", "disagreement_resolution"):
            if data.get(name) is not None and data[name] < 0:
                self.add_error(name, "Enter an amount of 0 or more")
        return data
