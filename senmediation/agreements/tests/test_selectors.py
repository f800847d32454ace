import pytest

from senmediation.agreements import selectors
from senmediation.agreements.selectors import agreement_case_facts
from senmediation.cases.tests.factories import case_make

pytestmark = pytest.mark.django_db


def test_the_workflow_is_told_how_many_agreed_actions_are_still_open(coordinator, monkeypatch) -> None:
    case = case_make(by=coordinator)
    assert agreement_case_facts(case, meeting=None) == {"open_agreement_items": 0}
    # It asks agreement_open_items_count each time, so the close guard sees the count as it stands.
    monkeypatch.setattr(selectors, "agreement_open_items_count", lambda case: 2)
    assert agreement_case_facts(case, meeting=None) == {"open_agreement_items": 2}
