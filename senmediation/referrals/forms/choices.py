"""The referral journey's answer choices: the values stored in the session and on the case, each with
the words people read. The steps, the check-answers page and the confirmation e-mail show an answer by
looking its label up here."""

from __future__ import annotations

from senmediation.cases.models import Case, Party
from senmediation.rules.eligibility import APPEALABLE, DECISION_LABELS, Decision

from ..answers import HEALTH, OTHER_TOPIC, SOCIAL_CARE

# --- Answer choices (the stored values; labels are what people read) ------------------------------

WHO_CHOICES = [
    (Case.Source.PARENT.value, "I am their parent or carer"),
    (Case.Source.YOUNG_PERSON.value, "I am the young person (I have finished year 11 at school and I am under 26) and I am asking for myself"),
    (Case.Source.LA_OFFICER.value, "I work for the local authority"),
    (Case.Source.IASS.value, "I work for an information, advice and support service (IASS or SENDIASS)"),
    (Case.Source.SCHOOL.value, "I work for their school or college"),
    (Case.Source.OTHER.value, "I am someone else helping the family"),
]

PERMISSION_CHOICES = [
    ("parent", "Yes, the parent or carer has agreed"),
    ("young_person", "Yes, the young person (who has finished year 11 and is under 26) has agreed"),
    ("no", "No, not yet"),
]

CONSENT_METHOD_CHOICES = [
    ("in_person", "Face to face"),
    ("phone", "On the phone"),
    ("email", "By email"),
    ("letter", "In a letter or on a signed form"),
    ("text", "By text message"),
    ("other", "Another way"),
]

# What the disagreement is about: the appealable decisions (CFA 2014 s.51(2)), the health and social
# care parts of a plan (s.53(3)-(4), s.54), and anything else, such as SEN support (disagreement
# resolution, CoP 11.6). Statements and School Action ended in 2014: not offered as answers.
TOPIC_CHOICES = [
    *[(d.value, DECISION_LABELS[d]) for d in Decision if d in APPEALABLE],
    (HEALTH, "The health care in the plan (section C: health needs, and section G: health provision)"),
    (SOCIAL_CARE, "The social care in the plan (section D: social care needs, and section H: social care provision)"),
    (OTHER_TOPIC, "Something else about special educational needs, for example SEN support at school without a plan"),
]

WANTS_LABELS = {
    Case.Wants.MEDIATION.value: "Mediation: a meeting, led by an independent mediator, to try to reach an agreement",
    Case.Wants.CERTIFICATE.value: "A mediation certificate without mediation, so that an appeal can be made",
    Case.Wants.TALK.value: "To talk the options through with an adviser before deciding",
}

CHANNEL_CHOICES = [
    (Case.Channel.PHONE.value, "Phone call"),
    (Case.Channel.EMAIL.value, "Email"),
    (Case.Channel.LETTER.value, "Letter"),
]

CONTACT_CHOICES = [
    (Party.Contact.PHONE.value, "Phone call"),
    (Party.Contact.EMAIL.value, "Email"),
    (Party.Contact.LETTER.value, "Letter"),
    (Party.Contact.TEXT.value, "Text message"),
]

ADJUSTMENT_CHOICES = [
    ("interpreter", "An interpreter for a spoken language"),
    ("bsl", "A British Sign Language (BSL) interpreter"),
    ("large_print", "Letters and documents in large print"),
    ("easy_read", "Easy read letters and documents"),
    ("accessible_venue", "A meeting place with step-free access"),
    ("breaks", "Regular breaks during meetings"),
    ("phone_not_email", "Phone calls rather than emails"),
]
ADJUSTMENT_LABELS = dict(ADJUSTMENT_CHOICES)
