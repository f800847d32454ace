"""The referral journey's questions about the disagreement: the local authority that made the decision,
what the disagreement is about, the family's own description of it, and what they would like to do now
(a certificate is offered only when one is needed)."""

from __future__ import annotations

from typing import Any

from django import forms

from senmediation.cases.models import Case
from senmediation.directory.models import LocalAuthority

from .. import answers as read
from ..answers import NOT_LISTED
from .base import StepForm
from .choices import TOPIC_CHOICES, WANTS_LABELS
from .fields import checkboxes, radios, textarea


class LocalAuthorityForm(StepForm):
    heading_field = "local_authority"
    local_authority = forms.ChoiceField(
        choices=(), help_text="This is the council that sent the decision letter.",
        error_messages={"required": "Select the local authority that made the decision",
                        "invalid_choice": "Select the local authority that made the decision"},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [("", "Select a local authority")]
        for la in LocalAuthority.objects.order_by("name").only("pk", "name"):
            choices.append((str(la.pk), la.name))
        choices.append((NOT_LISTED, "It is not in this list"))
        field = self.fields["local_authority"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = choices


class DisagreementForm(StepForm):
    heading_field = "topics"
    topics = checkboxes(TOPIC_CHOICES, select="what the disagreement is about", help_text=(
        "Select all that apply. EHC plans replaced Statements of special educational needs in 2014, and "
        "SEN support replaced School Action and School Action Plus."))


class SummaryForm(StepForm):
    heading_field = "summary"
    summary = textarea(
        what="the description of the disagreement", max_length=3000, label="",
        help_text="For example, what the council decided and what you would like to happen instead. "
                  "You can leave this empty and tell the adviser when we speak.",
    )


class WantsForm(StepForm):
    heading_field = "wants"
    wants = radios(
        [], select="what you would like to do now",
        help_text="Mediation is your choice. Whichever you pick, you keep your right to appeal to the "
                  "Tribunal, and you can change your mind later.",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        values = [Case.Wants.MEDIATION.value, Case.Wants.CERTIFICATE.value, Case.Wants.TALK.value]
        if not read.certificate_is_needed(self.answers):
            values.remove(Case.Wants.CERTIFICATE.value)
        field = self.fields["wants"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(value, WANTS_LABELS[value]) for value in values]
