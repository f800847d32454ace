"""Small-number suppression for figures that leave the provider (pure Python, no Django).

A count from 1 to 4 could identify a family, so it is shown as "fewer than 5" (primary suppression).
Where a total or the other cells of a row or column would let a reader work a hidden count out, one
more cell is hidden too (secondary suppression), repeated until no group has a single hidden cell.
Zero is shown: it identifies nobody.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

THRESHOLD = 5
SMALL_TEXT = "fewer than 5"
HIDDEN_TEXT = "hidden"
HIDDEN_EXPLAINED = "Hidden so that a number fewer than 5 cannot be worked out from the other figures."


class Shown(StrEnum):
    value = "value"
    small = "small"  # 1 to 4
    hidden = "hidden"  # hidden so a small number cannot be worked out


@dataclass(frozen=True)
class Cell:
    value: int
    shown: Shown = Shown.value

    @property
    def text(self) -> str:
        if self.shown is Shown.small:
            return SMALL_TEXT
        if self.shown is Shown.hidden:
            return HIDDEN_TEXT
        return f"{self.value:,}"

    @property
    def visible(self) -> bool:
        return self.shown is Shown.value


def is_small(value: int) -> bool:
    return 0 < value < THRESHOLD


def suppress_grid(
    values: Sequence[Sequence[int]], *, total_row: bool = False, total_column: bool = False
) -> list[list[Cell]]:
    """Suppresses a table of counts. `total_column`: each row's last cell is the sum of the others;
    `total_row`: the last row is the sum of the rows above. Only additive groups are checked for
    secondary suppression, so say which totals are real sums."""
    grid = [list(row) for row in values]
    marked: dict[tuple[int, int], Shown] = {
        (r, c): Shown.small for r, row in enumerate(grid) for c, value in enumerate(row) if is_small(value)
    }
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
            # Hide the smallest other figure: the least information lost.
            pick = min(others, key=lambda pos: (grid[pos[0]][pos[1]], pos))
            marked[pick] = Shown.hidden
            changed = True
    return [[Cell(value, marked.get((r, c), Shown.value)) for c, value in enumerate(row)] for r, row in enumerate(grid)]


def suppress_column(values: Sequence[int], *, with_total: bool = True) -> tuple[list[Cell], Cell | None]:
    """A list of counts and (optionally) their total, suppressed together."""
    rows = [[v] for v in values] + ([[sum(values)]] if with_total else [])
    cells = [row[0] for row in suppress_grid(rows, total_row=with_total)]
    return (cells[:-1], cells[-1]) if with_total else (cells, None)


def plain(value: int) -> Cell:
    """A count shown as it is (for managers, inside the provider)."""
    return Cell(value)


def share_text(part: Cell, whole: Cell, rest: Cell) -> str:
    """A percentage, shown only where neither the part nor the rest is hidden (it would reveal them)."""
    if not (part.visible and whole.visible and rest.visible):
        return HIDDEN_TEXT
    if whole.value == 0:
        return "none to count"
    return f"{round(100 * part.value / whole.value)}%"
