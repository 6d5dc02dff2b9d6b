"""Ingestion handlers: which messages become articles, and the reply (DESIGN §4).

* Private chat: a text of 200+ characters or several lines, a forward, a document, a link
  (:data:`bot.intake.classify.ARTICLE_MESSAGE`). Shorter single-line text is a search
  (``bot.handlers.search``, registered earlier).
* Group: ``/add`` as a reply to a message; any article message when auto-ingest is on.
* Channel where the bot is an administrator: every post, silently.

Reading and storing the article is :mod:`bot.intake`'s; here are who may send how much, and
the reply: the article card, or a note that it was already saved, coalesced into lists when
articles come in a burst (:mod:`bot.ingest_replies`). A sender may store
``[limits] ingest_per_hour`` articles an hour; over that, one notice an hour names what was not
stored. Refusals of one message (unreadable file, blocked link, too long) are one short,
escaped sentence; anything unexpected goes to the application's error handler. An article is
stored before the reply is sent, so a failed reply never loses it.
"""

from __future__ import annotations

import html
import logging

from telegram import Message, Update
from telegram.constants import ChatMemberStatus, ChatType
from telegram.ext import CommandHandler, MessageHandler, filters

from bot.access import chat_member
from bot.i18n import N_
from bot.intake.classify import ARTICLE_MESSAGE
from bot.intake.document import is_supported_document
from bot.intake.message import REFUSALS, store_message
from bot.reply_language import update_translator
from bot.services import App, BotContext

__all__ = [
    "COMMANDS",
    "on_add",
    "on_channel_post",
    "on_group_article",
    "on_private_article",
    "register",
]

log = logging.getLogger(__name__)

COMMANDS: list[tuple[str, str]] = [
    ("add", N_("Save the message you reply to as an article (groups)")),
]

_ADMIN_STATUSES = frozenset({ChatMemberStatus.OWNER, ChatMemberStatus.ADMINISTRATOR})


async def _reply(message: Message, text_html: str) -> None:
    await message.reply_text(text_html)


async def _ingest(
    update: Update,
    context: BotContext,
    message: Message,
    *,
    silent: bool = False,
) -> None:
    """Extract, store and answer for the article in ``message``.

    ``update.effective_message`` is where the answer goes (the ``/add`` command, or the
    article message itself); ``message`` is the one holding the article.
    """
    services = context.services
    answer_to = update.effective_message
    chat = update.effective_chat
    if answer_to is None or chat is None:
        return
    t = await update_translator(update, context)
    user = update.effective_user
    # Channel posts are the administrators' own publishing: never limited. A group message
    # sent on behalf of a chat (anonymous administrator) counts against that chat.
    sender = answer_to.sender_chat.id if answer_to.sender_chat else user.id if user else None
    if sender is not None and not silent:
        wait = services.ingest_limiter.acquire(sender)
        if wait:
            told = services.ingest_replies.refused(t, message, sender, wait)
            services.inbox.hold(update.update_id, told)
            return
    try:
        result = await store_message(
            services.library,
            services.config,
            message,
            metrics=services.metrics,
            submitted_by=user.id if user else None,
            prefer_caption_to_unreadable_file=silent,
        )
    except REFUSALS as error:
        log.info("not stored: message %s in chat %s: %s", message.message_id, chat.id, error)
        if not silent:
            reason = html.escape(error.in_language(t))
            await _reply(answer_to, t.gettext("Not saved: {reason}", reason=reason))
        return
    log.info(
        "article #%s %s from chat %s",
        result.article_id,
        "already stored" if result.duplicate else "stored",
        chat.id,
    )
    if silent:
        return
    article = await services.library.get_article(result.article_id, viewer_chat_id=chat.id)
    answered = await services.ingest_replies.stored(t, answer_to, result, article)
    # A coalesced answer goes out after this handler returns: until then a kill replays it.
    services.inbox.hold(update.update_id, answered)


async def on_private_article(update: Update, context: BotContext) -> None:
    """Any article message in a private chat."""
    if update.message is not None:
        await _ingest(update, context, update.message)


async def on_group_article(update: Update, context: BotContext) -> None:
    """An article message in a group: stored only when the group turned auto-ingest on.

    Files the bot cannot read are passed over in silence: in a busy group most are photos
    and PDFs nobody meant for the library.
    """
    message = update.message
    chat = update.effective_chat
    if message is None or chat is None:
        return
    stored_chat = await context.services.library.get_chat(chat.id)
    if stored_chat is None or not stored_chat.auto_ingest:
        return
    if message.document is not None and not is_supported_document(message.document):
        return
    await _ingest(update, context, message)


async def on_add(update: Update, context: BotContext) -> None:
    """``/add`` as a reply: store the replied-to message of a group."""
    message = update.message
    if message is None:
        return
    t = await update_translator(update, context)
    if message.chat.type == ChatType.PRIVATE:
        await _reply(
            message,
            t.gettext(
                "Here you do not need /add: send or forward me the article, a file or a link."
            ),
        )
        return
    target = message.reply_to_message
    if target is None:
        await _reply(
            message, t.gettext("Reply with /add to the message you want to save as an article.")
        )
        return
    await _ingest(update, context, target)


async def on_channel_post(update: Update, context: BotContext) -> None:
    """A post in a channel: stored in silence when the bot administers the channel."""
    post = update.channel_post
    if post is None:
        return
    member = await chat_member(context, post.chat.id, context.bot.id)
    if member is None or member.status not in _ADMIN_STATUSES:
        log.info("channel post in %s ignored: the bot is not an administrator", post.chat.id)
        return
    await _ingest(update, context, post, silent=True)


def register(application: App) -> None:
    """Add the ingestion handlers (group 0, after the search handler)."""
    new_messages = filters.UpdateType.MESSAGE
    application.add_handler(CommandHandler("add", on_add, filters=new_messages))
    application.add_handler(
        MessageHandler(
            new_messages & filters.ChatType.PRIVATE & ARTICLE_MESSAGE, on_private_article
        )
    )
    application.add_handler(
        MessageHandler(new_messages & filters.ChatType.GROUPS & ARTICLE_MESSAGE, on_group_article)
    )
    application.add_handler(
        MessageHandler(
            filters.UpdateType.CHANNEL_POST
            & ~filters.COMMAND
            & (filters.TEXT | filters.CAPTION | filters.Document.ALL),
            on_channel_post,
        )
    )
