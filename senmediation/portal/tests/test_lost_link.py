"""'I've lost my link': a fresh link only to the family's own address or number, the same answer either way."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core import mail

from senmediation.cases.models import Case, Party
from senmediation.cases.tests.factories import case_make
from senmediation.notifications.models import Message
from senmediation.portal.models import PartyLink
from senmediation.portal.services.lost_link import (
    LostLinkLimited,
    contact_parse,
    lost_link_request,
    reference_normalise,
)
from senmediation.portal.services.tokens import party_link_resolve

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 11, 24, 10, 0, tzinfo=dt.UTC)
SITE = "https://mediation.example.org/"


@pytest.fixture
def case(coordinator) -> Case:  # type: ignore[no-untyped-def]
    return case_make(by=coordinator)


def _ask(reference: str, contact: str, ip: str = "192.0.2.1") -> Message | None:
    return lost_link_request(reference=reference, contact=contact, ip_address=ip, base_url=SITE)


def test_references_and_contacts_are_read_as_people_type_them() -> None:
    assert reference_normalise(" med 2026 00042 ") == "MED-2026-00042"
    assert reference_normalise("MED\u20132026\u201300042") == "MED-2026-00042"
    assert contact_parse(" Ravi@Example.COM ") is not None
    assert contact_parse(" Ravi@Example.COM ").value == "ravi@example.com"  # type: ignore[union-attr]
    assert contact_parse("+44 (0)7700 900123").value == "07700900123"  # type: ignore[union-attr]
    assert contact_parse("0044 7700 900123").value == "07700900123"  # type: ignore[union-attr]
    assert contact_parse("0161 123 4567") is None  # a landline cannot get a text
    assert contact_parse("ravi at example") is None


@time_machine.travel(NOW, tick=False)
def test_a_matching_e_mail_gets_a_fresh_case_link_at_that_address(case, django_capture_on_commit_callbacks) -> None:
    parent = case.parties.get(role=Party.Role.PARENT)
    parent.preferred_contact = ["letter"]  # the answer goes where they typed, not the way they usually hear
    parent.save(update_fields=["preferred_contact"])
    with django_capture_on_commit_callbacks(execute=True):
        message = _ask(case.reference.lower(), "  RAVI@example.com ")
    assert message is not None
    assert (message.template_key, message.channel, message.to) == ("party_link_lost", "email", "ravi@example.com")
    link = PartyLink.objects.get()
    assert (link.party, link.purpose, link.expires_at) == (parent, "case", NOW + dt.timedelta(days=14))
    assert len(mail.outbox) == 1
    sent = mail.outbox[0]
    assert sent.to == ["ravi@example.com"]
    assert sent.subject == f"Your new link ({case.reference})"
    assert "Use this link to see your case:" in sent.body
    token = sent.body.split(f"{SITE}p/")[1].split("/")[0]
    assert party_link_resolve(token) == link


@time_machine.travel(NOW, tick=False)
def test_a_matching_mobile_is_phoned_with_a_code_when_texts_are_not_set_up(case) -> None:
    message = _ask(case.reference, "+44 7700 900123")
    assert message is not None
    assert (message.channel, message.to) == ("call_task", "07700900123")


@time_machine.travel(NOW, tick=False)
def test_a_matching_mobile_gets_a_text_when_texts_are_set_up(case, settings) -> None:
    settings.NOTIFY_API_KEY, settings.NOTIFY_SMS_TEMPLATE_ID = "key-" + "x" * 60, "template"
    message = _ask(case.reference, "07700900123")
    assert message is not None
    assert (message.channel, message.to) == ("sms", "07700900123")


@time_machine.travel(NOW, tick=False)
@pytest.mark.parametrize("reference, contact", [
    ("MED-2026-99999", "ravi@example.com"),  # no such case
    (None, "someone@example.com"),  # a contact we do not hold
    (None, "07700 900999"),
    (None, "la.officer@example.gov.uk"),  # the local authority's address: not a family party
])
def test_nothing_is_sent_without_a_family_match(case, reference: str | None, contact: str) -> None:
    Party.objects.create(case=case, role=Party.Role.LA_OFFICER, name="Lee Officer", email="la.officer@example.gov.uk")
    assert _ask(reference or case.reference, contact) is None
    assert (PartyLink.objects.count(), Message.objects.filter(template_key="party_link_lost").count()) == (0, 0)


@time_machine.travel(NOW, tick=False)
def test_a_closed_case_gets_a_documents_link_while_the_documents_are_kept(case) -> None:
    Case.objects.filter(pk=case.pk).update(state="closed", closed_on=dt.date(2026, 11, 2))
    message = _ask(case.reference, "ravi@example.com")
    assert message is not None
    link = PartyLink.objects.get()
    assert (link.purpose, link.expires_at) == ("documents", NOW + dt.timedelta(days=7))
    assert "Use this link to download your documents:" in message.body


@time_machine.travel(NOW, tick=False)
def test_a_case_closed_past_the_retention_period_gets_nothing(case) -> None:
    Case.objects.filter(pk=case.pk).update(state="closed", closed_on=dt.date(2020, 11, 23))
    assert _ask(case.reference, "ravi@example.com") is None
    assert PartyLink.objects.count() == 0


@time_machine.travel(NOW, tick=False)
def test_too_many_requests_from_one_internet_address_are_refused(case, settings) -> None:
    settings.PORTAL_LOST_LINK_LIMITS = {"ip": 2, "address": 100, "case": 100}
    assert _ask(case.reference, "someone@example.com") is None
    assert _ask(case.reference, "ravi@example.com") is not None
    with pytest.raises(LostLinkLimited) as limited:
        _ask(case.reference, "ravi@example.com")
    assert limited.value.status == 429
    assert limited.value.message == ("You have asked for a new link too many times. Wait an hour and try again, or "
                                     "call us and we will help.")
    assert _ask(case.reference, "ravi@example.com", ip="192.0.2.2") is not None
    with time_machine.travel(NOW + dt.timedelta(hours=1), tick=False):
        assert _ask(case.reference, "ravi@example.com") is not None


@time_machine.travel(NOW, tick=False)
def test_one_address_gets_at_most_three_links_an_hour_with_the_same_answer(case) -> None:
    sent = [_ask(case.reference, "ravi@example.com", ip=f"192.0.2.{n}") for n in range(1, 5)]
    assert [message is not None for message in sent] == [True, True, True, False]
    assert PartyLink.objects.count() == 3


@time_machine.travel(NOW, tick=False)
def test_one_case_is_asked_about_at_most_five_times_an_hour(case) -> None:
    for n in range(5):
        assert _ask(case.reference, f"guess{n}@example.com", ip=f"192.0.2.{n}") is None
    assert _ask(case.reference, "ravi@example.com", ip="198.51.100.1") is None
    assert PartyLink.objects.count() == 0
    other = case_make(by=None)
    assert _ask(other.reference, "ravi@example.com", ip="198.51.100.1") is not None


@time_machine.travel(NOW, tick=False)
def test_a_request_takes_a_fixed_number_of_queries(case, django_assert_max_num_queries) -> None:
    _ask(case.reference, "ravi@example.com")  # the message template is made on first use
    with django_assert_max_num_queries(16):
        assert _ask(case.reference, "ravi@example.com", ip="192.0.2.9") is not None
    # Three counters and the one look-up of the case's family.
    with django_assert_max_num_queries(4):
        assert _ask(case.reference, "nobody@example.com", ip="192.0.2.9") is None
