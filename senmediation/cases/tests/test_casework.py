import pytest

from senmediation.cases.models import ContactLog, MediatorNote
from senmediation.cases.services.details import case_mediator_assign
from senmediation.directory.models import SignpostingAgency
from testsupport.fixtures import client_for

from .factories import case_make

pytestmark = pytest.mark.django_db


def test_contact_is_logged_and_appears_on_the_timeline(coordinator_client, coordinator) -> None:
    case = case_make(by=coordinator)
    party = case.parties.get()
    url = f"/staff/cases/{case.reference}/contacts/"
    response = coordinator_client.post(url, {"party": party.pk, "channel": "phone", "direction": "in",
                                             "summary": "Mum called about the plan", "outcome": "Call back Monday"})
    assert response.status_code == 302
    contact = ContactLog.objects.get()
    assert contact.with_whom == "Ravi Patel" and contact.outcome == "Call back Monday"
    assert case.events.filter(summary__startswith="Phone contact").exists()
    response = coordinator_client.post(url, {"channel": "fax"})
    html = response.content.decode()
    assert response.status_code == 400
    assert "Enter a summary of the contact" in html and "Choose who got in touch" in html


def test_advice_records_understanding_decision_and_signposting_then_moves_the_case(
    coordinator_client, coordinator
) -> None:
    case = case_make(by=coordinator)
    page = coordinator_client.get(f"/staff/cases/{case.reference}/advice/").content.decode()
    assert "Appeal by" in page or "Contact the adviser by" in page
    ipsea = SignpostingAgency.objects.get(name="IPSEA")
    response = coordinator_client.post(f"/staff/cases/{case.reference}/advice/", {
        "understood": "yes", "decision": "certificate", "signposted_to": [ipsea.pk], "notes": "Wants to appeal",
    })
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.state == "certificate_requested"
    assert case.signposting.get().agency == ipsea
    assert case.advice.get().understood is True


def test_thinking_it_over_gives_information_but_moves_no_further(coordinator_client, coordinator) -> None:
    case = case_make(by=coordinator)
    coordinator_client.post(f"/staff/cases/{case.reference}/advice/", {"understood": "no", "decision": "thinking"})
    case.refresh_from_db()
    assert case.state == "information_given"


def test_child_views_need_consent(coordinator_client, coordinator) -> None:
    case = case_make(by=coordinator)
    url = f"/staff/cases/{case.reference}/child-views/"
    response = coordinator_client.post(url, {"how": "drawing", "gathered_by": "Amara", "views": "I like maths"})
    assert response.status_code == 400
    assert "Only record the child" in response.content.decode()
    response = coordinator_client.post(url, {"how": "drawing", "gathered_by": "Amara", "views": "I like maths",
                                             "consent_given": "on", "show_at_meeting": "on"})
    assert response.status_code == 302
    assert case.child_views_records.get().views == "I like maths"


def test_mediator_notes_are_seen_only_by_the_cases_mediator_and_managers(
    coordinator, mediator, other_mediator, manager
) -> None:
    case = case_make(by=coordinator)
    case_mediator_assign(case=case, mediator=mediator, by=coordinator)
    url = f"/staff/cases/{case.reference}/mediator-notes/"
    own = client_for(mediator)
    assert own.post(url, {"text": "Dad is anxious about the LA officer"}).status_code == 302
    assert MediatorNote.objects.get().text.startswith("Dad is anxious")
    assert "Dad is anxious" in client_for(manager).get(url).content.decode()
    assert client_for(coordinator).get(url).status_code == 403
    assert client_for(other_mediator).get(url).status_code == 404
    # The timeline says a note exists but not what it says.
    timeline = client_for(coordinator).get(f"/staff/cases/{case.reference}/").content.decode()
    assert "A private mediator note was added" in timeline and "Dad is anxious" not in timeline


def test_an_outbound_call_to_the_family_meets_the_first_call_back_clock(coordinator) -> None:
    import datetime as dt

    from senmediation.cases.services.casework import contact_log_record

    case = case_make(by=coordinator)
    clock = case.deadlines.get(clock="first_call_back")
    assert clock.met_on is None
    contact_log_record(case=case, by=coordinator, channel="email", direction="out", party=case.parties.get(),
                       summary="Sent the leaflet", at=dt.datetime(2026, 11, 23, 10, 0, tzinfo=dt.UTC))
    clock.refresh_from_db()
    assert clock.met_on is None  # an e-mail is not speaking to the family
    contact_log_record(case=case, by=coordinator, channel="phone", direction="out", party=case.parties.get(),
                       summary="Called Ravi back", at=dt.datetime(2026, 11, 23, 15, 30, tzinfo=dt.UTC))
    clock.refresh_from_db()
    assert clock.met_on == dt.date(2026, 11, 23)
    assert clock.status == "met"


def test_a_call_with_the_local_authority_does_not_meet_the_first_call_back_clock(coordinator) -> None:
    import datetime as dt

    from senmediation.cases.models import Party
    from senmediation.cases.services.casework import contact_log_record, party_add

    case = case_make(by=coordinator)
    officer = party_add(case=case, by=coordinator, role=Party.Role.LA_OFFICER, name="Jo Officer")
    contact_log_record(case=case, by=coordinator, channel="phone", direction="out", party=officer,
                       summary="Asked about the plan", at=dt.datetime(2026, 11, 23, 15, 30, tzinfo=dt.UTC))
    assert case.deadlines.get(clock="first_call_back").met_on is None
