"""Bot API methods about the bot itself, chats, members, commands, webhooks and files."""

from __future__ import annotations

import json

from telegram.constants import FileSizeLimit

from .context import ApiContext, Params, register
from .errors import bad_request
from .objects import chat_full_info
from .validation import validate_bot_commands

__all__: list[str] = []


@register("getMe")
def get_me(api: ApiContext, params: Params) -> dict:
    return api.world.bot_user


@register("logOut")
def log_out(api: ApiContext, params: Params) -> bool:
    return True


@register("close")
def close(api: ApiContext, params: Params) -> bool:
    return True


@register("setWebhook")
def set_webhook(api: ApiContext, params: Params) -> bool:
    url = params.get_str("url", "")
    if url and not url.startswith("https://"):
        raise bad_request("bad webhook: An HTTPS URL must be provided for webhook")
    allowed = params.get_json("allowed_updates")
    api.world.webhook = {
        "url": url,
        "secret_token": params.get_str("secret_token"),
        "max_connections": params.get_int("max_connections", 40),
        "allowed_updates": allowed if isinstance(allowed, list) else None,
    }
    if isinstance(allowed, list):
        api.world.allowed_updates = frozenset(allowed) or None
    if params.get_bool("drop_pending_updates"):
        api.world.updates.clear()
    return True


@register("deleteWebhook")
def delete_webhook(api: ApiContext, params: Params) -> bool:
    api.world.webhook = {}
    if params.get_bool("drop_pending_updates"):
        api.world.updates.clear()
    return True


@register("getWebhookInfo")
def get_webhook_info(api: ApiContext, params: Params) -> dict:
    webhook = api.world.webhook
    info: dict = {
        "url": webhook.get("url", ""),
        "has_custom_certificate": False,
        "pending_update_count": len(api.world.updates),
    }
    if webhook.get("url"):
        info["max_connections"] = webhook["max_connections"]
        if webhook.get("allowed_updates") is not None:
            info["allowed_updates"] = webhook["allowed_updates"]
        for key in ("last_error_date", "last_error_message"):
            if key in webhook:
                info[key] = webhook[key]
    return info


@register("getChat")
def get_chat(api: ApiContext, params: Params) -> dict:
    return chat_full_info(api.world.resolve_chat(params.raw("chat_id")))


def _user_id(api: ApiContext, params: Params) -> int:
    user_id = params.get_int("user_id")
    if user_id is None:
        raise bad_request("user_id is empty")
    if user_id != api.world.bot_user["id"] and user_id not in api.world.users:
        raise bad_request("user not found")
    return user_id


@register("getChatMember")
def get_chat_member(api: ApiContext, params: Params) -> dict:
    chat = api.world.resolve_chat(params.raw("chat_id"))
    return api.world.member(chat["id"], _user_id(api, params))


@register("getChatAdministrators")
def get_chat_administrators(api: ApiContext, params: Params) -> list[dict]:
    chat = api.world.resolve_chat(params.raw("chat_id"))
    if chat["type"] == "private":
        raise bad_request("there are no administrators in the private chat")
    return [
        member
        for (chat_id, _), member in api.world.members.items()
        if chat_id == chat["id"] and member["status"] in ("creator", "administrator")
    ]


@register("getChatMemberCount")
def get_chat_member_count(api: ApiContext, params: Params) -> int:
    chat = api.world.resolve_chat(params.raw("chat_id"))
    if chat["type"] == "private":
        return 2
    return sum(
        1
        for (chat_id, _), member in api.world.members.items()
        if chat_id == chat["id"] and member["status"] not in ("left", "kicked")
    )


def _commands_key(params: Params) -> str:
    scope = params.get_json("scope") or {"type": "default"}
    return json.dumps([scope, params.get_str("language_code", "")], sort_keys=True)


@register("setMyCommands")
def set_my_commands(api: ApiContext, params: Params) -> bool:
    api.world.commands[_commands_key(params)] = validate_bot_commands(params.get_json("commands"))
    return True


@register("getMyCommands")
def get_my_commands(api: ApiContext, params: Params) -> list[dict]:
    return api.world.commands.get(_commands_key(params), [])


@register("deleteMyCommands")
def delete_my_commands(api: ApiContext, params: Params) -> bool:
    api.world.commands.pop(_commands_key(params), None)
    return True


@register("getFile")
def get_file(api: ApiContext, params: Params) -> dict:
    stored = api.world.files.get(params.get_str("file_id", ""))
    if stored is None:
        raise bad_request("invalid file_id")
    if stored.size > FileSizeLimit.FILESIZE_DOWNLOAD:
        raise bad_request("file is too big")
    return {
        "file_id": stored.file_id,
        "file_unique_id": stored.file_unique_id,
        "file_size": stored.size,
        "file_path": stored.file_path,
    }
