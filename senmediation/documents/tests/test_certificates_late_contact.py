"""No certificate without mediation after late contact (SEND Regs 2014 reg 34(2)); a manager's override.

The family first contact us on Monday 23 November 2026 (the day the case opens, helpers.OPENED).
"""

import datetime as dt

import pytest

from senmediation.cases.models import CaseEvent, Deadline
from senmediation.cases.services.late_contact import late_contact_override_record
from senmediation.core.errors import ServiceError
from senmediation.documents.models import Certificate
from senmediation.documents.services.certificates import certificate_issue, certificate_kinds_for

from .helpers import ISSUED, declined_case

pytestmark = pytest.mark.django_db

# 2 months from 22 September end on Sunday 22 November: contact on the 23rd is "2 months + 1 day".
LATE_NOTICE = dt.date(2026, 9, 22)
# 2 months from 23 September end on Monday 23 November: contact that day is in time.
IN_TIME_NOTICE = dt.date(2026, 9, 23)

REFUSAL = (
    "A certificate cannot be issued to a family who do not want mediation: they first contacted us on "
    "Monday 23 November 2026, more than 2 months after the decision letter dated Tuesday 22 September 2026 "
    "(the last day was Sunday 22 November 2026), and the mediation adviser may not issue it "
    "(SEND Regulations 2014 reg 34(2)). The family can ask the SEND Tribunal for permission (leave) to "
    "appeal without a mediation certificate (SEND Regulations 2014 reg 34(3)). The Tribunal decides "
    "whether to give it."
)


def test_contact_a_day_after_the_2_months_is_refused_with_the_leave_route(coordinator) -> None:
    case = declined_case(by=coordinator, decision_notice_date=LATE_NOTICE)
    assert certificate_kinds_for(case) == []
    with pytest.raises(ServiceError) as refused:
        certificate_issue(case=case, kind="no_mediation", by=coordinator, today=ISSUED)
    assert refused.value.message == REFUSAL
    case.refresh_from_db()
    assert case.state == "certificate_requested"
    assert case.certificate_issued_on is None
    assert not Certificate.objects.exists()
    # No 3-working-day clock is chased for a certificate the adviser may not issue.
    assert not Deadline.objects.filter(case=case, clock="certificate_no_mediation").exists()


def test_contact_on_the_last_day_of_the_2_months_gets_the_certificate(coordinator) -> None:
    case = declined_case(by=coordinator, decision_notice_date=IN_TIME_NOTICE)
    certificate = certificate_issue(case=case, kind="no_mediation", by=coordinator, today=ISSUED)
    assert certificate.number == "CERT-2026-00001"
    case.refresh_from_db()
    assert case.state == "certificate_issued"


def test_a_managers_override_lets_the_certificate_be_issued_and_the_timeline_shows_why(coordinator, manager) -> None:
    case = declined_case(by=coordinator, decision_notice_date=LATE_NOTICE)
    event = late_contact_override_record(
        case=case, by=manager, reason="The letter was dated 22 October: the council's covering e-mail shows it."
    )
    assert event.kind == CaseEvent.Kind.UPDATED
    assert event.action == "late_contact_override"
    assert event.by == manager
    assert event.summary == (
        "Manager overrode the late-contact rule (SEND Regulations 2014 reg 34(2)): "
        "the certificate without mediation may be issued"
    )
    assert event.detail == "The letter was dated 22 October: the council's covering e-mail shows it."
    assert certificate_kinds_for(case) == ["no_mediation"]
    certificate = certificate_issue(case=case, kind="no_mediation", by=coordinator, today=ISSUED)
    assert certificate.kind == "no_mediation"
    case.refresh_from_db()
    assert case.state == "certificate_issued"


def test_only_a_manager_may_override_and_only_with_a_reason(coordinator, manager) -> None:
    case = declined_case(by=coordinator, decision_notice_date=LATE_NOTICE)
    with pytest.raises(ServiceError) as not_manager:
        late_contact_override_record(case=case, by=coordinator, reason="Wrong date")
    assert not_manager.value.message == "Only a manager can override the late-contact rule."
    with pytest.raises(ServiceError) as no_reason:
        late_contact_override_record(case=case, by=manager, reason="  ")
    assert no_reason.value.message == "Give the reason for the override, for example that the date recorded was wrong."
    assert no_reason.value.field == "reason"
    assert not CaseEvent.objects.filter(case=case, action="late_contact_override").exists()


def test_an_override_is_refused_where_the_family_were_in_time(coordinator, manager) -> None:
    case = declined_case(by=coordinator, decision_notice_date=IN_TIME_NOTICE)
    with pytest.raises(ServiceError) as refused:
        late_contact_override_record(case=case, by=manager, reason="Just in case")
    assert refused.value.message == "The family contacted us within 2 months of the decision letter: nothing to override."
