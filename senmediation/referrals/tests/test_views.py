"""The referral journey through Django's test client: routes, stops, change links, submission."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.test import Client

from senmediation.accounts.roles import Role
from senmediation.cases.models import Case
from senmediation.directory.models import LocalAuthority
from testsupport.fixtures import user_make

from .journeys import date_parts, iass_answers, parent_answers, walk, young_person_answers

pytestmark = pytest.mark.django_db


def html(response) -> str:  # type: ignore[no-untyped-def]
    return response.content.decode()


# --- Whole journeys ----------------------------------------------------------------------------------


def test_parent_journey_opens_one_case_with_every_answer(client: Client, reference_data,
                                                         django_capture_on_commit_callbacks) -> None:
    user_make("coord-a", Role.COORDINATOR, email="coord-a@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        response = walk(client, parent_answers())
    assert response["Location"] == "/refer/confirmation/"
    case = Case.objects.get()
    assert (case.state, case.case_type, case.channel, case.source) == ("enquiry", "sen_mediation", "online", "parent")
    assert case.local_authority.name == "Trafford"
    assert (case.child_first_name, case.child_last_name) == ("Sam", "Patel")
    assert case.decisions == ["plan_provision"] and case.elements == ["education", "health"]
    assert case.wants == "mediation" and case.route == "statutory_mediation" and not case.young_person_acts
    assert case.summary.startswith("The plan cut speech")
    assert case.child_views.startswith("I like art") and case.child_views_help_wanted
    assert case.idempotency_key
    party = case.parties.get()
    assert (party.role, party.name, party.email, party.phone) == ("parent", "Ravi Patel", "ravi@example.com",
                                                                 "07700 900123")
    assert party.is_main_contact and party.preferred_contact == ["email", "phone"]
    assert party.call_times == "Weekday mornings" and party.language == "Gujarati"
    assert party.adjustments == ["interpreter", "large_print"] and party.interpreter_needed
    assert party.adjustments_notes == "Mornings suit best"
    assert party.address.startswith("1 High Street")
    assert {d.clock for d in case.deadlines.all()} >= {"first_call_back", "contact_adviser", "tribunal_appeal"}
    page = html(client.get("/refer/confirmation/"))
    assert "govuk-panel" in page and case.reference in page
    assert "We have sent a confirmation to ravi@example.com" in page
    # Confirmation to the family and a notice to the coordinator.
    assert sorted(m.to[0] for m in mail.outbox) == ["coord-a@example.org", "ravi@example.com"]
    family = next(m for m in mail.outbox if m.to == ["ravi@example.com"])
    assert case.reference in family.subject and case.reference in family.body
    notice = next(m for m in mail.outbox if m.to == ["coord-a@example.org"])
    assert case.reference in notice.subject and f"/staff/cases/{case.reference}/" in notice.body
    assert "Sam" not in notice.body  # the notice names no one
    # The journey's answers are gone from the session.
    assert "referrals:public" not in client.session


def test_young_person_journey(client: Client, reference_data, django_capture_on_commit_callbacks) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        walk(client, young_person_answers())
    case = Case.objects.get()
    assert case.source == "young_person" and case.young_person_acts and case.wants == "certificate"
    party = case.parties.get()
    assert (party.role, party.name, party.phone) == ("young_person", "Jade Okoro", "+44 7700 900456")
    assert party.preferred_contact == ["text"]
    assert mail.outbox == []  # no e-mail chosen, and no coordinator with an address


def test_iass_journey_records_referrer_and_consent(client: Client, reference_data,
                                                   django_capture_on_commit_callbacks, settings) -> None:
    settings.COORDINATOR_NOTIFY_EMAIL = "referrals@example.org"
    with django_capture_on_commit_callbacks(execute=True):
        walk(client, iass_answers())
    case = Case.objects.get()
    assert case.source == "iass"
    assert (case.referrer_name, case.referrer_organisation) == ("Pat Adviser", "Trafford SENDIASS")
    assert (case.referrer_email, case.referrer_phone) == ("pat@sendiass.example.org", "0161 123 4567")
    assert case.consent_given_by == "Ravi Patel" and case.consent_method == "By phone"
    assert case.consent_given_on is not None
    assert case.parties.get().role == "parent"
    assert [m.to for m in mail.outbox] == [["referrals@example.org"]]  # letters chosen: no family e-mail


def test_staff_record_a_phone_referral(coordinator_client: Client, django_capture_on_commit_callbacks) -> None:
    response = coordinator_client.get("/refer/staff/")
    assert response.status_code == 302 and response["Location"] == "/refer/staff/channel/"
    page = coordinator_client.get("/refer/staff/channel/")
    assert "How did this referral reach us?" in html(page) and "Record a referral" in html(page)
    answers = {"channel": {"channel": "phone"}, **parent_answers()}
    with django_capture_on_commit_callbacks(execute=True):
        response = walk(coordinator_client, answers, base="/refer/staff/", first="channel")
    case = Case.objects.get()
    assert response["Location"] == f"/staff/cases/{case.reference}/"
    assert case.channel == "phone"
    # The coordinator who recorded it looks after it.
    assert case.coordinator is not None and case.coordinator.username == "coord"
    assert [(e.summary, e.by) for e in case.events.order_by("id")] == [
        ("Case opened from phone (parent or carer)", case.coordinator),
        ("Coordinator assigned: Cora Ordinator", case.coordinator)]
    assert [m.to for m in mail.outbox] == [["ravi@example.com"]]  # the family only: staff recorded it
    case_page = coordinator_client.get(response["Location"])
    assert case_page.status_code == 200 and "Cora Ordinator looks after this case." in html(case_page)
    # A second click on "Create the case" goes to the same case.
    assert coordinator_client.post("/refer/staff/check/")["Location"] == response["Location"]
    assert Case.objects.count() == 1


def test_staff_pages_need_a_coordinator_or_manager(client: Client, mediator_client: Client) -> None:
    assert client.get("/refer/staff/").status_code == 302
    assert client.get("/refer/staff/channel/")["Location"].startswith("/accounts/")
    assert mediator_client.get("/refer/staff/").status_code == 403


def test_public_journey_has_no_channel_step(client: Client, reference_data) -> None:
    assert client.get("/refer/channel/").status_code == 404
    assert client.get("/refer/no-such-step/").status_code == 404


# --- Stops and signposts -----------------------------------------------------------------------


def test_third_party_without_permission_stops(client: Client, reference_data) -> None:
    answers = iass_answers()
    answers["permission"] = {"permission": "no"}
    walk(client, answers, stop_at="no-permission")
    page = client.get("/refer/no-permission/")
    assert page.status_code == 200 and "We need the family&#x27;s permission first" in html(page)
    # Nothing further can be reached.
    assert client.get("/refer/local-authority/")["Location"] == "/refer/no-permission/"
    assert client.post("/refer/check/").status_code == 302
    assert Case.objects.count() == 0


def test_la_we_do_not_serve_gets_told_where_to_go(client: Client, reference_data) -> None:
    birmingham = LocalAuthority.objects.get(name="Birmingham")
    client.post("/refer/who/", {"who": "parent"})
    response = client.post("/refer/local-authority/", {"local_authority": str(birmingham.pk)})
    assert response["Location"] == "/refer/la-not-served/"
    page = html(client.get("/refer/la-not-served/"))
    assert "We do not provide mediation for Birmingham" in page and "sen.team@birmingham.example.gov.uk" in page
    response = client.post("/refer/local-authority/", {"local_authority": "not_listed"})
    assert "We may not cover your local authority" in html(client.get(response["Location"]))


def test_sen_support_is_signposted_to_the_las_drs(client: Client, reference_data) -> None:
    answers = parent_answers()
    answers["disagreement"] = {"topics": ["other"]}
    walk(client, answers, stop_at="statement")
    page = html(client.get("/refer/statement/"))
    assert "Trafford disagreement resolution service" in page
    assert client.get("/refer/summary/")["Location"] == "/refer/statement/"


def test_placement_only_is_told_no_certificate_is_needed_and_continues(client: Client, reference_data) -> None:
    answers = parent_answers()
    answers["disagreement"] = {"topics": ["plan_placement"]}
    answers["placement-only"] = {}
    walk(client, answers, stop_at="placement-only")
    page = html(client.get("/refer/placement-only/"))
    assert "section 55)" in page and "Mediation is still open to you" in page
    assert "Mediation does not give you more time to appeal." in page
    # A certificate is not offered, as none is needed.
    walk(client, answers, stop_at="wants")
    assert 'value="certificate"' not in html(client.get("/refer/wants/"))
    walk(client, answers)
    case = Case.objects.get()
    assert case.route == "placement_only" and case.decisions == ["plan_placement"]
    # The Tribunal deadline runs (mediation does not extend it); no adviser clock, as no certificate is needed.
    assert set(case.deadlines.values_list("clock", flat=True)) == {"first_call_back", "tribunal_appeal"}


def test_something_else_is_signposted_where_the_la_has_its_own_drs(client: Client, reference_data) -> None:
    answers = parent_answers()
    answers["disagreement"] = {"topics": ["other"]}
    walk(client, answers, stop_at="statement")
    page = html(client.get("/refer/statement/"))
    assert "<h1 class=\"govuk-heading-l\">Contact your council&#x27;s disagreement resolution service</h1>" in page
    assert Case.objects.count() == 0


def test_something_else_opens_a_drs_case_where_the_la_commissions_ours(client: Client, reference_data) -> None:
    from senmediation.directory.models import LocalAuthority

    answers = parent_answers()
    answers["local-authority"] = {"local_authority": str(LocalAuthority.objects.get(name="Stockport").pk)}
    answers["disagreement"] = {"topics": ["other"]}
    walk(client, answers)
    case = Case.objects.get()
    assert case.case_type == "disagreement_resolution" and case.decision_notice_date is None
    assert case.route == "disagreement_resolution" and case.local_authority.name == "Stockport"


# --- Pages, errors, back and change ---------------------------------------------------------------


def test_home_page_leads_to_the_journey(client: Client, reference_data) -> None:
    assert 'href="/refer/"' in html(client.get("/"))
    assert 'href="/refer/who/"' in html(client.get("/refer/"))


def test_errors_give_400_an_error_title_and_a_summary(client: Client, reference_data) -> None:
    response = client.post("/refer/who/", {})
    assert response.status_code == 400
    page = html(response)
    assert "<title>Error: What is your relationship to the child or young person?" in page
    assert "govuk-error-summary" in page and 'href="#id_who_0"' in page and "Select who you are" in page


def test_pages_cannot_be_skipped(client: Client, reference_data) -> None:
    assert client.get("/refer/contact/")["Location"] == "/refer/who/"
    assert client.post("/refer/check/")["Location"] == "/refer/who/"
    assert client.get("/refer/confirmation/")["Location"] == "/refer/"


def test_answers_are_kept_for_back_links_and_after_errors(client: Client, reference_data) -> None:
    walk(client, parent_answers(), stop_at="child")
    page = html(client.get("/refer/wants/"))
    assert 'href="/refer/key-dates/" class="govuk-back-link"' in page
    assert 'value="mediation" checked' in page
    page = html(client.get("/refer/decision-date/"))
    assert 'name="decision_date_2" type="text" inputmode="numeric" value="' in page
    # An error on a later page does not lose what was typed.
    response = client.post("/refer/child/", {"first_name": "Sam", "last_name": "", **date_parts(
        "date_of_birth", dt.date(2015, 1, 1))})
    assert response.status_code == 400 and 'value="Sam"' in html(response)


def test_change_link_returns_to_check_your_answers(client: Client, reference_data) -> None:
    walk(client, parent_answers(), stop_at="check")
    response = client.post("/refer/language/?change=1", {"language": "Polish"})
    assert response["Location"] == "/refer/check/"
    assert "Polish" in html(client.get("/refer/check/"))
    assert 'href="/refer/check/" class="govuk-back-link"' in html(client.get("/refer/language/?change=1"))


def test_change_that_needs_new_answers_asks_them_first(client: Client, reference_data) -> None:
    answers = parent_answers()
    walk(client, answers, stop_at="check")
    # Now a third party: their details and the family's permission are needed before checking again.
    response = client.post("/refer/who/?change=1", {"who": "iass"})
    assert response["Location"] == "/refer/referrer/?change=1"
    response = client.post(response["Location"], iass_answers()["referrer"])
    assert response["Location"] == "/refer/permission/?change=1"
    response = client.post(response["Location"], {"permission": "parent"})
    response = client.post(response["Location"], iass_answers()["permission-details"])
    assert response["Location"] == "/refer/check/"


def test_change_to_email_contact_asks_for_the_address(client: Client, reference_data) -> None:
    answers = young_person_answers()
    walk(client, answers, stop_at="check")
    response = client.post("/refer/contact-methods/?change=1", {"methods": ["email"]})
    assert response["Location"] == "/refer/contact/?change=1"
    page = html(client.get("/refer/contact/?change=1"))
    assert "Enter your email address, because email was chosen" in page


def test_staff_start_forgets_an_unfinished_referral(coordinator_client: Client) -> None:
    coordinator_client.get("/refer/staff/")
    coordinator_client.post("/refer/staff/channel/", {"channel": "letter"})
    assert 'value="letter" checked' in html(coordinator_client.get("/refer/staff/channel/"))
    coordinator_client.get("/refer/staff/")
    assert 'value="letter" checked' not in html(coordinator_client.get("/refer/staff/channel/"))
