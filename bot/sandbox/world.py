"""The sandbox's in-memory Telegram: users, chats, members, messages, files and pending updates."""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from .errors import ApiError, bad_request, forbidden
from .notify import ChangeNotifier
from .objects import chat_member, make_chat

__all__ = ["SentMessage", "StoredFile", "World"]

# Update kinds Telegram leaves out unless a bot asks for them in allowed_updates.
_OPT_IN_UPDATES = frozenset({"chat_member", "message_reaction", "message_reaction_count"})


@dataclass(frozen=True)
class SentMessage:
    """One accepted sendMessage / sendDocument / editMessageText / editMessageReplyMarkup."""

    method: str
    chat_id: int
    message_id: int
    html: str | None
    text: str
    entities: list[dict]
    reply_markup: dict | None
    thread_id: int | None
    reply_to_message_id: int | None
    params: dict

    @property
    def is_edit(self) -> bool:
        return self.method.startswith("edit")

    @property
    def buttons(self) -> list[dict]:
        """Every inline keyboard button, row by row."""
        rows = (self.reply_markup or {}).get("inline_keyboard", [])
        return [button for row in rows for button in row]


@dataclass
class StoredFile:
    file_id: str
    file_unique_id: str
    file_path: str
    size: int
    data: bytes


@dataclass
class World:
    """Everything the fake Telegram knows. Mutations call ``notifier.changed()``."""

    bot_user: dict
    notifier: ChangeNotifier = field(default_factory=ChangeNotifier)
    users: dict[int, dict] = field(default_factory=dict)
    chats: dict[int, dict] = field(default_factory=dict)
    members: dict[tuple[int, int], dict] = field(default_factory=dict)
    messages: dict[int, dict[int, dict]] = field(default_factory=dict)
    files: dict[str, StoredFile] = field(default_factory=dict)
    updates: list[dict] = field(default_factory=list)
    allowed_updates: frozenset[str] | None = None
    next_update_id: int = 1
    blocked: dict[int, str] = field(default_factory=dict)
    migrated: dict[int, int] = field(default_factory=dict)
    webhook: dict = field(default_factory=dict)
    commands: dict[str, list[dict]] = field(default_factory=dict)
    queries: dict[str, dict] = field(default_factory=dict)
    sent: list[SentMessage] = field(default_factory=list)
    rejected: list[dict] = field(default_factory=list)
    calls: list[dict] = field(default_factory=list)

    # -- chats and members -------------------------------------------------------------------

    def add_chat(self, chat_id: int, chat_type: str, **details: object) -> dict:
        chat = make_chat(chat_id, chat_type, **details)  # type: ignore[arg-type]
        self.chats[chat_id] = chat
        self.messages.setdefault(chat_id, {})
        if chat_type != "private" and (chat_id, self.bot_user["id"]) not in self.members:
            status = "administrator" if chat_type == "channel" else "member"
            self.set_member(chat_id, self.bot_user["id"], status)
        return chat

    def set_member(
        self, chat_id: int, user_id: int, status: str, rights: dict | None = None
    ) -> None:
        chat = self.chats[chat_id]
        user = self.bot_user if user_id == self.bot_user["id"] else self.users[user_id]
        self.members[(chat_id, user_id)] = chat_member(user, status, chat["type"], rights)

    def member(self, chat_id: int, user_id: int) -> dict:
        """The member record; users never seen in the chat have left it, as in Telegram."""
        chat = self.chats[chat_id]
        if chat["type"] == "private":
            user = self.bot_user if user_id == self.bot_user["id"] else self.users[user_id]
            return chat_member(user, "member", "private")
        if (chat_id, user_id) in self.members:
            return self.members[(chat_id, user_id)]
        return chat_member(self.users[user_id], "left", chat["type"])

    def resolve_chat(self, chat_ref: object) -> dict:
        """Find a chat by id or ``@username`` as the Bot API does, or raise its error."""
        if chat_ref is None or chat_ref == "":
            raise bad_request("chat_id is empty")
        if isinstance(chat_ref, str) and chat_ref.startswith("@"):
            for chat in self.chats.values():
                if chat.get("username", "").lower() == chat_ref[1:].lower():
                    return chat
            raise bad_request("chat not found")
        try:
            chat_id = int(chat_ref)  # type: ignore[call-overload]
        except (TypeError, ValueError):
            raise bad_request("chat not found") from None
        if chat_id in self.migrated:
            raise ApiError(
                400,
                "Bad Request: group chat was upgraded to a supergroup chat",
                {"migrate_to_chat_id": self.migrated[chat_id]},
            )
        if chat_id not in self.chats:
            raise bad_request("chat not found")
        return self.chats[chat_id]

    def check_can_send(self, chat: dict) -> None:
        """Raise the 403/400 Telegram gives when the bot may not post in ``chat``."""
        chat_id = chat["id"]
        if chat_id in self.blocked:
            raise ApiError(403, self.blocked[chat_id])
        if chat["type"] == "private":
            return
        status = self.member(chat_id, self.bot_user["id"])
        kind = {"group": "group", "supergroup": "supergroup", "channel": "channel"}[chat["type"]]
        if status["status"] == "kicked":
            raise forbidden(f"bot was kicked from the {kind} chat")
        if status["status"] == "left":
            raise forbidden(f"bot is not a member of the {kind} chat")
        if chat["type"] == "channel" and not (
            status["status"] == "creator" or status.get("can_post_messages")
        ):
            raise bad_request("need administrator rights in the channel chat")

    # -- messages ------------------------------------------------------------------------------

    def new_message(self, chat_id: int, body: dict, *, date: int | None = None) -> dict:
        """Store a message in ``chat_id`` with the next message id of that chat."""
        chat_messages = self.messages.setdefault(chat_id, {})
        message_id = max(chat_messages, default=0) + 1
        message = {
            "message_id": message_id,
            "date": int(time.time()) if date is None else date,
            "chat": self.chats[chat_id],
            **body,
        }
        chat_messages[message_id] = message
        return message

    def find_message(self, chat_id: int, message_id: object) -> dict | None:
        if not isinstance(message_id, int | str):
            return None
        try:
            return self.messages.get(chat_id, {}).get(int(message_id))
        except ValueError:
            return None

    # -- updates -------------------------------------------------------------------------------

    def push_update(self, update: dict) -> dict:
        """Queue an update for getUpdates; an ``update_id`` is assigned when missing."""
        if "update_id" not in update:
            update = {"update_id": self.next_update_id, **update}
        self.next_update_id = max(self.next_update_id, update["update_id"] + 1)
        self.updates.append(update)
        self.notifier.changed()
        return update

    def is_allowed(self, update: dict) -> bool:
        kinds = set(update) - {"update_id"}
        if self.allowed_updates:
            return bool(kinds & self.allowed_updates)
        return not kinds & _OPT_IN_UPDATES

    def confirm_updates(self, offset: int) -> None:
        """Forget updates before ``offset``; a negative offset keeps only the last -offset ones."""
        if offset < 0:
            self.updates = self.updates[offset:]
        else:
            self.updates = [u for u in self.updates if u["update_id"] >= offset]

    def deliverable_updates(self, limit: int) -> list[dict]:
        self.updates = [u for u in self.updates if self.is_allowed(u)]
        return self.updates[:limit]

    # -- observation ---------------------------------------------------------------------------

    def record_sent(self, sent: SentMessage) -> None:
        self.sent.append(sent)
        self.notifier.changed()
