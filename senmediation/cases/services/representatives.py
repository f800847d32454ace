"""Naming the person who acts for a parent or young person who lacks capacity (SEND Regs 2014 regs 63-64)."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from senmediation.core.errors import ServiceError
from senmediation.rules.capacity import BASIS_CITATIONS, Basis, basis_allowed

from ..correspondence import party_representative
from ..models import CaseEvent, Party
from .casework import party_details_changed
from .events import case_event_record

CONTACT_FIELDS = ("email", "phone", "address", "preferred_contact")


def party_representative_set(
    *, party: Party, by: Any, name: str, basis: str, email: str = "", phone: str = "", address: str = "",
    preferred_contact: list[str] | None = None,
) -> Party:
    """Adds, or changes, the one person acting for `party` (a parent or young person who lacks capacity).

    For a parent only a deputy or attorney may act (reg 63, CFA s.80(6)); for a young person also their
    parent, or their parent's deputy or attorney (reg 64(2)). From then on letters, links and certificates
    for `party` go to this person (cases/correspondence.py), except the young person's views link."""
    if party.role not in (Party.Role.PARENT, Party.Role.YOUNG_PERSON):
        raise ServiceError("Only a parent or a young person can have someone acting for them here.")
    name = name.strip()
    if not name:
        raise ServiceError("Enter the name of the person acting for them.", field="name")
    young_person = party.role == Party.Role.YOUNG_PERSON
    if not basis_allowed(basis, young_person=young_person):
        raise ServiceError(
            "Choose a role the law allows: a deputy or an attorney"
            + (", the young person's parent, or their parent's deputy or attorney" if young_person else ""),
            field="basis",
        )
    preferred = list(preferred_contact or [])
    if "email" in preferred and not email:
        raise ServiceError("Enter an email address, as they prefer email.", field="email")
    if {"phone", "text"} & set(preferred) and not phone:
        raise ServiceError("Enter a phone number, as they prefer phone calls or texts.", field="phone")
    if "letter" in preferred and not address:
        raise ServiceError("Enter a postal address, as they prefer letters.", field="address")
    if not (email or phone or address):
        raise ServiceError("Enter at least one way to contact them.", field="email")
    details = {"name": name, "representative_basis": basis, "email": email, "phone": phone,
               "address": address, "preferred_contact": preferred}
    with transaction.atomic():
        existing = party_representative(party)
        if existing is None:
            representative = Party.objects.create(
                case=party.case, role=Party.Role.REPRESENTATIVE, acts_for=party, language=party.language, **details,
            )
            summary = f"{name} added as acting for {party.name} ({BASIS_CITATIONS[Basis(basis)]})"
            changed = set(details)
        else:
            representative = existing
            before = {k: getattr(existing, k) for k in details}
            changed = {k for k in details if before[k] != details[k]}
            for key, value in details.items():
                setattr(representative, key, value)
            representative.save()
            summary = f"Person acting for {party.name} changed to {name} ({BASIS_CITATIONS[Basis(basis)]})"
        case_event_record(case=party.case, by=by, kind=CaseEvent.Kind.UPDATED, summary=summary,
                          before=before if existing is not None else {}, after=details if existing else {})
        party_details_changed(party=representative, changed=changed)  # search line; waiting messages
    return representative
