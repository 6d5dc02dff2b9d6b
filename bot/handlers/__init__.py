"""Thin Telegram adapters, one module per concern.

Each module exposes ``COMMANDS`` (``(command, description)`` pairs for the Telegram menu and
``/help``) and ``register(application)``, which adds its handlers to the default group 0.
:data:`HANDLER_MODULES` is the order in which they are registered: within one group the first
handler that accepts an update takes it, so earlier modules win and ``fallback`` comes last.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable
from types import ModuleType

from telegram.ext import Application

HANDLER_MODULES: tuple[str, ...] = (
    "bot.handlers.basics",
    "bot.handlers.membership",
    "bot.handlers.search",
    "bot.handlers.library",
    "bot.handlers.following",
    "bot.handlers.subscriptions",
    "bot.handlers.history",
    "bot.handlers.articles",
    "bot.handlers.fallback",
)


def handler_modules() -> Iterable[ModuleType]:
    """The handler modules that exist in this build, in registration order."""
    for name in HANDLER_MODULES:
        try:
            yield importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise


def all_commands() -> list[tuple[str, str]]:
    """Every bot command with its one-line description, in menu order."""
    commands: list[tuple[str, str]] = []
    for module in handler_modules():
        commands.extend(getattr(module, "COMMANDS", ()))
    return commands


def register_all(application: Application) -> None:  # type: ignore[type-arg]
    """Add every module's handlers to the application."""
    for module in handler_modules():
        module.register(application)
