from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core import mail
from django.test import Client

from senmediation.cases.models import Case, Party
from senmediation.cases.services.opening import PartyInput
from senmediation.cases.tests.factories import case_make
from senmediation.core.errors import ServiceError
from senmediation.feedback.models import SurveyInvitation, SurveyResponse
from senmediation.feedback.services.surveys import survey_invite, surveys_send_due
from senmediation.notifications.models import Message

pytestmark = pytest.mark.django_db
BASE = "https://mediation.example"


def closed_case(mediator=None) -> Case:  # type: ignore[no-untyped-def]
    case = case_make(parties=[
        PartyInput(role=Party.Role.PARENT, name="Ravi Patel", email="ravi@example.com", preferred_contact=["email"],
                   is_main_contact=True),
        PartyInput(role=Party.Role.LA_OFFICER, name="Lee Officer", address="Trafford Town Hall",
                   preferred_contact=["letter"]),
        PartyInput(role=Party.Role.SUPPORTER, name="Sue Porter", email="sue@example.com", preferred_contact=["email"]),
    ])
    Case.objects.filter(pk=case.pk).update(state="closed", closed_on=dt.date(2026, 11, 20), mediator=mediator,
                                           meeting_outcome="agreement")
    case.refresh_from_db()
    return case


def _link(body: str) -> str:
    return next(line for line in body.splitlines() if line.startswith(BASE)).removeprefix(BASE)


def test_invitations_go_each_partys_preferred_way_once(reference_data, django_capture_on_commit_callbacks) -> None:
    case = closed_case()
    with django_capture_on_commit_callbacks(execute=True):
        made = survey_invite(case=case, by=None, base_url=BASE)
        assert survey_invite(case=case, by=None, base_url=BASE) == []
    assert len(made) == 2  # the supporter is not asked
    channels = dict(Message.objects.filter(template_key="feedback_invitation").values_list("party__name", "channel"))
    assert channels == {"Ravi Patel": "email", "Lee Officer": "letter"}
    [sent] = mail.outbox
    assert sent.to == ["ravi@example.com"] and "8 short questions" in sent.body


def test_an_open_case_is_not_surveyed(reference_data) -> None:
    with pytest.raises(ServiceError):
        survey_invite(case=case_make(), by=None, base_url=BASE)


def test_answer_through_the_link_then_no_reminder(reference_data, mediator, django_capture_on_commit_callbacks) -> None:
    case = closed_case(mediator)
    with django_capture_on_commit_callbacks(execute=True):
        survey_invite(case=case, by=None, base_url=BASE)
    path = _link(mail.outbox[0].body)
    response = Client().post(path, {"satisfaction": "5", "felt_heard": "yes", "treated_fairly": "yes",
                                    "mediator_impartial": "partly", "process_explained": "no",
                                    "would_recommend": "not_sure", "comments": "Thanks", "consent_to_quote": "on"})
    assert response.status_code == 302
    answer = SurveyResponse.objects.get()
    assert (answer.source, answer.mediator, answer.local_authority, answer.mediator_impartial,
            answer.consent_to_quote) == ("link", mediator, case.local_authority, "partly", True)
    assert case.events.filter(summary="Parent or carer (Ravi Patel) used their link to give feedback").count() == 1
    with time_machine.travel(dt.datetime.now(dt.UTC) + dt.timedelta(days=11)):
        invited, reminded = surveys_send_due(base_url=BASE, now=dt.datetime.now(dt.UTC),
                                             since=dt.date(2026, 11, 1))
    assert (invited, reminded) == (0, 1)  # only the LA officer, who has not answered
    assert SurveyInvitation.objects.get(party__name="Lee Officer").reminded_at is not None
    assert surveys_send_due(base_url=BASE, now=dt.datetime.now(dt.UTC) + dt.timedelta(days=30),
                            since=dt.date(2026, 11, 1)) == (0, 0)


def test_an_enquiry_closed_with_a_signpost_is_not_surveyed(reference_data) -> None:
    case = case_make()
    Case.objects.filter(pk=case.pk).update(state="closed", closed_on=dt.date(2026, 11, 20))
    case.refresh_from_db()
    with pytest.raises(ServiceError, match="after a meeting or a certificate; this case had neither"):
        survey_invite(case=case, by=None, base_url=BASE)
    assert surveys_send_due(base_url=BASE, now=dt.datetime.now(dt.UTC), since=dt.date(2026, 11, 1)) == (0, 0)


def test_the_sweep_invites_newly_closed_cases(reference_data) -> None:
    closed_case()
    assert surveys_send_due(base_url=BASE, now=dt.datetime.now(dt.UTC), since=dt.date(2026, 11, 1)) == (2, 0)
    assert surveys_send_due(base_url=BASE, now=dt.datetime.now(dt.UTC), since=dt.date(2026, 11, 1)) == (0, 0)
