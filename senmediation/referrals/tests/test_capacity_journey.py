"""Worked example: a referral naming the person who acts for a young person who lacks capacity
(SEND Regs 2014 regs 63-64) puts that person on the case, and they hear from us."""

from __future__ import annotations

import pytest
from django.core import mail
from django.test import Client

from senmediation.cases.correspondence import party_correspondent
from senmediation.cases.models import Case, Party
from senmediation.referrals.forms_capacity import RepresentativeContactForm, RepresentativeRoleForm

from .journeys import parent_answers, representative_answers, walk

pytestmark = pytest.mark.django_db


def test_a_referral_naming_a_deputy_creates_them_on_the_case(client: Client, reference_data,
                                                             django_capture_on_commit_callbacks, settings) -> None:
    settings.COORDINATOR_NOTIFY_EMAIL = "referrals@example.org"
    page = walk(client, representative_answers(), stop_at="check").content.decode()
    for row in ("Someone acts for them", "Morgan Ellis", "A deputy appointed by the Court of Protection",
                "morgan@example.com"):
        assert row in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/refer/check/", {})
    case = Case.objects.get()
    young_person = case.parties.get(role=Party.Role.YOUNG_PERSON)
    deputy = case.parties.get(role=Party.Role.REPRESENTATIVE)
    assert (young_person.name, young_person.email) == ("Jordan Ellis", "jordan@example.com")
    assert (deputy.name, deputy.acts_for, deputy.representative_basis) == ("Morgan Ellis", young_person, "deputy")
    assert (deputy.email, deputy.address, deputy.preferred_contact) == (
        "morgan@example.com", "2 Park Road\nSale\nM33 2BB", ["email", "letter"])
    assert party_correspondent(young_person) == deputy
    # The confirmation goes to the deputy, not to the young person (reg 64(1)(d)).
    assert sorted(m.to[0] for m in mail.outbox) == ["morgan@example.com", "referrals@example.org"]


def test_the_capacity_question_needs_an_answer(client: Client, reference_data) -> None:
    walk(client, parent_answers(), stop_at="capacity")
    response = client.post("/refer/capacity/", {})
    assert response.status_code == 400
    assert "Select yes if someone acts for you because they lack capacity" in response.content.decode()


def test_only_a_deputy_or_attorney_is_offered_for_a_parent(reference_data) -> None:
    answers = parent_answers()
    form = RepresentativeRoleForm(data={"basis": "parent"}, answers=answers)
    assert [value for value, _ in form.fields["basis"].choices] == ["deputy", "lasting_power", "enduring_power"]
    assert form.errors == {"basis": ["Select why they can act for them"]}
    young = representative_answers()
    assert RepresentativeRoleForm(data={"basis": "parent"}, answers=young).is_valid()


def test_the_representatives_contact_details_fit_the_ways_chosen(reference_data) -> None:
    answers = {"representative-contact-methods": {"methods": ["letter", "text"]}}
    form = RepresentativeContactForm(data={"phone": "0161 123 4567"}, answers=answers)
    assert form.errors == {
        "phone": ["Enter a mobile number starting 07 or +44 7, so that we can send text messages, or go back and "
                  "choose another way to contact them"],
        "address": ["Enter their postal address, because letters were chosen as a way to contact them"],
    }
