import datetime as dt

import pytest
import time_machine
from django.core.management import call_command
from django.db.models import Count
from django.db.models.functions import TruncMonth

from senmediation.audit.models import RetentionPolicy
from senmediation.cases.models import Case, CaseEvent, Deadline, Issue, Party
from senmediation.cases.tests.factories import case_make
from senmediation.directory.models import LocalAuthority
from senmediation.records.tasks import retention_apply_nightly

pytestmark = pytest.mark.django_db


def _totals() -> dict[str, object]:
    by_group = Case.objects.values("local_authority", "state", "case_type", month=TruncMonth("opened_on"))
    return {
        "groups": sorted(
            (r["local_authority"], r["state"], r["case_type"], str(r["month"]), r["n"])
            for r in by_group.annotate(n=Count("id"))
        ),
        "parties": Party.objects.count(), "issues": Issue.objects.count(), "deadlines": Deadline.objects.count(),
        "closed_by_month": sorted(
            (str(r["m"]), r["n"]) for r in Case.objects.filter(closed_on__isnull=False)
            .values(m=TruncMonth("closed_on")).annotate(n=Count("id"))
        ),
    }


def _closed_case(coordinator, closed_on: dt.date, **overrides) -> Case:
    case = case_make(by=coordinator, today=dt.date(2019, 3, 4), decision_notice_date=dt.date(2019, 2, 20), **overrides)
    Case.objects.filter(pk=case.pk).update(state="closed", closed_on=closed_on, summary="Worried about Sam's therapy",
                                           child_views="I like drawing")
    return case


def test_cases_past_their_period_are_anonymised_and_totals_stay_the_same(coordinator) -> None:
    old = _closed_case(coordinator, dt.date(2019, 6, 1))
    recent = _closed_case(coordinator, dt.date(2024, 6, 1), child_first_name="Lily", child_last_name="Shah")
    other_la = LocalAuthority.objects.exclude(pk=old.local_authority_id).first()
    case_make(by=coordinator, local_authority=other_la)  # still open
    before = _totals()

    with time_machine.travel(dt.datetime(2026, 11, 28, 2, 0, tzinfo=dt.UTC)):
        result = retention_apply_nightly.enqueue()  # the immediate backend runs it now
    assert result.return_value == 1

    old.refresh_from_db()
    assert old.anonymised_at is not None
    assert "Sam" not in old.child_name and "Patel" not in old.child_name
    assert old.summary == "" and old.child_views == "" and old.search_name == ""
    party = old.parties.get()
    assert "Ravi" not in party.name and party.email == "" and party.phone == ""
    assert not Issue.objects.filter(case=old, text__icontains="therapy").exists()
    assert not CaseEvent.objects.filter(case=old, detail__icontains="Patel").exists()
    recent.refresh_from_db()
    assert recent.anonymised_at is None and recent.child_first_name == "Lily"
    assert _totals() == before
    assert (old.state, old.closed_on, old.opened_on) == ("closed", dt.date(2019, 6, 1), dt.date(2019, 3, 4))


def test_the_period_is_set_by_the_provider_and_applied_once(coordinator) -> None:
    case = _closed_case(coordinator, dt.date(2024, 6, 1))
    call_command("retention_apply", "--today", "2026-11-28")
    case.refresh_from_db()
    assert case.anonymised_at is None
    RetentionPolicy.objects.create(record_type="case", years=2)
    call_command("retention_apply", "--today", "2026-11-28")
    case.refresh_from_db()
    first = case.anonymised_at
    assert first is not None
    call_command("retention_apply", "--today", "2026-11-28")
    case.refresh_from_db()
    assert case.anonymised_at == first


def test_messages_submissions_and_stored_files_are_cleared_too(coordinator) -> None:
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    from senmediation.cases.models import ChildViews
    from senmediation.notifications.models import Message
    from senmediation.notifications.services import notification_send
    from senmediation.portal.models import PartySummary

    case = _closed_case(coordinator, dt.date(2019, 6, 3))
    party = case.parties.get()
    notification_send(template_key="certificate_issued", party=party, case=case, idempotency_key="old-1",
                      context={"certificate_date": "4 March 2019", "appeal_deadline": "4 May 2019"})
    PartySummary.objects.create(party=party, text="Ravi's own account of the disagreement",
                                issues=["Ravi wants Sam's therapy back"], mediator_only="Ravi is unwell",
                                submitted_at=dt.datetime(2019, 3, 5, tzinfo=dt.UTC))
    stored = default_storage.save("child-views/staff/drawing.png", ContentFile(b"\x89PNG\r\n\x1a\nfake"))
    ChildViews.objects.create(case=case, how="drawing", gathered_by="Ravi", consent_given=True, views="A drawing",
                              attachment=stored, recorded_at=dt.datetime(2019, 3, 5, tzinfo=dt.UTC))

    call_command("retention_apply", "--today", "2025-06-04")

    message = Message.objects.get(idempotency_key="old-1")
    assert "Ravi" not in message.body and message.to == ""
    summary = PartySummary.objects.get(party=party)
    assert "Ravi" not in summary.text and (summary.issues, summary.mediator_only) == ([], "")
    assert not default_storage.exists(stored)
    assert ChildViews.objects.get(case=case).attachment.name == ""


def test_expense_receipts_are_deleted_with_the_case_s_other_files(coordinator) -> None:
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    from senmediation.expenses.models import ExpenseClaim, ExpenseReceipt

    case = _closed_case(coordinator, dt.date(2019, 6, 3))
    claim = ExpenseClaim.objects.create(case=case, party=case.parties.get(), status="refused",
                                        created_at=dt.datetime(2019, 5, 1, tzinfo=dt.UTC),
                                        decision_reason="No payslip for Ravi Patel")
    stored = default_storage.save("expense-receipts/payslip", ContentFile(b"%PDF-1.7 payslip of Ravi Patel"))
    ExpenseReceipt.objects.create(claim=claim, file=stored, mimetype="application/pdf",
                                  original_name="ravi-patel-payslip.pdf", size=30,
                                  uploaded_at=dt.datetime(2019, 5, 1, tzinfo=dt.UTC))

    call_command("retention_apply", "--today", "2025-06-04")

    assert not default_storage.exists(stored)
    receipt = ExpenseReceipt.objects.get(claim=claim)
    assert (receipt.file.name, receipt.original_name) == ("", "")
    assert "Ravi" not in ExpenseClaim.objects.get(pk=claim.pk).decision_reason


def test_an_open_case_s_documents_are_kept_and_an_anonymised_case_s_are_not(coordinator) -> None:
    from senmediation.audit.retention import case_documents_kept
    from senmediation.records.retention import case_anonymise

    case = case_make(by=coordinator)
    assert case_documents_kept(case, today=dt.date(2040, 1, 1)) is True
    closed = _closed_case(coordinator, dt.date(2026, 1, 5))
    case_anonymise(case=closed, now=dt.datetime(2026, 2, 1, tzinfo=dt.UTC))
    closed.refresh_from_db()
    assert case_documents_kept(closed, today=dt.date(2026, 2, 1)) is False
