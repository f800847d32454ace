"""The one published rule, with worked examples: each corner the rule was designed against (docs/disclosure.md)."""

from __future__ import annotations

from senmediation.reporting.suppression import (
    LABEL,
    RULE_TEXT,
    UNBOUNDED,
    Cell,
    Equation,
    Shown,
    band,
    basic,
    pinned,
    protect,
    share_text,
    suppress_column,
    suppress_grid,
    total_of,
)


def shown(cells: list[Cell]) -> list[str]:
    return [c.text for c in cells]


def test_zero_is_shown_one_to_four_are_not_and_the_rest_are_rounded_to_5() -> None:
    cells, _ = suppress_column([0, 1, 4, 5, 7, 8, 12, 13, 1234], with_total=False)
    assert shown(cells) == ["0", LABEL, LABEL, "5", "5", "10", "10", "15", "1,235"]
    # The number a CSV, a chart or the API reads is the rounded one: the true count never leaves.
    assert [c.value for c in cells] == [0, 0, 0, 5, 5, 10, 10, 15, 1235]


def test_what_a_reader_knows_of_each_figure() -> None:
    assert band(basic(0)) == (0, 0)
    assert band(basic(3)) == (0, UNBOUNDED)  # "not shown" is any count, 0 included: one label for every reason
    assert band(basic(6)) == (5, 7)  # 1 to 4 are never rounded up to 5
    assert band(basic(12)) == (8, 12)
    assert band(Cell(9)) == (9, 9)  # exact (managers)


def test_the_issue_example_by_channel_cannot_be_worked_out() -> None:
    """Q1 2026: Online 10, Phone 4, Email 0, Letter 0, Total 14. The old rule showed Total 14 and gave away
    Phone = 4 and Email = 0; now the total is rounded like any count and nothing is pinned."""
    cells, total = suppress_column([10, 4, 0, 0])
    assert total is not None
    assert shown(cells) + [total.text] == ["10", LABEL, "0", "0", "15"]
    published = dict(enumerate([*cells, total]))
    assert pinned(published, [total_of(4, [0, 1, 2, 3])]) == []


def test_four_cells_of_7_whose_total_28_reads_30_are_not_pinned() -> None:
    """Rounding alone: each "5" is 5 to 7 and "30" is 28 to 32, so all four are 7. One more is not shown."""
    equations = [total_of(4, [0, 1, 2, 3])]
    rounded_only = {i: basic(v) for i, v in enumerate([7, 7, 7, 7, 28])}
    assert pinned(rounded_only, equations) == [0, 1, 2, 3, 4]
    cells, total = suppress_column([7, 7, 7, 7])
    assert total is not None
    assert shown(cells) + [total.text] == [LABEL, "5", "5", "5", "30"]  # a detail goes, not the total
    assert pinned(dict(enumerate([*cells, total])), equations) == []


def test_two_cells_of_4_with_a_total_8_read_10_are_not_pinned() -> None:
    """With a label meaning 1 to 4, 8 to 12 could only be 4 + 4; the label means any count, so it cannot."""
    cells, total = suppress_column([4, 4])
    assert total is not None and shown(cells) + [total.text] == [LABEL, LABEL, "10"]
    assert pinned({0: cells[0], 1: cells[1], 2: total}, [total_of(2, [0, 1])]) == []


def test_months_4_4_0_and_their_quarter_8_read_10_are_not_pinned() -> None:
    months = {("month", m): basic(v) for m, v in ((1, 4), (2, 4), (3, 0))}
    quarter = protect({"quarter": 8}, [total_of("quarter", list(months))], known=months)
    assert quarter["quarter"].text == "10"
    assert pinned({**months, **quarter}, [total_of("quarter", list(months))]) == []


def test_a_year_whose_quarters_would_pin_it_is_not_shown() -> None:
    """Quarters of 7, 7, 7, 7 read "5" each (shown on their own pages); the year's 28 would read "30" and pin
    every quarter at 7, so the year's count is not shown."""
    quarters = {("quarter", q): basic(7) for q in (1, 2, 3, 4)}
    equation = total_of("year", list(quarters))
    year = protect({"year": 28}, [equation], known=quarters)
    assert year["year"].shown is Shown.hidden
    assert pinned({**quarters, **year}, [equation]) == []


def test_12_months_beside_the_12_months_before() -> None:
    """The 12 months to April against those to March: the two differ by April this year less April last
    year. The later window holds back a count where the difference would pin one."""
    # Last year's April 1 leaves, this year's April 0 arrives: to March "5" (7 meetings), to April 6
    known = {"march": basic(7), "april_before": basic(1), "april_now": basic(0)}
    equation = Equation(("april", "april_before"), ("march", "april_now"))
    april = protect({"april": 6}, [equation], known=known)
    assert pinned({**known, **april}, [equation]) == []


def test_rows_and_columns_are_both_protected() -> None:
    grid = suppress_grid([[2, 10, 12], [7, 8, 15], [9, 18, 27]], total_row=True, total_column=True)
    assert [shown(row) for row in grid] == [[LABEL, "10", "10"], ["5", "10", "15"], ["10", "20", "25"]]
    published = {(r, c): cell for r, row in enumerate(grid) for c, cell in enumerate(row)}
    equations = [total_of((r, 2), [(r, 0), (r, 1)]) for r in range(3)]
    equations += [total_of((2, c), [(0, c), (1, c)]) for c in range(3)]
    assert pinned(published, equations) == []


def test_shares_are_worked_out_from_the_rounded_figures() -> None:
    on_time, late = suppress_column([27, 8], with_total=False)[0]
    total = basic(35)
    assert (on_time.text, late.text, total.text) == ("25", "10", "35")
    assert share_text(on_time, total, late) == "71%"  # 25 of 35: the true 27 of 35 (77%) is not given away
    on_time, late = suppress_column([38, 2], with_total=False)[0]
    assert share_text(on_time, basic(40), late) == LABEL
    assert share_text(Cell(36), Cell(40), Cell(4)) == "90%"  # managers: exact
    assert share_text(Cell(0), Cell(0), Cell(0)) == "none to count"


def test_the_rule_is_said_in_plain_words() -> None:
    assert RULE_TEXT.startswith("To protect families, counts of people follow one rule. 0 is shown as 0.")
    assert f'reads "{LABEL}"' in RULE_TEXT
