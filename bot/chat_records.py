"""A Telegram chat as the library records it (type, title, username, a private user's language)."""

from __future__ import annotations

from telegram import Chat as TelegramChat
from telegram import ChatFullInfo
from telegram.constants import ChatType

from storage.models import Chat

__all__ = ["chat_record"]


def chat_record(chat: TelegramChat | ChatFullInfo, *, telegram_language: str | None = None) -> Chat:
    """What storage keeps of a Telegram chat; a private chat is titled with the user's name
    and, given ``telegram_language`` (the user's ``language_code``), remembers it so digests
    can be written in it."""
    is_private = chat.type == ChatType.PRIVATE
    return Chat(
        chat_id=chat.id,
        type=chat.type,
        title=chat.full_name if is_private else chat.title,
        username=chat.username,
        telegram_language=telegram_language if is_private else None,
    )
