"""Which language the bot answers an update in, and writes a chat's digests in.

The rule is :func:`bot.i18n.chat_language`: what ``/lang`` chose for the chat, else (a private
chat) the user's Telegram ``language_code``, else ``[bot] default_language``. The choice lives
in the library (``chats.language``); handlers read it through a short-lived cache
(:data:`CHOSEN_LANGUAGE_SECONDS`) that ``/lang`` updates, so a busy group costs one read every
few minutes, not one per message. Inline queries have no chat: they are answered in the
language of the user's private chat with the bot, as their results come from its library.
"""

from __future__ import annotations

from telegram import Update
from telegram.constants import ChatType

from bot.config import Config
from bot.i18n import Translator, chat_language, translator
from bot.services import BotContext, Services
from storage.models import Chat

__all__ = [
    "CHOSEN_LANGUAGE_ENTRIES",
    "CHOSEN_LANGUAGE_SECONDS",
    "remember_chosen_language",
    "stored_chat_translator",
    "update_translator",
]

#: How long a chat's chosen language is taken from memory before it is read again.
CHOSEN_LANGUAGE_SECONDS = 300.0
#: More remembered chats than this and the memory starts over (it only saves reads).
CHOSEN_LANGUAGE_ENTRIES = 50_000


async def _chosen_language(services: Services, chat_id: int) -> str | None:
    found, chosen = services.chosen_languages.get(chat_id)
    if found:
        return chosen
    stored = await services.library.get_chat(chat_id)
    chosen = stored.language if stored is not None else None
    services.chosen_languages.put(chat_id, chosen)
    return chosen


def remember_chosen_language(services: Services, chat_id: int, code: str | None) -> None:
    """Tell the cache what ``/lang`` just stored for the chat."""
    services.chosen_languages.put(chat_id, code)


async def update_translator(update: Update, context: BotContext) -> Translator:
    """The translator to answer ``update`` with."""
    services = context.services
    chat, user = update.effective_chat, update.effective_user
    if chat is not None:
        chat_id, is_private = chat.id, chat.type == ChatType.PRIVATE
    elif user is not None:  # an inline query: the user's private chat
        chat_id, is_private = user.id, True
    else:
        return translator(services.config.bot.default_language)
    code = chat_language(
        await _chosen_language(services, chat_id),
        is_private=is_private,
        user_language_code=user.language_code if user is not None else None,
        default=services.config.bot.default_language,
    )
    return translator(code)


def stored_chat_translator(chat: Chat | None, config: Config) -> Translator:
    """The translator of a chat as the library knows it (digests: no update to go by)."""
    if chat is None:
        return translator(config.bot.default_language)
    code = chat_language(
        chat.language,
        is_private=chat.type == ChatType.PRIVATE,
        user_language_code=chat.telegram_language,
        default=config.bot.default_language,
    )
    return translator(code)
