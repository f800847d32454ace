"""Business logic: answers to case_open's arguments, key dates, call-back times, submission, e-mails."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.core import mail

from senmediation.accounts.roles import Role
from senmediation.cases.models import Case
from senmediation.referrals import services
from senmediation.referrals.forms.base import StepForm
from senmediation.referrals.key_dates import key_dates
from senmediation.referrals.models import Submission
from senmediation.referrals.steps import PUBLIC, STEPS
from senmediation.rules.eligibility import Route
from senmediation.rules.workflow import CaseType
from testsupport.fixtures import mediator_make, user_make

from .journeys import iass_answers, parent_answers, young_person_answers

LONDON = ZoneInfo("Europe/London")
NINE, SIX = dt.time(9), dt.time(18)


def at(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=LONDON)  # type: ignore[misc]


def stored(posted: dict[str, dict]) -> dict[str, dict]:  # type: ignore[type-arg]
    """Answers as the session keeps them: each page's post cleaned by its own form."""
    answers: dict[str, dict] = {}  # type: ignore[type-arg]
    for step in STEPS:
        if step.form_class is None or step.slug not in posted:
            continue
        form: StepForm = step.form_class(posted[step.slug], answers=answers)
        assert form.is_valid(), (step.slug, form.errors)
        answers[step.slug] = form.to_session()
    return answers


# --- When we will call back ---------------------------------------------------------------------


def test_open_now_promises_the_next_working_day() -> None:
    message = services.callback_message(now=at(2026, 11, 24, 11, 0), opens_at=NINE, closes_at=SIX)  # Tuesday
    assert message == ("We are open now. We aim to call you within one working day, "
                       "by the end of Wednesday 25 November at the latest.")


def test_friday_evening_and_the_weekend_say_monday() -> None:
    expected = "We are closed now. We will call you on Monday 30 November."
    assert services.callback_message(now=at(2026, 11, 27, 18, 0), opens_at=NINE, closes_at=SIX) == expected
    assert services.callback_message(now=at(2026, 11, 28, 10, 0), opens_at=NINE, closes_at=SIX) == expected
    assert services.callback_message(now=at(2026, 11, 29, 23, 59), opens_at=NINE, closes_at=SIX) == expected


def test_early_on_a_working_day_says_today() -> None:
    message = services.callback_message(now=at(2026, 11, 30, 7, 30), opens_at=NINE, closes_at=SIX)
    assert message == "We are closed now. We open at 9am today and will call you today."


def test_bank_holidays_are_skipped() -> None:
    # Thursday 2 April 2026, evening: Good Friday 3 April and Easter Monday 6 April are bank holidays.
    message = services.callback_message(now=at(2026, 4, 2, 20, 0), opens_at=NINE, closes_at=SIX)
    assert message == "We are closed now. We will call you on Tuesday 7 April."
    # On Easter Monday itself, in working hours, we are still closed.
    message = services.callback_message(now=at(2026, 4, 6, 11, 0), opens_at=NINE, closes_at=SIX)
    assert message == "We are closed now. We will call you on Tuesday 7 April."
    # Open on Thursday 2 April: the next working day is Tuesday 7 April.
    message = services.callback_message(now=at(2026, 4, 2, 10, 0), opens_at=NINE, closes_at=SIX)
    assert message.endswith("by the end of Tuesday 7 April at the latest.")


def test_christmas_and_the_new_year() -> None:
    # Thursday 24 December 2026, evening: 25 Dec, the weekend and Boxing Day's substitute (28 Dec) are closed.
    message = services.callback_message(now=at(2026, 12, 24, 19, 0), opens_at=NINE, closes_at=SIX)
    assert message == "We are closed now. We will call you on Tuesday 29 December."
    message = services.callback_message(now=at(2026, 12, 31, 19, 0), opens_at=NINE, closes_at=SIX)
    assert message == "We are closed now. We will call you on Monday 4 January 2027."


def test_provider_hours_and_closure_days_are_respected() -> None:
    message = services.callback_message(now=at(2026, 11, 24, 17, 0), opens_at=dt.time(8, 30), closes_at=dt.time(16, 30))
    assert message == "We are closed now. We will call you on Wednesday 25 November."
    message = services.callback_message(now=at(2026, 11, 24, 8, 0), opens_at=dt.time(8, 30), closes_at=dt.time(16, 30))
    assert "We open at 8:30am today" in message
    closed = frozenset({dt.date(2026, 11, 25)})
    message = services.callback_message(now=at(2026, 11, 24, 19, 0), opens_at=NINE, closes_at=SIX, closures=closed)
    assert message == "We are closed now. We will call you on Thursday 26 November."


def test_utc_times_are_read_in_england() -> None:
    # 17:30 UTC in summer is 18:30 in England: closed.
    message = services.callback_message(now=dt.datetime(2026, 7, 1, 17, 30, tzinfo=dt.UTC), opens_at=NINE,
                                        closes_at=SIX)
    assert message.startswith("We are closed now")


def test_no_phone_means_contact_and_a_third_party_hears_about_the_family() -> None:
    message = services.callback_message(now=at(2026, 11, 28, 10, 0), by_phone=False, whom="the family")
    assert message == "We are closed now. We will contact the family on Monday 30 November."


# --- Key dates ----------------------------------------------------------------------------------


def test_key_dates_with_plenty_of_time() -> None:
    dates = key_dates(decision_date=dt.date(2026, 11, 2), today=dt.date(2026, 11, 10),
                               certificate_needed=True, can_appeal=True)
    assert dates.contact_by == dt.date(2027, 1, 2)
    assert dates.appeal is not None and dates.appeal.deadline == dt.date(2027, 1, 4)  # Saturday moves to Monday
    assert dates.contact_urgency == dates.appeal_urgency == ""


def test_key_dates_close_and_past() -> None:
    close = key_dates(decision_date=dt.date(2026, 9, 20), today=dt.date(2026, 11, 10),
                               certificate_needed=True, can_appeal=True)
    assert close.contact_days_left == 10 and close.contact_urgency == "close"
    past = key_dates(decision_date=dt.date(2026, 8, 1), today=dt.date(2026, 11, 10),
                              certificate_needed=True, can_appeal=True)
    assert past.contact_urgency == "past" and past.appeal_urgency == "past"


def test_placement_only_has_an_appeal_date_but_no_adviser_date() -> None:
    dates = key_dates(decision_date=dt.date(2026, 11, 2), today=dt.date(2026, 11, 10),
                               certificate_needed=False, can_appeal=True)
    assert dates.contact_by is None and dates.appeal is not None


# --- From answers to case_open ------------------------------------------------------------------


@pytest.mark.django_db
def test_parent_answers_become_case_open_arguments(reference_data) -> None:
    answers = stored(parent_answers())
    arguments = services.case_arguments(answers, channel="online", today=dt.date(2026, 11, 23))
    assert arguments["case_type"] is CaseType.sen_mediation
    assert arguments["local_authority"].name == "Trafford"
    assert arguments["decisions"] == ["plan_provision"] and arguments["elements"] == ["education", "health"]
    assert (arguments["source"], arguments["channel"], arguments["wants"]) == ("parent", "online", "mediation")
    assert not arguments["young_person_acts"] and arguments["route"] is Route.statutory_mediation
    assert "referrer" not in arguments and "consent" not in arguments
    assert arguments["child_views_help_wanted"] is True
    (party,) = arguments["parties"]
    assert party.role == "parent" and party.name == "Ravi Patel" and party.is_main_contact
    assert party.interpreter_needed and list(party.adjustments) == ["interpreter", "large_print"]
    assert list(party.issues) == [arguments["summary"]]
    assert isinstance(arguments["decision_notice_date"], dt.date)


@pytest.mark.django_db
def test_young_person_is_the_main_contact_and_acts_for_themselves(reference_data) -> None:
    arguments = services.case_arguments(stored(young_person_answers()), channel="online", today=dt.date(2026, 11, 23))
    (party,) = arguments["parties"]
    assert arguments["young_person_acts"] and party.role == "young_person" and party.name == "Jade Okoro"
    assert not party.interpreter_needed and party.language == "Gujarati"


@pytest.mark.django_db
def test_third_party_answers_record_referrer_and_consent(reference_data) -> None:
    answers = stored(iass_answers())
    arguments = services.case_arguments(answers, channel="email", today=dt.date(2026, 11, 23))
    assert arguments["source"] == "iass" and arguments["channel"] == "email"
    assert arguments["referrer"] == {"name": "Pat Adviser", "organisation": "Trafford SENDIASS",
                                     "email": "pat@sendiass.example.org", "phone": "0161 123 4567"}
    assert arguments["consent"]["given_by"] == "Ravi Patel" and arguments["consent"]["method"] == "By phone"
    assert isinstance(arguments["consent"]["given_on"], dt.date)


@pytest.mark.django_db
def test_routes_set_the_case_flags(reference_data) -> None:
    def args_for(topics: list[str]) -> dict:  # type: ignore[type-arg]
        posted = parent_answers()
        posted["disagreement"] = {"topics": topics}
        return services.case_arguments(stored(posted), channel="online", today=dt.date(2026, 11, 23))

    assert args_for(["plan_placement"])["route"] is Route.placement_only
    both = args_for(["health", "social_care"])
    assert both["route"] is Route.health_and_social_care
    assert both["decisions"] == [] and both["elements"] == ["health", "social_care"]
    assert args_for(["health"])["route"] is Route.health_only
    assert args_for(["social_care"])["route"] is Route.social_care_only
    # Trafford does not commission our disagreement resolution: "other" is signposted, never a case.
    with pytest.raises(ValueError, match="signposted"):
        args_for(["other"])


@pytest.mark.django_db
def test_an_la_that_commissions_our_drs_opens_a_drs_case(reference_data) -> None:
    from senmediation.directory.models import LocalAuthority

    stockport = LocalAuthority.objects.get(name="Stockport")
    assert stockport.commissions_drs
    for topics in (["other"],):  # Statements and School Action are no longer offered (ended in 2014)
        posted = parent_answers()
        posted["local-authority"] = {"local_authority": str(stockport.pk)}
        posted["disagreement"] = {"topics": topics}
        arguments = services.case_arguments(stored(posted), channel="online", today=dt.date(2026, 11, 23))
        assert arguments["case_type"] is CaseType.disagreement_resolution
        assert arguments["route"] is Route.disagreement_resolution


def test_family_email_only_when_email_was_chosen() -> None:
    assert services.family_email({"contact-methods": {"methods": ["email"]}, "contact": {"email": "a@b.org"}}) == "a@b.org"
    assert services.family_email({"contact-methods": {"methods": ["phone"]}, "contact": {"email": "a@b.org"}}) == ""


# --- Submission ---------------------------------------------------------------------------------


NOW = at(2026, 11, 24, 11, 0)


def submit(answers: dict, key: str = "key-1", **extra) -> services.SubmitOutcome:  # type: ignore[no-untyped-def,type-arg]
    options = {"answers": answers, "channel": "online", "by": None, "idempotency_key": key,
               "address": services.address_hash("203.0.113.5"), "now": NOW, "callback": "We will call you.",
               "site_root": "https://mediation.example.org/"}
    options.update(extra)
    return services.referral_submit(**options)


@pytest.mark.django_db
def test_submit_opens_one_case_per_key(reference_data, django_capture_on_commit_callbacks) -> None:
    answers = stored(parent_answers())
    with django_capture_on_commit_callbacks(execute=True):
        first = submit(answers)
        again = submit(answers)
    assert first.status == "created" and again.status == "duplicate" and first.reference == again.reference
    assert Case.objects.count() == 1
    case = Case.objects.get()
    assert case.opened_on == dt.date(2026, 11, 24) and case.idempotency_key == "key-1"
    assert [m.to for m in mail.outbox] == [["ravi@example.com"]]
    assert "We will call you." in mail.outbox[0].body


@pytest.mark.django_db
def test_a_coordinator_recording_a_referral_looks_after_the_case(coordinator, manager) -> None:  # type: ignore[no-untyped-def]
    answers = stored(parent_answers())
    recorded = submit(answers, key="by-coordinator", by=coordinator, channel="phone", address="")
    case = Case.objects.get(reference=recorded.reference)
    assert case.coordinator == coordinator
    assert case.events.filter(summary="Coordinator assigned: Cora Ordinator", by=coordinator).count() == 1
    # A manager without the coordinator role, or a family online, leaves it for a coordinator to take on.
    by_manager = submit(answers, key="by-manager", by=manager, channel="phone", address="")
    online = submit(answers, key="online")
    assert Case.objects.get(reference=by_manager.reference).coordinator is None
    assert Case.objects.get(reference=online.reference).coordinator is None


@pytest.mark.django_db
def test_submit_rate_limit(reference_data, settings) -> None:
    settings.REFERRAL_RATE_LIMIT_PER_HOUR = 3
    answers = stored(parent_answers())
    assert [submit(answers, key=f"k{i}").status for i in range(4)] == ["created"] * 3 + ["rate_limited"]
    # An hour later the address may send again; staff submissions (no address) are never limited.
    assert submit(answers, key="later", now=NOW + dt.timedelta(hours=1, seconds=1)).status == "created"
    assert submit(answers, key="staff", address="").status == "created"


@pytest.mark.django_db
def test_submit_trapped_opens_nothing(reference_data, django_capture_on_commit_callbacks) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        outcome = submit(stored(parent_answers()), trapped=True)
    assert outcome.status == "trapped" and outcome.reference == ""
    assert Case.objects.count() == 0 and mail.outbox == []
    assert Submission.objects.get().trapped


@pytest.mark.django_db
def test_address_is_never_stored_and_rows_are_kept_a_day(reference_data) -> None:
    submit(stored(parent_answers()))
    row = Submission.objects.get()
    assert "203.0.113.5" not in row.address_hash and len(row.address_hash) == 64
    submit(stored(parent_answers()), key="next-day", now=NOW + dt.timedelta(days=1, seconds=1))
    assert list(Submission.objects.values_list("idempotency_key", flat=True)) == ["next-day"]


# --- E-mails --------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_coordinator_notice_goes_to_active_coordinators_with_an_address(reference_data,
                                                                        django_capture_on_commit_callbacks) -> None:
    user_make("c1", Role.COORDINATOR, email="c1@example.org")
    user_make("c2", Role.COORDINATOR, email="c2@example.org", is_active=False)
    user_make("c3", Role.COORDINATOR, email="")
    mediator_make("m1", email="m1@example.org")
    assert services.coordinator_addresses() == ["c1@example.org"]
    posted = parent_answers()
    posted["contact-methods"] = {"methods": ["phone"]}
    with django_capture_on_commit_callbacks(execute=True):
        outcome = submit(stored(posted))
    (notice,) = mail.outbox  # no family confirmation: e-mail was not chosen
    assert notice.to == ["c1@example.org"] and outcome.reference in notice.subject
    assert f"https://mediation.example.org/staff/cases/{outcome.reference}/" in notice.body
    assert "Ravi" not in notice.body and "Sam" not in notice.body


@pytest.mark.django_db
def test_coordinator_notice_setting_wins(reference_data, settings) -> None:
    settings.COORDINATOR_NOTIFY_EMAIL = "team@example.org, lead@example.org"
    user_make("c1", Role.COORDINATOR, email="c1@example.org")
    assert services.coordinator_addresses() == ["team@example.org", "lead@example.org"]


@pytest.mark.django_db
def test_family_confirmation_for_a_third_party_referral(reference_data, django_capture_on_commit_callbacks) -> None:
    posted = iass_answers()
    posted["contact-methods"] = {"methods": ["email"]}
    with django_capture_on_commit_callbacks(execute=True):
        outcome = submit(stored(posted), notify_coordinators=False)
    (confirmation,) = mail.outbox
    assert confirmation.to == ["ravi@example.com"]
    assert f"Your reference number is {outcome.reference}. Please quote it" in confirmation.body
    assert "Mediation is voluntary" in confirmation.body


@pytest.mark.django_db
def test_the_confirmation_repeats_nothing_the_sender_typed(reference_data, django_capture_on_commit_callbacks) -> None:
    """The address is unverified: names typed by the sender must not carry someone else's message."""
    from senmediation.directory.selectors import provider_current

    lure = "Pay now at evil.example"
    posted = iass_answers()
    posted["contact-methods"] = {"methods": ["email"]}
    posted["referrer"] = {**posted["referrer"], "name": lure, "organisation": lure}
    posted["contact"] = {**posted["contact"], "name": lure}
    with django_capture_on_commit_callbacks(execute=True):
        outcome = submit(stored(posted), notify_coordinators=False)
    (confirmation,) = mail.outbox
    provider = provider_current()
    assert lure not in confirmation.body and lure not in confirmation.subject
    assert confirmation.subject == f"Your request to {provider.short_name}: reference {outcome.reference}"
    assert confirmation.body.startswith(
        f"Hello,\n\n{provider.name} has received a request for help with a disagreement about an EHC needs "
        "assessment or plan. This e-mail address was given for our replies.\n\n"
        f"Your reference number is {outcome.reference}. Please quote it whenever you contact us.\n\n"
        "What happens next\n"
    )
    assert f"If you did not ask for this, or to talk to us sooner, phone {provider.phone}." in confirmation.body


@pytest.mark.django_db
def test_a_failing_mail_server_does_not_lose_the_case(reference_data, django_capture_on_commit_callbacks,
                                                      settings) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 1
    with django_capture_on_commit_callbacks(execute=True):
        outcome = submit(stored(parent_answers()))
    assert outcome.status == "created" and Case.objects.count() == 1


# --- The step list ------------------------------------------------------------------------------


def test_every_step_is_reachable_and_leads_somewhere_known() -> None:
    slugs = {step.slug for step in STEPS}
    assert len(slugs) == len(STEPS)
    for step in STEPS:
        assert step.kind in ("question", "info", "stop", "check")
        assert (step.form_class is not None) == (step.kind == "question")
        assert step.title({})


@pytest.mark.django_db
def test_path_follows_the_answers(reference_data) -> None:
    today = dt.date.today()
    assert PUBLIC.path({}, today) == ["who"]
    answers = stored(parent_answers())
    path = PUBLIC.path(answers, today)
    assert path[0] == "who" and path[-1] == "check" and "referrer" not in path
    assert services.local_authority_chosen(answers) is not None
    answers["disagreement"] = {"topics": ["other"]}
    assert PUBLIC.path(answers, today)[-1] == "statement"


def test_route_reading() -> None:
    from senmediation.referrals import answers as read

    assert read.route({"disagreement": {"topics": ["plan_placement", "health"]}}) is Route.placement_only
    assert read.route({"disagreement": {"topics": ["refuse_amend", "health"]}}) is Route.statutory_mediation
    assert read.route({"disagreement": {"topics": ["school_action"]}}) is Route.signpost_drs
    assert read.route({"disagreement": {"topics": ["school_action"]}}, drs_commissioned=True) is (
        Route.disagreement_resolution
    )
    assert read.route({"disagreement": {"topics": "not a list"}}) is Route.signpost_drs
