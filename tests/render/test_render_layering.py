"""The renderers are pure: of storage they know only the shared vocabulary, ``storage.models``."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

RENDER = Path(__file__).resolve().parents[2] / "bot" / "render"


def _imported_modules(path: Path) -> set[str]:
    modules: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            modules.add(node.module)
    return modules


@pytest.mark.parametrize("path", sorted(RENDER.glob("*.py")), ids=lambda p: p.name)
def test_render_imports_only_the_models_of_storage(path: Path) -> None:
    storage_imports = {
        m for m in _imported_modules(path) if m == "storage" or m.startswith("storage.")
    }
    assert storage_imports <= {"storage.models"}, f"{path.name} imports {storage_imports}"


def test_the_guard_sees_the_render_modules() -> None:
    # The cards import Article from storage.models: were the walk blind, the test above would
    # pass for nothing.
    assert "storage.models" in _imported_modules(RENDER / "cards.py")
