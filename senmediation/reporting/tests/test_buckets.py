"""The summary buckets always publish what a recount from the raw rows gives: random histories of facts
created, moved, re-attributed and deleted, with the buckets rebuilt at random points, then every period of
every scope compared with a recount. (Case events are append-only, so they are only ever added.)"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from senmediation.accounts.models import User
from senmediation.accounts.roles import Role
from senmediation.cases.models import Case, Deadline
from senmediation.core.clock import LONDON
from senmediation.documents.models import Certificate
from senmediation.feedback.models import SurveyResponse
from senmediation.reporting import invalidation
from senmediation.reporting.buckets import _without_zeros, rebuild_month, report_figures, stale_months
from senmediation.reporting.figures import live_report_figures
from senmediation.reporting.models import ReportBucket, StaleReportMonth
from senmediation.reporting.periods import period_month, period_quarter, period_rolling_12, period_year
from senmediation.rules.deadlines import Clock
from testsupport.fixtures import user_make

from .helpers import case_row, certificate, clock, event, other_la, trafford

pytestmark = pytest.mark.django_db
D = dt.date
MONTHS = [D(2026, m, 1) for m in (1, 2, 3, 4)]
PERIODS = [*(period_month(2026, m) for m in (1, 2, 3, 4)), period_quarter(2026, 1), period_quarter(2026, 2),
           period_year(2026), period_rolling_12(2026, 4)]
day = st.builds(lambda m, d: D(2026, m, d), st.integers(1, 4), st.integers(1, 28))
pick = st.integers(0, 10**6)

OPERATIONS = st.one_of(
    st.tuples(st.just("case"), st.booleans(), day, st.sampled_from(Case.Source.values),
              st.sampled_from(Case.Channel.values)),
    st.tuples(st.just("event"), pick, st.sampled_from(["mediation_requested", "held", "not_arranged", "withdrawn"]),
              day),
    st.tuples(st.just("clock"), pick, st.sampled_from([Clock.certificate_no_mediation, Clock.mediation_held]), day,
              st.integers(0, 40)),
    st.tuples(st.just("certificate"), pick, st.sampled_from(Certificate.Kind.values), day),
    st.tuples(st.just("survey"), st.booleans(), day, st.integers(1, 5)),
    st.tuples(st.just("move_case"), pick, day),
    st.tuples(st.just("case_la"), pick),
    st.tuples(st.just("outcome"), pick, st.sampled_from(["agreement", "partial", "no_agreement"])),
    st.tuples(st.just("delete_survey"), pick),
    st.tuples(st.just("move_clock_deferred"), pick, day),
    st.tuples(st.just("rebuild"), st.sampled_from(MONTHS)),
    st.tuples(st.just("rebuild_stale")),
)


def _nth(model: Any, n: int) -> Any:
    rows = list(model.objects.order_by("pk").values_list("pk", flat=True))
    return model.objects.get(pk=rows[n % len(rows)]) if rows else None


def _apply(op: tuple[Any, ...], las: list[Any], boss: Any) -> None:
    kind, *args = op
    if kind == "case":
        case_row(la=las[int(args[0])], opened_on=args[1], source=args[2], channel=args[3])
    elif kind == "survey":
        SurveyResponse.objects.create(source=SurveyResponse.Source.LINK, local_authority=las[int(args[0])],
                                      submitted_at=dt.datetime.combine(args[1], dt.time(23, 30), LONDON),
                                      satisfaction=args[2])
    elif kind == "rebuild":
        rebuild_month(args[0])
    elif kind == "rebuild_stale":
        for month in stale_months():
            rebuild_month(month)
    elif kind in ("event", "clock", "certificate", "move_case", "case_la", "outcome"):
        case = _nth(Case, args[0])
        if case is None:
            return
        if kind == "event":
            event(case, args[1], args[2])
        elif kind == "clock":
            met = args[2]
            existing = Deadline.objects.filter(case=case, clock=args[1]).first()
            if existing:  # one clock of each kind a case: met again on another day
                existing.met_on = met
                existing.save()
            else:
                clock(case, args[1], start=met - dt.timedelta(days=args[3]), due=met - dt.timedelta(days=20), met=met)
        elif kind == "certificate":
            certificate(case, args[1], args[2], by=boss)
        elif kind == "move_case":
            case.opened_on = args[1]
            case.save()
        elif kind == "case_la":
            case.local_authority = las[1] if case.local_authority_id == las[0].pk else las[0]
            case.save()
        else:
            case.meeting_outcome, case.decisions = args[1], ["plan_needs"]
            case.save()
    elif kind == "delete_survey":
        found = _nth(SurveyResponse, args[0])
        if found is not None:
            found.delete()
    elif kind == "move_clock_deferred":
        rows = list(Deadline.objects.order_by("pk").values_list("pk", flat=True))
        if rows:
            # Loaded without the date it changes: the old month is read from the database.
            deadline = Deadline.objects.only("id").get(pk=rows[args[0] % len(rows)])
            deadline.met_on = args[1]
            deadline.save()


def _assert_every_figure_equals_a_recount(las: list[Any]) -> None:
    for scope in (las[0].pk, las[1].pk, None):
        for period in PERIODS:
            published = report_figures(local_authority_id=scope, period=period)
            recount = live_report_figures(local_authority_id=scope, period=period)
            assert _without_zeros(published.to_json()) == _without_zeros(recount.to_json()), (scope, period.label)


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.too_slow])
@given(history=st.lists(OPERATIONS, min_size=1, max_size=14))
def test_published_figures_equal_a_recount_after_any_history(reference_data: None, history: list[Any]) -> None:
    boss = User.objects.filter(username="bucket-boss").first() or user_make("bucket-boss", Role.MANAGER)
    las = [trafford(), other_la()]
    # Each example runs in its own savepoint, rolled back at the end: hypothesis runs them in one test.
    with transaction.atomic():
        for month in MONTHS:
            rebuild_month(month)
        for op in history:
            _apply(op, las, boss)
        _assert_every_figure_equals_a_recount(las)
        for month in MONTHS:  # and once everything is rebuilt, the buckets alone say the same
            rebuild_month(month)
        assert not stale_months()
        _assert_every_figure_equals_a_recount(las)
        transaction.set_rollback(True)


def test_without_the_marks_a_moved_date_leaves_a_bucket_wrong(reference_data: None,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """The test of the test: with invalidation switched off, the comparison above fails."""
    case = case_row(opened_on=D(2026, 1, 10))
    for month in MONTHS:
        rebuild_month(month)
    monkeypatch.setattr(invalidation, "mark_months_stale", lambda months: None)
    case.opened_on = D(2026, 2, 10)
    case.save()
    january = period_month(2026, 1)
    assert report_figures(local_authority_id=None, period=january).enquiries == 1  # stale
    assert live_report_figures(local_authority_id=None, period=january).enquiries == 0


def test_a_change_marks_the_old_and_the_new_month_in_its_own_transaction(reference_data: None) -> None:
    case = case_row(opened_on=D(2026, 1, 10))
    StaleReportMonth.objects.all().delete()
    case.opened_on = D(2026, 3, 2)
    case.save()
    assert stale_months() == [D(2026, 1, 1), D(2026, 3, 1)]
    StaleReportMonth.objects.all().delete()
    case.child_first_name = "Renamed"  # nothing a report reads
    case.save()
    assert stale_months() == []


def test_a_case_moving_to_another_la_marks_every_month_of_its_facts(reference_data: None) -> None:
    case = case_row(opened_on=D(2026, 1, 10))
    event(case, "held", D(2026, 3, 5))
    StaleReportMonth.objects.all().delete()
    case.local_authority = other_la()
    case.save()
    assert stale_months() == [D(2026, 1, 1), D(2026, 3, 1)]


def test_the_command_builds_checks_and_refreshes(reference_data: None, capsys: pytest.CaptureFixture[str]) -> None:
    case_row(opened_on=D(2026, 1, 10))
    call_command("report_buckets", "--build")
    assert stale_months() == []
    assert ReportBucket.objects.filter(local_authority__isnull=True, month=D(2026, 1, 1)).get().figures["enquiries"] == 1
    call_command("report_buckets", "--check")
    assert "every built bucket equals a recount" in capsys.readouterr().out
    case_row(opened_on=D(2026, 1, 11))
    assert stale_months() == [D(2026, 1, 1)]
    call_command("report_buckets", "--stale")
    assert stale_months() == []
    with CaptureQueriesContext(connection) as queries:
        figures = report_figures(local_authority_id=None, period=period_month(2026, 1))
    assert figures.enquiries == 2 and len(queries) == 2


def test_a_bucket_written_before_a_figure_was_added_is_counted_live(reference_data: None) -> None:
    case_row(opened_on=D(2026, 1, 10))
    rebuild_month(D(2026, 1, 1))
    bucket = ReportBucket.objects.get(local_authority__isnull=True, month=D(2026, 1, 1))
    bucket.figures = bucket.figures | {"shape": "older", "enquiries": 7}
    bucket.save()
    assert report_figures(local_authority_id=None, period=period_month(2026, 1)).enquiries == 1
    with pytest.raises(CommandError, match="differ from a recount"):
        call_command("report_buckets", "--check")


def test_kept_tables_are_used_only_while_their_buckets_stand(reference_data: None) -> None:
    from senmediation.reporting.tables import published_tables

    def total() -> str:
        tables = published_tables(local_authority_id=None, period=period_quarter(2026, 1), for_commissioner=False)
        rows = next(t for t in tables if t.slug == "enquiries-by-source").csv_rows()
        return rows[-1][1]

    case_row(opened_on=D(2026, 1, 10))
    for month in MONTHS:
        rebuild_month(month)
    assert (total(), total()) == ("1", "1")  # the second from the cache
    case_row(opened_on=D(2026, 1, 11))  # marks January: counted live
    assert total() == "2"
    rebuild_month(D(2026, 1, 1))  # a new bucket, so a new key
    assert total() == "2"
