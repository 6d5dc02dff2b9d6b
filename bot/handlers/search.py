"""/search, short text in a private chat, the "More" button, and inline mode.

Which private texts are searches is decided in :mod:`bot.intake.classify` (the same rule tells
articles from searches, so a text is always exactly one of them).

A story's versions collapse into one result, its best ranked version with "+N more" and the
command that lists them all (:mod:`bot.story_search`); pages and inline offsets count stories.

Paging: a page shows :data:`PAGE_SIZE` stories. When there are more, the query is saved in the
database (``Library.save_search``) and the button carries ``pg:<search id>:<offset>``, well under
Telegram's 64-byte callback data. Pressing it sends the next page as a new message (earlier pages
stay readable; nothing is edited). A search id only works in the chat it was made in.

Inline mode answers ``@bot words`` from what the user's *private* chat sees, results personal,
one per story.
"""

from __future__ import annotations

import logging
import re

from telegram import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InlineQueryResultArticle,
    InputTextMessageContent,
    Message,
    Update,
)
from telegram.constants import InlineQueryLimit, ParseMode
from telegram.ext import (
    CallbackQueryHandler,
    CommandHandler,
    InlineQueryHandler,
    MessageHandler,
)

from bot.i18n import N_, Translator
from bot.intake.classify import SEARCH_TEXT
from bot.render import article_card, no_results, search_results, snippet_html, to_plain_text
from bot.render.text import clean_field, format_published, truncate_visible
from bot.replies import COMMAND_UPDATES, command_text, reply
from bot.reply_language import update_translator
from bot.services import App, BotContext
from bot.story_search import latest_stories, more_in_stories, other_versions, story_page
from storage.models import Article

__all__ = [
    "CALLBACK_PREFIX",
    "COMMANDS",
    "EXPIRED",
    "INLINE_CACHE_SECONDS",
    "INLINE_DESCRIPTION_CHARS",
    "INLINE_RESULTS",
    "INLINE_TITLE_CHARS",
    "MAX_OFFSET",
    "NO_MORE",
    "PAGE_SIZE",
    "USAGE",
    "clean_query",
    "inline_result",
    "inline_search",
    "more_button",
    "more_results",
    "parse_callback",
    "parse_inline_offset",
    "register",
    "results_page",
    "search_command",
    "search_text",
]

log = logging.getLogger(__name__)

COMMANDS: list[tuple[str, str]] = [("search", N_("Search the library: /search words"))]

PAGE_SIZE = 5
#: Paging stops here: nobody reads result 1,000, and offsets stay small in callback data.
MAX_OFFSET = 1000
INLINE_RESULTS = 20
INLINE_CACHE_SECONDS = 10
INLINE_TITLE_CHARS = 100
INLINE_DESCRIPTION_CHARS = 150
CALLBACK_PREFIX = "pg"
_CALLBACK = re.compile(rf"^{CALLBACK_PREFIX}:(\d{{1,18}}):(\d{{1,6}})$")
_SURROGATE = re.compile(r"[\ud800-\udfff]")

USAGE = N_(
    "Tell me what to look for, e.g. <code>/search climate summit</code>.\n"
    "/help explains phrases, exclusions, prefixes and date filters."
)
EXPIRED = N_("This search has expired. Send it again to see more results.")
NO_MORE = N_("There are no more results for this search.")


def clean_query(text: str) -> str:
    """The query as typed, without lone surrogates (no real client sends them; SQLite cannot
    store them)."""
    return _SURROGATE.sub("", text).strip()


def more_button(t: Translator, search_id: int, offset: int) -> InlineKeyboardMarkup:
    """The "More" button for the page starting at ``offset``."""
    data = f"{CALLBACK_PREFIX}:{search_id}:{offset}"
    # TRANSLATORS: the button under search results that shows the next page.
    label = t.gettext("More")
    return InlineKeyboardMarkup([[InlineKeyboardButton(label, callback_data=data)]])


def parse_callback(data: str | None) -> tuple[int, int] | None:
    """``(search id, offset)`` from ``pg:<id>:<offset>``, or None for anything else."""
    match = _CALLBACK.match(data or "")
    if match is None:
        return None
    return int(match.group(1)), int(match.group(2))


def parse_inline_offset(offset: str) -> int:
    """The result offset an inline query continues from; garbage and overlong values are 0."""
    return int(offset) if offset.isdigit() and int(offset) <= MAX_OFFSET else 0


async def results_page(
    t: Translator,
    context: BotContext,
    chat_id: int,
    query: str,
    offset: int,
    search_id: int | None = None,
) -> tuple[str, InlineKeyboardMarkup | None]:
    """The reply for one page of ``query`` as seen from ``chat_id``, in ``t``'s language, with a
    "More" button when another page exists (the query is saved then, unless ``search_id`` says
    it already is)."""
    library = context.services.library
    with context.services.metrics.search_timer("chat"):
        page = await story_page(library, chat_id, query, offset=offset, limit=PAGE_SIZE)
    if not page.hits:
        return (t.gettext(NO_MORE) if offset else no_results(t, query)), None
    shown = offset + len(page.hits)
    text = search_results(t, page.hits, offset, shown, query, page.more_in_story)
    if not page.has_more or shown > MAX_OFFSET:
        return text, None
    if search_id is None:
        search_id = await library.save_search(chat_id, query)
    return text, more_button(t, search_id, shown)


async def search_command(update: Update, context: BotContext) -> None:
    message = update.effective_message
    if message is None:
        return
    t = await update_translator(update, context)
    query = clean_query(command_text(message))
    if not query:
        await reply(update, t.gettext(USAGE))
        return
    text, markup = await results_page(t, context, message.chat.id, query, 0)
    await reply(update, text, reply_markup=markup)


async def search_text(update: Update, context: BotContext) -> None:
    message = update.effective_message
    if message is None or message.text is None:
        return
    t = await update_translator(update, context)
    query = clean_query(message.text)
    text, markup = await results_page(t, context, message.chat.id, query, 0)
    await reply(update, text, reply_markup=markup)


async def more_results(update: Update, context: BotContext) -> None:
    """The "More" button: send the next page to the chat the button is in."""
    callback = update.callback_query
    if callback is None:
        return
    t = await update_translator(update, context)
    parsed = parse_callback(callback.data)
    message = callback.message
    if parsed is None or message is None:
        await callback.answer(t.gettext(EXPIRED))
        return
    search_id, offset = parsed
    query = await context.services.library.get_search(search_id, message.chat.id)
    if query is None or offset > MAX_OFFSET:
        await callback.answer(t.gettext(EXPIRED))
        return
    await callback.answer()
    text, markup = await results_page(t, context, message.chat.id, query, offset, search_id)
    if isinstance(message, Message):
        await message.reply_text(text, reply_markup=markup, do_quote=False)
    else:
        await context.bot.send_message(message.chat.id, text, reply_markup=markup)


def inline_result(
    t: Translator, article: Article, snippet: str | None, others: int = 0
) -> InlineQueryResultArticle:
    """One inline result: the headline as title, date (and "+N more" when the story has
    ``others`` versions besides) and excerpt below, the card as message."""
    title = truncate_visible(clean_field(article.headline), INLINE_TITLE_CHARS)
    excerpt = to_plain_text(snippet_html(snippet)) if snippet else (article.lead_quote or "")
    description = format_published(t, article.published)
    if others > 0:
        description += " · " + t.ngettext("+{count} more", "+{count} more", others)
    if excerpt.strip():
        description += " · " + truncate_visible(clean_field(excerpt), INLINE_DESCRIPTION_CHARS)
    return InlineQueryResultArticle(
        id=str(article.id),
        title=title or t.gettext("(untitled)"),
        description=description,
        input_message_content=InputTextMessageContent(
            article_card(t, article), parse_mode=ParseMode.HTML
        ),
    )


async def inline_search(update: Update, context: BotContext) -> None:
    """``@bot words``: results from the user's private library, one per story; empty query:
    the latest stories."""
    inline_query = update.inline_query
    if inline_query is None:
        return
    library = context.services.library
    t = await update_translator(update, context)
    viewer = inline_query.from_user.id
    offset = parse_inline_offset(inline_query.offset)
    query = clean_query(inline_query.query)
    limit = min(INLINE_RESULTS, int(InlineQueryLimit.RESULTS))
    next_offset: str | None = None  # omitted: no more results
    if not query:
        articles = await latest_stories(library, viewer, limit) if offset == 0 else []
        more = await more_in_stories(library, articles, viewer)
        results = [
            inline_result(t, article, None, other_versions(more, article)) for article in articles
        ]
    else:
        with context.services.metrics.search_timer("inline"):
            page = await story_page(library, viewer, query, offset=offset, limit=limit)
        results = [
            inline_result(
                t, hit.article, hit.snippet, other_versions(page.more_in_story, hit.article)
            )
            for hit in page.hits
        ]
        if page.has_more and offset + limit <= MAX_OFFSET:
            next_offset = str(offset + limit)
    await inline_query.answer(
        results, cache_time=INLINE_CACHE_SECONDS, is_personal=True, next_offset=next_offset
    )


def register(application: App) -> None:
    application.add_handler(CommandHandler("search", search_command, filters=COMMAND_UPDATES))
    application.add_handler(MessageHandler(SEARCH_TEXT, search_text))
    application.add_handler(CallbackQueryHandler(more_results, pattern=f"^{CALLBACK_PREFIX}:"))
    application.add_handler(InlineQueryHandler(inline_search))
