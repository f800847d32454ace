"""The public referral journey's defences (repeats, the spam trap, rate limits) and its confirmation and key-dates
pages, through the views (moved from test_views.py as they were)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.test import Client

from senmediation.cases.models import Case
from senmediation.referrals.models import Submission
from senmediation.referrals.views import DONE_KEY

from .journeys import date_parts, iass_answers, parent_answers, walk

pytestmark = pytest.mark.django_db


def html(response) -> str:  # type: ignore[no-untyped-def]
    return response.content.decode()


# --- Repeats, spam and abuse -------------------------------------------------------------------


def test_double_submission_opens_one_case(client: Client, reference_data, django_capture_on_commit_callbacks) -> None:
    walk(client, parent_answers(), stop_at="check")
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post("/refer/check/")
        second = client.post("/refer/check/")  # a double click, or back and send again
    assert first["Location"] == second["Location"] == "/refer/confirmation/"
    assert Case.objects.count() == 1 and Submission.objects.count() == 1
    assert len([m for m in mail.outbox if m.to == ["ravi@example.com"]]) == 1


def test_repeat_of_the_same_key_from_another_request_sends_nothing(client: Client, reference_data,
                                                                   django_capture_on_commit_callbacks) -> None:
    walk(client, parent_answers(), stop_at="check")
    session = client.session
    saved = session["referrals:public"]
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/refer/check/")
    # The same answers and key arrive again (e.g. a request racing the first).
    session = client.session
    session["referrals:public"] = saved
    session.save()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/refer/check/")
    assert response["Location"] == "/refer/confirmation/"
    assert Case.objects.count() == 1
    assert len([m for m in mail.outbox if m.to == ["ravi@example.com"]]) == 1


def test_honeypot_pretends_success_but_opens_nothing(client: Client, reference_data,
                                                     django_capture_on_commit_callbacks) -> None:
    walk(client, parent_answers(), stop_at="check")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/refer/check/", {"website": "http://spam.example"})
    assert response["Location"] == "/refer/confirmation/"
    page = html(client.get("/refer/confirmation/"))
    assert "Request sent" in page and "MED-" not in page
    assert Case.objects.count() == 0 and mail.outbox == []
    assert Submission.objects.get().trapped


def test_honeypot_filled_on_an_earlier_page_also_counts(client: Client, reference_data) -> None:
    answers = parent_answers()
    answers["who"] = {"who": "parent", "website": "spam"}
    walk(client, answers)
    assert Case.objects.count() == 0


def test_honeypot_markup_is_hidden_from_people(client: Client, reference_data) -> None:
    page = html(client.get("/refer/who/"))
    assert '<div class="app-honeypot" aria-hidden="true">' in page
    assert 'name="website" value="" tabindex="-1" autocomplete="off"' in page


def test_rate_limit_per_address(client: Client, reference_data, settings) -> None:
    settings.REFERRAL_RATE_LIMIT_PER_HOUR = 2
    for _ in range(2):
        walk(client, parent_answers())
    walk(client, parent_answers(), stop_at="check")
    response = client.post("/refer/check/")
    assert response.status_code == 429
    page = html(response)
    assert "Please try again later" in page and "03330 062 835" in page
    assert Case.objects.count() == 2
    # Another address is not affected; the answers were kept for later.
    response = client.post("/refer/check/", REMOTE_ADDR="192.0.2.10")
    assert response.status_code == 302 and Case.objects.count() == 3


def test_default_rate_limit_is_five_an_hour(client: Client, reference_data) -> None:
    for _ in range(5):
        walk(client, parent_answers())
    walk(client, parent_answers(), stop_at="check")
    assert client.post("/refer/check/").status_code == 429
    assert Case.objects.count() == 5


def test_confirmation_when_we_are_open_and_closed(client: Client, reference_data, time_machine) -> None:
    time_machine.move_to(dt.datetime(2026, 11, 27, 19, 0, tzinfo=dt.UTC))  # Friday 7pm
    walk(client, parent_answers())
    assert "We are closed now. We will call you on Monday 30 November." in html(client.get("/refer/confirmation/"))
    assert client.session.get(DONE_KEY)


def test_third_party_confirmation_talks_about_the_family(client: Client, reference_data, time_machine) -> None:
    time_machine.move_to(dt.datetime(2026, 11, 24, 11, 0, tzinfo=dt.UTC))  # Tuesday 11am
    answers = iass_answers()
    answers["contact-methods"] = {"methods": ["phone"]}
    walk(client, answers)
    page = html(client.get("/refer/confirmation/"))
    assert "We aim to call the family within one working day, by the end of Wednesday 25 November" in page



def test_key_dates_warn_when_close_or_past(client: Client, reference_data) -> None:
    from senmediation.core import clock

    answers = parent_answers()
    answers["decision-date"] = date_parts("decision_date", clock.today() - dt.timedelta(days=50))
    walk(client, answers, stop_at="key-dates")
    page = html(client.get("/refer/key-dates/"))
    assert "govuk-warning-text" in page and "days away" in page
    client.post("/refer/decision-date/", date_parts("decision_date", clock.today() - dt.timedelta(days=100)))
    page = html(client.get("/refer/key-dates/"))
    assert "This date has passed" in page and "The appeal deadline has passed" in page
    client.post("/refer/decision-date/", date_parts("decision_date", clock.today() - dt.timedelta(days=1)))
    assert "govuk-warning-text" not in html(client.get("/refer/key-dates/"))


def test_changing_the_decision_date_shows_the_new_key_dates(client: Client, reference_data) -> None:
    from senmediation.core import clock

    walk(client, parent_answers(), stop_at="check")
    response = client.post("/refer/decision-date/?change=1",
                           date_parts("decision_date", clock.today() - dt.timedelta(days=5)))
    assert response["Location"] == "/refer/key-dates/?change=1"
    client.get(response["Location"])
    assert client.post(response["Location"])["Location"] == "/refer/check/"
    # A change that does not affect the dates goes straight back.
    assert client.post("/refer/summary/?change=1", {"summary": "Shorter"})["Location"] == "/refer/check/"


def test_an_answer_made_wrong_by_a_change_is_shown_with_its_error(client: Client, reference_data) -> None:
    walk(client, parent_answers(), stop_at="check")  # the child is 10
    response = client.post("/refer/who/?change=1", {"who": "young_person"})
    assert response["Location"] == "/refer/child/?change=1"
    page = html(client.get(response["Location"]))
    assert "You can ask for yourself from" in page and "the school year in which you turn 16" in page
    assert 'value="Sam"' in page


def test_staff_pages_use_the_staff_layout(coordinator_client: Client) -> None:
    coordinator_client.get("/refer/staff/")
    page = html(coordinator_client.get("/refer/staff/channel/"))
    assert "Staff navigation" in page and 'href="/refer/staff/" aria-current="page"' in page
    assert "app-honeypot" not in page


def test_behind_a_trusted_proxy_each_family_has_its_own_limit(client: Client, reference_data, settings) -> None:
    settings.REFERRAL_RATE_LIMIT_PER_HOUR = 1
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = {"REMOTE_ADDR": "10.0.0.2"}
    walk(client, parent_answers(), stop_at="check")
    assert client.post("/refer/check/", HTTP_X_FORWARDED_FOR="198.51.100.1", **proxy).status_code == 302
    walk(client, parent_answers(), stop_at="check")
    assert client.post("/refer/check/", HTTP_X_FORWARDED_FOR="198.51.100.1", **proxy).status_code == 429
    # Another family behind the same proxy, and a forged extra entry does not move the first one's bucket.
    assert client.post("/refer/check/", HTTP_X_FORWARDED_FOR="198.51.100.1, 198.51.100.2", **proxy).status_code == 302
    assert Case.objects.count() == 2


def test_staff_cannot_open_a_case_for_someone_25_today(coordinator_client: Client) -> None:
    # Children and Families Act 2014 s.83(2): a young person is under 25; the 25th birthday is too late.
    from senmediation.core import clock

    today = clock.today()
    twenty_fifth = today.replace(year=today.year - 25, day=min(today.day, 28))
    if (twenty_fifth.month, twenty_fifth.day) != (today.month, today.day):
        pytest.skip("the 29th-31st: the walk below needs an exact 25th birthday")
    answers = {"channel": {"channel": "phone"}, **parent_answers()}
    walk(coordinator_client, answers, base="/refer/staff/", first="channel", stop_at="child")
    refused = coordinator_client.post("/refer/staff/child/", {**answers["child"], **date_parts("date_of_birth", twenty_fifth)})
    assert refused.status_code == 400
    assert ('<p id="id_date_of_birth-error" class="govuk-error-message"><span class="govuk-visually-hidden">Error:'
            '</span> The child or young person must be under 25: the law on EHC plans covers young people until '
            'their 25th birthday (Children and Families Act 2014 s.83(2)). Check the year</p>') in html(refused)
    accepted = coordinator_client.post(
        "/refer/staff/child/", {**answers["child"], **date_parts("date_of_birth", twenty_fifth + dt.timedelta(days=1))})
    assert accepted.status_code == 302
    assert not Case.objects.exists()


def test_key_dates_say_before_they_send_when_contact_is_too_late(client: Client, reference_data) -> None:
    # SEND Regs 2014 reg 34(2)-(3), shown after the decision-date question and before the referral is sent.
    import time_machine

    with time_machine.travel("2027-01-03 10:00 +0000", tick=False):
        answers = parent_answers()
        answers["decision-date"] = date_parts("decision_date", dt.date(2026, 11, 2))
        walk(client, answers, stop_at="key-dates")
        page = " ".join(html(client.get("/refer/key-dates/")).split())
        assert ("This date has passed. The 2 months to contact a mediation adviser ended on Saturday 2 January "
                "2027. Because of this, we cannot give you a mediation certificate if you decide you do not want "
                "mediation (the law says so in regulation 34(2) of the SEND Regulations 2014). You can ask the "
                "SEND Tribunal for permission to appeal without a certificate (regulation 34(3)); the Tribunal "
                "decides. Please still get in touch: you can still ask us about mediation.") in page
        # Decision on 3 November: the 2 months end today, so the family are still in time.
        client.post("/refer/decision-date/", date_parts("decision_date", dt.date(2026, 11, 3)))
        assert "regulation 34(2)" not in html(client.get("/refer/key-dates/"))
