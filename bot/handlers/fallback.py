"""Commands nobody handled get a hint to /help. Registered last, so every real command wins.

In groups a command may be meant for another bot: only commands addressed to this bot
(``/cmd@thisbot``) are answered there. Channels get no hint (it would be posted publicly).
"""

from __future__ import annotations

from telegram import Update
from telegram.constants import ChatType
from telegram.ext import MessageHandler, filters

from bot.i18n import N_
from bot.render.text import field_html
from bot.replies import reply
from bot.reply_language import update_translator
from bot.services import App, BotContext

__all__ = [
    "COMMANDS",
    "COMMAND_UNITS",
    "UNKNOWN",
    "register",
    "split_command",
    "unknown_command",
]

COMMANDS: list[tuple[str, str]] = []

COMMAND_UNITS = 64
UNKNOWN = N_("I don't know the command {command}. /help lists the commands I know.")


def split_command(text: str) -> tuple[str, str]:
    """``("/cmd", "somebot")`` for ``/cmd@somebot args``; the addressee is "" when not named."""
    word = text.split(maxsplit=1)[0] if text.strip() else ""
    command, _, addressee = word.partition("@")
    return command, addressee


async def unknown_command(update: Update, context: BotContext) -> None:
    message = update.effective_message
    if message is None or message.text is None:
        return
    command, addressee = split_command(message.text)
    if addressee and addressee.lower() != context.bot.username.lower():
        return
    if not addressee and message.chat.type != ChatType.PRIVATE:
        return
    t = await update_translator(update, context)
    await reply(update, t.gettext(UNKNOWN, command=field_html(command, COMMAND_UNITS)))


def register(application: App) -> None:
    application.add_handler(
        MessageHandler(filters.COMMAND & filters.UpdateType.MESSAGE, unknown_command)
    )
