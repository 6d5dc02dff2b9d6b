"""Bot API methods that send, edit and delete messages."""

from __future__ import annotations

import time
from dataclasses import dataclass

from telegram.constants import ChatAction, MessageLimit

from .context import ApiContext, Params, register
from .errors import bad_request, too_many_requests
from .telegram_html import ParsedText
from .validation import validate_reply_markup, validate_text
from .world import SentMessage, StoredFile, World

__all__ = ["UploadedFile", "store_file"]

_CHAT_ACTIONS = frozenset(action.value for action in ChatAction)
_NOT_MODIFIED = (
    "message is not modified: specified new message content and reply markup are exactly the "
    "same as a current content and reply markup of the message"
)


@dataclass(frozen=True)
class UploadedFile:
    """A file part of a multipart request."""

    filename: str
    content_type: str | None
    data: bytes


def store_file(world: World, data: bytes, file_name: str, *, size: int | None = None) -> StoredFile:
    """Keep ``data`` as a downloadable file; ``size`` may claim more bytes than ``data`` holds."""
    number = len(world.files) + 1
    suffix = file_name.rsplit(".", 1)[-1] if "." in file_name else "bin"
    stored = StoredFile(
        file_id=f"BQACAgIAAxkBAAI{number:06d}sandbox",
        file_unique_id=f"AgAD{number:06d}",
        file_path=f"documents/file_{number}.{suffix}",
        size=len(data) if size is None else size,
        data=data,
    )
    world.files[stored.file_id] = stored
    return stored


def _sender(world: World, chat: dict) -> dict:
    if chat["type"] == "channel":
        return {"sender_chat": chat}
    return {"from": world.bot_user}


def _thread_id(chat: dict, params: Params) -> int | None:
    thread_id = params.get_int("message_thread_id")
    if thread_id is not None and not chat.get("is_forum"):
        raise bad_request("message thread not found")
    return thread_id


def _replied_message(world: World, chat: dict, params: Params) -> dict | None:
    reply = params.get_json("reply_parameters")
    if not isinstance(reply, dict):
        legacy = params.get_int("reply_to_message_id")
        if legacy is None:
            return None
        reply = {
            "message_id": legacy,
            "allow_sending_without_reply": params.get_bool("allow_sending_without_reply"),
        }
    target = world.find_message(chat["id"], reply.get("message_id"))
    if target is None and not reply.get("allow_sending_without_reply"):
        raise bad_request("message to be replied not found")
    if target is None:
        return None
    return {key: value for key, value in target.items() if key != "reply_to_message"}


def _check_flood(api: ApiContext, chat_id: int) -> None:
    if api.flood is not None:
        retry_after = api.flood.acquire(chat_id)
        if retry_after is not None:
            raise too_many_requests(retry_after)


def _content(parsed: ParsedText, markup: dict | None, text_key: str = "text") -> dict:
    body: dict = {text_key: parsed.text} if parsed.text else {}
    if parsed.entities:
        body["entities" if text_key == "text" else "caption_entities"] = parsed.entities
    if markup is not None and "inline_keyboard" in markup:
        body["reply_markup"] = markup
    return body


def _record(api: ApiContext, method: str, message: dict, params: Params, html: str | None) -> None:
    reply = message.get("reply_to_message")
    api.world.record_sent(
        SentMessage(
            method=method,
            chat_id=message["chat"]["id"],
            message_id=message["message_id"],
            html=html,
            text=message.get("text", message.get("caption", "")),
            entities=message.get("entities", message.get("caption_entities", [])),
            reply_markup=message.get("reply_markup"),
            thread_id=message.get("message_thread_id"),
            reply_to_message_id=reply["message_id"] if reply else None,
            params=dict(params.values),
        )
    )


def _new_bot_message(api: ApiContext, chat: dict, params: Params, content: dict) -> dict:
    world = api.world
    thread_id = _thread_id(chat, params)
    replied = _replied_message(world, chat, params)
    _check_flood(api, chat["id"])
    body = {**_sender(world, chat), **content}
    if thread_id is not None:
        body.update(message_thread_id=thread_id, is_topic_message=True)
    if replied is not None:
        body["reply_to_message"] = replied
    preview = params.get_json("link_preview_options")
    if isinstance(preview, dict):
        body["link_preview_options"] = preview
    return world.new_message(chat["id"], body)


@register("sendMessage")
def send_message(api: ApiContext, params: Params) -> dict:
    chat = api.world.resolve_chat(params.raw("chat_id"))
    api.world.check_can_send(chat)
    parsed = validate_text(
        params.raw("text"),
        params.raw("parse_mode"),
        params.get_json("entities"),
        strict_ampersand=api.strict_ampersand,
    )
    markup = validate_reply_markup(params.get_json("reply_markup"))
    message = _new_bot_message(api, chat, params, _content(parsed, markup))
    _record(api, "sendMessage", message, params, params.get_str("text"))
    return message


@register("sendDocument")
def send_document(api: ApiContext, params: Params) -> dict:
    world = api.world
    chat = world.resolve_chat(params.raw("chat_id"))
    world.check_can_send(chat)
    parsed = validate_text(
        params.raw("caption"),
        params.raw("parse_mode"),
        params.get_json("caption_entities"),
        limit=MessageLimit.CAPTION_LENGTH,
        is_caption=True,
        strict_ampersand=api.strict_ampersand,
    )
    markup = validate_reply_markup(params.get_json("reply_markup"))
    document = params.raw("document")
    if isinstance(document, UploadedFile):
        stored = store_file(world, document.data, document.filename)
        name, mime = document.filename, document.content_type
    elif isinstance(document, str) and document in world.files:
        stored, name, mime = world.files[document], None, None
    else:
        raise bad_request("wrong file identifier/HTTP URL specified")
    file_info = {
        "file_id": stored.file_id,
        "file_unique_id": stored.file_unique_id,
        "file_size": stored.size,
    }
    if name:
        file_info["file_name"] = name
    if mime:
        file_info["mime_type"] = mime
    content = {"document": file_info, **_content(parsed, markup, text_key="caption")}
    message = _new_bot_message(api, chat, params, content)
    _record(api, "sendDocument", message, params, params.get_str("caption"))
    return message


def _editable_message(api: ApiContext, params: Params) -> dict:
    if params.has("inline_message_id"):
        raise bad_request("MESSAGE_ID_INVALID")
    chat = api.world.resolve_chat(params.raw("chat_id"))
    api.world.check_can_send(chat)
    message = api.world.find_message(chat["id"], params.raw("message_id"))
    if message is None:
        raise bad_request("message to edit not found")
    if message.get("from", {}).get("id") != api.world.bot_user["id"] and not (
        chat["type"] == "channel" and message.get("sender_chat")
    ):
        raise bad_request("message can't be edited")
    return message


def _apply_edit(message: dict, content: dict) -> dict:
    for key in ("text", "entities", "reply_markup"):
        message.pop(key, None)
    message.update(content)
    message["edit_date"] = int(time.time())
    return message


@register("editMessageText")
def edit_message_text(api: ApiContext, params: Params) -> dict:
    message = _editable_message(api, params)
    parsed = validate_text(
        params.raw("text"),
        params.raw("parse_mode"),
        params.get_json("entities"),
        strict_ampersand=api.strict_ampersand,
    )
    markup = validate_reply_markup(params.get_json("reply_markup"))
    content = _content(parsed, markup)
    current = {key: message[key] for key in ("text", "entities", "reply_markup") if key in message}
    if content == current:
        raise bad_request(_NOT_MODIFIED)
    _apply_edit(message, content)
    _record(api, "editMessageText", message, params, params.get_str("text"))
    return message


@register("editMessageReplyMarkup")
def edit_message_reply_markup(api: ApiContext, params: Params) -> dict:
    message = _editable_message(api, params)
    markup = validate_reply_markup(params.get_json("reply_markup"))
    if markup == message.get("reply_markup"):
        raise bad_request(_NOT_MODIFIED)
    message.pop("reply_markup", None)
    if markup is not None:
        message["reply_markup"] = markup
    message["edit_date"] = int(time.time())
    _record(api, "editMessageReplyMarkup", message, params, None)
    return message


@register("deleteMessage")
def delete_message(api: ApiContext, params: Params) -> bool:
    chat = api.world.resolve_chat(params.raw("chat_id"))
    message = api.world.find_message(chat["id"], params.raw("message_id"))
    if message is None:
        raise bad_request("message to delete not found")
    del api.world.messages[chat["id"]][message["message_id"]]
    api.world.notifier.changed()
    return True


@register("sendChatAction")
def send_chat_action(api: ApiContext, params: Params) -> bool:
    chat = api.world.resolve_chat(params.raw("chat_id"))
    api.world.check_can_send(chat)
    if params.get_str("action") not in _CHAT_ACTIONS:
        raise bad_request("wrong parameter action in request")
    return True
