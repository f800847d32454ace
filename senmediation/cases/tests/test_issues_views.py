"""The "Change the issues" pages: the form, the check page, the confirmed change."""

import datetime as dt
import re

import pytest
import time_machine

from senmediation.cases.services.transitions import case_transition
from senmediation.rules.eligibility import Decision, Route

from .factories import case_make

pytestmark = pytest.mark.django_db

TODAY = dt.datetime(2026, 11, 25, 10, 0, tzinfo=dt.UTC)  # Wednesday 25 November 2026


def text_of(response) -> str:  # type: ignore[no-untyped-def]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode())).replace("&#x27;", "'")


@pytest.fixture
def placement(coordinator):  # type: ignore[no-untyped-def]
    case = case_make(by=coordinator, decisions=[Decision.plan_placement], route=Route.placement_only)
    case_transition(case=case, action="give_information", by=coordinator, today=dt.date(2026, 11, 24))
    return case


def test_the_form_shows_the_current_issues_ticked_and_the_case_page_links_to_it(coordinator_client, placement):
    page = coordinator_client.get(f"/staff/cases/{placement.reference}/")
    assert f'href="/staff/cases/{placement.reference}/issues/">Change the issues</a>' in page.content.decode()
    response = coordinator_client.get(f"/staff/cases/{placement.reference}/issues/")
    html = response.content.decode()
    assert response.status_code == 200
    assert re.search(r'value="plan_placement"[^>]*checked', html)
    assert not re.search(r'value="plan_provision"[^>]*checked', html)
    assert re.search(r'value="education"[^>]*checked', html)
    assert "<h1 class=\"govuk-heading-l\">Change the issues</h1>" in html


def test_adding_section_f_is_checked_then_confirmed_and_goes_on_the_timeline(coordinator_client, placement):
    url = f"/staff/cases/{placement.reference}/issues/"
    answers = {"decisions": ["plan_placement", "plan_provision"], "elements": ["education"],
               "reason": "Mum now disputes section F."}
    with time_machine.travel(TODAY, tick=False):
        check = coordinator_client.post(url, answers)
        assert check.status_code == 200
        text = text_of(check)
        assert "Check what changing the issues will do" in text
        assert "Added: The support set out in the plan (section F: special educational provision)" in text
        assert "Taken away:" not in text
        assert ("The route changes from school or college only, no certificate needed to SEN mediation, "
                "certificate needed.") in text
        assert ("A mediation certificate is now owed: the family need one before they can appeal (Children and "
                "Families Act 2014 s.55(3)), because the disagreement is no longer only about the school or college "
                "named in the plan (s.55(2)).") in text
        assert ("Family to contact the mediation adviser: starts from Monday 2 November 2026, due Saturday "
                "2 January 2027 (SEND Regulations 2014 (SI 2014/1530) reg 33).") in text
        assert "Record that the family want a certificate, not mediation" in text  # open after the change
        placement.refresh_from_db()
        assert placement.route == Route.placement_only  # nothing saved yet

        done = coordinator_client.post(url, {**answers, "intent": "confirm"})
        assert done.status_code == 302 and done["Location"] == f"/staff/cases/{placement.reference}/"
        page = text_of(coordinator_client.get(done["Location"]))
    placement.refresh_from_db()
    assert placement.route == Route.statutory_mediation
    assert ("Issues changed: school or college only, no certificate needed to SEN mediation, certificate needed"
            in page)


def test_dropping_section_f_says_the_certificate_is_no_longer_owed_before_confirming(coordinator_client, coordinator):
    case = case_make(by=coordinator, decisions=[Decision.plan_placement, Decision.plan_provision])
    with time_machine.travel(TODAY, tick=False):
        check = coordinator_client.post(f"/staff/cases/{case.reference}/issues/",
                                        {"decisions": ["plan_placement"], "elements": ["education"],
                                         "reason": "Section F agreed with the council."})
    text = text_of(check)
    assert ("A mediation certificate is no longer owed: an appeal only about the school or college named in the "
            "plan, its type, or that none is named needs no certificate (Children and Families Act 2014 s.55(2)). "
            "Mediation is still available if the family want it.") in text
    assert "Family to contact the mediation adviser: stops, as it no longer applies." in text


def test_bad_answers_get_an_error_next_to_the_field(coordinator_client, placement):
    url = f"/staff/cases/{placement.reference}/issues/"
    empty = coordinator_client.post(url, {"reason": ""})
    assert empty.status_code == 400
    html = empty.content.decode()
    assert "Choose at least one decision the family disagree with" in html
    assert "Enter why the issues changed, for example what the family told you" in html
    same = coordinator_client.post(url, {"decisions": ["plan_placement"], "elements": ["education"], "reason": "x"})
    assert same.status_code == 400
    assert "These are the issues already on the case. Change at least one, or go back to the case." in text_of(same)
    made_up = coordinator_client.post(url, {"decisions": ["nonsense"], "reason": "x"})
    assert made_up.status_code == 400
    assert "Choose the decisions from the list" in text_of(made_up)


def test_a_closed_case_says_why_its_issues_cannot_change(coordinator_client, coordinator, placement):
    case_transition(case=placement, action="close", by=coordinator, today=dt.date(2026, 11, 24))
    response = coordinator_client.post(f"/staff/cases/{placement.reference}/issues/",
                                       {"decisions": ["plan_provision"], "reason": "x"})
    assert response.status_code == 200
    assert "This case has ended, so its issues cannot change." in text_of(response)
    assert "Change the issues</a>" not in coordinator_client.get(f"/staff/cases/{placement.reference}/").content.decode()
