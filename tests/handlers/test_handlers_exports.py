"""The explicit ``__all__`` of the handler, intake, services, access and render modules is what
they define in public and covers every name other modules import from them."""

from __future__ import annotations

import ast
import functools
import importlib
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
MODULES = [
    "bot.access",
    "bot.chat_records",
    "bot.handlers.basics",
    "bot.handlers.fallback",
    "bot.handlers.feeds",
    "bot.handlers.following",
    "bot.handlers.history_import",
    "bot.handlers.ingest",
    "bot.handlers.language",
    "bot.handlers.library",
    "bot.handlers.membership",
    "bot.handlers.search",
    "bot.intake.article",
    "bot.intake.classify",
    "bot.intake.document",
    "bot.intake.errors",
    "bot.intake.export",
    "bot.intake.export_file",
    "bot.intake.feed_item",
    "bot.intake.files",
    "bot.intake.message",
    "bot.intake.url",
    "bot.render.cards",
    "bot.render.digest_parts",
    "bot.render.feeds",
    "bot.render.lists",
    "bot.render.subscriptions",
    "bot.render.text",
    "bot.replies",
    "bot.reply_language",
    "bot.services",
]


def _source_tree(module: str) -> ast.Module:
    path = REPO / (module.replace(".", "/") + ".py")
    return ast.parse(path.read_text(encoding="utf-8"))


def _public_definitions(module: str) -> set[str]:
    """Functions, classes and constants defined at the top of the module, minus ``_private``."""
    names: set[str] = set()
    for node in _source_tree(module).body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            names.add(node.name)
        elif isinstance(node, ast.Assign):
            names.update(t.id for t in node.targets if isinstance(t, ast.Name))
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names.add(node.target.id)
    return {name for name in names if not name.startswith("_") and name != "log"}


@functools.cache
def _imports() -> dict[str, set[str]]:
    """For each module, the names that files under bot/ and tests/ import from it.

    Relative imports are resolved one level up (``from .cards import x`` in ``bot/render``).
    """
    found: dict[str, set[str]] = {}
    for path in [*REPO.joinpath("bot").rglob("*.py"), *REPO.joinpath("tests").rglob("*.py")]:
        package = ".".join(path.relative_to(REPO).with_suffix("").parts[:-1])
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                source = node.module if node.level == 0 else f"{package}.{node.module}"
                found.setdefault(source, set()).update(alias.name for alias in node.names)
    return found


@pytest.mark.parametrize("module", MODULES)
def test_all_lists_the_public_definitions_and_what_others_import(module: str) -> None:
    exported = importlib.import_module(module).__all__
    assert exported == sorted(set(exported)), "keep __all__ sorted and without repeats"
    assert set(exported) == _public_definitions(module)
    # Tests that reach for a ``_private`` helper do so knowingly; public imports must be listed.
    public_imports = {name for name in _imports().get(module, ()) if not name.startswith("_")}
    assert public_imports <= set(exported)
