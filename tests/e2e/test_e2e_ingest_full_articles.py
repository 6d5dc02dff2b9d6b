"""A full article posted in a channel or forwarded is read like pasted text (issue 12, item 1).

The seed article starts with a metadata header, a dateline, a photo caption and a credit above
its title; read as a short post it used to get the headline "date 2018-07-12 Register".
"""

from __future__ import annotations

import datetime as dt

from .conftest import CHANNEL_ID, OTHER_USER_ID, USER_ID, BotEnv, GoldArticle
from .test_e2e_ingest_chats import wait_for_articles

FORWARDED = dt.datetime(2024, 5, 17, 9, 30, tzinfo=dt.UTC)


async def assert_gold(env: BotEnv, chat_id: int, gold: GoldArticle) -> None:
    [article] = await env.library.latest(chat_id, 5)
    assert article.headline == gold.headline
    assert article.published is not None
    assert article.published.isoformat()[:10] == gold.date
    assert article.lead_quote == gold.quote
    assert article.quote_speaker == gold.speaker
    assert article.format == "telegram"


async def test_a_full_article_posted_in_a_channel(
    bot_env: BotEnv, seed_article: GoldArticle
) -> None:
    bot_env.sandbox.channel_post(CHANNEL_ID, seed_article.text.strip())
    await wait_for_articles(bot_env, CHANNEL_ID)
    await assert_gold(bot_env, CHANNEL_ID, seed_article)
    assert bot_env.sandbox.rejected == []


async def test_a_full_article_forwarded_from_a_channel(
    bot_env: BotEnv, seed_article: GoldArticle
) -> None:
    sandbox = bot_env.sandbox
    sandbox.forward_from_channel(
        USER_ID, USER_ID, CHANNEL_ID, 41, seed_article.text.strip(), date=FORWARDED
    )
    [card] = await sandbox.wait_for_messages(USER_ID)
    assert card.text.startswith(seed_article.headline)
    await assert_gold(bot_env, USER_ID, seed_article)
    [article] = await bot_env.library.latest(USER_ID, 1)
    assert article.source_url == "https://t.me/newsroom/41"
    assert sandbox.rejected == []


async def test_a_full_article_forwarded_from_a_user(
    bot_env: BotEnv, seed_article: GoldArticle
) -> None:
    sandbox = bot_env.sandbox
    sandbox.forward_from_user(
        USER_ID, USER_ID, OTHER_USER_ID, seed_article.text.strip(), date=FORWARDED
    )
    [card] = await sandbox.wait_for_messages(USER_ID)
    assert card.text.startswith(seed_article.headline)
    await assert_gold(bot_env, USER_ID, seed_article)
    assert sandbox.rejected == []
