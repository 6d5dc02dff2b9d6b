"""The feed job of ``digest-bot run``: one polling cycle over the due feeds, and the notices.

Each feed keeps its own next poll time in the database, so one repeating job
(:mod:`bot.scheduler` installs it) is all polling needs: it claims whatever is due, polls it
with bounded concurrency (:func:`bot.feeds.cycle.poll_due_feeds`) and tells a chat, once, when
one of its feeds was paused after failing for ``[feeds] pause_after_days``.
"""

from __future__ import annotations

import logging
from collections import Counter

from telegram import Bot
from telegram.error import TelegramError

from bot.config import Config
from bot.feeds.cycle import poll_due_feeds
from bot.feeds.poller import PollOutcome
from bot.feeds.settings import PollSettings
from bot.intake.article import SourceKind
from bot.metrics import BotMetrics
from bot.render.feeds import feed_paused_notice
from bot.reply_language import stored_chat_translator
from bot.services import App
from storage.aio import AsyncLibrary
from storage.models import Feed

__all__ = ["count_poll", "notify_paused", "run_feed_cycle"]

log = logging.getLogger(__name__)


async def notify_paused(bot: Bot, library: AsyncLibrary, config: Config, feed: Feed) -> bool:
    """Tell the feed's chat, in its language, that the feed is paused, and why; False when
    Telegram refused (the bot left the chat, was blocked): the pause stands, shown by
    ``/feeds``."""
    current = await library.get_feed(feed.id)
    if current is None or current.paused_reason is None:  # removed or resumed meanwhile
        return False
    try:
        t = stored_chat_translator(await library.get_chat(current.chat_id), config)
        await bot.send_message(current.chat_id, feed_paused_notice(t, current))
    except TelegramError as error:
        log.warning(
            "could not tell chat %s that feed %s is paused: %s", feed.chat_id, feed.id, error
        )
        return False
    return True


def count_poll(metrics: BotMetrics, outcome: PollOutcome) -> None:
    """Count one feed poll (by the cycle, ``/feed``'s first poll or a resume) in ``metrics``:
    its outcome, the articles it stored and those already there, a pause."""
    metrics.feed_polled(outcome.status)
    metrics.article_stored(SourceKind.FEED, count=outcome.stored)
    metrics.article_stored(SourceKind.FEED, duplicate=True, count=outcome.duplicates)
    if outcome.paused:
        metrics.feed_paused()


async def run_feed_cycle(application: App) -> list[PollOutcome]:
    """Poll every due feed once, count the outcomes and the articles stored in the metrics,
    and send the pause notices; returns the outcomes."""
    services = application.bot_data.services
    settings = PollSettings.from_config(services.config)
    outcomes = await poll_due_feeds(services.library, settings)
    for outcome in outcomes:
        count_poll(services.metrics, outcome)
        if outcome.paused:
            await notify_paused(application.bot, services.library, services.config, outcome.feed)
    if outcomes:
        statuses = Counter(outcome.status for outcome in outcomes)
        stored = sum(outcome.stored for outcome in outcomes)
        log.info("feed cycle: %s; %d articles stored", dict(statuses), stored)
    return outcomes
