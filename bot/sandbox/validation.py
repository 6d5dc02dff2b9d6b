"""Telegram's checks on what a bot sends: text, keyboards, commands, inline results. Pure."""

from __future__ import annotations

import re

from telegram.constants import (
    BotCommandLimit,
    InlineKeyboardButtonLimit,
    InlineQueryLimit,
    InlineQueryResultLimit,
    MessageLimit,
)

from .errors import ApiError, bad_request
from .telegram_html import HTMLParseError, ParsedText, parse_html, trim_parsed, utf16_len

__all__ = [
    "validate_bot_commands",
    "validate_inline_results",
    "validate_reply_markup",
    "validate_text",
]

_COMMAND = re.compile(rf"^[a-z0-9_]{{1,{BotCommandLimit.MAX_COMMAND}}}$")
_BUTTON_ACTIONS = (
    "url",
    "callback_data",
    "switch_inline_query",
    "switch_inline_query_current_chat",
    "switch_inline_query_chosen_chat",
    "login_url",
    "web_app",
    "copy_text",
    "callback_game",
    "pay",
)
_BUTTON_URL_SCHEMES = ("http://", "https://", "tg://")
_OTHER_KEYBOARDS = ("keyboard", "remove_keyboard", "force_reply")


def validate_text(
    text: object,
    parse_mode: object = None,
    entities: object = None,
    *,
    limit: int = MessageLimit.MAX_TEXT_LENGTH,
    is_caption: bool = False,
    strict_ampersand: bool = True,
) -> ParsedText:
    """Parse and check a message text (or caption) as Telegram does before sending it.

    Raises ``ApiError`` with Telegram's description: unsupported parse mode, HTML errors,
    an empty text after parsing and trimming, or a text longer than ``limit`` UTF-16 units.
    """
    if text is None or text == "":
        if is_caption:
            return ParsedText("")
        raise bad_request("message text is empty")
    if not isinstance(text, str):
        raise bad_request("message text must be a string")
    mode = (parse_mode or "").lower() if isinstance(parse_mode, str) else ""
    if mode == "html":
        try:
            parsed = parse_html(text, strict_ampersand=strict_ampersand)
        except HTMLParseError as exc:
            raise bad_request(f"can't parse entities: {exc.description}") from exc
    elif mode in ("markdown", "markdownv2"):
        raise bad_request(
            f'unsupported parse_mode "{parse_mode}": the sandbox implements only HTML; '
            "send HTML or plain text"
        )
    elif mode:
        raise bad_request("unsupported parse_mode")
    else:
        parsed = ParsedText(text, _checked_entities(entities))
    parsed = trim_parsed(parsed)
    if not parsed.text and not is_caption:
        raise bad_request("message text is empty")
    if utf16_len(parsed.text) > limit:
        raise bad_request("message caption is too long" if is_caption else "message is too long")
    return parsed


def _checked_entities(entities: object) -> list[dict]:
    if entities is None:
        return []
    if not isinstance(entities, list) or not all(
        isinstance(e, dict)
        and isinstance(e.get("type"), str)
        and isinstance(e.get("offset"), int)
        and isinstance(e.get("length"), int)
        for e in entities
    ):
        raise bad_request("can't parse entities: entities must be a list of MessageEntity")
    return [dict(e) for e in entities]


def _validate_button(button: object) -> None:
    if not isinstance(button, dict):
        raise bad_request(
            "can't parse inline keyboard button: InlineKeyboardButton must be an Object"
        )
    text = button.get("text")
    if not isinstance(text, str):
        raise bad_request(
            'can\'t parse inline keyboard button: Field "text" must be of type String'
        )
    if not text.strip():
        raise bad_request("BUTTON_TEXT_INVALID")
    actions = [key for key in _BUTTON_ACTIONS if key in button]
    if not actions:
        raise bad_request(
            "can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard"
        )
    if "callback_data" in button:
        data = button["callback_data"]
        size = len(data.encode("utf-8")) if isinstance(data, str) else 0
        if not 1 <= size <= InlineKeyboardButtonLimit.MAX_CALLBACK_DATA:
            raise bad_request("BUTTON_DATA_INVALID")
    if "url" in button:
        url = button["url"]
        if not isinstance(url, str) or not url.lower().startswith(_BUTTON_URL_SCHEMES):
            raise bad_request(
                f"inline keyboard button URL '{url}' is invalid: Unsupported URL protocol"
            )
        if (
            url.lower().startswith(("http://", "https://"))
            and not url.split("://", 1)[1].split("/", 1)[0]
        ):
            raise bad_request(f"inline keyboard button URL '{url}' is invalid: URL host is empty")


def validate_reply_markup(markup: object) -> dict | None:
    """Check a reply_markup object; inline keyboards are checked button by button."""
    if markup is None:
        return None
    if not isinstance(markup, dict):
        raise bad_request("can't parse reply keyboard markup JSON object")
    if "inline_keyboard" in markup:
        rows = markup["inline_keyboard"]
        if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
            raise bad_request(
                'can\'t parse inline keyboard: field "inline_keyboard" must be an Array of Arrays'
            )
        for row in rows:
            for button in row:
                _validate_button(button)
        return markup
    if any(key in markup for key in _OTHER_KEYBOARDS):
        return markup
    raise bad_request("can't parse reply keyboard markup JSON object")


def validate_bot_commands(commands: object) -> list[dict]:
    """Check a setMyCommands list: names ``^[a-z0-9_]{1,32}$``, descriptions 1..256 characters."""
    if not isinstance(commands, list):
        raise bad_request("can't parse commands JSON object")
    checked = []
    for command in commands:
        if not isinstance(command, dict):
            raise bad_request("can't parse BotCommand: BotCommand must be an Object")
        name = command.get("command")
        description = command.get("description")
        if not isinstance(name, str) or not _COMMAND.match(name):
            raise bad_request("BOT_COMMAND_INVALID")
        if not isinstance(description, str) or not description.strip():
            raise bad_request("command description must be non-empty")
        if len(description) > BotCommandLimit.MAX_DESCRIPTION:
            raise bad_request("BOT_COMMAND_DESCRIPTION_INVALID")
        checked.append({"command": name, "description": description})
    return checked


def validate_inline_results(
    results: object, next_offset: object = None, *, strict_ampersand: bool = True
) -> list[dict]:
    """Check answerInlineQuery results: count, ids, and each message text like a message."""
    if not isinstance(results, list):
        raise bad_request("can't parse inline query results JSON object")
    if len(results) > InlineQueryLimit.RESULTS:
        raise bad_request("RESULTS_TOO_MUCH")
    if next_offset is not None and len(str(next_offset).encode("utf-8")) > (
        InlineQueryLimit.MAX_OFFSET_LENGTH
    ):
        raise bad_request("NEXT_OFFSET_INVALID")
    seen: set[str] = set()
    for result in results:
        if not isinstance(result, dict) or not isinstance(result.get("type"), str):
            raise bad_request("can't parse inline query result: Can't find field \"type\"")
        result_id = result.get("id")
        if not isinstance(result_id, str) or not 1 <= len(result_id.encode("utf-8")) <= (
            InlineQueryResultLimit.MAX_ID_LENGTH
        ):
            raise bad_request("RESULT_ID_INVALID")
        if result_id in seen:
            raise bad_request("RESULT_ID_DUPLICATE")
        seen.add(result_id)
        _validate_result_content(result, strict_ampersand)
    return results


def _validate_result_content(result: dict, strict_ampersand: bool) -> None:
    if result["type"] == "article" and not result.get("title"):
        raise bad_request("can't parse inline query result: Can't find field \"title\"")
    content = result.get("input_message_content")
    if result["type"] == "article" and not isinstance(content, dict):
        raise bad_request(
            "can't parse inline query result: Can't find field \"input_message_content\""
        )
    if isinstance(content, dict) and "message_text" in content:
        try:
            validate_text(
                content["message_text"],
                content.get("parse_mode"),
                content.get("entities"),
                strict_ampersand=strict_ampersand,
            )
        except ApiError as exc:
            raise ApiError(exc.error_code, exc.description) from exc
    validate_reply_markup(result.get("reply_markup"))
