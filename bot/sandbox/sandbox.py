"""``Sandbox``: start the fake Bot API on loopback and script it from tests."""

from __future__ import annotations

import itertools
import time
from datetime import datetime
from types import TracebackType

from aiohttp import web

from .context import ApiContext
from .errors import SandboxError
from .faults_api import FaultScripting
from .flood import FloodControl, FloodLimits
from .methods_messages import store_file
from .objects import chat_member, make_user
from .observation import Observation
from .server import build_app
from .webhook_delivery import WebhookDelivery, WebhookScripting
from .world import World

__all__ = ["DEFAULT_TOKEN", "Sandbox"]

BOT_ID = 5000000001
DEFAULT_TOKEN = f"{BOT_ID}:SANDBOX-local-test-token-not-a-secret"


def _timestamp(date: datetime | int | None) -> int:
    if date is None:
        return int(time.time())
    return int(date.timestamp()) if isinstance(date, datetime) else int(date)


def _command_entities(text: str) -> list[dict]:
    command = text.split(maxsplit=1)[0] if text.strip() else ""
    if not command.startswith("/") or len(command) < 2:
        raise SandboxError(f"a command must start with '/' and a name, got {text!r}")
    return [{"type": "bot_command", "offset": 0, "length": len(command.encode("utf-16-le")) // 2}]


class Sandbox(FaultScripting, Observation, WebhookScripting):
    """A strict local Telegram Bot API server with a scripting API for tests.

    Use as ``async with Sandbox() as sandbox:``; point python-telegram-bot at
    ``sandbox.base_url`` / ``sandbox.base_file_url`` with ``sandbox.token``.
    """

    def __init__(
        self,
        *,
        token: str = DEFAULT_TOKEN,
        host: str = "127.0.0.1",
        port: int = 0,
        bot_username: str = "digest_sandbox_bot",
        bot_name: str = "Digest Bot",
        enforce_flood_limits: bool = False,
        flood_limits: FloodLimits | None = None,
        strict_ampersand: bool = True,
        query_timeout: float = 15.0,
        webhook_timeout: float = 10.0,
    ) -> None:
        bot_id = int(token.split(":", 1)[0]) if token.split(":", 1)[0].isdigit() else BOT_ID
        self.token = token
        self.host = host
        self.port = port
        self.bot_user = {
            **make_user(bot_id, bot_name, bot_username, is_bot=True),
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": True,
        }
        flood = FloodControl(flood_limits or FloodLimits()) if enforce_flood_limits else None
        self._world = World(bot_user=self.bot_user)
        self._api = ApiContext(
            self._world,
            strict_ampersand=strict_ampersand,
            query_timeout=query_timeout,
            flood=flood,
        )
        self._webhook = WebhookDelivery(self._world, timeout=webhook_timeout)
        self._runner: web.AppRunner | None = None
        self._ids = itertools.count(1)
        self._read_cursor: dict[int, int] = {}

    @property
    def base_url(self) -> str:
        return f"http://{self.host}:{self.port}/bot"

    @property
    def base_file_url(self) -> str:
        return f"http://{self.host}:{self.port}/file/bot"

    async def start(self) -> None:
        """Listen on ``host``; with port 0 a free port is chosen and stored in ``port``."""
        self._runner = web.AppRunner(build_app(self._api, self.token), handle_signals=False)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.host, self.port)
        await site.start()
        self.port = self._runner.addresses[0][1]
        self._webhook.start()

    async def stop(self) -> None:
        await self._webhook.stop()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> Sandbox:
        await self.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.stop()

    # -- the world -----------------------------------------------------------------------------

    def add_user(
        self,
        user_id: int,
        first_name: str = "Alice",
        username: str | None = None,
        *,
        language_code: str | None = "en",
    ) -> dict:
        """Create a user and the private chat with the bot. ``language_code`` is the IETF tag
        Telegram sends for the user's app language ("ru", "pt-br"); None sends none."""
        user = make_user(user_id, first_name, username, language_code=language_code)
        self._world.users[user_id] = user
        self._world.add_chat(user_id, "private", first_name=first_name, username=username)
        return user

    def add_chat(
        self,
        chat_id: int,
        type: str,  # noqa: A002  (the Bot API's name)
        title: str | None = None,
        username: str | None = None,
        is_forum: bool = False,
    ) -> dict:
        """Create a group, supergroup or channel; the bot joins (administrator in channels)."""
        if type == "private":
            raise SandboxError("private chats come with users: call add_user(user_id) instead")
        return self._world.add_chat(
            chat_id, type, title=title, username=username, is_forum=is_forum
        )

    def set_member(
        self,
        chat_id: int,
        user_id: int,
        status: str,
        can_post_messages: bool | None = None,
        **rights: bool,
    ) -> None:
        """Give a user (or the bot, by ``bot_user["id"]``) a status and rights in a chat."""
        self._require_chat(chat_id)
        if user_id != self.bot_user["id"]:
            self._require_user(user_id)
        self._world.set_member(
            chat_id, user_id, status, {"can_post_messages": can_post_messages, **rights}
        )

    def _require_chat(self, chat_id: int) -> dict:
        if chat_id not in self._world.chats:
            raise SandboxError(f"unknown chat {chat_id}: call add_chat or add_user first")
        return self._world.chats[chat_id]

    def _require_user(self, user_id: int) -> dict:
        if user_id not in self._world.users:
            raise SandboxError(f"unknown user {user_id}: call add_user first")
        return self._world.users[user_id]

    # -- injecting updates ---------------------------------------------------------------------

    def inject_update(self, update: dict) -> None:
        """Queue a raw update for getUpdates (``update_id`` is added when missing)."""
        self._world.push_update(update)

    def _user_message(
        self, chat_id: int, user_id: int, body: dict, *, thread_id: int | None = None
    ) -> dict:
        chat = self._require_chat(chat_id)
        user = self._require_user(user_id)
        if thread_id is not None:
            body = {**body, "message_thread_id": thread_id, "is_topic_message": True}
        message = self._world.new_message(chat["id"], {"from": user, **body})
        self._world.push_update({"message": message})
        return message

    def send_text(
        self,
        chat_id: int,
        user_id: int,
        text: str,
        *,
        entities: list[dict] | None = None,
        reply_to: int | None = None,
        thread_id: int | None = None,
    ) -> dict:
        """A user writes ``text`` in a chat; returns the message."""
        body: dict = {"text": text}
        if entities:
            body["entities"] = entities
        if reply_to is not None:
            replied = self._world.find_message(chat_id, reply_to)
            if replied is None:
                raise SandboxError(f"no message {reply_to} in chat {chat_id} to reply to")
            body["reply_to_message"] = replied
        return self._user_message(chat_id, user_id, body, thread_id=thread_id)

    def send_command(
        self,
        chat_id: int,
        user_id: int,
        text: str,
        *,
        reply_to: int | None = None,
        thread_id: int | None = None,
    ) -> dict:
        """A user sends ``/command args``, with the bot_command entity CommandHandler needs."""
        return self.send_text(
            chat_id,
            user_id,
            text,
            entities=_command_entities(text),
            reply_to=reply_to,
            thread_id=thread_id,
        )

    def send_document(
        self,
        chat_id: int,
        user_id: int,
        data: bytes,
        file_name: str,
        mime_type: str | None = None,
        caption: str | None = None,
        *,
        declared_size: int | None = None,
    ) -> dict:
        """A user sends a file; ``declared_size`` fakes a bigger ``file_size`` than ``data``."""
        stored = store_file(self._world, data, file_name, size=declared_size)
        document = {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "file_name": file_name,
            "file_size": stored.size,
        }
        if mime_type:
            document["mime_type"] = mime_type
        body: dict = {"document": document}
        if caption:
            body["caption"] = caption
        return self._user_message(chat_id, user_id, body)

    def _forward(
        self,
        chat_id: int,
        user_id: int,
        origin: dict,
        text: str,
        entities: list[dict] | None,
    ) -> dict:
        body: dict = {"text": text, "forward_origin": origin}
        if entities:
            body["entities"] = entities
        return self._user_message(chat_id, user_id, body)

    def forward_from_channel(
        self,
        chat_id: int,
        user_id: int,
        channel_chat_id: int,
        channel_message_id: int,
        text: str,
        date: datetime | int | None = None,
        entities: list[dict] | None = None,
        author_signature: str | None = None,
    ) -> dict:
        """A user forwards a channel post (``forward_origin`` of type channel)."""
        origin: dict = {
            "type": "channel",
            "date": _timestamp(date),
            "chat": self._require_chat(channel_chat_id),
            "message_id": channel_message_id,
        }
        if author_signature:
            origin["author_signature"] = author_signature
        return self._forward(chat_id, user_id, origin, text, entities)

    def forward_from_user(
        self,
        chat_id: int,
        user_id: int,
        original_user_id: int,
        text: str,
        date: datetime | int | None = None,
        entities: list[dict] | None = None,
    ) -> dict:
        """A user forwards another user's message (``forward_origin`` of type user)."""
        origin = {
            "type": "user",
            "date": _timestamp(date),
            "sender_user": self._require_user(original_user_id),
        }
        return self._forward(chat_id, user_id, origin, text, entities)

    def forward_hidden_user(
        self,
        chat_id: int,
        user_id: int,
        sender_name: str,
        text: str,
        date: datetime | int | None = None,
        entities: list[dict] | None = None,
    ) -> dict:
        """A forward from a user who hides their account (``hidden_user``)."""
        origin = {"type": "hidden_user", "date": _timestamp(date), "sender_user_name": sender_name}
        return self._forward(chat_id, user_id, origin, text, entities)

    def forward_from_chat(
        self,
        chat_id: int,
        user_id: int,
        sender_chat_id: int,
        text: str,
        date: datetime | int | None = None,
        entities: list[dict] | None = None,
    ) -> dict:
        """A forward of a message sent on behalf of a group (``forward_origin`` of type chat)."""
        origin = {
            "type": "chat",
            "date": _timestamp(date),
            "sender_chat": self._require_chat(sender_chat_id),
        }
        return self._forward(chat_id, user_id, origin, text, entities)

    def channel_post(self, chat_id: int, text: str, *, entities: list[dict] | None = None) -> dict:
        """A post appears in a channel (a ``channel_post`` update, no ``from``)."""
        chat = self._require_chat(chat_id)
        if chat["type"] != "channel":
            raise SandboxError(f"chat {chat_id} is a {chat['type']}, not a channel")
        body: dict = {"sender_chat": chat, "text": text}
        if entities:
            body["entities"] = entities
        message = self._world.new_message(chat_id, body)
        self._world.push_update({"channel_post": message})
        return message

    def press_button(self, chat_id: int, user_id: int, message_id: int, data: str) -> str:
        """A user presses the inline button with ``callback_data == data``; returns the query id."""
        message = self._world.find_message(chat_id, message_id)
        if message is None:
            raise SandboxError(f"no message {message_id} in chat {chat_id}")
        buttons = [
            b for row in message.get("reply_markup", {}).get("inline_keyboard", []) for b in row
        ]
        if not any(button.get("callback_data") == data for button in buttons):
            offered = [button.get("callback_data") for button in buttons]
            raise SandboxError(f"message {message_id} has no button {data!r}; it has {offered}")
        query_id = str(next(self._ids) + 4_000_000_000_000_000)
        self._world.queries[query_id] = {
            "kind": "callback",
            "created": time.monotonic(),
            "answer": None,
        }
        self._world.push_update(
            {
                "callback_query": {
                    "id": query_id,
                    "from": self._require_user(user_id),
                    "message": message,
                    "chat_instance": str(-chat_id if chat_id < 0 else chat_id),
                    "data": data,
                }
            }
        )
        return query_id

    def inline_query(self, user_id: int, query: str, offset: str = "") -> str:
        """A user types ``@bot query``; returns the inline query id."""
        query_id = str(next(self._ids) + 5_000_000_000_000_000)
        self._world.queries[query_id] = {
            "kind": "inline",
            "created": time.monotonic(),
            "answer": None,
        }
        self._world.push_update(
            {
                "inline_query": {
                    "id": query_id,
                    "from": self._require_user(user_id),
                    "query": query,
                    "offset": offset,
                    "chat_type": "sender",
                }
            }
        )
        return query_id

    def my_chat_member(self, chat_id: int, user_id: int, old_status: str, new_status: str) -> dict:
        """The bot's own status in a chat changes (added, promoted, removed, blocked by a user).

        ``user_id`` is who made the change (in a private chat: the user who blocked the bot).
        """
        chat = self._require_chat(chat_id)
        old = chat_member(self.bot_user, old_status, chat["type"])
        if chat["type"] != "private":
            self._world.set_member(chat_id, self.bot_user["id"], new_status)
        update = {
            "chat": chat,
            "from": self._require_user(user_id),
            "date": int(time.time()),
            "old_chat_member": old,
            "new_chat_member": chat_member(self.bot_user, new_status, chat["type"])
            if chat["type"] == "private"
            else self._world.member(chat_id, self.bot_user["id"]),
        }
        self._world.push_update({"my_chat_member": update})
        return update

    # -- chats refusing or moving -------------------------------------------------------------

    def block_chat(
        self, chat_id: int, description: str = "Forbidden: bot was blocked by the user"
    ) -> None:
        """Every send to ``chat_id`` answers 403 with ``description`` until ``unblock_chat``."""
        self._require_chat(chat_id)
        self._world.blocked[chat_id] = description

    def unblock_chat(self, chat_id: int) -> None:
        self._world.blocked.pop(chat_id, None)

    def migrate_chat(self, old_id: int, new_id: int) -> dict:
        """A group becomes supergroup ``new_id``; calls to ``old_id`` answer migrate_to_chat_id."""
        old = self._require_chat(old_id)
        new = self._world.add_chat(new_id, "supergroup", title=old.get("title"))
        for (chat_id, user_id), member in list(self._world.members.items()):
            if chat_id == old_id:
                self._world.members[(new_id, user_id)] = member
        del self._world.chats[old_id]
        self._world.migrated[old_id] = new_id
        return new
