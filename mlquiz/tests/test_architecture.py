"""The app-level import graph stated in docs/architecture.md holds in the code.

Every import in the apps' code (tests and migrations aside, as the rule says) is read with
`ast`, lazy imports inside functions included, and folded to app → app edges.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
APPS = ("accounts", "api", "catalog", "courses", "exercises", "grader", "lti", "quizzes")
DOC = ROOT / "docs" / "architecture.md"


def _code_files(app: str) -> list[Path]:
    return [
        path
        for path in (ROOT / app).rglob("*.py")
        if "tests" not in path.parts and "migrations" not in path.parts
    ]


def _imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


def _app_edges() -> dict[str, set[str]]:
    edges: dict[str, set[str]] = {app: set() for app in APPS}
    for app in APPS:
        for path in _code_files(app):
            for module in _imported_modules(path):
                top = module.split(".")[0]
                if top in APPS and top != app:
                    edges[app].add(top)
    return edges


def _cycle(edges: dict[str, set[str]]) -> list[str] | None:
    """One circle of imports between apps, or None."""
    state: dict[str, str] = {}
    stack: list[str] = []

    def visit(app: str) -> list[str] | None:
        state[app] = "open"
        stack.append(app)
        for other in sorted(edges[app]):
            if state.get(other) == "open":
                return [*stack[stack.index(other) :], other]
            if other not in state and (found := visit(other)):
                return found
        stack.pop()
        state[app] = "done"
        return None

    for app in APPS:
        if app not in state and (found := visit(app)):
            return found
    return None


def test_no_two_apps_import_each_other_directly_or_in_a_longer_circle() -> None:
    assert _cycle(_app_edges()) is None, " → ".join(_cycle(_app_edges()) or [])


def test_the_cycle_finder_finds_a_planted_circle() -> None:
    edges: dict[str, set[str]] = {app: set() for app in APPS} | {
        "catalog": {"quizzes"},
        "quizzes": {"catalog"},
    }
    assert _cycle(edges) == ["catalog", "quizzes", "catalog"]


@pytest.mark.parametrize("path", _code_files("grader"), ids=lambda p: p.name)
def test_the_grader_is_a_library_that_imports_no_django_celery_or_app(path: Path) -> None:
    forbidden = {"django", "celery", *(app for app in APPS if app != "grader")}
    tops = {module.split(".")[0] for module in _imported_modules(path)}
    assert not tops & forbidden, f"{path.name} imports {sorted(tops & forbidden)}"


def test_the_sql_dialect_module_is_a_leaf_any_app_may_use() -> None:
    """mlquiz/sql.py is the one place that branches on the database; apps import it, so it
    must import nothing of the project."""
    tops = {module.split(".")[0] for module in _imported_modules(ROOT / "mlquiz" / "sql.py")}
    assert not tops & {*APPS, "mlquiz"}
    vendor_checks = [
        path
        for app in APPS
        for path in _code_files(app)
        if ".vendor" in path.read_text(encoding="utf-8") and "management" not in path.parts
    ]
    assert vendor_checks == []


def test_the_documented_graph_is_the_real_one() -> None:
    """docs/architecture.md lists each app's imports as `app → a, b`; they must match."""
    documented: dict[str, set[str]] = {}
    for line in DOC.read_text(encoding="utf-8").splitlines():
        match = re.match(r"^- `(\w+)` → (.*)$", line)
        if match and match.group(1) in APPS:
            targets = re.findall(r"`(\w+)`", match.group(2))
            documented[match.group(1)] = set(targets)
    assert documented == _app_edges()


def test_no_app_imports_the_api() -> None:
    """api/ is an outer layer (only mlquiz/urls.py mounts it): the domain never depends on
    how it is exposed."""
    importers = sorted(app for app, targets in _app_edges().items() if "api" in targets)
    assert importers == []


def test_make_test_collects_every_folder_of_tests() -> None:
    """`pytest` with no arguments (what `make test` runs) reads `testpaths`: a folder of tests
    left out of it is never run in CI (lti/tests was, until this test)."""
    import tomllib

    options = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    testpaths = set(options["tool"]["pytest"]["ini_options"]["testpaths"])
    folders = {
        path.parent.relative_to(ROOT).parts[0]
        for path in ROOT.glob("*/tests/test_*.py")
        if path.parent.relative_to(ROOT).parts[0] not in {".venv", "node_modules"}
    }
    assert folders - testpaths == set(), "test folders missing from testpaths in pyproject.toml"
