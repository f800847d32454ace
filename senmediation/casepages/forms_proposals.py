"""The forms of the "Find a time" page: how to search, and the proposal a coordinator books."""

from __future__ import annotations

import datetime as dt

from django import forms

from senmediation.rules.deadlines import MEETING_NOTICE_WORKING_DAYS
from senmediation.rules.proposals import Mode

from .proposals_data import Options

HOW_CHOICES = [(Mode.EITHER.value, "In a room, or by video if no suitable room is free"),
               (Mode.IN_PERSON.value, "In a room only"), (Mode.VIDEO.value, "By video only")]
NOTICE_CHOICES = [(str(MEETING_NOTICE_WORKING_DAYS), "5 working days (the usual notice)")] + [
    (str(n), f"{n} working day{'s' if n != 1 else ''}: the family agreed to less") for n in (4, 3, 2, 1)]
LENGTH_CHOICES = [("120", "2 hours"), ("180", "3 hours"), ("240", "4 hours")]


class FindTimeForm(forms.Form):
    how = forms.ChoiceField(label="How will you meet?", choices=HOW_CHOICES, widget=forms.RadioSelect,
                            initial=Mode.EITHER.value, error_messages={"required": "Choose how you will meet",
                                                                       "invalid_choice": "Choose how you will meet"})
    notice = forms.ChoiceField(
        label="Notice the family must have", choices=NOTICE_CHOICES, initial=str(MEETING_NOTICE_WORKING_DAYS),
        help_text="At least 5 working days unless the parent or young person agreed to less (SEND Regulations "
                  "2014 reg 37(2)).",
        error_messages={"required": "Choose the notice", "invalid_choice": "Choose the notice from the list"})
    length = forms.ChoiceField(label="How long the meeting lasts", choices=LENGTH_CHOICES, initial="180",
                               error_messages={"required": "Choose how long the meeting lasts",
                                               "invalid_choice": "Choose how long the meeting lasts from the list"})

    def options(self) -> Options:
        data = self.cleaned_data
        return Options(mode=Mode(data["how"]), notice_working_days=int(data["notice"]),
                       length_minutes=int(data["length"]))

    @classmethod
    def from_query(cls, query: dict[str, str]) -> FindTimeForm:
        """Bound to the query string, with the usual choices where it says nothing."""
        return cls({"how": query.get("how", Mode.EITHER.value),
                    "notice": query.get("notice", str(MEETING_NOTICE_WORKING_DAYS)),
                    "length": query.get("length", "180")})


class BookProposalForm(FindTimeForm):
    """One proposal as the page posts it back: its start and who and what it holds."""

    starts_at = forms.DateTimeField(input_formats=["%Y-%m-%dT%H:%M"], error_messages={
        "required": "Choose a proposed time to book", "invalid": "Choose a proposed time to book"})
    mediator = forms.IntegerField(min_value=1, error_messages={"required": "Choose a proposed time to book",
                                                               "invalid": "Choose a proposed time to book"})
    room = forms.IntegerField(min_value=1, required=False)
    helpers = forms.CharField(required=False, max_length=200)

    def clean_starts_at(self) -> dt.datetime:
        value: dt.datetime = self.cleaned_data["starts_at"]
        return value.replace(tzinfo=None)

    def clean_helpers(self) -> tuple[int, ...]:
        raw = self.cleaned_data.get("helpers") or ""
        try:
            return tuple(sorted({int(part) for part in raw.split(",") if part.strip()}))
        except ValueError:
            raise forms.ValidationError("Choose a proposed time to book") from None
