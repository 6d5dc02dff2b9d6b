"""/story: every version of a story the chat sees.

Digests and search results show a story as ``/story_12``, which Telegram makes one tappable
command (a space would leave the number out of the link); ``/story 12`` typed by hand works
too. A story the chat sees nothing of gets the same answer as one that does not exist, so
trying ids reveals nothing.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from telegram import Update
from telegram.ext import CommandHandler, MessageHandler, filters

from bot.i18n import N_
from bot.render import STORY_USAGE, story_versions
from bot.replies import COMMAND_UPDATES, reply
from bot.reply_language import update_translator
from bot.services import App, BotContext

__all__ = [
    "COMMANDS",
    "TAPPED_STORY",
    "parse_story_id",
    "register",
    "show_story",
    "show_tapped_story",
]

COMMANDS: list[tuple[str, str]] = [
    ("story", N_("Every version of a story, from all sources you see: /story 12")),
]

_MAX_STORY_ID = 2**63 - 1
_STORY_ID = re.compile(r"#?(\d{1,19})")
#: ``/story_12`` or ``/story_12@thisbot``: the tappable form shown in digests and results.
TAPPED_STORY = re.compile(r"^/story_(\d{1,19})(?:@(\w+))?$")


def parse_story_id(args: Sequence[str]) -> int | None:
    """The story id of ``/story 12`` or ``/story #12``; None for anything else."""
    if len(args) != 1:
        return None
    match = _STORY_ID.fullmatch(args[0])
    if match is None:
        return None
    story_id = int(match.group(1))
    return story_id if 0 < story_id <= _MAX_STORY_ID else None


async def _answer(update: Update, context: BotContext, story_id: int | None) -> None:
    chat = update.effective_chat
    if chat is None:
        return
    t = await update_translator(update, context)
    if story_id is None:
        await reply(update, t.gettext(STORY_USAGE))
        return
    articles = await context.services.library.story_articles(story_id, viewer_chat_id=chat.id)
    await reply(update, story_versions(t, story_id, articles))


async def show_story(update: Update, context: BotContext) -> None:
    """``/story 12``."""
    await _answer(update, context, parse_story_id(context.args or []))


async def show_tapped_story(update: Update, context: BotContext) -> None:
    """``/story_12`` (tapped in a digest or a result list); one addressed to another bot in a
    group is left alone."""
    message = update.effective_message
    match = TAPPED_STORY.match(message.text or "") if message else None
    if match is None:
        return
    addressee = match.group(2)
    if addressee and addressee.lower() != context.bot.username.lower():
        return
    story_id = int(match.group(1))
    await _answer(update, context, story_id if 0 < story_id <= _MAX_STORY_ID else None)


def register(application: App) -> None:
    application.add_handler(CommandHandler("story", show_story, filters=COMMAND_UPDATES))
    application.add_handler(
        MessageHandler(
            filters.Regex(TAPPED_STORY) & filters.COMMAND & COMMAND_UPDATES, show_tapped_story
        )
    )
