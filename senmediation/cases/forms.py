from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.core.cache import cache
from django.db.models import F

from senmediation.accounts.models import User
from senmediation.accounts.roles import Role
from senmediation.core import clock
from senmediation.core.forms import GovukDateField
from senmediation.directory.models import LocalAuthority, Venue
from senmediation.rules.calendar import add_working_days
from senmediation.rules.deadlines import notice_is_enough

from .models import CASE_TYPE_CHOICES, CLOCK_STATUS_CHOICES, STATE_CHOICES
from .search import MIN_WORD, search_usable, search_words
from .selectors import REFERENCE, SORTS, CaseFilters

FILTER_OPTIONS_KEY = "cases:filter-options"
FILTER_OPTIONS_SECONDS = 60


def _mediators() -> forms.ModelChoiceField:  # type: ignore[type-arg]
    return forms.ModelChoiceField(
        queryset=User.objects.filter(groups__name=Role.MEDIATOR.value, is_active=True).order_by("last_name"),
        required=False, label="Mediator", empty_label="Any",
    )


class CaseFilterForm(forms.Form):
    q = forms.CharField(
        label="Search", required=False, max_length=100,
        help_text="A reference, or the child's or anyone's name, phone number or e-mail address",
    )
    state = forms.ChoiceField(label="Status", choices=[("", "Any"), *STATE_CHOICES], required=False)
    case_type = forms.ChoiceField(label="Type", choices=[("", "Any"), *CASE_TYPE_CHOICES], required=False)
    local_authority = forms.ModelChoiceField(
        queryset=LocalAuthority.objects.order_by("name"), required=False, label="Local authority", empty_label="Any"
    )
    mediator = _mediators()
    clock_status = forms.ChoiceField(
        label="Most urgent clock", choices=[("", "Any"), *CLOCK_STATUS_CHOICES[:3]], required=False
    )
    opened_from = forms.DateField(label="Opened on or after", required=False, widget=forms.DateInput(
        attrs={"type": "date"}), error_messages={"invalid": "Enter a real date, for example 2026-03-27"})
    opened_to = forms.DateField(label="Opened on or before", required=False, widget=forms.DateInput(
        attrs={"type": "date"}), error_messages={"invalid": "Enter a real date, for example 2026-03-27"})
    sort = forms.ChoiceField(
        label="Sort by", required=False,
        choices=[("-opened", "Newest first"), ("opened", "Oldest first"), ("due", "Next deadline"),
                 ("reference", "Reference")],
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The LA and mediator options are the same for every request: read them once a minute, not on
        # every page. Choosing one still checks it against the database when the form is cleaned.
        options = cache.get(FILTER_OPTIONS_KEY)
        if options is None:
            options = {
                name: [("", "Any"), *((obj.pk, str(obj)) for obj in self.fields[name].queryset)]  # type: ignore[attr-defined]
                for name in ("local_authority", "mediator")
            }
            cache.set(FILTER_OPTIONS_KEY, options, FILTER_OPTIONS_SECONDS)
        for name, choices in options.items():
            self.fields[name].choices = choices  # type: ignore[attr-defined]

    def clean_q(self) -> str:
        q = " ".join(str(self.cleaned_data.get("q") or "").split())
        if q and not REFERENCE.match(q) and not search_usable(search_words(q)):
            raise forms.ValidationError(f"Enter at least {MIN_WORD} letters or numbers of a name, reference, "
                                        "phone number or e-mail address")
        return q

    def filters(self) -> CaseFilters:
        data = self.cleaned_data if self.is_valid() else {}
        la, mediator = data.get("local_authority"), data.get("mediator")
        sort = data.get("sort") or "-opened"
        return CaseFilters(
            state=data.get("state", ""), case_type=data.get("case_type", ""),
            local_authority=la.pk if la else None, mediator=mediator.pk if mediator else None,
            clock_status=data.get("clock_status", ""), opened_from=data.get("opened_from"),
            opened_to=data.get("opened_to"), q=data.get("q", ""), sort=sort if sort in SORTS else "-opened",
        )


class TransitionForm(forms.Form):
    action = forms.CharField(widget=forms.HiddenInput)
    on = GovukDateField(
        label="When did this happen?", label_lower="the date", required=False,
        help_text="Leave empty for today. For example, 27 3 2026",
    )
    note = forms.CharField(label="Note (optional)", required=False, max_length=2000, widget=forms.Textarea(
        attrs={"rows": 3}))
    manager_override = forms.BooleanField(
        required=False, label="Managers: go ahead although the usual checks refuse (close with agreed actions still open, or "
        "record a meeting as held before its day): give the reason as the note"
    )

    def clean_on(self) -> dt.date | None:
        value = self.cleaned_data.get("on")
        if value and value > clock.today():
            raise forms.ValidationError("The date must be today or in the past")
        return value


class NotArrangedForm(forms.Form):
    """The LA says it cannot arrange mediation in time (SEND Regs 2014 reg 39(2)): the day the adviser was told."""

    adviser_told_on = GovukDateField(
        label="When did the local authority tell us?", label_lower="the date the local authority told us",
        help_text="The certificate is due 3 working days after this date. For example, 22 5 2026",
    )
    note = forms.CharField(label="What did they say? (optional)", required=False, max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 3}))


class AssignMediatorForm(forms.Form):
    mediator = forms.ModelChoiceField(
        queryset=User.objects.filter(groups__name=Role.MEDIATOR.value, is_active=True).order_by("last_name"),
        label="Mediator", empty_label="Choose a mediator",
        error_messages={"required": "Choose a mediator", "invalid_choice": "Choose a mediator from the list"},
    )
    reason = forms.CharField(
        label="Reason (managers only, to assign a mediator who cannot usually take the case)", required=False,
        max_length=1000, widget=forms.Textarea(attrs={"rows": 2}),
    )


class CoordinatorForm(forms.Form):
    coordinator = forms.ModelChoiceField(
        queryset=User.objects.filter(groups__name=Role.COORDINATOR.value, is_active=True).order_by("last_name", "id"),
        label="Coordinator", empty_label="Choose a coordinator",
        error_messages={"required": "Choose a coordinator", "invalid_choice": "Choose a coordinator from the list"},
    )


def people_forms(*, mediator_id: int | None, coordinator_id: int | None,
                 offered: bool) -> tuple[AssignMediatorForm, CoordinatorForm]:
    """The case page's two pickers, the mediator and the coordinator. When they are `offered` (to coordinators and
    managers), both lists of options are read in one query, to keep the page within its query budget."""
    assign = AssignMediatorForm(initial={"mediator": mediator_id})
    coordinator = CoordinatorForm(initial={"coordinator": coordinator_id})
    if offered:
        people = list(User.objects.filter(is_active=True, groups__name__in=[Role.MEDIATOR.value, Role.COORDINATOR.value])
                      .annotate(role=F("groups__name")).order_by("last_name", "id"))
        for form, name, empty in ((assign, "mediator", "Choose a mediator"),
                                  (coordinator, "coordinator", "Choose a coordinator")):
            form.fields[name].choices = [  # type: ignore[attr-defined]
                ("", empty), *((person.pk, str(person)) for person in people if person.role == name)]
    return assign, coordinator


def earliest_with_notice(today: dt.date) -> dt.date:
    """The first day a meeting can be held with 5 clear working days' notice sent today."""
    day = add_working_days(today, 5)
    while not notice_is_enough(sent_on=today, meeting_day=day):
        day += dt.timedelta(days=1)
    return day


class ScheduleMeetingForm(forms.Form):
    day = GovukDateField(label="Date of the meeting", label_lower="the date of the meeting",
                         help_text="For example, 27 3 2026")
    time = forms.TimeField(
        label="Start time", help_text="Use the 24-hour clock, for example 10:00",
        error_messages={"required": "Enter a start time", "invalid": "Enter a time like 10:00"},
        widget=forms.TextInput(attrs={"data-govuk-class": "govuk-input--width-5"}),
    )
    venue = forms.ModelChoiceField(
        queryset=Venue.objects.filter(is_active=True).order_by("name"), label="Where",
        empty_label="Choose a venue", error_messages={"required": "Choose where the meeting will be"},
    )
    short_notice_agreed = forms.BooleanField(
        required=False, label="The family agreed to less than 5 working days' notice",
    )
    after_deadline_confirmed = forms.BooleanField(
        required=False, label="I understand this date is after the 30-day deadline",
    )
    reason = forms.CharField(label="Reason for a change (if moving the meeting)", required=False, max_length=500)

    def __init__(self, *args: Any, mediation_due: dt.date | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.mediation_due = mediation_due

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        day, time = data.get("day"), data.get("time")
        if isinstance(day, dt.date) and isinstance(time, dt.time):
            starts = dt.datetime.combine(day, time, tzinfo=clock.LONDON)
            if starts <= clock.now():
                self.add_error("day", "The meeting must be in the future")
            elif not data.get("short_notice_agreed") and not notice_is_enough(sent_on=clock.today(), meeting_day=day):
                # SEND Regs 2014 reg 37(2): at least 5 working days' notice unless the family agree to less.
                self.add_error("day", f"Choose a date on or after {earliest_with_notice(clock.today()):%-d %B %Y} "
                                      "to give 5 working days' notice, or record that the family agreed to less")
            elif self.mediation_due and day > self.mediation_due and not data.get("after_deadline_confirmed"):
                # SEND Regs 2014 regs 35(4), 36(2): mediation within 30 days of the LA being told.
                self.add_error("after_deadline_confirmed", f"This date is after the 30-day deadline of "
                               f"{self.mediation_due:%-d %B %Y}. Confirm that you understand, or choose an earlier date")
            data["starts_at"] = starts
        return data
