"""What every chunk of demo cases shares: the World read once from the database (LAs, staff, venues, closures,
the provider, the specimen files and the first free id per table), and the plan that splits the work into
chunks and numbers their references gap-free per prefix and year, in order of opening.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from senmediation.accounts.models import User
from senmediation.accounts.roles import Role
from senmediation.agreements.models import Agreement, AgreementItem
from senmediation.cases.models import Case, CaseEvent, Deadline, Issue, Party
from senmediation.cases.services.references import PREFIXES
from senmediation.directory.models import ClosureDay, LocalAuthority, Provider, Venue
from senmediation.documents.models import Certificate, Document
from senmediation.feedback.models import Complaint, SurveyInvitation, SurveyResponse
from senmediation.meetings.models import Meeting
from senmediation.rules.workflow import CaseType

from . import writer
from .documents import SpecimenFiles, specimen_files

CHUNK = 5_000
HISTORY_DAYS = 3 * 365  # cases were opened over the last three years
DRS_SHARE = 0.12


@dataclass(frozen=True)
class World:
    """Everything a chunk needs from the database, read once (picklable, for worker processes)."""

    today: dt.date
    la: tuple[tuple[int, str], ...]
    # LAs that commission our disagreement resolution: the only ones with DRS cases.
    drs_la: tuple[tuple[int, str], ...]
    mediators: tuple[int, ...]
    coordinators: tuple[int, ...]  # each case is looked after by one, in turn by its id
    manager: int
    complaint_days: tuple[int, int]  # the provider's own: acknowledge, respond (working days)
    closures: frozenset[dt.date]
    venues: tuple[tuple[int, bool], ...]
    provider_name: str
    provider_cmc: str
    files: SpecimenFiles
    first_ids: dict[str, int]
    count: int
    seed: int


@dataclass
class Chunk:
    number: int
    start: int  # global index of its first case
    size: int
    ref_start: dict[tuple[str, int], int]  # the reference number before this chunk's first, per prefix+year


def _opened_on(world: World, index: int) -> dt.date:
    # Spread evenly over the history, oldest first, so references and ids follow the opening date.
    span = HISTORY_DAYS - 1
    return world.today - dt.timedelta(days=HISTORY_DAYS - (index * span) // max(world.count, 1))


def _types(seed: int, chunk: int, size: int) -> list[CaseType]:
    rng = random.Random(f"{seed}:types:{chunk}")
    return [CaseType.disagreement_resolution if rng.random() < DRS_SHARE else CaseType.sen_mediation
            for _ in range(size)]


def chunks_plan(world: World, existing: dict[tuple[str, int], int]) -> list[Chunk]:
    """Splits the work and numbers references gap-free per prefix and year, in order of opening."""
    counters = dict(existing)
    out = []
    for number, start in enumerate(range(0, world.count, CHUNK)):
        size = min(CHUNK, world.count - start)
        out.append(Chunk(number, start, size, dict(counters)))
        for offset, case_type in enumerate(_types(world.seed, number, size)):
            key = (PREFIXES[case_type], _opened_on(world, start + offset).year)
            counters[key] = counters.get(key, 0) + 1
    return out


def _world(*, count: int, seed: int, today: dt.date) -> World:
    provider = Provider.objects.filter(is_current=True).first()
    coordinators = tuple(User.objects.filter(groups__name=Role.COORDINATOR.value).order_by("id"))
    manager = User.objects.filter(groups__name=Role.MANAGER.value).order_by("id").first()
    mediators = tuple(User.objects.filter(groups__name=Role.MEDIATOR.value).order_by("id").values_list("id", flat=True))
    las = tuple(LocalAuthority.objects.filter(commissions_us=True).order_by("id").values_list("id", "name"))
    drs_las = tuple(
        LocalAuthority.objects.filter(commissions_us=True, commissions_drs=True).order_by("id").values_list("id", "name")
    ) or las
    venues = tuple(Venue.objects.order_by("id").values_list("id", "is_online"))
    if provider is None or not coordinators or manager is None or not mediators or not las or not venues:
        raise RuntimeError("Load the reference data and demo users first (seed_demo does both).")
    first = writer.next_ids()
    names = {Case: "case", Party: "party", Issue: "issue", CaseEvent: "event", Deadline: "deadline",
             Meeting: "meeting", Certificate: "certificate", Document: "document", Agreement: "agreement",
             AgreementItem: "agreement_item", Complaint: "complaint", SurveyInvitation: "survey_invitation",
             SurveyResponse: "survey_response"}
    return World(
        today=today, la=las, drs_la=drs_las, mediators=mediators,
        coordinators=tuple(c.pk for c in coordinators), manager=manager.pk,
        complaint_days=(provider.complaint_acknowledge_working_days, provider.complaint_response_working_days),
        closures=frozenset(ClosureDay.objects.values_list("day", flat=True)), venues=venues,
        provider_name=provider.name, provider_cmc=provider.cmc_registration,
        files=specimen_files(issued_by=coordinators[0], today=today), first_ids={names[m]: i for m, i in first.items()},
        count=count, seed=seed,
    )
