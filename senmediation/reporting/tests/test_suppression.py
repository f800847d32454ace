from senmediation.reporting.suppression import (
    HIDDEN_TEXT,
    SMALL_TEXT,
    Cell,
    Shown,
    share_text,
    suppress_column,
    suppress_grid,
)


def shown(cells: list[Cell]) -> list[str]:
    return [c.text for c in cells]


def test_one_to_four_are_fewer_than_5_and_zero_and_five_are_shown() -> None:
    cells, total = suppress_column([0, 1, 4, 5, 12], with_total=False)
    assert shown(cells) == ["0", SMALL_TEXT, SMALL_TEXT, "5", "12"]
    assert total is None


def test_a_lone_small_cell_hides_the_next_smallest_so_the_total_cannot_reveal_it() -> None:
    cells, total = suppress_column([3, 20, 9])
    assert shown(cells) == [SMALL_TEXT, "20", HIDDEN_TEXT]
    assert total is not None and total.text == "32"


def test_two_small_cells_protect_each_other() -> None:
    cells, total = suppress_column([3, 2, 40])
    assert shown(cells) == [SMALL_TEXT, SMALL_TEXT, "40"]
    assert total is not None and total.text == "45"


def test_a_small_total_and_its_small_cell_say_no_more_than_fewer_than_5() -> None:
    cells, total = suppress_column([3, 0])
    assert total is not None and total.shown is Shown.small
    assert shown(cells) == [SMALL_TEXT, "0"]


def test_a_single_cell_with_its_total_hides_the_total() -> None:
    cells, total = suppress_column([3])
    assert cells[0].shown is Shown.small and total is not None and not total.visible


def test_rows_and_columns_are_both_protected() -> None:
    # Two rows with row totals, and a total row: the 2 must not be recoverable from either direction.
    grid = suppress_grid([[2, 10, 12], [7, 8, 15], [9, 18, 27]], total_row=True, total_column=True)
    hidden = {(r, c) for r, row in enumerate(grid) for c, cell in enumerate(row) if not cell.visible}
    assert (0, 0) in hidden
    for r in range(3):
        assert len([c for c in range(3) if (r, c) in hidden]) != 1
    for c in range(3):
        assert len([r for r in range(3) if (r, c) in hidden]) != 1


def test_no_small_numbers_changes_nothing() -> None:
    grid = suppress_grid([[0, 10], [6, 0]], total_row=True)
    assert all(cell.visible for row in grid for cell in row)


def test_a_share_is_hidden_when_it_would_reveal_a_small_number() -> None:
    on_time, late = suppress_column([38, 2], with_total=False)[0]
    assert share_text(on_time, Cell(40), late) == HIDDEN_TEXT
    assert share_text(Cell(36), Cell(40), Cell(4)) == "90%"
    assert share_text(Cell(0), Cell(0), Cell(0)) == "none to count"
