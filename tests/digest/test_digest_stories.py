"""Digests of stories delivered part by part: a restart re-renders the same parts, even when a
new version of a story in the window arrived in between."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from telegram import Bot
from telegram.constants import ParseMode
from telegram.ext import Defaults, ExtBot

from bot.config import Config
from bot.delivery import (
    Outcome,
    compose_digest,
    deliver_subscription,
    delivery_period,
    select_digest,
)
from bot.i18n import translator
from bot.sandbox import Sandbox
from bot.schedule import ALL_WEEKDAYS
from storage.aio import AsyncLibrary

from ..e2e.story_membership import join_story
from .digest_articles import digest_article

EN = translator("en")
GROUP_ID = -1001000000001
DUE = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
PERIOD = delivery_period(DUE)


@pytest.fixture
async def sandbox() -> AsyncIterator[Sandbox]:
    async with Sandbox() as running:
        running.add_chat(GROUP_ID, "supergroup", title="Desk A")
        yield running


@pytest.fixture
async def bot(sandbox: Sandbox) -> AsyncIterator[Bot]:
    """A bot sending HTML by default, as the Application's is: parts are measured as Telegram
    shows them."""
    defaults = Defaults(parse_mode=ParseMode.HTML)
    async with ExtBot(sandbox.token, base_url=sandbox.base_url, defaults=defaults) as running:
        yield running


@pytest.fixture
async def library(library_target: str | Path) -> AsyncIterator[AsyncLibrary]:
    opened = await AsyncLibrary.open(library_target)
    yield opened
    await opened.aclose()


async def test_a_restarted_story_digest_sends_the_rest_identically(
    bot: Bot, library: AsyncLibrary, sandbox: Sandbox, library_target: str | Path
) -> None:
    ids = [(await library.add_article(digest_article(GROUP_ID, n))).article_id for n in range(24)]
    for first in range(0, 24, 3):  # eight stories of three versions each
        join_story(library_target, ids[first], ids[first + 1], ids[first + 2])
    sub = await library.add_subscription(
        chat_id=GROUP_ID, thread_id=None, local_time=DUE.time(), timezone="UTC",
        weekdays=ALL_WEEKDAYS, keywords="", next_due_at=DUE, created_by=None, cursor=0,
    )  # fmt: skip
    upper = await library.open_digest_window(sub.id, PERIOD)
    articles, total = await select_digest(library, sub, upper=upper)
    expected = compose_digest(EN, articles, total=total, title_date=DUE.date(), send_empty=False)
    assert len(expected) >= 2
    assert all("8 new stories (24 articles)" in part for part in expected)
    # Part 1 went out, then the process died; a fourth version of a story in the window came.
    await library.record_delivery(sub.id, PERIOD, 1, 77)
    late = (await library.add_article(digest_article(GROUP_ID, 50))).article_id
    join_story(library_target, ids[0], late)
    outcome = await deliver_subscription(
        bot, library, Config(), sub, now=DUE + dt.timedelta(seconds=20)
    )
    assert outcome is Outcome.SENT
    sent = [message.html for message in sandbox.messages_to(GROUP_ID)]
    assert sent == expected[1:]
    assert not any("harbour/50" in (part or "") for part in sent)
