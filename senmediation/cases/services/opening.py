"""Opening a case: the one way a case comes into being (referral form, phone, e-mail, demo data)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import IntegrityError, transaction

from senmediation.core import clock
from senmediation.directory.models import LocalAuthority
from senmediation.rules.deadlines import Clock
from senmediation.rules.eligibility import Decision, Element, Route
from senmediation.rules.workflow import CaseType, State, clocks_on_open

from ..models import Case, CaseEvent, Issue, Party
from ..search import Person, search_text_for
from .deadlines import clocks_apply
from .events import case_event_record
from .references import reference_next


@dataclass(frozen=True)
class PartyInput:
    role: str
    name: str
    organisation: str = ""
    email: str = ""
    phone: str = ""
    address: str = ""
    preferred_contact: Sequence[str] = ()
    call_times: str = ""
    language: str = "English"
    interpreter_needed: bool = False
    adjustments: Sequence[str] = ()
    adjustments_notes: str = ""
    is_main_contact: bool = False
    issues: Sequence[str] = field(default_factory=tuple)
    # Someone acting for a parent or young person who lacks capacity (SEND Regs 2014 regs 63-64): role
    # "representative", the role of the party they act for (listed before them), and their basis.
    acts_for_role: str = ""
    representative_basis: str = ""


def case_open(
    *,
    by: Any,
    case_type: CaseType | str,
    local_authority: LocalAuthority,
    child_first_name: str,
    child_last_name: str,
    child_date_of_birth: dt.date | None = None,
    young_person_acts: bool = False,
    decisions: Sequence[Decision | str] = (),
    elements: Sequence[Element | str] = (),
    decision_notice_date: dt.date | None = None,
    route: Route | str = Route.statutory_mediation,
    summary: str = "",
    wants: str = "",
    source: str = Case.Source.PARENT,
    channel: str = Case.Channel.ONLINE,
    referrer: dict[str, Any] | None = None,
    consent: dict[str, Any] | None = None,
    child_views: str = "",
    child_views_help_wanted: bool = False,
    parties: Sequence[PartyInput] = (),
    idempotency_key: str | None = None,
    today: dt.date | None = None,
    coordinator: Any = None,
) -> Case:
    """Creates the case, its parties and issues, its first timeline entry and its opening clocks, in one
    transaction. With an idempotency key, a repeat of the same submission returns the first case.
    `coordinator`, who looks after the case, is the caller's to choose (a coordinator recording a referral)."""
    if idempotency_key:
        existing = Case.objects.filter(idempotency_key=idempotency_key).first()
        if existing is not None:
            return existing
    today = today or clock.today()
    ctype = CaseType(case_type)
    chosen_route = Route.disagreement_resolution if ctype is CaseType.disagreement_resolution else Route(route)
    if ctype is CaseType.sen_mediation and chosen_route in (Route.disagreement_resolution, Route.signpost_drs):
        raise ValueError(f"An SEN mediation case cannot take the route {chosen_route.value!r}")
    referrer = referrer or {}
    consent = consent or {}
    try:
        with transaction.atomic():
            reference, number = reference_next(case_type=ctype, year=today.year)
            case = Case.objects.create(
                reference=reference, reference_year=today.year, reference_number=number,
                case_type=ctype.value, state=State.enquiry.value, local_authority=local_authority,
                child_first_name=child_first_name.strip(), child_last_name=child_last_name.strip(),
                child_date_of_birth=child_date_of_birth, young_person_acts=young_person_acts,
                decisions=[Decision(d).value for d in decisions], elements=[Element(e).value for e in elements],
                decision_notice_date=decision_notice_date, route=chosen_route.value,
                summary=summary, wants=wants, source=source, channel=channel,
                referrer_name=referrer.get("name", ""), referrer_organisation=referrer.get("organisation", ""),
                referrer_email=referrer.get("email", ""), referrer_phone=referrer.get("phone", ""),
                consent_given_by=consent.get("given_by", ""), consent_given_on=consent.get("given_on"),
                consent_method=consent.get("method", ""), child_views=child_views,
                child_views_help_wanted=child_views_help_wanted, opened_on=today,
                search_name=f"{child_last_name} {child_first_name}".strip().lower()[:210],
                search_text=search_text_for(
                    reference=reference, child_first_name=child_first_name, child_last_name=child_last_name,
                    people=[Person(name=p.name, email=p.email, phone=p.phone) for p in parties]),
                idempotency_key=idempotency_key or None, coordinator=coordinator,
            )
            created_by_role: dict[str, Party] = {}
            for party in parties:
                created = Party.objects.create(
                    case=case, role=party.role, name=party.name.strip(), organisation=party.organisation,
                    email=party.email, phone=party.phone, address=party.address,
                    preferred_contact=list(party.preferred_contact), call_times=party.call_times,
                    language=party.language, interpreter_needed=party.interpreter_needed,
                    adjustments=list(party.adjustments), adjustments_notes=party.adjustments_notes,
                    is_main_contact=party.is_main_contact,
                    acts_for=created_by_role.get(party.acts_for_role) if party.acts_for_role else None,
                    representative_basis=party.representative_basis,
                )
                created_by_role.setdefault(party.role, created)
                for text in party.issues:
                    if text.strip():
                        Issue.objects.create(case=case, raised_by=created, text=text.strip())
            case_event_record(
                case=case, by=by, kind=CaseEvent.Kind.OPENED, to_state=State.enquiry.value,
                summary=f"Case opened from {case.get_channel_display().lower()} ({case.get_source_display().lower()})",
            )
            if coordinator is not None:
                name = coordinator.get_full_name() or coordinator.get_username()
                case_event_record(case=case, by=by, kind=CaseEvent.Kind.UPDATED, summary=f"Coordinator assigned: {name}",
                                  after={"coordinator": name})
            starts: list[tuple[Clock, dt.date]] = []
            for clock_ in clocks_on_open(case_type=ctype, route=chosen_route):
                if clock_ in (Clock.contact_adviser, Clock.tribunal_appeal):
                    # Both run from the decision notice (reg 33; HESC Rules r.20): unknown date, no clock yet.
                    if decision_notice_date is not None:
                        starts.append((clock_, decision_notice_date))
                else:
                    starts.append((clock_, today))
            clocks_apply(case=case, on=today, today=today, starts=starts)
    except IntegrityError:
        # A concurrent repeat of the same submission got there first.
        if idempotency_key:
            existing = Case.objects.filter(idempotency_key=idempotency_key).first()
            if existing is not None:
                return existing
        raise
    return case
