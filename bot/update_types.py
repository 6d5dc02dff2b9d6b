"""Which update types the bot asks Telegram for: exactly those its registered handlers use.

``getUpdates`` and ``setWebhook`` take ``allowed_updates``; asking for every type makes Telegram
send chat member changes, reactions and the like that no handler reads. The list is derived from
the handlers, so registering a handler for a new kind of update asks for it too:

* a callback query, inline query or chat member handler names its type;
* a message or command handler reads the message-carrying types its filters let through: the
  ``filters.UpdateType`` parts of the filter decide (``UpdateType.MESSAGE & TEXT`` is new
  messages only); a filter without one passes every message-carrying type;
* a :class:`~telegram.ext.TypeHandler` for every :class:`~telegram.Update` (the gate and the chat
  record) observes whatever the others asked for and asks for nothing itself.

Any other kind of handler is refused (:class:`UnknownHandlerError`) rather than guessed at.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from telegram import Chat, Message, Update
from telegram.constants import UpdateType
from telegram.ext import (
    BaseHandler,
    CallbackQueryHandler,
    ChatMemberHandler,
    CommandHandler,
    InlineQueryHandler,
    MessageHandler,
    TypeHandler,
    filters,
)

__all__ = [
    "MESSAGE_UPDATE_TYPES",
    "UnknownHandlerError",
    "allowed_updates",
    "handler_updates",
    "update_type",
]

#: Update types that carry a message, the ones message filters look at (PTB's
#: ``BaseFilter.check_update``).
MESSAGE_UPDATE_TYPES: tuple[str, ...] = (
    UpdateType.MESSAGE,
    UpdateType.EDITED_MESSAGE,
    UpdateType.CHANNEL_POST,
    UpdateType.EDITED_CHANNEL_POST,
    UpdateType.BUSINESS_MESSAGE,
    UpdateType.EDITED_BUSINESS_MESSAGE,
    UpdateType.GUEST_MESSAGE,
)

_CHAT_MEMBER_TYPES = {
    ChatMemberHandler.MY_CHAT_MEMBER: (UpdateType.MY_CHAT_MEMBER,),
    ChatMemberHandler.CHAT_MEMBER: (UpdateType.CHAT_MEMBER,),
    ChatMemberHandler.ANY_CHAT_MEMBER: (UpdateType.MY_CHAT_MEMBER, UpdateType.CHAT_MEMBER),
}


class UnknownHandlerError(TypeError):
    """A registered handler whose update types cannot be derived; extend this module."""


def _probe(update_type: str) -> Update:
    """An update of ``update_type`` holding an empty message: enough for UpdateType filters."""
    message = Message(message_id=1, date=dt.datetime.now(dt.UTC), chat=Chat(1, Chat.PRIVATE))
    fields: dict[str, Any] = {update_type: message}
    return Update(update_id=0, **fields)


def _may_pass(flt: filters.BaseFilter | bool, probe: Update) -> bool | None:
    """Whether ``flt`` passes updates of the probe's type: True always, False never, None when
    it depends on the message (three-valued, so ``~filters.TEXT`` stays possible)."""
    if isinstance(flt, bool):
        return flt
    if type(flt).__qualname__.startswith("UpdateType."):
        return bool(flt.check_update(probe))
    if isinstance(flt, filters._InvertedFilter):
        inner = _may_pass(flt.inv_filter, probe)
        return None if inner is None else not inner
    if isinstance(flt, filters._MergedFilter):
        base = _may_pass(flt.base_filter, probe)
        if flt.and_filter is not None:
            other = _may_pass(flt.and_filter, probe)
            if base is False or other is False:
                return False
            return True if base and other else None
        other = _may_pass(flt.or_filter if flt.or_filter is not None else False, probe)
        if base or other:
            return True
        return False if base is False and other is False else None
    if isinstance(flt, filters._XORFilter):
        base, other = _may_pass(flt.base_filter, probe), _may_pass(flt.xor_filter, probe)
        return None if base is None or other is None else base != other
    return None


def _message_types(flt: filters.BaseFilter) -> set[str]:
    return {kind for kind in MESSAGE_UPDATE_TYPES if _may_pass(flt, _probe(kind)) is not False}


def handler_updates(handler: BaseHandler[Any, Any, Any]) -> set[str]:
    """The update types ``handler`` can take.

    Raises:
        UnknownHandlerError: a kind of handler this module does not know.
    """
    if isinstance(handler, CallbackQueryHandler):
        return {UpdateType.CALLBACK_QUERY}
    if isinstance(handler, InlineQueryHandler):
        return {UpdateType.INLINE_QUERY}
    if isinstance(handler, ChatMemberHandler) and handler.chat_member_types in _CHAT_MEMBER_TYPES:
        return set(_CHAT_MEMBER_TYPES[handler.chat_member_types])
    if isinstance(handler, MessageHandler | CommandHandler):
        return _message_types(handler.filters)
    if isinstance(handler, TypeHandler) and handler.type is Update:
        return set()
    raise UnknownHandlerError(
        f"cannot tell which updates a {type(handler).__name__} takes; "
        "teach bot.update_types about it"
    )


def allowed_updates(handlers: Iterable[BaseHandler[Any, Any, Any]]) -> list[str]:
    """The update types ``handlers`` use, in the Bot API's order (``Update.ALL_TYPES``)."""
    wanted: set[str] = set()
    for handler in handlers:
        wanted |= handler_updates(handler)
    return [str(kind) for kind in Update.ALL_TYPES if kind in wanted]


def update_type(update: object) -> str:
    """Which kind of update ``update`` is (``message``, ``channel_post``, ``callback_query``…:
    the one field of ``Update.ALL_TYPES`` it carries), or ``other``: a bounded metric label."""
    if isinstance(update, Update):
        for kind in Update.ALL_TYPES:
            if getattr(update, str(kind), None) is not None:
                return str(kind)
    return "other"
