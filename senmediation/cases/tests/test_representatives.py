"""Naming the person acting for a parent or young person who lacks capacity (SEND Regs 2014 regs 63-64)."""

import datetime as dt

import pytest

from senmediation.cases.correspondence import party_correspondent, party_representative
from senmediation.cases.models import CaseEvent, Party
from senmediation.cases.services.opening import PartyInput
from senmediation.cases.services.representatives import party_representative_set
from senmediation.core.errors import ServiceError

from .factories import case_make

pytestmark = pytest.mark.django_db


def _young_person_case(coordinator):
    return case_make(by=coordinator, child_first_name="Jordan", child_last_name="Ellis",
                     child_date_of_birth=dt.date(2006, 3, 1), young_person_acts=True,
                     parties=[PartyInput(role=Party.Role.YOUNG_PERSON, name="Jordan Ellis", email="jordan@example.com",
                                         preferred_contact=["email"], is_main_contact=True)])


def test_a_parent_may_be_acted_for_only_by_a_deputy_or_attorney(coordinator) -> None:
    parent = case_make(by=coordinator).parties.get(role=Party.Role.PARENT)
    with pytest.raises(ServiceError) as refusal:
        party_representative_set(party=parent, by=coordinator, name="Asha Patel", basis="parent",
                                 email="asha@example.com")
    assert refusal.value.field == "basis"
    attorney = party_representative_set(party=parent, by=coordinator, name="Asha Patel", basis="lasting_power",
                                        email="asha@example.com", preferred_contact=["email"])
    assert (attorney.role, attorney.acts_for, attorney.representative_basis) == ("representative", parent,
                                                                                  "lasting_power")
    assert party_correspondent(parent) == attorney
    assert party_correspondent(attorney) == attorney
    event = CaseEvent.objects.filter(case=parent.case).order_by("-id").first()
    assert event.summary == ("Asha Patel added as acting for Ravi Patel (Children and Families Act 2014 "
                             "s.80(6)(b))")


def test_changing_the_representative_keeps_one_and_records_the_change(coordinator) -> None:
    young_person = _young_person_case(coordinator).parties.get(role=Party.Role.YOUNG_PERSON)
    first = party_representative_set(party=young_person, by=coordinator, name="Morgan Ellis", basis="parent",
                                     phone="07700 900456", preferred_contact=["phone"])
    second = party_representative_set(party=young_person, by=coordinator, name="Morgan Ellis", basis="deputy",
                                      email="morgan@example.com", preferred_contact=["email"])
    assert second.pk == first.pk
    assert Party.objects.filter(acts_for=young_person).count() == 1
    assert party_representative(young_person).representative_basis == "deputy"
    # The young person's own views link stays theirs (reg 38(3)); everything else goes to the deputy.
    assert party_correspondent(young_person, link_purpose="child_views") == young_person
    assert party_correspondent(young_person, link_purpose="availability") == second


def test_contact_details_must_fit_how_they_prefer_to_be_contacted(coordinator) -> None:
    young_person = _young_person_case(coordinator).parties.get(role=Party.Role.YOUNG_PERSON)
    with pytest.raises(ServiceError) as refusal:
        party_representative_set(party=young_person, by=coordinator, name="Morgan Ellis", basis="deputy",
                                 preferred_contact=["email"], phone="07700 900456")
    assert (refusal.value.field, refusal.value.message) == ("email", "Enter an email address, as they prefer email.")
    with pytest.raises(ServiceError) as refusal:
        party_representative_set(party=young_person, by=coordinator, name="  ", basis="deputy",
                                 email="m@example.com")
    assert refusal.value.field == "name"


def test_staff_page_names_a_representative_and_says_the_young_persons_views_are_still_asked(
        coordinator_client, coordinator) -> None:
    case = _young_person_case(coordinator)
    young_person = case.parties.get(role=Party.Role.YOUNG_PERSON)
    url = f"/staff/cases/{case.reference}/people/{young_person.pk}/representative/"

    page = coordinator_client.get(url).content.decode()
    assert "Their views are still asked" in page
    assert "The young person&#x27;s parent (the young person has no deputy or attorney)" in page

    refused = coordinator_client.post(url, {"name": "Morgan Ellis", "basis": "deputy", "preferred_contact": "letter"})
    assert refused.status_code == 400
    assert "Enter a postal address, as they prefer letters" in refused.content.decode()

    response = coordinator_client.post(url, {"name": "Morgan Ellis", "basis": "deputy",
                                             "email": "morgan@example.com", "preferred_contact": "email"})
    assert response.status_code == 302
    deputy = party_representative(young_person)
    assert (deputy.name, deputy.email, deputy.preferred_contact) == ("Morgan Ellis", "morgan@example.com", ["email"])
    detail = coordinator_client.get(f"/staff/cases/{case.reference}/").content.decode()
    assert "Acts for" in detail
    assert "The young person's views are still asked: their views link goes to them" in detail


def test_staff_page_refuses_a_party_who_is_not_the_parent_or_young_person(coordinator_client, coordinator) -> None:
    case = case_make(by=coordinator, parties=[
        PartyInput(role=Party.Role.PARENT, name="Ravi Patel", email="ravi@example.com", is_main_contact=True),
        PartyInput(role=Party.Role.LA_OFFICER, name="Officer", email="la@example.com"),
    ])
    officer = case.parties.get(role=Party.Role.LA_OFFICER)
    response = coordinator_client.get(f"/staff/cases/{case.reference}/people/{officer.pk}/representative/")
    assert response.status_code == 404


def test_a_representative_is_found_by_search(coordinator) -> None:
    from senmediation.cases import selectors

    young_person = _young_person_case(coordinator).parties.get(role=Party.Role.YOUNG_PERSON)
    party_representative_set(party=young_person, by=coordinator, name="Morgan Quillfeather", basis="deputy",
                             phone="07700 900456", preferred_contact=["phone"])
    found = selectors.case_list_for(user=coordinator, filters=selectors.CaseFilters(q="Morgan Quillfeather"))
    assert [case.child_last_name for case in found] == ["Ellis"]
