"""Reading the journey's answers: who is asking, for whom, and which route the disagreement takes.

Answers are kept in the session as {step slug: {field name: JSON value}}, dates as ISO strings.
Pure functions only (no database), shared by the forms, the step list and the services.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from senmediation.cases.models import Case
from senmediation.rules.eligibility import APPEALABLE, Decision, Element, Route, certificate_needed, route_for

Answers = dict[str, dict[str, Any]]

THIRD_PARTIES = frozenset({Case.Source.LA_OFFICER, Case.Source.IASS, Case.Source.SCHOOL, Case.Source.OTHER})
HEALTH = "health"
SOCIAL_CARE = "social_care"
OTHER_TOPIC = "other"
NOT_LISTED = "not_listed"


def value(answers: Answers, slug: str, name: str, default: Any = None) -> Any:
    step = answers.get(slug)
    if not isinstance(step, dict):
        return default
    return step.get(name, default)


def date_value(answers: Answers, slug: str, name: str) -> dt.date | None:
    raw = value(answers, slug, name)
    try:
        return dt.date.fromisoformat(raw) if isinstance(raw, str) and raw else None
    except ValueError:
        return None


def who(answers: Answers) -> str:
    return str(value(answers, "who", "who", ""))


def is_third_party(answers: Answers) -> bool:
    return who(answers) in THIRD_PARTIES


def acting_young_person(answers: Answers) -> bool:
    """A young person (over compulsory school age, Education Act 1996 s.8) acting for themselves: asking
    directly, or the one who agreed to a third party's referral. Their date of birth is checked
    against the law's age rule by the child step's form."""
    if who(answers) == Case.Source.YOUNG_PERSON:
        return True
    return is_third_party(answers) and value(answers, "permission", "permission") == "young_person"


def has_representative(answers: Answers) -> bool:
    """Someone acts for the parent or young person because they lack capacity (SEND Regs 2014 regs 63-64)."""
    return bool(value(answers, "capacity", "acts_for") == "yes")


def topics(answers: Answers) -> list[str]:
    chosen = value(answers, "disagreement", "topics", [])
    return [str(topic) for topic in chosen] if isinstance(chosen, list) else []


def decisions(answers: Answers) -> list[Decision]:
    """The decisions chosen, in a stable order (appealable ones and the legacy schemes)."""
    chosen = set(topics(answers))
    return [decision for decision in Decision if decision.value in chosen]


def elements(answers: Answers) -> list[Element]:
    """The parts of the plan in dispute. Any appealable decision other than the placement concerns
    special educational provision; health and social care are chosen explicitly."""
    chosen = set(topics(answers))
    parts: list[Element] = []
    if any(d in APPEALABLE and d is not Decision.plan_placement for d in decisions(answers)):
        parts.append(Element.education)
    if HEALTH in chosen:
        parts.append(Element.health)
    if SOCIAL_CARE in chosen:
        parts.append(Element.social_care)
    return parts


def route(answers: Answers, *, drs_commissioned: bool = False) -> Route:
    """The route; `drs_commissioned` when the chosen LA commissions us for disagreement resolution."""
    return route_for(decisions=decisions(answers), elements=elements(answers), drs_commissioned=drs_commissioned)


def certificate_is_needed(answers: Answers) -> bool:
    """CFA 2014 s.55: a certificate is needed before appealing about these decisions."""
    return certificate_needed(decisions=decisions(answers), elements=elements(answers))


def has_appeal_deadline(answers: Answers) -> bool:
    """Whether an appeal to the Tribunal is possible, so its deadline is worth showing."""
    return route(answers) in (Route.statutory_mediation, Route.placement_only)
