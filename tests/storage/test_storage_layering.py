"""Storage imports nothing of ``bot``: the story rules reach it as a StoryMatcher argument."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

STORAGE = Path(__file__).resolve().parents[2] / "storage"


def _imported_modules(path: Path) -> set[str]:
    modules: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            modules.add(node.module)
    return modules


@pytest.mark.parametrize("path", sorted(STORAGE.rglob("*.py")), ids=lambda p: p.name)
def test_storage_imports_nothing_of_bot(path: Path) -> None:
    modules = _imported_modules(path)
    assert not {m for m in modules if m == "bot" or m.startswith("bot.")}, path.name


def test_the_walk_sees_imports() -> None:
    assert "storage.story_index" in _imported_modules(STORAGE / "articles.py")
