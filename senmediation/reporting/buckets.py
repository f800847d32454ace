"""The monthly summary buckets: a report reads its months' buckets in two queries instead of counting
every case.

Kept exact in two steps. Every change to a counted fact writes a StaleReportMonth mark for the months it
touches, in the same transaction (invalidation.py). A report uses a month's bucket only when the month has no
mark, and counts a marked or never-built month live from the raw rows (figures.count_by_month), so what it
publishes always equals a recount. The worker (`manage.py report_buckets --stale`, run each minute from cron)
recounts marked months and deletes only the marks it saw before counting.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction

from senmediation.core import clock
from senmediation.directory.models import LocalAuthority

from .figures import Key, count_by_month, with_zeros
from .models import ReportBucket, StaleReportMonth
from .periods import Period
from .report_figures import FIGURES_SHAPE, ReportFigures


def month_end(month: dt.date) -> dt.date:
    return (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)


@dataclass(frozen=True)
class BucketRead:
    """The buckets read for one LA's months (decoded only when asked), and the months to count live."""

    local_authority_id: int | None
    stored: dict[dt.date, tuple[int, dict[str, Any]]]  # month -> (bucket id, its figures as stored)
    missing: list[dt.date]

    @property
    def ids(self) -> list[int] | None:
        """The ids of the buckets read (a bucket is never changed once written: a rebuild writes new rows), or
        None when a month is counted live: the same ids mean the same figures."""
        return None if self.missing else sorted(pk for pk, _ in self.stored.values())

    def figures(self) -> dict[dt.date, ReportFigures]:
        out = {month: ReportFigures.from_json(data) for month, (_, data) in self.stored.items()}
        if self.missing:
            live = count_by_month(first=self.missing[0], last=month_end(self.missing[-1]),
                                  local_authority_id=self.local_authority_id)
            for month in self.missing:
                out[month] = live.get((self.local_authority_id, month)) or ReportFigures()
        return out


def buckets_read(*, local_authority_id: int | None, months: Iterable[dt.date]) -> BucketRead:
    """Two queries: the months marked stale, then the unmarked months' buckets."""
    months = sorted(set(months))
    if not months:
        return BucketRead(local_authority_id, {}, [])
    stale = set(StaleReportMonth.objects.filter(month__in=months).values_list("month", flat=True).distinct())
    buckets = ReportBucket.objects.filter(month__in=months).exclude(month__in=stale)
    buckets = (buckets.filter(local_authority__isnull=True) if local_authority_id is None
               else buckets.filter(local_authority_id=local_authority_id))
    stored = {month: (pk, data) for pk, month, data in buckets.values_list("pk", "month", "figures")
              if data.get("shape") == FIGURES_SHAPE}
    return BucketRead(local_authority_id, stored, [m for m in months if m not in stored])


def figures_by_month(*, local_authority_id: int | None, months: Iterable[dt.date]) -> dict[dt.date, ReportFigures]:
    """Each month's figures for one LA (None: every LA): two queries when every month is built, unmarked and of
    the current shape, plus one live count (eleven queries) over the span of the months that are not."""
    return buckets_read(local_authority_id=local_authority_id, months=months).figures()


def add_up(by_month: dict[dt.date, ReportFigures], months: Iterable[dt.date], *,
           skip: tuple[str, ...] = ()) -> ReportFigures:
    total = with_zeros(ReportFigures())
    for month in months:
        total.add(by_month[month], skip=skip)
    return total


def report_figures(*, local_authority_id: int | None, period: Period) -> ReportFigures:
    """The period's figures, equal to a recount (figures.live_report_figures) at the moment of reading."""
    months = period.months()
    return add_up(figures_by_month(local_authority_id=local_authority_id, months=months), months)


def _recount(month: dt.date) -> tuple[dict[Key, ReportFigures], ReportFigures]:
    """One month counted from the raw rows: per LA, and for every LA together."""
    counted = count_by_month(first=month, last=month_end(month), by_la=True)
    everyone = ReportFigures()
    for figures in counted.values():
        everyone.add(figures)  # facts of no LA (a complaint with no case) count only here
    return counted, everyone


def rebuild_month(month: dt.date) -> bool:
    """Recounts one month for every LA and for all together, in one transaction. Only the marks seen before
    counting are deleted: a change committed meanwhile keeps its mark, so the month stays counted live until
    the next rebuild. False when another rebuild of the month got there first (it is as fresh)."""
    month = month.replace(day=1)
    try:
        with transaction.atomic():
            marks = list(StaleReportMonth.objects.filter(month=month).values_list("pk", flat=True))
            counted, everyone = _recount(month)
            now = clock.now()
            empty = ReportFigures().to_json()
            ReportBucket.objects.filter(month=month).delete()
            ReportBucket.objects.bulk_create(
                [ReportBucket(month=month, local_authority_id=None, figures=everyone.to_json(), built_at=now)]
                + [ReportBucket(month=month, local_authority_id=la,
                                figures=counted[(la, month)].to_json() if (la, month) in counted else empty,
                                built_at=now)
                   for la in LocalAuthority.objects.values_list("pk", flat=True)])
            StaleReportMonth.objects.filter(pk__in=marks).delete()
    except IntegrityError:
        return False
    return True


def stale_months() -> list[dt.date]:
    return sorted(set(StaleReportMonth.objects.values_list("month", flat=True).distinct()))


def months_to_build(today: dt.date) -> list[dt.date]:
    """Every month from the first fact the reports count to this one."""
    from .invalidation import first_fact_month

    first = first_fact_month()
    if first is None:
        return []
    months, month, last = [], first, today.replace(day=1)
    while month <= last:
        months.append(month)
        month = month_end(month) + dt.timedelta(days=1)
    return months


def buckets_differ_from_recount(months: Iterable[dt.date]) -> list[str]:
    """For `report_buckets --check`: every built, unmarked bucket of these months compared with a recount.
    Returns what differs, in words (empty when all agree)."""
    problems = []
    for month in sorted(set(months)):
        if StaleReportMonth.objects.filter(month=month).exists():
            continue
        counted, everyone = _recount(month)
        for la, stored in ReportBucket.objects.filter(month=month).values_list("local_authority_id", "figures"):
            if stored.get("shape") != FIGURES_SHAPE:
                problems.append(f"{month:%B %Y}, local authority {la or 'all'}: the bucket holds older figures")
                continue
            expected = everyone if la is None else counted.get((la, month), ReportFigures())
            if _without_zeros(ReportFigures.from_json(stored).to_json()) != _without_zeros(expected.to_json()):
                problems.append(f"{month:%B %Y}, local authority {la or 'all'}: the bucket differs from a recount")
    return problems


def _without_zeros(value: object) -> object:
    """A table of counts with its zero entries left out, so two ways of writing the same counts compare equal."""
    if isinstance(value, dict):
        kept = {k: _without_zeros(v) for k, v in value.items()}
        return {k: v for k, v in kept.items() if v not in (0, {})}
    return value
