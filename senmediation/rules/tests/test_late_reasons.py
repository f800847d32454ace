"""Why a step was late: asked only when it is late, then required; "another reason" needs a few words."""

import datetime as dt

from senmediation.rules.late_reasons import (
    LATE_REASON_LABELS,
    NOT_GIVEN_LABEL,
    LateReason,
    is_late,
    late_reason_label,
    late_reason_refusal,
)

DUE = dt.date(2026, 11, 27)


def test_a_step_on_its_due_date_is_on_time_and_the_day_after_is_late() -> None:
    assert not is_late(due=DUE, done_on=DUE)
    assert is_late(due=DUE, done_on=DUE + dt.timedelta(days=1))


def test_the_four_reasons_have_plain_labels() -> None:
    assert [r.value for r in LateReason] == ["la_late", "family_request", "our_capacity", "other"]
    assert LATE_REASON_LABELS[LateReason.family_request] == "The family asked for a later date"
    assert late_reason_label("our_capacity") == "We did not have the capacity"
    assert late_reason_label("") == NOT_GIVEN_LABEL == late_reason_label("nonsense")


def test_a_reason_is_required_only_when_late() -> None:
    assert late_reason_refusal(late=False, reason="", note="") is None
    assert late_reason_refusal(late=True, reason="", note="") == ("late_reason", "Select why this step was done late")
    assert late_reason_refusal(late=True, reason="weather", note="") == ("late_reason",
                                                                          "Select why this step was done late")
    assert late_reason_refusal(late=True, reason="la_late", note="") is None


def test_another_reason_needs_a_short_note() -> None:
    assert late_reason_refusal(late=True, reason="other", note="  ") == ("late_note",
                                                                         "Enter why this step was done late")
    assert late_reason_refusal(late=True, reason="other", note="Snow closed the office") is None
    assert late_reason_refusal(late=True, reason="other", note="x" * 201) == (
        "late_note", "The reason must be 200 characters or fewer")
