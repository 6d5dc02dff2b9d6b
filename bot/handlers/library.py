"""/latest, /article, /delete and /stats: reading and pruning what a chat sees.

Every read goes through the visibility rule (DESIGN §3). An article the chat does not see gets
the same "not found" answer as an id that never existed, so guessing ids reveals nothing.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from telegram import Update
from telegram.constants import ChatType
from telegram.ext import CommandHandler

from bot.access import is_owner
from bot.i18n import N_, Translator
from bot.render import article_full, escape_text, latest_list
from bot.replies import COMMAND_UPDATES, reply
from bot.reply_language import update_translator
from bot.services import App, BotContext
from storage.models import LibraryStats

__all__ = [
    "COMMANDS",
    "DELETED",
    "DELETE_REFUSED",
    "ID_USAGE",
    "LATEST_DEFAULT",
    "LATEST_MAX",
    "LATEST_USAGE",
    "NOT_FOUND",
    "delete",
    "latest",
    "parse_article_id",
    "parse_latest_count",
    "register",
    "show_article",
    "stats",
    "stats_text",
]

COMMANDS: list[tuple[str, str]] = [
    ("latest", N_("The articles added last: /latest or /latest 10")),
    ("article", N_("One article in full: /article 12")),
    ("delete", N_("Delete an article you added: /delete 12")),
    ("stats", N_("How many articles this chat sees")),
]

LATEST_DEFAULT = 5
LATEST_MAX = 20
_MAX_ARTICLE_ID = 2**63 - 1
_ARTICLE_ID = re.compile(r"#?(\d{1,19})")

LATEST_USAGE = N_("Usage: /latest or /latest N, with N from 1 to {max}.")
ID_USAGE = N_("Which article? Give its number, e.g. <code>/{command} 12</code> (see /latest).")
NOT_FOUND = N_("There is no article #{id} here. /latest lists the newest ones.")
DELETE_REFUSED = N_("Only the person who added #{id} or an owner of this bot can delete it.")
DELETED = N_("Deleted #{id}.")


def parse_article_id(args: Sequence[str]) -> int | None:
    """The article id of ``/article 12`` or ``/article #12``; None for anything else."""
    if len(args) != 1:
        return None
    match = _ARTICLE_ID.fullmatch(args[0])
    if match is None:
        return None
    article_id = int(match.group(1))
    return article_id if 0 < article_id <= _MAX_ARTICLE_ID else None


def parse_latest_count(args: Sequence[str]) -> int | None:
    """N of ``/latest N`` (default 5); None when it is not a number from 1 to LATEST_MAX."""
    if not args:
        return LATEST_DEFAULT
    if len(args) == 1 and args[0].isdigit() and 1 <= int(args[0]) <= LATEST_MAX:
        return int(args[0])
    return None


def stats_text(t: Translator, title: str, stats: LibraryStats) -> str:
    """One block of /stats in ``t``'s language: counts, newest article, formats and languages."""
    collections = t.ngettext("{count} collection", "{count} collections", stats.collections)
    lines = [
        f"<b>{escape_text(title)}</b>",
        t.gettext(
            "Articles: {count} in {collections}",
            count=t.format_number(stats.articles),
            collections=collections,
        ),
        t.gettext(
            "Active digest subscriptions: {count}", count=t.format_number(stats.subscriptions)
        ),
    ]
    if stats.newest is not None:
        newest = t.format_datetime(stats.newest, dt.UTC)
        lines.append(t.gettext("Newest added: {when}", when=newest))
    if stats.by_format:
        lines.append(t.gettext("Formats: {counts}", counts=_counts(t, stats.by_format)))
    if stats.by_lang:
        lines.append(t.gettext("Languages: {counts}", counts=_counts(t, stats.by_lang)))
    return "\n".join(lines)


def _counts(t: Translator, counts: dict[str, int]) -> str:
    unknown = t.gettext("unknown")
    return ", ".join(
        f"{escape_text(name or unknown)} {t.format_number(count)}" for name, count in counts.items()
    )


async def latest(update: Update, context: BotContext) -> None:
    chat = update.effective_chat
    if chat is None:
        return
    t = await update_translator(update, context)
    count = parse_latest_count(context.args or [])
    if count is None:
        await reply(update, t.gettext(LATEST_USAGE, max=LATEST_MAX))
        return
    articles = await context.services.library.latest(chat.id, count)
    await reply(update, latest_list(t, articles))


async def show_article(update: Update, context: BotContext) -> None:
    chat = update.effective_chat
    if chat is None:
        return
    t = await update_translator(update, context)
    article_id = parse_article_id(context.args or [])
    if article_id is None:
        await reply(update, t.gettext(ID_USAGE, command="article"))
        return
    article = await context.services.library.get_article(article_id, viewer_chat_id=chat.id)
    if article is None:
        await reply(update, t.gettext(NOT_FOUND, id=article_id))
        return
    await reply(update, article_full(t, article))


async def delete(update: Update, context: BotContext) -> None:
    """Delete an article this chat sees, if the sender added it or is an owner."""
    chat = update.effective_chat
    if chat is None:
        return
    t = await update_translator(update, context)
    article_id = parse_article_id(context.args or [])
    if article_id is None:
        await reply(update, t.gettext(ID_USAGE, command="delete"))
        return
    services = context.services
    article = await services.library.get_article(article_id, viewer_chat_id=chat.id)
    if article is None:
        await reply(update, t.gettext(NOT_FOUND, id=article_id))
        return
    user = update.effective_user
    user_id = user.id if user else None
    may_delete = is_owner(services.config, user_id) or (
        user_id is not None and article.submitted_by == user_id
    )
    if not may_delete:
        await reply(update, t.gettext(DELETE_REFUSED, id=article_id))
        return
    await services.library.delete_article(article_id)
    await reply(update, t.gettext(DELETED, id=article_id))


async def stats(update: Update, context: BotContext) -> None:
    """Counts of what this chat sees; an owner asking in private also gets the whole library."""
    chat = update.effective_chat
    if chat is None:
        return
    services = context.services
    t = await update_translator(update, context)
    blocks = [stats_text(t, t.gettext("This chat"), await services.library.stats(chat.id))]
    user = update.effective_user
    if chat.type == ChatType.PRIVATE and is_owner(services.config, user.id if user else None):
        whole = await services.library.stats(None)
        blocks.append(stats_text(t, t.gettext("Whole library"), whole))
    await reply(update, "\n\n".join(blocks))


def register(application: App) -> None:
    for command, callback in (
        ("latest", latest),
        ("article", show_article),
        ("delete", delete),
        ("stats", stats),
    ):
        application.add_handler(CommandHandler(command, callback, filters=COMMAND_UPDATES))
