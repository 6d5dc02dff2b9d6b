"""/feed, /feeds and /unfeed: the feeds a chat's collection follows.

A feed belongs to the chat the command was sent from, or to a channel named as ``@channel``
from a private chat by one of its administrators (the rule of ``/subscribe @channel``). In
groups only administrators add and remove feeds; anyone may list them. Following a feed polls
it at once (:func:`bot.feeds.follow.follow_feed`); later polls are the feed job's
(:mod:`bot.feed_job`).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from telegram import Update
from telegram.constants import ChatType
from telegram.ext import CommandHandler

from bot.access import ChannelRefusal, administered_channel, may_change_settings
from bot.feed_job import count_poll
from bot.feeds import FeedError, apply_floor, format_interval
from bot.feeds.command import parse_feed_command
from bot.feeds.cycle import poll_feed_now
from bot.feeds.follow import FollowedFeed, follow_feed
from bot.feeds.settings import PollSettings
from bot.fetch import FetchError
from bot.i18n import N_, LocalizedError, Translator
from bot.render import escape_text
from bot.render.feeds import feed_title, feeds_list
from bot.replies import COMMAND_UPDATES, command_text, reply
from bot.reply_language import update_translator
from bot.services import App, BotContext
from storage.errors import FeedExistsError
from storage.models import Chat, Feed

__all__ = [
    "ADMINS_ONLY",
    "COMMANDS",
    "add_feed",
    "list_feeds",
    "register",
    "remove_feed",
]

log = logging.getLogger(__name__)

COMMANDS: list[tuple[str, str]] = [
    ("feed", N_("Follow an RSS, Atom or JSON feed: /feed URL [every 1h]")),
    ("feeds", N_("This chat's feeds, with their state")),
    ("unfeed", N_("Stop following a feed: /unfeed ID or URL (its articles stay)")),
]

ADMINS_ONLY = N_("Only administrators of this chat can change its feeds.")
_NO_SUCH_FEED = N_("There is no feed {which} here. See /feeds.")
_FIRST_POLL_FAILED = N_("The first poll failed: {error}. I'll try again; /feeds shows how it goes.")

_REFUSALS = {
    ChannelRefusal.NOT_FOUND: N_(
        "I can't find {channel}. Add me to the channel as an administrator who may post "
        "messages, then try again."
    ),
    ChannelRefusal.NOT_A_CHANNEL: N_(
        "{channel} is not a channel. In a group, send the command there."
    ),
    ChannelRefusal.NOT_ADMIN: N_("Only administrators of {channel} can manage its feeds."),
    ChannelRefusal.CANNOT_POST: N_(
        "I can't post in {channel}. Make me an administrator there with the right to post "
        "messages, then try again."
    ),
}


@dataclass(frozen=True, slots=True)
class _Target:
    """The chat whose feeds a command is about, and the language to answer in."""

    chat_id: int
    channel: str | None  # "@channel", already escaped; None: this chat
    t: Translator

    def label(self) -> str:
        """How the answer names the chat: the channel, or "this chat"."""
        return self.channel or self.t.gettext("this chat")


async def _target(
    update: Update, context: BotContext, words: list[str], *, admins_only: bool
) -> _Target | None:
    """``@channel`` when the first word names one (taken off ``words``), else this chat;
    replies and returns None when the user may not manage it."""
    chat, user = update.effective_chat, update.effective_user
    if chat is None:
        return None
    t = await update_translator(update, context)
    if words and words[0].startswith("@"):
        username = words.pop(0)
        if chat.type != ChatType.PRIVATE or user is None:
            await reply(
                update,
                t.gettext(
                    "Name a channel only in a private chat with me, e.g. "
                    "<code>/feed @mychannel https://example.com/rss</code>."
                ),
            )
            return None
        found = await administered_channel(context, username, user.id)
        name = escape_text(username)
        if isinstance(found, ChannelRefusal):
            await reply(update, t.gettext(_REFUSALS[found], channel=name))
            return None
        await context.services.library.upsert_chat(
            Chat(chat_id=found.id, type=found.type, title=found.title, username=found.username)
        )
        return _Target(found.id, name, t)
    if admins_only and not await may_change_settings(update, context):
        await reply(update, t.gettext(ADMINS_ONLY))
        return None
    return _Target(chat.id, None, t)


def _poll_settings(context: BotContext) -> PollSettings:
    return PollSettings.from_config(context.services.config)


def _error_text(t: Translator, error: Exception) -> str:
    """An error for the reader, escaped: in their language when it has a catalog message."""
    return escape_text(error.in_language(t) if isinstance(error, LocalizedError) else str(error))


def _followed_text(followed: FollowedFeed, target: _Target, backfill: int) -> list[str]:
    t, outcome, feed = target.t, followed.outcome, followed.feed
    lines = [
        t.gettext(
            "Following <b>{title}</b> in {target}, every {interval}.",
            title=feed_title(feed),
            target=target.label(),
            interval=format_interval(feed.interval),
        )
        + "\n"
        + t.ngettext(
            "{count} item in the feed; {stored} stored now.",
            "{count} items in the feed; {stored} stored now.",
            len(followed.found.parsed.items),
            stored=t.format_number(outcome.stored if outcome else 0),
        )
    ]
    if followed.found.announced_by:
        lines.append(
            t.gettext("Found as the feed of {page}.", page=escape_text(followed.found.announced_by))
        )
    if outcome is None:
        lines.append(t.gettext("It will be read within a few minutes."))
    elif outcome.failed:
        lines.append(t.gettext(_FIRST_POLL_FAILED, error=escape_text(outcome.error or "")))
    elif outcome.seen:
        lines.append(
            t.ngettext(
                "{count} older item was left out: a new feed brings its newest {newest}.",
                "{count} older items were left out: a new feed brings its newest {newest}.",
                outcome.seen,
                newest=t.format_number(backfill),
            )
        )
    return lines


async def _resume(update: Update, context: BotContext, target: _Target, feed: Feed) -> None:
    """``/feed`` for a feed the chat follows: a paused one is polled now (a success resumes
    it); otherwise the user is told it is followed already."""
    t = target.t
    if feed.paused_reason is None:
        await reply(
            update,
            t.gettext(
                "{target} already follows this feed as #{feed_id}. /feeds lists them.",
                target=target.label(),
                feed_id=feed.id,
            ),
        )
        return
    outcome = await poll_feed_now(context.services.library, feed.id, _poll_settings(context))
    if outcome is not None:
        count_poll(context.services.metrics, outcome)
    if outcome is None or outcome.failed:
        error = outcome.error if outcome and outcome.error else feed.last_error or ""
        await reply(update, t.gettext(_FIRST_POLL_FAILED, error=escape_text(error)))
        return
    await reply(
        update,
        t.ngettext(
            "Feed #{feed_id} <b>{title}</b> is read again: {count} new article stored.",
            "Feed #{feed_id} <b>{title}</b> is read again: {count} new articles stored.",
            outcome.stored,
            feed_id=feed.id,
            title=feed_title(feed),
        ),
    )


async def add_feed(update: Update, context: BotContext) -> None:
    message = update.effective_message
    if message is None:
        return
    words = command_text(message).split()
    target = await _target(update, context, words, admins_only=True)
    if target is None:
        return
    t = target.t
    config = context.services.config.feeds
    try:
        command = parse_feed_command(words)
    except FeedError as error:
        await reply(update, _error_text(t, error))
        return
    interval, raised = apply_floor(command.interval or config.default_interval, config.min_interval)
    library = context.services.library
    url = escape_text(command.url)
    try:
        followed = await follow_feed(
            library,
            _poll_settings(context),
            command.url,
            chat_id=target.chat_id,
            interval=interval,
            created_by=update.effective_user.id if update.effective_user else None,
        )
    except FeedExistsError as exists:
        feed = await library.get_feed(exists.feed_id)
        if feed is None:  # removed meanwhile
            await reply(update, t.gettext(_NO_SUCH_FEED, which=exists.feed_id))
        else:
            await _resume(update, context, target, feed)
        return
    except (FetchError, FeedError) as error:
        await reply(
            update,
            t.gettext("I can't follow {url}: {reason}", url=url, reason=_error_text(t, error)),
        )
        return
    log.info("chat %s follows feed %s (%s)", target.chat_id, followed.feed.id, followed.feed.url)
    if followed.outcome is not None:
        count_poll(context.services.metrics, followed.outcome)
    lines = _followed_text(followed, target, config.backfill_items)
    if raised:
        lines.append(
            t.gettext(
                "The shortest interval here is {minimum}.",
                minimum=format_interval(config.min_interval),
            )
        )
    await reply(update, "\n".join(lines))


async def list_feeds(update: Update, context: BotContext) -> None:
    message = update.effective_message
    if message is None:
        return
    target = await _target(update, context, command_text(message).split(), admins_only=False)
    if target is None:
        return
    feeds = await context.services.library.feeds_of(target.chat_id)
    await reply(update, feeds_list(target.t, feeds))


async def _named_feed(context: BotContext, chat_id: int, which: str) -> Feed | None:
    """The chat's feed named by its id (``3``, ``#3``) or its exact URL."""
    library = context.services.library
    number = which.lstrip("#")
    if number.isdigit():
        feed = await library.get_feed(int(number))
        return feed if feed is not None and feed.chat_id == chat_id else None
    return await library.find_feed(chat_id, which.strip("<>"))


async def remove_feed(update: Update, context: BotContext) -> None:
    message = update.effective_message
    if message is None:
        return
    words = command_text(message).split()
    target = await _target(update, context, words, admins_only=True)
    if target is None:
        return
    t = target.t
    if not words:
        await reply(
            update,
            t.gettext("Which feed? Send <code>/unfeed ID</code> or <code>/unfeed URL</code>."),
        )
        return
    feed = await _named_feed(context, target.chat_id, words[0])
    if feed is None or not await context.services.library.remove_feed(
        feed.id, chat_id=target.chat_id
    ):
        await reply(update, t.gettext(_NO_SUCH_FEED, which=escape_text(words[0])))
        return
    log.info("chat %s stopped following feed %s (%s)", target.chat_id, feed.id, feed.url)
    await reply(
        update,
        t.ngettext(
            "Stopped following <b>{title}</b>. Its {count} article stays in the library.",
            "Stopped following <b>{title}</b>. Its {count} articles stay in the library.",
            feed.items_stored,
            title=feed_title(feed),
        ),
    )


def register(application: App) -> None:
    for command, callback in (("feed", add_feed), ("feeds", list_feeds), ("unfeed", remove_feed)):
        application.add_handler(CommandHandler(command, callback, filters=COMMAND_UPDATES))
