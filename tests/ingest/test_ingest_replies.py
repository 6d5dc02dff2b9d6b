"""Coalesced answers to bursts of articles, against the sandbox over HTTP with a real Bot.

The interval is shortened; messages come from the sandbox as Telegram would send them, so the
cards are real replies and the lists real sends.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import AsyncIterator

import pytest
from telegram import Bot, Message
from telegram.constants import ParseMode
from telegram.ext import Defaults, ExtBot

from bot.i18n import translator
from bot.ingest_replies import IngestReplies
from bot.sandbox import Sandbox
from storage.models import AddResult, Article

USER_ID = 1001
INTERVAL_S = 0.3
EN = translator("en")


@pytest.fixture
async def sandbox() -> AsyncIterator[Sandbox]:
    async with Sandbox() as running:
        running.add_user(USER_ID, "Ann", "ann")
        yield running


@pytest.fixture
async def bot(sandbox: Sandbox) -> AsyncIterator[Bot]:
    defaults = Defaults(parse_mode=ParseMode.HTML)  # as bot.app builds it
    async with ExtBot(sandbox.token, base_url=sandbox.base_url, defaults=defaults) as running:
        yield running


def incoming(sandbox: Sandbox, bot: Bot, text: str) -> Message:
    """A message the user sent, as the bot receives it."""
    return Message.de_json(sandbox.send_text(USER_ID, USER_ID, text), bot)


def article(article_id: int) -> Article:
    return Article(
        id=article_id,
        chat_id=USER_ID,
        headline=f"Ferry {article_id} sails again",
        body="The ferry resumed its crossings.",
        content_hash=str(article_id),
        published=dt.date(2024, 5, 17),
        date_source="message",
        lead_quote=None,
        quote_speaker=None,
        lead="The ferry resumed its crossings.",
        lang="en",
        format="telegram",
        message_id=None,
        submitted_by=USER_ID,
        source_url=None,
        source_title=None,
        ingested_at=dt.datetime(2024, 5, 17, 10, 0, tzinfo=dt.UTC),
    )


async def store(replies: IngestReplies, sandbox: Sandbox, bot: Bot, article_id: int) -> None:
    message = incoming(sandbox, bot, f"post {article_id}")
    await replies.stored(EN, message, AddResult(article_id, duplicate=False), article(article_id))


async def test_the_first_gets_its_card_the_rest_one_list(sandbox: Sandbox, bot: Bot) -> None:
    replies = IngestReplies(bot, quota=300, interval_s=INTERVAL_S)
    for article_id in range(1, 6):
        await store(replies, sandbox, bot, article_id)
    [card] = await sandbox.wait_for_messages(USER_ID)
    assert card.text.startswith("Ferry 1 sails again") and "#1" in card.text
    [listing] = await sandbox.wait_for_messages(USER_ID)
    assert listing.text == (
        "Also saved (4):\n#2 · Ferry 2 sails again\n#3 · Ferry 3 sails again\n"
        "#4 · Ferry 4 sails again\n#5 · Ferry 5 sails again"
    )
    await asyncio.sleep(INTERVAL_S * 3)  # the burst ended: the next article is at rest again
    await store(replies, sandbox, bot, 6)
    [again] = await sandbox.wait_for_messages(USER_ID)
    assert again.text.startswith("Ferry 6 sails again")
    await replies.aclose()
    assert sandbox.rejected == []


async def test_closing_sends_what_waits_at_once(sandbox: Sandbox, bot: Bot) -> None:
    replies = IngestReplies(bot, quota=300, interval_s=60.0)
    for article_id in range(1, 4):
        await store(replies, sandbox, bot, article_id)
    await replies.aclose()
    card, listing = sandbox.messages_to(USER_ID)
    assert card.text.startswith("Ferry 1 ") and listing.text.startswith("Also saved (2):")


async def test_the_quota_is_told_once_naming_every_refused_message(
    sandbox: Sandbox, bot: Bot
) -> None:
    replies = IngestReplies(bot, quota=2, interval_s=INTERVAL_S)
    for number in range(3):
        replies.refused(EN, incoming(sandbox, bot, f"Ferry {number} sails\nbody"), USER_ID, 3000.0)
    [notice] = await sandbox.wait_for_messages(USER_ID)
    assert notice.text.startswith("Not stored: I take at most 2 articles an hour")
    assert "again in 50 minutes" in notice.text
    assert notice.text.endswith("• Ferry 0 sails\n• Ferry 1 sails\n• Ferry 2 sails")
    replies.refused(EN, incoming(sandbox, bot, "Ferry 3 sails"), USER_ID, 2990.0)
    await asyncio.sleep(INTERVAL_S * 3)
    assert len(sandbox.messages_to(USER_ID)) == 1
    await replies.aclose()
