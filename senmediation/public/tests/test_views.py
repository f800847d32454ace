import pytest
from django.test import Client

from senmediation.directory.models import Provider

PUBLIC_PAGES = [
    "/", "/what-is-mediation/", "/how-it-works/", "/who-can-use-this-service/", "/cost-and-opening-hours/",
    "/contact/", "/feedback-and-complaints/", "/accessibility/", "/privacy/",
]


@pytest.mark.django_db
@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_public_page_shows_the_providers_details_from_the_database(client: Client, reference_data, url) -> None:
    provider = Provider.objects.get(is_current=True)
    provider.phone = "0123 456 7890"
    provider.short_name = "Example Mediation"
    provider.save()
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Example Mediation" in html
    assert "<title>" in html and "Example Mediation</title>" in html


@pytest.mark.django_db
def test_contact_page_shows_phone_address_and_hours(client: Client, reference_data) -> None:
    html = client.get("/contact/").content.decode()
    assert "03330 062 835" in html
    assert "249 Birmingham Road" in html
    assert "Monday to Friday, 9am to 6pm" in html


@pytest.mark.django_db
def test_cost_page_names_the_las_free_for_residents(client: Client, reference_data) -> None:
    html = client.get("/cost-and-opening-hours/").content.decode()
    assert "Trafford: free for residents" in html
    assert "Birmingham" not in html  # an LA that does not commission us


@pytest.mark.django_db
def test_pages_never_use_the_govuk_name_or_crown(client: Client, reference_data) -> None:
    for url in PUBLIC_PAGES:
        html = client.get(url).content.decode()
        assert "GOV.UK" not in html
        assert "crown" not in html.lower()
