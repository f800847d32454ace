import pytest

from senmediation.cases import facts
from senmediation.cases.facts import (
    case_facts_registered,
    case_meeting_current,
    register_case_facts,
    register_case_meeting_current,
)

from .factories import case_make


@pytest.fixture
def empty_registry(monkeypatch):
    monkeypatch.setattr(facts, "_providers", [])
    monkeypatch.setattr(facts, "_meeting_finders", [])


@pytest.mark.django_db
def test_the_features_fill_the_registry_at_start_up(coordinator) -> None:
    # Meetings and agreements register theirs in AppConfig.ready: a new case has no meeting, no open actions.
    case = case_make(by=coordinator)
    assert case_meeting_current(case) is None
    assert case_facts_registered(case, meeting=None) == {
        "meeting_scheduled": False, "meeting_date": None, "notice_sent_on": None, "short_notice_agreed": False,
        "open_agreement_items": 0,
    }


def test_each_provider_adds_its_facts_once(empty_registry) -> None:
    def open_items(case, *, meeting):
        return {"open_agreement_items": 3}

    def scheduled(case, *, meeting):
        return {"meeting_scheduled": meeting is not None}

    register_case_facts(open_items)
    register_case_facts(open_items)
    register_case_facts(scheduled)
    assert facts._providers == [open_items, scheduled]
    assert case_facts_registered(object(), meeting="the meeting") == {"open_agreement_items": 3, "meeting_scheduled": True}  # type: ignore[arg-type]


def test_no_feature_registered_means_no_meeting_and_no_facts(empty_registry) -> None:
    assert case_meeting_current(object()) is None  # type: ignore[arg-type]
    assert case_facts_registered(object(), meeting=None) == {}  # type: ignore[arg-type]


def test_only_one_feature_finds_the_current_meeting(empty_registry) -> None:
    def finder(case):
        return "meeting"

    register_case_meeting_current(finder)
    register_case_meeting_current(finder)
    assert case_meeting_current(object()) == "meeting"  # type: ignore[arg-type]
    with pytest.raises(RuntimeError, match="already registered"):
        register_case_meeting_current(lambda case: None)
