"""The referral journey's questions: one small form per page. Every message says how to put the
answer right. Each form gets the answers so far (`answers`) and today's date, because some
questions depend on earlier ones (a young person's age, which contact details are needed).

The package keeps the names the journey uses in one place; they live in: `choices` (the answers'
stored values and labels), `fields` (text, radios, checkboxes, phone and e-mail fields), `base`
(`StepForm` and how answers are kept in the session), and the questions in journey order:
`referrer` (who is asking, and the staff-only channel question), `disagreement` (the local
authority, the disagreement and what the family wants) and `family` (the child or young person,
how to contact the family, and the child's views)."""

from __future__ import annotations

from .base import StepForm
from .choices import (
    ADJUSTMENT_CHOICES,
    ADJUSTMENT_LABELS,
    CHANNEL_CHOICES,
    CONSENT_METHOD_CHOICES,
    CONTACT_CHOICES,
    PERMISSION_CHOICES,
    TOPIC_CHOICES,
    WANTS_LABELS,
    WHO_CHOICES,
)
from .disagreement import DisagreementForm, LocalAuthorityForm, SummaryForm, WantsForm
from .family import (
    UNDER_25_WHY,
    AdjustmentsForm,
    ChildForm,
    ChildViewsForm,
    ContactForm,
    ContactMethodsForm,
    LanguageForm,
)
from .fields import (
    CONTROL_CHARACTERS,
    PHONE_EXAMPLE,
    EmailField,
    PhoneField,
    TextField,
    checkboxes,
    is_mobile,
    radios,
    textarea,
    uk_phone_digits,
)
from .referrer import ChannelForm, ConsentForm, PermissionForm, ReferrerForm, WhoForm

__all__ = [
    "ADJUSTMENT_CHOICES",
    "ADJUSTMENT_LABELS",
    "CHANNEL_CHOICES",
    "CONSENT_METHOD_CHOICES",
    "CONTACT_CHOICES",
    "CONTROL_CHARACTERS",
    "PERMISSION_CHOICES",
    "PHONE_EXAMPLE",
    "TOPIC_CHOICES",
    "UNDER_25_WHY",
    "WANTS_LABELS",
    "WHO_CHOICES",
    "AdjustmentsForm",
    "ChannelForm",
    "ChildForm",
    "ChildViewsForm",
    "ConsentForm",
    "ContactForm",
    "ContactMethodsForm",
    "DisagreementForm",
    "EmailField",
    "LanguageForm",
    "LocalAuthorityForm",
    "PermissionForm",
    "PhoneField",
    "ReferrerForm",
    "StepForm",
    "SummaryForm",
    "TextField",
    "WantsForm",
    "WhoForm",
    "checkboxes",
    "is_mobile",
    "radios",
    "textarea",
    "uk_phone_digits",
]
