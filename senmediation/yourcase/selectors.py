"""What the family's own case page shows, read through one secure link: only that link's case, and of it
only what the family may see (no other party's contact details, no staff notes, no other case).

`your_case()` reads everything in a fixed number of queries (at most 10, whatever the size of the case
or of the database): the case with its mediator and coordinator, the meeting, the parties' roles, the
clocks, the certificates, the agreement, the letters to this party and the last public timeline events.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import Any

from senmediation.agreements.selectors import agreement_for_portal
from senmediation.cases.models import Case, CaseEvent, Deadline, Party
from senmediation.core import clock
from senmediation.directory.selectors import provider_current
from senmediation.documents.models import Certificate
from senmediation.expenses.models import ExpenseClaim
from senmediation.meetings.models import Meeting
from senmediation.notifications.models import Message
from senmediation.portal.models import AttendanceResponse, Availability, Feedback, PartyLink, PartySummary, Purpose
from senmediation.rules.appeal import adviser_contact_note, tribunal_appeal_explanation
from senmediation.rules.deadlines import CLOCK_RULES, Clock
from senmediation.rules.eligibility import ROUTE_RULES, Route
from senmediation.rules.family_stage import CASE_OPENED, WHO_LABELS, family_stage, step_happened
from senmediation.rules.workflow import CaseType

TIMELINE_LENGTH = 12
LETTERS_SHOWN = 20

# Who is coming to the meeting, by role only: never another party's name or contact details.
ROLE_COMING: dict[str, str] = {
    Party.Role.PARENT: "A parent or carer",
    Party.Role.YOUNG_PERSON: "The young person",
    Party.Role.REPRESENTATIVE: "The person who acts for the young person",
    Party.Role.LA_OFFICER: "Someone from your local authority",
    Party.Role.ICB: "Someone from the integrated care board (ICB)",
    Party.Role.SCHOOL: "Someone from the school or college",
    Party.Role.SUPPORTER: "Your supporter or advocate",
    Party.Role.INTERPRETER: "An interpreter",
}

# Why a certificate is due when it is (the three certificate clocks, rules/deadlines.py).
CERTIFICATE_WHY: dict[Clock, str] = {
    Clock.certificate_no_mediation: "The law gives us 3 working days from when you told us you do not want mediation",
    Clock.certificate_after_mediation: "The law gives us 3 working days from the end of the mediation",
    Clock.certificate_not_arranged: "The law gives us 3 working days from when your local authority told us it "
                                    "cannot arrange mediation within 30 days",
}


@dataclass(frozen=True)
class OurContact:
    phone: str
    email: str
    text_relay: str  # Relay UK: 18001 then our number
    opening_hours: str


@dataclass(frozen=True)
class MeetingPlan:
    starts_at: dt.datetime  # Europe/London
    ends_at: dt.datetime | None
    online: bool
    joining_link: str
    place_lines: tuple[str, ...]  # name, address lines, postcode
    coming: tuple[str, ...]  # by role only


@dataclass(frozen=True)
class KeyDate:
    label: str  # "The Tribunal must receive your appeal by"
    day: dt.date
    why: str
    passed: bool = False  # the day is before today


@dataclass(frozen=True)
class DocumentLink:
    kind: str  # "certificate", "agreement" or "letter"
    title: str
    pk: int | None  # None for the agreement (one per case)
    dated: dt.date | None


@dataclass(frozen=True)
class TimelineEntry:
    day: dt.date
    text: str


@dataclass(frozen=True)
class YourCasePage:
    reference: str
    child_first_name: str
    party_name: str
    documents_only: bool  # a closed case's documents link: nothing else is shown
    stage_sentence: str
    next_step: str
    next_step_who: str
    next_step_due: dt.date | None
    next_step_due_passed: bool
    next_step_due_note: str
    next_step_citation: str
    mediator_name: str
    coordinator_name: str
    contact: OurContact | None
    adjustments: tuple[str, ...]
    meeting: MeetingPlan | None
    key_dates: tuple[KeyDate, ...]
    documents: tuple[DocumentLink, ...]
    timeline: tuple[TimelineEntry, ...]
    task: str  # the link's task, in words ("tell us when you can come"), or "" when there is none
    task_sent_on: dt.date | None  # when the family last sent the task's answer through this link, if they have


def family_task(link: PartyLink) -> str:
    """The task the link was sent for, shown on the page; none for a plain case or documents link, and none
    for the child's views, which only the child's own link shows (rules/links.py)."""
    if link.purpose in (Purpose.CASE, Purpose.DOCUMENTS, Purpose.CHILD_VIEWS):
        return ""
    return str(Purpose(link.purpose).label)


# What each task sends, kept against the link it came through (portal/models.py, expenses/models.py); an
# expenses claim counts once it is sent, not while it is a draft.
_SENT_THROUGH: dict[str, tuple[Any, dict[str, Any]]] = {
    Purpose.AVAILABILITY: (Availability, {}),
    Purpose.SUMMARY_AND_ISSUES: (PartySummary, {}),
    Purpose.ATTENDANCE: (AttendanceResponse, {}),
    Purpose.FEEDBACK: (Feedback, {}),
    Purpose.EXPENSES: (ExpenseClaim, {"submitted_at__isnull": False}),
}


def task_sent_on(link: PartyLink) -> dt.date | None:
    """The day the family last sent the answer to the link's task through it (one query), so the page can say
    so instead of asking again; None for a task that sends nothing (reading the agreement) or not sent yet."""
    if link.purpose not in _SENT_THROUGH:
        return None
    model, extra = _SENT_THROUGH[link.purpose]
    latest = (model.objects.filter(link=link, **extra).order_by("-submitted_at")
              .values_list("submitted_at", flat=True).first())
    return clock.local(latest).date() if latest is not None else None


def _name(user: Any) -> str:
    return (user.get_full_name() or user.get_username()) if user is not None else ""


def _contact() -> OurContact | None:
    provider = provider_current()
    if provider is None:
        return None
    return OurContact(phone=provider.phone, email=provider.email, text_relay=f"18001 then {provider.phone}",
                      opening_hours=provider.opening_hours)


def _adjustments(party: Party) -> tuple[str, ...]:
    found = list(party.adjustment_labels)
    if party.interpreter_needed:
        found.append(f"An interpreter ({party.language})" if party.language else "An interpreter")
    if party.adjustments_notes:
        found.append(party.adjustments_notes)
    return tuple(found)


def meeting_next_scheduled(case_id: int) -> Meeting | None:
    """The case's next scheduled meeting, with its venue: the one the page shows and the calendar file holds."""
    return (Meeting.objects.filter(case_id=case_id, status=Meeting.Status.SCHEDULED)
            .select_related("venue").order_by("starts_at").first())


def _meeting(case: Case, mediator_name: str) -> MeetingPlan | None:
    meeting = meeting_next_scheduled(case.pk)
    if meeting is None:
        return None
    roles = list(Party.objects.filter(case_id=case.pk).values_list("role", flat=True))
    coming = (["Your mediator"] if mediator_name else []) + [ROLE_COMING[r] for r in dict.fromkeys(roles)
                                                             if r in ROLE_COMING]
    venue = meeting.venue
    online = meeting.is_online or bool(venue and venue.is_online)
    place: list[str] = []
    if venue is not None and not online:
        place = [venue.name, *[line.strip() for line in venue.address.splitlines() if line.strip()], venue.postcode]
    return MeetingPlan(
        starts_at=clock.local(meeting.starts_at), ends_at=clock.local(meeting.ends_at) if meeting.ends_at else None,
        online=online, joining_link=meeting.online_link, place_lines=tuple(p for p in place if p),
        coming=tuple(coming),
    )


def _open_clocks(case: Case) -> dict[Clock, Deadline]:
    rows = Deadline.objects.filter(case_id=case.pk, met_on__isnull=True, stopped_on__isnull=True)
    return {Clock(d.clock): d for d in rows if d.clock in Clock.__members__}


def _appeal(case: Case) -> KeyDate | None:
    """The appeal deadline as rules/appeal.py computes it, only where an appeal is possible on this route."""
    if case.case_type != CaseType.sen_mediation or case.decision_notice_date is None:
        return None
    if not ROUTE_RULES[Route(case.route)].appeal_deadline_runs:
        return None
    found = tribunal_appeal_explanation(decision_notice_sent=case.decision_notice_date,
                                        certificate_issued=case.certificate_issued_on)
    # The explanation opens with the date itself; the page's label says that part.
    why = found.reason.split(". ", 1)[1] if ". " in found.reason else found.reason
    return KeyDate(label="The Tribunal must receive your appeal by", day=found.deadline, why=why)


def _key_dates(case: Case, clocks: dict[Clock, Deadline], appeal: KeyDate | None) -> tuple[KeyDate, ...]:
    dates: list[KeyDate] = []
    for certificate_clock, why in CERTIFICATE_WHY.items():
        if (deadline := clocks.get(certificate_clock)) is not None:
            dates.append(KeyDate(label="We must send you your mediation certificate by", day=deadline.due_date,
                                 why=f"{why} ({CLOCK_RULES[certificate_clock].citation})."))
    if (held := clocks.get(Clock.mediation_held)) is not None:
        told = "the ICB was told" if case.route == Route.health_only else "your local authority was told"
        dates.append(KeyDate(
            label="Your mediation meeting must take place by", day=held.due_date,
            why=f"The law says mediation must take place within 30 days of when {told} you want it "
                f"({CLOCK_RULES[Clock.mediation_held].citation}). The 30 days started on "
                f"{held.start_date:%-d %B %Y}."))
    if appeal is not None:
        dates.append(appeal)
    return tuple(dates)


def _documents(case: Case, party: Party) -> tuple[DocumentLink, ...]:
    found = [
        DocumentLink(kind="certificate", title=f"Mediation certificate {c.display_number}", pk=c.pk, dated=c.issued_on)
        for c in Certificate.objects.filter(case_id=case.pk, superseded_by__isnull=True)
        .only("pk", "number", "version", "issued_on").order_by("-issued_on", "-pk")
    ]
    agreement = agreement_for_portal(case=case)
    if agreement is not None:
        found.append(DocumentLink(kind="agreement", title="Your mediation agreement", pk=None, dated=None))
    letters = (Message.objects.filter(case_id=case.pk, party_id=party.pk, channel=Message.Channel.LETTER)
               .exclude(letter_file="").only("pk", "subject", "created_at").order_by("-created_at", "-pk"))
    found += [DocumentLink(kind="letter", title=f"Letter: {m.subject}", pk=m.pk, dated=clock.local(m.created_at).date())
              for m in letters[:LETTERS_SHOWN]]
    return tuple(found)


def _timeline(case: Case) -> tuple[TimelineEntry, ...]:
    events = (CaseEvent.objects.filter(case_id=case.pk, kind__in=[CaseEvent.Kind.OPENED, CaseEvent.Kind.TRANSITION])
              .only("at", "kind", "action").order_by("-at", "-id")[:TIMELINE_LENGTH])
    entries = []
    for event in events:
        text = CASE_OPENED if event.kind == CaseEvent.Kind.OPENED else step_happened(event.action)
        if text:
            entries.append(TimelineEntry(day=clock.local(event.at).date(), text=text))
    return tuple(entries)


def _next_due(stage_due: Clock | None, clocks: dict[Clock, Deadline],
              appeal: KeyDate | None) -> tuple[dt.date | None, str]:
    if stage_due is Clock.tribunal_appeal:
        return (appeal.day, "") if appeal is not None else (None, "")
    deadline = clocks.get(stage_due) if stage_due is not None else None
    if deadline is None:
        return None, ""
    note = adviser_contact_note(deadline.due_date) if stage_due is Clock.contact_adviser else ""
    return deadline.due_date, note


def your_case(*, link: PartyLink, today: dt.date) -> YourCasePage:
    """The family's case page for `link` (its party's case only). A DOCUMENTS link shows only documents."""
    party = link.party
    case = Case.objects.select_related("mediator", "coordinator").get(pk=party.case_id)
    documents = _documents(case, party)
    documents_only = link.purpose == Purpose.DOCUMENTS
    mediator_name, coordinator_name = _name(case.mediator), _name(case.coordinator)
    if documents_only:
        clocks: dict[Clock, Deadline] = {}
        appeal = None
        meeting = None
        timeline: tuple[TimelineEntry, ...] = ()
    else:
        clocks = _open_clocks(case)
        appeal = _appeal(case)
        meeting = _meeting(case, mediator_name)
        timeline = _timeline(case)
    # The workflow starts no certificate clock for a family who asked too late (reg 34(2)): promise none.
    barred = not documents_only and Clock.certificate_no_mediation not in clocks
    stage = family_stage(state=case.state, case_type=case.case_type, certificate_barred=barred)
    due, due_note = _next_due(stage.due, clocks, appeal)
    return YourCasePage(
        reference=case.reference, child_first_name=case.child_first_name, party_name=party.name,
        documents_only=documents_only, stage_sentence=stage.sentence, next_step=stage.next_step,
        next_step_who=WHO_LABELS[stage.who], next_step_due=due, next_step_due_passed=due is not None and due < today,
        next_step_due_note=due_note, next_step_citation=stage.citation if due is not None else "",
        mediator_name=mediator_name, coordinator_name=coordinator_name, contact=_contact(),
        adjustments=_adjustments(party), meeting=meeting,
        key_dates=tuple(replace(d, passed=d.day < today) for d in _key_dates(case, clocks, appeal)),
        documents=documents, timeline=timeline, task=(task := family_task(link)),
        task_sent_on=task_sent_on(link) if task else None,
    )
