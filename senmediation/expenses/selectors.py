"""What staff see of expenses claims. Only coordinators and managers reach these (views.py): a claim may carry
a payslip, which is no business of the mediator's."""

from __future__ import annotations

from django.db.models import QuerySet

from senmediation.cases.models import Case

from .models import ExpenseClaim, ExpenseReceipt


def expense_claims_for_case(*, case: Case) -> QuerySet[ExpenseClaim]:
    """Sent claims (never a family's unfinished draft), newest first, with lines and receipts."""
    return (ExpenseClaim.objects.filter(case=case).exclude(status=ExpenseClaim.Status.DRAFT)
            .select_related("party", "decided_by").prefetch_related("lines", "receipts"))


def expense_receipt_get(*, case: Case, claim_id: int, receipt_id: int) -> ExpenseReceipt | None:
    return (ExpenseReceipt.objects.filter(pk=receipt_id, claim_id=claim_id, claim__case=case)
            .exclude(claim__status=ExpenseClaim.Status.DRAFT).first())
