import pytest
from django.test import Client

from senmediation.directory.models import Provider

PUBLIC_PAGES = [
    "/", "/what-is-mediation/", "/how-it-works/", "/who-can-use-this-service/", "/cost-and-opening-hours/",
    "/what-you-will-see-online/", "/contact/", "/feedback-and-complaints/", "/accessibility/", "/privacy/", "/appeal-dates/",
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
def test_cost_page_says_mediation_is_free_for_families_wherever_they_live(client: Client, reference_data) -> None:
    html = client.get("/cost-and-opening-hours/").content.decode()
    assert ("Mediation and mediation advice are free for families. You never pay us: the local authority "
            "arranges and pays for the mediation") in html
    assert "<li>Trafford</li>" in html
    assert "free for residents" not in html
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
    assert "The usual date to appeal was Tuesday 1 September 2026" in html
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
@pytest.mark.django_db
def test_appeal_checker_says_when_the_adviser_date_is_a_saturday(client: Client, reference_data) -> None:
    import time_machine

    with time_machine.travel("2026-01-20 10:00 +0000", tick=False):
        html = client.get(
            "/appeal-dates/", {"decision_date_0": "14", "decision_date_1": "1", "decision_date_2": "2026"}
        ).content.decode()
    # Wednesday 14 January 2026 + 2 calendar months = Saturday 14 March 2026 (reg 33: not moved).
    assert "You have until <strong>Saturday 14 March 2026</strong> to do this." in html
    assert (
        "Saturday 14 March 2026 is a Saturday. The 2 months are calendar months and nothing moves this "
        "date to the next working day, so it is safest to contact the mediation adviser before then, by "
        "Friday 13 March 2026. If you contact the adviser later, the Tribunal decides whether you may "
        "still appeal."
    ) in html
    # The appeal date (HESC Rules r.12(2)) does move: to Monday 16 March 2026, which the Tribunal must receive.
    assert "The Tribunal must receive your appeal by Monday 16 March 2026." in html
    assert "5pm" not in html


@pytest.mark.django_db
def test_appeal_checker_adds_no_note_when_the_adviser_date_is_a_working_day(client: Client, reference_data) -> None:
    import time_machine

    with time_machine.travel("2026-01-20 10:00 +0000", tick=False):
        html = client.get(
            "/appeal-dates/", {"decision_date_0": "16", "decision_date_1": "1", "decision_date_2": "2026"}
        ).content.decode()
    assert "You have until <strong>Monday 16 March 2026</strong> to do this." in html
    assert "it is safest to contact the mediation adviser before then" not in html


@pytest.mark.django_db
def test_what_is_mediation_no_longer_mentions_statements(client: Client, reference_data) -> None:
    html = client.get("/what-is-mediation/").content.decode()
    assert "Statement" not in html and "School Action" not in html
    assert ("If your disagreement is not about an EHC needs assessment or plan, for example it is about SEN "
            "support at school, contact your local authority.") in html


@pytest.mark.django_db
def test_who_page_says_the_service_is_free_for_families(client: Client, reference_data) -> None:
    html = client.get("/who-can-use-this-service/").content.decode()
    assert "We provide the service for the councils below. It is free for families." in html
    assert "free for residents" not in html


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/", "/contact/"])
def test_contact_routes_include_relay_uk_bsl_and_the_email(client: Client, reference_data, url) -> None:
    provider = Provider.objects.get(is_current=True)
    provider.email = "mediation@example.org"
    provider.save()
    html = client.get(url).content.decode()
    assert "dial 18001 then 03330 062 835" in html
    assert "we will book" in html and "interpreter" in html
    assert 'href="mailto:mediation@example.org"' in html


@pytest.mark.django_db
def test_feedback_page_offers_email_only_when_there_is_an_address(client: Client, reference_data) -> None:
    html = client.get("/feedback-and-complaints/").content.decode()
    assert "or tell us by phone or by post." in html  # the seed gives no e-mail address
    assert "or phone or write to us." in html
    provider = Provider.objects.get(is_current=True)
    provider.email = "mediation@example.org"
    provider.save()
    html = client.get("/feedback-and-complaints/").content.decode()
    assert 'by email to <a class="govuk-link" href="mailto:mediation@example.org">' in html
    assert "or phone, email or write to us." in html


@pytest.mark.django_db
def test_appeal_checker_does_not_announce_a_date_that_has_passed_as_the_date_to_appeal_by(
    client: Client, reference_data,
) -> None:
    import time_machine

    with time_machine.travel("2027-01-10 10:00 +0000", tick=False):
        html = client.get(
            "/appeal-dates/", {"decision_date_0": "2", "decision_date_1": "11", "decision_date_2": "2026"}
        ).content.decode()
    assert "The usual date to appeal was Monday 4 January 2027" in html
    assert "govuk-panel__title" not in html


@pytest.mark.django_db
def test_what_you_will_see_online_explains_the_case_page_sharing_links_and_young_people(
        client: Client, reference_data) -> None:
    response = client.get("/what-you-will-see-online/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<h1 class="govuk-heading-xl">What you will see online</h1>' in html
    for heading in ("What your case page shows", "Who reads what you write", "How long links last",
                    "If you have lost your link", "Children and young people"):
        assert f">{heading}</h2>" in html
    assert "whether it was done" in html
    assert "on the exchange date we tell you. Nobody sees another side's summary before then." in html
    assert ("anything you want only the mediator to know. We never share what you write in it with the other sides: "
            "only your mediator, and our service managers who check our work, can read it.") in html
    assert "A link to see your case lasts 14 days." in html
    assert '<a class="govuk-link" href="/p/lost/">Get a new link</a>' in html
    assert "A young person over compulsory school age" in html and "gets their own case page" in html
    assert 'href="/what-you-will-see-online/" aria-current="page">What you will see online</a>' in html


@pytest.mark.django_db
def test_the_home_page_links_to_what_you_will_see_online_and_the_lost_link_page(client: Client,
                                                                                reference_data) -> None:
    html = client.get("/").content.decode()
    assert '<a class="govuk-link" href="/what-you-will-see-online/">what you will see online</a>' in html
    assert '<a class="govuk-link" href="/p/lost/">get a new link</a>' in html
