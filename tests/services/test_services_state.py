"""Per-application state: the typed ``Services`` (built once per application, attached in
post_init) and the ``TtlCache`` behind the membership and chat caches. Clocks are injected; a
real AsyncLibrary is opened on a tmp file."""

from __future__ import annotations

import dataclasses
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from telegram import Bot

from bot.app import build_application, build_services
from bot.config import Config, LimitsConfig, TelegramConfig
from bot.handlers import all_commands
from bot.inbox import UpdateInbox
from bot.services import BotData, ServicesNotReadyError
from bot.ttl_cache import TtlCache
from storage.aio import AsyncLibrary


class FakeClock:
    """A monotonic clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
async def library(library_target: str | Path) -> AsyncIterator[AsyncLibrary]:
    opened = await AsyncLibrary.open(library_target)
    yield opened
    await opened.aclose()


async def test_services_are_typed_fields_built_from_the_config(library: AsyncLibrary) -> None:
    config = dataclasses.replace(Config(), limits=LimitsConfig(ingest_per_hour=2))
    bot = Bot("1:TEST")
    services = build_services(config, library, bot, UpdateInbox())
    assert services.config is config and services.library is library
    assert services.commands == tuple(all_commands())
    assert services.ingest_limiter.acquire(7) == 0
    assert services.ingest_limiter.acquire(7) == 0
    assert services.ingest_limiter.acquire(7) > 3000  # the third within the hour waits for it
    assert services.running_imports == set() and not services.tick_lock.locked()
    other = build_services(config, library, bot, UpdateInbox())
    assert other.member_cache is not services.member_cache
    assert other.seen_chats is not services.seen_chats


async def test_the_application_has_its_services_only_after_post_init(
    library: AsyncLibrary,
) -> None:
    application = build_application(
        dataclasses.replace(Config(), telegram=TelegramConfig(token="1:TEST")), library=library
    )
    assert isinstance(application.bot_data, BotData)
    with pytest.raises(ServicesNotReadyError, match="post_init"):
        application.bot_data.services  # noqa: B018 - the property is what is tested
    services = build_services(Config(), library, application.bot, UpdateInbox())
    application.bot_data.attach(services)
    assert application.bot_data.services is services


def test_entries_expire_after_ttl_and_none_is_a_value() -> None:
    clock = FakeClock()
    cache: TtlCache[str, int | None] = TtlCache(10.0, 100, clock=clock)
    assert cache.get("k") == (False, None)
    cache.put("k", None)
    assert cache.get("k") == (True, None)
    clock.now += 9.9
    assert cache.get("k") == (True, None)
    clock.now += 0.1
    assert cache.get("k") == (False, None)


def test_a_full_cache_starts_over_but_updates_do_not_clear_it() -> None:
    cache: TtlCache[int, str] = TtlCache(60.0, 3, clock=FakeClock())
    for key in range(3):
        cache.put(key, str(key))
    cache.put(2, "two")  # an update of a present key: nothing is dropped
    assert len(cache) == 3 and cache.get(0) == (True, "0")
    cache.put(3, "three")  # a new key in a full cache: the cache starts over
    assert len(cache) == 1 and cache.get(0) == (False, None) and cache.get(3) == (True, "three")


def test_forget_one_key_or_every_matching_key() -> None:
    cache: TtlCache[tuple[int, int], str] = TtlCache(60.0, 100, clock=FakeClock())
    for chat in (1, 2):
        for user in (10, 20):
            cache.put((chat, user), "member")
    cache.forget((2, 10))
    cache.forget((9, 9))  # absent: no error
    cache.forget_where(lambda key: key[0] == 1)
    assert [key for key in [(1, 10), (1, 20), (2, 10), (2, 20)] if cache.get(key)[0]] == [(2, 20)]
