"""Bulk forwards (issue 12, item 2): a burst is stored in full and answered in a few messages;
the hourly quota is told once, naming what was not stored.

Selecting 40 posts in Telegram and forwarding them delivers 40 updates within a couple of
seconds; the bot used to store 20 and answer 20 times "You are sending articles too fast".
"""

from __future__ import annotations

import asyncio
import datetime as dt
import re
import time

from bot.ingest_replies import BURST_REPLY_SECONDS

from .conftest import CHANNEL_ID, USER_ID, BotEnv
from .test_e2e_ingest_chats import wait_for_articles

POSTED = dt.datetime(2024, 5, 17, 9, 30, tzinfo=dt.UTC)
_ARTICLE_ID = re.compile(r"#(\d+)\b")


def post(number: int) -> str:
    """A distinct channel post: its title, then a sentence of body."""
    return (
        f"Ferry {number} Sails Again After Repairs\n\n"
        f"The harbour office said ferry number {number} resumed its crossings on Friday."
    )


def forward_posts(env: BotEnv, numbers: range) -> None:
    """The user forwards channel posts ``numbers`` at once, as Telegram delivers a selection."""
    for number in numbers:
        env.sandbox.forward_from_channel(
            USER_ID, USER_ID, CHANNEL_ID, 1000 + number, post(number), date=POSTED
        )


async def wait_until_quiet(env: BotEnv, chat_id: int, quiet_s: float) -> list[str]:
    """The texts sent to ``chat_id`` once nothing new has arrived for ``quiet_s`` seconds."""
    count, since = -1, time.monotonic()
    while time.monotonic() - since < quiet_s:
        sent = len(env.sandbox.messages_to(chat_id))
        if sent != count:
            count, since = sent, time.monotonic()
        await asyncio.sleep(0.1)
    return [message.text for message in env.sandbox.messages_to(chat_id)]


async def test_forty_forwards_at_once_are_stored_and_answered_in_a_few_messages(
    bot_env: BotEnv,
) -> None:
    forward_posts(bot_env, range(40))
    await wait_for_articles(bot_env, USER_ID, 40)
    stored = await bot_env.library.latest(USER_ID, 100)
    assert len(stored) == 40
    texts = await wait_until_quiet(bot_env, USER_ID, BURST_REPLY_SECONDS + 1)
    assert 2 <= len(texts) <= 5  # the first card, then a list every few seconds
    assert texts[0].startswith("Ferry ") and "Sails Again After Repairs" in texts[0]
    assert all(text.startswith("Also saved (") for text in texts[1:])
    mentioned = [int(found) for text in texts for found in _ARTICLE_ID.findall(text)]
    assert sorted(set(mentioned)) == sorted(article.id for article in stored)
    assert not any("Not stored" in text for text in texts)
    assert bot_env.sandbox.rejected == []


async def test_the_301st_article_of_the_hour_is_refused_with_one_notice(
    bot_env: BotEnv,
) -> None:
    assert bot_env.config.limits.ingest_per_hour == 300
    forward_posts(bot_env, range(300))
    await wait_for_articles(bot_env, USER_ID, 300)
    before = len(await wait_until_quiet(bot_env, USER_ID, BURST_REPLY_SECONDS + 1))
    forward_posts(bot_env, range(300, 303))
    texts = (await wait_until_quiet(bot_env, USER_ID, BURST_REPLY_SECONDS + 1))[before:]
    [notice] = texts
    assert notice.startswith("Not stored: I take at most 300 articles an hour from one person.")
    for number in range(300, 303):
        assert f"• Ferry {number} Sails Again After Repairs" in notice
    # Told once: a further refusal in the hour is not answered again.
    forward_posts(bot_env, range(303, 304))
    assert (await wait_until_quiet(bot_env, USER_ID, BURST_REPLY_SECONDS + 1))[before:] == texts
    assert len(await bot_env.library.latest(USER_ID, 400)) == 300
    assert bot_env.sandbox.rejected == []


async def test_two_articles_a_moment_apart_each_get_their_card(bot_env: BotEnv) -> None:
    forward_posts(bot_env, range(1))
    [first] = await bot_env.sandbox.wait_for_messages(USER_ID)
    forward_posts(bot_env, range(1, 2))
    [second] = await bot_env.sandbox.wait_for_messages(USER_ID)
    assert first.text.startswith("Ferry 0 Sails Again") and second.text.startswith("Ferry 1 ")


async def test_a_burst_stays_in_the_update_inbox_until_its_list_is_sent(bot_env: BotEnv) -> None:
    """Stored but not yet answered: a kill now would replay these updates (and answer them
    "already saved"), so they are settled only once their list went out."""
    forward_posts(bot_env, range(5))
    await wait_for_articles(bot_env, USER_ID, 5)
    library = bot_env.library
    waiting = await library.inbox_pending()
    assert len(bot_env.sandbox.messages_to(USER_ID)) == 1  # the first card only, so far
    assert len(waiting) >= 3
    texts = await wait_until_quiet(bot_env, USER_ID, BURST_REPLY_SECONDS + 1)
    assert texts[-1].startswith("Also saved (")
    for _ in range(50):
        if not await library.inbox_pending():
            break
        await asyncio.sleep(0.05)
    assert await library.inbox_pending() == []
