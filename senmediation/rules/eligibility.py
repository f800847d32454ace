"""Who the service is for and which route a disagreement takes.

- Appealable decisions: Children and Families Act 2014 s.51(2). Before most appeals the family
  must contact a mediation adviser and hold a mediation certificate (s.55).
- No certificate is needed where the appeal is only about the school or other institution named
  in the plan, its type, or that none is named (s.55(3)); mediation is still offered.
- Mediation about the health care or social care elements alone (ss.53-54) leads to no appeal
  on those elements, so it needs no certificate.
- A legacy Statement or School Action / School Action Plus is outside the EHC scheme: the family
  are signposted to their LA's disagreement resolution provider (CoP 2015 paras 11.6-11.12).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from datetime import date, timedelta
from enum import StrEnum
from types import MappingProxyType

__all__ = [
    "APPEALABLE",
    "DECISION_LABELS",
    "ROUTE_LABELS",
    "Decision",
    "Element",
    "Route",
    "age_on",
    "certificate_needed",
    "compulsory_school_age_ends",
    "is_young_person",
    "route_for",
]


class Decision(StrEnum):
    refuse_assessment = "refuse_assessment"  # s.51(2)(a)
    refuse_plan = "refuse_plan"  # s.51(2)(b)
    plan_needs = "plan_needs"  # s.51(2)(c): section B
    plan_provision = "plan_provision"  # s.51(2)(c): section F
    plan_placement = "plan_placement"  # s.51(2)(c): section I, the school or its type, or none named
    refuse_reassessment = "refuse_reassessment"  # s.51(2)(d)
    refuse_amend = "refuse_amend"  # s.51(2)(e)
    cease_plan = "cease_plan"  # s.51(2)(f)
    legacy_statement = "legacy_statement"  # not appealable here: signpost to the LA's DRS
    school_action = "school_action"  # School Action / Action Plus: signpost to the LA's DRS


DECISION_LABELS: Mapping[Decision, str] = MappingProxyType(
    {
        Decision.refuse_assessment: "The council will not carry out an EHC needs assessment",
        Decision.refuse_plan: "The council will not issue an EHC plan after the assessment",
        Decision.plan_needs: "The special educational needs described in the plan (section B)",
        Decision.plan_provision: "The special educational provision in the plan (section F)",
        Decision.plan_placement: "The school or college named in the plan, its type, or that none is named",
        Decision.refuse_reassessment: "The council will not carry out a new assessment",
        Decision.refuse_amend: "The council will not change the plan after a review or reassessment",
        Decision.cease_plan: "The council will stop the plan",
        Decision.legacy_statement: "A Statement of special educational needs",
        Decision.school_action: "School Action or School Action Plus support",
    }
)

APPEALABLE: frozenset[Decision] = frozenset(
    {
        Decision.refuse_assessment,
        Decision.refuse_plan,
        Decision.plan_needs,
        Decision.plan_provision,
        Decision.plan_placement,
        Decision.refuse_reassessment,
        Decision.refuse_amend,
        Decision.cease_plan,
    }
)
_LEGACY: frozenset[Decision] = frozenset({Decision.legacy_statement, Decision.school_action})
# Decisions about the plan as a whole are about special educational provision whatever elements
# the family mention; decisions about the plan's contents depend on which elements are disputed.
_WHOLE_PLAN: frozenset[Decision] = frozenset(
    {Decision.refuse_assessment, Decision.refuse_plan, Decision.refuse_reassessment, Decision.cease_plan}
)


class Element(StrEnum):
    education = "education"
    health = "health"
    social_care = "social_care"


class Route(StrEnum):
    statutory_mediation = "statutory_mediation"
    placement_only = "placement_only"
    health_social_care_only = "health_social_care_only"
    signpost_drs_legacy = "signpost_drs_legacy"
    disagreement_resolution = "disagreement_resolution"


ROUTE_LABELS: Mapping[Route, str] = MappingProxyType(
    {
        Route.statutory_mediation: "SEN mediation: a certificate is needed before appealing",
        Route.placement_only: "Mediation offered: no certificate is needed to appeal about the school only",
        Route.health_social_care_only: "Mediation about health or social care: no certificate is needed",
        Route.signpost_drs_legacy: "Contact your council for its disagreement resolution service",
        Route.disagreement_resolution: "Disagreement resolution: voluntary, no certificate",
    }
)


def _education_disputed(decisions: frozenset[Decision], elements: frozenset[Element]) -> bool:
    # No elements given: the decisions themselves are about special educational provision.
    return not elements or Element.education in elements or bool(decisions & _WHOLE_PLAN)


def certificate_needed(*, decisions: Collection[Decision], elements: Collection[Element] = ()) -> bool:
    """Whether the family need a mediation certificate before appealing (CFA 2014 s.55).

    False when nothing appealable is disputed, when the only appealable decision is the placement
    (s.55(3)), or when only health or social care elements are in dispute.
    """
    appealable = frozenset(decisions) & APPEALABLE
    if not appealable - {Decision.plan_placement}:
        return False
    return _education_disputed(appealable, frozenset(elements))


def route_for(*, decisions: Collection[Decision], elements: Collection[Element] = ()) -> Route:
    """Which route the service offers for this disagreement."""
    chosen = frozenset(decisions)
    parts = frozenset(elements)
    appealable = chosen & APPEALABLE
    if certificate_needed(decisions=chosen, elements=parts):
        return Route.statutory_mediation
    if appealable == {Decision.plan_placement}:
        return Route.placement_only
    if appealable and not _education_disputed(appealable, parts):
        return Route.health_social_care_only
    if not appealable and chosen & _LEGACY:
        return Route.signpost_drs_legacy
    if not appealable and parts and Element.education not in parts:
        return Route.health_social_care_only
    return Route.disagreement_resolution


# --- Age: who acts for themselves ----------------------------------------------------------------


def age_on(*, born: date, day: date) -> int:
    """Age in whole years on `day`. Someone born on 29 February gains a year on 1 March in
    non-leap years, the usual reading in England (Family Law Reform Act 1969 s.9)."""
    if day < born:
        raise ValueError(f"{day.isoformat()} is before the date of birth {born.isoformat()}")
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def _last_friday_of_june(year: int) -> date:
    last = date(year, 6, 30)
    return last - timedelta(days=(last.weekday() - 4) % 7)


def _sixteenth_birthday(born: date) -> date:
    try:
        return born.replace(year=born.year + 16)
    except ValueError:  # 29 February in a non-leap year
        return date(born.year + 16, 3, 1)


def compulsory_school_age_ends(born: date) -> date:
    """The school leaving date: the last Friday in June of the school year in which the child turns
    16 (Education Act 1996 s.8(3)-(4); Education (School Leaving Date) Order 1997). They are over
    compulsory school age from the next day."""
    sixteen = _sixteenth_birthday(born)
    # A birthday from 1 September starts a new school year, whose leaving date is the next June.
    year = sixteen.year if sixteen.month < 9 else sixteen.year + 1
    return _last_friday_of_june(year)


def is_young_person(*, born: date, day: date) -> bool:
    """Over compulsory school age and not yet 26 on `day`: acts for themselves (CFA 2014 s.83(2)).

    s.83(2) says "under 25", but s.46 lets a plan run to the end of the academic year in which the
    young person turns 25, so the service treats ages 16 to 25 inclusive as young people.
    """
    return day > compulsory_school_age_ends(born) and age_on(born=born, day=day) <= 25
