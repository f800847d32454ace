"""Disclosure control: the one published rule for every count of people shown outside the provider's
managers (pure Python, no Django). docs/disclosure.md explains the reasoning.

The rule (RULE_TEXT says it to readers):
- 0 is shown as 0: it identifies nobody.
- A count from 1 to 4 is not shown.
- Every other count is rounded to the nearest 5 (5, 6 and 7 read "5"; 8 to 12 read "10"; and so on).
- A total is a count like any other: rounded or not shown by the same rule, never worked out exactly.
- Where the rounded figures could still be used to pin a count to one value (a total whose range only
  just meets the range of the figures it adds up, in this table or against a shorter or neighbouring
  period), one more count is not shown, occasionally a 0. Every count not shown carries the same label,
  whatever the reason.

So a reader who knows the rule knows each figure only as a range: "0" is 0; "5" is 5 to 7; "10" is 8 to 12;
"not shown" is any count, 0 included. `band` gives that range; `protect` checks every published sum with it.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, TypeVar

THRESHOLD = 5
BASE = 5  # counts are rounded to a multiple of this
LABEL = "not shown"
UNBOUNDED = 10**9  # what a reader knows of the top of a count not shown: nothing
RULE_TEXT = (f"To protect families, counts of people follow one rule. 0 is shown as 0. A count from 1 to "
             f"{THRESHOLD - 1} is not shown. Every other count, totals included, is rounded to the nearest "
             f"{BASE}, so a total may differ from the sum of the figures above it. Where rounded figures could "
             f"still be used to work out a count exactly, another count (sometimes a 0) is not shown as well. Every "
             f'count not shown reads "{LABEL}", whatever it is. Shares are worked out from the rounded figures.')
# Kept for callers written for the earlier rule: both words now name the one label.
SMALL_TEXT = HIDDEN_TEXT = LABEL
HIDDEN_EXPLAINED = RULE_TEXT


class Shown(StrEnum):
    value = "value"  # exact: for managers, and 0
    rounded = "rounded"  # rounded to the nearest 5
    hidden = "hidden"  # not shown (1 to 4, or held back to protect another count)
    small = "hidden"  # the earlier name for a count from 1 to 4: the same label now


@dataclass(frozen=True)
class Cell:
    """A count as published. `value` is the number shown (rounded for commissioners; 0 when not shown): the
    true count of a protected cell never leaves this module."""

    value: int
    shown: Shown = Shown.value

    @property
    def text(self) -> str:
        return LABEL if self.shown is Shown.hidden else f"{self.value:,}"

    @property
    def visible(self) -> bool:
        """A number is shown (exact or rounded)."""
        return self.shown is not Shown.hidden

    @property
    def exact(self) -> bool:
        return self.shown is Shown.value


def is_small(value: int) -> bool:
    return 0 < value < THRESHOLD


def rounded(value: int) -> int:
    return BASE * ((value + BASE // 2) // BASE)


def basic(value: int) -> Cell:
    """The rule before any further protection: 0 exact, 1 to 4 not shown, the rest rounded."""
    if value == 0:
        return Cell(0)
    if is_small(value):
        return HIDDEN
    return Cell(rounded(value), Shown.rounded)


def band(cell: Cell) -> tuple[int, int]:
    """Every true count consistent with what is shown and the published rule."""
    if cell.shown is Shown.value:
        return cell.value, cell.value
    if cell.shown is Shown.hidden:
        return 0, UNBOUNDED
    half = BASE // 2
    return max(cell.value - half, THRESHOLD), cell.value + half


HIDDEN = Cell(0, Shown.hidden)


@dataclass(frozen=True)
class Equation:
    """A published sum: the counts in `plus` add up to the counts in `minus` (a total and its parts, the same
    count in two tables, a longer period and the shorter ones that make it up)."""

    plus: tuple[Hashable, ...]
    minus: tuple[Hashable, ...]


def total_of(total: Hashable, parts: Sequence[Hashable]) -> Equation:
    return Equation((total,), tuple(parts))


Bounds = dict[Hashable, tuple[int, int]]
K = TypeVar("K", bound=Hashable)


def _propagate(bounds: Bounds, equations: Sequence[Equation]) -> Bounds:
    """Narrows every range by each sum in turn until nothing changes. For one sum of ranges this is exact
    (the integers a count can take given the others' ranges form a range); across several sums it can leave
    a range wider than an integer program would, which the attacker test in the test suite checks. A sum is
    looked at again only when one of its counts has narrowed."""
    b = dict(bounds)
    terms = [[(k, 1) for k in eq.plus] + [(k, -1) for k in eq.minus] for eq in equations]
    # A sum of exact counts (zeros, mostly) narrows nothing
    todo = [i for i, t in enumerate(terms) if any(b[k][0] != b[k][1] for k, _ in t)]
    uses: dict[Hashable, list[int]] = {}
    for i in todo:
        for k, _ in terms[i]:
            uses.setdefault(k, []).append(i)
    queued = set(todo)
    budget = 60 * max(len(todo), 1)
    while todo and budget:
        budget -= 1
        i = todo.pop()
        queued.discard(i)
        eq = terms[i]
        lows = [b[k][0] if s > 0 else -b[k][1] for k, s in eq]
        highs = [b[k][1] if s > 0 else -b[k][0] for k, s in eq]
        low_sum, high_sum = sum(lows), sum(highs)
        for (k, s), lo_i, hi_i in zip(eq, lows, highs, strict=True):
            # s * x_k = -(the sum of the other terms)
            rest_lo, rest_hi = low_sum - lo_i, high_sum - hi_i
            new_lo, new_hi = (-rest_hi, -rest_lo) if s > 0 else (rest_lo, rest_hi)
            lo, hi = b[k]
            if new_lo > lo or new_hi < hi:
                b[k] = (max(lo, new_lo), min(hi, new_hi))
                for j in uses.get(k, ()):
                    if j != i and j not in queued:
                        queued.add(j)
                        todo.append(j)
    return b


def pinned(cells: Mapping[Hashable, Cell], equations: Sequence[Equation]) -> list[Hashable]:
    """The protected counts (rounded or not shown) that the published sums narrow to one value."""
    bounds = _propagate({k: band(c) for k, c in cells.items()}, equations)
    return [k for k, c in cells.items() if not c.exact and bounds[k][0] == bounds[k][1]]


def protect(values: Mapping[K, int], equations: Sequence[Equation], *, known: Mapping[Any, Cell] | None = None,
            preference: Mapping[K, int] | None = None) -> dict[K, Cell]:
    """Publishes `values` by the rule. `known`: counts published elsewhere (a neighbouring period, shown by the
    basic rule), which take part in the sums but are not changed here. Showing less elsewhere only widens what
    a reader knows, so checking against the basic rule is safe whatever the other page holds back.

    Where a sum pins a count, one more of this page's counts in the same sums is not shown: the first that
    frees it, preferring (by `preference`, lower first) a detail to a total, then a smaller count, and a 0
    only where nothing else will do."""
    cells: dict[K, Cell] = {k: basic(v) for k, v in values.items()}
    prefer: Mapping[K, int] = preference or {}
    everything: dict[Hashable, Cell] = dict(known or {})
    everything.update(cells.items())
    unfree: set[Hashable] = set()  # pinned by the other pages' figures alone: nothing here frees them
    for _ in range(len(cells) + 1):
        stuck = [k for k in pinned(everything, equations) if k not in unfree]
        if not stuck:
            break
        target = stuck[0]
        near = {k for eq in equations if target in eq.plus or target in eq.minus for k in (*eq.plus, *eq.minus)}
        candidates = sorted((k for k in cells if k in near and cells[k].visible),
                            key=lambda k: (values[k] == 0, prefer.get(k, 0), values[k], str(k)))
        for k in candidates[:6]:
            trial = {**everything, k: HIDDEN}
            if target not in pinned(trial, equations):
                cells[k] = everything[k] = HIDDEN
                break
        else:
            unfree.add(target)
    return cells


def suppress_grid(
    values: Sequence[Sequence[int]], *, total_row: bool = False, total_column: bool = False
) -> list[list[Cell]]:
    """Protects a table of counts. `total_column`: each row's last cell is the sum of the others;
    `total_row`: the last row is the sum of the rows above. Say which totals are real sums: they are
    checked so that no count can be pinned from them."""
    grid = [list(row) for row in values]
    flat = {(r, c): v for r, row in enumerate(grid) for c, v in enumerate(row)}
    equations = []
    if total_column:
        equations += [total_of((r, len(row) - 1), [(r, c) for c in range(len(row) - 1)])
                      for r, row in enumerate(grid) if len(row) > 1]
    if total_row and len(grid) > 1:
        last = len(grid) - 1
        equations += [total_of((last, c), [(r, c) for r in range(last) if c < len(grid[r])])
                      for c in range(len(grid[last]))]
    # Prefer holding back a detail to a total
    preference = {(r, c): int((total_row and r == len(grid) - 1) or (total_column and c == len(row) - 1))
                  for r, row in enumerate(grid) for c in range(len(row))}
    cells = protect(flat, equations, preference=preference)
    return [[cells[(r, c)] for c in range(len(row))] for r, row in enumerate(grid)]


def suppress_column(values: Sequence[int], *, with_total: bool = True) -> tuple[list[Cell], Cell | None]:
    """A list of counts and (optionally) their total, protected together."""
    rows = [[v] for v in values] + ([[sum(values)]] if with_total else [])
    cells = [row[0] for row in suppress_grid(rows, total_row=with_total)]
    return (cells[:-1], cells[-1]) if with_total else (cells, None)


def plain(value: int) -> Cell:
    """A count shown as it is (for managers, inside the provider)."""
    return Cell(value)


def share_text(part: Cell, whole: Cell, rest: Cell) -> str:
    """A percentage worked out from the figures as shown (rounded for commissioners), so it tells a reader
    nothing the figures do not; not shown where the part or the rest is not shown."""
    if not (part.visible and whole.visible and rest.visible):
        return LABEL
    if whole.value == 0:
        return "none to count"
    return f"{round(100 * part.value / whole.value)}%"
