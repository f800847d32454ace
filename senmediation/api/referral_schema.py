"""The body of `POST /referrals`, as the OpenAPI schema publishes it and as the server checks it.

Every closed list comes from the journey's own choices (referrals/forms/choices.py); every length is the
journey field's; the rules that tie one answer to another (a professional names themselves and the
family's permission; a young person acting for themselves; which contact details each way of contact
needs; when the decision letter's date is needed) are published as `allOf` if/then clauses and checked
by `_journey_rules` below, one beside the other. So a body the schema allows is a referral the journey
accepts, and a body it refuses is answered 422 before the journey sees it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Annotated, Any, Literal

from ninja import Schema
from pydantic import AfterValidator, ConfigDict, Field
from pydantic_core import PydanticCustomError

from senmediation.cases.models import Case
from senmediation.core import clock
from senmediation.directory.models import LocalAuthority
from senmediation.referrals.answers import OTHER_TOPIC
from senmediation.referrals.forms.choices import (
    ADJUSTMENT_CHOICES,
    CONSENT_METHOD_CHOICES,
    CONTACT_CHOICES,
    PERMISSION_CHOICES,
    TOPIC_CHOICES,
    WHO_CHOICES,
)
from senmediation.rules.eligibility import APPEALABLE, Decision

from . import formats as f

WHO = [value for value, _ in WHO_CHOICES]
THIRD_PARTIES = [Case.Source.LA_OFFICER.value, Case.Source.IASS.value, Case.Source.SCHOOL.value,
                 Case.Source.OTHER.value]
# "no" ends the journey: a family's permission comes first, so the API takes only a yes.
PERMISSIONS = [value for value, _ in PERMISSION_CHOICES if value != "no"]
CONSENT_METHODS = [value for value, _ in CONSENT_METHOD_CHOICES]
TOPICS = [value for value, _ in TOPIC_CHOICES]
CONTACT_METHODS = [value for value, _ in CONTACT_CHOICES]
ADJUSTMENTS = [value for value, _ in ADJUSTMENT_CHOICES]
WANTS = [value for value, _ in Case.Wants.choices]
# A certificate is needed (and can be asked for) when an appealable decision other than the placement is
# disputed (CFA 2014 s.55; rules/eligibility.py certificate_needed).
CERTIFICATE_TOPICS = [d.value for d in Decision if d in APPEALABLE and d is not Decision.plan_placement]
# Anything but "other" has a decision letter whose date the journey needs.
LETTER_TOPICS = [topic for topic in TOPICS if topic != OTHER_TOPIC]


CONTROL_MESSAGE = "Remove the control characters from this answer"


def _checked(pattern: str, message: str) -> Callable[[str], str]:
    """The pattern, checked; a control character is named as such whatever else the pattern wants."""
    def check(value: str) -> str:
        if not f.matches(f.TEXT, value):
            raise PydanticCustomError("control_characters", CONTROL_MESSAGE)
        if not f.matches(pattern, value):
            raise PydanticCustomError("format", message)
        return value
    return check


def Text(max_length: int, *, pattern: str = f.TEXT, message: str = CONTROL_MESSAGE, **extra: Any) -> Any:
    return Annotated[str, Field(max_length=max_length, json_schema_extra={"pattern": pattern, **extra}),
                     AfterValidator(_checked(pattern, message))]


NotBlank = Text(200, pattern=f.NOT_BLANK, message="Enter this answer")
Email = Text(254, pattern=f.EMAIL_OR_EMPTY, message="Enter an email address such as name@example.com, or leave it "
                                                     "empty", examples=["pat@sendiass.example.org"])
Phone = Text(40, pattern=f.PHONE_OR_EMPTY, message="Enter a UK phone number such as 07700 900123 or "
                                                    "+44 161 123 4567, or leave it empty", examples=["0161 123 4567"])


def _date(ranged: Callable[[dt.date], tuple[dt.date, dt.date]], what: str) -> Any:
    def check(value: str) -> str:
        first, last = ranged(clock.today())
        if not f.date_in(value, first, last):
            raise PydanticCustomError("date_range", f"Give {what} as YYYY-MM-DD, from {first} to {last}")
        return value

    def publish(schema: dict[str, Any]) -> None:
        first, last = ranged(clock.today())
        schema["pattern"] = f.date_pattern(first, last)
        schema["description"] = f"{what[0].upper()}{what[1:]}: YYYY-MM-DD, from {first} to {last} (today)."
    return Annotated[str, Field(json_schema_extra=publish), AfterValidator(check)]


RecentDate = _date(f.recent_range, "a date within the last 2 years")
BirthDate = _date(f.child_birth_range, "the date of birth of someone under 25")


class _Strict(Schema):
    model_config = ConfigDict(extra="forbid")


class ReferrerIn(_Strict):
    """The professional referring: a name, an organisation (unless `who` is `other`), and an e-mail address
    or a phone number."""

    name: Text(200) = ""  # type: ignore[valid-type]
    organisation: Text(200) = ""  # type: ignore[valid-type]
    email: Email = ""  # type: ignore[valid-type]
    phone: Phone = ""  # type: ignore[valid-type]


class ConsentIn(_Strict):
    """Who gave the family's permission for the referral, on which day, and how."""

    given_by: Text(200) = ""  # type: ignore[valid-type]
    given_on: RecentDate | None = None  # type: ignore[valid-type]
    method: Literal[tuple(CONSENT_METHODS)] | None = None  # type: ignore[valid-type]


class ChildIn(_Strict):
    first_name: Text(100, pattern=f.NOT_BLANK, message="Enter the first name")  # type: ignore[valid-type]
    last_name: Text(100, pattern=f.NOT_BLANK, message="Enter the last name")  # type: ignore[valid-type]
    date_of_birth: BirthDate = Field(description="Under 25 today; a young person acting for themselves is also "  # type: ignore[valid-type]
                                                 "over compulsory school age.")


def _contact_clauses(schema: dict[str, Any]) -> None:
    """Which details each way of contact needs (the journey's ContactForm), as if/then clauses."""
    schema["allOf"] = [
        {"anyOf": [_required("email", _FILLED), _required("phone", _FILLED)]},
        {"if": _required("methods", _contains(["email"])), "then": _required("email", _FILLED)},
        {"if": _required("methods", _contains(["phone"])), "then": _required("phone", _FILLED)},
        {"if": _required("methods", _contains(["text"])),
         "then": _required("phone", {"type": "string", "pattern": f.MOBILE})},
        {"if": _required("methods", _contains(["letter"])), "then": _required("address", _NOT_BLANK)},
    ]


class ContactIn(_Strict):
    """How to reach the parent or carer (the young person when they act for themselves): the ways they
    would like, and the details each way needs (the `allOf` clauses)."""

    model_config = ConfigDict(extra="forbid", json_schema_extra=_contact_clauses)

    methods: list[Literal[tuple(CONTACT_METHODS)]] = Field(min_length=1, max_length=10,  # type: ignore[valid-type]
                                                           description="The ways they would like us to use.")
    call_times: Text(200) = Field("", description="Optional: the best times to call.")  # type: ignore[valid-type]
    name: Text(200) = Field("", description="Required unless a young person acts for themselves.")  # type: ignore[valid-type]
    email: Email = ""  # type: ignore[valid-type]
    phone: Phone = ""  # type: ignore[valid-type]
    address: Text(500) = Field("", description="Required when `letter` is a contact method.")  # type: ignore[valid-type]


def _served_codes() -> list[str]:
    return list(LocalAuthority.objects.filter(commissions_us=True).order_by("gss_code")
                .values_list("gss_code", flat=True))


def _drs_codes() -> list[str]:
    return list(LocalAuthority.objects.filter(commissions_us=True, commissions_drs=True).order_by("gss_code")
                .values_list("gss_code", flat=True))


def _served(value: str) -> str:
    if not f.matches(f.GSS_CODE, value) or value not in _served_codes():
        raise PydanticCustomError("not_served", "Give the GSS code of a local authority we serve (see the enum)")
    return value


def _publish_served(schema: dict[str, Any]) -> None:
    schema["enum"] = _served_codes()


GssCode = Annotated[str, Field(json_schema_extra=_publish_served, examples=["E08000009"]), AfterValidator(_served)]


# --- The rules that tie answers together: published as if/then clauses, checked by journey_rule_errors ----

def _one_of(*values: str) -> dict[str, Any]:
    return {"enum": list(values)}


def _contains(values: list[str]) -> dict[str, Any]:
    return {"type": "array", "contains": {"enum": values}}


def _required(name: str, schema: dict[str, Any]) -> dict[str, Any]:
    return {"type": "object", "required": [name], "properties": {name: schema}}


_FILLED = {"type": "string", "minLength": 1}
_NOT_BLANK = {"type": "string", "pattern": f.NOT_BLANK}


def _who_cases() -> dict[str, Any]:
    """Who refers, and for whom: one branch per case (the family themselves, or a professional with the
    parent's or the young person's permission), each with what that case needs."""
    young_first, young_last = f.young_person_birth_range(clock.today())
    young_born = {"properties": {"child": _required("date_of_birth", {
        "type": "string", "pattern": f.date_pattern(young_first, young_last)})}}
    parent_named = {"properties": {"contact": _required("name", _NOT_BLANK)}}

    def professional(whos: list[str], permission: str, organisation: bool) -> dict[str, Any]:
        referrer: dict[str, Any] = {
            "type": "object", "required": ["name", "organisation"] if organisation else ["name"],
            "properties": {"name": _NOT_BLANK, **({"organisation": _NOT_BLANK} if organisation else {})},
            "anyOf": [_required("email", _FILLED), _required("phone", _FILLED)]}
        consent = {"type": "object", "required": ["given_by", "given_on", "method"],
                   "properties": {"given_by": _NOT_BLANK, "given_on": {"type": "string"},
                                  "method": {"type": "string"}}}
        needs = young_born if permission == "young_person" else parent_named
        return {"required": ["who", "referrer", "permission", "consent"],
                "properties": {"who": {"enum": whos}, "permission": {"const": permission}, "referrer": referrer,
                               "consent": consent, **needs["properties"]}}

    organisations = [who for who in THIRD_PARTIES if who != Case.Source.OTHER.value]
    return {"anyOf": [
        {"required": ["who"], "properties": {"who": {"const": Case.Source.PARENT.value}, **parent_named["properties"]}},
        {"required": ["who"], "properties": {"who": {"const": Case.Source.YOUNG_PERSON.value}, **young_born["properties"]}},
        *[professional(whos, permission, organisation)
          for whos, organisation in ((organisations, True), ([Case.Source.OTHER.value], False))
          for permission in PERMISSIONS],
    ]}


def _topic_cases() -> dict[str, Any]:
    """What the disagreement is about decides whether the decision letter's date is needed, whether a
    certificate can be asked for, and (for `other` alone) which local authorities take it."""
    drs = _drs_codes()
    not_certificate = [topic for topic in TOPICS if topic not in CERTIFICATE_TOPICS]
    no_certificate = {"wants": _one_of(Case.Wants.MEDIATION.value, Case.Wants.TALK.value)}
    return {"anyOf": [
        {"required": ["topics", "decision_date"],
         "properties": {"topics": _contains(CERTIFICATE_TOPICS), "decision_date": {"type": "string"}}},
        {"required": ["topics", "decision_date"],
         "properties": {"topics": {**_contains(LETTER_TOPICS), "items": {"enum": not_certificate}},
                        "decision_date": {"type": "string"}, **no_certificate}},
        {"required": ["topics"],
         "properties": {"topics": {"type": "array", "items": {"const": OTHER_TOPIC}},
                        "local_authority": {"enum": drs} if drs else {"not": {}}, **no_certificate}},
    ]}


def _publish_rules(schema: dict[str, Any]) -> None:
    schema["allOf"] = [_who_cases(), _topic_cases()]


EXAMPLE = {
    "who": "iass",
    "referrer": {"name": "Pat Adviser", "organisation": "Trafford SENDIASS", "phone": "0161 123 4567"},
    "permission": "parent",
    "consent": {"given_by": "Ravi Patel", "given_on": "2026-11-26", "method": "phone"},
    "local_authority": "E08000009",
    "topics": ["plan_provision"],
    "decision_date": "2026-11-08",
    "wants": "mediation",
    "child": {"first_name": "Sam", "last_name": "Patel", "date_of_birth": "2016-05-04"},
    "contact": {"methods": ["phone"], "name": "Ravi Patel", "phone": "07700 900123"},
}


class ReferralIn(_Strict):
    """The public referral journey's questions in one body; the rules that tie answers together are the
    `allOf` clauses (who refers, a young person acting for themselves, contact details, the letter's date)."""

    model_config = ConfigDict(extra="forbid", json_schema_extra=_publish_rules)

    who: Literal[tuple(WHO)] = Field(description="Who is referring: the family themselves or a professional.")  # type: ignore[valid-type]
    referrer: ReferrerIn | None = Field(None, description="Required when a professional refers (`who` is "
                                                          "la_officer, iass, school or other).")
    permission: Literal[tuple(PERMISSIONS)] | None = Field(  # type: ignore[valid-type]
        None, description="A professional referring: who agreed to it, the parent or carer or the young person. "
                          "Without the family's permission, do not refer.")
    consent: ConsentIn | None = Field(None, description="Required when a professional refers.")
    local_authority: GssCode = Field(description="The GSS code of the local authority that made the decision; "
                                                 "only those we serve are listed.")
    topics: list[Literal[tuple(TOPICS)]] = Field(min_length=1, max_length=20,  # type: ignore[valid-type]
                                                 description="What the disagreement is about.")
    summary: Text(3000) = Field("", description="Optional: the disagreement in the family's words.")  # type: ignore[valid-type]
    decision_date: RecentDate | None = Field(  # type: ignore[valid-type]
        None, description="The date on the decision letter; required unless the only topic is `other`.")
    wants: Literal[tuple(WANTS)] = Field(description="What the family want now; `certificate` only when the "  # type: ignore[valid-type]
                                                     "topics include an appealable decision other than the placement.")
    child: ChildIn
    contact: ContactIn
    language: Text(60, pattern=f.NOT_BLANK, message="Enter a language") = "English"  # type: ignore[valid-type]
    adjustments: list[Literal[tuple(ADJUSTMENTS)]] = Field(default_factory=list, max_length=20)  # type: ignore[valid-type]
    adjustments_notes: Text(2000) = ""  # type: ignore[valid-type]
    child_views: Text(5000) = ""  # type: ignore[valid-type]
    child_views_help_wanted: bool = False


def _filled(value: str) -> bool:
    return bool(value.strip())


def journey_rule_errors(body: ReferralIn) -> list[dict[str, str]]:
    """The `allOf` clauses, checked: each broken rule named by the field to put right."""
    errors: list[tuple[str, str]] = []
    today = clock.today()
    third_party = body.who in THIRD_PARTIES
    if third_party:
        referrer, consent = body.referrer, body.consent
        if referrer is None or not _filled(referrer.name):
            errors.append(("referrer.name", "Enter the name of the person referring"))
        if referrer is not None and not (referrer.email or referrer.phone):
            errors.append(("referrer.email", "Enter the referrer's email address or phone number"))
        if body.who != "other" and (referrer is None or not _filled(referrer.organisation)):
            errors.append(("referrer.organisation", "Enter the referrer's organisation"))
        if body.permission is None:
            errors.append(("permission", "Say who agreed to the referral"))
        if consent is None or not _filled(consent.given_by) or consent.given_on is None or consent.method is None:
            errors.append(("consent", "Say who gave permission, on which day and how"))
    if body.who == Case.Source.YOUNG_PERSON or (third_party and body.permission == "young_person"):
        first, last = f.young_person_birth_range(today)
        if not f.date_in(body.child.date_of_birth, first, last):
            errors.append(("child.date_of_birth", f"A young person acting for themselves was born from {first} "
                                                  f"to {last}: over compulsory school age and under 25"))
    elif not _filled(body.contact.name):
        errors.append(("contact.name", "Enter the full name of the parent or carer"))
    if any(topic in LETTER_TOPICS for topic in body.topics):
        if body.decision_date is None:
            errors.append(("decision_date", "Enter the date on the decision letter"))
    elif body.local_authority not in _drs_codes():
        errors.append(("local_authority", "This local authority's own disagreement resolution service deals with "
                                          "this: we take `other` alone only for those who commission ours"))
    if body.wants == Case.Wants.CERTIFICATE and not any(topic in CERTIFICATE_TOPICS for topic in body.topics):
        errors.append(("wants", "A certificate is only for an appealable decision other than the placement"))
    contact, methods = body.contact, set(body.contact.methods)
    if not (contact.email or contact.phone):
        errors.append(("contact.phone", "Enter a phone number or an email address"))
    if "email" in methods and not contact.email:
        errors.append(("contact.email", "Enter an email address, as email is a contact method"))
    if methods & {"phone", "text"} and not contact.phone:
        errors.append(("contact.phone", "Enter a phone number, as phone or text is a contact method"))
    if "text" in methods and contact.phone and not f.matches(f.MOBILE, contact.phone):
        errors.append(("contact.phone", "Enter a mobile number starting 07 or +44 7, as text is a contact method"))
    if "letter" in methods and not _filled(contact.address):
        errors.append(("contact.address", "Enter a postal address, as letter is a contact method"))
    return [{"field": name, "message": message} for name, message in errors]
