"""The attacker of the attacker test (test-only): models every published count as the set of true values
consistent with what is shown and the published rule, adds every sum a reader can set up from the
published tables, and solves integer programs (HiGHS) for the least and greatest value of each protected
count. A count whose least and greatest are equal is pinned: the attacker knows it exactly.

The sums are read from the tables as a reader sees them (total rows and columns, the same count in two
tables, a longer period against the shorter ones), not from the code that protects them, so a sum the
protection forgot is still tried here.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, field

import highspy
import numpy as np

from senmediation.reporting.figures import CERTIFICATE_CLOCKS
from senmediation.reporting.suppression import UNBOUNDED, Cell, band
from senmediation.rules.deadlines import CLOCK_RULES, Clock

BIG = 10**6
# Tables whose last columns are sums of the columns before them: (the total's column, the parts' columns)
TOTAL_COLUMNS = {"timeliness": (2, (0, 1)), "outcomes-by-decision": (3, (0, 1, 2)),
                 "outcomes-by-element": (3, (0, 1, 2))}
CERTIFICATES_ON_TIME = "Certificates issued within 3 working days"
HELD_ON_TIME = "Mediations held within 30 days"
# The same count in two tables of one period, and one count that is the sum of others in another table
SAME_COUNT = [
    [("enquiries-by-source", "Total", 0), ("enquiries-by-channel", "Total", 0), ("case-types", "Total", 0),
     ("trend-by-month", "Total", 0)],
    [("mediations", "Mediation held", 0), ("trend-by-month", "Total", 1)],
    [("timeliness", HELD_ON_TIME, 2), ("step-days", CLOCK_RULES[Clock.mediation_held].label, 1)],
]
SUM_ACROSS_TABLES = [(("timeliness", CERTIFICATES_ON_TIME, 2),
                      [("step-days", CLOCK_RULES[c].label, 1) for c in CERTIFICATE_CLOCKS])]

Ident = tuple[str, str, int]  # table, row, column of a count in one period's tables
Var = tuple[str, Ident]  # the period's name and the count


@dataclass
class Model:
    """Integer variables with the set of values each may take, and sums: sum(plus) == sum(minus)."""

    sets: dict[Var, tuple[int, int, bool]] = field(default_factory=dict)  # low, high, and "0 or from low"
    truth: dict[Var, int] = field(default_factory=dict)
    shown: dict[Var, str] = field(default_factory=dict)
    protected: set[Var] = field(default_factory=set)
    sums: list[tuple[list[Var], list[Var]]] = field(default_factory=list)


def counts(tables: Sequence[object]) -> dict[Ident, Cell]:
    return {(t.slug, row.label, j): cell for t in tables for row in t.rows  # type: ignore[attr-defined]
            for j, cell in enumerate(row.cells) if isinstance(cell, Cell)}


Band = Callable[[Cell], tuple[int, int, bool]]


def published_band(cell: Cell) -> tuple[int, int, bool]:
    low, high = band(cell)
    return low, min(high, BIG) if high >= UNBOUNDED else high, False


def add_period(model: Model, name: str, shown: Sequence[object], true: Sequence[object],
               band_of: Band = published_band) -> None:
    """One period's tables: its counts and the sums within it."""
    cells, truth = counts(shown), counts(true)
    for ident, cell in cells.items():
        var = (name, ident)
        model.sets[var] = band_of(cell)
        model.truth[var] = truth[ident].value
        model.shown[var] = cell.text
        if not cell.exact:
            model.protected.add(var)
    for t in shown:
        rows = t.rows  # type: ignore[attr-defined]
        for total in (r for r in rows if r.is_total):
            for j, cell in enumerate(total.cells):
                if isinstance(cell, Cell):
                    parts = [(name, (t.slug, r.label, j)) for r in rows if not r.is_total]  # type: ignore[attr-defined]
                    model.sums.append(([(name, (t.slug, total.label, j))], parts))  # type: ignore[attr-defined]
        if t.slug in TOTAL_COLUMNS:  # type: ignore[attr-defined]
            column, parts_at = TOTAL_COLUMNS[t.slug]  # type: ignore[attr-defined]
            for r in rows:
                model.sums.append(([(name, (t.slug, r.label, column))],  # type: ignore[attr-defined]
                                   [(name, (t.slug, r.label, j)) for j in parts_at]))  # type: ignore[attr-defined]
    for group in SAME_COUNT:
        for other in group[1:]:
            if group[0] in cells and other in cells:
                model.sums.append(([(name, group[0])], [(name, other)]))
    for whole, parts in SUM_ACROSS_TABLES:
        if whole in cells and all(p in cells for p in parts):
            model.sums.append(([(name, whole)], [(name, p) for p in parts]))


def add_across(model: Model, whole: str, plus: Sequence[str], minus: Sequence[str]) -> None:
    """Periods that add up: every count of `whole` plus the same count in `plus` equals the sum in `minus`
    (a quarter and its months: plus empty, minus the months)."""
    for var in [v for v in model.sets if v[0] == whole]:
        ident = var[1]
        left = [var] + [(p, ident) for p in plus if (p, ident) in model.sets]
        right = [(p, ident) for p in minus if (p, ident) in model.sets]
        if right or len(left) > 1:
            model.sums.append((left, right))


@dataclass(frozen=True)
class Pin:
    var: Var
    shown: str
    value: int

    def __str__(self) -> str:
        (period, (table, row, column)) = self.var
        return f"{period}: table {table}, row {row!r}, column {column}: shown {self.shown!r}, pinned to {self.value}"


def pinned(model: Model) -> list[Pin]:
    """Every protected count the sums narrow to one value."""
    variables: list[Hashable] = list(model.sets)
    index = {v: i for i, v in enumerate(variables)}
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    gaps = []
    for v in variables:
        low, high, gap = model.sets[v]
        h.addVar(0 if gap else low, high)
        if gap:
            gaps.append((index[v], low, high))
    n = len(variables)
    # The sums first, then each "0 or from low" count through a 0/1 switch z: x <= high*z, x >= low*z
    for plus, minus in model.sums:
        coefficients: dict[int, float] = {}
        for v in plus:
            coefficients[index[v]] = coefficients.get(index[v], 0.0) + 1.0
        for v in minus:
            coefficients[index[v]] = coefficients.get(index[v], 0.0) - 1.0
        cols = np.array(list(coefficients), dtype=np.int32)
        h.addRow(0.0, 0.0, len(cols), cols, np.array(list(coefficients.values())))
    for column, low, high in gaps:
        h.addVar(0, 1)
        z = h.getNumCol() - 1
        h.addRow(-highspy.kHighsInf, 0.0, 2, np.array([column, z], dtype=np.int32), np.array([1.0, -float(high)]))
        h.addRow(0.0, highspy.kHighsInf, 2, np.array([column, z], dtype=np.int32), np.array([1.0, -float(low)]))
    total = h.getNumCol()
    h.changeColsIntegrality(total, np.arange(total, dtype=np.int32),
                            np.array([highspy.HighsVarType.kInteger] * total))
    truth = np.array([model.truth[v] for v in variables])

    def solve(costs: dict[int, float], sense: highspy.ObjSense) -> np.ndarray | None:
        h.changeColsCost(total, np.arange(total, dtype=np.int32),
                         np.array([costs.get(i, 0.0) for i in range(total)]))
        h.changeObjectiveSense(sense)
        h.run()
        if h.getModelStatus() != highspy.HighsModelStatus.kOptimal:
            return None
        return np.rint(np.array(h.getSolution().col_value[:n])).astype(int)

    protected = [index[v] for v in model.protected]
    assert solve({}, highspy.ObjSense.kMinimize) is not None, "the true figures do not satisfy the sums"
    free: set[int] = set()
    # Push every count not yet freed down, then up, while that frees more; the rest are tried one by one.
    for _ in range(8):
        before = len(free)
        for sign in (1.0, -1.0):
            found = solve({i: sign for i in protected if i not in free}, highspy.ObjSense.kMinimize)
            if found is not None:
                free |= {i for i in protected if found[i] != truth[i]}
        if len(free) == before or len(free) == len(protected):
            break
    pins = []
    for i in protected:
        if i in free:
            continue
        low = solve({i: 1.0}, highspy.ObjSense.kMinimize)
        high = solve({i: 1.0}, highspy.ObjSense.kMaximize)
        if low is not None and high is not None and low[i] == high[i]:
            v = variables[i]
            pins.append(Pin(v, model.shown[v], int(low[i])))  # type: ignore[arg-type]
        elif low is not None and high is not None:
            free |= {j for j in protected if low[j] != truth[j] or high[j] != truth[j]}
    return pins
