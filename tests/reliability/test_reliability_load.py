"""A burst of 5,000 updates from 500 users against the real Application and the sandbox.

Each user sends, all at once: three pasted articles, three searches, two commands and two inline
queries. Every update must be answered (a message in the user's chat, or an inline answer), the
per-user ingest quota must hold (the article over it is named in one notice), nothing may reach
the error handler, and memory must stay bounded. Figures (updates per second, peak memory) are
printed for the README.

Two limits of the real deployment are lifted so the test measures the bot, not Telegram's rules:
python-telegram-bot's AIORateLimiter sends at most 30 messages a second (Telegram's overall
limit; 4,000 replies would take well over two minutes by design), and the sandbox expires
inline queries after 15 s as Telegram does (the burst takes longer than that to drain).
"""

from __future__ import annotations

import logging
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path

import pytest

from bot.sandbox import Sandbox

from .conftest import e2e

USERS = 500
FIRST_USER_ID = 700_000
INGEST_LIMIT = 2
ARTICLES_PER_USER = 3
SEARCHES = ("ferry", "harbour crossings", "timetable -winter")
COMMANDS = ("/help", "/latest")
INLINE_QUERIES = ("ferry", "")
UPDATES_PER_USER = ARTICLES_PER_USER + len(SEARCHES) + len(COMMANDS) + len(INLINE_QUERIES)
#: Growth of the process's peak resident memory allowed for the whole burst (sandbox included).
MAX_PEAK_GROWTH_MB = 300
#: A deadline for liveness, not a speed target (the chatload benchmark measures speed): the burst
#: drains in about 70 s on an idle 2-core machine, and in more when other tests share the cores.
DRAIN_TIMEOUT_S = 300.0

ARTICLE = """Harbour Ferry {user} Returns After Winter Repairs, Part {index}

PORT ALDWIN, March 3, 2024 - Ferry number {user} resumed its crossings on Sunday after two \
months in dry dock, the harbour office said in its note number {index}.

"Passengers told us they missed the morning crossing more than anything," harbour master \
Elena Brooks said on Sunday.

The ferry will run every forty minutes until the summer timetable starts in June.
"""


@pytest.fixture
async def sandbox() -> AsyncIterator[Sandbox]:
    """The e2e world, with inline queries that stay answerable for the whole burst."""
    async with Sandbox(query_timeout=DRAIN_TIMEOUT_S + 30) as running:
        running.add_user(e2e.USER_ID, "Ann", "ann")
        yield running


def _memory_kb(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise LookupError(field)


def _reset_peak_memory() -> None:
    """Reset VmHWM (the peak resident set) to the current size: see proc(5), clear_refs."""
    Path("/proc/self/clear_refs").write_text("5")


def _inject_burst(sandbox: Sandbox, users: list[int]) -> list[str]:
    """Every user's updates, round by round (users interleaved); returns the inline query ids."""
    inline_ids: list[str] = []
    for index in range(ARTICLES_PER_USER):
        for user in users:
            sandbox.send_text(user, user, ARTICLE.format(user=user, index=index))
        for user in users:
            sandbox.send_text(user, user, SEARCHES[index])
    for command in COMMANDS:
        for user in users:
            sandbox.send_command(user, user, command)
    for query in INLINE_QUERIES:
        for user in users:
            inline_ids.append(sandbox.inline_query(user, query))
    return inline_ids


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/clear_refs").exists(), reason="needs Linux /proc")
async def test_a_burst_of_5000_updates_from_500_users_is_fully_answered(
    make_bot: Callable[..., Awaitable[e2e.BotEnv]], caplog: pytest.LogCaptureFixture
) -> None:
    env = await make_bot(limits={"ingest_per_hour": INGEST_LIMIT})
    # See the module docstring: measure the bot, not Telegram's 30 messages a second.
    env.application.bot.rate_limiter._limiter._base_limiter = None  # inside MeteredRateLimiter
    sandbox = env.sandbox
    users = [FIRST_USER_ID + n for n in range(USERS)]
    for user in users:
        sandbox.add_user(user, f"Reader {user}")
    expected_messages = UPDATES_PER_USER - len(INLINE_QUERIES)

    caplog.set_level(logging.ERROR)
    _reset_peak_memory()
    rss_before = _memory_kb("VmRSS")
    started = time.monotonic()
    inline_ids = _inject_burst(sandbox, users)
    for user in users:
        await sandbox.wait_for_messages(user, expected_messages, timeout=DRAIN_TIMEOUT_S)
    for query_id in inline_ids:
        await sandbox.wait_for_answer(query_id, timeout=DRAIN_TIMEOUT_S)
    elapsed = time.monotonic() - started
    peak_growth_mb = (_memory_kb("VmHWM") - rss_before) / 1024

    total = USERS * UPDATES_PER_USER
    print(
        f"\nload: {total} updates from {USERS} users in {elapsed:.1f} s "
        f"({total / elapsed:.0f} updates/s); peak RSS growth {peak_growth_mb:.0f} MB"
    )
    assert total == 5000
    for user in users:
        texts = [m.text for m in sandbox.messages_to(user)]
        assert len(texts) == expected_messages, (user, texts)
        notices = [t for t in texts if t.startswith("Not stored:")]
        assert len(notices) == 1, (user, texts)
        assert notices[0].count("• Harbour Ferry") == ARTICLES_PER_USER - INGEST_LIMIT
    stats = await env.library.stats()
    assert stats.articles == USERS * INGEST_LIMIT
    assert all(sandbox.inline_answers(query_id) is not None for query_id in inline_ids)
    assert sandbox.rejected == []
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR] == []
    assert peak_growth_mb < MAX_PEAK_GROWTH_MB
