"""Builders of Bot API JSON objects (users, chats, chat members) that python-telegram-bot parses."""

from __future__ import annotations

__all__ = [
    "CHAT_TYPES",
    "MEMBER_STATUSES",
    "chat_full_info",
    "chat_member",
    "make_chat",
    "make_user",
]

CHAT_TYPES = ("private", "group", "supergroup", "channel")
MEMBER_STATUSES = ("creator", "administrator", "member", "left", "kicked")

# Every right ChatMemberAdministrator requires, with what an ordinary administrator has.
_ADMIN_RIGHTS = {
    "can_be_edited": False,
    "is_anonymous": False,
    "can_manage_chat": True,
    "can_delete_messages": True,
    "can_manage_video_chats": True,
    "can_restrict_members": True,
    "can_promote_members": False,
    "can_change_info": True,
    "can_invite_users": True,
    "can_post_stories": True,
    "can_edit_stories": True,
    "can_delete_stories": True,
}
_CHANNEL_ADMIN_RIGHTS = {"can_post_messages": True, "can_edit_messages": True}
_GROUP_ADMIN_RIGHTS = {"can_pin_messages": True}


def make_user(
    user_id: int,
    first_name: str,
    username: str | None = None,
    *,
    is_bot: bool = False,
    language_code: str | None = "en",
) -> dict:
    user: dict = {"id": user_id, "is_bot": is_bot, "first_name": first_name}
    if username:
        user["username"] = username
    if language_code and not is_bot:
        user["language_code"] = language_code
    return user


def make_chat(
    chat_id: int,
    chat_type: str,
    *,
    title: str | None = None,
    username: str | None = None,
    first_name: str | None = None,
    is_forum: bool = False,
) -> dict:
    """A ``Chat`` object; private chats carry the user's name, the others a title."""
    if chat_type not in CHAT_TYPES:
        raise ValueError(f"chat type must be one of {', '.join(CHAT_TYPES)}, not {chat_type!r}")
    if (chat_type == "private") != (chat_id > 0):
        raise ValueError(
            f"chat id {chat_id} does not fit type {chat_type!r}: private chats have positive ids, "
            "groups and channels negative ones (-100... for supergroups and channels)"
        )
    chat: dict = {"id": chat_id, "type": chat_type}
    if chat_type == "private":
        chat["first_name"] = first_name or "User"
    else:
        chat["title"] = title or f"{chat_type.title()} {chat_id}"
    if username:
        chat["username"] = username
    if is_forum:
        chat["is_forum"] = True
    return chat


def chat_member(user: dict, status: str, chat_type: str, rights: dict | None = None) -> dict:
    """A ``ChatMember`` object of the given status, with every field its PTB class requires."""
    if status not in MEMBER_STATUSES:
        raise ValueError(f"status must be one of {', '.join(MEMBER_STATUSES)}, not {status!r}")
    member: dict = {"status": status, "user": user}
    if status == "creator":
        member["is_anonymous"] = False
    elif status == "administrator":
        member.update(_ADMIN_RIGHTS)
        member.update(_CHANNEL_ADMIN_RIGHTS if chat_type == "channel" else _GROUP_ADMIN_RIGHTS)
        member.update({key: value for key, value in (rights or {}).items() if value is not None})
    elif status == "kicked":
        member["until_date"] = 0
    return member


def chat_full_info(chat: dict) -> dict:
    """The ``ChatFullInfo`` getChat answers, from a ``Chat``."""
    return {
        **chat,
        "accent_color_id": 0,
        "max_reaction_count": 11,
        "accepted_gift_types": {
            "unlimited_gifts": False,
            "limited_gifts": False,
            "unique_gifts": False,
            "premium_subscription": False,
            "gifts_from_channels": False,
        },
    }
