import datetime as dt

import pytest
import time_machine
from django.core.management import call_command

from senmediation.cases.models import Deadline

from .factories import case_make

pytestmark = pytest.mark.django_db


def test_sweep_command_turns_clocks_overdue_as_days_pass(coordinator, capsys) -> None:
    case = case_make(by=coordinator, today=dt.date(2026, 11, 23))
    assert Deadline.objects.get(case=case, clock="first_call_back").status == "due_soon"
    with time_machine.travel(dt.datetime(2026, 11, 30, 12, tzinfo=dt.UTC), tick=False):
        call_command("deadlines_sweep")
        call_command("deadlines_sweep", "--enqueue")  # the immediate backend runs it at once in tests
    assert Deadline.objects.get(case=case, clock="first_call_back").status == "overdue"
    case.refresh_from_db()
    assert case.clock_status == "overdue"
    assert "Deadline sweep done" in capsys.readouterr().out
