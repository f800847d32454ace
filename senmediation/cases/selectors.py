"""What each user may see of cases. Every read of case data goes through here."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from operator import itemgetter
from typing import Any

from django.db.models import DateField, Exists, OuterRef, Q, QuerySet, Value
from django.db.models.functions import Coalesce, Least, StrIndex, TruncDate
from django.http import Http404

from senmediation.accounts.roles import Role, user_roles
from senmediation.core.clock import LONDON
from senmediation.rules.calendar import add_working_days
from senmediation.rules.sections import Section
from senmediation.rules.workflow import State

from .models import FINISHED_STATES, OUR_CLOCKS, Case, Deadline
from .search import search_usable, search_words, word_looked_up

PAGE_SIZE = 50
MAX_COUNTED = 1_000  # counting beyond this costs more than it tells anyone ("more than 1,000 match")
MAX_PAGES = 200
REFERENCE = re.compile(r"^[A-Za-z]{2,8}-\d{4}-\d+$")
CASE_WORK_ROLES = frozenset({Role.COORDINATOR, Role.MANAGER, Role.MEDIATOR})


def case_next_date() -> Least:
    """What comes next on a case: the earlier of its scheduled meeting's day in London and its next deadline
    (null when it has neither). Diaries sort open cases by it, and PostgreSQL has it in the expression indexes
    case_mediator_open and case_coordinator_open (migrations 0011-0012), so this must stay as they have it."""
    meeting_day = TruncDate("next_meeting_at", tzinfo=LONDON)
    # Each Coalesce falls back to the other: LEAST ignores a null on PostgreSQL, but SQLite's MIN() does not.
    return Least(Coalesce(meeting_day, "next_due_date", output_field=DateField()),
                 Coalesce("next_due_date", meeting_day, output_field=DateField()))


def can_work_cases(user: Any) -> bool:
    return bool(user_roles(user) & CASE_WORK_ROLES)


def case_queryset_for(user: Any) -> QuerySet[Case]:
    """All cases for coordinators and managers; a mediator's own cases; nothing for anyone else."""
    roles = user_roles(user)
    if roles & {Role.COORDINATOR, Role.MANAGER}:
        return Case.objects.all()
    if Role.MEDIATOR in roles:
        return Case.objects.filter(mediator=user)
    return Case.objects.none()


def case_get_for(*, user: Any, reference: str) -> Case:
    """The case, or 404 for a case the user may not see: a refusal reveals nothing."""
    case = (
        case_queryset_for(user).select_related("local_authority", "mediator", "coordinator")
        .filter(reference=reference).first()
    )
    if case is None:
        raise Http404("No such case")
    return case


@dataclass(frozen=True)
class CaseFilters:
    state: str = ""
    case_type: str = ""
    local_authority: int | None = None
    mediator: int | None = None
    clock_status: str = ""
    opened_from: dt.date | None = None
    opened_to: dt.date | None = None
    q: str = ""
    sort: str = "-opened"


SORTS = {
    "-opened": ["-opened_on", "-id"],
    "opened": ["opened_on", "id"],
    "due": ["next_due_date", "id"],
    "reference": ["reference"],
}


def case_list_for(*, user: Any, filters: CaseFilters) -> QuerySet[Case]:
    qs = case_queryset_for(user).select_related("local_authority", "mediator")
    if filters.state:
        qs = qs.filter(state=filters.state)
    if filters.case_type:
        qs = qs.filter(case_type=filters.case_type)
    if filters.local_authority:
        qs = qs.filter(local_authority_id=filters.local_authority)
    if filters.mediator:
        qs = qs.filter(mediator_id=filters.mediator)
    if filters.clock_status:
        qs = qs.filter(clock_status=filters.clock_status)
    if filters.opened_from:
        qs = qs.filter(opened_on__gte=filters.opened_from)
    if filters.opened_to:
        qs = qs.filter(opened_on__lte=filters.opened_to)
    if filters.q:
        term = filters.q.strip()
        # A whole reference: the unique index alone. Anything else: every word somewhere in the case's
        # search line (reference, child, every party's name, e-mail, phone), stored in lower case so that a
        # plain LIKE '%word%' is case-blind and uses the trigram index on PostgreSQL (cases/search.py).
        if REFERENCE.match(term):
            qs = qs.filter(reference=term.upper())
        else:
            words = search_words(term)
            if not search_usable(words):
                return qs.none()  # the form refuses these; no index could answer them
            for n, word in enumerate(words):
                looked_up = word_looked_up(word)
                qs = qs.filter(search_text__contains=looked_up)
                if looked_up != word:  # the rest of an e-mail address: a plain check on the cases found
                    qs = qs.alias(**{f"word_{n}_at": StrIndex("search_text", Value(word))}).filter(
                        **{f"word_{n}_at__gt": 0})
    order = SORTS.get(filters.sort, SORTS["-opened"])
    if filters.sort == "due":
        qs = qs.filter(next_due_date__isnull=False)
    return qs.order_by(*order)


@dataclass(frozen=True)
class Page:
    items: list[Any]
    number: int
    has_next: bool
    total: int
    total_is_capped: bool

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def start_index(self) -> int:
        return (self.number - 1) * PAGE_SIZE + 1 if self.items else 0

    @property
    def end_index(self) -> int:
        return (self.number - 1) * PAGE_SIZE + len(self.items)


def page_of(qs: QuerySet[Any], number: int) -> Page:
    """One page, with a count that stops at MAX_COUNTED so it costs the same at any size."""
    number = max(1, min(number, MAX_PAGES))
    offset = (number - 1) * PAGE_SIZE
    rows = list(qs[offset: offset + PAGE_SIZE + 1])
    # Unordered, so the count can read whichever index fits the filter, and at most 1,001 entries of it.
    total = qs.order_by()[: MAX_COUNTED + 1].count()
    return Page(
        items=rows[:PAGE_SIZE], number=number, has_next=len(rows) > PAGE_SIZE,
        total=min(total, MAX_COUNTED), total_is_capped=total > MAX_COUNTED,
    )


def _rows_by_id(qs: QuerySet[Any], ids: list[int]) -> QuerySet[Any]:
    """The rows with these ids, read as `qs` reads them (its joins and columns) but by primary key alone: the ids
    came from `qs` itself, so its filters (the search's words, what the user may see) were applied, and asking
    them again made PostgreSQL search the trigram index a second time (2 ms of the 4 a name search took)."""
    rows: QuerySet[Any] = qs.model._default_manager.filter(pk__in=ids)
    rows.query.select_related = qs.query.select_related
    rows.query.deferred_loading = qs.query.deferred_loading
    return rows


def page_of_matches(qs: QuerySet[Any], number: int) -> Page:
    """One page of a search's matches. The trigram index finds matches as a set, and a page must sort all of
    them, so the set is read once, unordered, as ids and sort keys (up to MAX_COUNTED + 1: stopping there is
    cheap): up to MAX_COUNTED matches are counted and sorted here and the page's rows read by id; more than
    that, and the page is read as any list is, sorted by the database (page_of)."""
    number = max(1, min(number, MAX_PAGES))
    order = [str(field) for field in qs.query.order_by]
    keys = list(qs.order_by().values_list("pk", *(field.lstrip("-") for field in order))[: MAX_COUNTED + 1])
    if len(keys) > MAX_COUNTED:
        offset = (number - 1) * PAGE_SIZE
        rows = list(qs[offset: offset + PAGE_SIZE + 1])
        return Page(items=rows[:PAGE_SIZE], number=number, has_next=len(rows) > PAGE_SIZE, total=MAX_COUNTED,
                    total_is_capped=True)
    # The list's own order, one key at a time from the last (Python's sort is stable); the ids were read as pk.
    for position in reversed(range(len(order))):
        keys.sort(key=itemgetter(position + 1), reverse=order[position].startswith("-"))
    offset = (number - 1) * PAGE_SIZE
    ids = [key[0] for key in keys[offset: offset + PAGE_SIZE]]
    rows_by_id = {row.pk: row for row in _rows_by_id(qs, ids)} if ids else {}
    return Page(items=[rows_by_id[pk] for pk in ids if pk in rows_by_id], number=number,
                has_next=len(keys) > offset + PAGE_SIZE, total=len(keys), total_is_capped=False)


def case_page_for(*, user: Any, filters: CaseFilters, number: int) -> Page:
    """A page of the case list: a search's matches are paged from one read of them (page_of_matches)."""
    qs = case_list_for(user=user, filters=filters)
    searching = bool(filters.q.strip()) and not REFERENCE.match(filters.q.strip())
    return page_of_matches(qs, number) if searching else page_of(qs, number)


def _deadline_scope(user: Any) -> Q:
    roles = user_roles(user)
    if roles & {Role.COORDINATOR, Role.MANAGER}:
        return Q()
    if Role.MEDIATOR in roles:
        return Q(case__mediator=user)
    return Q(pk__in=[])


@dataclass(frozen=True)
class DeadlinesDue:
    overdue: list[Deadline]
    due_today: list[Deadline]
    due_soon: list[Deadline]
    limit: int  # each list stops here: a full list means "this many or more"


def deadlines_due_for(*, user: Any, today: dt.date, limit: int = 25) -> DeadlinesDue:
    """Our open clocks (never the family's, the LA's or the ICB's) that are overdue, due today, or due in the
    next few working days."""
    soon_until = add_working_days(today, 3)
    base = (
        Deadline.objects.filter(met_on__isnull=True, stopped_on__isnull=True, clock__in=OUR_CLOCKS)
        .filter(_deadline_scope(user))
        .select_related("case")
        .only("id", "case_id", "clock", "due_date", "case__reference")  # what a row shows, not the whole case
        .order_by("due_date", "id")
    )
    return DeadlinesDue(
        overdue=list(base.filter(due_date__lt=today)[:limit]),
        due_today=list(base.filter(due_date=today)[:limit]),
        due_soon=list(base.filter(due_date__gt=today, due_date__lte=soon_until)[:limit]),
        limit=limit,
    )


def my_cases_for(*, user: Any, limit: int = 20) -> list[Case]:
    """A mediator's own open cases; for coordinators and managers, the newest open enquiries."""
    roles = user_roles(user)
    if Role.MEDIATOR in roles and not roles & {Role.COORDINATOR, Role.MANAGER}:
        # Soonest meeting or deadline first, cases with neither last: the diary's order and index (meetings/diary.py).
        qs = (Case.objects.filter(mediator=user).exclude(state__in=FINISHED_STATES)
              .order_by(case_next_date().asc(nulls_last=True), "id"))
    else:
        qs = Case.objects.filter(state=State.enquiry.value).order_by("-opened_on", "-id")
    # Only what the dashboard's table shows: a whole case row is about 30 columns.
    shown = ("id", "reference", "child_first_name", "child_last_name", "state", "opened_on", "local_authority__name")
    return list(qs.select_related("local_authority").only(*shown)[:limit])


def case_sections_with_records(case: Case) -> frozenset[Section]:
    """The case-work sections that hold records for this case, in one query (rules/sections.py)."""
    def has(**lookup: object) -> Exists:
        return Exists(Case.objects.filter(pk=OuterRef("pk"), **lookup))

    checks = {
        Section.advice: has(advice__isnull=False), Section.child_views: has(child_views_records__isnull=False),
        Section.summaries: has(summary_exchange__isnull=False), Section.meeting: has(meetings__status="held"),
        Section.agreement: has(agreement__isnull=False),
    }
    row = Case.objects.filter(pk=case.pk).annotate(**{f"has_{s.value}": q for s, q in checks.items()}).values(
        *(f"has_{s.value}" for s in checks)).first() or {}
    return frozenset(s for s in checks if row.get(f"has_{s.value}"))
