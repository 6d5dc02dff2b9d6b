"""Thin Telegram adapters, one module per concern; they call intake and the library, never
each other.

Each module exposes ``COMMANDS`` (``(command, description)`` pairs for the Telegram menu and
``/help``) and ``register(application)``, which adds its handlers to the default group 0.
:data:`HANDLER_MODULES` is the order in which they are registered: within one group the first
handler that accepts an update takes it, so earlier modules win and ``fallback`` comes last.
"""

from __future__ import annotations

from types import ModuleType

from bot.handlers import (
    basics,
    fallback,
    feeds,
    following,
    history_import,
    ingest,
    language,
    library,
    membership,
    search,
    stories,
    subscriptions,
)
from bot.services import App

__all__ = ["HANDLER_MODULES", "all_commands", "register_all"]

HANDLER_MODULES: tuple[ModuleType, ...] = (
    basics,
    membership,
    language,
    search,
    stories,
    library,
    following,
    subscriptions,
    feeds,
    history_import,
    ingest,
    fallback,
)


def all_commands() -> list[tuple[str, str]]:
    """Every bot command with its one-line description, in menu order."""
    commands: list[tuple[str, str]] = []
    for module in HANDLER_MODULES:
        commands.extend(module.COMMANDS)
    return commands


def register_all(application: App) -> None:
    """Add every module's handlers to the application."""
    for module in HANDLER_MODULES:
        module.register(application)
