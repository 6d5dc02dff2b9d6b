"""/start and /help. The command list in /help is the one the bot registers as its menu
(``Services.commands``, built from every handler module's COMMANDS), so it can never drift from
the commands the bot really has.
"""

from __future__ import annotations

from collections.abc import Sequence

from telegram import Update
from telegram.constants import ChatType
from telegram.ext import CommandHandler

from bot.i18n import N_, Translator
from bot.render import escape_text
from bot.replies import COMMAND_UPDATES, reply
from bot.reply_language import update_translator
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
    ("start", N_("What this bot does")),
    ("help", N_("Commands and search syntax, with examples")),
]

#: (example, meaning) pairs of the query language (DESIGN §6), both translated: each language's
#: help shows examples in its own words, while since:, until:, from:, sort: and OR stay as they are.
QUERY_EXAMPLES: tuple[tuple[str, str], ...] = (
    # TRANSLATORS: a search example: translate the words, keep the form of the example.
    (N_("climate summit"), N_("articles with both words (stemmed: summits matches too)")),
    # TRANSLATORS: a search example: translate the words, keep the quotation marks " ".
    (N_('"climate summit"'), N_("the exact phrase")),
    # TRANSLATORS: a search example: translate the words, keep the minus sign.
    (N_("summit -trump"), N_("summit, but not trump")),
    # TRANSLATORS: a search example: keep OR as it is (the search reads only this word).
    (N_("putin OR trump"), N_("either word")),
    # TRANSLATORS: a search example: the start of a word, then the star.
    (N_("climat*"), N_("words starting with climat")),
    # TRANSLATORS: a search example: keep since: and until: as they are; dates are YYYY-MM-DD.
    (N_("since:2018-07-01 until:2018-07-31"), N_("published in July 2018")),
    # TRANSLATORS: a search example: keep from: as it is.
    (N_("from:@channel"), N_("only articles from that channel or group")),
    # TRANSLATORS: a search example: translate the word, keep sort:new as it is.
    (N_("climate sort:new"), N_("newest first instead of the news ranking")),
    # TRANSLATORS: a search example: translate the word, keep sort:relevance as it is.
    (N_("climate sort:relevance"), N_("most relevant first, whatever their age")),
)

_START_PRIVATE = N_(
    "<b>Hi! I keep a searchable library of news articles.</b>\n"
    "Send me an article (its text, a link, a .txt or .html file, or a forwarded post) and I "
    "pick out the headline, the date and the lead quote.\n"
    "Send a few words to search what you saved. /help lists every command."
)
_START_GROUP = N_(
    "<b>Hi! I keep this chat's library of news articles.</b>\n"
    "Reply /add to a message to save it, /search words to look things up, /latest for the "
    "newest. Administrators change the settings. /help lists every command."
)


def help_text(t: Translator, bot_username: str | None, commands: Sequence[tuple[str, str]]) -> str:
    """The /help reply in ``t``'s language: every command with its description, then the
    query language with examples in that language."""
    lines = [t.gettext("<b>Commands</b>")]
    for command, description in commands:
        lines.append(f"/{command} — " + escape_text(t.gettext(description)))
    lines += [
        "",
        t.gettext("<b>Searching</b>"),
        t.gettext("Send a few words in a private chat, or /search words:"),
    ]
    for example, meaning in QUERY_EXAMPLES:
        shown, explained = escape_text(t.gettext(example)), escape_text(t.gettext(meaning))
        lines.append(f"<code>{shown}</code> — {explained}")
    lines += [
        t.gettext(
            "Results come in news order: the most relevant first, and of two about as relevant "
            "the newer one."
        ),
        t.gettext(
            "The words <code>since:</code>, <code>until:</code>, <code>from:</code>, "
            "<code>sort:</code> and <code>OR</code> are written the same in every language."
        ),
    ]
    if bot_username:
        lines += [
            "",
            t.gettext(
                "In any chat, type <code>@{bot} words</code> to share an article from your "
                "library.",
                bot=escape_text(bot_username),
            ),
        ]
    return "\n".join(lines)


async def start(update: Update, context: BotContext) -> None:
    chat = update.effective_chat
    is_private = chat is not None and chat.type == ChatType.PRIVATE
    t = await update_translator(update, context)
    await reply(update, t.gettext(_START_PRIVATE if is_private else _START_GROUP))


async def show_help(update: Update, context: BotContext) -> None:
    t = await update_translator(update, context)
    await reply(update, help_text(t, context.bot.username, context.services.commands))


def register(application: App) -> None:
    application.add_handler(CommandHandler("start", start, filters=COMMAND_UPDATES))
    application.add_handler(CommandHandler("help", show_help, filters=COMMAND_UPDATES))
