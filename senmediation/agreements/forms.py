"""Forms for the meeting record and the agreement builder: plain labels, big targets, no JavaScript."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms

from senmediation.agreements.attendance_rules import authority_refusal
from senmediation.cases.models import Case, Issue, Party
from senmediation.core import clock
from senmediation.core.forms import GovukDateField
from senmediation.meetings.models import Attendance

from .models import LA_ACTION_CHOICES

GROUND_RULES = [
    ("confidentiality", "Everything said stays confidential to the meeting"),
    ("respect", "Everyone will behave respectfully"),
    ("listening", "Everyone is willing to hear the others"),
    ("impartiality", "The mediator is impartial and does not take sides"),
]


class _PartyChoice(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        extra = f", {obj.organisation}" if obj.organisation else ""
        return f"{obj.name}{extra} ({obj.get_role_display()})"


class AttendanceForm(forms.Form):
    party = _PartyChoice(
        queryset=Party.objects.none(), required=False, label="Who is it?", empty_label="Someone not listed",
        help_text="Choose a party to the case, or 'Someone not listed' and type their name.",
    )
    name = forms.CharField(label="Name (if not listed)", required=False, max_length=200)
    role = forms.ChoiceField(label="They attend as", choices=Attendance.Role.choices)
    consent_recorded = forms.BooleanField(
        label="Consent recorded for someone who is not a party, a second supporter or the child", required=False,
        help_text="All parties agreed (or, failing that, the mediator). For the child: the parent and the mediator.",
    )
    consent_note = forms.CharField(label="Who consented (optional)", required=False, max_length=300)
    # SEND Regs 2014 reg 37(1): required for local authority and ICB attendees (checked by the service).
    has_authority = forms.TypedChoiceField(
        label="Did they have authority to agree to resolve the issues?", required=False, widget=forms.RadioSelect,
        choices=[("yes", "Yes"), ("no", "No")], coerce=lambda v: v == "yes", empty_value=None,
        help_text="Answer for a local authority or integrated care board attendee.",
    )

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["party"].queryset = case.parties.all()  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if refusal := authority_refusal(data.get("role", ""), has_authority=data.get("has_authority")):
            self.add_error("has_authority", refusal)
        return data


class GroundRulesForm(forms.Form):
    rules = forms.MultipleChoiceField(
        label="Ground rules everyone confirmed", choices=GROUND_RULES, required=False,
        widget=forms.CheckboxSelectMultiple, help_text="All four are needed before the agreement can be final.",
    )


class SessionEndForm(forms.Form):
    how = forms.ChoiceField(
        label="How did this session end?", widget=forms.RadioSelect,
        choices=[("ended", "The meeting has finished"), ("adjourned", "Adjourned, to continue later")],
        error_messages={"required": "Choose whether the meeting finished or was adjourned"},
    )
    note = forms.CharField(label="Note (optional)", required=False, max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 2}))


class IssueOutcomesForm(forms.Form):
    def __init__(self, *args: Any, issues: list[Issue], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for issue in issues:
            self.fields[f"issue_{issue.pk}"] = forms.ChoiceField(
                label=issue.text, choices=Issue.Outcome.choices, widget=forms.RadioSelect, required=False,
                initial=issue.outcome or None,
            )


class ItemForm(forms.Form):
    agreed = forms.ChoiceField(
        label="Was this agreed?", widget=forms.RadioSelect, initial="yes",
        choices=[("yes", "Yes, agreed"), ("no", "No, record it as not agreed")],
    )
    owner = _PartyChoice(
        queryset=Party.objects.none(), required=False, label="Who will do it?", empty_label="Choose a person",
    )
    action = forms.CharField(
        label="What exactly will they do?", max_length=4000, widget=forms.Textarea(attrs={"rows": 3}),
        help_text="In the participants' own words. Say how much or how often.",
        error_messages={"required": "Say what will be done"},
    )
    la_action = forms.ChoiceField(
        label="If the local authority will act on an appealable matter, what?", required=False,
        choices=[("", "Not an appealable local authority action"), *LA_ACTION_CHOICES],
        help_text="The law sets the date for these (SEND Regulations 2014 reg 44, applied by reg 42).",
    )
    due = GovukDateField(
        label="By when?", label_lower="the date", required=False,
        help_text="For example, 27 3 2027. Leave empty for a local authority or ICB action to use the legal timescale.",
    )
    other_timescale_agreed_in_writing = forms.BooleanField(
        label="Everyone agreed this later date in writing", required=False,
        help_text="Needed for a date later than the law's timescale (reg 42(5)).",
    )
    measure = forms.CharField(
        label="How will everyone know it is done?", required=False, max_length=4000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    issue = forms.ModelChoiceField(
        queryset=Issue.objects.none(), required=False, label="Which issue does it settle? (optional)",
        empty_label="None of them",
    )

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = case.parties.all()  # type: ignore[attr-defined]
        self.fields["issue"].queryset = case.issues.all()  # type: ignore[attr-defined]

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "owner": data.get("owner"), "action": data["action"], "due": data.get("due"),
            "measure": data.get("measure", ""), "issue": data.get("issue"), "la_action": data.get("la_action", ""),
            "agreed": data.get("agreed") != "no",
            "other_timescale_agreed_in_writing": bool(data.get("other_timescale_agreed_in_writing")),
        }


class MarkDoneForm(forms.Form):
    on = GovukDateField(label="When was it done?", label_lower="the date it was done", required=False,
                        help_text="Leave empty for today. For example, 27 3 2027")

    def clean_on(self) -> dt.date:
        value = self.cleaned_data.get("on") or clock.today()
        if value > clock.today():
            raise forms.ValidationError("The date it was done must be today or in the past")
        return value
