"""What every part of one case's walk shares: the fixed stride of ids each case has in each table (STRIDE),
the fast random helpers (_one, _between), London times as UTC (_at), and _WalkBase, the walk's state (set up
in __init__) with the small helpers its parts use: start a clock, add a timeline event, a case's first id in a
table, the parent's e-mail. The walk itself is in walk.py; its documents, feedback and rows in walk_*.py.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence
from functools import lru_cache
from typing import Any, TypeVar

from senmediation.agreements.models import Agreement, AgreementItem
from senmediation.cases.models import Case, CaseEvent, Deadline, Issue, Party
from senmediation.core import clock as service_clock
from senmediation.documents.models import Certificate, Document
from senmediation.feedback.models import Complaint, SurveyInvitation, SurveyResponse
from senmediation.meetings.models import Meeting
from senmediation.rules.deadlines import Clock, due_date
from senmediation.rules.eligibility import Element, Route
from senmediation.rules.workflow import CaseFacts, CaseType, State

from . import writer
from .world import World, _opened_on

T = TypeVar("T")
# Ids are handed out in fixed strides per case, so chunks made in parallel never collide.
STRIDE = {Case: 1, Party: 2, Issue: 3, CaseEvent: 40, Deadline: len(Clock), Meeting: 8, Certificate: 1,
          Document: 4, Agreement: 1, AgreementItem: 4, Complaint: 1, SurveyInvitation: 2, SurveyResponse: 2}


def _one(rng: random.Random, seq: Sequence[T]) -> T:
    """rng.choice without its overhead (called tens of millions of times)."""
    return seq[int(rng.random() * len(seq))]


def _between(rng: random.Random, low: int, high: int) -> int:
    """_between(rng, low, high), faster."""
    return low + int(rng.random() * (high - low + 1))


@lru_cache(maxsize=4096)
def _utc_offset(day: dt.date) -> dt.timedelta:
    # Clocks change at night, so one offset serves the working day.
    offset = dt.datetime.combine(day, dt.time(12), tzinfo=service_clock.LONDON).utcoffset()
    assert offset is not None
    return offset


def _at(day: dt.date, minute_of_day: int) -> dt.datetime:
    """That minute of that day in London, as UTC."""
    return dt.datetime(day.year, day.month, day.day, minute_of_day // 60, minute_of_day % 60,
                       tzinfo=dt.UTC) - _utc_offset(day)


class _WalkBase:
    """The state of one case's walk, and the helpers every part of the walk uses."""

    # Set when the walk starts (walk._CaseWalk.run); declared here for the parts that read them.
    health: bool
    elements: list[Element]
    route: Route
    notice: dt.date
    decisions: list[str]
    facts: CaseFacts
    first: str
    last: str
    parent: str
    la_id: int
    la_name: str
    last_day: dt.date

    def __init__(self, world: World, rng: random.Random, index: int, case_type: CaseType, reference: str,
                 number: int, rows: writer.Rows):
        self.world, self.rng, self.rows = world, rng, rows
        self.id = world.first_ids["case"] + index
        self.index = index
        self.case_type = case_type
        self.reference, self.number = reference, number
        self.opened = _opened_on(world, index)
        self.coordinator = world.coordinators[self.id % len(world.coordinators)]
        self.events: list[tuple[dt.datetime, str, str, str, str, str, int | None]] = []
        self.clocks: dict[Clock, list[Any]] = {}  # clock -> [start, due, met_on, stopped_on]
        self.meetings: list[list[Any]] = []
        self.letters: list[int] = []
        self.held_on: dt.date | None = None
        self.state = State.enquiry
        self.fields: dict[str, Any] = {"mediator_id": None, "all_parties_agreed": False, "meeting_outcome": "",
                                       "la_notified_on": None, "certificate_issued_on": None, "closed_on": None,
                                       "closure_reason": ""}

    def _start(self, clock_: Clock, start: dt.date) -> None:
        self.clocks[clock_] = [start, due_date(clock_, start), None, None]

    def _event(self, day: dt.date, minute: int, kind: str, action: str, from_state: str, to_state: str,
               summary: str, by: int | None) -> None:
        self.events.append((_at(day, minute), kind, action, from_state, to_state, summary, by))

    def _first_id(self, key: str, model: Any) -> int:
        """This case's first id in a table: each case has a fixed stride of ids there (STRIDE)."""
        return int(self.world.first_ids[key] + self.index * STRIDE[model])

    @property
    def _parent_email(self) -> str:
        return f"{self.parent.split()[0].lower()}.{self.id}@example.com"
