"""Who the service is for and which route a disagreement takes.

- Appealable decisions: Children and Families Act 2014 s.51(2). Before most appeals the family
  must contact a mediation adviser and hold a mediation certificate (s.55).
- No certificate is needed where the appeal is only about the school or other institution named
  in the plan, its type, or that none is named (s.55(2), with s.51(2)(c)); mediation is still offered.
- Mediation about the health care or social care elements alone leads to no appeal on those
  elements, so it needs no certificate. Who arranges it differs: health care issues alone go to
  the responsible commissioning body, the ICB (s.53(3)); health care with anything else, to the LA
  with each responsible commissioning body (s.53(4)); issues without health care, to the LA
  (s.54(2)). So health-only, social-care-only and health-and-social-care are separate routes.
- A legacy Statement, School Action / School Action Plus (now SEN support) or a disagreement with
  a school is outside the EHC scheme: disagreement resolution (SEND Code of Practice 2015 para 11.6). Where the LA commissions the
  provider for it the family get a DRS case; otherwise they are signposted to the LA's own DRS.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from types import MappingProxyType

__all__ = [
    "APPEALABLE",
    "CARE_ONLY_ROUTES",
    "ROUTE_RULES",
    "DECISION_LABELS",
    "ROUTE_LABELS",
    "Decision",
    "Element",
    "Route",
    "RouteRule",
    "age_on",
    "certificate_needed",
    "compulsory_school_age_ends",
    "is_young_person",
    "route_current",
    "route_for",
    "too_old_for_send",
    "YOUNG_PERSON_AGE_LIMIT",
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
        Decision.plan_needs: "The needs described in the plan (section B: special educational needs)",
        Decision.plan_provision: "The support set out in the plan (section F: special educational provision)",
        Decision.plan_placement: "The school or college named in the plan, its type, or that none is named (section I: placement)",
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
    health_only = "health_only"
    social_care_only = "social_care_only"
    health_and_social_care = "health_and_social_care"
    signpost_drs = "signpost_drs"
    disagreement_resolution = "disagreement_resolution"


ROUTE_LABELS: Mapping[Route, str] = MappingProxyType(
    {
        Route.statutory_mediation: "SEN mediation: a certificate is needed before appealing",
        Route.placement_only: "Mediation offered: no certificate is needed to appeal about the school only",
        Route.health_only: "Mediation about health care only: the ICB arranges it, no certificate is needed",
        Route.social_care_only: "Mediation about social care only: the council arranges it, no certificate is needed",
        Route.health_and_social_care: "Mediation about health and social care: no certificate is needed",
        Route.signpost_drs: "Contact your council for its disagreement resolution service",
        Route.disagreement_resolution: "Disagreement resolution: voluntary, no certificate",
    }
)


@dataclass(frozen=True)
class RouteRule:
    """What a route means for the clocks and the certificate."""

    certificate_owed: bool  # CFA 2014 s.55: a certificate is needed before the appeal
    adviser_clock: bool  # SEND Regulations 2014 reg 33: only where a certificate is needed
    appeal_deadline_runs: bool  # an appeal to the Tribunal is possible, so its deadline runs
    icb_arranges: bool  # health care issues only: the commissioning body arranges (CFA 2014 s.53(3))
    mediation: bool  # a mediation route (the provider's SEN mediation), not DRS or a signpost


ROUTE_RULES: Mapping[Route, RouteRule] = MappingProxyType(
    {
        Route.statutory_mediation: RouteRule(True, True, True, False, True),
        # s.55: appeal without a certificate; the Tribunal deadline runs and mediation does not extend it.
        Route.placement_only: RouteRule(False, False, True, False, True),
        Route.health_only: RouteRule(False, False, False, True, True),
        Route.social_care_only: RouteRule(False, False, False, False, True),
        Route.health_and_social_care: RouteRule(False, False, False, False, True),
        Route.signpost_drs: RouteRule(False, False, False, False, False),
        Route.disagreement_resolution: RouteRule(False, False, False, False, False),
    }
)

# Routes where the disagreement is about the health or social care parts of a plan alone.
CARE_ONLY_ROUTES: frozenset[Route] = frozenset(
    {Route.health_only, Route.social_care_only, Route.health_and_social_care}
)


def _education_disputed(decisions: frozenset[Decision], elements: frozenset[Element]) -> bool:
    # No elements given: the decisions themselves are about special educational provision.
    return not elements or Element.education in elements or bool(decisions & _WHOLE_PLAN)


def certificate_needed(*, decisions: Collection[Decision], elements: Collection[Element] = ()) -> bool:
    """Whether the family need a mediation certificate before appealing (CFA 2014 s.55(3)).

    False when nothing appealable is disputed, when the only appealable decision is the placement
    (s.55(2)), or when only health or social care elements are in dispute.
    """
    appealable = frozenset(decisions) & APPEALABLE
    if not appealable - {Decision.plan_placement}:
        return False
    return _education_disputed(appealable, frozenset(elements))


def _care_route(parts: frozenset[Element]) -> Route:
    # Health care issues are the ICB's (s.53(3)) only when nothing else is in dispute; with social care
    # too, the LA arranges one mediation with each commissioning body taking part (s.53(4)).
    if Element.health in parts and Element.social_care in parts:
        return Route.health_and_social_care
    return Route.health_only if Element.health in parts else Route.social_care_only


def route_for(
    *, decisions: Collection[Decision], elements: Collection[Element] = (), drs_commissioned: bool = False
) -> Route:
    """Which route the service offers for this disagreement.

    `drs_commissioned`: the family's LA commissions this provider for disagreement resolution
    (SEND Code of Practice 2015 para 11.6), so a disagreement outside the EHC scheme becomes a DRS case instead of a signpost.
    """
    chosen = frozenset(decisions)
    parts = frozenset(elements)
    appealable = chosen & APPEALABLE
    if certificate_needed(decisions=chosen, elements=parts):
        return Route.statutory_mediation
    if appealable == {Decision.plan_placement}:
        return Route.placement_only
    if appealable and not _education_disputed(appealable, parts):
        return _care_route(parts)
    if not appealable and parts and Element.education not in parts:
        return _care_route(parts)
    return Route.disagreement_resolution if drs_commissioned else Route.signpost_drs


def route_current(*, decisions: Collection[str], elements: Collection[str], recorded: Route | str) -> Route:
    """The route the issues disputed now lead to, for an SEN mediation case.

    The issues decide, not the route recorded when the case opened: a family who now dispute more than
    the school named in the plan need a certificate (CFA 2014 s.55(2)), whatever they said at the start.
    Where the case records no appealable decision the issues say nothing about the route, so the
    recorded one stands.
    """
    chosen = frozenset(Decision(d) for d in decisions if d in Decision.__members__)
    if not chosen & APPEALABLE:
        return Route(recorded)
    return route_for(decisions=chosen, elements=[Element(e) for e in elements if e in Element.__members__])


# --- Age: who acts for themselves ----------------------------------------------------------------


def age_on(*, born: date, day: date) -> int:
    """Age in whole years on `day`. Someone born on 29 February is taken to gain a year on 1 March
    in non-leap years: a convention, since the Family Law Reform Act 1969 s.9 fixes only the time
    of day at which an age is reached, not the day for a 29 February birthday."""
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


# Children and Families Act 2014 s.83(2): "'young person' means a person over compulsory school age
# but under 25". From the 25th birthday no one is a young person for Part 3, so no case is opened.
YOUNG_PERSON_AGE_LIMIT = 25


def too_old_for_send(*, born: date, day: date) -> bool:
    """25 or over on `day`: no longer a young person (CFA 2014 s.83(2), "under 25"), so the service
    cannot open a case about them. The 25th birthday itself is too old."""
    return age_on(born=born, day=day) >= YOUNG_PERSON_AGE_LIMIT


def is_young_person(*, born: date, day: date) -> bool:
    """Over compulsory school age (Education Act 1996 s.8) and under 25 on `day` (CFA 2014 s.83(2)):
    a young person, who acts for themselves rather than through a parent."""
    return day > compulsory_school_age_ends(born) and not too_old_for_send(born=born, day=day)
