from __future__ import annotations

import datetime as dt

import pytest

from senmediation.accounts.roles import Role
from senmediation.appeals.models import TribunalAppeal
from senmediation.appeals.services import (
    RECORDED_ACTION,
    UNKNOWN_CASE,
    AlreadyRecorded,
    CaseConflict,
    tribunal_appeal_record,
)
from senmediation.cases.models import Case
from senmediation.core.errors import NotFound, ServiceError
from senmediation.directory.models import LocalAuthority
from testsupport.fixtures import user_make

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 12, 15)
OPENED = dt.date(2026, 11, 23)


def _case(*, la: LocalAuthority, reference: str = "MED-2026-00042", case_type: str = "sen_mediation") -> Case:
    return Case.objects.create(reference=reference, reference_year=2026, reference_number=int(reference[-5:]),
                               local_authority=la, opened_on=OPENED, case_type=case_type,
                               child_first_name="Sam", child_last_name="Patel")


@pytest.fixture
def trafford(reference_data: None) -> LocalAuthority:
    return LocalAuthority.objects.get(gss_code="E08000009")


def _record(la: LocalAuthority, **changes: object) -> TribunalAppeal:
    arguments: dict[str, object] = {
        "local_authority": la, "reference": "MED-2026-00042", "registered_on": dt.date(2026, 12, 1),
        "decision": "plan_provision", "by": None, "by_name": "comm.trafford", "via": TribunalAppeal.Via.FORM,
        "today": TODAY,
    } | changes
    return tribunal_appeal_record(**arguments)  # type: ignore[arg-type]


def test_an_appeal_is_recorded_with_who_told_us_and_a_timeline_entry(trafford: LocalAuthority) -> None:
    case = _case(la=trafford)
    officer = user_make("comm-appeal", Role.COMMISSIONER, local_authority=trafford)
    appeal = _record(trafford, reference=" med-2026-00042 ", by=officer, withdrawn_on=dt.date(2026, 12, 10))
    assert (appeal.case, appeal.local_authority, appeal.registered_on) == (case, trafford, dt.date(2026, 12, 1))
    assert (appeal.recorded_by, appeal.recorded_by_name, appeal.via) == (officer, "comm.trafford", "form")
    assert appeal.withdrawn_on == dt.date(2026, 12, 10)
    entry = case.events.get(action=RECORDED_ACTION)
    assert entry.by == officer
    assert entry.summary == ("The local authority told us of an appeal to the Tribunal registered on 1 December 2026; "
                             "withdrawn on 10 December 2026: The support set out in the plan (section F: special "
                             "educational provision)")
    assert entry.detail == "Recorded by comm.trafford (Staff page)"


def test_an_unknown_reference_and_another_las_case_read_the_same(trafford: LocalAuthority) -> None:
    elsewhere = LocalAuthority.objects.exclude(pk=trafford.pk).order_by("pk").first()
    assert elsewhere is not None
    _case(la=elsewhere)
    for reference in ("MED-2026-00042", "MED-2026-99999"):
        with pytest.raises(NotFound) as refused:
            _record(trafford, reference=reference)
        assert (refused.value.message, refused.value.field) == (UNKNOWN_CASE, "reference")
    assert not TribunalAppeal.objects.exists()


@pytest.mark.parametrize(("changes", "field", "message"), [
    ({"registered_on": dt.date(2026, 12, 16)}, "registered_on",
     "The date the appeal was registered must be today or in the past"),
    ({"withdrawn_on": dt.date(2026, 12, 16)}, "withdrawn_on",
     "The date the appeal was withdrawn must be today or in the past"),
    ({"withdrawn_on": dt.date(2026, 11, 30)}, "withdrawn_on",
     "The date the appeal was withdrawn must be on or after the date it was registered"),
    ({"decision": "school_action"}, "decision", "Choose the decision the appeal is about"),
])
def test_impossible_answers_are_refused_next_to_their_field(
    trafford: LocalAuthority, changes: dict[str, object], field: str, message: str,
) -> None:
    _case(la=trafford)
    with pytest.raises(ServiceError) as refused:
        _record(trafford, **changes)
    assert (refused.value.field, refused.value.message) == (field, message)
    assert not TribunalAppeal.objects.exists()


def test_an_appeal_before_the_case_opened_conflicts_with_the_case(trafford: LocalAuthority) -> None:
    _case(la=trafford)
    with pytest.raises(CaseConflict) as refused:
        _record(trafford, registered_on=dt.date(2026, 11, 22))
    assert refused.value.message == ("The date the appeal was registered must be on or after 23 November 2026, the "
                                     "day case MED-2026-00042 opened")
    assert _record(trafford, registered_on=OPENED).registered_on == OPENED  # the day it opened is fine


def test_a_disagreement_resolution_case_has_no_appeal(trafford: LocalAuthority) -> None:
    _case(la=trafford, case_type="disagreement_resolution")
    with pytest.raises(CaseConflict, match="disagreement resolution case"):
        _record(trafford)


def test_the_same_appeal_twice_is_refused_but_another_decision_that_day_is_not(trafford: LocalAuthority) -> None:
    case = _case(la=trafford)
    _record(trafford)
    with pytest.raises(AlreadyRecorded, match="already recorded on case MED-2026-00042"):
        _record(trafford)
    _record(trafford, decision="plan_placement")
    assert TribunalAppeal.objects.filter(case=case).count() == 2
    assert case.events.filter(action=RECORDED_ACTION).count() == 2
