"""Who may do what (DESIGN §3), asked of Telegram and cached briefly.

Telegram is the authority on membership: administrators are asked with getChatMember and the answer
is cached for :data:`ADMIN_CACHE_SECONDS`, so a demoted administrator loses rights within minutes
while a busy group does not cost one API call per command.
"""

from __future__ import annotations

from enum import StrEnum

from telegram import Chat, ChatFullInfo, ChatMember, Update
from telegram.constants import ChatMemberStatus, ChatType
from telegram.error import BadRequest, Forbidden

from bot.config import Config
from bot.services import BotContext

__all__ = [
    "ADMIN_CACHE_SECONDS",
    "ChannelRefusal",
    "MEMBER_CACHE_ENTRIES",
    "administered_channel",
    "bot_can_post",
    "chat_member",
    "forget_chat_members",
    "is_chat_admin",
    "is_chat_member",
    "is_owner",
    "may_change_settings",
    "may_use_private_chat",
]

ADMIN_CACHE_SECONDS = 180.0
#: More cached answers than this and the cache starts over (it only saves API calls).
MEMBER_CACHE_ENTRIES = 10_000

_ADMIN_STATUSES = {ChatMemberStatus.OWNER, ChatMemberStatus.ADMINISTRATOR}
_MEMBER_STATUSES = _ADMIN_STATUSES | {ChatMemberStatus.MEMBER, ChatMemberStatus.RESTRICTED}


def forget_chat_members(context: BotContext, chat_id: int) -> None:
    """Drop the cached answers about ``chat_id`` (the bot's rights there changed, it moved)."""
    context.services.member_cache.forget_where(lambda key: key[0] == chat_id)


async def chat_member(context: BotContext, chat_id: int, user_id: int) -> ChatMember | None:
    """The user's membership of the chat, or None when Telegram does not know them there."""
    cache = context.services.member_cache
    found, member = cache.get((chat_id, user_id))
    if found:
        return member
    try:
        member = await context.bot.get_chat_member(chat_id, user_id)
    except (BadRequest, Forbidden):
        member = None
    cache.put((chat_id, user_id), member)
    return member


async def is_chat_admin(context: BotContext, chat_id: int, user_id: int) -> bool:
    """Whether the user is the creator or an administrator of the chat."""
    member = await chat_member(context, chat_id, user_id)
    return member is not None and member.status in _ADMIN_STATUSES


async def is_chat_member(context: BotContext, chat_id: int, user_id: int) -> bool:
    """Whether the user belongs to the chat (any status short of left or banned)."""
    member = await chat_member(context, chat_id, user_id)
    return member is not None and member.status in _MEMBER_STATUSES


async def bot_can_post(context: BotContext, chat_id: int) -> bool:
    """Whether the bot may send messages in the chat (in a channel: an admin allowed to post)."""
    member = await chat_member(context, chat_id, context.bot.id)
    if member is None:
        return False
    if member.status == ChatMemberStatus.OWNER:
        return True
    if member.status == ChatMemberStatus.ADMINISTRATOR:
        can_post = getattr(member, "can_post_messages", None)
        return can_post is not False
    if member.status in (ChatMemberStatus.MEMBER, ChatMemberStatus.RESTRICTED):
        chat = await context.bot.get_chat(chat_id)
        return chat.type != ChatType.CHANNEL
    return False


def is_owner(config: Config, user_id: int | None) -> bool:
    """Whether the user is one of ``[access] owners``."""
    return user_id is not None and user_id in config.access.owners


def may_use_private_chat(config: Config, user_id: int | None) -> bool:
    """``[access] allowed_users``, when set, limits who may use the bot in private chats."""
    if not config.access.allowed_users:
        return True
    return user_id is not None and (
        user_id in config.access.allowed_users or user_id in config.access.owners
    )


async def may_change_settings(update: Update, context: BotContext) -> bool:
    """Settings of a chat (subscriptions, follows, auto-ingest) are its administrators' business.

    In a private chat the user owns the chat. In a channel only administrators can post, so a
    command posted there is an administrator's. In a group the sender must be an administrator;
    a message sent on behalf of the group itself (anonymous administrator) counts as one.
    """
    chat = update.effective_chat
    message = update.effective_message
    if chat is None:
        return False
    if chat.type == Chat.PRIVATE or chat.type == Chat.CHANNEL:
        return True
    if message is not None and message.sender_chat is not None:
        return message.sender_chat.id == chat.id
    user = update.effective_user
    if user is None:
        return False
    return is_owner(context.services.config, user.id) or await is_chat_admin(
        context, chat.id, user.id
    )


class ChannelRefusal(StrEnum):
    """Why a channel named as ``@channel`` from a private chat cannot be managed there."""

    NOT_FOUND = "not found"  # Telegram does not show it to the bot
    NOT_A_CHANNEL = "not a channel"
    NOT_ADMIN = "not an administrator"  # the user does not administer it
    CANNOT_POST = "cannot post"  # the bot may not post there


async def administered_channel(
    context: BotContext, username: str, user_id: int
) -> ChatFullInfo | ChannelRefusal:
    """The channel ``@username`` when the user administers it and the bot may post there (the
    rule of ``/subscribe @channel`` and ``/feed @channel``), else why not."""
    try:
        channel = await context.bot.get_chat(username)
    except (BadRequest, Forbidden):
        return ChannelRefusal.NOT_FOUND
    if channel.type != ChatType.CHANNEL:
        return ChannelRefusal.NOT_A_CHANNEL
    if not await is_chat_admin(context, channel.id, user_id):
        return ChannelRefusal.NOT_ADMIN
    if not await bot_can_post(context, channel.id):
        return ChannelRefusal.CANNOT_POST
    return channel
