"""The send pace shared by processes: slots from one database row (or one Redis key), and a
rate limiter taking each message's slot from it, so three processes together stay under
Telegram's overall limit. The sandbox answers 429 like Telegram when they do not."""

from __future__ import annotations

import asyncio
import secrets
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import redis.exceptions
from telegram.ext import AIORateLimiter, BaseRateLimiter, ExtBot

from bot.app import OVERALL_BURST, OVERALL_RATE_PER_S
from bot.sandbox import Sandbox
from bot.send_pace import DatabasePace, RedisPace, SendPace, SharedPaceRateLimiter
from storage import Library

REDIS_URL = "redis://127.0.0.1:6379/15"
GROUPS = tuple(-1003300000000 - n for n in range(120))


class FrozenClock:
    def __init__(self, now: float) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


async def test_two_processes_share_one_row_of_slots(tmp_path: Path) -> None:
    path = str(tmp_path / "library.sqlite3")
    Library(path).close()
    clock = FrozenClock(1000.0)
    first, second = DatabasePace(path, clock), DatabasePace(path, clock)
    await first.open()
    await second.open()
    try:
        waits = [await pace.reserve(0.1, 0.2) for pace in (first, second) * 3]
        await second.hold(5.0)
        after_hold = await first.reserve(0.1, 0.2)
    finally:
        await first.close()
        await second.close()
    # A burst of three goes at once (slots now or earlier), then one every 0.1 s.
    assert waits == pytest.approx([-0.2, -0.1, 0.0, 0.1, 0.2, 0.3])
    assert after_hold == pytest.approx(5.0)


@pytest.fixture
async def redis_paces() -> AsyncIterator[tuple[RedisPace, RedisPace]]:
    bot_id = f"test-{secrets.token_hex(4)}"
    paces = RedisPace(REDIS_URL, bot_id), RedisPace(REDIS_URL, bot_id)
    try:
        for pace in paces:
            await pace.open()
    except (OSError, redis.exceptions.ConnectionError) as error:
        pytest.skip(f"no Redis at {REDIS_URL}: {error}")
    yield paces
    for pace in paces:
        await pace.close()


async def test_redis_slots_are_shared_and_spaced(redis_paces: tuple[RedisPace, RedisPace]) -> None:
    first, second = redis_paces
    waits = [await pace.reserve(0.5, 1.0) for pace in (first, second) * 3]
    # Redis's clock moves between calls: compare each wait with the slot it should be.
    expected = [-1.0, -0.5, 0.0, 0.5, 1.0, 1.5]
    assert all(abs(w - e) < 0.1 for w, e in zip(waits, expected, strict=True)), waits
    await first.hold(10.0)
    assert 9.5 < await second.reserve(0.5, 1.0) <= 10.0


async def _fan_out(sandbox: Sandbox, limiters: list[BaseRateLimiter]) -> None:
    """Three 'processes' (one bot each) send a message to every group at once."""
    bots = [
        ExtBot(sandbox.token, base_url=sandbox.base_url, rate_limiter=limiter)
        for limiter in limiters
    ]
    for bot in bots:
        await bot.initialize()
    try:
        await asyncio.gather(
            *(
                bots[number % len(bots)].send_message(chat_id, f"Digest {number}")
                for number, chat_id in enumerate(GROUPS)
            ),
            return_exceptions=True,
        )
    finally:
        for bot in bots:
            await bot.shutdown()


def _too_many(sandbox: Sandbox) -> int:
    return sum(1 for r in sandbox.rejected if r["error"]["error_code"] == 429)


async def test_three_processes_sharing_the_pace_get_no_429(tmp_path: Path) -> None:
    path = str(tmp_path / "library.sqlite3")
    Library(path).close()
    async with Sandbox(enforce_flood_limits=True) as sandbox:
        for chat_id in GROUPS:
            sandbox.add_chat(chat_id, "supergroup", title="Desk")
        limiters: list[BaseRateLimiter] = [
            SharedPaceRateLimiter(
                SendPace(DatabasePace(path), rate=OVERALL_RATE_PER_S, burst=OVERALL_BURST),
                max_retries=0,
            )
            for _ in range(3)
        ]
        await _fan_out(sandbox, limiters)
        assert len(sandbox.sent) == len(GROUPS)
        assert _too_many(sandbox) == 0


async def test_three_processes_pacing_alone_get_429s() -> None:
    """The control: each process at the full rate on its own is three times too fast."""
    async with Sandbox(enforce_flood_limits=True) as sandbox:
        for chat_id in GROUPS:
            sandbox.add_chat(chat_id, "supergroup", title="Desk")
        limiters: list[BaseRateLimiter] = [
            AIORateLimiter(
                overall_max_rate=OVERALL_BURST,
                overall_time_period=OVERALL_BURST / OVERALL_RATE_PER_S,
                max_retries=0,
            )
            for _ in range(3)
        ]
        await _fan_out(sandbox, limiters)
        assert _too_many(sandbox) > 0


class ScriptedBackend:
    """Hands out the waits it was given, and counts reservations."""

    def __init__(self, *waits: float) -> None:
        self.waits = list(waits)
        self.reserved = 0

    async def open(self) -> None: ...
    async def close(self) -> None: ...

    async def reserve(self, interval: float, tolerance: float) -> float:
        self.reserved += 1
        return self.waits.pop(0)

    async def hold(self, seconds: float) -> None: ...


async def test_a_slot_woken_up_too_late_is_given_up_for_a_new_one(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    real_sleep = asyncio.sleep

    async def starved_sleep(seconds: float) -> None:
        await real_sleep(seconds + 0.3)  # the process got the CPU back 0.3 s late

    monkeypatch.setattr("bot.send_pace.asyncio.sleep", starved_sleep)
    backend = ScriptedBackend(0.01, 0.0)
    await SendPace(backend, rate=10.0, burst=2).wait_turn()  # tolerance 0.1 s < 0.3 s late
    assert backend.reserved == 2
    on_time = ScriptedBackend(0.01)
    await SendPace(on_time, rate=1.0, burst=2).wait_turn()  # tolerance 1 s covers it
    assert on_time.reserved == 1
