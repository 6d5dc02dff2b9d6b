"""How the handler modules are wired: every module is registered, explicitly, and no handler
module imports another (they share intake, replies and services instead)."""

from __future__ import annotations

import ast
from pathlib import Path

from bot import handlers

HANDLERS_DIR = Path(handlers.__file__).parent


def _module_files() -> list[Path]:
    return sorted(path for path in HANDLERS_DIR.glob("*.py") if path.name != "__init__.py")


def test_every_handler_module_is_registered_in_order() -> None:
    registered = [module.__name__.rsplit(".", 1)[1] for module in handlers.HANDLER_MODULES]
    assert sorted(registered) == [path.stem for path in _module_files()]
    assert registered[-1] == "fallback"  # unknown commands are answered only if nobody else did


def test_handler_modules_never_import_each_other() -> None:
    for path in _module_files():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                assert not (node.module or "").startswith("bot.handlers"), path.name
                assert node.level == 0, f"{path.name}: relative import"
            elif isinstance(node, ast.Import):
                assert not any(alias.name.startswith("bot.handlers") for alias in node.names)


def test_all_commands_are_the_modules_commands_in_registration_order() -> None:
    expected = [pair for module in handlers.HANDLER_MODULES for pair in module.COMMANDS]
    assert handlers.all_commands() == expected
    names = [command for command, _ in expected]
    assert len(names) == len(set(names)) and {"start", "help", "add", "import"} <= set(names)
