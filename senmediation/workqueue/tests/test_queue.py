"""The office's work queue: each kind of item, whose it is, its action, its count and its paging."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse

from senmediation.cases.models import Party
from senmediation.cases.tests.factories import case_make
from senmediation.notifications.models import CallTask, Message
from senmediation.notifications.services import notification_send
from senmediation.notifications.tests.helpers import parent_make
from senmediation.rules.deadlines import ACTOR_LABELS, CLOCK_RULES, PROVIDER_CLOCKS, Actor, Clock
from senmediation.workqueue import selectors
from senmediation.workqueue.selectors import Kind
from testsupport.fixtures import client_for

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 23)


def _text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def _section(html: str, heading: str) -> str:
    """The home page's section under `heading`, up to the next h2."""
    start = html.index(f">{heading}</h2>")
    end = html.find("<h2", start)
    return html[start: end if end != -1 else None]


def _counts(html: str) -> dict[str, str]:
    block = html[html.index('app-queue-counts'):]
    block = block[: block.index("</ul>")]
    return {label.strip(): number for number, label in
            re.findall(r'app-queue-counts__number">([\d+]+)</span>([^<]+)</a>', block)}


def test_only_clocks_the_provider_must_meet_are_staff_work() -> None:
    assert set(PROVIDER_CLOCKS) == {Clock.certificate_no_mediation, Clock.mediation_held,
                                    Clock.certificate_not_arranged, Clock.certificate_after_mediation,
                                    Clock.first_call_back}
    assert CLOCK_RULES[Clock.contact_adviser].acts == Actor.family
    assert CLOCK_RULES[Clock.tribunal_appeal].acts == Actor.family
    assert CLOCK_RULES[Clock.health_issues_to_icb].acts == Actor.local_authority
    assert CLOCK_RULES[Clock.icb_tells_la].acts == Actor.icb
    assert CLOCK_RULES[Clock.agreement_other_actions].acts == Actor.la_or_icb


def test_an_enquiry_waiting_for_its_first_call_is_on_the_queue_but_the_familys_clock_is_not(
        coordinator, time_machine) -> None:
    time_machine.move_to(dt.datetime(2026, 11, 25, 9, 0, tzinfo=dt.UTC))
    case = case_make(by=coordinator, today=TODAY)  # first call back due 24 Nov: overdue on the 25th
    html = client_for(coordinator).get("/staff/").content.decode()
    assert "<h1 class=\"govuk-heading-l\">Work to do</h1>" in html
    counts = _counts(html)
    assert counts["enquiries to call back"] == "1"
    assert counts["of our time limits overdue or due soon"] == "0"
    section = _text(_section(html, "Enquiries to call back"))
    assert (f"{case.reference} Sam Patel Call back Ravi Patel on 07700 900123 Enquiry by online form, 23 Nov 2026 "
            "Overdue Tue 24 Nov 2026 Record the call for " + case.reference) in section
    assert f'href="/staff/cases/{case.reference}/contacts/"' in _section(html, "Enquiries to call back")
    assert "Family to contact the mediation adviser" not in html


def test_recording_the_call_takes_the_enquiry_off_the_queue(coordinator, time_machine) -> None:
    from senmediation.cases.services.casework import contact_log_record

    time_machine.move_to(dt.datetime(2026, 11, 25, 9, 0, tzinfo=dt.UTC))
    case = case_make(by=coordinator, today=TODAY)
    contact_log_record(case=case, by=coordinator, channel="phone", direction="out",
                       party=case.parties.get(role=Party.Role.PARENT), summary="Explained mediation")
    assert _counts(client_for(coordinator).get("/staff/").content.decode())["enquiries to call back"] == "0"


def test_our_time_limit_due_soon_says_whose_it_is_and_where_to_meet_it(coordinator, time_machine) -> None:
    from senmediation.cases.services.transitions import case_transition

    time_machine.move_to(dt.datetime(2026, 11, 24, 9, 0, tzinfo=dt.UTC))
    case = case_make(by=coordinator, today=TODAY)
    case_transition(case=case, action="give_information", by=coordinator, on=TODAY)
    case_transition(case=case, action="request_certificate", by=coordinator, on=TODAY)  # certificate in 3 working days
    html = client_for(coordinator).get("/staff/").content.decode()
    section = _section(html, "Our time limits, overdue or due soon")
    assert ("Certificate for a family who do not want mediation Due soon Thu 26 Nov 2026 Issue the certificate for "
            + case.reference) in _text(section)
    assert f'href="/staff/cases/{case.reference}/documents/certificates/issue/"' in section
    page = client_for(coordinator).get(f"/staff/cases/{case.reference}/").content.decode()
    assert ACTOR_LABELS[Actor.provider] in page and ACTOR_LABELS[Actor.family] in page


def test_a_message_waiting_for_an_address_asks_for_it_and_leaves_once_it_is_added(
        coordinator, django_capture_on_commit_callbacks) -> None:
    parent = parent_make(preferred_contact=["letter"], address="")
    with django_capture_on_commit_callbacks(execute=True):
        notification_send(template_key="referral_received", context={}, party=parent, idempotency_key="k1")
    client = client_for(coordinator)
    html = client.get("/staff/").content.decode()
    assert _counts(html)["messages waiting for contact details"] == "1"
    section = _section(html, "Contact details missing")
    edit = reverse("cases:party_edit", args=[parent.case.reference, parent.pk])
    assert f'<a class="govuk-link" href="{edit}">Add the postal address<span' in section
    assert "No postal address for Ravi Patel: add one to send this letter" in section
    with django_capture_on_commit_callbacks(execute=True):
        from senmediation.cases.services.casework import party_update
        party_update(party=parent, by=coordinator, address="1 Example Street\nSale\nM33 1AA")
    html = client.get("/staff/").content.decode()
    counts = _counts(html)
    assert (counts["messages waiting for contact details"], counts["letters to print and post"]) == ("0", "1")
    assert "Print and post the letter to Ravi Patel" in _text(_section(html, "Letters to print and post"))


def test_a_letter_marked_as_posted_from_the_queue_comes_back_to_the_queue(
        coordinator, django_capture_on_commit_callbacks) -> None:
    parent = parent_make(preferred_contact=["letter"], address="1 Example Street\nSale\nM33 1AA")
    with django_capture_on_commit_callbacks(execute=True):
        message = notification_send(template_key="referral_received", context={}, party=parent, idempotency_key="k")
    client = client_for(coordinator)
    response = client.post(reverse("notifications:letter_posted", args=[message.pk]), {"next": "/staff/"})
    assert (response.status_code, response["Location"]) == (302, "/staff/")
    message.refresh_from_db()
    assert message.status == "posted"
    assert _counts(client.get("/staff/").content.decode())["letters to print and post"] == "0"


def test_a_next_address_off_the_staff_pages_is_ignored(coordinator, django_capture_on_commit_callbacks) -> None:
    parent = parent_make(preferred_contact=["letter"], address="1 Example Street\nSale\nM33 1AA")
    with django_capture_on_commit_callbacks(execute=True):
        message = notification_send(template_key="referral_received", context={}, party=parent, idempotency_key="k")
    for elsewhere in ("https://evil.example/staff/", "//evil.example/staff/", "/p/code/"):
        message.status = "sent"
        message.save(update_fields=["status"])
        response = client_for(coordinator).post(reverse("notifications:letter_posted", args=[message.pk]),
                                                {"next": elsewhere})
        assert response["Location"] == reverse("notifications:print_queue")


def test_a_failed_message_is_tried_again_from_the_queue(coordinator, settings,
                                                        django_capture_on_commit_callbacks) -> None:
    parent = parent_make()
    message = Message.objects.create(case=parent.case, party=parent, template_key="referral_received",
                                     channel="email", to=parent.email, subject="We have your enquiry", body="b",
                                     idempotency_key="failed-1", status="failed",
                                     last_error="Delivery failed: HTTP 5xx")
    client = client_for(coordinator)
    html = client.get("/staff/").content.decode()
    section = _text(_section(html, "Messages that failed"))
    assert ("Email to Ravi Patel (ravi@example.com) did not arrive We have your enquiry. Delivery failed: HTTP 5xx"
            in section)
    with django_capture_on_commit_callbacks(execute=False):
        response = client.post(reverse("notifications:message_retry", args=[message.pk]), {"next": "/staff/"})
    assert response["Location"] == "/staff/"
    message.refresh_from_db()
    assert message.status == "queued"


def test_a_call_to_make_is_marked_done_from_the_queue(coordinator, django_capture_on_commit_callbacks) -> None:
    parent = parent_make(preferred_contact=["phone"])
    with django_capture_on_commit_callbacks(execute=True):
        notification_send(template_key="referral_received", context={}, party=parent, idempotency_key="call-1")
    task = CallTask.objects.get()
    client = client_for(coordinator)
    html = client.get("/staff/").content.decode()
    assert _counts(html)["calls to make"] == "1"
    assert "Call Ravi Patel on 07700 900123" in _text(_section(html, "Calls to make"))
    response = client.post(reverse("notifications:call_done", args=[task.pk]), {"next": "/staff/queue/calls/"})
    assert response["Location"] == "/staff/queue/calls/"
    task.refresh_from_db()
    assert task.done_by == coordinator
    page = client.get("/staff/queue/calls/").content.decode()
    assert "There are no calls to make." in page and "0 in all." in page


def test_every_count_links_to_its_list_and_lists_are_paged(coordinator, manager, time_machine,
                                                            monkeypatch) -> None:
    time_machine.move_to(dt.datetime(2026, 11, 25, 9, 0, tzinfo=dt.UTC))
    for _ in range(3):
        case_make(by=coordinator, today=TODAY)
    client = client_for(coordinator)
    html = client.get("/staff/").content.decode()
    links = set(re.findall(r'href="/staff/queue/([a-z-]+)/"', html))
    assert links == {kind.value for kind in Kind} - {"complaints"}  # answered by managers only
    assert set(re.findall(r'href="/staff/queue/([a-z-]+)/"', client_for(manager).get("/staff/").content.decode())) == {
        kind.value for kind in Kind}
    assert client.get("/staff/queue/complaints/").status_code == 403
    monkeypatch.setattr(selectors, "PAGE_SIZE", 2)
    monkeypatch.setattr("senmediation.cases.selectors.PAGE_SIZE", 2)
    first = client.get("/staff/queue/call-backs/").content.decode()
    second = client.get("/staff/queue/call-backs/?page=2").content.decode()
    assert "3 in all; showing 1 to 2." in first and 'rel="next"' in first
    assert "3 in all; showing 3 to 3." in second and 'rel="prev"' in second and 'rel="next"' not in second
    assert client.get("/staff/queue/call-backs/?page=abc").status_code == 200
    assert client.get("/staff/queue/nothing/").status_code == 404


def test_a_mediator_sees_only_our_time_limits_on_their_own_cases(coordinator, mediator, time_machine) -> None:
    from senmediation.cases.services.details import case_mediator_assign

    time_machine.move_to(dt.datetime(2026, 11, 25, 9, 0, tzinfo=dt.UTC))
    case = case_make(by=coordinator, today=TODAY)
    case_mediator_assign(case=case, mediator=mediator, by=coordinator)
    html = client_for(mediator).get("/staff/").content.decode()
    assert "<h1 class=\"govuk-heading-l\">Home</h1>" in html
    assert "First call back to the family" in html
    assert "Family to contact the mediation adviser" not in html
    assert client_for(mediator).get("/staff/queue/calls/").status_code == 403


def test_the_home_page_asks_the_same_number_of_queries_however_much_work_there_is(
        coordinator, time_machine) -> None:
    from testsupport.queries import page_queries

    time_machine.move_to(dt.datetime(2026, 11, 25, 9, 0, tzinfo=dt.UTC))
    client = client_for(coordinator)
    case_make(by=coordinator, today=TODAY)
    parent = case_make(by=coordinator, today=TODAY).parties.get(role=Party.Role.PARENT)
    Message.objects.create(case=parent.case, party=parent, template_key="t", channel="letter", to="", subject="s",
                           body="b", idempotency_key="held", status="cannot_send", last_error="No address")
    client.get("/staff/")
    _, before = page_queries(client, "/staff/")
    for n in range(6):
        parent = case_make(by=coordinator, today=TODAY).parties.get(role=Party.Role.PARENT)
        Message.objects.create(case=parent.case, party=parent, template_key="t", channel="letter", to="", subject="s",
                               body="b", idempotency_key=f"held-{n}", status="cannot_send", last_error="No address")
    _, after = page_queries(client, "/staff/")
    assert len(before) == len(after)


def test_the_home_page_shows_the_first_items_of_the_three_most_urgent_lists_and_counts_the_rest(
        coordinator, time_machine, django_capture_on_commit_callbacks) -> None:
    time_machine.move_to(dt.datetime(2026, 11, 25, 9, 0, tzinfo=dt.UTC))
    case_make(by=coordinator, today=TODAY)  # an enquiry to call back
    phone = parent_make(preferred_contact=["phone"])  # a call to make
    held = parent_make(preferred_contact=["letter"], address="")  # a letter held for its address
    Message.objects.create(case=phone.case, party=phone, template_key="t", channel="email", to="x@example.com",
                           subject="s", body="b", idempotency_key="failed", status="failed", last_error="Bounced")
    with django_capture_on_commit_callbacks(execute=True):
        notification_send(template_key="referral_received", context={}, party=phone, idempotency_key="call")
        notification_send(template_key="referral_received", context={}, party=held, idempotency_key="held")
    html = client_for(coordinator).get("/staff/").content.decode()
    counts = _counts(html)
    assert (counts["enquiries to call back"], counts["calls to make"], counts["messages waiting for contact details"],
            counts["messages that failed"]) == ("3", "1", "1", "1")
    headings = re.findall(r'<h2 class="govuk-heading-m" id="([a-z-]+)">', html)
    assert headings == ["call-backs", "calls", "missing-details"]
    assert "first items of the 3 most urgent lists" in _text(html)
