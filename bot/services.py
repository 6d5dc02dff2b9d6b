"""What handlers and jobs need, typed, built once per Application (``bot.app``).

The Application is built with :data:`CONTEXT_TYPES`, the way python-telegram-bot's
``contexttypesbot`` example does: its ``bot_data`` is a :class:`BotData`, made empty when the
Application is built; ``post_init`` opens the library and attaches the :class:`Services`.
Handlers and jobs take a :class:`BotContext` and reach them as ``context.services``; code that
holds the Application (:data:`App`) uses ``application.bot_data.services``. Nothing else is
global, and nothing is kept under string keys.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import Any, TypeAlias

from telegram import ChatMember
from telegram.ext import Application, CallbackContext, ContextTypes, ExtBot, JobQueue

from bot.config import Config
from bot.fleet import Fleet
from bot.inbox import UpdateInbox
from bot.ingest_replies import IngestReplies
from bot.metrics import BotMetrics
from bot.monitoring import Monitoring
from bot.ratelimit import SlidingWindowLimiter
from bot.ttl_cache import TtlCache
from storage.aio import AsyncLibrary
from storage.models import Chat

__all__ = [
    "App",
    "BotContext",
    "BotData",
    "CONTEXT_TYPES",
    "ChosenLanguages",
    "MemberCache",
    "SeenChats",
    "Services",
    "ServicesNotReadyError",
]

#: getChatMember answers by (chat id, user id); None: Telegram does not know the user there.
MemberCache: TypeAlias = TtlCache[tuple[int, int], ChatMember | None]
#: What was last stored about each chat, to skip writes that change nothing.
SeenChats: TypeAlias = TtlCache[int, Chat]
#: The language chosen with /lang per chat id (None: none chosen), as last read or set.
ChosenLanguages: TypeAlias = TtlCache[int, str | None]


@dataclass(eq=False)
class Services:
    """The configuration, the open library and the application's own state."""

    config: Config
    library: AsyncLibrary
    #: Every bot command with its one-line description in English, in menu order (the menu
    #: and /help translate each description with the reader's Translator).
    commands: tuple[tuple[str, str], ...]
    member_cache: MemberCache
    seen_chats: SeenChats
    chosen_languages: ChosenLanguages
    #: Articles a sender may submit per hour (``[limits] ingest_per_hour``).
    ingest_limiter: SlidingWindowLimiter
    #: The answers to stored and refused articles, coalesced when they come in bursts.
    ingest_replies: IngestReplies
    #: The durable update inbox: a handler whose answer goes out later holds its update there.
    inbox: UpdateInbox
    #: Ids of the channels an ``/import`` is running into (one at a time per channel).
    running_imports: set[int]
    #: Held by the digest tick that is running, so ticks never overlap.
    tick_lock: asyncio.Lock
    #: What the application counts for Prometheus (its own registry).
    metrics: BotMetrics
    #: ``/metrics``, ``/healthz`` and ``/readyz``, and the servers they are on.
    monitoring: Monitoring
    #: This process among the bot's processes (heartbeat, claims); None until it joined.
    fleet: Fleet | None = None


class ServicesNotReadyError(RuntimeError):
    """Services were asked for before ``post_init`` attached them."""


class BotData:
    """The Application's ``bot_data``: empty when built, given its Services in ``post_init``."""

    __slots__ = ("_services",)

    def __init__(self) -> None:
        self._services: Services | None = None

    @property
    def services(self) -> Services:
        """The attached Services.

        Raises:
            ServicesNotReadyError: the application has not run ``post_init`` yet, or was not
                built by ``bot.app.build_application``.
        """
        if self._services is None:
            raise ServicesNotReadyError(
                "the application has no services yet: build it with bot.app.build_application "
                "and start it (post_init attaches them)"
            )
        return self._services

    @property
    def is_ready(self) -> bool:
        """Whether Services are attached."""
        return self._services is not None

    def attach(self, services: Services) -> None:
        """Give the application its Services (once, in ``post_init``)."""
        self._services = services


class BotContext(CallbackContext[ExtBot[Any], dict[Any, Any], dict[Any, Any], BotData]):
    """The ``context`` of every handler and job: a CallbackContext with :attr:`services`."""

    @property
    def services(self) -> Services:
        """The application's Services (see :attr:`BotData.services`)."""
        return self.bot_data.services


#: What the Application is built with: :class:`BotContext` and :class:`BotData`.
CONTEXT_TYPES = ContextTypes(context=BotContext, bot_data=BotData)

#: The Application as this bot builds it.
App: TypeAlias = Application[
    ExtBot[Any], BotContext, dict[Any, Any], dict[Any, Any], BotData, JobQueue[BotContext]
]
