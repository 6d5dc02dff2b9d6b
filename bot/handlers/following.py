"""/follow, /unfollow, /following and /settings: a chat's view of other collections, its options.

Following (DESIGN §3) is allowed for a public channel or group the bot reads (it is a member
there), or for a chat the requesting user is a member of. Every refusal reads the same whether
the chat exists or not, so /follow cannot be used to probe for private chats. In groups, these
settings are for administrators (``bot.access.may_change_settings``).
"""

from __future__ import annotations

import re

from telegram import Chat as TelegramChat
from telegram import ChatFullInfo, Update
from telegram.constants import ChatMemberStatus, ChatType
from telegram.error import BadRequest, Forbidden
from telegram.ext import CommandHandler

from bot.access import chat_member, is_chat_member, may_change_settings
from bot.chat_records import chat_record
from bot.i18n import N_, Translator
from bot.render import escape_text
from bot.render.text import field_html
from bot.replies import COMMAND_UPDATES, reply
from bot.reply_language import update_translator
from bot.services import App, BotContext
from storage.models import Chat

__all__ = [
    "ADMINS_ONLY",
    "ALREADY_FOLLOWING",
    "AUTO_INGEST_OFF",
    "AUTO_INGEST_ON",
    "COMMANDS",
    "FOLLOWING_NOW",
    "FOLLOW_REFUSED",
    "FOLLOW_SELF",
    "FOLLOW_USAGE",
    "GROUPS_ONLY",
    "NOTHING_FOLLOWED",
    "NOT_FOLLOWING",
    "SETTINGS_USAGE",
    "TITLE_UNITS",
    "UNFOLLOWED",
    "UNFOLLOW_USAGE",
    "chat_name",
    "follow",
    "following",
    "parse_chat_reference",
    "register",
    "settings",
    "unfollow",
]

COMMANDS: list[tuple[str, str]] = [
    ("follow", N_("See another channel's or group's articles here: /follow @channel")),
    ("unfollow", N_("Stop following a chat: /unfollow @channel")),
    ("following", N_("The chats whose articles this chat sees")),
    ("settings", N_("Chat settings: /settings autoingest on|off (groups)")),
]

_USERNAME = r"[A-Za-z][A-Za-z0-9_]{3,31}"
_CHAT_REFERENCE = re.compile(
    rf"(?:@|(?:https?://)?(?:t|telegram)\.me/)?(?P<name>{_USERNAME})/?|(?P<id>-\d{{1,19}})",
    re.IGNORECASE,
)
_READING_STATUSES = {
    ChatMemberStatus.OWNER,
    ChatMemberStatus.ADMINISTRATOR,
    ChatMemberStatus.MEMBER,
    ChatMemberStatus.RESTRICTED,
}
_GROUP_TYPES = {ChatType.GROUP, ChatType.SUPERGROUP}
TITLE_UNITS = 100
_ON_OFF = ("on", "off")

FOLLOW_USAGE = N_(
    "Which chat? e.g. <code>/follow @channel</code> or <code>/follow t.me/channel</code>."
)
UNFOLLOW_USAGE = N_("Which chat? e.g. <code>/unfollow @channel</code> (see /following).")
ADMINS_ONLY = N_("Only administrators of this group can change what it follows or its settings.")
FOLLOW_REFUSED = N_(
    "I can't follow {ref} for this chat. I can follow a public channel or group I am a member "
    "of, or a chat you are a member of."
)
FOLLOW_SELF = N_("This chat always sees its own articles.")
FOLLOWING_NOW = N_(
    "Now following {name}: its articles appear in searches, /latest and digests here."
)
ALREADY_FOLLOWING = N_("This chat already follows {name}.")
NOT_FOLLOWING = N_("This chat does not follow {ref}. /following lists the chats it follows.")
UNFOLLOWED = N_("Stopped following {name}.")
NOTHING_FOLLOWED = N_(
    "This chat follows no other chats. Add one with <code>/follow @channel</code>."
)
SETTINGS_USAGE = N_(
    "Usage: <code>/settings autoingest on</code> or <code>/settings autoingest off</code>."
)
GROUPS_ONLY = N_(
    "Auto-ingest is a group setting. In private chats and channels I already save every article."
)
AUTO_INGEST_ON = N_("Auto-ingest is on: I save every article posted in this group.")
AUTO_INGEST_OFF = N_("Auto-ingest is off: reply /add to a message to save it.")


def parse_chat_reference(text: str) -> str | int | None:
    """``"@name"`` for ``@name``, ``name`` or a t.me link; a chat id as int; else None."""
    match = _CHAT_REFERENCE.fullmatch(text.strip())
    if match is None:
        return None
    if match.group("id"):
        return int(match.group("id"))
    return "@" + match.group("name")


def chat_name(chat: Chat) -> str:
    """A chat as shown in replies (HTML): its title, and its @username when public."""
    title = field_html(chat.title, TITLE_UNITS)
    username = f"@{escape_text(chat.username)}" if chat.username else ""
    if title and username:
        return f"<b>{title}</b> ({username})"
    return f"<b>{title or username or chat.chat_id}</b>"


async def _may_follow(update: Update, context: BotContext, target: ChatFullInfo) -> bool:
    """A public channel or group the bot reads, or a chat the requesting user belongs to."""
    if target.type == ChatType.PRIVATE:
        return False
    if target.username:
        bot_member = await chat_member(context, target.id, context.bot.id)
        if bot_member is not None and bot_member.status in _READING_STATUSES:
            return True
    user = update.effective_user
    return user is not None and await is_chat_member(context, target.id, user.id)


async def _reference_to_change(
    t: Translator, update: Update, context: BotContext, usage: str
) -> tuple[TelegramChat, str | int] | None:
    """The chat whose follows change and the chat named in the command, once the command is
    well-formed and the sender may change this chat's settings; otherwise replied and None."""
    chat = update.effective_chat
    if chat is None:
        return None
    args = context.args or []
    reference = parse_chat_reference(args[0]) if len(args) == 1 else None
    if reference is None:
        await reply(update, t.gettext(usage))
        return None
    if not await may_change_settings(update, context):
        await reply(update, t.gettext(ADMINS_ONLY))
        return None
    return chat, reference


async def follow(update: Update, context: BotContext) -> None:
    t = await update_translator(update, context)
    request = await _reference_to_change(t, update, context, FOLLOW_USAGE)
    if request is None:
        return
    chat, reference = request
    refused = t.gettext(FOLLOW_REFUSED, ref=escape_text(str(reference)))
    try:
        target = await context.bot.get_chat(reference)
    except (BadRequest, Forbidden):
        await reply(update, refused)
        return
    if target.id == chat.id:
        await reply(update, t.gettext(FOLLOW_SELF))
        return
    if not await _may_follow(update, context, target):
        await reply(update, refused)
        return
    library = context.services.library
    record = chat_record(target)
    await library.upsert_chat(record)
    added = await library.follow(chat.id, target.id)
    template = FOLLOWING_NOW if added else ALREADY_FOLLOWING
    await reply(update, t.gettext(template, name=chat_name(record)))


async def unfollow(update: Update, context: BotContext) -> None:
    t = await update_translator(update, context)
    request = await _reference_to_change(t, update, context, UNFOLLOW_USAGE)
    if request is None:
        return
    chat, reference = request
    library = context.services.library
    source = (
        await library.find_chat(reference)
        if isinstance(reference, str)
        else await library.get_chat(reference)
    )
    if source is None or not await library.unfollow(chat.id, source.chat_id):
        await reply(update, t.gettext(NOT_FOLLOWING, ref=escape_text(str(reference))))
        return
    await reply(update, t.gettext(UNFOLLOWED, name=chat_name(source)))


async def following(update: Update, context: BotContext) -> None:
    chat = update.effective_chat
    if chat is None:
        return
    t = await update_translator(update, context)
    sources = await context.services.library.following(chat.id)
    if not sources:
        await reply(update, t.gettext(NOTHING_FOLLOWED))
        return
    lines = [
        t.ngettext(
            "<b>This chat follows {count} chat</b>",
            "<b>This chat follows {count} chats</b>",
            len(sources),
        )
    ]
    lines += [f"• {chat_name(source)}" for source in sources]
    await reply(update, "\n".join(lines))


async def settings(update: Update, context: BotContext) -> None:
    """``/settings`` shows the group's settings; ``/settings autoingest on|off`` changes one."""
    chat = update.effective_chat
    if chat is None:
        return
    t = await update_translator(update, context)
    if chat.type not in _GROUP_TYPES:
        await reply(update, t.gettext(GROUPS_ONLY))
        return
    library = context.services.library
    args = [arg.lower() for arg in context.args or []]
    if not args:
        stored = await library.get_chat(chat.id)
        state = AUTO_INGEST_ON if stored is not None and stored.auto_ingest else AUTO_INGEST_OFF
        await reply(update, f"{t.gettext(state)}\n{t.gettext(SETTINGS_USAGE)}")
        return
    if len(args) != 2 or args[0] not in ("autoingest", "auto-ingest") or args[1] not in _ON_OFF:
        await reply(update, t.gettext(SETTINGS_USAGE))
        return
    if not await may_change_settings(update, context):
        await reply(update, t.gettext(ADMINS_ONLY))
        return
    turn_on = args[1] == "on"
    await library.upsert_chat(chat_record(chat))
    await library.set_auto_ingest(chat.id, turn_on)
    await reply(update, t.gettext(AUTO_INGEST_ON if turn_on else AUTO_INGEST_OFF))


def register(application: App) -> None:
    for command, callback in (
        ("follow", follow),
        ("unfollow", unfollow),
        ("following", following),
        ("settings", settings),
    ):
        application.add_handler(CommandHandler(command, callback, filters=COMMAND_UPDATES))
