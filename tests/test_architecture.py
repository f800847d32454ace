"""The import contract: which layers may import which, read from the source (imports inside functions
included), so a circle dodged with a local import still counts.

- `rules` is pure Python: no Django and no app.
- `core` (clock, errors, base model, shared form pieces) imports no app: every app may use it.
- `directory` (reference data) does not import case work.
"""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent / "senmediation"
CASE_WORK = ("cases", "referrals", "meetings", "agreements", "documents", "notifications", "portal", "audit")
APPS = tuple(
    p.name for p in ROOT.iterdir() if p.is_dir() and (p / "apps.py").exists()
)


def _modules(package: str) -> list[Path]:
    return [p for p in (ROOT / package).rglob("*.py") if "tests" not in p.parts and "migrations" not in p.parts]


def _imports(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(), filename=str(path))
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                # Relative imports stay inside their own package unless they climb out of it.
                parts = path.relative_to(ROOT.parent).with_suffix("").parts[: -node.level]
                base = ".".join(parts)
                found.append((node.lineno, f"{base}.{node.module}" if node.module else base))
            elif node.module:
                found.append((node.lineno, node.module))
    return found


def _breaches(package: str, forbidden: tuple[str, ...]) -> list[str]:
    out = []
    for path in _modules(package):
        for line, name in _imports(path):
            if name.startswith(forbidden):
                out.append(f"{path.relative_to(ROOT.parent)}:{line} imports {name}")
    return out


def test_the_apps_are_found() -> None:
    assert {"core", "directory", "cases", "referrals"} <= set(APPS)


def test_rules_import_no_app_and_no_django() -> None:
    forbidden = ("django", *(f"senmediation.{app}" for app in APPS))
    assert _breaches("rules", forbidden) == []


def test_core_imports_no_app() -> None:
    forbidden = tuple(f"senmediation.{app}" for app in APPS if app != "core")
    assert _breaches("core", forbidden) == []


def test_reference_data_does_not_import_case_work() -> None:
    forbidden = tuple(f"senmediation.{app}" for app in CASE_WORK)
    assert _breaches("directory", forbidden) == []


@pytest.mark.parametrize("package", ["rules", "core", "directory"])
def test_the_contract_would_catch_a_breach(package: str, tmp_path: Path) -> None:
    # A function-level import is found as surely as one at the top of the file.
    sample = tmp_path / "sample.py"
    sample.write_text("def f():\n    from senmediation.cases.models import Case\n    return Case\n")
    assert _imports(sample) == [(2, "senmediation.cases.models")]


def _circles(graph: Any, modules: set[str]) -> list[list[str]]:
    """Groups of modules that import each other round a circle (Tarjan's strongly connected components)."""
    imports = {m: [i for i in graph.find_modules_directly_imported_by(m) if i in modules and i != m] for m in modules}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for other in imports[module]:
            if other not in index:
                visit(other)
                low[module] = min(low[module], low[other])
            elif other in on_stack:
                low[module] = min(low[module], index[other])
        if low[module] == index[module]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == module:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for module in sorted(modules):
        if module not in index:
            visit(module)
    return found


def test_no_import_circle_between_modules() -> None:
    """Issue 25: no two modules of senmediation/ import each other, directly or round a longer circle (imports
    inside functions count: grimp reads them)."""
    import grimp

    graph = grimp.build_graph("senmediation")
    assert _circles(graph, set(graph.modules)) == []


def test_the_circle_check_finds_a_circle() -> None:
    class Graph:
        edges = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}

        def find_modules_directly_imported_by(self, module: str) -> set[str]:
            return self.edges[module]

    assert _circles(Graph(), {"a", "b", "c", "d"}) == [["a", "b", "c"]]
