"""The office's work queue: each kind of item a coordinator or manager can act on now, as a list.

It reads several features (cases, messages, calls, complaints), so it sits above them all. Only the clocks
the provider must meet are staff work (rules/deadlines.py `Actor`); the family's, the LA's and the ICB's own
clocks are shown on the case page and never here.

Cost at 1,000,000 cases: every list is read from a partial index in the order it is shown and stops at its
page; every count stops at MAX_COUNTED. The home page asks one query for every count and, for each of the first HOME_SECTIONS lists that are not empty,
one for its first rows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from django.db import connections
from django.db.models import F, QuerySet

from senmediation.accounts.roles import Role, user_roles
from senmediation.cases.models import QUEUE_CLOCKS, Deadline, Party
from senmediation.cases.selectors import MAX_COUNTED, MAX_PAGES, PAGE_SIZE, Page
from senmediation.feedback.selectors import complaints_needing_action
from senmediation.notifications.models import Message
from senmediation.notifications.selectors import call_tasks_visible_to, messages_visible_to
from senmediation.portal.models import MeetingReply
from senmediation.rules.calendar import add_working_days
from senmediation.rules.deadlines import Clock

OFFICE = frozenset({Role.COORDINATOR, Role.MANAGER})
SOON_WORKING_DAYS = 3
HOME_ROWS = 3
# The home page shows the first rows of this many lists, the most urgent that have any; the rest are one click
# away in "At a glance". A short page is easier to act on at the end of a day, and each list shown costs a query.
HOME_SECTIONS = 3
HOME_COUNTED = 99  # the home page says "99+" beyond this; each list's own page counts to MAX_COUNTED


class Kind(StrEnum):
    clocks = "time-limits"
    enquiries = "call-backs"
    calls = "calls"
    details = "missing-details"
    failed = "failed-messages"
    letters = "letters"
    complaints = "complaints"
    time_changes = "time-changes"
    late_reasons = "late-reasons"


@dataclass(frozen=True)
class KindInfo:
    title: str  # the list's heading
    counted: str  # after a number on the home page: "3 calls to make"
    empty: str
    explains: str


KINDS: dict[Kind, KindInfo] = {
    Kind.clocks: KindInfo(
        "Our time limits, overdue or due soon", "of our time limits overdue or due soon",
        "None of our time limits is overdue or due in the next 3 working days.",
        "Time limits the service must meet: certificates, arranging the mediation in 30 days. The family's, "
        "the local authority's and the ICB's own time limits are on each case page, not here."),
    Kind.enquiries: KindInfo(
        "Enquiries to call back", "enquiries to call back", "No enquiry is waiting for a call back.",
        "New enquiries waiting for their first call from us, the oldest first. Record the call on the case."),
    Kind.calls: KindInfo(
        "Calls to make", "calls to make", "There are no calls to make.",
        "People who asked us to phone rather than write. Read them the message, then mark the call as done."),
    Kind.details: KindInfo(
        "Contact details missing", "messages waiting for contact details",
        "No message is waiting for a contact detail.",
        "Messages that cannot go because the person's address, e-mail or phone number is missing. "
        "Add it and the message goes at once."),
    Kind.failed: KindInfo(
        "Messages that failed", "messages that failed", "No message has failed.",
        "Messages the e-mail or text service could not deliver. Check the address or number, then try again."),
    Kind.letters: KindInfo(
        "Letters to print and post", "letters to print and post", "There are no letters to print.",
        "Letters waiting to be printed and posted, the oldest first."),
    Kind.complaints: KindInfo(
        "Complaints to acknowledge or answer", "complaints overdue or due soon",
        "No complaint is overdue or due in the next 2 working days.",
        "Complaints whose acknowledgement or response is overdue or due in the next 2 working days, "
        "the earliest first. Complaints about you are never shown to you."),
    Kind.time_changes: KindInfo(
        "Families asking to change the meeting time", "families asking to change the meeting time",
        "No family is waiting for a new meeting time.",
        "Families who told us, from their case page, that the meeting time we booked does not suit them, the "
        "longest waiting first. Find a new time (or call them), then mark it as dealt with."),
    Kind.late_reasons: KindInfo(
        "Late steps without a reason", "late steps without a reason", "Every late step has its reason.",
        "Certificates issued and mediations held after their due date, with no reason recorded, the latest first. "
        "The commissioners' reports count late steps by their reason: say why each one was late."),
}


def can_use_queue(user: Any) -> bool:
    return bool(user_roles(user) & OFFICE)


def kinds_for(user: Any) -> list[Kind]:
    """The lists `user` can act on: complaints are answered by managers only (feedback/views.py)."""
    return [kind for kind in Kind if kind != Kind.complaints or Role.MANAGER in user_roles(user)]


def _clocks(user: Any, today: dt.date) -> QuerySet[Any]:
    # Served by the partial index deadline_queue_open_due in the order shown.
    until = add_working_days(today, SOON_WORKING_DAYS)
    return (Deadline.objects.filter(met_on__isnull=True, stopped_on__isnull=True, clock__in=QUEUE_CLOCKS,
                                    due_date__lte=until)
            .select_related("case").only("id", "clock", "due_date", "case__id", "case__reference",
                                         "case__child_first_name", "case__child_last_name", "case__state")
            .order_by("due_date", "id"))


def _enquiries(user: Any, today: dt.date) -> QuerySet[Any]:
    # Every enquiry still waiting for its first call, however far off its due date: it is work now.
    # Served by the partial index deadline_call_back_open_due.
    return (Deadline.objects.filter(met_on__isnull=True, stopped_on__isnull=True, clock=Clock.first_call_back)
            .select_related("case").only("id", "clock", "due_date", "case__id", "case__reference",
                                         "case__child_first_name", "case__child_last_name", "case__channel",
                                         "case__opened_on")
            .order_by("due_date", "id"))


def _calls(user: Any, today: dt.date) -> QuerySet[Any]:
    return (call_tasks_visible_to(user).filter(done_at__isnull=True)
            .select_related("case", "party", "message")
            .only("id", "reason", "due", "case__id", "case__reference", "party__id", "party__name", "party__phone",
                  "party__call_times", "message__id", "message__to")
            .order_by("due", "id"))


# What a message's row shows, and no more: a case row is about 30 columns, a party's some 20.
_MESSAGE_SHOWN = ("id", "channel", "to", "subject", "status", "last_error", "created_at", "large_print", "note",
                  "case__id", "case__reference", "party__id", "party__name")


def _messages(user: Any, status: str) -> QuerySet[Any]:
    return (messages_visible_to(user).filter(status=status).select_related("case", "party").only(*_MESSAGE_SHOWN)
            .order_by("created_at", "id"))


def _details(user: Any, today: dt.date) -> QuerySet[Any]:
    return _messages(user, Message.Status.CANNOT_SEND)


def _failed(user: Any, today: dt.date) -> QuerySet[Any]:
    return _messages(user, Message.Status.FAILED)


def _letters(user: Any, today: dt.date) -> QuerySet[Any]:
    return (messages_visible_to(user).filter(channel=Message.Channel.LETTER,
                                             status__in=[Message.Status.SENT, Message.Status.PRINTED])
            .select_related("case", "party").only(*_MESSAGE_SHOWN).order_by("created_at", "id"))


def _complaints(user: Any, today: dt.date) -> QuerySet[Any]:
    return (complaints_needing_action(user=user, today=today).select_related("case", "owner")
            .only("id", "reference", "stage", "acknowledge_by", "acknowledged_on", "respond_by", "case__id",
                  "case__reference", "owner__id", "owner__first_name", "owner__last_name", "owner__username"))


def _time_changes(user: Any, today: dt.date) -> QuerySet[Any]:
    # Served by the partial index meeting_reply_change_waiting in the order shown.
    return (MeetingReply.objects.filter(suits=False, dealt_with_at__isnull=True).select_related("party__case")
            .only("id", "submitted_at", "meeting_starts_at", "reason", "party__id", "party__name", "party__phone",
                  "party__case__id", "party__case__reference")
            .order_by("submitted_at", "id"))


def _late_reasons(user: Any, today: dt.date) -> QuerySet[Any]:
    # Served by the partial index deadline_late_no_reason in the order shown.
    return (Deadline.objects.filter(late_reason="", clock__in=QUEUE_CLOCKS, met_on__gt=F("due_date"))
            .select_related("case").only("id", "clock", "due_date", "met_on", "case__id", "case__reference",
                                         "case__child_first_name", "case__child_last_name")
            .order_by("-met_on", "-id"))


_QUERIES: dict[Kind, Callable[[Any, dt.date], QuerySet[Any]]] = {
    Kind.clocks: _clocks, Kind.enquiries: _enquiries, Kind.calls: _calls, Kind.details: _details,
    Kind.failed: _failed, Kind.letters: _letters, Kind.complaints: _complaints, Kind.time_changes: _time_changes,
    Kind.late_reasons: _late_reasons,
}


@dataclass(frozen=True)
class KindSummary:
    kind: Kind
    info: KindInfo
    count: int
    count_is_capped: bool
    items: list[Any]


def _count(qs: QuerySet[Any]) -> tuple[int, bool]:
    total = qs.order_by()[: MAX_COUNTED + 1].count()
    return min(total, MAX_COUNTED), total > MAX_COUNTED


def _counts(querysets: list[QuerySet[Any]], cap: int) -> list[tuple[int, bool]]:
    """Each list's count, stopping at `cap`, in one query (the home page keeps to its query budget):
    SELECT (SELECT COUNT(*) FROM (first list LIMIT cap + 1)), (SELECT COUNT(*) FROM (second ...)), ..."""
    parts: list[str] = []
    params: list[Any] = []
    for n, qs in enumerate(querysets):
        sql, part_params = qs.order_by().values("pk")[: cap + 1].query.sql_with_params()
        # The SQL is Django's own for the list (its values go in params), never text from a request.
        parts.append(f"(SELECT COUNT(*) FROM ({sql}) AS counted_{n})")  # noqa: S608
        params.extend(part_params)
    with connections[querysets[0].db].cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(parts), params)
        row = cursor.fetchone()
    return [(min(total, cap), total > cap) for total in row]


def _with_contacts(kind: Kind, items: list[Any]) -> list[Any]:
    """Enquiries name whom to call: each case's main contact, for the rows shown, in one query."""
    if kind != Kind.enquiries or not items:
        return items
    contacts: dict[int, Party] = {}
    for party in (Party.objects.filter(case_id__in=[d.case_id for d in items])
                  .only("id", "case_id", "name", "phone", "is_main_contact", "role")
                  .order_by("case_id", "-is_main_contact", "id")):
        contacts.setdefault(party.case_id, party)
    for deadline in items:
        deadline.contact = contacts.get(deadline.case_id)
    return items


def queue_summary(*, user: Any, today: dt.date, rows: int = HOME_ROWS) -> list[KindSummary]:
    """Every kind with its count and its first few items, for the home page."""
    querysets = {kind: _QUERIES[kind](user, today) for kind in kinds_for(user)}
    counts = _counts(list(querysets.values()), HOME_COUNTED)
    # An empty list asks nothing more, nor does one after the first HOME_SECTIONS that have items: at most
    # HOME_SECTIONS queries for rows, however many items each list holds.
    shown = [kind for kind, (count, _) in zip(querysets, counts, strict=True) if count][:HOME_SECTIONS]
    return [KindSummary(kind, KINDS[kind], count, capped,
                        _with_contacts(kind, list(qs[:rows])) if kind in shown else [])
            for (kind, qs), (count, capped) in zip(querysets.items(), counts, strict=True)]


def queue_page(*, user: Any, kind: Kind, today: dt.date, number: int) -> Page:
    """One page of one kind's list, with a count that stops at MAX_COUNTED."""
    number = max(1, min(number, MAX_PAGES))
    qs = _QUERIES[kind](user, today)
    offset = (number - 1) * PAGE_SIZE
    rows = list(qs[offset: offset + PAGE_SIZE + 1])
    total, capped = _count(qs)
    return Page(items=_with_contacts(kind, rows[:PAGE_SIZE]), number=number, has_next=len(rows) > PAGE_SIZE,
                total=total, total_is_capped=capped)
