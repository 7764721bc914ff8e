"""Layers point one way (ARCHITECTURE.md, issue #8): adapters depend on register (and search), register on nothing
above it, api and portal not on each other; and no `try: import ... except ImportError` around our own apps."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "weltnetz"
APPS = ("register", "search", "portal", "api", "importers", "ingest", "operations")
# What each app may not import (its own migrations included).
FORBIDDEN = {
    "register": ("search", "portal", "api", "importers", "ingest", "operations"),
    "search": ("portal", "api", "importers", "ingest", "operations"),
    "api": ("portal", "importers", "ingest"),
    "portal": ("api",),
    "importers": ("portal", "api", "ingest"),
    "ingest": ("portal", "api", "importers"),
}


def imports(path: Path) -> list[tuple[int, str]]:
    """(line, module) of every import in a file, relative ones resolved against the package."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts[:-1])
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                base = ".".join(parts[: len(parts) - node.level + 1] + ([base] if base else []))
            found.append((node.lineno, base))
    return found


@pytest.mark.parametrize("app", sorted(FORBIDDEN))
def test_an_app_imports_only_the_layers_below_it(app: str):
    wrong = [
        f"{path.relative_to(PACKAGE.parent)}:{line} imports {module}"
        for path in sorted((PACKAGE / app).rglob("*.py"))
        for line, module in imports(path)
        if any(module == f"weltnetz.{other}" or module.startswith(f"weltnetz.{other}.") for other in FORBIDDEN[app])
    ]
    assert wrong == []


def test_no_import_of_our_own_apps_is_guarded_by_import_error():
    guarded = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Try):
                continue
            catches = {ast.unparse(h.type) for h in node.handlers if h.type is not None}
            own = [m for stmt in node.body for _, m in imports_of(stmt) if m.startswith("weltnetz")]
            if own and catches & {"ImportError", "ModuleNotFoundError"}:
                guarded.append(f"{path.relative_to(PACKAGE.parent)}:{node.lineno} {own}")
    assert guarded == []


def imports_of(node: ast.AST) -> list[tuple[int, str]]:
    out = []
    for sub in ast.walk(node):
        if isinstance(sub, ast.Import):
            out += [(sub.lineno, a.name) for a in sub.names]
        elif isinstance(sub, ast.ImportFrom) and sub.module and not sub.level:
            out.append((sub.lineno, sub.module))
    return out


def test_the_check_sees_relative_and_absolute_imports():
    """The control: the parser finds relative and absolute imports."""
    path = PACKAGE / "register" / "models.py"
    modules = {m for _, m in imports(path)}
    assert "weltnetz.register.querysets" in modules and "django.db" in modules
