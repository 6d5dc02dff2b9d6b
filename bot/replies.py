"""How the bot answers: which updates carry commands, and what it does with link previews.

Commands are accepted in messages and in channel posts (an administrator typing ``/latest`` in a
channel), never in edits: re-running a command because its text was edited would surprise. The
answer goes to the same chat and forum topic, quoting the command outside private chats.
"""

from __future__ import annotations

from telegram import InlineKeyboardMarkup, LinkPreviewOptions, Message, Update
from telegram.ext import filters

__all__ = [
    "COMMAND_UPDATES",
    "command_text",
    "link_preview_options",
    "reply",
]

#: Updates in which a command is answered: new messages and new channel posts.
COMMAND_UPDATES = filters.UpdateType.MESSAGE | filters.UpdateType.CHANNEL_POST


def link_preview_options(show_previews: bool) -> LinkPreviewOptions:
    """The link preview setting of every message the bot sends (``[telegram] link_previews``,
    applied through the Application's Defaults, inline results included).

    Off by default: lists of linked headlines would show the preview of the first link only,
    and a card or digest the preview of one article.
    """
    return LinkPreviewOptions(is_disabled=not show_previews)


async def reply(
    update: Update,
    text_html: str,
    *,
    reply_markup: InlineKeyboardMarkup | None = None,
) -> Message | None:
    """Answer the update's message with Telegram HTML ``text_html`` (already escaped)."""
    message = update.effective_message
    if message is None:
        return None
    return await message.reply_text(text_html, reply_markup=reply_markup)


def command_text(message: Message) -> str:
    """Everything after the command word, whitespace kept inside (queries need their quotes)."""
    text = message.text or ""
    parts = text.split(maxsplit=1)
    return parts[1].strip() if len(parts) == 2 else ""
