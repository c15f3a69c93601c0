"""The domain layers never import Qt or the UI: import-linter contracts and a source scan."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from importlinter.cli import lint_imports

PACKAGE = Path(__file__).resolve().parents[1] / "msc_desk"
DOMAIN = ("scoring", "models", "services", "security", "center", "analysis", "reports")
FORBIDDEN = ("PySide6", "shiboken6", "msc_desk.ui")


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


@pytest.mark.parametrize("layer", DOMAIN)
def test_domain_layer_imports_no_qt(layer: str) -> None:
    offenders = [
        f"{path.relative_to(PACKAGE)}: {name}"
        for path in (PACKAGE / layer).rglob("*.py")
        for name in _imports(path)
        if name.startswith(FORBIDDEN)
    ]
    assert offenders == []


def test_import_linter_contracts_hold() -> None:
    assert lint_imports() == 0
