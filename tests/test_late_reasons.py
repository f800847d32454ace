"""Late steps carry a reason (rules/late_reasons.py): asked where the certificate is issued and where the meeting
is recorded as held, only when late; said afterwards on the case page; listed in the work queue until given."""

import datetime as dt
import re

import pytest
import time_machine
from django.urls import reverse

from senmediation.agreements.tests.helpers import MEETING_AT, case_at_meeting
from senmediation.cases.models import Deadline
from senmediation.cases.services.late_reasons import late_reason_record
from senmediation.core.errors import ServiceError
from senmediation.documents.models import Certificate
from senmediation.documents.services.certificates import certificate_issue
from senmediation.documents.tests.helpers import declined_case
from senmediation.meetings import record
from testsupport.fixtures import client_for

pytestmark = pytest.mark.django_db
ON_TIME = dt.datetime(2026, 11, 25, 10, tzinfo=dt.UTC)  # the certificate is due on Friday 27 November 2026
LATE = dt.datetime(2026, 11, 30, 10, tzinfo=dt.UTC)


def _issue_url(case) -> str:  # type: ignore[no-untyped-def]
    return reverse("documents:certificate_issue", kwargs={"reference": case.reference})


def _text(html: bytes) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html.decode()).split())


def test_a_certificate_on_time_asks_no_reason(coordinator_client, coordinator) -> None:
    case = declined_case(by=coordinator)
    with time_machine.travel(ON_TIME):
        assert b"Why is this late?" not in coordinator_client.get(_issue_url(case)).content
        response = coordinator_client.post(_issue_url(case), {"kind": "no_mediation", "late_reason": "la_late"})
    assert response.status_code == 302
    assert Deadline.objects.get(case=case, clock="certificate_no_mediation").late_reason == ""


def test_a_late_certificate_needs_its_reason_next_to_the_field(coordinator_client, coordinator) -> None:
    case = declined_case(by=coordinator)
    with time_machine.travel(LATE):
        page = coordinator_client.get(_issue_url(case))
        assert b"Why is this late?" in page.content and b"The family asked for a later date" in page.content
        missing = coordinator_client.post(_issue_url(case), {"kind": "no_mediation"})
        assert missing.status_code == 400
        assert 'id="id_late_reason-error"' in missing.content.decode()
        assert "Error: Select why this step was done late" in _text(missing.content)
        other = coordinator_client.post(_issue_url(case), {"kind": "no_mediation", "late_reason": "other"})
        assert other.status_code == 400 and "Error: Enter why this step was done late" in _text(other.content)
        assert not Certificate.objects.exists()
        done = coordinator_client.post(_issue_url(case), {"kind": "no_mediation", "late_reason": "our_capacity"})
    assert done.status_code == 302
    clock = Deadline.objects.get(case=case, clock="certificate_no_mediation")
    assert (clock.met_on, clock.late_reason) == (dt.date(2026, 11, 30), "our_capacity")
    assert case.events.filter(summary__contains="was late: we did not have the capacity").exists()


def test_the_service_refuses_a_bad_reason_and_leaves_a_missing_one_to_the_queue(coordinator) -> None:
    case = declined_case(by=coordinator)
    with pytest.raises(ServiceError) as refusal:
        certificate_issue(case=case, kind="no_mediation", by=coordinator, today=dt.date(2026, 11, 30),
                          late_reason="other")
    assert (refusal.value.field, refusal.value.message) == ("late_note", "Enter why this step was done late")
    assert not Certificate.objects.exists()
    # Nobody to ask (the demo data, an import): issued, and the step waits for its reason in the work queue.
    certificate_issue(case=case, kind="no_mediation", by=coordinator, today=dt.date(2026, 11, 30))
    clock = Deadline.objects.get(case=case, clock="certificate_no_mediation")
    assert (clock.met_on, clock.late_reason) == (dt.date(2026, 11, 30), "")


def _late_meeting(coordinator, mediator):  # type: ignore[no-untyped-def]
    case = case_at_meeting(coordinator=coordinator, mediator=mediator)
    # The 30 days ended before the meeting day: the LA was told earlier than the helper's date.
    Deadline.objects.filter(case=case, clock="mediation_held").update(due_date=dt.date(2026, 12, 10))
    return case


def test_a_meeting_held_after_the_30_days_asks_why_on_its_first_sitting(coordinator, mediator) -> None:
    case = _late_meeting(coordinator, mediator)
    url = reverse("agreements:meeting", kwargs={"reference": case.reference})
    start = reverse("agreements:session_start", kwargs={"reference": case.reference})
    with time_machine.travel(MEETING_AT, tick=False):
        client = client_for(mediator)  # signed in on the day: a session idle since today would have expired
        page = client.get(url)
        assert "The 30 days to hold the mediation ended on Thursday 10 December 2026" in _text(page.content)
        refused = client.post(start, {})
        assert refused.status_code == 400
        assert "Error: Select why this step was done late" in _text(refused.content)
        case.refresh_from_db()
        assert case.state == "scheduled"
        assert client.post(start, {"start-late_reason": "family_request"}).status_code == 302
    case.refresh_from_db()
    held = case.deadlines.get(clock="mediation_held")
    assert (case.state, held.met_on, held.late_reason) == ("held", dt.date(2026, 12, 15), "family_request")


def test_a_meeting_held_in_time_asks_nothing(coordinator, mediator) -> None:
    case = case_at_meeting(coordinator=coordinator, mediator=mediator)
    with time_machine.travel(MEETING_AT, tick=False):
        page = client_for(mediator).get(reverse("agreements:meeting", kwargs={"reference": case.reference}))
        assert b"Why is this late?" not in page.content
        record.meeting_session_start(meeting=record.meeting_for_record(case), by=mediator, now=MEETING_AT)
    assert case.deadlines.get(clock="mediation_held").late_reason == ""


def test_a_clock_met_late_without_a_reason_is_asked_on_the_case_page_and_in_the_queue(
        coordinator, manager, mediator) -> None:
    case = declined_case(by=coordinator)
    certificate_issue(case=case, kind="no_mediation", by=coordinator, today=dt.date(2026, 11, 27))  # on time
    late = declined_case(by=coordinator, child_first_name="Ava")
    clock = Deadline.objects.get(case=late, clock="certificate_no_mediation")
    Deadline.objects.filter(pk=clock.pk).update(met_on=dt.date(2026, 12, 2))  # met late, before reasons were asked
    client = client_for(coordinator)
    with time_machine.travel(dt.datetime(2026, 12, 3, 10, tzinfo=dt.UTC), tick=False):
        listing = client.get(reverse("workqueue:list", args=["late-reasons"]))
        assert listing.status_code == 200
        text = _text(listing.content)
        assert "Late steps without a reason" in text
        assert late.reference in text and case.reference not in text
        assert re.search(r"Say why this was late: [^:]+ Due 27 Nov 2026, done 2 Dec 2026", text), text
        url = reverse("cases:late_reason", kwargs={"reference": late.reference, "clock": "certificate_no_mediation"})
        assert url in listing.content.decode()
        assert url in client.get(reverse("cases:detail", kwargs={"reference": late.reference})).content.decode()
        refused = client.post(url, {"late_reason": ""})
        assert refused.status_code == 400 and "Error: Select why this step was done late" in _text(refused.content)
        assert client.post(url, {"late_reason": "la_late"}).status_code == 302
        assert late.reference not in _text(client.get(reverse("workqueue:list", args=["late-reasons"])).content)
        page = client.get(reverse("cases:detail", kwargs={"reference": late.reference}))
        assert "Late: the local authority was late" in _text(page.content)
        # A step done on time has nothing to explain; a mediator does not record reasons.
        on_time = reverse("cases:late_reason", kwargs={"reference": case.reference,
                                                       "clock": "certificate_no_mediation"})
        assert client.get(on_time).status_code == 404
        assert client_for(mediator).get(url).status_code == 403
    with pytest.raises(ServiceError, match="Only a step done after its due date"):
        late_reason_record(deadline=Deadline.objects.get(case=case, clock="certificate_no_mediation"), by=manager,
                           reason="la_late", note="")
