"""One walked case turned into rows: the case itself (with its summary of clocks, its next meeting and its
search text), its parties, issues, timeline events, clocks (deadlines) and meetings, in the column order the
writer's COPY uses (writer.py).
"""

from __future__ import annotations

import datetime as dt

from senmediation.cases.models import Case, CaseEvent, Deadline, Issue, Party
from senmediation.cases.search import Person, search_text_for
from senmediation.cases.services.deadlines import CHASED_STATUSES, DUE_SOON_WORKING_DAYS
from senmediation.meetings.models import Meeting
from senmediation.rules.deadlines import CLOCK_RULES, clock_status
from senmediation.rules.workflow import is_open

from .phrases import FIRST, ISSUES, LAST
from .walk_base import STRIDE, _at, _between, _one, _WalkBase


class _WalkRows(_WalkBase):
    """The walk's case, parties, issues, events, deadlines and meetings as rows."""

    def _write(self) -> None:
        rows, rng, today = self.rows, self.rng, self.world.today
        opened_at = self.events[0][0]
        self.events.sort(key=lambda e: e[0])
        last_at = self.events[-1][0]
        deadline_base = self._first_id("deadline", Deadline)
        chased: list[tuple[dt.date, str]] = []
        for n, (clock_, (start, due, met_on, stopped_on)) in enumerate(self.clocks.items()):
            status = "" if stopped_on is not None else clock_status(
                due=due, met_on=met_on, today=today, due_soon_working_days=DUE_SOON_WORKING_DAYS).value
            rows[Deadline].append((deadline_base + n, self.id, clock_.value, start, due, met_on, stopped_on, status))
            if (met_on is None and stopped_on is None and not CLOCK_RULES[clock_].informational
                    and status in CHASED_STATUSES):
                chased.append((due, status))
        next_due, summary_status = min(chased) if chased else (None, "")
        # The open case's meeting still scheduled, as meetings.services.case_next_meeting_refresh keeps it: one
        # arranged for a day to come, or (a case left waiting) one whose day passed without its being recorded.
        meeting_day = min((day for day, _, status, _, _ in self.meetings[: STRIDE[Meeting]]
                           if status == Meeting.Status.SCHEDULED.value), default=None) if is_open(self.state) else None
        next_meeting_at = _at(meeting_day, 10 * 60) if meeting_day else None  # meetings start at 10:00 (below)
        fields = self.fields
        rows[Case].append((
            self.id, self.reference, self.opened.year, self.number, self.case_type.value, self.state.value,
            self.la_id, fields["mediator_id"], self.coordinator, self.first, self.last,
            self.opened - dt.timedelta(days=_between(rng, 4 * 365, 19 * 365)), self.decisions,
            [e.value for e in self.elements], self.notice,
            self.route.value, "", _one(rng, ("mediation", "certificate", "talk")),
            _one(rng, (Case.Source.PARENT.value,) * 5 + (Case.Source.YOUNG_PERSON.value, Case.Source.IASS.value)),
            _one(rng, (Case.Channel.ONLINE.value, Case.Channel.PHONE.value)), fields["all_parties_agreed"],
            fields["meeting_outcome"], fields["la_notified_on"], fields["certificate_issued_on"], self.opened,
            fields["closed_on"], fields["closure_reason"], next_due, summary_status, next_meeting_at,
            f"{self.last} {self.first}".lower(), opened_at, last_at,
        ))
        party_id = self._first_id("party", Party)
        phone = f"07700 900{self.id % 1000:03d}"
        rows[Party].append((
            party_id, self.id, Party.Role.PARENT.value, self.parent, "", self._parent_email,
            phone, [_one(rng, ("phone", "email", "letter"))],
            True, opened_at, opened_at,
        ))
        people = [Person(name=self.parent, email=self._parent_email, phone=phone)]
        if self.fields["la_notified_on"] is not None:
            # The LA's officer, named from the case's id (not the random stream, so seeds give the same data).
            officer = f"{FIRST[self.id % len(FIRST)]} {LAST[self.id // len(FIRST) % len(LAST)]}"
            officer_email = f"{officer.replace(' ', '.').lower()}@{self.la_name.lower().replace(' ', '')}.gov.uk"
            rows[Party].append((party_id + 1, self.id, Party.Role.LA_OFFICER.value, officer,
                                f"{self.la_name} Council", officer_email, "", ["email"], False, opened_at, opened_at))
            people.append(Person(name=officer, email=officer_email))
        rows[Case][-1] += (search_text_for(reference=self.reference, child_first_name=self.first,
                                           child_last_name=self.last, people=people),)
        issue_base = self._first_id("issue", Issue)
        for n, text in enumerate(rng.sample(ISSUES, k=_between(rng, 1, STRIDE[Issue]))):
            rows[Issue].append((issue_base + n, self.id, party_id, text, "", opened_at, opened_at))
        event_base = self._first_id("event", CaseEvent)
        assert len(self.events) <= STRIDE[CaseEvent], self.reference
        for n, (at, kind, action, from_state, to_state, summary, by) in enumerate(self.events):
            rows[CaseEvent].append((event_base + n, self.id, at, by, kind, action, from_state, to_state, summary))
        meeting_base = self._first_id("meeting", Meeting)
        for n, (day, notice, status, venue_id, online) in enumerate(self.meetings[: STRIDE[Meeting]]):
            starts = _at(day, 10 * 60)
            rows[Meeting].append((meeting_base + n, self.id, starts, starts + dt.timedelta(hours=3), venue_id,
                                  online, notice, status, _at(notice, 12 * 60), _at(notice, 12 * 60)))
