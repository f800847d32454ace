"""Who may attend a mediation meeting (SEND Regulations 2014 (SI 2014/1530) reg 38).

Pure: no Django. Reg 38 lets these people attend:
- the parties (the parent or young person, the local authority, and an integrated care board when
  health care is in dispute);
- an advocate or other supporter of the parent's or young person's choice. One is allowed as of
  right, and that person may be a lawyer (R (Kumar) v London Borough of Hillingdon [2020] EWHC 3326
  (Admin)); a second supporter is "anyone else" below;
- the child, where the mediation is with the child's parent, if the parent and the mediator agree;
- anyone else, with the consent of all the parties or, failing that, of the mediator.
The mediator runs the meeting and is not counted here.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum

__all__ = [
    "AUTHORITY_ASKED",
    "CANCELLED_BY_LABELS",
    "PARTY_ROLES",
    "ROLE_LABELS",
    "AttendeeRole",
    "CancelledBy",
    "attendance_refusal",
    "authority_refusal",
    "needs_consent",
]


class AttendeeRole(StrEnum):
    parent = "parent"
    young_person = "young_person"
    la_decision_maker = "la_decision_maker"
    icb = "icb"
    school = "school"
    supporter = "supporter"
    interpreter = "interpreter"
    child = "child"
    other = "other"


ROLE_LABELS: dict[AttendeeRole, str] = {
    AttendeeRole.parent: "Parent or carer",
    AttendeeRole.young_person: "Young person",
    AttendeeRole.la_decision_maker: "Local authority decision-maker",
    AttendeeRole.icb: "Integrated care board",
    AttendeeRole.school: "School or college",
    AttendeeRole.supporter: "Supporter or advocate",
    AttendeeRole.interpreter: "Interpreter",
    AttendeeRole.child: "The child",
    AttendeeRole.other: "Someone else",
}

# The parties to SEN mediation (reg 38). A school or college is a party only in disagreement
# resolution, where the caller says so with `is_party`.
PARTY_ROLES: frozenset[AttendeeRole] = frozenset(
    {AttendeeRole.parent, AttendeeRole.young_person, AttendeeRole.la_decision_maker, AttendeeRole.icb}
)


def needs_consent(role: AttendeeRole | str, *, is_party: bool = False, supporters_already: int = 0) -> bool:
    """True when this person may only attend with recorded consent (reg 38)."""
    r = AttendeeRole(role)
    if is_party or r in PARTY_ROLES:
        return False
    if r is AttendeeRole.supporter:
        # One supporter or advocate of the family's choice as of right; more need consent.
        return supporters_already >= 1
    return True


def attendance_refusal(
    *,
    role: AttendeeRole | str,
    existing_roles: Iterable[AttendeeRole | str] = (),
    consent_recorded: bool = False,
    is_party: bool = False,
) -> str | None:
    """A plain-English reason this person may not be recorded as attending, or None when they may.

    `existing_roles` are the roles already recorded for the meeting; `consent_recorded` means the
    consent reg 38 asks for was given (all parties, or the mediator; for the child, the parent and
    the mediator).
    """
    r = AttendeeRole(role)
    supporters = sum(1 for e in existing_roles if AttendeeRole(e) is AttendeeRole.supporter)
    if not needs_consent(r, is_party=is_party, supporters_already=supporters) or consent_recorded:
        return None
    if r is AttendeeRole.supporter:
        return (
            "The family may bring one supporter or advocate of their choice. A second one may attend only "
            "if all the parties agree or, failing that, the mediator does (SEND Regulations 2014 reg 38). "
            "Record that consent first."
        )
    if r is AttendeeRole.child:
        return (
            "The child may attend only if the parent and the mediator agree (SEND Regulations 2014 reg 38). "
            "Record that they agreed first."
        )
    return (
        f"A {ROLE_LABELS[r].lower()} who is not a party may attend only with the consent of all the parties "
        "or, failing that, the mediator (SEND Regulations 2014 reg 38). Record that consent first."
    )


# --- Decision-makers at the table (SEND Regulations 2014 reg 37(1)) -----------------------------
# reg 37(1): "The body (or bodies) arranging the mediation must ensure that it is attended by persons who
# have authority to resolve the mediation issues." So for each local authority and ICB attendee the record
# asks whether they had that authority: the LA's reports count meetings with and without a decision-maker.
AUTHORITY_ASKED: frozenset[AttendeeRole] = frozenset({AttendeeRole.la_decision_maker, AttendeeRole.icb})


def authority_refusal(role: AttendeeRole | str, *, has_authority: bool | None) -> str | None:
    """A reason to refuse an LA or ICB attendee recorded without saying whether they could agree to resolve
    the issues (reg 37(1)); None when the answer is given or not asked for this role."""
    if role in AUTHORITY_ASKED and has_authority is None:
        return "Say whether they had authority to agree to resolve the issues"
    return None


class CancelledBy(StrEnum):
    """Who called a meeting off: the LA's reports count cancellations by each."""

    la = "la"
    icb = "icb"
    family = "family"
    provider = "provider"
    mediator = "mediator"


CANCELLED_BY_LABELS: dict[CancelledBy, str] = {
    CancelledBy.la: "The local authority",
    CancelledBy.icb: "The integrated care board",
    CancelledBy.family: "The family",
    CancelledBy.provider: "Us (the mediation service)",
    CancelledBy.mediator: "The mediator",
}
