"""The jobs' metrics over real HTTP: digest outcomes from the digest tick, feed polls and the
articles they store (``/feed``'s first poll and the feed job), scraped from [metrics] port."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator, Awaitable, Callable

import pytest

from storage.rows import instant_to_text
from tests.feeds.feed_server import FeedServer, rss, running_feed_server
from tests.library_backend import execute

from ..digest.digest_articles import digest_article
from .conftest import GROUP_ID, OTHER_USER_ID, USER_ID, BotEnv
from .metrics_scrape import free_port, wait_for_sample

FAST = {"tick_seconds": 1}


@pytest.fixture
async def metered(make_bot: Callable[..., Awaitable[BotEnv]]) -> tuple[BotEnv, str]:
    """A bot ticking every second, with its metrics on a port; the bot and the base URL."""
    port = free_port()
    env = await make_bot(
        metrics={"port": port},
        digest=FAST,
        feeds=FAST,
        fetch={"allow_private": True},
    )
    env.sandbox.set_member(GROUP_ID, USER_ID, "administrator")
    return env, f"http://127.0.0.1:{port}"


@pytest.fixture
async def feed_server() -> AsyncIterator[FeedServer]:
    async with running_feed_server() as server:
        yield server


def make_due(env: BotEnv, table: str, column: str) -> None:
    """Move every subscription's due moment (or feed's next poll) to a second ago."""
    moment = instant_to_text(dt.datetime.now(dt.UTC) - dt.timedelta(seconds=1))
    execute(env.library_target, f"UPDATE {table} SET {column} = ?", (moment,))


async def command(env: BotEnv, chat_id: int, text: str) -> str:
    env.sandbox.send_command(chat_id, USER_ID if chat_id == GROUP_ID else chat_id, text)
    [answer] = await env.sandbox.wait_for_messages(chat_id, timeout=15)
    return answer.text


async def test_digests_sent_and_paused_are_counted(metered: tuple[BotEnv, str]) -> None:
    env, base = metered
    assert "Subscribed" in await command(env, GROUP_ID, "/subscribe 09:00 UTC")
    assert "Subscribed" in await command(env, OTHER_USER_ID, "/subscribe 09:00 UTC")
    await env.library.add_article(digest_article(GROUP_ID, 1))
    await env.library.add_article(digest_article(OTHER_USER_ID, 2))
    env.sandbox.block_chat(OTHER_USER_ID)
    make_due(env, "subscriptions", "next_due_at")
    [digest] = await env.sandbox.wait_for_messages(GROUP_ID, timeout=15)
    assert "Story 1 " in digest.text
    await wait_for_sample(base, "digest_bot_digests_total", 1, outcome="sent")
    scrape = await wait_for_sample(base, "digest_bot_digests_total", 1, outcome="paused")
    assert str(OTHER_USER_ID) not in scrape


async def test_feed_polls_and_the_articles_they_store_are_counted(
    metered: tuple[BotEnv, str], feed_server: FeedServer
) -> None:
    env, base = metered
    now = dt.datetime.now(dt.UTC)

    def item(number: int) -> dict[str, str]:
        return {
            "guid": f"wire-{number}",
            "link": f"https://wire.example/story/{number}",
            "title": f"Harbour story {number}",
            "pubDate": (now - dt.timedelta(minutes=number)).strftime("%a, %d %b %Y %H:%M:%S +0000"),
            "description": f"Story {number} from the harbour: the council met. " * 12,
        }

    url = feed_server.serve("wire.rss", rss([item(1), item(2)], title="Harbour Wire"))
    answer = await command(env, GROUP_ID, f"/feed {url} every 2h")
    assert "2 stored now" in answer
    await wait_for_sample(base, "digest_bot_feed_polls_total", 1, outcome="stored")
    await wait_for_sample(base, "digest_bot_articles_stored_total", 2, kind="feed")
    # The feed job's poll: one new item, the others known.
    feed_server.serve("wire.rss", rss([item(0), item(1), item(2)], title="Harbour Wire"))
    make_due(env, "feeds", "next_poll_at")
    await wait_for_sample(base, "digest_bot_feed_polls_total", 2, outcome="stored", timeout=15)
    await wait_for_sample(base, "digest_bot_articles_stored_total", 3, kind="feed")
