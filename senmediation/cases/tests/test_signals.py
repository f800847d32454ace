import datetime as dt
from typing import Any

import pytest

from senmediation.cases.models import Case
from senmediation.cases.services.transitions import case_transition
from senmediation.cases.signals import case_transitioned

from .factories import case_make

pytestmark = pytest.mark.django_db


def test_a_step_is_announced_once_it_is_saved_with_what_listeners_need(
    reference_data: None, django_capture_on_commit_callbacks: Any,
) -> None:
    heard: list[dict[str, Any]] = []

    def listener(sender: Any, **kwargs: Any) -> None:
        heard.append({"sender": sender, **{k: v for k, v in kwargs.items() if k != "signal"}})

    case = case_make(today=dt.date(2026, 11, 23))
    case_transitioned.connect(listener)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            case_transition(case=case, action="give_information", by=None, today=dt.date(2026, 11, 23))
            assert heard == []  # nothing is announced before the step commits
    finally:
        case_transitioned.disconnect(listener)
    assert heard == [{"sender": Case, "reference": case.reference, "local_authority_id": case.local_authority_id,
                      "action": "give_information", "from_state": "enquiry", "to_state": "information_given"}]


def test_the_api_listens_for_steps() -> None:
    # ApiConfig.ready connects the webhooks; the case domain itself imports nothing from the API.
    assert case_transitioned.has_listeners(Case)
