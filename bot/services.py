"""What every handler needs, created once per Application and kept in ``bot_data``.

Handlers reach it with :func:`services_of`; nothing else is global.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar, cast

from telegram.ext import Application, CallbackContext

from bot.config import Config
from storage.aio import AsyncLibrary

__all__ = ["SERVICES_KEY", "Services", "services_of"]

SERVICES_KEY = "digest_bot.services"

T = TypeVar("T")


@dataclass
class Services:
    """The configuration and the open library; ``extras`` holds per-concern state (caches...)."""

    config: Config
    library: AsyncLibrary
    extras: dict[str, object] = field(default_factory=dict)

    def extra(self, key: str, factory: Callable[[], T]) -> T:
        """The application's object under ``key``, made by ``factory`` on first use.

        Each concern owns its key (``"access.member_cache"``...), so one object of one type
        lives under it for the application's lifetime.
        """
        if key not in self.extras:
            self.extras[key] = factory()
        return cast(T, self.extras[key])


def services_of(source: Application | CallbackContext) -> Services:  # type: ignore[type-arg]
    """The Services of the running application (from an Application or a handler's context)."""
    bot_data = source.bot_data
    services = bot_data.get(SERVICES_KEY)
    if not isinstance(services, Services):
        raise RuntimeError("the application was not started with bot.app.build_application")
    return services
