"""Bar charts drawn on the server as accessible SVG: role="img", a <title> and <desc>, a one-sentence
summary, and the data table beside them. No script: they work without JavaScript and in the PDF.
The charts draw the same protected cells as the tables (suppression.py): a count not shown is never drawn (its
bar's height would reveal it), a rounded count is drawn at its rounded height, and the text alternative says
both, so no bar is read as an exact figure."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from django.utils.safestring import SafeString, mark_safe

from .suppression import BASE, LABEL, Cell, Shown
from .tables import Table

COLOURS = ("#5a2d82", "#00703c")  # both at least 3:1 against white (WCAG 2.2 non-text contrast)
WIDTH, HEIGHT, LEFT, BOTTOM, TOP = 640, 260, 44, 56, 30


@dataclass(frozen=True)
class Chart:
    slug: str
    title: str
    summary: str
    svg: SafeString
    table_slug: str


def _cells(table: Table, column: int, *, skip_total: bool = True) -> list[tuple[str, Cell]]:
    return [(row.label, c) for row in table.rows if not (skip_total and row.is_total)
            for c in [row.cells[column]] if isinstance(c, Cell)]


def _scale(top: int) -> tuple[int, list[int]]:
    """A round maximum for the axis and its gridline values."""
    top = max(top, 1)
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000, 20000, 50000, 100000):
        if top <= step * 5:
            ceiling = -(-top // step) * step
            return ceiling, list(range(0, ceiling + 1, step))
    ceiling = top
    return ceiling, [0, ceiling]


def bar_chart(*, slug: str, title: str, desc: str, categories: list[str], series: list[tuple[str, list[Cell]]]
              ) -> SafeString:
    """Vertical grouped bars: one group per category, one bar per series."""
    shown = [c.value for _, cells in series for c in cells if c.visible]
    ceiling, ticks = _scale(max(shown, default=0))
    plot_w, plot_h = WIDTH - LEFT - 10, HEIGHT - BOTTOM - TOP
    group_w = plot_w / max(len(categories), 1)
    bar_w = min(28.0, group_w * 0.8 / max(len(series), 1))
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" width="100%" '
             f'role="img" aria-labelledby="{slug}-title {slug}-desc" class="app-chart">',
             f'<title id="{slug}-title">{escape(title)}</title><desc id="{slug}-desc">{escape(desc)}</desc>']
    for tick in ticks:
        y = TOP + plot_h - plot_h * tick / ceiling
        parts.append(f'<line x1="{LEFT}" x2="{WIDTH - 10}" y1="{y:.1f}" y2="{y:.1f}" stroke="#b1b4b6" '
                     f'stroke-width="1"/><text x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end" font-size="11" '
                     f'fill="#0b0c0c">{tick:,}</text>')
    for i, category in enumerate(categories):
        x0 = LEFT + i * group_w + (group_w - bar_w * len(series)) / 2
        for s, (_, cells) in enumerate(series):
            cell = cells[i]
            x = x0 + s * bar_w
            if not cell.visible:  # a suppressed count: mark the gap instead of drawing its height
                parts.append(f'<text x="{x + bar_w / 2:.1f}" y="{TOP + plot_h - 4}" text-anchor="middle" '
                             f'font-size="10" fill="#0b0c0c">*</text>')
                continue
            if cell.value == 0:
                continue
            h = plot_h * cell.value / ceiling
            parts.append(f'<rect x="{x:.1f}" y="{TOP + plot_h - h:.1f}" width="{bar_w - 2:.1f}" height="{h:.1f}" '
                         f'fill="{COLOURS[s % len(COLOURS)]}"/>')
        label = category if len(categories) <= 6 else category[:3]
        parts.append(f'<text x="{LEFT + i * group_w + group_w / 2:.1f}" y="{TOP + plot_h + 16}" '
                     f'text-anchor="middle" font-size="11" fill="#0b0c0c">{escape(label)}</text>')
    for s, (name, _) in enumerate(series):
        x = LEFT + s * 180
        parts.append(f'<rect x="{x}" y="6" width="12" height="12" fill="{COLOURS[s % len(COLOURS)]}"/>'
                     f'<text x="{x + 18}" y="16" font-size="12" fill="#0b0c0c">{escape(name)}</text>')
    if any(not c.visible for _, cells in series for c in cells):
        parts.append(f'<text x="{LEFT}" y="{HEIGHT - 12}" font-size="11" fill="#0b0c0c">* {LABEL}: no bar is '
                     'drawn, see the table</text>')
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 -- every piece of text above is escaped


def _say(cell: Cell | str) -> str:
    if isinstance(cell, str):
        return cell
    if cell.shown is Shown.hidden:
        return "a number not shown"
    return f"about {cell.text}" if cell.shown is Shown.rounded else cell.text


def _protection_note(cells: list[Cell]) -> str:
    """What the bars are: said in the text alternative wherever a figure is not exact."""
    notes = []
    if any(c.shown is Shown.rounded for c in cells):
        notes.append(f"Bars show figures rounded to the nearest {BASE}, not exact counts.")
    if any(c.shown is Shown.hidden for c in cells):
        notes.append(f'Figures marked "{LABEL}" have no bar.')
    return (" " + " ".join(notes)) if notes else ""


def _most(cells: list[tuple[str, Cell]]) -> tuple[str, Cell] | None:
    visible = [(label, c) for label, c in cells if c.visible and c.value > 0]
    return max(visible, key=lambda item: item[1].value) if visible else None


def report_charts(tables: list[Table]) -> list[Chart]:
    by_slug = {t.slug: t for t in tables}
    charts = []
    trend = by_slug["trend-by-month"]
    enquiries, held = _cells(trend, 0), _cells(trend, 1)
    total = next(row for row in trend.rows if row.is_total)
    busiest = _most(enquiries)
    summary = (f"{_say(total.cells[0])} enquiries and {_say(total.cells[1])} mediations held in the period" + (f"; the busiest month for enquiries was {busiest[0]} with {_say(busiest[1])}."
                               if busiest else "."))
    summary = summary[0].upper() + summary[1:]
    summary += _protection_note([c for _, c in enquiries + held] + [c for c in total.cells if isinstance(c, Cell)])
    charts.append(Chart("chart-trend", "Enquiries and mediations held by month", summary, bar_chart(
        slug="chart-trend", title="Enquiries and mediations held by month", desc=summary,
        categories=[label for label, _ in enquiries],
        series=[("Enquiries", [c for _, c in enquiries]), ("Mediations held", [c for _, c in held])],
    ), "trend-by-month"))
    outcomes = _cells(by_slug["outcomes"], 0)
    held_total = next(row for row in by_slug["outcomes"].rows if row.is_total).cells[0]
    summary = (f"Of {_say(held_total)} mediations held with an outcome recorded, "
               + ", ".join(f"{_say(c)} ended in {label.lower()}" for label, c in outcomes) + ".")
    summary += _protection_note([c for _, c in outcomes] + ([held_total] if isinstance(held_total, Cell) else []))
    charts.append(Chart("chart-outcomes", "Outcomes of mediations held", summary, bar_chart(
        slug="chart-outcomes", title="Outcomes of mediations held", desc=summary,
        categories=[label for label, _ in outcomes], series=[("Meetings", [c for _, c in outcomes])],
    ), "outcomes"))
    return charts
