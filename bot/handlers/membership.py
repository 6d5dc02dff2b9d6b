"""Chats the bot sees, its own membership in them, group migrations, and the private-chat gate.

Three handlers run before the command handlers of group 0:

* group :data:`GATE_GROUP` - ``[access] allowed_users``: a user not allowed gets one polite
  refusal and :class:`~telegram.ext.ApplicationHandlerStop` ends the update there, so no other
  handler (and no write) ever sees it. Inline queries count as private use: inline results come
  from the user's private library.
* group :data:`RECORD_GROUP` - every chat seen is stored (type, title, username), so
  ``from:@channel``, ``/follow`` and public sources can resolve it. Facts are remembered in memory
  for :data:`CHAT_FACTS_SECONDS`, so a busy group costs one write, not one per message.
* group 0 - ``my_chat_member`` (the bot added, removed, blocked, demoted) records why the bot can
  no longer post there; a group that became a supergroup moves its library to the new id.
"""

from __future__ import annotations

import logging

from telegram import ChatMemberAdministrator, ChatMemberRestricted, Update
from telegram.constants import ChatMemberStatus, ChatType
from telegram.ext import (
    ApplicationHandlerStop,
    ChatMemberHandler,
    MessageHandler,
    TypeHandler,
    filters,
)

from bot.access import forget_chat_members, may_use_private_chat
from bot.chat_records import chat_record
from bot.i18n import N_, resolve_language, translator
from bot.services import App, BotContext
from storage.errors import StorageError

__all__ = [
    "CHAT_FACTS_SECONDS",
    "COMMANDS",
    "GATE_GROUP",
    "REASON_BLOCKED",
    "REASON_CANNOT_POST",
    "REASON_REMOVED",
    "RECORD_GROUP",
    "REFUSAL",
    "REFUSAL_SHORT",
    "SEEN_CHATS_LIMIT",
    "gate_private_use",
    "on_migration",
    "on_my_chat_member",
    "paused_reason",
    "record_chat",
    "register",
]

log = logging.getLogger(__name__)

COMMANDS: list[tuple[str, str]] = []

GATE_GROUP = -2
RECORD_GROUP = -1
CHAT_FACTS_SECONDS = 3600.0
#: More remembered chats than this and the memory starts over (it only saves writes).
SEEN_CHATS_LIMIT = 50_000

REFUSAL = N_(
    "Sorry, this bot is private and you are not on its list of users.\n"
    "If you should be, ask its owner to add your user id <code>{user_id}</code> to "
    "<code>[access] allowed_users</code>."
)
REFUSAL_SHORT = N_("Sorry, this bot is private.")

#: Why the bot cannot post in a chat, stored as the English message and shown in the reader's
#: language (:meth:`bot.i18n.Translator.known_message`).
REASON_BLOCKED = N_("the user blocked the bot")
REASON_REMOVED = N_("the bot was removed from this chat")
REASON_CANNOT_POST = N_("the bot may not post here (make it an administrator allowed to post)")


def paused_reason(chat_type: str, member: object) -> str | None:
    """Why the bot cannot post in a chat given its new membership there, or None if it can."""
    status = getattr(member, "status", None)
    if status == ChatMemberStatus.BANNED:
        return REASON_BLOCKED if chat_type == ChatType.PRIVATE else REASON_REMOVED
    if status == ChatMemberStatus.LEFT:
        return REASON_REMOVED
    if isinstance(member, ChatMemberRestricted) and not member.can_send_messages:
        return REASON_CANNOT_POST
    may_post_in_channel = status == ChatMemberStatus.OWNER or (
        isinstance(member, ChatMemberAdministrator) and bool(member.can_post_messages)
    )
    if chat_type == ChatType.CHANNEL and not may_post_in_channel:
        return REASON_CANNOT_POST
    return None


async def gate_private_use(update: Update, context: BotContext) -> None:
    """Refuse users outside ``[access] allowed_users`` in private chats and inline mode."""
    chat = update.effective_chat
    is_private_use = update.inline_query is not None or (
        chat is not None and chat.type == ChatType.PRIVATE
    )
    user = update.effective_user
    config = context.services.config
    if not is_private_use or may_use_private_chat(config, user.id if user else None):
        return
    log.info("refused user %s in a private chat", user.id if user else None)
    # Not from the library: a refused user's chat was never recorded, so the user's Telegram
    # language (or the default) decides.
    t = translator(
        resolve_language(user.language_code if user else None, config.bot.default_language)
    )
    if update.inline_query is not None:
        await update.inline_query.answer([], is_personal=True, cache_time=0)
    elif update.callback_query is not None:
        await update.callback_query.answer(t.gettext(REFUSAL_SHORT))
    elif update.message is not None and user is not None:
        await update.message.reply_text(t.gettext(REFUSAL, user_id=user.id))
    raise ApplicationHandlerStop


async def record_chat(update: Update, context: BotContext) -> None:
    """Store the update's chat unless the same facts were stored recently."""
    chat = update.effective_chat
    if chat is None:
        return
    user = update.effective_user
    record = chat_record(chat, telegram_language=user.language_code if user else None)
    seen = context.services.seen_chats
    found, stored = seen.get(chat.id)
    if found and stored == record:
        return
    try:
        await context.services.library.upsert_chat(record)
    except StorageError:
        log.warning("could not record chat %s", chat.id, exc_info=True)
        return
    seen.put(chat.id, record)


async def on_my_chat_member(update: Update, context: BotContext) -> None:
    """The bot's own status changed: record whether it can still post, drop cached rights.

    When the bot can post again (unblocked, re-added, given posting rights back), digests that
    were paused because it could not are resumed with their settings.
    """
    change = update.my_chat_member
    if change is None:
        return
    chat = change.chat
    forget_chat_members(context, chat.id)
    reason = paused_reason(chat.type, change.new_chat_member)
    library = context.services.library
    await library.upsert_chat(chat_record(chat))
    await library.set_chat_paused(chat.id, reason)
    if reason is None:
        resumed = await library.resume_subscriptions(chat.id)
        if resumed:
            log.info("resumed %d paused digests in chat %s", resumed, chat.id)
    log.info(
        "bot status in chat %s: %s -> %s",
        chat.id,
        change.old_chat_member.status,
        change.new_chat_member.status,
    )


async def on_migration(update: Update, context: BotContext) -> None:
    """A group became a supergroup: move its articles, follows and subscriptions to the new id.

    Telegram announces it twice (``migrate_to_chat_id`` in the old group, ``migrate_from_chat_id``
    in the new one); moving is idempotent, so whichever arrives first does the work.
    """
    message = update.effective_message
    if message is None:
        return
    if message.migrate_to_chat_id:
        old_id, new_id = message.chat.id, message.migrate_to_chat_id
    elif message.migrate_from_chat_id:
        old_id, new_id = message.migrate_from_chat_id, message.chat.id
    else:
        return
    await context.services.library.migrate_chat(old_id, new_id)
    seen = context.services.seen_chats
    for chat_id in (old_id, new_id):
        seen.forget(chat_id)
        forget_chat_members(context, chat_id)
    log.info("chat %s migrated to %s", old_id, new_id)


def register(application: App) -> None:
    application.add_handler(TypeHandler(Update, gate_private_use, block=True), group=GATE_GROUP)
    application.add_handler(TypeHandler(Update, record_chat, block=True), group=RECORD_GROUP)
    application.add_handler(ChatMemberHandler(on_my_chat_member, ChatMemberHandler.MY_CHAT_MEMBER))
    application.add_handler(
        MessageHandler(filters.UpdateType.MESSAGE & filters.StatusUpdate.MIGRATE, on_migration)
    )
