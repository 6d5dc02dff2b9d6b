"""/start and /help. The command list in /help is the one the bot registers as its menu
(``Services.commands``, built from every handler module's COMMANDS), so it can never drift from
the commands the bot really has.
"""

from __future__ import annotations

from collections.abc import Sequence

from telegram import Update
from telegram.constants import ChatType
from telegram.ext import CommandHandler

from bot.render import escape_text
from bot.replies import COMMAND_UPDATES, reply
from bot.services import App, BotContext

__all__ = [
    "COMMANDS",
    "QUERY_EXAMPLES",
    "help_text",
    "register",
    "show_help",
    "start",
]

COMMANDS: list[tuple[str, str]] = [
    ("start", "What this bot does"),
    ("help", "Commands and search syntax, with examples"),
]

#: (example, meaning) pairs of the query language (DESIGN §6).
QUERY_EXAMPLES: tuple[tuple[str, str], ...] = (
    ("climate summit", "articles with both words (stemmed: summits matches too)"),
    ('"climate summit"', "the exact phrase"),
    ("summit -trump", "summit, but not trump"),
    ("putin OR trump", "either word"),
    ("climat*", "words starting with climat"),
    ("since:2018-07-01 until:2018-07-31", "published in July 2018"),
    ("from:@channel", "only articles from that channel or group"),
)

_START_PRIVATE = (
    "<b>Hi! I keep a searchable library of news articles.</b>\n"
    "Send me an article (its text, a link, a .txt or .html file, or a forwarded post) and I "
    "pick out the headline, the date and the lead quote.\n"
    "Send a few words to search what you saved. /help lists every command."
)
_START_GROUP = (
    "<b>Hi! I keep this chat's library of news articles.</b>\n"
    "Reply /add to a message to save it, /search words to look things up, /latest for the "
    "newest. Administrators change the settings. /help lists every command."
)


def help_text(bot_username: str | None, commands: Sequence[tuple[str, str]]) -> str:
    """The /help reply: every command with its description, then the query language."""
    lines = ["<b>Commands</b>"]
    lines += [f"/{command} — {escape_text(description)}" for command, description in commands]
    lines += ["", "<b>Searching</b>", "Send a few words in a private chat, or /search words:"]
    lines += [
        f"<code>{escape_text(example)}</code> — {escape_text(meaning)}"
        for example, meaning in QUERY_EXAMPLES
    ]
    if bot_username:
        lines += [
            "",
            f"In any chat, type <code>@{escape_text(bot_username)} words</code> to share an "
            "article from your library.",
        ]
    return "\n".join(lines)


async def start(update: Update, context: BotContext) -> None:
    chat = update.effective_chat
    is_private = chat is not None and chat.type == ChatType.PRIVATE
    await reply(update, _START_PRIVATE if is_private else _START_GROUP)


async def show_help(update: Update, context: BotContext) -> None:
    await reply(update, help_text(context.bot.username, context.services.commands))


def register(application: App) -> None:
    application.add_handler(CommandHandler("start", start, filters=COMMAND_UPDATES))
    application.add_handler(CommandHandler("help", show_help, filters=COMMAND_UPDATES))
