"""The attacker test (issue 26): for every table of every fixed period of the demo's 2025 and 2026, for every
local authority, and across adjacent periods (a year with its quarters and months, so each quarter with its
months; two consecutive 12 months with the months that differ between them), no protected count can be pinned to one
value by an integer program. And the earlier suppression, kept below as "before", is pinned, so the test
is shown able to fail.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import pytest

from senmediation.demodata.generator import cases_generate
from senmediation.directory.models import LocalAuthority
from senmediation.reporting import tables as tables_module
from senmediation.reporting.buckets import months_to_build, rebuild_month
from senmediation.reporting.periods import Period, period_month, period_quarter, period_rolling_12, period_year
from senmediation.reporting.suppression import Cell, Shown
from senmediation.reporting.tables import Table, published_tables

from .attacker import BIG, TOTAL_COLUMNS, Model, add_across, add_period, pinned

pytestmark = pytest.mark.django_db
TODAY = dt.date(2027, 1, 20)  # the demo's three years of history then cover all of 2025 and 2026
YEARS = (2025, 2026)


# --- Before: the suppression this replaces (issue 26), copied as it was --------------------------------------
@dataclass(frozen=True)
class OldCell(Cell):
    kind: str = "value"  # value, small (1 to 4, "fewer than 5") or hidden (secondary)

    @property
    def text(self) -> str:
        return {"small": "fewer than 5", "hidden": "hidden"}.get(self.kind, str(self.value))

    @property
    def exact(self) -> bool:
        return self.kind == "value"


def old_suppress_grid(values: Sequence[Sequence[int]], *, total_row: bool = False, total_column: bool = False
                      ) -> list[list[OldCell]]:
    grid = [list(row) for row in values]
    marked = {(r, c): "small" for r, row in enumerate(grid) for c, value in enumerate(row) if 0 < value < 5}
    groups: list[list[tuple[int, int]]] = []
    if total_column:
        groups += [[(r, c) for c in range(len(row))] for r, row in enumerate(grid) if len(row) > 1]
    if total_row and len(grid) > 1:
        width = max(len(row) for row in grid)
        groups += [[(r, c) for r in range(len(grid)) if c < len(grid[r])] for c in range(width)]
    changed = True
    while changed:
        changed = False
        for group in groups:
            hidden = [pos for pos in group if pos in marked]
            if len(hidden) != 1:
                continue
            others = [pos for pos in group if pos not in marked]
            if not others:
                continue
            pick = min(others, key=lambda pos: (grid[pos[0]][pos[1]], pos))  # the smallest other figure
            marked[pick] = "hidden"
            changed = True
    return [[OldCell(v, Shown.value, marked.get((r, c), "value")) for c, v in enumerate(row)]
            for r, row in enumerate(grid)]


def old_band(cell: Cell) -> tuple[int, int, bool]:
    """What the earlier labels told a reader: "fewer than 5" is 1 to 4; "hidden" was never put on 1 to 4, so
    it is 0 or at least 5."""
    kind = cell.kind if isinstance(cell, OldCell) else "value"
    if kind == "small":
        return 1, 4, False
    if kind == "hidden":
        return 5, BIG, True
    return cell.value, cell.value, False


def old_tables(exact: list[Table]) -> list[Table]:
    """The manager's exact tables suppressed the earlier way, table by table."""
    out = []
    for t in exact:
        numeric = [[c.value for c in row.cells if isinstance(c, Cell)] for row in t.rows]
        has_total_row = any(row.is_total for row in t.rows)
        grid = old_suppress_grid(numeric, total_row=has_total_row, total_column=t.slug in TOTAL_COLUMNS)
        rows = []
        for row, cells in zip(t.rows, grid, strict=True):
            it = iter(cells)
            rows.append(type(row)(row.label, [next(it) if isinstance(c, Cell) else c for c in row.cells],
                                  row.is_total))
        out.append(Table(t.slug, t.caption, t.columns, rows, t.notes))
    return out


def test_before_the_issue_example_is_pinned_phone_4_and_email_0() -> None:
    """Q1 2026 enquiries by channel in the issue: Online 10, Phone 4, Email 0, Letter 0, Total 14."""
    grid = old_suppress_grid([[10], [4], [0], [0], [14]], total_row=True)
    assert [row[0].text for row in grid] == ["10", "fewer than 5", "hidden", "0", "14"]
    channel = Table("enquiries-by-channel", "By channel", ["How", "Cases"],
                    [tables_module.Row(label, list(cells), label == "Total")
                     for label, cells in zip(["Online", "Phone", "Email", "Letter", "Total"], grid, strict=True)])
    model = Model()
    add_period(model, "Q1 2026", [channel], [channel], old_band)
    assert sorted(str(p) for p in pinned(model)) == [
        "Q1 2026: table enquiries-by-channel, row 'Email', column 0: shown 'hidden', pinned to 0",
        "Q1 2026: table enquiries-by-channel, row 'Phone', column 0: shown 'fewer than 5', pinned to 4",
    ]


# --- The demo's periods -------------------------------------------------------------------------------------
def _periods() -> tuple[list[Period], list[Period], list[Period], list[Period]]:
    months = [period_month(y, m) for y in (2024, *YEARS) for m in range(1, 13)]
    quarters = [period_quarter(y, q) for y in YEARS for q in (1, 2, 3, 4)]
    rolling = [period_rolling_12(y, m) for y in (2024, *YEARS) for m in range(1, 13) if (y, m) >= (2024, 12)]
    return months, quarters, [period_year(y) for y in YEARS], rolling


@pytest.fixture
def demo(db: None, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    from senmediation.demodata import generator
    from senmediation.demodata.reference import demo_reference_data_load, demo_users_create

    monkeypatch.setattr(generator, "OWN_DOCUMENTS_BELOW", 0)  # the figures need the rows, not each case's PDFs
    demo_reference_data_load()
    demo_users_create(password="a long demo password 2026")
    cases_generate(count=360, seed=26, today=TODAY, processes=1)
    # Each month is counted once, into the summary buckets every period reads.
    for month in months_to_build(TODAY):
        rebuild_month(month)
    return {"las": list(LocalAuthority.objects.filter(cases__isnull=False).distinct().order_by("name"))}


def _structures(months: list[Period], quarters: list[Period], years: list[Period], rolling: list[Period]
                ) -> list[tuple[list[Period], Any]]:
    """The groups of periods an attacker sets side by side, each with the sums between them: a year with its
    quarters and its months (so each quarter with its months too: a count free in the whole is free in any
    part), and two consecutive 12 months with the month that left and the month that arrived. (Two
    consecutive 12 months with all 13 months, checked once by hand on the same data, pin nothing either; it
    takes half as long again, so it is not run every time.)"""
    month = {p.label: p for p in months}

    def months_of(p: Period) -> list[Period]:
        return [month[f"{m:%B %Y}"] for m in p.months()]

    out: list[tuple[list[Period], Any]] = []
    for y in years:
        parts = [q for q in quarters if q.start.year == y.start.year]

        def relate(model: Model, y: Period = y, parts: list[Period] = parts) -> None:
            add_across(model, y.label, [], [q.label for q in parts])
            for q in parts:
                add_across(model, q.label, [], [m.label for m in months_of(q)])

        out.append(([y, *parts, *months_of(y)], relate))
    for before, after in zip(rolling, rolling[1:], strict=False):
        leaving, arriving = month[f"{before.start:%B %Y}"], month[f"{after.end:%B %Y}"]

        def relate_windows(model: Model, before: Period = before, after: Period = after, leaving: Period = leaving,
                           arriving: Period = arriving) -> None:
            # The later 12 months and the month that left them equal the earlier 12 and the month that arrived
            add_across(model, after.label, [leaving.label], [before.label, arriving.label])

        out.append(([after, before, leaving, arriving], relate_windows))
    return out


def test_no_protected_count_of_any_period_can_be_pinned(demo: dict[str, Any]) -> None:
    started = time.monotonic()
    months, quarters, years, rolling = _periods()
    structures = _structures(months, quarters, years, rolling)
    pins: list[str] = []
    checked = 0
    for la in demo["las"]:
        shown: dict[str, list[Table]] = {}
        exact: dict[str, list[Table]] = {}

        def tables_for(p: Period, la: LocalAuthority = la) -> tuple[list[Table], list[Table]]:
            if p.label not in shown:
                shown[p.label] = published_tables(local_authority_id=la.pk, period=p, for_commissioner=True)
                exact[p.label] = published_tables(local_authority_id=la.pk, period=p, for_commissioner=False)
            return shown[p.label], exact[p.label]

        for periods, relate in structures:
            model = Model()
            for p in periods:
                add_period(model, p.label, *tables_for(p))
            relate(model)
            checked += len(model.protected)
            pins += [f"{la.name}, {pin}" for pin in pinned(model)]
    assert checked > 1000, "too few protected counts to prove anything: is the demo data there?"
    assert not pins, "An attacker can work these counts out exactly:\n" + "\n".join(sorted(set(pins)))
    assert time.monotonic() - started < 120


def test_before_the_attacker_pins_counts_in_the_demo_data(demo: dict[str, Any]) -> None:
    """The same attacker against the earlier suppression over the demo's quarters finds counts it can pin."""
    _, quarters, _, _ = _periods()
    pins = []
    for la in demo["las"]:
        for q in quarters:
            exact = published_tables(local_authority_id=la.pk, period=q, for_commissioner=False)
            model = Model()
            add_period(model, q.label, old_tables(exact), exact, old_band)
            pins += [f"{la.name}, {pin}" for pin in pinned(model)]
    assert len(pins) >= 10, pins
