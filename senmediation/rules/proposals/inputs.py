"""What the proposals engine is given: the case's window and needs, and the people, rooms and interpreters
that could make a meeting, each with the times they are already taken. Plain data, built by the service
(casepages/proposals_data.py) in a fixed number of queries; all times are local (Europe/London), naive."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from enum import StrEnum

__all__ = [
    "Busy", "HelperKind", "HelperIn", "MediatorIn", "Mode", "Need", "PartOfDay", "PartyDays", "Request", "RoomIn",
    "busy_by_day",
]

# A resource's taken times, by local day: (start, end) pairs, end not included.
Busy = Mapping[date, Sequence[tuple[datetime, datetime]]]


def busy_by_day(spans: Sequence[tuple[datetime, datetime]]) -> dict[date, list[tuple[datetime, datetime]]]:
    """Taken times grouped by each local day they touch, for a constant-time look-up per day."""
    days: dict[date, list[tuple[datetime, datetime]]] = {}
    for start, end in spans:
        day = start.date()
        while day <= (end - timedelta(microseconds=1)).date():
            days.setdefault(day, []).append((start, end))
            day += timedelta(days=1)
    return days


class Mode(StrEnum):
    """How the meeting may be held."""

    EITHER = "either"  # in a room, or by video when no suitable room is free
    IN_PERSON = "in_person"
    VIDEO = "video"


class PartOfDay(StrEnum):
    MORNING = "morning"
    AFTERNOON = "afternoon"


class HelperKind(StrEnum):
    """The people booked so that a party can take part (the adjustments: Equality Act 2010 s.20)."""

    SPOKEN = "spoken"
    BSL = "bsl"
    ADVOCATE = "advocate"


HELPER_LABELS = {HelperKind.SPOKEN: "interpreter", HelperKind.BSL: "British Sign Language interpreter",
                 HelperKind.ADVOCATE: "advocate"}


@dataclass(frozen=True)
class Need:
    """One helper the meeting needs: an interpreter of `language`, a BSL interpreter or an advocate."""

    kind: HelperKind
    language: str = ""  # for SPOKEN only

    @property
    def label(self) -> str:
        if self.kind is HelperKind.SPOKEN:
            return f"{self.language} interpreter"
        return HELPER_LABELS[self.kind]


@dataclass(frozen=True)
class MediatorIn:
    key: int
    name: str
    open_cases: int = 0
    capacity: int = 5
    already_this_case: bool = False  # the case's own mediator: the case is already counted
    # The days they said they are free (with the hours, if they narrowed them); a day with no entry is not free.
    free_days: Mapping[date, tuple[time | None, time | None]] = field(default_factory=dict)
    leave: Sequence[tuple[date, date]] = ()  # first and last day of each spell of leave
    busy: Busy = field(default_factory=dict)  # their other meetings
    local_authorities: frozenset[int] = frozenset()  # where they usually work (no long travel)


@dataclass(frozen=True)
class RoomIn:
    key: int
    name: str
    venue: str
    local_authority: int | None
    capacity: int
    step_free: bool = False
    hearing_loop: bool = False
    quiet_room: bool = False
    busy: Busy = field(default_factory=dict)


@dataclass(frozen=True)
class HelperIn:
    key: int
    name: str
    kind: HelperKind
    languages: frozenset[str] = frozenset()  # lower case
    weekdays: frozenset[int] = frozenset({0, 1, 2, 3, 4})
    local_authorities: frozenset[int] = frozenset()
    works_online: bool = True
    busy: Busy = field(default_factory=dict)


@dataclass(frozen=True)
class PartyDays:
    """A party who said which days they can come (their latest answer through their link)."""

    name: str
    days: frozenset[date]


@dataclass(frozen=True)
class Request:
    today: date
    # The 30 days of regs 35(3)-(4) / 36(2): the last day a meeting meets the duty; None where no clock runs
    # (disagreement resolution, or the clock has stopped).
    window_end: date | None
    opens_at: time
    closes_at: time
    length: timedelta = timedelta(hours=3)
    notice_working_days: int = 5  # reg 37(2); fewer only when the family agreed to less
    invitations_on: date | None = None  # the day the date and place go to the family (default: today)
    family_local_authority: int | None = None
    people: int = 4  # who will be in the room: parties, mediator, supporters, interpreters
    needs: tuple[Need, ...] = ()
    step_free: bool = False  # "An accessible venue"
    hearing_loop: bool = False
    quiet_room: bool = False  # "Extra breaks"
    party_days: tuple[PartyDays, ...] = ()
    preferred: frozenset[PartOfDay] = frozenset()  # the family's preferred times of day
    mode: Mode = Mode.EITHER
    closures: frozenset[date] = frozenset()  # the provider's own closure days (it is not open to hold one)
    mediators: tuple[MediatorIn, ...] = ()
    rooms: tuple[RoomIn, ...] = ()
    helpers: tuple[HelperIn, ...] = ()
    how_many: int = 3
    # Days without a 30-day window (or after it) are searched up to this many days ahead.
    horizon_days: int = 42
    start_every: timedelta = timedelta(minutes=30)

    @property
    def sent_on(self) -> date:
        return self.invitations_on or self.today
