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
from bot.i18n import N_, Translator
from bot.render import escape_text, subscription_label, subscriptions_list, weekdays_text
from bot.replies import COMMAND_UPDATES, command_text, reply
from bot.reply_language import update_translator
from bot.schedule import (
    SubscribeArgsError,
    SubscribeRequest,
    next_due,
    parse_subscribe_args,
    zone_from_name,
)
from bot.services import App, BotContext
from storage.models import Chat, Subscription

__all__ = ["COMMANDS", "register"]

log = logging.getLogger(__name__)

COMMANDS: list[tuple[str, str]] = [
    ("subscribe", N_("Daily digest: /subscribe 09:00 Europe/Berlin [mon-fri] [keywords]")),
    ("subscriptions", N_("This chat's digests, with their next run")),
    ("unsubscribe", N_("Stop a digest: /unsubscribe ID, or all")),
    ("digest", N_("Send the next digest now (it still goes out on schedule)")),
]

ADMINS_ONLY = N_("Only administrators of this chat can change its digests.")
NO_SUCH_DIGEST = N_("There is no digest #{id} here. See /subscriptions.")
PREVIEW_FOOTER = N_(
    "<i>A preview of the last 24 hours. For a digest every day: "
    "<code>/subscribe {time} {zone}</code></i>"
)
CHANNEL_FROM_PRIVATE = N_(
    "Name a channel only in a private chat with me, e.g. "
    "<code>/subscribe @mychannel 09:00 Europe/Berlin</code>."
)


@dataclass(frozen=True, slots=True)
class Target:
    """The chat (and forum topic) whose digests a command is about."""

    chat_id: int
    thread_id: int | None
    channel: str | None  # "@channel", already escaped; None: this chat
    t: Translator  # the language of the chat the command came from


def _topic_of(message: Message | None) -> int | None:
    """The forum topic a message was sent in; None outside forum topics."""
    if message is None or not message.is_topic_message:
        return None
    return message.message_thread_id


async def _channel_target(
    t: Translator, update: Update, context: BotContext, username: str
) -> Target | None:
    """The channel ``@username`` if the user administers it and the bot can post there;
    otherwise replies why not and returns None."""
    chat = update.effective_chat
    user = update.effective_user
    if chat is None or chat.type != ChatType.PRIVATE or user is None:
        await reply(update, t.gettext(CHANNEL_FROM_PRIVATE))
        return None
    name = escape_text(username)
    try:
        channel = await context.bot.get_chat(username)
    except (BadRequest, Forbidden):
        await reply(
            update,
            t.gettext(
                "I can't find {channel}. Add me to the channel as an administrator who may post "
                "messages, then try again.",
                channel=name,
            ),
        )
        return None
    if channel.type != ChatType.CHANNEL:
        await reply(
            update,
            t.gettext(
                "{channel} is not a channel. In a group, send the command there.", channel=name
            ),
        )
        return None
    if not await is_chat_admin(context, channel.id, user.id):
        await reply(
            update,
            t.gettext("Only administrators of {channel} can manage its digests.", channel=name),
        )
        return None
    if not await bot_can_post(context, channel.id):
        await reply(
            update,
            t.gettext(
                "I can't post in {channel}. Make me an administrator there with the right to "
                "post messages, then try again.",
                channel=name,
            ),
        )
        return None
    await context.services.library.upsert_chat(
        Chat(chat_id=channel.id, type=channel.type, title=channel.title, username=channel.username)
    )
    return Target(channel.id, None, name, t)


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
    t = await update_translator(update, context)
    target = await _target(t, update, context, words, admins_only=admins_only)
    return None if target is None else (target, words)


async def _target(
    t: Translator,
    update: Update,
    context: BotContext,
    words: list[str],
    *,
    admins_only: bool,
) -> Target | None:
    if words and words[0].startswith("@"):
        return await _channel_target(t, update, context, words.pop(0))
    chat = update.effective_chat
    if chat is None:
        return None
    if admins_only and not await may_change_settings(update, context):
        await reply(update, t.gettext(ADMINS_ONLY))
        return None
    return Target(chat.id, _topic_of(update.effective_message), None, t)


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


def _describe(t: Translator, sub: Subscription) -> str:
    fields = {
        "id": sub.id,
        "days": escape_text(weekdays_text(t, sub.weekdays)),
        "time": f"{sub.local_time:%H:%M}",
        "zone": escape_text(sub.timezone),
        "next": t.format_datetime(sub.next_due_at, zone_from_name(sub.timezone)),
    }
    if sub.keywords:
        return t.gettext(
            "#{id}: {days} at {time} {zone}, keywords: <i>{keywords}</i>. Next digest: {next}.",
            keywords=escape_text(sub.keywords),
            **fields,
        )
    return t.gettext("#{id}: {days} at {time} {zone}. Next digest: {next}.", **fields)


def _resumed_note(target: Target, resumed: int) -> str:
    """ "Resumed 2 paused digests for this chat." (with a space after it), or nothing."""
    if not resumed:
        return ""
    t = target.t
    if target.channel is None:
        note = t.ngettext(
            "Resumed {count} paused digest for this chat.",
            "Resumed {count} paused digests for this chat.",
            resumed,
        )
    else:
        note = t.ngettext(
            "Resumed {count} paused digest for {channel}.",
            "Resumed {count} paused digests for {channel}.",
            resumed,
            channel=target.channel,
        )
    return note + " "


async def subscribe(update: Update, context: BotContext) -> None:
    command = await _command_target(update, context)
    if command is None:
        return
    target, words = command
    t = target.t
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
        await reply(update, escape_text(exc.in_language(t)))
        return
    resumed = await library.resume_subscriptions(target.chat_id)
    resumed_note = _resumed_note(target, resumed)
    if resumed and not words:
        await reply(update, resumed_note + t.gettext("See /subscriptions."))
        return
    now = dt.datetime.now(dt.UTC)
    existing = await library.list_subscriptions(target.chat_id)
    for sub in existing:
        if _same_schedule(sub, request, target.thread_id):
            already = t.gettext(
                "Already subscribed: {subscription}", subscription=_describe(t, sub)
            )
            await reply(update, resumed_note + already)
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
    if target.channel is None:
        subscribed = t.gettext(
            "Subscribed this chat: {subscription} It will hold the articles that arrive from "
            "now on.",
            subscription=_describe(t, sub),
        )
    else:
        subscribed = t.gettext(
            "Subscribed {channel}: {subscription} It will hold the articles that arrive from "
            "now on.",
            channel=target.channel,
            subscription=_describe(t, sub),
        )
    await reply(update, resumed_note + subscribed)


async def list_subscriptions(update: Update, context: BotContext) -> None:
    command = await _command_target(update, context, admins_only=False)
    if command is None:
        return
    target, words = command
    subs = await context.services.library.list_subscriptions(target.chat_id)
    await reply(update, subscriptions_list(target.t, subs, dt.datetime.now(dt.UTC)))


async def unsubscribe(update: Update, context: BotContext) -> None:
    command = await _command_target(update, context)
    if command is None:
        return
    target, words = command
    t = target.t
    library = context.services.library
    subs = await library.list_subscriptions(target.chat_id)
    choice = words[0].lower().lstrip("#") if words else ""
    if choice == "all":
        removed = await library.remove_all_subscriptions(target.chat_id)
        if target.channel is None:
            text = t.ngettext(
                "Removed {count} digest of this chat.",
                "Removed {count} digests of this chat.",
                removed,
            )
        else:
            text = t.ngettext(
                "Removed {count} digest of {channel}.",
                "Removed {count} digests of {channel}.",
                removed,
                channel=target.channel,
            )
        await reply(update, text)
        return
    if not choice:
        # Even a single digest is only removed when named: a bare command deletes nothing.
        if not subs:
            await reply(update, t.gettext("There are no digests here."))
            return
        listing = subscriptions_list(t, subs, dt.datetime.now(dt.UTC))
        hint = t.gettext(
            "Which one? Send <code>/unsubscribe ID</code> or <code>/unsubscribe all</code>."
        )
        await reply(update, f"{hint}\n\n{listing}")
        return
    if not choice.isdigit():
        await reply(
            update, t.gettext("Give the digest's number from /subscriptions, or <code>all</code>.")
        )
        return
    if await library.remove_subscription(target.chat_id, int(choice)):
        if target.channel is None:
            text = t.gettext("Removed digest #{id} of this chat.", id=int(choice))
        else:
            text = t.gettext(
                "Removed digest #{id} of {channel}.", id=int(choice), channel=target.channel
            )
        await reply(update, text)
    else:
        await reply(
            update, t.gettext("There is no digest #{id} here. See /subscriptions.", id=int(choice))
        )


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
            await reply(update, target.t.gettext(NO_SUCH_DIGEST, id=wanted))
            return
    now = dt.datetime.now(dt.UTC)
    if not subs:
        zone = await _chat_zone(context, target.chat_id)
        default_time = f"{services.config.digest.default_time:%H:%M}"
        footer = target.t.gettext(PREVIEW_FOOTER, time=default_time, zone=escape_text(zone))
        for part in await recent_preview_parts(
            target.t, library, target.chat_id, zone=zone, now=now, footer=footer
        ):
            await reply(update, part)
        return
    for sub in subs:
        label = subscription_label(target.t, sub) if len(subs) > 1 else ""
        for part in await preview_parts(target.t, library, sub, now=now, label=label):
            await reply(update, part)


def register(application: App) -> None:
    for command, callback in (
        ("subscribe", subscribe),
        ("subscriptions", list_subscriptions),
        ("unsubscribe", unsubscribe),
        ("digest", digest_now),
    ):
        application.add_handler(CommandHandler(command, callback, filters=COMMAND_UPDATES))
