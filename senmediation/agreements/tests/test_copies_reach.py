"""'Send a copy to every party' says what became of each copy, not 'sent' for all."""

import datetime as dt

import pytest
from django.contrib.messages import get_messages

from senmediation.agreements import services
from senmediation.cases.models import CaseEvent, Party

from .helpers import MEETING_AT, MEETING_DAY, case_at_meeting, meeting_under_way

pytestmark = pytest.mark.django_db


@pytest.fixture
def final(coordinator, mediator, time_machine):
    time_machine.move_to(MEETING_AT, tick=False)
    case = meeting_under_way(case_at_meeting(coordinator=coordinator, mediator=mediator), mediator=mediator)
    agreement = services.agreement_start(case=case, by=mediator)
    parent = case.parties.get(role=Party.Role.PARENT)
    services.agreement_item_add(agreement=agreement, by=mediator, owner=parent, action="Send the OT report",
                                due=dt.date(2027, 1, 8), measure="The school has it")
    services.agreement_finalise(agreement=agreement, by=mediator, today=MEETING_DAY)
    return case


def test_each_copy_is_reported_as_what_became_of_it(final, mediator_client,
                                                    django_capture_on_commit_callbacks) -> None:
    officer = final.parties.get(role=Party.Role.LA_OFFICER)
    officer.email = ""
    officer.save()  # no e-mail and no postal address: a letter that cannot be sent
    school = final.parties.get(role=Party.Role.SCHOOL)
    school.preferred_contact = ["phone"]
    school.phone = "0161 496 0000"
    school.save()
    with django_capture_on_commit_callbacks(execute=True):
        response = mediator_client.post(f"/staff/cases/{final.reference}/agreement/copies/")
    assert response.status_code == 302
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "Copies of the agreement: Ravi Patel, sent; Jo Bloggs, waiting for a postal address; "
        "Priya Shah, call to make."
    ]
    summaries = list(final.events.filter(kind=CaseEvent.Kind.UPDATED, summary__startswith="Copy of the agreement")
                     .order_by("id").values_list("summary", flat=True))
    assert summaries == [
        "Copy of the agreement for Ravi Patel (Parent or carer): sent",
        "Copy of the agreement for Jo Bloggs (Local authority officer): waiting for a postal address",
        "Copy of the agreement for Priya Shah (School or college): call to make",
    ]
    page = " ".join(mediator_client.get(f"/staff/cases/{final.reference}/agreement/finalise/").content.decode()
                    .split())
    assert "Not sent</strong> No postal address for Jo Bloggs: add one to send this letter" in page
