"""Worked example: a young person who lacks capacity, with a deputy acting for them (SEND Regs 2014 regs 38,
39, 64). The certificate goes to the deputy; the young person is still asked for their views."""

import datetime as dt

import pytest
from django.core import mail

from senmediation.cases.models import Party
from senmediation.cases.services.opening import PartyInput
from senmediation.cases.services.representatives import party_representative_set
from senmediation.documents.services.certificates import certificate_issue
from senmediation.notifications.models import Message
from senmediation.portal.models import Purpose
from senmediation.portal.services.links import party_link_issue

from .helpers import ISSUED, declined_case, pdf_text

pytestmark = pytest.mark.django_db

YOUNG_PERSON = PartyInput(role=Party.Role.YOUNG_PERSON, name="Jordan Ellis", email="jordan@example.com",
                          preferred_contact=["email"], is_main_contact=True)


def _young_person_with_deputy(coordinator):
    case = declined_case(by=coordinator, child_first_name="Jordan", child_last_name="Ellis",
                         child_date_of_birth=dt.date(2006, 3, 1), young_person_acts=True, parties=[YOUNG_PERSON])
    young_person = case.parties.get(role=Party.Role.YOUNG_PERSON)
    deputy = party_representative_set(party=young_person, by=coordinator, name="Morgan Ellis", basis="deputy",
                                      email="morgan@example.com", preferred_contact=["email"])
    return case, young_person, deputy


def test_the_certificate_goes_to_the_deputy_and_names_whom_they_act_for(coordinator,
                                                                        django_capture_on_commit_callbacks):
    case, young_person, deputy = _young_person_with_deputy(coordinator)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        certificate = certificate_issue(case=case, kind="no_mediation", by=coordinator, today=ISSUED)

    assert [m.to for m in mail.outbox] == [["morgan@example.com"]]
    message = Message.objects.get(case=case, template_key="certificate_issued")
    assert (message.party_id, message.to, message.status) == (deputy.pk, "morgan@example.com", "sent")
    assert "Morgan Ellis" in mail.outbox[0].body
    name, content, mimetype = mail.outbox[0].attachments[0]
    assert (name, mimetype) == (f"{certificate.number}-v1.pdf", "application/pdf")
    _, text = pdf_text(content)
    assert ("Issued to Morgan Ellis, acting for Jordan Ellis, the young person, who lacks capacity to make "
            "these decisions") in text
    assert "Acting as A deputy appointed by the Court of Protection" in text
    assert (certificate.person_name, certificate.acting_for_name) == ("Morgan Ellis", "Jordan Ellis")


def test_the_views_link_still_goes_to_the_young_person_and_other_links_to_the_deputy(
        coordinator, django_capture_on_commit_callbacks):
    case, young_person, deputy = _young_person_with_deputy(coordinator)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        _, views = party_link_issue(party=young_person, purpose=Purpose.CHILD_VIEWS, by=coordinator,
                                    base_url="https://mediation.example")
    with django_capture_on_commit_callbacks(execute=True):
        _, dates = party_link_issue(party=young_person, purpose=Purpose.AVAILABILITY, by=coordinator,
                                    base_url="https://mediation.example")

    assert (views.party_id, views.to) == (young_person.pk, "jordan@example.com")
    assert (dates.party_id, dates.to) == (deputy.pk, "morgan@example.com")
    assert [m.to for m in mail.outbox] == [["jordan@example.com"], ["morgan@example.com"]]
    assert "https://mediation.example/p/" in mail.outbox[0].body
    assert "https://mediation.example/p/" in mail.outbox[1].body


def test_without_a_representative_the_young_person_gets_the_certificate(coordinator,
                                                                        django_capture_on_commit_callbacks):
    case = declined_case(by=coordinator, child_first_name="Jordan", child_last_name="Ellis",
                         child_date_of_birth=dt.date(2006, 3, 1), young_person_acts=True, parties=[YOUNG_PERSON])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        certificate = certificate_issue(case=case, kind="no_mediation", by=coordinator, today=ISSUED)
    assert [m.to for m in mail.outbox] == [["jordan@example.com"]]
    _, text = pdf_text(mail.outbox[0].attachments[0][1])
    assert "Issued to Jordan Ellis, the young person" in text
    assert "acting for" not in text
    assert certificate.acting_for_name == ""
