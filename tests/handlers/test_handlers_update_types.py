"""allowed_updates is derived from the registered handlers: exactly the types they use."""

from __future__ import annotations

import pytest
from telegram import Update
from telegram.ext import (
    CallbackQueryHandler,
    ChatMemberHandler,
    CommandHandler,
    MessageHandler,
    PollAnswerHandler,
    TypeHandler,
    filters,
)

from bot.app import build_application, requested_updates
from bot.config import load_config
from bot.update_types import MESSAGE_UPDATE_TYPES, UnknownHandlerError, allowed_updates


async def noop(update: object, context: object) -> None:
    """A callback that is never called: only the handlers' update types are asked for."""


def test_the_bot_asks_for_the_five_types_its_handlers_use() -> None:
    application = build_application(
        load_config(env={"DIGEST_BOT_TOKEN": "123456789:AAH-abcdefghijklmnopqrstuvwxyz_0123"})
    )
    assert requested_updates(application) == [
        "message",
        "channel_post",
        "inline_query",
        "callback_query",
        "my_chat_member",
    ]


@pytest.mark.parametrize(
    ("message_filter", "expected"),
    [
        (filters.TEXT, set(MESSAGE_UPDATE_TYPES)),
        (filters.UpdateType.MESSAGE & filters.TEXT, {"message"}),
        (
            (filters.UpdateType.MESSAGE | filters.UpdateType.CHANNEL_POST) & ~filters.COMMAND,
            {"message", "channel_post"},
        ),
        (filters.UpdateType.MESSAGES, {"message", "edited_message"}),
        (
            ~filters.UpdateType.EDITED & filters.TEXT,
            {"message", "channel_post"} | {"business_message", "guest_message"},
        ),
        (filters.UpdateType.MESSAGE ^ filters.UpdateType.MESSAGES, {"edited_message"}),
        (filters.UpdateType.MESSAGE & filters.UpdateType.CHANNEL_POST, set()),
    ],
)
def test_message_handlers_ask_for_what_their_update_type_filters_let_through(
    message_filter: filters.BaseFilter, expected: set[str]
) -> None:
    assert set(allowed_updates([MessageHandler(message_filter, noop)])) == expected


def test_other_handlers_name_their_types_and_the_observers_add_none() -> None:
    handlers = [
        CommandHandler("x", noop, filters=filters.UpdateType.CHANNEL_POST),
        CallbackQueryHandler(noop),
        ChatMemberHandler(noop, ChatMemberHandler.ANY_CHAT_MEMBER),
        TypeHandler(Update, noop),
    ]
    assert allowed_updates(handlers) == [
        "channel_post",
        "callback_query",
        "my_chat_member",
        "chat_member",
    ]


def test_a_handler_it_cannot_read_is_refused() -> None:
    with pytest.raises(UnknownHandlerError, match="PollAnswerHandler"):
        allowed_updates([PollAnswerHandler(noop)])
