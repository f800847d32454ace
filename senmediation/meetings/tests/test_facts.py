import datetime as dt

import pytest

from senmediation.cases.tests.factories import case_make
from senmediation.meetings.facts import meeting_case_facts, meeting_current_for_case
from senmediation.meetings.models import Meeting

pytestmark = pytest.mark.django_db


def test_the_current_meeting_is_the_latest_still_scheduled(coordinator) -> None:
    case = case_make(by=coordinator)
    assert meeting_current_for_case(case) is None
    Meeting.objects.create(case=case, starts_at=dt.datetime(2026, 12, 14, 10, tzinfo=dt.UTC),
                           status=Meeting.Status.CANCELLED)
    earlier = Meeting.objects.create(case=case, starts_at=dt.datetime(2026, 12, 1, 10, tzinfo=dt.UTC))
    later = Meeting.objects.create(case=case, starts_at=dt.datetime(2026, 12, 7, 10, tzinfo=dt.UTC))
    assert meeting_current_for_case(case) == later
    later.status = Meeting.Status.MOVED
    later.save()
    assert meeting_current_for_case(case) == earlier


def test_the_meeting_facts_take_its_day_in_london_and_its_notice(coordinator) -> None:
    case = case_make(by=coordinator)
    # 23:30 UTC on 7 June is 00:30 on 8 June in London (summer time): the meeting's day is the 8th.
    meeting = Meeting.objects.create(case=case, starts_at=dt.datetime(2026, 6, 7, 23, 30, tzinfo=dt.UTC),
                                     notice_sent_on=dt.date(2026, 6, 1), short_notice_agreed=True)
    assert meeting_case_facts(case, meeting=meeting) == {
        "meeting_scheduled": True, "meeting_date": dt.date(2026, 6, 8), "notice_sent_on": dt.date(2026, 6, 1),
        "short_notice_agreed": True,
    }
    assert meeting_case_facts(case, meeting=None) == {
        "meeting_scheduled": False, "meeting_date": None, "notice_sent_on": None, "short_notice_agreed": False,
    }
