"""A Telegram chat as the library records it (type, title, username)."""

from __future__ import annotations

from telegram import Chat as TelegramChat
from telegram import ChatFullInfo
from telegram.constants import ChatType

from storage.models import Chat

__all__ = ["chat_record"]


def chat_record(chat: TelegramChat | ChatFullInfo) -> Chat:
    """What storage keeps of a Telegram chat; a private chat is titled with the user's name."""
    return Chat(
        chat_id=chat.id,
        type=chat.type,
        title=chat.title if chat.type != ChatType.PRIVATE else chat.full_name,
        username=chat.username,
    )
