"""Who reads what a party sends: the words each portal page shows, and the names of the sides."""

from __future__ import annotations

import datetime as dt

import pytest

from senmediation.cases.models import Party
from senmediation.cases.tests.factories import case_make
from senmediation.portal.models import Purpose, SummaryExchange
from senmediation.portal.services.links import party_link_create
from senmediation.portal.sharing import names_joined, side_label, summary_readers, who_reads_for

pytestmark = pytest.mark.django_db

NEVER_SHARED = ("Anything you write in the box for the mediator only is never shared. Only your mediator and our "
                "service managers can read it.")


def test_sides_are_named_as_the_family_knows_them() -> None:
    def label(role: str, organisation: str = "") -> str:
        return side_label(role=role, name="Ravi Patel", organisation=organisation, la_name="Kent")

    assert label(Party.Role.LA_OFFICER) == "Kent"
    assert label(Party.Role.LA_OFFICER, "Kent County Council") == "Kent County Council"
    assert label(Party.Role.ICB) == "the integrated care board"
    assert label(Party.Role.ICB, "NHS Kent and Medway") == "NHS Kent and Medway"
    assert label(Party.Role.SCHOOL) == "the school or college"
    assert label(Party.Role.PARENT) == "Ravi Patel (parent or carer)"
    assert label(Party.Role.YOUNG_PERSON) == "Ravi Patel (young person)"


def test_names_are_joined_once_each_in_order() -> None:
    assert names_joined([]) == ""
    assert names_joined(["Kent"]) == "Kent"
    assert names_joined(["Kent", "Kent", "NHS Kent"]) == "Kent and NHS Kent"
    assert names_joined(["A", "B", "C"]) == "A, B and C"


def test_before_a_date_is_set_the_summary_goes_out_when_every_side_has_sent_theirs() -> None:
    readers = summary_readers(sides=["Kent County Council"], exchange=None)
    assert readers.sentences == (
        "Your mediator reads your summary and issues to prepare for the meeting.",
        "Then we send them to Kent County Council, and you get theirs. This happens when every side has sent theirs. "
        "Every side gets the summaries at the same time.",
        NEVER_SHARED,
    )


def test_with_a_date_set_the_date_is_given() -> None:
    exchange = SummaryExchange(release_on=dt.date(2027, 1, 12))
    readers = summary_readers(sides=["Kent County Council", "NHS Kent and Medway"], exchange=exchange)
    assert readers.sentences[1] == (
        "Then we send them to Kent County Council and NHS Kent and Medway, and you get theirs. This happens on "
        "12 January 2027, or sooner if every side has sent theirs. Every side gets the summaries at the same time."
    )


def test_with_no_other_side_recorded_yet_it_still_says_they_are_shared() -> None:
    readers = summary_readers(sides=[], exchange=None)
    assert readers.sentences[1] == (
        "Then we send them to the other sides, and you get theirs. This happens when every side has sent theirs. "
        "Every side gets the summaries at the same time."
    )


def test_after_the_exchange_it_says_when_they_went_and_that_the_note_did_not() -> None:
    exchange = SummaryExchange(released_at=dt.datetime(2027, 1, 12, 10, 0, tzinfo=dt.UTC))
    readers = summary_readers(sides=["Kent County Council"], exchange=exchange)
    assert readers.sentences == (
        "Your summary and issues were sent to Kent County Council on 12 January 2027.",
        "Your note for the mediator only was not sent to anyone. Only your mediator and our service managers "
        "can read it.",
    )


@pytest.fixture
def parent(coordinator) -> Party:  # type: ignore[no-untyped-def]
    case = case_make(by=coordinator)
    Party.objects.create(case=case, role=Party.Role.LA_OFFICER, name="Lee Officer", organisation="Trafford Council")
    Party.objects.create(case=case, role=Party.Role.SUPPORTER, name="Sue Supporter")  # not a side: never named
    return case.parties.get(role=Party.Role.PARENT)


@pytest.mark.parametrize(("purpose", "sentence"), [
    (Purpose.SUMMARY_AND_ISSUES, "Then we send them to Trafford Council, and you get theirs. This happens when "
                                 "every side has sent theirs. Every side gets the summaries at the same time."),
    (Purpose.CHILD_VIEWS, "The mediator will tell the grown-ups at the meeting what you think: Trafford Council."),
    (Purpose.AVAILABILITY, "Our staff who arrange the meeting read this, to find a time that suits everyone. "
                           "We do not send it to the other sides."),
    (Purpose.ATTENDANCE, "Our staff and your mediator read this, to plan the meeting and what you need. "
                         "We do not send it to the other sides."),
    (Purpose.FEEDBACK, "Our service managers read your answers. They do not change anything about your case."),
    (Purpose.EXPENSES, "Our staff read your claim and receipts to work out what can be paid back to you. "
                       "We do not send it to the other sides."),
])
def test_every_page_where_a_party_writes_says_who_reads_it(client, parent, coordinator, purpose, sentence) -> None:
    link, path = party_link_create(party=parent, purpose=purpose, by=coordinator)
    assert sentence in who_reads_for(link).sentences
    html = client.get(f"{path}task/").content.decode()  # a family's link opens their case page; the task is here
    assert sentence.replace("'", "&#x27;") in html
    assert "Sue Supporter" not in html


def test_the_thank_you_page_repeats_it(client, parent, coordinator) -> None:
    _, path = party_link_create(party=parent, purpose=Purpose.SUMMARY_AND_ISSUES, by=coordinator)
    client.post(path, {"summary": "Our view", "issues": ""})
    html = client.get(f"{path}thank-you/").content.decode()
    assert "Your mediator reads your summary and issues to prepare for the meeting." in html
    assert "You can change what you sent with your link until we send the summaries to every side." in html
