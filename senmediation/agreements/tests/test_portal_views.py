"""The family's ready-made letter about a late action: a PDF through their own link, and 404 for anything else."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from senmediation.cases.models import Party
from senmediation.cases.tests.factories import case_make
from senmediation.portal.models import Purpose
from senmediation.portal.services.links import party_link_create

from .family_world import agreed_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(coordinator, mediator, time_machine):
    return agreed_world(coordinator=coordinator, mediator=mediator, time_machine=time_machine)


def _token(party: Party, by, purpose: str = Purpose.CASE) -> str:
    _, path = party_link_create(party=party, purpose=purpose, by=by)
    return path.strip("/").rsplit("/", 1)[-1]


def _url(token: str, item_id: int) -> str:
    return reverse("portal:late_letter", kwargs={"token": token, "item_id": item_id})


def _text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def test_the_letter_to_the_la_quotes_the_action_the_agreement_and_the_time_limit(world, client, coordinator) -> None:
    token = _token(world.parties["parent"], coordinator)
    response = client.get(_url(token, world.items["la_visit"].pk))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="letter-about-an-agreed-action.pdf"'
    text = _text(response.content)
    la = world.case.local_authority.name
    parent = world.parties["parent"].name
    assert text.startswith(f"{parent} Wednesday 30 December 2026 {la}")
    assert (f"I am writing about the mediation agreement made on Tuesday 15 December 2026 (mediation reference "
            f"{world.case.reference}). In it, you agreed to do this: “Arrange a visit to Oak Primary School with "
            "Sam's parents”") in text
    assert "The agreement says this would be done by Tuesday 29 December 2026." in text
    assert ("The time limit: the local authority has 2 weeks from the date of the agreement to do it "
            "(SEND Regulations 2014 (SI 2014/1530) regulation 42(3)).") in text
    assert "Please do it now, and write to me to tell me when it will be done." in text
    assert "Local Government and Social Care Ombudsman" in text
    assert text.endswith(f"Yours sincerely, {parent}")
    reader = PdfReader(io.BytesIO(response.content))
    assert reader.metadata is not None and reader.metadata.title == (
        f"Letter about an agreed action not done – {world.case.reference}")


def test_the_letter_about_the_icbs_action_goes_to_the_icb(world, client, coordinator) -> None:
    response = client.get(_url(_token(world.parties["parent"], coordinator), world.items["icb_referral"].pk))
    assert response.status_code == 200
    text = _text(response.content)
    assert "Greater Manchester ICB Dear Sir or Madam" in text
    assert "In it, you agreed to do this: “Refer Sam to the community paediatrician”" in text
    assert ("The time limit: the integrated care board has 2 weeks from the date of the agreement to do it "
            "(SEND Regulations 2014 (SI 2014/1530) regulation 42(3)).") in text
    assert "Parliamentary and Health Service Ombudsman" in text
    assert "Local Government and Social Care Ombudsman" not in text


@pytest.mark.parametrize("key", ["la_draft", "school_room", "parent_report", "la_done", "la_keep", "not_agreed"])
def test_no_letter_for_an_action_that_is_not_a_late_la_or_icb_one(world, client, coordinator, key) -> None:
    token = _token(world.parties["parent"], coordinator)
    assert client.get(_url(token, world.items[key].pk)).status_code == 404


def test_no_letter_through_another_case_or_another_party(world, client, coordinator) -> None:
    item = world.items["la_visit"].pk
    other_parent = case_make(by=coordinator).parties.get(role=Party.Role.PARENT)
    assert client.get(_url(_token(other_parent, coordinator), item)).status_code == 404
    # Other sides' links are for a task (here the agreement): never the family's letter.
    assert client.get(_url(_token(world.parties["la_officer"], coordinator, Purpose.AGREEMENT), item)).status_code == 404
    assert client.get(_url(_token(world.parties["school"], coordinator, Purpose.AGREEMENT), item)).status_code == 404
    assert client.get(_url("not-a-real-token", item)).status_code == 404
    assert client.get(_url(_token(world.parties["parent"], coordinator), 987654)).status_code == 404


def test_any_family_link_of_the_case_opens_it_but_only_by_get(world, client, coordinator) -> None:
    token = _token(world.parties["parent"], coordinator, purpose=Purpose.AGREEMENT)
    url = _url(token, world.items["la_visit"].pk)
    assert client.get(url).status_code == 200
    assert client.post(url).status_code == 405
