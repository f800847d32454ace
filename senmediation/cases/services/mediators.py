"""Which mediators suit a case, best first, with reasons a coordinator can read.

Mediators must be independent of the LA and impartial (SEND Code of
Practice 2015 ch. 11), so a declared conflict of interest always excludes. So do an expired
accreditation, not meeting the SEND mediation standards, and a full case load. The rest are ranked
by how well they fit: the LA they cover, the family's language, days free before the 30-day
deadline (SEND Regulations 2014 reg 35(3)-(4), reg 36(2)) and spare capacity.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Prefetch

from senmediation.accounts.models import User
from senmediation.accounts.roles import Role
from senmediation.directory.models import ConflictOfInterest, MediatorAvailability, MediatorProfile
from senmediation.rules.deadlines import CLOCK_RULES, Clock
from senmediation.rules.workflow import TERMINAL_STATES

from ..models import Case, Deadline, Party

# The window for free days: the statutory 30 days to hold the mediation, from the clock table.
MEDIATION_WINDOW_DAYS = CLOCK_RULES[Clock.mediation_held].amount
ENDED_STATES = tuple(s.value for s in TERMINAL_STATES)

# Points for each way a mediator fits; exclusions are not points, they are refusals.
COVERS_LA_POINTS = 30
LANGUAGE_POINTS = 25
POINTS_PER_FREE_DAY = 2
MAX_DAY_POINTS = 20
POINTS_PER_SPARE_PLACE = 2
MAX_SPARE_POINTS = 10


@dataclass
class MediatorSuggestion:
    mediator: Any
    score: int = 0
    reasons: list[str] = field(default_factory=list)
    excluded: bool = False
    exclusion_reason: str = ""
    # A conflict of interest or no current accreditation: assigning them needs a manager's reason.
    ineligible_reason: str = ""
    open_cases: int = 0
    free_days: list[dt.date] = field(default_factory=list)


@dataclass(frozen=True)
class _CaseFacts:
    local_authority_id: int
    local_authority_name: str
    case_id: int
    language: str
    interpreter_needed: bool
    surnames: frozenset[str]
    school_names: frozenset[str]
    window_end: dt.date


def _case_facts(case: Any, today: dt.date) -> _CaseFacts:
    parties = list(case.parties.all())
    family = [p for p in parties if p.role in (Party.Role.PARENT, Party.Role.YOUNG_PERSON)]
    main = next((p for p in family if p.is_main_contact), family[0] if family else None)
    surnames = {case.child_last_name.strip().lower()}
    surnames |= {p.name.split()[-1].lower() for p in family if p.name.split()}
    schools = {
        name.strip().lower()
        for p in parties if p.role == Party.Role.SCHOOL
        for name in (p.organisation, p.name) if name.strip()
    }
    deadline = (
        Deadline.objects.filter(case=case, clock="mediation_held", met_on__isnull=True, stopped_on__isnull=True)
        .values_list("due_date", flat=True).first()
    )
    return _CaseFacts(
        local_authority_id=case.local_authority_id,
        local_authority_name=case.local_authority.name,
        case_id=case.pk,
        language=(main.language.strip() if main and main.language else "English") or "English",
        interpreter_needed=bool(main and main.interpreter_needed),
        surnames=frozenset(s for s in surnames if s),
        school_names=frozenset(schools),
        window_end=deadline or today + dt.timedelta(days=MEDIATION_WINDOW_DAYS),
    )


def _conflict(conflicts: list[ConflictOfInterest], facts: _CaseFacts) -> str:
    for c in conflicts:
        if c.case_id is not None and c.case_id == facts.case_id:
            return f"Declared a conflict of interest with this case: {c.reason}"
        if c.local_authority_id is not None and c.local_authority_id == facts.local_authority_id:
            return f"Declared a conflict of interest with {facts.local_authority_name}: {c.reason}"
        if c.school is not None and c.school.name.strip().lower() in facts.school_names:
            return f"Declared a conflict of interest with {c.school.name}: {c.reason}"
        if c.family_name and c.family_name.strip().lower() in facts.surnames:
            return f"Declared a conflict of interest with a family called {c.family_name}: {c.reason}"
    return ""


def _exclusion(profile: MediatorProfile | None, conflicts: list[ConflictOfInterest], open_cases: int,
               facts: _CaseFacts, today: dt.date) -> str:
    if reason := _ineligibility(profile, conflicts, facts, today):
        return reason
    assert profile is not None
    if open_cases >= profile.capacity:
        return f"No spare capacity: {open_cases} open cases, limit {profile.capacity}"
    return ""


def _ineligibility(profile: MediatorProfile | None, conflicts: list[ConflictOfInterest], facts: _CaseFacts,
                   today: dt.date) -> str:
    """Why this mediator may not mediate this case at all: impartiality and accreditation, not workload."""
    if profile is None or not profile.is_active:
        return "No active mediator profile: add one in the admin before assigning cases"
    conflict = _conflict(conflicts, facts)
    if conflict:
        return conflict
    if profile.accreditation_expires is None:
        return "No accreditation on record"
    if profile.accreditation_expires < today:
        return f"Accreditation expired on {profile.accreditation_expires:%-d %B %Y}"
    if not profile.send_standards:
        return "Does not yet meet the SEND mediation standards"
    return ""


def _rank(s: MediatorSuggestion, profile: MediatorProfile, facts: _CaseFacts) -> None:
    la_ids = {la.pk for la in profile.local_authorities.all()}
    if facts.local_authority_id in la_ids:
        s.score += COVERS_LA_POINTS
        s.reasons.append(f"Covers {facts.local_authority_name}")
    else:
        s.reasons.append(f"Does not usually cover {facts.local_authority_name}")
    spoken = {lang.strip().lower() for lang in profile.languages if isinstance(lang, str)}
    if facts.language.lower() != "english":
        if facts.language.lower() in spoken:
            s.score += LANGUAGE_POINTS
            s.reasons.append(f"Speaks {facts.language}, the family's language")
        else:
            s.reasons.append(f"Does not speak {facts.language}: an interpreter will be needed")
    days = len(s.free_days)
    s.score += min(days * POINTS_PER_FREE_DAY, MAX_DAY_POINTS)
    until = f"{facts.window_end:%-d %B %Y}"
    if days:
        s.reasons.append(f"Free on {days} day{'s' if days != 1 else ''} up to {until}")
    else:
        s.reasons.append(f"No free days recorded up to {until}")
    spare = profile.capacity - s.open_cases
    s.score += min(spare * POINTS_PER_SPARE_PLACE, MAX_SPARE_POINTS)
    s.reasons.append(f"{s.open_cases} open case{'s' if s.open_cases != 1 else ''}, room for {spare} more")


def mediators_ranked_for(*, case: Any, today: dt.date, only: Any = None) -> list[MediatorSuggestion]:
    """Every active mediator, suitable ones first by score; excluded ones last, each with the reason.

    A fixed number of queries however many mediators there are."""
    facts = _case_facts(case, today)
    users = list(
        User.objects.filter(groups__name=Role.MEDIATOR.value, is_active=True)
        .filter(**({"pk": only.pk} if only is not None else {}))
        .select_related("mediator_profile")
        .prefetch_related(
            "mediator_profile__local_authorities",
            Prefetch("conflicts_declared", queryset=ConflictOfInterest.objects.select_related("school")),
            Prefetch(
                "mediator_availability", to_attr="days_in_window",
                queryset=MediatorAvailability.objects.filter(day__gte=today, day__lte=facts.window_end,
                                                             available=True).order_by("day"),
            ),
        )
        .order_by("last_name", "first_name", "pk")
        .distinct()
    )
    counts = dict(
        Case.objects.filter(mediator__in=[u.pk for u in users]).exclude(state__in=ENDED_STATES)
        .values("mediator").annotate(n=Count("pk")).values_list("mediator", "n")
    )
    suggestions = []
    for user in users:
        profile = getattr(user, "mediator_profile", None)
        s = MediatorSuggestion(mediator=user, open_cases=counts.get(user.pk, 0),
                               free_days=[a.day for a in user.days_in_window])
        conflicts = list(user.conflicts_declared.all())
        s.exclusion_reason = _exclusion(profile, conflicts, s.open_cases, facts, today)
        s.ineligible_reason = _ineligibility(profile, conflicts, facts, today)
        s.excluded = bool(s.exclusion_reason)
        if profile is not None and not s.excluded:
            _rank(s, profile, facts)
        if case.mediator_id == user.pk:
            s.reasons.insert(0, "Already the mediator for this case")
        suggestions.append(s)
    suggestions.sort(key=lambda s: (s.excluded, -s.score))  # stable: names break ties
    return suggestions


def mediator_exclusion_for(*, case: Any, mediator: Any, today: dt.date) -> str:
    """Why this mediator is not suitable for this case, or "" when they are: the one rule that the
    "Choose a mediator" page, the case page's drop-down and every other way of assigning follow (a
    conflict of interest, no current accreditation or profile, or a full case load). The mediator
    already on the case stays suitable for it: their own case is counted in their load."""
    found = mediators_ranked_for(case=case, today=today, only=mediator)
    if not found:
        return "Not an active mediator"
    if case.mediator_id == mediator.pk:
        return found[0].ineligible_reason
    return found[0].exclusion_reason


def mediators_eligible_for(*, case: Any, today: dt.date) -> list[tuple[Any, int]]:
    """Every active mediator who may mediate this case at all (the rule of mediators_ranked_for: no conflict of
    interest, a current accreditation, the SEND standards), with their open cases; whether they have room for it
    is left to the caller (the meeting proposals weigh it). No ranking and no free days, so it stays cheap: three
    queries however many mediators there are."""
    facts = _case_facts(case, today)
    users = list(
        User.objects.filter(groups__name=Role.MEDIATOR.value, is_active=True, mediator_profile__is_active=True)
        .select_related("mediator_profile")
        .prefetch_related(Prefetch("conflicts_declared", queryset=ConflictOfInterest.objects.select_related("school")))
        .order_by("last_name", "first_name", "pk").distinct()
    )
    counts = dict(
        Case.objects.filter(mediator__in=[u.pk for u in users]).exclude(state__in=ENDED_STATES)
        .values("mediator").annotate(n=Count("pk")).values_list("mediator", "n")
    )
    return [(user, counts.get(user.pk, 0)) for user in users
            if not _ineligibility(user.mediator_profile, list(user.conflicts_declared.all()), facts, today)]
