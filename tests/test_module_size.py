"""No module of the project over 400 lines (issue 25): past that a file holds more than one idea, and the next
change is hard to review. Read over senmediation/ (the apps' own tests included), config/ and bench/; migrations
are generated and left out."""

from __future__ import annotations

from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
LIMIT = 400


def _too_long(roots: list[Path]) -> list[str]:
    found = []
    for root in roots:
        for path in sorted(root.rglob("*.py")):
            if "migrations" in path.parts:
                continue
            lines = len(path.read_text(encoding="utf-8").splitlines())
            if lines > LIMIT:
                found.append(f"{root.name}/{path.relative_to(root)}: {lines} lines")
    return found


def test_no_module_is_over_400_lines() -> None:
    assert _too_long([PROJECT / "senmediation", PROJECT / "config", PROJECT / "bench"]) == []


def test_the_check_names_a_long_file(tmp_path: Path) -> None:
    (tmp_path / "long.py").write_text("x = 1\n" * (LIMIT + 1))
    (tmp_path / "short.py").write_text("x = 1\n" * LIMIT)
    found = _too_long([tmp_path])
    assert len(found) == 1 and found[0].endswith("long.py: 401 lines")
