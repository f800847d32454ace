"""What the referral journey says to families: the disagreement question, the reg 33 note on key
dates, the journey without the decision letter, and the confirmation e-mail."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.test import Client

from senmediation.cases.models import Case

from .journeys import date_parts, parent_answers, walk

pytestmark = pytest.mark.django_db


def html(response) -> str:  # type: ignore[no-untyped-def]
    return response.content.decode()


def test_disagreement_question_names_each_section_and_no_abolished_scheme(client: Client, reference_data) -> None:
    walk(client, parent_answers(), stop_at="disagreement")
    page = html(client.get("/refer/disagreement/"))
    assert "The support set out in the plan (section F: special educational provision)" in page
    assert "The needs described in the plan (section B: special educational needs)" in page
    assert "its type, or that none is named (section I: placement)" in page
    assert "The health care in the plan (section C: health needs, and section G: health provision)" in page
    assert ("The social care in the plan (section D: social care needs, and section H: social care provision)"
            in page)
    assert ("EHC plans replaced Statements of special educational needs in 2014, and SEN support replaced "
            "School Action and School Action Plus.") in page
    assert 'value="legacy_statement"' not in page and 'value="school_action"' not in page
    assert "Mediation and mediation advice are free for you: Trafford pays for them." in page


def test_local_authority_list_carries_no_free_for_residents_note(client: Client, reference_data) -> None:
    walk(client, parent_answers(), stop_at="local-authority")
    page = html(client.get("/refer/local-authority/"))
    assert "free for residents" not in page
    assert ">Trafford</option>" in page


def test_key_dates_say_when_the_adviser_date_is_a_saturday(client: Client, reference_data, time_machine) -> None:
    time_machine.move_to(dt.datetime(2026, 1, 20, 11, 0, tzinfo=dt.UTC))
    answers = parent_answers()
    answers["decision-date"] = date_parts("decision_date", dt.date(2026, 1, 14))
    walk(client, answers, stop_at="key-dates")
    page = html(client.get("/refer/key-dates/"))
    assert "contact a mediation adviser by <strong>Saturday 14 March 2026</strong>" in page
    assert ("Saturday 14 March 2026 is a Saturday. The 2 months are calendar months and nothing moves this "
            "date to the next working day, so it is safest to contact the mediation adviser before then, by "
            "Friday 13 March 2026.") in page
    assert "The Tribunal must receive your appeal by Monday 16 March 2026." in page


def test_without_the_letter_the_journey_carries_on_and_says_what_to_do(
    client: Client, reference_data, django_capture_on_commit_callbacks
) -> None:
    answers = parent_answers()
    answers["decision-date"] = {"no_letter": "on"}
    del answers["key-dates"]
    response = walk(client, answers, stop_at="no-letter")
    page = html(client.get("/refer/no-letter/"))
    assert "<h1 class=\"govuk-heading-l\">We need the date on the letter to work out your deadlines</h1>" in page
    assert "Without that date we cannot work out your deadlines." in page
    assert "Ask Trafford for a copy of the letter as soon as you can." in page
    assert ("When we contact you, a mediation adviser will help you find the date and work out what you need "
            "to do, and by when.") in page
    assert client.post("/refer/no-letter/")["Location"] == "/refer/wants/"
    answers["no-letter"] = {}
    with django_capture_on_commit_callbacks(execute=True):
        response = walk(client, answers)
    assert response["Location"] == "/refer/confirmation/"
    case = Case.objects.get()
    assert case.decision_notice_date is None and case.route == "statutory_mediation"
    family = next(m for m in mail.outbox if m.to == ["ravi@example.com"])
    assert "We could not work out your deadlines because we do not have the date on the decision letter." in (
        family.body)


def test_check_answers_says_the_date_is_not_known(client: Client, reference_data) -> None:
    answers = parent_answers()
    answers["decision-date"] = {"no_letter": "on"}
    del answers["key-dates"]
    answers["no-letter"] = {}
    walk(client, answers, stop_at="check")
    assert "Not known: you do not have the letter" in html(client.get("/refer/check/"))


@pytest.mark.parametrize(("data", "message"), [
    ({}, "Enter the date on the decision letter, or select that you do not have the letter"),
    ({**date_parts("decision_date", dt.date(2026, 1, 14)), "no_letter": "on"},
     "Enter the date on the decision letter, or select that you do not have the letter, not both"),
])
def test_decision_date_needs_the_date_or_no_letter(client: Client, reference_data, time_machine, data,
                                                   message) -> None:
    time_machine.move_to(dt.datetime(2026, 1, 20, 11, 0, tzinfo=dt.UTC))
    walk(client, parent_answers(), stop_at="decision-date")
    response = client.post("/refer/decision-date/", data)
    assert response.status_code == 400
    assert message in html(response)


def test_confirmation_email_gives_the_appeal_deadline_and_the_answers_but_no_free_text(
    client: Client, reference_data, time_machine, django_capture_on_commit_callbacks
) -> None:
    time_machine.move_to(dt.datetime(2026, 1, 20, 11, 0, tzinfo=dt.UTC))
    answers = parent_answers()
    answers["decision-date"] = date_parts("decision_date", dt.date(2026, 1, 14))
    with django_capture_on_commit_callbacks(execute=True):
        walk(client, answers)
    case = Case.objects.get()
    body = next(m for m in mail.outbox if m.to == ["ravi@example.com"]).body
    assert ("The Tribunal must receive your appeal by Monday 16 March 2026. That is 2 months after your "
            "decision letter was sent (Wednesday 14 January 2026): Saturday 14 March 2026.") in body
    assert "contact a mediation adviser by Saturday 14 March 2026" in body
    assert "it is safest to contact the mediation adviser before then, by Friday 13 March 2026." in body
    assert (
        "Your answers\n"
        "Local authority: Trafford\n"
        "The disagreement is about: The support set out in the plan (section F: special educational provision); "
        "The health care in the plan (section C: health needs, and section G: health provision)\n"
        "Date on the decision letter: 14 January 2026\n"
        "What you would like to do now: Mediation: a meeting, led by an independent mediator, to try to reach "
        "an agreement\n"
        "Ways to contact: Email, Phone call\n"
        "Support that would help: An interpreter for a spoken language; Letters and documents in large print\n"
    ) in body
    assert ("We have not repeated anything you wrote in your own words, or any names, because this e-mail "
            "address has not been checked.") in body
    for typed in ("speech and language", "I like art", "Sam", "Patel", "Mornings suit best", "Gujarati",
                  "High Street"):
        assert typed not in body
    assert case.reference in body
