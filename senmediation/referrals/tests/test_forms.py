"""Validation messages: each says what is wrong and how to put it right."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from senmediation.referrals import forms as f
from senmediation.referrals.forms_decision import DecisionDateForm

from .journeys import date_parts

TODAY = dt.date(2026, 11, 23)


def errors(form_class: type[f.StepForm], data: dict[str, Any], answers: dict[str, Any] | None = None) -> dict[str, list[str]]:
    form = form_class(data, answers=answers or {}, today=TODAY)
    form.is_valid()
    return {name: list(messages) for name, messages in form.errors.items()}


# --- Phone numbers -------------------------------------------------------------------------------


@pytest.mark.parametrize("number, digits", [
    ("07700 900123", "07700900123"),
    ("0161 123 4567", "01611234567"),
    ("+44 7700 900123", "07700900123"),
    ("+44 (0)161 123 4567", "01611234567"),
    ("0044 161 123 4567", "01611234567"),
    ("(0161) 123-4567", "01611234567"),
    ("01697 73123", "0169773123"),
])
def test_uk_phone_numbers_are_accepted(number: str, digits: str) -> None:
    assert f.uk_phone_digits(number) == digits


@pytest.mark.parametrize("number, message", [
    ("0770O 900123", "Enter a phone number using only numbers, spaces and +, for example 07700 900123"),
    ("call me", "Enter a phone number using only numbers, spaces and +"),
    ("07700 90012", "The phone number is too short: it should have 11 digits"),
    ("0161 123", "The phone number is too short: it should have 10 or 11 digits"),
    ("12", "The phone number is too short"),
    ("07700 900123 4", "The phone number is too long: it should have 11 digits"),
    ("0161 123 45678", "The phone number is too long: it should have 10 or 11 digits"),
    ("+33 1 23 45 67 89", "Enter a UK phone number, starting with 0 or +44"),
    ("7700 900123", "Enter a UK phone number starting with 0 or +44"),
    ("٠٧٧٠٠ ٩٠٠١٢٣", "Enter a phone number using only numbers, spaces and +"),
])
def test_phone_messages_say_how_to_fix_it(number: str, message: str) -> None:
    with pytest.raises(ValidationError) as raised:
        f.uk_phone_digits(number)
    assert message in raised.value.messages[0]


def test_referrer_needs_an_email_or_a_phone() -> None:
    assert errors(f.ReferrerForm, {"name": "Pat", "organisation": "IASS"}, {"who": {"who": "iass"}}) == {
        "email": ["Enter your email address or your phone number, so that we can contact you"]}
    result = errors(f.ReferrerForm, {"name": "Pat", "organisation": "IASS", "email": "pat@", "phone": "12"},
                    {"who": {"who": "iass"}})
    assert result["email"][0].startswith("Enter an email address with an @")
    assert result["phone"][0].startswith("The phone number is too short")


def test_referrer_organisation_is_optional_only_for_someone_else() -> None:
    data = {"name": "Pat", "email": "pat@example.org"}
    assert errors(f.ReferrerForm, data, {"who": {"who": "school"}}) == {
        "organisation": ["Enter the name of your organisation"]}
    assert errors(f.ReferrerForm, data, {"who": {"who": "other"}}) == {}


# --- E-mail and the contact details the chosen ways need --------------------------------------------


METHODS = "contact-methods"


@pytest.mark.parametrize("email", ["name", "name@", "@example.com", "name@example", "a b@example.com"])
def test_email_addresses_are_checked(email: str) -> None:
    result = errors(f.ContactForm, {"name": "Ravi", "email": email}, {METHODS: {"methods": ["email"]}})
    assert result == {"email": ["Enter an email address with an @ and the rest of the address after it, "
                                "for example name@example.com"]}


def test_contact_details_follow_the_ways_chosen() -> None:
    chosen = {METHODS: {"methods": ["email", "phone", "letter"]}}
    assert errors(f.ContactForm, {"name": "Ravi"}, chosen) == {
        "email": ["Enter your email address, because email was chosen as a way to contact you"],
        "phone": ["Enter your phone number"],
        "address": ["Enter your postal address, because letters were chosen as a way to contact you"],
    }
    third_party = {"who": {"who": "iass"}, "permission": {"permission": "parent"}, **chosen}
    assert errors(f.ContactForm, {}, third_party)["name"] == ["Enter the full name of the parent or carer"]


def test_text_messages_need_a_mobile_number() -> None:
    chosen = {METHODS: {"methods": ["text"]}}
    assert errors(f.ContactForm, {"name": "Ravi", "phone": "0161 123 4567"}, chosen)["phone"][0].startswith(
        "Enter a mobile number starting 07 or +44 7")
    assert errors(f.ContactForm, {"name": "Ravi", "phone": "+44 7700 900123"}, chosen) == {}


def test_a_phone_or_email_is_always_needed() -> None:
    chosen = {METHODS: {"methods": ["letter"]}}
    assert errors(f.ContactForm, {"name": "Ravi", "address": "1 High St"}, chosen) == {
        "phone": ["Enter a phone number or an email address, so that we can get in touch"]}


def test_a_young_person_is_not_asked_their_name_twice() -> None:
    form = f.ContactForm(answers={"who": {"who": "young_person"}}, today=TODAY)
    assert "name" not in form.fields


# --- Dates ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("parts, message", [
    ({}, "Enter the date on the decision letter"),
    ({"decision_date_0": "1", "decision_date_1": "2"}, "The date on the decision letter must include a year"),
    ({"decision_date_0": "31", "decision_date_1": "2", "decision_date_2": "2026"},
     "The date on the decision letter must be a real date"),
    ({"decision_date_0": "1", "decision_date_1": "99999999999999999999", "decision_date_2": "2026"},
     "The date on the decision letter must be a real date"),
    ({"decision_date_0": "a", "decision_date_1": "2", "decision_date_2": "2026"},
     "The date on the decision letter must be a real date, written in numbers"),
    ({"decision_date_0": "1", "decision_date_1": "2", "decision_date_2": "26"}, "Year must include 4 numbers"),
    (date_parts("decision_date", TODAY + dt.timedelta(days=1)),
     "The date on the decision letter must be today or in the past"),
    (date_parts("decision_date", dt.date(2024, 11, 22)),
     "The date on the decision letter must be within the last 2 years"),
])
def test_decision_letter_date_messages(parts: dict[str, str], message: str) -> None:
    assert errors(DecisionDateForm, parts)["decision_date"][0].startswith(message)


def test_decision_letter_date_bounds_are_inclusive() -> None:
    assert errors(DecisionDateForm, date_parts("decision_date", TODAY)) == {}
    assert errors(DecisionDateForm, date_parts("decision_date", dt.date(2024, 11, 23))) == {}


def child(born: dt.date) -> dict[str, str]:
    return {"first_name": "Sam", "last_name": "Patel", **date_parts("date_of_birth", born)}


UNDER_25 = ("The child or young person must be under 25: the law on EHC plans covers young people until "
            "their 25th birthday (Children and Families Act 2014 s.83(2)). Check the year")


def test_date_of_birth_must_be_in_the_past_and_under_25() -> None:
    assert errors(f.ChildForm, child(TODAY + dt.timedelta(days=1))) == {
        "date_of_birth": ["The date of birth must be in the past"]}
    # Today is Monday 23 November 2026: born 23 Nov 2001, 25 today (CFA 2014 s.83(2): "under 25").
    assert errors(f.ChildForm, child(dt.date(2001, 11, 23))) == {"date_of_birth": [UNDER_25]}
    assert errors(f.ChildForm, child(dt.date(2000, 11, 24))) == {"date_of_birth": [UNDER_25]}
    assert errors(f.ChildForm, child(dt.date(2001, 11, 24))) == {}  # 25 tomorrow
    assert errors(f.ChildForm, child(TODAY)) == {}


YOUNG_PERSON = {"who": {"who": "young_person"}}


def test_a_young_person_is_past_compulsory_school_age_not_just_16() -> None:
    # Today is Monday 23 November 2026. Born 31 Aug 2010: 16 on 31 Aug 2026, so year 11 ended on the last
    # Friday of June 2026 (26 June): a young person now.
    assert errors(f.ChildForm, child(dt.date(2010, 8, 31)), YOUNG_PERSON) == {}
    assert errors(f.ChildForm, child(dt.date(2001, 11, 24)), YOUNG_PERSON) == {}  # 24, 25 tomorrow
    assert errors(f.ChildForm, child(dt.date(2001, 11, 23)), YOUNG_PERSON) == {"date_of_birth": [
        "You must be under 25 to ask for yourself: the law on EHC plans covers young people until their 25th "
        "birthday (Children and Families Act 2014 s.83(2)). Check the year"]}
    # Born 23 Nov 2010: 16 today, but still of compulsory school age until Friday 25 June 2027.
    sixteen_today = errors(f.ChildForm, child(dt.date(2010, 11, 23)), YOUNG_PERSON)
    assert sixteen_today == {"date_of_birth": [
        "You can ask for yourself from Saturday 26 June 2027, after the end of the school year in which you "
        "turn 16. Until then, your parent or carer can ask for you"]}
    # Born 1 Sep 2010: turned 16 on the first day of a school year, so also June 2027.
    assert errors(f.ChildForm, child(dt.date(2010, 9, 1)), YOUNG_PERSON) == sixteen_today
    referred = {"who": {"who": "iass"}, "permission": {"permission": "young_person"}}
    assert errors(f.ChildForm, child(dt.date(2012, 1, 1)), referred)["date_of_birth"] == [
        "A young person can agree for themselves from Saturday 1 July 2028, after the end of the school year "
        "in which they turn 16. Until then, their parent or carer needs to agree to the referral"]


def test_young_person_messages_speak_to_them() -> None:
    assert errors(f.ChildForm, {}, YOUNG_PERSON) == {
        "first_name": ["Enter your first name"], "last_name": ["Enter your last name"],
        "date_of_birth": ["Enter your date of birth"]}


def test_permission_date_must_be_recent_and_not_in_the_future() -> None:
    base = {"given_by": "Ravi Patel", "method": "phone"}
    future = errors(f.ConsentForm, {**base, **date_parts("given_on", TODAY + dt.timedelta(days=1))})
    assert future == {"given_on": ["The date they gave permission must be today or in the past"]}
    old = errors(f.ConsentForm, {**base, **date_parts("given_on", dt.date(2020, 1, 1))})
    assert old["given_on"][0].startswith("The date they gave permission must be within the last 2 years")
    assert errors(f.ConsentForm, {}) == {
        "given_by": ["Enter the name of the person who gave permission"],
        "given_on": ["Enter the date they gave permission"],
        "method": ["Select how they gave permission"],
    }


# --- Required choices ----------------------------------------------------------------------------


def test_required_choices_say_select() -> None:
    assert errors(f.WhoForm, {}) == {"who": ["Select who you are"]}
    assert errors(f.WhoForm, {"who": "king"}) == {"who": ["Select who you are"]}
    assert errors(f.DisagreementForm, {}) == {"topics": ["Select what the disagreement is about"]}
    assert errors(f.ContactMethodsForm, {}) == {"methods": ["Select at least one way we can contact you"]}
    assert errors(f.WantsForm, {}) == {"wants": ["Select what you would like to do now"]}


@pytest.mark.django_db
def test_local_authority_is_chosen_from_the_list(reference_data) -> None:
    assert errors(f.LocalAuthorityForm, {}) == {"local_authority": ["Select the local authority that made the decision"]}
    assert errors(f.LocalAuthorityForm, {"local_authority": "99999999999999999999999"}) == {
        "local_authority": ["Select the local authority that made the decision"]}
    assert errors(f.LocalAuthorityForm, {"local_authority": "not_listed"}) == {}


def test_text_limits_and_hidden_characters() -> None:
    result = errors(f.LanguageForm, {"language": "x" * 61})
    assert result == {"language": ["The language you would like us to use must be 60 characters or fewer"]}
    form = f.LanguageForm({"language": "Eng\x00lish"}, today=TODAY)
    assert form.is_valid() and form.cleaned_data["language"] == "English"


def test_answers_round_trip_through_the_session() -> None:
    data = child(dt.date(2015, 5, 4))
    form = f.ChildForm(data, today=TODAY)
    assert form.is_valid()
    stored = form.to_session()
    assert stored["date_of_birth"] == "2015-05-04"
    again = f.ChildForm(f.ChildForm.data_from_session(stored), today=TODAY)
    assert again.is_valid() and again.cleaned_data == form.cleaned_data
    views = f.ChildViewsForm({"views": "Hi", "help_wanted": "on"}, today=TODAY)
    assert views.is_valid() and views.to_session() == {"views": "Hi", "help_wanted": True}
    assert f.ChildViewsForm(f.ChildViewsForm.data_from_session(views.to_session()), today=TODAY).is_valid()


def test_certificate_is_offered_only_when_one_is_needed() -> None:
    needed = f.WantsForm(answers={"disagreement": {"topics": ["refuse_assessment"]}}, today=TODAY)
    placement = f.WantsForm(answers={"disagreement": {"topics": ["plan_placement"]}}, today=TODAY)
    assert "certificate" in dict(needed.fields["wants"].choices)  # type: ignore[attr-defined]
    assert "certificate" not in dict(placement.fields["wants"].choices)  # type: ignore[attr-defined]
