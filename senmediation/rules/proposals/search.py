"""The search: every start time on every day up to the end of the window, checked against the hard rules
(hard.py), the best slot of each day scored by the soft preferences, and the best days proposed.

A plain search is enough: a month of days, a dozen start times each, and for each time the first free
mediator, room and interpreter (the resources do not compete with one another once the time is fixed), so the
work grows with days x times x (mediators + rooms + interpreters), not with their product.

Soft preferences (service choices, not law), in points: sooner is better (POINTS_PER_DAY_SOONER off for each
day to the meeting); a time of day the family prefer; a mediator who works in the family's area (no long
journey) or a video meeting; a room rather than video when either would do.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta

from senmediation.rules.calendar import format_day, working_days_between

from .hard import (
    CALENDAR_RULES,
    DEPTH,
    RULE_LABELS,
    Rule,
    day_refusal,
    helper_suits,
    is_free,
    mediator_takes_case,
    on_leave,
    room_missing,
    room_suits,
)
from .inputs import HelperIn, MediatorIn, Mode, Need, PartOfDay, Request, RoomIn

__all__ = ["Outcome", "Proposal", "RuledOut", "check_slot", "propose"]

BASE_POINTS = 100
POINTS_PER_DAY_SOONER = 2
PREFERRED_TIME_POINTS = 15
NO_TRAVEL_POINTS = 10
IN_PERSON_POINTS = 8
NOON = time(12, 0)


@dataclass(frozen=True)
class Proposal:
    starts: datetime
    ends: datetime
    mediator: MediatorIn
    room: RoomIn | None  # None: by video
    helpers: tuple[tuple[Need, HelperIn], ...]
    inside_window: bool
    notice_working_days: int  # working days between the invitations and the meeting
    score: int
    reasons: tuple[str, ...]

    @property
    def day(self) -> date:
        return self.starts.date()

    @property
    def by_video(self) -> bool:
        return self.room is None

    @property
    def helper_keys(self) -> str:
        """The helpers' keys, comma-separated (how a page posts the proposal back to book it)."""
        return ",".join(str(helper.key) for _, helper in self.helpers)


@dataclass(frozen=True)
class RuledOut:
    rule: Rule
    reason: str
    days: tuple[date, ...]

    @property
    def summary(self) -> str:
        n = len(self.days)
        return f"{n} day{'s' if n != 1 else ''} ruled out: {self.reason}"

    @property
    def is_calendar(self) -> bool:
        return self.rule in CALENDAR_RULES


@dataclass(frozen=True)
class Outcome:
    request: Request
    proposals: tuple[Proposal, ...]  # inside the window (or the horizon where no window runs)
    later: tuple[Proposal, ...]  # after the window, searched only when nothing fits inside it
    ruled_out: tuple[RuledOut, ...]  # the days up to the window's end that no time works on, by why
    last_day: date  # the last day searched for `proposals`
    days_possible: int  # days up to `last_day` with at least one time that meets every rule
    none_reason: str | None  # when there are no proposals: why, in plain words

    @property
    def window_end(self) -> date | None:
        return self.request.window_end


@dataclass
class _Miss:
    rule: Rule | None = None
    reason: str = ""

    def note(self, rule: Rule, reason: str) -> None:
        if self.rule is None or DEPTH[rule] > DEPTH[self.rule]:
            self.rule, self.reason = rule, reason


def _starts(req: Request, day: date) -> list[tuple[datetime, datetime]]:
    times = []
    start = datetime.combine(day, req.opens_at)
    closes = datetime.combine(day, req.closes_at)
    while start + req.length <= closes:
        times.append((start, start + req.length))
        start += req.start_every
    return times


def _mediators_on(req: Request, day: date, takers: list[MediatorIn], miss: _Miss
                  ) -> list[tuple[MediatorIn, datetime | None, datetime | None]]:
    """The mediators free on `day` with the hours they narrowed it to, those in the family's area first."""
    free = []
    for mediator in takers:
        if on_leave(mediator, day):
            miss.note(Rule.MEDIATOR_LEAVE, RULE_LABELS[Rule.MEDIATOR_LEAVE])
            continue
        hours = mediator.free_days.get(day)
        if hours is None:
            miss.note(Rule.MEDIATOR_NOT_FREE, RULE_LABELS[Rule.MEDIATOR_NOT_FREE])
            continue
        frm, to = hours
        free.append((mediator, datetime.combine(day, frm) if frm else None, datetime.combine(day, to) if to else None))
    local = req.family_local_authority
    free.sort(key=lambda m: (local is None or local not in m[0].local_authorities, not m[0].already_this_case,
                             m[0].open_cases - m[0].capacity, m[0].name, m[0].key))
    return free


def _helpers_for(req: Request, day: date, start: datetime, end: datetime, *, in_person: bool,
                 miss: _Miss) -> tuple[tuple[Need, HelperIn], ...] | None:
    chosen: list[tuple[Need, HelperIn]] = []
    for need in req.needs:
        suitable = [h for h in req.helpers if helper_suits(h, need, day=day, in_person=in_person,
                                                             family_la=req.family_local_authority)
                    and all(h.key != c.key for _, c in chosen)]
        if not suitable:
            miss.note(Rule.NO_HELPER, f"no {need.label} works that day" + (" in the family's area" if in_person else ""))
            return None
        helper = next((h for h in suitable if is_free(h.busy.get(day), start, end)), None)
        if helper is None:
            miss.note(Rule.HELPER_BOOKED, f"the {need.label} is booked" if len(suitable) == 1
                      else f"every {need.label} is booked")
            return None
        chosen.append((need, helper))
    return tuple(chosen)


def _score(req: Request, start: datetime, mediator: MediatorIn, room: RoomIn | None, either: bool) -> int:
    points = BASE_POINTS - POINTS_PER_DAY_SOONER * (start.date() - req.today).days
    part = PartOfDay.MORNING if start.time() < NOON else PartOfDay.AFTERNOON
    if part in req.preferred:
        points += PREFERRED_TIME_POINTS
    local = req.family_local_authority
    if room is None or local is None or local in mediator.local_authorities:
        points += NO_TRAVEL_POINTS
    if room is not None and either:
        points += IN_PERSON_POINTS
    return points


def _reasons(req: Request, p: Proposal) -> tuple[str, ...]:
    reasons = []
    if req.window_end is not None and p.inside_window:
        left = (req.window_end - p.day).days
        reasons.append(f"Inside the 30 days, which end on {format_day(req.window_end)} ({left} day{'s' if left != 1 else ''} to spare)")
    n = req.notice_working_days
    reasons.append(f"{p.notice_working_days} working days' notice if the invitations go on {format_day(req.sent_on)} "
                   f"({n} needed{', as the family agreed' if n < 5 else ''})")
    if req.party_days:
        reasons.append("Everyone who told us their dates can come: " + ", ".join(d.name for d in req.party_days))
    part = PartOfDay.MORNING if p.starts.time() < NOON else PartOfDay.AFTERNOON
    if part in req.preferred:
        reasons.append(f"In the {part.value}, which the family prefer")
    m = p.mediator
    reasons.append(f"{m.name} is free" + ("" if m.already_this_case else f" and can take the case ({m.open_cases} of {m.capacity} cases)"))
    if p.room is None:
        reasons.append("By video: no travel for anyone")
    else:
        room = p.room
        access = [w for ok, w in ((room.step_free, "step-free"), (room.hearing_loop, "hearing loop"),
                                  (room.quiet_room, "quiet room")) if ok]
        reasons.append(f"{room.name}, {room.venue}: seats {room.capacity}" + (f"; {', '.join(access)}" if access else ""))
        local = req.family_local_authority
        if local is not None and local in m.local_authorities:
            reasons.append(f"In {m.name}'s usual area: no long journey")
        elif local is not None:
            reasons.append(f"Outside {m.name}'s usual area: a longer journey")
    reasons.extend(f"{h.name} ({need.label}) is free" for need, h in p.helpers)
    return tuple(reasons)


def _best_on(req: Request, day: date, takers: list[MediatorIn], rooms: list[RoomIn], inside: bool,
             miss: _Miss) -> Proposal | None:
    mediators = _mediators_on(req, day, takers, miss)
    if not mediators:
        return None
    either = req.mode is Mode.EITHER
    best: tuple[int, Proposal] | None = None
    for start, end in _starts(req, day):
        mediator = None
        for candidate, frm, to in mediators:
            if (frm is not None and start < frm) or (to is not None and end > to):
                miss.note(Rule.MEDIATOR_NOT_FREE, "the mediator is free only at other times")
            elif not is_free(candidate.busy.get(day), start, end):
                miss.note(Rule.MEDIATOR_BUSY, RULE_LABELS[Rule.MEDIATOR_BUSY])
            else:
                mediator = candidate
                break
        if mediator is None:
            continue
        places: list[RoomIn | None] = []
        if req.mode is not Mode.VIDEO:
            if not rooms:
                miss.note(Rule.NO_ROOM, room_missing(req))
            else:
                free_room = next((r for r in rooms if is_free(r.busy.get(day), start, end)), None)
                if free_room is None:
                    miss.note(Rule.ROOM_BOOKED, RULE_LABELS[Rule.ROOM_BOOKED])
                else:
                    places.append(free_room)
        if req.mode is not Mode.IN_PERSON:
            places.append(None)
        for room in places:
            helpers = _helpers_for(req, day, start, end, in_person=room is not None, miss=miss)
            if helpers is None:
                continue
            score = _score(req, start, mediator, room, either)
            if best is None or score > best[0]:
                notice = working_days_between(req.sent_on, day)
                proposal = Proposal(starts=start, ends=end, mediator=mediator, room=room, helpers=helpers,
                                    inside_window=inside, notice_working_days=notice, score=score, reasons=())
                best = (score, proposal)
            break  # a room (the preferred place) that works beats video at the same time
    if best is None:
        return None
    return replace(best[1], reasons=_reasons(req, best[1]))


def _search(req: Request, first: date, last: date, inside: bool, ruled: dict[tuple[Rule, str], list[date]]
            ) -> list[Proposal]:
    takers = [m for m in req.mediators if mediator_takes_case(m)]
    rooms = sorted((r for r in req.rooms if room_suits(req, r)), key=lambda r: (r.capacity, r.venue, r.name, r.key))
    found = []
    day = first
    while day <= last:
        refusal = day_refusal(req, day)
        if refusal is None and not takers:
            refusal = (Rule.MEDIATOR_FULL, RULE_LABELS[Rule.MEDIATOR_FULL] if req.mediators else "no mediator is available")
        if refusal is None:
            miss = _Miss()
            proposal = _best_on(req, day, takers, rooms, inside, miss)
            if proposal is not None:
                found.append(proposal)
            elif miss.rule is not None:
                refusal = (miss.rule, miss.reason)
        if refusal is not None:
            ruled.setdefault(refusal, []).append(day)
        day += timedelta(days=1)
    return found


def _top(found: list[Proposal], how_many: int) -> tuple[Proposal, ...]:
    return tuple(sorted(found, key=lambda p: (-p.score, p.starts))[:how_many])


def _none_reason(req: Request, last: date, groups: list[RuledOut]) -> str:
    until = format_day(last)
    if req.window_end is not None and last < req.today + timedelta(days=1):
        return f"The 30 days ended on {until}."
    telling = [g for g in groups if not g.is_calendar] or groups
    if not telling:
        return f"No day up to {until} can be searched."
    return f"No time up to {until} meets every rule: " + "; ".join(g.summary for g in telling) + "."


def propose(req: Request) -> Outcome:
    """The best `how_many` slots (one a day) meeting every hard rule, each with why; the days ruled out, grouped
    by the rule that ruled them out; and, when nothing fits in the window, why, and the first slots after it."""
    first = req.today + timedelta(days=1)
    last = req.window_end if req.window_end is not None else req.today + timedelta(days=req.horizon_days)
    ruled: dict[tuple[Rule, str], list[date]] = {}
    found = _search(req, first, last, True, ruled) if first <= last else []
    groups = sorted((RuledOut(rule=rule, reason=reason, days=tuple(days)) for (rule, reason), days in ruled.items()),
                    key=lambda g: (g.is_calendar, -len(g.days), DEPTH[g.rule]))
    later: tuple[Proposal, ...] = ()
    if not found and req.window_end is not None:
        after_first = max(first, req.window_end + timedelta(days=1))
        later = _top(_search(req, after_first, after_first + timedelta(days=req.horizon_days), False, {}), req.how_many)
    return Outcome(request=req, proposals=_top(found, req.how_many), later=later, ruled_out=tuple(groups),
                   last_day=last, days_possible=len(found),
                   none_reason=None if found else _none_reason(req, last, groups))


def check_slot(req: Request, start: datetime) -> Proposal | str:
    """One exact slot checked again, as it is booked: the proposal it makes with the mediator, room and helpers
    in `req` (the service narrows them to the ones chosen), or the words of the rule that now rules it out."""
    day = start.date()
    if day <= req.today:
        return "the time has passed"
    refusal = day_refusal(req, day)
    if refusal is not None:
        return refusal[1]
    takers = [m for m in req.mediators if mediator_takes_case(m)]
    if not takers:
        return RULE_LABELS[Rule.MEDIATOR_FULL]
    end = start + req.length
    if start.time() < req.opens_at or end.date() != day or end.time() > req.closes_at:
        return f"it is outside the provider's hours ({req.opens_at:%H:%M} to {req.closes_at:%H:%M})"
    one = replace(req, opens_at=start.time(), closes_at=end.time(), start_every=req.length)
    rooms = [r for r in req.rooms if room_suits(req, r)]
    miss = _Miss()
    inside = req.window_end is None or day <= req.window_end
    proposal = _best_on(one, day, takers, rooms, inside, miss)
    return proposal if proposal is not None else miss.reason or "the time does not fit the provider's hours"
