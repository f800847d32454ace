"""The 'I've lost my link' pages: specific errors next to each field, one answer for all, and a 429 page."""

from __future__ import annotations

import pytest
from django.test import Client

from senmediation.cases.tests.factories import case_make
from senmediation.portal.models import PartyLink

pytestmark = pytest.mark.django_db
URL = "/p/lost/"


@pytest.fixture
def reference(coordinator) -> str:  # type: ignore[no-untyped-def]
    return case_make(by=coordinator).reference


def test_the_question_page_asks_for_the_reference_and_the_contact(client: Client, reference_data) -> None:
    response = client.get(URL)
    html = response.content.decode()
    assert response.status_code == 200
    assert '<h1 class="govuk-heading-l">Get a new link to your case</h1>' in html
    assert "Your case reference" in html and "Your e-mail address or mobile phone number" in html
    assert 'name="robots" content="noindex, nofollow"' in html


@pytest.mark.parametrize("data, field, error", [
    ({"reference": "", "contact": "ravi@example.com"}, "reference", "Enter your case reference"),
    ({"reference": "12345", "contact": "ravi@example.com"}, "reference",
     "Enter your case reference as it is on our letters, for example MED-2026-00042"),
    ({"reference": "MED-2026-00001", "contact": ""}, "contact",
     "Enter the e-mail address or mobile phone number you gave us"),
    ({"reference": "MED-2026-00001", "contact": "ravi@"}, "contact",
     "Enter an e-mail address with an @ and the rest of the address after it, for example name@example.com"),
    ({"reference": "MED-2026-00001", "contact": "0161 123 4567"}, "contact",
     "Enter a UK mobile phone number starting 07 or +44 7, for example 07700 900123. We cannot send a link to a "
     "landline"),
    ({"reference": "MED-2026-00001", "contact": "Ravi Patel"}, "contact",
     "Enter an e-mail address, for example name@example.com, or a UK mobile phone number, for example 07700 900123"),
])
def test_each_mistake_gets_its_own_error_next_to_its_field(client: Client, reference_data, data, field: str,
                                                           error: str) -> None:
    response = client.post(URL, data)
    html = response.content.decode()
    assert response.status_code == 400
    assert response.context["form"].errors == {field: [error]}
    assert f'<a href="#id_{field}">{error}</a>' in html
    assert f'id="id_{field}-error"' in html
    assert "<title>Error: Get a new link to your case" in html


@pytest.mark.parametrize("contact, links", [("ravi@example.com", 1), ("nobody@example.com", 0)])
def test_the_same_answer_whether_or_not_the_details_match(client: Client, reference: str, contact: str,
                                                          links: int) -> None:
    response = client.post(URL, {"reference": reference, "contact": contact})
    assert (response.status_code, response["Location"]) == (302, "/p/lost/sent/")
    assert PartyLink.objects.count() == links
    answer = client.get("/p/lost/sent/")
    assert answer.status_code == 200
    html = answer.content.decode()
    assert '<h1 class="govuk-heading-l">Check your e-mail or phone</h1>' in html
    assert "this page looks the same whether or not the details matched" in html


def test_too_many_requests_from_one_address_get_a_429_page(client: Client, reference: str, settings) -> None:
    settings.PORTAL_LOST_LINK_LIMITS = {"ip": 1, "address": 3, "case": 5}
    assert client.post(URL, {"reference": reference, "contact": "ravi@example.com"}).status_code == 302
    response = client.post(URL, {"reference": reference, "contact": "ravi@example.com"})
    html = response.content.decode()
    assert response.status_code == 429
    assert '<h1 class="govuk-heading-l">Too many requests for a new link</h1>' in html
    assert "Wait an hour and try again, or call us and we will help." in html


def test_the_link_problem_and_code_pages_point_to_the_lost_link_page(client: Client, reference_data) -> None:
    assert '<a class="govuk-link" href="/p/lost/">Lost your link? Get a new one</a>' in client.get(
        "/p/not-a-real-token/").content.decode()
    assert '<a class="govuk-link" href="/p/lost/">Lost your link?</a>' in client.get("/p/code/").content.decode()
