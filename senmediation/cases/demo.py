"""Realistic demo cases, made through the same services staff use, so every clock is real."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable

from senmediation.accounts.models import User
from senmediation.accounts.roles import Role
from senmediation.core import clock
from senmediation.core.errors import ServiceError
from senmediation.directory.models import LocalAuthority, Venue
from senmediation.rules.eligibility import Decision, Element, Route, route_for
from senmediation.rules.workflow import Action, CaseType

from .models import Case, Party
from .services.deadlines import deadlines_sweep
from .services.details import case_mediator_assign, case_parties_agreed_record
from .services.opening import PartyInput, case_open
from .services.transitions import case_transition

FIRST = ["Aisha", "Ben", "Chloe", "Daniel", "Ella", "Finley", "Grace", "Harry", "Isla", "Jack", "Kai", "Layla",
         "Mohammed", "Niamh", "Oliver", "Poppy", "Reuben", "Sofia", "Theo", "Zara"]
LAST = ["Ahmed", "Brown", "Clarke", "Davies", "Evans", "Fletcher", "Green", "Hughes", "Iqbal", "Jones", "Khan",
        "Lewis", "Murphy", "Nowak", "Owen", "Patel", "Roberts", "Singh", "Taylor", "Wilson"]
SEN_PATHS: list[tuple[int, list[str]]] = [
    # weight, the steps (actions, or the special steps "mediator", "meeting", "outcome:<value>")
    (8, []),
    (10, ["give_information"]),
    (14, ["give_information", "request_certificate"]),
    (18, ["give_information", "request_certificate", "issue_certificate"]),
    (8, ["give_information", "request_certificate", "issue_certificate", "close"]),
    (6, ["give_information", "request_mediation"]),
    (6, ["give_information", "request_mediation", "notify_la"]),
    (6, ["give_information", "request_mediation", "notify_la", "mediator", "start_preparation"]),
    (5, ["give_information", "request_mediation", "notify_la", "mediator", "start_preparation", "meeting",
         "schedule_meeting"]),
    (4, ["give_information", "request_mediation", "notify_la", "mediator", "start_preparation", "meeting",
         "schedule_meeting", "hold_meeting"]),
    (5, ["give_information", "request_mediation", "notify_la", "mediator", "start_preparation", "meeting",
         "schedule_meeting", "hold_meeting", "record_agreement", "issue_certificate"]),
    (4, ["give_information", "request_mediation", "notify_la", "mediator", "start_preparation", "meeting",
         "schedule_meeting", "hold_meeting", "record_agreement", "issue_certificate",
         "start_follow_up"]),
    (4, ["give_information", "request_mediation", "notify_la", "mediator", "start_preparation", "meeting",
         "schedule_meeting", "hold_meeting", "record_no_agreement",
         "issue_certificate", "close"]),
    (2, ["give_information", "request_mediation", "notify_la", "mark_not_arranged"]),
    (2, ["give_information", "request_mediation", "notify_la", "mark_not_arranged", "issue_certificate"]),
    (4, ["give_information", "request_mediation", "withdraw"]),
]
DRS_PATHS: list[tuple[int, list[str]]] = [
    (3, ["give_information"]),
    (3, ["give_information", "request_mediation"]),
    (3, ["give_information", "request_mediation", "agreed", "mediator", "start_preparation"]),
    (3, ["give_information", "request_mediation", "agreed", "mediator", "start_preparation", "meeting",
         "schedule_meeting", "hold_meeting", "record_agreement", "start_follow_up", "close"]),
    (1, ["give_information", "withdraw"]),
]


def _pick(rng: random.Random, paths: list[tuple[int, list[str]]]) -> list[str]:
    return rng.choices([p for _, p in paths], weights=[w for w, _ in paths])[0]


def demo_cases_generate(*, count: int, seed: int, progress: Callable[[int, int], None] | None = None) -> int:
    from senmediation.meetings.models import Meeting

    rng = random.Random(seed)
    today = clock.today()
    las = list(LocalAuthority.objects.filter(commissions_us=True)) or list(LocalAuthority.objects.all())
    mediators = list(User.objects.filter(groups__name=Role.MEDIATOR.value))
    coordinator = User.objects.filter(groups__name=Role.COORDINATOR.value).first()
    venues = list(Venue.objects.all())
    appealable = [d for d in Decision if d not in (Decision.legacy_statement, Decision.school_action)]
    created = 0
    for index in range(count):
        drs = rng.random() < 0.12
        case_type = CaseType.disagreement_resolution if drs else CaseType.sen_mediation
        steps = _pick(rng, DRS_PATHS if drs else SEN_PATHS)
        # Finished cases are spread over the past year; open ones are recent, as in a well-run service.
        finished = bool(steps) and steps[-1] in ("close", "withdraw", "issue_certificate", "start_follow_up")
        spread = 330 if finished else 8
        opened = today - dt.timedelta(days=rng.randint(len(steps) * 2, len(steps) * 2 + spread))
        notice = opened - dt.timedelta(days=rng.randint(3, 50))
        first, last = rng.choice(FIRST), rng.choice(LAST)
        parent = f"{rng.choice(FIRST)} {last}"
        decisions = rng.sample(appealable, k=rng.choice([1, 1, 2]))
        elements = [Element.education] + ([Element.health] if rng.random() < 0.15 else [])
        case = case_open(
            by=coordinator, case_type=case_type, local_authority=rng.choice(las),
            child_first_name=first, child_last_name=last,
            child_date_of_birth=opened - dt.timedelta(days=rng.randint(4 * 365, 19 * 365)),
            decisions=decisions, elements=elements, decision_notice_date=notice,
            route=route_for(decisions=decisions, elements=elements) if not drs else Route.disagreement_resolution,
            wants=rng.choice(["mediation", "certificate", "talk"]),
            source=rng.choice([Case.Source.PARENT] * 5 + [Case.Source.YOUNG_PERSON, Case.Source.IASS]),
            channel=rng.choice([Case.Channel.ONLINE, Case.Channel.PHONE, Case.Channel.PHONE]),
            parties=[PartyInput(role=Party.Role.PARENT, name=parent, phone="07700 900" + f"{index % 1000:03d}",
                                email=f"{parent.split()[0].lower()}.{index}@example.com",
                                preferred_contact=[rng.choice(["phone", "email", "letter"])], is_main_contact=True,
                                issues=["The support in section F is not specific enough"])],
            today=opened,
        )
        day = opened
        for step in steps:
            day = min(today, day + dt.timedelta(days=rng.choice([1, 1, 2, 3, 5])))
            try:
                if step == "mediator":
                    case_mediator_assign(case=case, mediator=rng.choice(mediators), by=coordinator)
                elif step == "agreed":
                    case_parties_agreed_record(case=case, by=coordinator)
                elif step == "meeting":
                    meeting_day = min(today + dt.timedelta(days=14), day + dt.timedelta(days=rng.randint(7, 20)))
                    Meeting.objects.create(
                        case=case, venue=rng.choice(venues), notice_sent_on=day,
                        starts_at=dt.datetime.combine(meeting_day, dt.time(10, 0), tzinfo=clock.LONDON),
                    )
                else:
                    if step == "hold_meeting":
                        meeting = case.meetings.order_by("-starts_at").first()
                        if meeting is not None:
                            day = max(day, clock.local(meeting.starts_at).date())
                            if day > today:
                                break
                            meeting.status = Meeting.Status.HELD
                            meeting.save(update_fields=["status"])
                    case_transition(case=case, action=Action(step), by=coordinator, on=day, today=day)
            except ServiceError:
                break
        created += 1
        if progress and (index + 1) % 100 == 0:
            progress(index + 1, count)
    deadlines_sweep(today=today)
    return created
