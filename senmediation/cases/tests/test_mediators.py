import datetime as dt

import pytest

from senmediation.accounts.models import User
from senmediation.accounts.roles import Role
from senmediation.cases.models import Party
from senmediation.cases.services.details import case_mediator_assign
from senmediation.cases.services.mediators import mediators_ranked_for
from senmediation.cases.tests.factories import case_make
from senmediation.directory.mediators import demo_mediator_profiles_load
from senmediation.directory.models import (
    ConflictOfInterest,
    LocalAuthority,
    MediatorAvailability,
    MediatorProfile,
    School,
)
from testsupport.fixtures import client_for, user_make

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 23)


def mediator_with_profile(username: str, *, languages=("English",), covers=("E08000009",),  # type: ignore[no-untyped-def]
                          expires=dt.date(2027, 6, 30), send=True, capacity=5, free_days=0) -> User:
    user = user_make(username, Role.MEDIATOR, first_name=username.title(), last_name="Mediator")
    profile = MediatorProfile.objects.create(
        user=user, accreditation_body="cmc", accreditation_expires=expires, send_standards=send,
        languages=list(languages), capacity=capacity,
    )
    profile.local_authorities.set(LocalAuthority.objects.filter(gss_code__in=covers))
    for n in range(free_days):
        MediatorAvailability.objects.create(mediator=user, day=TODAY + dt.timedelta(days=n + 1))
    return user


def by_name(suggestions):  # type: ignore[no-untyped-def]
    return {s.mediator.username: s for s in suggestions}


def test_conflicts_are_excluded_with_the_reason(coordinator) -> None:
    case = case_make(by=coordinator)
    school = School.objects.create(name="Oak Hill Primary", local_authority=case.local_authority)
    Party.objects.create(case=case, role=Party.Role.SCHOOL, name="Head teacher", organisation="Oak Hill Primary")
    la_conflict = mediator_with_profile("alice")
    school_conflict = mediator_with_profile("bola")
    family_conflict = mediator_with_profile("chen")
    mediator_with_profile("dana")
    ConflictOfInterest.objects.create(mediator=la_conflict, local_authority=case.local_authority,
                                      reason="Worked for Trafford SEN team until 2025", declared_on=TODAY)
    ConflictOfInterest.objects.create(mediator=school_conflict, school=school, reason="Governor", declared_on=TODAY)
    ConflictOfInterest.objects.create(mediator=family_conflict, family_name="patel", reason="Neighbour",
                                      declared_on=TODAY)
    found = by_name(mediators_ranked_for(case=case, today=TODAY))
    assert found["alice"].excluded and "Trafford: Worked for Trafford" in found["alice"].exclusion_reason
    assert found["bola"].excluded and "Oak Hill Primary: Governor" in found["bola"].exclusion_reason
    assert found["chen"].excluded and "family called patel" in found["chen"].exclusion_reason
    assert not found["dana"].excluded and "Covers Trafford" in found["dana"].reasons


def test_expired_accreditation_and_standards_exclude_on_the_day(coordinator) -> None:
    case = case_make(by=coordinator)
    mediator_with_profile("ends_today", expires=TODAY)
    mediator_with_profile("ended", expires=TODAY - dt.timedelta(days=1))
    mediator_with_profile("untrained", send=False)
    user_make("no_profile", Role.MEDIATOR)
    found = by_name(mediators_ranked_for(case=case, today=TODAY))
    assert not found["ends_today"].excluded
    assert found["ended"].exclusion_reason == "Accreditation expired on 22 November 2026"
    assert "SEND mediation standards" in found["untrained"].exclusion_reason
    assert "No active mediator profile" in found["no_profile"].exclusion_reason


def test_the_familys_language_and_free_days_rank_higher(coordinator) -> None:
    case = case_make(by=coordinator)
    Party.objects.filter(case=case).update(language="Urdu", interpreter_needed=True)
    mediator_with_profile("speaks_english")
    mediator_with_profile("speaks_urdu", languages=("English", "urdu"))
    mediator_with_profile("elsewhere", covers=("E08000025",), free_days=3)
    ranked = mediators_ranked_for(case=case, today=TODAY)
    assert [s.mediator.username for s in ranked] == ["speaks_urdu", "speaks_english", "elsewhere"]
    found = by_name(ranked)
    assert "Speaks Urdu, the family's language" in found["speaks_urdu"].reasons
    assert "Does not speak Urdu: an interpreter will be needed" in found["speaks_english"].reasons
    assert "Free on 3 days up to 23 December 2026" in found["elsewhere"].reasons
    assert "Does not usually cover Trafford" in found["elsewhere"].reasons


def test_a_full_case_load_excludes_and_spare_capacity_counts(coordinator) -> None:
    full = mediator_with_profile("full", capacity=1)
    roomy = mediator_with_profile("roomy", capacity=4)
    busy = case_make(by=coordinator, child_first_name="Ava")
    case_mediator_assign(case=busy, mediator=full, by=coordinator)
    case = case_make(by=coordinator)
    found = by_name(mediators_ranked_for(case=case, today=TODAY))
    assert found["full"].excluded and found["full"].exclusion_reason == "No spare capacity: 1 open cases, limit 1"
    assert "0 open cases, room for 4 more" in found["roomy"].reasons
    assert roomy.pk != full.pk


def test_ranking_uses_a_fixed_number_of_queries(coordinator, django_assert_max_num_queries) -> None:
    case = case_make(by=coordinator)
    for n in range(3):
        mediator_with_profile(f"m{n}", free_days=2)
    with django_assert_max_num_queries(8) as few:
        mediators_ranked_for(case=case, today=TODAY)
    for n in range(3, 12):
        user = mediator_with_profile(f"m{n}", free_days=4)
        ConflictOfInterest.objects.create(mediator=user, family_name="Jones", reason="Friend", declared_on=TODAY)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(mediators_ranked_for(case=case, today=TODAY)) == 12


def test_mediators_page_lists_reasons_and_assigns_with_one_click(coordinator, mediator) -> None:
    case = case_make(by=coordinator)
    good = mediator_with_profile("good")
    user_make("nobody", Role.MEDIATOR)
    client = client_for(coordinator)
    page = client.get(f"/staff/cases/{case.reference}/documents/mediators/")
    assert page.status_code == 200 and b"Covers Trafford" in page.content
    assert f'action="/staff/cases/{case.reference}/mediator/"'.encode() in page.content
    assert b"No active mediator profile" in page.content  # "nobody" has none
    client.post(f"/staff/cases/{case.reference}/mediator/", {"mediator": good.pk})
    case.refresh_from_db()
    assert case.mediator == good
    assert client_for(mediator).get(f"/staff/cases/{case.reference}/documents/mediators/").status_code == 403


def test_demo_profiles_load_for_the_demo_mediators_only(reference_data) -> None:
    demo_mediator_profiles_load(today=TODAY)  # no demo users yet: nothing happens
    assert not MediatorProfile.objects.exists()
    user_make("mediator1", None)
    demo_mediator_profiles_load(today=TODAY)
    demo_mediator_profiles_load(today=TODAY)  # twice is harmless
    profile = MediatorProfile.objects.get()
    assert profile.user.username == "mediator1" and "Urdu" in profile.languages
    assert MediatorAvailability.objects.filter(mediator=profile.user).count() == 18


def test_a_mediator_with_a_conflict_is_refused_and_a_manager_must_give_a_reason(coordinator, manager) -> None:
    from senmediation.cases.models import CaseEvent
    from senmediation.core.errors import ServiceError

    case = case_make(by=coordinator)
    conflicted = mediator_with_profile("erin")
    ConflictOfInterest.objects.create(mediator=conflicted, family_name="Patel", reason="Neighbour of the family",
                                      declared_on=TODAY)
    with pytest.raises(ServiceError) as refused:
        case_mediator_assign(case=case, mediator=conflicted, by=coordinator, today=TODAY)
    assert refused.value.message == (
        "Erin Mediator cannot take this case: Declared a conflict of interest with a family called Patel: "
        "Neighbour of the family. Choose another mediator, or ask a manager."
    )
    with pytest.raises(ServiceError) as no_reason:
        case_mediator_assign(case=case, mediator=conflicted, by=manager, today=TODAY)
    assert no_reason.value.field == "reason"
    case.refresh_from_db()
    assert case.mediator_id is None
    case_mediator_assign(case=case, mediator=conflicted, by=manager, today=TODAY,
                         reason="The family asked for her; the conflict was discussed with them")
    case.refresh_from_db()
    assert case.mediator_id == conflicted.pk
    event = case.events.filter(kind=CaseEvent.Kind.UPDATED).latest("at")
    assert event.summary == (
        "Mediator assigned: Erin Mediator (by a manager, despite: Declared a conflict of interest with a "
        "family called Patel: Neighbour of the family)"
    )
    assert event.detail == "The family asked for her; the conflict was discussed with them"


def test_an_expired_accreditation_and_a_full_case_load_are_both_refused(coordinator, manager) -> None:
    # The same rule as the "Choose a mediator" page: a full case load is not suitable either; only a
    # manager may assign them anyway, with the reason on the timeline.
    from senmediation.core.errors import ServiceError

    case = case_make(by=coordinator)
    expired = mediator_with_profile("fay", expires=dt.date(2026, 10, 31))
    with pytest.raises(ServiceError, match="Accreditation expired on 31 October 2026"):
        case_mediator_assign(case=case, mediator=expired, by=coordinator, today=TODAY)
    busy = mediator_with_profile("gus", capacity=0)
    assert by_name(mediators_ranked_for(case=case, today=TODAY))["gus"].excluded
    with pytest.raises(ServiceError) as refused:
        case_mediator_assign(case=case, mediator=busy, by=coordinator, today=TODAY)
    assert refused.value.message == (
        "Gus Mediator cannot take this case: No spare capacity: 0 open cases, limit 0. "
        "Choose another mediator, or ask a manager."
    )
    case.refresh_from_db()
    assert case.mediator_id is None
    case_mediator_assign(case=case, mediator=busy, by=manager, today=TODAY, reason="Only mediator who speaks Urdu")
    case.refresh_from_db()
    assert case.mediator_id == busy.pk
    assert case.events.latest("at").summary == (
        "Mediator assigned: Gus Mediator (by a manager, despite: No spare capacity: 0 open cases, limit 0)"
    )


def test_the_case_page_drop_down_refuses_a_mediator_the_choose_page_calls_unsuitable(coordinator) -> None:
    case = case_make(by=coordinator)
    full = mediator_with_profile("ivy", capacity=0)
    choose = client_for(coordinator).get(f"/staff/cases/{case.reference}/documents/mediators/").content.decode()
    assert "No spare capacity: 0 open cases, limit 0" in choose
    response = client_for(coordinator).post(f"/staff/cases/{case.reference}/mediator/", {"mediator": full.pk},
                                            follow=True)
    assert ("Ivy Mediator cannot take this case: No spare capacity: 0 open cases, limit 0. "
            "Choose another mediator, or ask a manager.") in response.content.decode()
    case.refresh_from_db()
    assert case.mediator_id is None


def test_the_case_page_refusal_names_the_conflict_and_the_manager_form_asks_why(coordinator, manager) -> None:
    case = case_make(by=coordinator)
    conflicted = mediator_with_profile("hana")
    ConflictOfInterest.objects.create(mediator=conflicted, local_authority=case.local_authority,
                                      reason="Works part-time for the council", declared_on=TODAY)
    url = f"/staff/cases/{case.reference}/mediator/"
    response = client_for(coordinator).post(url, {"mediator": conflicted.pk}, follow=True)
    assert "Hana Mediator cannot take this case: Declared a conflict of interest with Trafford" in (
        response.content.decode()
    )
    page = client_for(manager).get(f"/staff/cases/{case.reference}/").content.decode()
    assert 'name="reason"' in page
    assert 'name="reason"' not in client_for(coordinator).get(f"/staff/cases/{case.reference}/").content.decode()
