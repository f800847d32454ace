import pytest
from django.test import Client

from senmediation.directory.models import Provider

PUBLIC_PAGES = [
    "/", "/what-is-mediation/", "/how-it-works/", "/who-can-use-this-service/", "/cost-and-opening-hours/",
    "/contact/", "/feedback-and-complaints/", "/accessibility/", "/privacy/", "/appeal-dates/",
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


@pytest.mark.django_db
def test_appeal_checker_gives_both_dates_with_the_reason(client: Client, reference_data) -> None:
    import time_machine

    with time_machine.travel("2026-11-28 10:00 +0000", tick=False):
        response = client.get(
            "/appeal-dates/", {"decision_date_0": "2", "decision_date_1": "11", "decision_date_2": "2026"}
        )
    html = response.content.decode()
    assert response.status_code == 200
    # 2 months after 2 November 2026 is Saturday 2 January 2027: the next working day is Monday 4 January.
    assert "Appeal by Monday 4 January 2027" in html
    assert "2 January 2027" in html  # the adviser date (reg 33): 2 calendar months, not moved
    assert "Saturday" in html


@pytest.mark.django_db
def test_appeal_checker_uses_the_later_certificate_date(client: Client, reference_data) -> None:
    import time_machine

    with time_machine.travel("2026-11-28 10:00 +0000", tick=False):
        html = client.get("/appeal-dates/", {
            "decision_date_0": "1", "decision_date_1": "7", "decision_date_2": "2026",
            "certificate_date_0": "20", "certificate_date_1": "7", "certificate_date_2": "2026",
        }).content.decode()
    # 1 month after 20 July is 20 August: August moves it to the first working day after 31 August,
    # Tuesday 1 September 2026. The deadline has passed on 28 November 2026.
    assert "Appeal by Tuesday 1 September 2026" in html
    assert "This date has passed" in html


@pytest.mark.django_db
@pytest.mark.parametrize("params, message", [
    ({"decision_date_0": "", "decision_date_1": "", "decision_date_2": ""}, "Enter the date on your decision letter"),
    ({"decision_date_0": "31", "decision_date_1": "2", "decision_date_2": "2026"}, "must be a real date"),
    ({"decision_date_0": "1", "decision_date_1": "", "decision_date_2": "2026"}, "must include a month"),
    ({"decision_date_0": "1", "decision_date_1": "1", "decision_date_2": "26"}, "Year must include 4 numbers"),
    ({"decision_date_0": "1", "decision_date_1": "1", "decision_date_2": "2099"}, "today or in the past"),
    ({"decision_date_0": "x", "decision_date_1": "y", "decision_date_2": "z"}, "written in numbers"),
    ({"decision_date_0": "99999999999999999999", "decision_date_1": "1", "decision_date_2": "2026"},
     "must be a real date"),
])
def test_appeal_checker_explains_bad_dates(client: Client, reference_data, params, message) -> None:
    response = client.get("/appeal-dates/", params)
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert "<title>Error: " in html
    assert 'href="#id_decision_date_0"' in html


LATE_WARNING = (
    "This date has passed. The 2 months to contact a mediation adviser ended on {day}. Because of this, we "
    "cannot give you a mediation certificate if you decide you do not want mediation (the law says so in "
    "regulation 34(2) of the SEND Regulations 2014). You can ask the SEND Tribunal for permission to appeal "
    "without a certificate (regulation 34(3)); the Tribunal decides. Please still get in touch: you can still "
    "ask us about mediation."
)


@pytest.mark.django_db
@pytest.mark.parametrize("today, decision, late_from", [
    # 2 months from Monday 2 November 2026 end on Saturday 2 January 2027 (no move for the weekend).
    ("2027-01-02", ("2", "11", "2026"), None),
    ("2027-01-03", ("2", "11", "2026"), "Saturday 2 January 2027"),
    # 31 December: the 2 months end on the last day of February (28th; 29th in a leap year).
    ("2027-02-28", ("31", "12", "2026"), None),
    ("2027-03-01", ("31", "12", "2026"), "Sunday 28 February 2027"),
    ("2028-02-29", ("31", "12", "2027"), None),
    ("2028-03-01", ("31", "12", "2027"), "Tuesday 29 February 2028"),
])
def test_appeal_checker_says_before_they_refer_when_contact_is_too_late(
    client: Client, reference_data, today: str, decision: tuple[str, str, str], late_from: str | None,
) -> None:
    import html as htmllib

    import time_machine

    with time_machine.travel(f"{today} 10:00 +0000", tick=False):
        response = client.get("/appeal-dates/", {
            "decision_date_0": decision[0], "decision_date_1": decision[1], "decision_date_2": decision[2]})
    page = " ".join(htmllib.unescape(response.content.decode()).split())
    assert response.status_code == 200
    if late_from is None:
        assert "regulation 34(2)" not in page
    else:
        assert LATE_WARNING.format(day=late_from) in page
