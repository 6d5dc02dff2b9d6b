"""Delivery pacing: one private chat gets about a message a second, and one tick delivers every
due subscription, however many batches that takes. Real SQLite, real ``telegram.Bot`` over HTTP
to a sandbox that enforces Telegram's flood limits."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from telegram import Bot

from bot import delivery
from bot.config import Config
from bot.delivery import ChatPacer, deliver_due
from bot.sandbox import Sandbox
from bot.schedule import ALL_WEEKDAYS
from storage.aio import AsyncLibrary

from .digest_articles import ARTICLES_FOR_THREE_PARTS, digest_article

USER_ID = 1001
GROUP_ID = -1001000000001
DUE = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
ON_TIME = DUE + dt.timedelta(seconds=20)


class FakeClock:
    """A clock that only moves when the pacer sleeps, recording each sleep."""

    def __init__(self) -> None:
        self.now = 100.0
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


async def test_pacer_lets_a_burst_through_then_one_message_a_second() -> None:
    clock = FakeClock()
    pacer = ChatPacer(rate=1.0, burst=3, clock=clock, sleep=clock.sleep)
    for _ in range(5):
        await pacer.wait_turn(USER_ID)
        pacer.sent(USER_ID)
    assert clock.sleeps == [pytest.approx(1.0), pytest.approx(1.0)]


async def test_pacer_counts_from_when_a_send_ended() -> None:
    """A slow send pushes the next turn back: latency jitter never makes the pace faster."""
    clock = FakeClock()
    pacer = ChatPacer(rate=1.0, burst=1, clock=clock, sleep=clock.sleep)
    await pacer.wait_turn(USER_ID)
    clock.now += 0.5  # the request took half a second
    pacer.sent(USER_ID)
    await pacer.wait_turn(USER_ID)
    assert clock.sleeps == [pytest.approx(1.0)]


async def test_pacer_refills_with_time_and_keeps_chats_apart() -> None:
    clock = FakeClock()
    pacer = ChatPacer(rate=1.0, burst=2, clock=clock, sleep=clock.sleep)
    for chat_id in (USER_ID, USER_ID, USER_ID + 1):  # another chat has its own bucket
        await pacer.wait_turn(chat_id)
        pacer.sent(chat_id)
    assert clock.sleeps == []
    clock.now += 0.25
    await pacer.wait_turn(USER_ID)
    assert clock.sleeps == [pytest.approx(0.75)]


async def test_pacer_leaves_groups_and_channels_to_the_rate_limiter() -> None:
    clock = FakeClock()
    pacer = ChatPacer(rate=1.0, burst=1, clock=clock, sleep=clock.sleep)
    for _ in range(10):
        await pacer.wait_turn(GROUP_ID)
        pacer.sent(GROUP_ID)
    assert clock.sleeps == []


@pytest.fixture
async def sandbox() -> AsyncIterator[Sandbox]:
    async with Sandbox(enforce_flood_limits=True) as running:
        running.add_user(USER_ID, "Ann", "ann")
        yield running


@pytest.fixture
async def bot(sandbox: Sandbox) -> AsyncIterator[Bot]:
    async with Bot(sandbox.token, base_url=sandbox.base_url) as running:
        yield running


@pytest.fixture
async def library(library_target: str | Path) -> AsyncIterator[AsyncLibrary]:
    opened = await AsyncLibrary.open(library_target)
    yield opened
    await opened.aclose()


async def subscribe(library: AsyncLibrary, chat_id: int) -> None:
    await library.add_subscription(
        chat_id=chat_id,
        thread_id=None,
        local_time=DUE.time(),
        timezone="UTC",
        weekdays=ALL_WEEKDAYS,
        keywords="",
        next_due_at=DUE,
        created_by=USER_ID,
        cursor=0,
    )


async def test_two_long_digests_to_one_private_chat_get_no_429(
    bot: Bot, library: AsyncLibrary, sandbox: Sandbox
) -> None:
    """Six parts to one private chat: the sandbox allows 3 at once, then 1 a second."""
    for number in range(1, ARTICLES_FOR_THREE_PARTS + 1):
        await library.add_article(digest_article(USER_ID, number))
    for _ in range(2):
        await subscribe(library, USER_ID)
    assert await deliver_due(bot, library, Config(), now=ON_TIME) == 2
    assert len(sandbox.messages_to(USER_ID)) == 6
    assert sandbox.rejected == []


async def test_one_tick_drains_every_batch(
    bot: Bot, library: AsyncLibrary, sandbox: Sandbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(delivery, "MAX_CONCURRENT_CHATS", 1)
    chats = [-1001000000100 - n for n in range(5)]
    for chat_id in chats:
        sandbox.add_chat(chat_id, "supergroup", title=f"Desk {chat_id}")
        await library.add_article(digest_article(chat_id, 1))
        await subscribe(library, chat_id)
    assert await deliver_due(bot, library, Config(), now=ON_TIME) == 5
    assert all(len(sandbox.messages_to(chat_id)) == 1 for chat_id in chats)
    assert await library.due_subscriptions(ON_TIME) == []


async def test_subscriptions_that_stay_due_do_not_hide_the_rest(
    bot: Bot, library: AsyncLibrary, sandbox: Sandbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A batch full of subscriptions that stay due (network errors) is read past, once."""
    monkeypatch.setattr(delivery, "MAX_CONCURRENT_CHATS", 1)
    monkeypatch.setattr(delivery, "BACKOFF_SECONDS", 0.01)
    failing = [-1001000000200 - n for n in range(2)]
    healthy = -1001000000300
    for chat_id in [*failing, healthy]:
        sandbox.add_chat(chat_id, "supergroup", title=f"Desk {chat_id}")
        await library.add_article(digest_article(chat_id, 1))
        await subscribe(library, chat_id)
    # One chat at a time, oldest first: every attempt for the first two chats fails.
    sandbox.fail_next(2 * delivery.SEND_ATTEMPTS, method="sendMessage", error_code=502)
    assert await deliver_due(bot, library, Config(), now=ON_TIME) == 3
    assert len(sandbox.messages_to(healthy)) == 1
    still_due = await library.due_subscriptions(ON_TIME)
    assert sorted(sub.chat_id for sub in still_due) == sorted(failing)


async def test_a_cancelled_tick_stops_every_chat(
    bot: Bot, library: AsyncLibrary, sandbox: Sandbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Stopping the bot cancels the tick: chats waiting for a slot send nothing afterwards."""
    monkeypatch.setattr(delivery, "MAX_CONCURRENT_CHATS", 1)
    monkeypatch.setattr(delivery, "BACKOFF_SECONDS", 0.01)
    chats = [-1001000000400 - n for n in range(3)]
    for chat_id in chats:
        sandbox.add_chat(chat_id, "supergroup", title=f"Desk {chat_id}")
        await library.add_article(digest_article(chat_id, 1))
        await subscribe(library, chat_id)
    sandbox.hold_calls("sendMessage")
    tick = asyncio.create_task(deliver_due(bot, library, Config(), now=ON_TIME))
    await sandbox.wait_for_held(1)
    tick.cancel()
    with pytest.raises(asyncio.CancelledError):
        await tick
    sandbox.stop_holding()
    await asyncio.sleep(0.3)
    assert len(sandbox.calls("sendMessage")) <= 1
    assert len(await library.due_subscriptions(ON_TIME)) == 3
