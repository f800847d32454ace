"""A family's expenses claim (SEND Regulations 2014 reg 41): saved as a draft through their link, sent after
they check it, then approved or refused by the office for the body arranging the mediation. Each service is
one transaction; sending and deciding each write one entry on the case timeline."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from senmediation.cases.models import CaseEvent
from senmediation.cases.services.events import case_event_record
from senmediation.core import clock
from senmediation.core.errors import ServiceError
from senmediation.notifications.services import notification_send
from senmediation.portal.models import PartyLink, Purpose
from senmediation.portal.services.uploads import upload_check
from senmediation.rules.expenses import ClaimAnswers, claim_assess, claimant_allowed, pounds

from .models import ExpenseClaim, ExpenseLine, ExpenseReceipt

MAX_RECEIPTS = 6
REASON_MAX = 2000


def _check_link(link: PartyLink) -> None:
    if link.purpose != Purpose.EXPENSES or link.revoked_at or link.expires_at <= clock.now():
        raise ServiceError("This link cannot be used for that.")
    if not claimant_allowed(link.party.role):
        raise ServiceError("Only the parent or the young person can claim expenses.")


def expense_claim_draft_for(*, link: PartyLink) -> ExpenseClaim | None:
    """The claim this link is filling in, or None before the first answers."""
    return ExpenseClaim.objects.filter(link=link, status=ExpenseClaim.Status.DRAFT).first()


def expense_claim_sent_for(*, link: PartyLink) -> ExpenseClaim | None:
    return ExpenseClaim.objects.filter(link=link).exclude(status=ExpenseClaim.Status.DRAFT).first()


def expense_claim_draft_save(*, link: PartyLink, answers: ClaimAnswers, receipts: dict[str, Any]) -> ExpenseClaim:
    """Keeps the family's answers and any receipts (by the form field each came in) until they check and send
    them. Each receipt is checked by what it is (portal/services/uploads.py) before anything is saved."""
    _check_link(link)
    if expense_claim_sent_for(link=link) is not None:
        raise ServiceError("You have already sent your claim.")
    if not claim_assess(answers).lines:
        raise ServiceError("Enter at least one cost you are claiming", field="public_transport")
    types = [upload_check(file, field=field, without="send your claim without receipts")
             for field, file in receipts.items()]
    with transaction.atomic():
        claim = ExpenseClaim.objects.select_for_update().filter(link=link, status=ExpenseClaim.Status.DRAFT).first()
        if claim is None:
            claim = ExpenseClaim(case=link.party.case, party=link.party, link=link, created_at=clock.now())
        if claim.pk and claim.receipts.count() + len(receipts) > MAX_RECEIPTS:
            raise ServiceError(f"You can send up to {MAX_RECEIPTS} receipts", field=next(iter(receipts)))
        for name, value in vars(answers).items():
            setattr(claim, name, value)
        claim.overnight_place = answers.overnight_place.value if answers.overnight_place else ""
        claim.save()
        for file, mimetype in zip(receipts.values(), types, strict=True):
            receipt = ExpenseReceipt(claim=claim, mimetype=mimetype, size=file.size, uploaded_at=clock.now(),
                                     original_name=str(getattr(file, "name", "") or "")[-255:])
            receipt.file.save("receipt", file, save=False)  # a random name: see models._receipt_name
            receipt.save()
    return claim


def expense_claim_submit(*, link: PartyLink) -> ExpenseClaim:
    """Sends the checked draft: each line is assessed under reg 41(1) and kept as it was assessed."""
    _check_link(link)
    with transaction.atomic():
        claim = ExpenseClaim.objects.select_for_update().filter(link=link, status=ExpenseClaim.Status.DRAFT).first()
        if claim is None:
            raise ServiceError("There is no claim to send. Enter your costs first.")
        assessment = claim_assess(claim.answers())
        ExpenseLine.objects.bulk_create([
            ExpenseLine(claim=claim, kind=line.kind.value, claimed_pence=line.claimed_pence,
                        payable_pence=line.payable_pence, explanation=line.explanation, citation=line.citation)
            for line in assessment.lines])
        claim.claimed_pence, claim.payable_pence = assessment.claimed_pence, assessment.payable_pence
        claim.status, claim.submitted_at = ExpenseClaim.Status.SUBMITTED, clock.now()
        claim.save(update_fields=["claimed_pence", "payable_pence", "status", "submitted_at"])
        party = link.party
        case_event_record(case=claim.case, by=None, kind=CaseEvent.Kind.UPDATED,
                          summary=f"{party.get_role_display()} ({party.name}) used their link to claim expenses: "
                                  f"{pounds(claim.claimed_pence)} claimed, {pounds(claim.payable_pence)} payable")
        PartyLink.objects.filter(pk=link.pk).update(last_used_at=clock.now())
    return claim


def _outcome(claim: ExpenseClaim) -> str:
    if claim.status == ExpenseClaim.Status.APPROVED:
        return (f"We will pay you {pounds(claim.payable_pence)}. The rates and limits are set by the Special "
                f"Educational Needs and Disability Regulations 2014, regulation 41."
                + (f"\n\n{claim.decision_reason}" if claim.decision_reason else ""))
    return f"We cannot pay this claim. This is why: {claim.decision_reason}"


def expense_claim_decide(*, claim: ExpenseClaim, approve: bool, reason: str, by: Any) -> ExpenseClaim:
    """Approves (pays what reg 41(1) allows) or refuses a sent claim; a refusal needs a reason. Recorded on the
    timeline, and the family are told by their usual way of hearing from us."""
    reason = reason.strip()
    if not approve and not reason:
        raise ServiceError("Enter why the claim is refused", field="reason")
    if len(reason) > REASON_MAX:
        raise ServiceError(f"The reason must be {REASON_MAX:,} characters or fewer", field="reason")
    with transaction.atomic():
        locked = ExpenseClaim.objects.select_for_update().get(pk=claim.pk)
        if locked.status != ExpenseClaim.Status.SUBMITTED:
            raise ServiceError("This claim has already been decided." if locked.decided_at
                               else "This claim has not been sent yet.")
        before = {"status": locked.status}
        locked.status = ExpenseClaim.Status.APPROVED if approve else ExpenseClaim.Status.REFUSED
        locked.decided_at, locked.decided_by, locked.decision_reason = clock.now(), by, reason
        locked.save(update_fields=["status", "decided_at", "decided_by", "decision_reason"])
        summary = (f"Expenses claim from {locked.party.name} approved: {pounds(locked.payable_pence)} to pay"
                   if approve else f"Expenses claim from {locked.party.name} refused")
        case_event_record(case=locked.case, by=by, kind=CaseEvent.Kind.UPDATED, summary=summary, detail=reason,
                          before=before, after={"status": locked.status, "payable_pence": locked.payable_pence})
        notification_send(template_key="expenses_decided", party=locked.party, case=locked.case, by=by,
                          idempotency_key=f"expenses-decided:{locked.pk}",
                          context={"expenses_outcome": _outcome(locked)})
    return locked
