import datetime as dt

import pytest

from senmediation.audit.models import RetentionPolicy
from senmediation.audit.retention import case_documents_kept
from senmediation.cases.models import Case
from senmediation.cases.tests.factories import case_make

pytestmark = pytest.mark.django_db


def _closed_case(coordinator, closed_on: dt.date) -> Case:
    case = case_make(by=coordinator, today=dt.date(2019, 3, 4), decision_notice_date=dt.date(2019, 2, 20))
    Case.objects.filter(pk=case.pk).update(state="closed", closed_on=closed_on)
    return case


def test_a_closed_case_s_documents_are_kept_until_the_end_of_the_retention_period(coordinator) -> None:
    case = _closed_case(coordinator, dt.date(2020, 6, 1))
    case.refresh_from_db()
    # The default 6 years: kept on the last day of the 6th year, not the day after.
    assert case_documents_kept(case, today=dt.date(2026, 6, 1)) is True
    assert case_documents_kept(case, today=dt.date(2026, 6, 2)) is False
    RetentionPolicy.objects.create(record_type=RetentionPolicy.RecordType.CASE, years=7)
    assert case_documents_kept(case, today=dt.date(2026, 6, 2)) is True
