"""Organisations, keys and referral bodies for the API tests."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.test import Client

from senmediation.api.keys import api_key_issue
from senmediation.api.models import SCOPES, ApiKey, Organisation
from senmediation.core import clock
from senmediation.directory.models import LocalAuthority


def la_organisation(gss_code: str = "E08000009") -> Organisation:
    la = LocalAuthority.objects.get(gss_code=gss_code)
    return Organisation.objects.create(name=f"{la.name} SEN team", kind=Organisation.Kind.LOCAL_AUTHORITY,
                                       local_authority=la)


def key_for(organisation: Organisation, *, scopes: tuple[str, ...] = SCOPES, **extra: Any) -> tuple[ApiKey, str]:
    return api_key_issue(organisation=organisation, name="case system", scopes=scopes, by=None, **extra)


def client_with(token: str) -> Client:
    return Client(HTTP_AUTHORIZATION=f"Bearer {token}")


def years_ago(years: int) -> dt.date:
    today = clock.today()
    return today.replace(year=today.year - years, day=min(today.day, 28))


def referral_body(**changes: Any) -> dict[str, Any]:
    """An IASS adviser referring a parent in Trafford, as the public journey would record it."""
    body: dict[str, Any] = {
        "who": "iass",
        "referrer": {"name": "Pat Adviser", "organisation": "Trafford SENDIASS", "email": "pat@sendiass.example.org",
                     "phone": "0161 123 4567"},
        "permission": "parent",
        "consent": {"given_by": "Ravi Patel", "given_on": (clock.today() - dt.timedelta(days=2)).isoformat(),
                    "method": "phone"},
        "local_authority": "E08000009",
        "topics": ["plan_provision"],
        "summary": "The plan cut speech and language therapy to once a term.",
        "decision_date": (clock.today() - dt.timedelta(days=20)).isoformat(),
        "wants": "mediation",
        "child": {"first_name": "Sam", "last_name": "Patel", "date_of_birth": years_ago(10).isoformat()},
        "contact": {"methods": ["letter"], "name": "Ravi Patel", "phone": "07700 900123",
                    "address": "1 High Street\nSale\nM33 1AA"},
        "language": "English",
    }
    body.update(changes)
    return body
