"""The referral journey's base form, `StepForm`: one page's question(s), given the answers so far
(`answers`) and today's date, because some questions depend on earlier ones (a young person's age,
which contact details are needed). It also keeps its answers in the session as JSON-safe values and
rebuilds form data from them, so that answers can be checked and shown again."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any, ClassVar

from django import forms
from django.utils.datastructures import MultiValueDict

from senmediation.core import clock
from senmediation.core.forms import GovukDateField

from .. import answers as read
from ..answers import Answers

# --- The base form and how answers are kept in the session ----------------------------------------


class StepForm(forms.Form):
    """One page's question(s). `heading_field`: the field whose label is the page heading (h1)."""

    heading_field: ClassVar[str | None] = None

    def __init__(self, *args: Any, answers: Answers | None = None, today: dt.date | None = None,
                 title: str = "", **kwargs: Any) -> None:
        self.answers: Answers = answers or {}
        self.today = today or clock.today()
        super().__init__(*args, **kwargs)
        if self.heading_field and title and self.heading_field in self.fields:
            self.fields[self.heading_field].label = title

    def answer(self, slug: str, name: str, default: Any = None) -> Any:
        return read.value(self.answers, slug, name, default)

    @property
    def acting_young_person(self) -> bool:
        return read.acting_young_person(self.answers)

    @property
    def third_party(self) -> bool:
        return read.is_third_party(self.answers)

    def to_session(self) -> dict[str, Any]:
        """The cleaned answers as JSON-safe values: dates become ISO strings."""
        stored: dict[str, Any] = {}
        for name, value in self.cleaned_data.items():
            if isinstance(value, dt.date):
                stored[name] = value.isoformat()
            elif isinstance(value, list | tuple):
                stored[name] = [str(item) for item in value]
            else:
                stored[name] = value
        return stored

    @classmethod
    def data_from_session(cls, stored: Mapping[str, Any]) -> MultiValueDict[str, Any]:
        """Form data that reproduces stored answers, so they can be checked again and shown again."""
        data: MultiValueDict[str, Any] = MultiValueDict()
        for name, field in cls.base_fields.items():
            value = stored.get(name)
            if value is None:
                continue
            if isinstance(field, GovukDateField):
                try:
                    day = dt.date.fromisoformat(str(value))
                except ValueError:
                    continue
                data[f"{name}_0"], data[f"{name}_1"], data[f"{name}_2"] = str(day.day), str(day.month), str(day.year)
            elif isinstance(field, forms.MultipleChoiceField):
                data.setlist(name, [str(item) for item in value] if isinstance(value, list) else [])
            elif isinstance(field, forms.BooleanField):
                if value:
                    data[name] = "on"
            else:
                data[name] = str(value)
        return data
