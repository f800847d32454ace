"""A referral from the API: the body becomes the journey's answers, each step on the journey's path
is checked by the public journey's own form, and the case is opened by `referral_submit`."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.crypto import salted_hmac

from senmediation.core import clock
from senmediation.directory.models import LocalAuthority
from senmediation.directory.selectors import provider_current
from senmediation.referrals import services
from senmediation.referrals.answers import Answers
from senmediation.referrals.steps import PUBLIC, QUESTION, STOP

from .models import IdempotentReferral, Organisation
from .referral_schema import ReferralIn

# The API's name for each (step, form field); anything unlisted is named "<step>".
FIELD_NAMES: dict[tuple[str, str], str] = {
    ("who", "who"): "who",
    ("permission", "permission"): "permission",
    ("local-authority", "local_authority"): "local_authority",
    ("disagreement", "topics"): "topics",
    ("summary", "summary"): "summary",
    ("decision-date", "decision_date"): "decision_date",
    ("wants", "wants"): "wants",
    ("contact-methods", "methods"): "contact.methods",
    ("contact-methods", "call_times"): "contact.call_times",
    ("language", "language"): "language",
    ("adjustments", "adjustments"): "adjustments",
    ("adjustments", "notes"): "adjustments_notes",
    ("child-views", "views"): "child_views",
    ("child-views", "help_wanted"): "child_views_help_wanted",
}
NESTED = {"referrer": "referrer", "permission-details": "consent", "child": "child", "contact": "contact"}

# Where the journey ends without a case, and what to tell the caller.
STOPS = {
    "no-permission": ("permission_needed", "The family's permission is needed before they can be referred."),
    "la-not-served": ("local_authority_not_served", "We do not provide mediation for this local authority."),
    "statement": ("signposted", "This disagreement goes to the local authority's own disagreement resolution "
                                "service, not to us."),
}


def answers_from(body: ReferralIn) -> Answers:
    """The body in the journey's stored-answer form (dates as ISO strings)."""
    referrer = body.referrer.dict() if body.referrer else {}
    consent = body.consent
    child, contact = body.child, body.contact
    la = LocalAuthority.objects.filter(gss_code=body.local_authority).only("pk").first()
    return {
        "who": {"who": body.who},
        "referrer": referrer,
        "permission": {"permission": body.permission or ""},
        "permission-details": {
            "given_by": consent.given_by if consent else "", "given_on": consent.given_on if consent else None,
            "method": (consent.method or "") if consent else "",
        },
        "local-authority": {"local_authority": str(la.pk) if la else ""},
        "disagreement": {"topics": list(body.topics)},
        "summary": {"summary": body.summary},
        "decision-date": {"decision_date": body.decision_date},
        "wants": {"wants": body.wants},
        "child": {
            "first_name": child.first_name if child else "", "last_name": child.last_name if child else "",
            "date_of_birth": child.date_of_birth if child else None,
        },
        "contact-methods": {"methods": list(contact.methods), "call_times": contact.call_times},
        "contact": {"name": contact.name, "email": contact.email, "phone": contact.phone, "address": contact.address},
        # The API cannot name someone acting for a person who lacks capacity yet: staff add them on the case.
        "capacity": {"acts_for": "no"},
        "language": {"language": body.language},
        "adjustments": {"adjustments": list(body.adjustments), "notes": body.adjustments_notes},
        "child-views": {"views": body.child_views, "help_wanted": body.child_views_help_wanted},
    }


def field_name(slug: str, name: str) -> str:
    if slug in NESTED:
        return NESTED[slug] if name == "__all__" else f"{NESTED[slug]}.{name}"
    return FIELD_NAMES.get((slug, name), slug)


@dataclass
class Checked:
    answers: Answers = field(default_factory=dict)
    errors: list[dict[str, str]] = field(default_factory=list)
    stop: tuple[str, str] | None = None


def _cleaned(answers: Answers, path: list[str], *, today: dt.date) -> Answers:
    """The answers as the web journey stores them: each question's form's cleaned values (to_session)."""
    cleaned: Answers = {}
    for slug in path:
        step = PUBLIC.step(slug)
        stored = answers.get(slug)
        if step is None or step.kind != QUESTION or step.form_class is None or not isinstance(stored, dict):
            continue
        form = step.form_class(data=step.form_class.data_from_session(stored), answers=dict(cleaned), today=today)
        if not form.is_valid():  # PUBLIC.path has just checked it: only a form that changed its mind
            raise ValueError(f"The answers to {slug} no longer pass its form")
        cleaned[slug] = form.to_session()
    return cleaned


def referral_check(answers: Answers, *, today: dt.date) -> Checked:
    """Follows the public journey's path; stops at the first question whose form refuses the answers.
    The answers that come back are the forms' cleaned values, as the web journey would have stored them."""
    path = PUBLIC.path(answers, today)
    last = PUBLIC.step(path[-1])
    assert last is not None
    if last.kind == QUESTION and last.form_class is not None:
        prior = PUBLIC.path_answers(answers, path[:-1])
        stored = answers.get(last.slug, {})
        form = last.form_class(data=last.form_class.data_from_session(stored), answers=prior, today=today)
        form.is_valid()
        errors = [
            {"field": field_name(last.slug, name), "message": str(message)}
            for name, messages in form.errors.items() for message in messages
        ]
        return Checked(errors=errors or [{"field": field_name(last.slug, ""), "message": "Check this answer"}])
    if last.kind == STOP:
        return Checked(stop=STOPS.get(last.slug, ("not_accepted", "This referral cannot be accepted.")))
    return Checked(answers=_cleaned(PUBLIC.path_answers(answers, path), path, today=today))


def _key_hash(organisation: Organisation, header: str) -> str:
    return hashlib.sha256(f"{organisation.pk}:{header}".encode()).hexdigest()


def _canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)


def _hashed(text: str) -> str:
    return salted_hmac("senmediation.api.idempotent-body", text, algorithm="sha256").hexdigest()


def _leaves(value: Any, prefix: str = "") -> dict[str, Any]:
    """Each field of the body by its dotted name (`child.first_name`); lists are one field."""
    if isinstance(value, dict) and value:
        out: dict[str, Any] = {}
        for name, inner in value.items():
            out.update(_leaves(inner, f"{prefix}.{name}" if prefix else str(name)))
        return out
    return {prefix: value}


@dataclass(frozen=True)
class BodyHashes:
    """What is kept of a request body: a keyed hash of its canonical JSON and of each of its fields."""

    whole: str
    fields: dict[str, str]


def body_hashes(body: dict[str, Any]) -> BodyHashes:
    return BodyHashes(_hashed(_canonical(body)),
                      {name: _hashed(_canonical(value)) for name, value in _leaves(body).items()})


@dataclass(frozen=True)
class FirstUse:
    case_reference: str
    differing_fields: list[str]  # empty when the body is the same as the first time (or was not kept)


def idempotent_first_use(*, organisation: Organisation, idempotency_key: str, body: BodyHashes) -> FirstUse | None:
    """The case this key opened before, and the fields in which `body` differs from the body it was sent with."""
    found = IdempotentReferral.objects.filter(key_hash=_key_hash(organisation, idempotency_key)).first()
    if found is None:
        return None
    if not found.body_hash or found.body_hash == body.whole:
        return FirstUse(found.case_reference, [])
    before: dict[str, str] = found.field_hashes or {}
    differing = sorted(name for name in before.keys() | body.fields.keys() if before.get(name) != body.fields.get(name))
    return FirstUse(found.case_reference, differing or ["(body)"])


def api_referral_submit(
    *, organisation: Organisation, idempotency_key: str, answers: Answers, body: BodyHashes,
    now: dt.datetime | None = None,
) -> tuple[str, bool] | FirstUse:
    """(case reference, created). A retry with the same key returns the first case and opens none; if that
    retry raced in with another body, the first use (naming the fields that differ) comes back instead."""
    now = now or clock.now()
    digest = _key_hash(organisation, idempotency_key)
    provider = provider_current()
    callback = services.callback_message_now(provider=provider, by_phone=services.contact_by_phone(answers),
                                             now=now, whom="the family")
    try:
        with transaction.atomic():
            outcome = services.referral_submit(
                answers=answers, channel="online", by=None, idempotency_key=f"api-{digest[:60]}", now=now,
                callback=callback,
            )
            IdempotentReferral.objects.create(
                organisation=organisation, key_hash=digest, case_reference=outcome.reference,
                body_hash=body.whole, field_hashes=body.fields,
            )
    except IntegrityError:  # the same key raced in from another request: the first one wins
        first = idempotent_first_use(organisation=organisation, idempotency_key=idempotency_key, body=body)
        if first is None:
            raise
        return first if first.differing_fields else (first.case_reference, False)
    return outcome.reference, outcome.status == "created"

