"""/subscribe, /subscriptions, /unsubscribe and /digest.

A subscription belongs to the chat the digest goes to: the chat (and forum topic) the command
was sent from, or a channel named as ``@channel`` from a private chat by one of its
administrators. In groups only administrators change subscriptions (and ask for /digest, which
posts to everyone). Delivery itself is :mod:`bot.delivery`'s job, run by :mod:`bot.scheduler`;
a change here takes effect at the next tick.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from telegram import Message, Update
from telegram.constants import ChatType
from telegram.error import BadRequest, Forbidden
from telegram.ext import CommandHandler

from bot.access import bot_can_post, is_chat_admin, may_change_settings
from bot.delivery import preview_parts, recent_preview_parts
from bot.render import escape_text, subscription_label, subscriptions_list
from bot.replies import COMMAND_UPDATES, command_text, reply
from bot.schedule import (
    SubscribeArgsError,
    SubscribeRequest,
    format_weekdays,
    next_due,
    parse_subscribe_args,
    zone_from_name,
)
from bot.services import App, BotContext
from storage.models import Chat, Subscription

__all__ = ["COMMANDS", "register"]

log = logging.getLogger(__name__)

COMMANDS: list[tuple[str, str]] = [
    ("subscribe", "Daily digest: /subscribe 09:00 Europe/Berlin [mon-fri] [keywords]"),
    ("subscriptions", "This chat's digests, with their next run"),
    ("unsubscribe", "Stop a digest: /unsubscribe ID, or all"),
    ("digest", "Send the next digest now (it still goes out on schedule)"),
]

ADMINS_ONLY = "Only administrators of this chat can change its digests."
NO_SUCH_DIGEST = "There is no digest #{id} here. See /subscriptions."
PREVIEW_FOOTER = (
    "<i>A preview of the last 24 hours. For a digest every day: "
    "<code>/subscribe {time} {zone}</code></i>"
)
CHANNEL_FROM_PRIVATE = (
    "Name a channel only in a private chat with me, e.g. "
    "<code>/subscribe @mychannel 09:00 Europe/Berlin</code>."
)


@dataclass(frozen=True, slots=True)
class Target:
    """The chat (and forum topic) whose digests a command is about."""

    chat_id: int
    thread_id: int | None
    label: str  # "this chat" or "@channel", already escaped


def _topic_of(message: Message | None) -> int | None:
    """The forum topic a message was sent in; None outside forum topics."""
    if message is None or not message.is_topic_message:
        return None
    return message.message_thread_id


async def _channel_target(update: Update, context: BotContext, username: str) -> Target | None:
    """The channel ``@username`` if the user administers it and the bot can post there;
    otherwise replies why not and returns None."""
    chat = update.effective_chat
    user = update.effective_user
    if chat is None or chat.type != ChatType.PRIVATE or user is None:
        await reply(update, CHANNEL_FROM_PRIVATE)
        return None
    name = escape_text(username)
    try:
        channel = await context.bot.get_chat(username)
    except (BadRequest, Forbidden):
        await reply(
            update,
            f"I can't find {name}. Add me to the channel as an administrator who may post "
            "messages, then try again.",
        )
        return None
    if channel.type != ChatType.CHANNEL:
        await reply(update, f"{name} is not a channel. In a group, send the command there.")
        return None
    if not await is_chat_admin(context, channel.id, user.id):
        await reply(update, f"Only administrators of {name} can manage its digests.")
        return None
    if not await bot_can_post(context, channel.id):
        await reply(
            update,
            f"I can't post in {name}. Make me an administrator there with the right to post "
            "messages, then try again.",
        )
        return None
    await context.services.library.upsert_chat(
        Chat(chat_id=channel.id, type=channel.type, title=channel.title, username=channel.username)
    )
    return Target(channel.id, None, name)


async def _command_target(
    update: Update,
    context: BotContext,
    *,
    admins_only: bool = True,
) -> tuple[Target, list[str]] | None:
    """The target of a command and its remaining words: ``@channel`` when the first word names
    one, else this chat; with ``admins_only``, only if the user may change its settings.
    Replies when refused."""
    message = update.effective_message
    if message is None:
        return None
    words = command_text(message).split()
    target = await _target(update, context, words, admins_only=admins_only)
    return None if target is None else (target, words)


async def _target(
    update: Update,
    context: BotContext,
    words: list[str],
    *,
    admins_only: bool,
) -> Target | None:
    if words and words[0].startswith("@"):
        return await _channel_target(update, context, words.pop(0))
    chat = update.effective_chat
    if chat is None:
        return None
    if admins_only and not await may_change_settings(update, context):
        await reply(update, ADMINS_ONLY)
        return None
    return Target(chat.id, _topic_of(update.effective_message), "this chat")


async def _chat_zone(context: BotContext, chat_id: int) -> str:
    """The zone a chat's times are read in: the chat's own setting, else ``[digest] timezone``."""
    services = context.services
    stored = await services.library.get_chat(chat_id)
    if stored is not None and stored.timezone:
        return stored.timezone
    return services.config.digest.timezone


def _same_schedule(sub: Subscription, request: SubscribeRequest, thread_id: int | None) -> bool:
    return (
        sub.thread_id == thread_id
        and sub.local_time == request.local_time
        and sub.timezone == request.timezone
        and sub.weekdays == request.weekdays
        and sub.keywords == request.keywords
    )


def _describe(sub: Subscription, now: dt.datetime) -> str:
    local = sub.next_due_at.astimezone(zone_from_name(sub.timezone))
    keywords = f", keywords: <i>{escape_text(sub.keywords)}</i>" if sub.keywords else ""
    return (
        f"#{sub.id}: {format_weekdays(sub.weekdays)} at {sub.local_time:%H:%M} "
        f"{escape_text(sub.timezone)}{keywords}. Next digest: {local:%Y-%m-%d %H:%M %Z}."
    )


async def subscribe(update: Update, context: BotContext) -> None:
    command = await _command_target(update, context)
    if command is None:
        return
    target, words = command
    services = context.services
    library = services.library
    # Parse first: a mistyped command changes nothing, not even paused digests.
    try:
        request = parse_subscribe_args(
            words,
            default_time=services.config.digest.default_time,
            default_timezone=await _chat_zone(context, target.chat_id),
        )
    except SubscribeArgsError as exc:
        await reply(update, escape_text(str(exc)))
        return
    resumed = await library.resume_subscriptions(target.chat_id)
    resumed_note = f"Resumed {resumed} paused digest(s) for {target.label}. " if resumed else ""
    if resumed and not words:
        await reply(update, resumed_note.strip() + " See /subscriptions.")
        return
    now = dt.datetime.now(dt.UTC)
    existing = await library.list_subscriptions(target.chat_id)
    for sub in existing:
        if _same_schedule(sub, request, target.thread_id):
            await reply(update, f"{resumed_note}Already subscribed: {_describe(sub, now)}")
            return
    sub = await library.add_subscription(
        chat_id=target.chat_id,
        thread_id=target.thread_id,
        local_time=request.local_time,
        timezone=request.timezone,
        weekdays=request.weekdays,
        keywords=request.keywords,
        next_due_at=next_due(request.local_time, request.timezone, request.weekdays, after=now),
        created_by=update.effective_user.id if update.effective_user else None,
    )
    log.info("subscription %s created for chat %s", sub.id, target.chat_id)
    await reply(
        update,
        f"{resumed_note}Subscribed {target.label}: {_describe(sub, now)} "
        "It will hold the articles that arrive from now on.",
    )


async def list_subscriptions(update: Update, context: BotContext) -> None:
    command = await _command_target(update, context, admins_only=False)
    if command is None:
        return
    target, words = command
    subs = await context.services.library.list_subscriptions(target.chat_id)
    await reply(update, subscriptions_list(subs, dt.datetime.now(dt.UTC)))


async def unsubscribe(update: Update, context: BotContext) -> None:
    command = await _command_target(update, context)
    if command is None:
        return
    target, words = command
    library = context.services.library
    subs = await library.list_subscriptions(target.chat_id)
    choice = words[0].lower().lstrip("#") if words else ""
    if choice == "all":
        removed = await library.remove_all_subscriptions(target.chat_id)
        await reply(update, f"Removed {removed} digest(s) of {target.label}.")
        return
    if not choice:
        # Even a single digest is only removed when named: a bare command deletes nothing.
        if not subs:
            await reply(update, "There are no digests here.")
            return
        listing = subscriptions_list(subs, dt.datetime.now(dt.UTC))
        hint = "Which one? Send <code>/unsubscribe ID</code> or <code>/unsubscribe all</code>."
        await reply(update, f"{hint}\n\n{listing}")
        return
    if not choice.isdigit():
        await reply(update, "Give the digest's number from /subscriptions, or <code>all</code>.")
        return
    if await library.remove_subscription(target.chat_id, int(choice)):
        await reply(update, f"Removed digest #{int(choice)} of {target.label}.")
    else:
        await reply(update, f"There is no digest #{int(choice)} here. See /subscriptions.")


async def digest_now(update: Update, context: BotContext) -> None:
    """Send what the next digest would hold, without moving its cursor.

    Each subscription's digest is labelled with the subscription when there are several.
    Without a subscription: a preview of what a daily digest would hold (what arrived in the
    last 24 hours), ending with how to subscribe.
    """
    command = await _command_target(update, context)
    if command is None:
        return
    target, words = command
    services = context.services
    library = services.library
    subs = await library.list_subscriptions(target.chat_id)
    if words and words[0].lstrip("#").isdigit():
        wanted = int(words[0].lstrip("#"))
        subs = [sub for sub in subs if sub.id == wanted]
        if not subs:
            await reply(update, NO_SUCH_DIGEST.format(id=wanted))
            return
    now = dt.datetime.now(dt.UTC)
    if not subs:
        zone = await _chat_zone(context, target.chat_id)
        footer = PREVIEW_FOOTER.format(
            time=f"{services.config.digest.default_time:%H:%M}", zone=escape_text(zone)
        )
        for part in await recent_preview_parts(
            library, target.chat_id, zone=zone, now=now, footer=footer
        ):
            await reply(update, part)
        return
    for sub in subs:
        label = subscription_label(sub) if len(subs) > 1 else ""
        for part in await preview_parts(library, sub, now=now, label=label):
            await reply(update, part)


def register(application: App) -> None:
    for command, callback in (
        ("subscribe", subscribe),
        ("subscriptions", list_subscriptions),
        ("unsubscribe", unsubscribe),
        ("digest", digest_now),
    ):
        application.add_handler(CommandHandler(command, callback, filters=COMMAND_UPDATES))
