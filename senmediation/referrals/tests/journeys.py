"""Answers for whole journeys, as the browser would post them, and a walker for Django's test client."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.test import Client

from senmediation.core import clock
from senmediation.directory.models import LocalAuthority


def date_parts(name: str, day: dt.date) -> dict[str, str]:
    return {f"{name}_0": str(day.day), f"{name}_1": str(day.month), f"{name}_2": str(day.year)}


def years_ago(years: int, days: int = 0) -> dt.date:
    today = clock.today()
    try:
        day = today.replace(year=today.year - years)
    except ValueError:  # 29 February
        day = today.replace(year=today.year - years, day=28)
    return day - dt.timedelta(days=days)


def trafford() -> LocalAuthority:
    return LocalAuthority.objects.get(gss_code="E08000009")


def parent_answers() -> dict[str, dict[str, Any]]:
    return {
        "who": {"who": "parent"},
        "local-authority": {"local_authority": str(trafford().pk)},
        "disagreement": {"topics": ["plan_provision", "health"]},
        "summary": {"summary": "The plan cut speech and language therapy to once a term."},
        "decision-date": date_parts("decision_date", clock.today() - dt.timedelta(days=20)),
        "key-dates": {},
        "wants": {"wants": "mediation"},
        "child": {"first_name": "Sam", "last_name": "Patel", **date_parts("date_of_birth", years_ago(10))},
        "contact-methods": {"methods": ["email", "phone"], "call_times": "Weekday mornings"},
        "contact": {"name": "Ravi Patel", "email": "ravi@example.com", "phone": "07700 900123",
                    "address": "1 High Street\nSale\nM33 1AA"},
        "capacity": {"acts_for": "no"},
        "language": {"language": "Gujarati"},
        "adjustments": {"adjustments": ["interpreter", "large_print"], "notes": "Mornings suit best"},
        "child-views": {"views": "I like art and I want my therapy back.", "help_wanted": "on"},
        "check": {},
    }


def young_person_answers() -> dict[str, dict[str, Any]]:
    answers = parent_answers()
    answers["who"] = {"who": "young_person"}
    answers["disagreement"] = {"topics": ["cease_plan"]}
    answers["wants"] = {"wants": "certificate"}
    answers["child"] = {"first_name": "Jade", "last_name": "Okoro", **date_parts("date_of_birth", years_ago(19))}
    answers["contact-methods"] = {"methods": ["text"], "call_times": ""}
    answers["contact"] = {"email": "", "phone": "+44 7700 900456", "address": ""}
    answers["adjustments"] = {"adjustments": [], "notes": ""}
    answers["child-views"] = {"views": "", }
    return answers


def iass_answers() -> dict[str, dict[str, Any]]:
    answers = parent_answers()
    answers["who"] = {"who": "iass"}
    answers["referrer"] = {"name": "Pat Adviser", "organisation": "Trafford SENDIASS",
                           "email": "pat@sendiass.example.org", "phone": "0161 123 4567"}
    answers["permission"] = {"permission": "parent"}
    answers["permission-details"] = {"given_by": "Ravi Patel", "method": "phone",
                                     **date_parts("given_on", clock.today() - dt.timedelta(days=2))}
    answers["contact-methods"] = {"methods": ["letter"], "call_times": ""}
    return answers


def representative_answers() -> dict[str, dict[str, Any]]:
    """A SENDIASS referral for a young person who lacks capacity; their deputy acts for them (SEND Regs regs
    63-64). Every question of the journey is on its path."""
    answers = iass_answers()
    answers["permission"] = {"permission": "young_person"}
    answers["permission-details"]["given_by"] = "Morgan Ellis, deputy for Jordan Ellis"
    answers["child"] = {"first_name": "Jordan", "last_name": "Ellis", **date_parts("date_of_birth", years_ago(19))}
    answers["contact-methods"] = {"methods": ["email"], "call_times": ""}
    answers["contact"] = {"email": "jordan@example.com", "phone": "", "address": ""}
    answers["capacity"] = {"acts_for": "yes"}
    answers["representative"] = {"name": "Morgan Ellis"}
    answers["representative-role"] = {"basis": "deputy"}
    answers["representative-contact-methods"] = {"methods": ["email", "letter"]}
    answers["representative-contact"] = {"email": "morgan@example.com", "phone": "",
                                         "address": "2 Park Road\nSale\nM33 2BB"}
    return answers


def walk(client: Client, answers: dict[str, dict[str, Any]], *, base: str = "/refer/", first: str = "who",
         stop_at: str | None = None) -> Any:
    """Posts each page's answers in turn, following the journey's own redirects. Returns the last response."""
    url = f"{base}{first}/"
    seen: list[str] = []
    for _ in range(40):
        slug = url.removeprefix(base).split("?")[0].strip("/")
        if slug == stop_at:
            return client.get(url)
        assert slug in answers, f"the journey asked {slug!r}, which this test did not expect (after {seen})"
        seen.append(slug)
        page = client.get(url)
        assert page.status_code == 200, (slug, page.status_code)
        response = client.post(url, answers[slug])
        assert response.status_code == 302, (slug, response.status_code, response.content.decode()[:3000])
        url = response["Location"]
        if not url.startswith(base) or slug == "check":
            return response
    raise AssertionError(f"the journey did not end: {seen}")
