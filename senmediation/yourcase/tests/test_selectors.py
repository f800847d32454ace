"""What the family's case page shows (yourcase/selectors.py), read straight from the selector."""

from __future__ import annotations

import datetime as dt

import pytest

from senmediation.cases.models import Party
from senmediation.documents.services.certificates import certificate_issue
from senmediation.portal.family import opens_case_page
from senmediation.portal.services.links import party_link_create
from senmediation.yourcase.selectors import KeyDate, family_task, your_case

from .helpers import closed_with_certificate, declined_case, la_officer_add, preparing_case

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 12, 1)


def _link(party, purpose, by):  # type: ignore[no-untyped-def]
    return party_link_create(party=party, purpose=purpose, by=by)[0]


def test_while_the_meeting_is_arranged(coordinator, mediator) -> None:
    case = preparing_case(by=coordinator, mediator=mediator)
    parent = case.parties.get(role=Party.Role.PARENT)
    page = your_case(link=_link(parent, "availability", coordinator), today=TODAY)
    assert (page.stage_sentence, page.next_step_who) == ("We are arranging your mediation meeting.",
                                                         "Us (the mediation service)")
    assert page.next_step_due == dt.date(2026, 12, 25)
    assert (page.mediator_name, page.coordinator_name, page.task) == ("Amara Okafor", "Cora Ordinator",
                                                                      "tell us when you can come")
    assert [(d.label, d.day) for d in page.key_dates] == [
        ("Your mediation meeting must take place by", dt.date(2026, 12, 25)),
        ("The Tribunal must receive your appeal by", dt.date(2027, 1, 4)),
    ]
    assert page.key_dates[1].why.startswith("That is 2 months after your decision letter was sent")
    assert page.key_dates[1].why.endswith("we show the earlier one, so that you are safe.")
    assert page.meeting is None and page.documents == ()
    assert [e.text for e in page.timeline] == [
        "Your mediator was chosen and we started arranging the meeting",
        "We told your local authority you want mediation", "You told us you want mediation",
        "We told you about mediation and the mediation certificate", "We opened your case"]


def test_a_certificate_owed_then_issued(coordinator) -> None:
    case = declined_case(by=coordinator)
    parent = case.parties.get(role=Party.Role.PARENT)
    owed = your_case(link=_link(parent, "case", coordinator), today=dt.date(2026, 11, 25))
    assert owed.key_dates[0] == KeyDate(
        label="We must send you your mediation certificate by", day=dt.date(2026, 11, 27),
        why="The law gives us 3 working days from when you told us you do not want mediation "
            "(SEND Regulations 2014 (SI 2014/1530) reg 34).")
    certificate = certificate_issue(case=case, kind="no_mediation", by=coordinator, today=dt.date(2026, 11, 26))
    page = your_case(link=_link(parent, "case", coordinator), today=dt.date(2027, 1, 5))
    assert [(d.kind, d.pk) for d in page.documents] == [("certificate", certificate.pk)]
    assert page.next_step_due == dt.date(2027, 1, 4)
    assert [(d.label, d.passed) for d in page.key_dates] == [("The Tribunal must receive your appeal by", True)]


def test_adjustments_as_recorded(coordinator, mediator) -> None:
    case = preparing_case(by=coordinator, mediator=mediator)
    parent = case.parties.get(role=Party.Role.PARENT)
    Party.objects.filter(pk=parent.pk).update(interpreter_needed=True, language="Urdu",
                                              adjustments_notes="Breaks every hour")
    page = your_case(link=_link(Party.objects.get(pk=parent.pk), "case", coordinator), today=TODAY)
    assert page.adjustments == ("An interpreter (Urdu)", "Breaks every hour")


def test_who_gets_the_case_page(coordinator, mediator) -> None:
    case = preparing_case(by=coordinator, mediator=mediator)
    parent = case.parties.get(role=Party.Role.PARENT)
    assert opens_case_page(_link(parent, "availability", coordinator))
    assert not opens_case_page(_link(parent, "child_views", coordinator))
    assert not opens_case_page(_link(la_officer_add(case), "availability", coordinator))
    assert family_task(_link(parent, "case", coordinator)) == ""
    closed = closed_with_certificate(by=coordinator)
    documents = your_case(link=_link(closed.parties.get(role=Party.Role.PARENT), "documents", coordinator),
                          today=TODAY)
    assert documents.documents_only and documents.key_dates == () and documents.timeline == ()


def test_no_certificate_is_promised_to_a_family_who_asked_too_late(coordinator) -> None:
    from senmediation.cases.services.transitions import case_transition
    from senmediation.cases.tests.factories import case_make

    case = case_make(by=coordinator, today=dt.date(2026, 11, 23), decision_notice_date=dt.date(2026, 8, 3))
    case_transition(case=case, action="give_information", by=coordinator, today=dt.date(2026, 11, 23))
    case_transition(case=case, action="request_certificate", by=coordinator, today=dt.date(2026, 11, 24))
    parent = case.parties.get(role=Party.Role.PARENT)
    page = your_case(link=_link(parent, "case", coordinator), today=TODAY)
    assert page.next_step.startswith("We cannot issue a mediation certificate without mediation")
    assert page.next_step_due is None
    assert "We must send you your mediation certificate by" not in [d.label for d in page.key_dates]
