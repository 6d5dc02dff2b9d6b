"""One ``digest-bot try`` session: the sandbox, the real bot polling it, and you in a private chat.

Replies are awaited by events, not sleeps: a handler in the last handler group counts the updates
the Application has finished (group-0 handlers, the error handler included, have run by then),
and the sandbox's wait API then collects what the bot sent, until nothing more arrives for a
short quiet period (replies sent by background tasks).
"""

from __future__ import annotations

import asyncio
import dataclasses
import mimetypes
import re
from collections.abc import Mapping
from pathlib import Path
from types import TracebackType
from typing import Any

from telegram import Update
from telegram.ext import TypeHandler

from bot.app import build_application, start_application, stop_application
from bot.config import AccessConfig, Config
from bot.sandbox import Sandbox, SandboxTimeout, SentMessage
from bot.services import App, BotContext
from bot.stories.matcher import LexicalStoryMatcher
from bot.tryout.samples import SAMPLE_CHANNEL, SampleSummary, load_samples
from bot.tryout.transcript import format_callback_answer, format_inline_answer, format_message
from storage.library import Library

__all__ = ["USER_ID", "TryActionError", "TrySession", "try_config", "url_entities"]

#: The Telegram user you are in the terminal chat (also the owner of the demo library).
USER_ID = 1001
USER_NAME = "You"
#: A handler group after every group the bot's own handlers use.
AFTER_ALL_HANDLERS = 1_000_000
_URL = re.compile(r"https?://\S+", re.IGNORECASE)


class TryActionError(Exception):
    """An instruction in the terminal chat cannot be carried out; the message says why."""


def try_config(base: Config, sandbox: Sandbox, db_path: Path) -> Config:
    """``base`` pointed at the sandbox and ``db_path``, with the sample channel public.

    Access is reset so the person at the terminal may use and own the demo library whatever
    ``[access]`` says for the real deployment.
    """
    return dataclasses.replace(
        base,
        telegram=dataclasses.replace(
            base.telegram,
            token=sandbox.token,
            base_url=sandbox.base_url,
            base_file_url=sandbox.base_file_url,
            mode="polling",
        ),
        # The demo library is this file even when the deployment is on PostgreSQL.
        storage=dataclasses.replace(base.storage, path=str(db_path), url=""),
        library=dataclasses.replace(
            base.library,
            public_sources=(*base.library.public_sources, SAMPLE_CHANNEL.chat_id),
        ),
        access=AccessConfig(owners=(USER_ID,), allowed_users=()),
    )


def url_entities(text: str) -> list[dict[str, Any]]:
    """The ``url`` entities Telegram's clients attach to links in a typed message."""
    entities = []
    for match in _URL.finditer(text):
        offset = len(text[: match.start()].encode("utf-16-le")) // 2
        length = len(match.group().encode("utf-16-le")) // 2
        entities.append({"type": "url", "offset": offset, "length": length})
    return entities


def _seed_library(db_path: Path, public_sources: tuple[int | str, ...]) -> SampleSummary:
    # The Library's connection belongs to the thread that opens it: open, load, close here.
    with Library(db_path, public_sources=public_sources, stories=LexicalStoryMatcher()) as library:
        return load_samples(library)


class TrySession:
    """Start with ``async with TrySession(config, db_path=...) as session:``.

    Every action returns the bot's replies as printable blocks (see :mod:`bot.tryout.transcript`).
    """

    def __init__(
        self,
        config: Config,
        *,
        db_path: Path,
        reply_timeout: float = 20.0,
        quiet_period: float = 0.3,
    ) -> None:
        self._base_config = config
        self._db_path = db_path
        self._reply_timeout = reply_timeout
        self._quiet_period = quiet_period
        self._sandbox = Sandbox()
        self._application: App | None = None
        self._updates_sent = 0
        self._updates_done = 0
        self._progress = asyncio.Condition()
        self._keyboard: tuple[int, list[dict[str, Any]]] | None = None
        self.samples = SampleSummary(added=0, already_stored=0)

    async def __aenter__(self) -> TrySession:
        await self.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.stop()

    async def start(self) -> None:
        """Start the sandbox, store the samples, then start the bot against the sandbox."""
        await self._sandbox.start()
        try:
            self._sandbox.add_user(USER_ID, USER_NAME, "you")
            self._sandbox.add_chat(
                SAMPLE_CHANNEL.chat_id,
                SAMPLE_CHANNEL.type,
                title=SAMPLE_CHANNEL.title,
                username=SAMPLE_CHANNEL.username,
            )
            config = try_config(self._base_config, self._sandbox, self._db_path)
            self.samples = await asyncio.to_thread(
                _seed_library, self._db_path, config.library.public_sources
            )
            application = build_application(config)
            application.add_handler(TypeHandler(Update, self._note_done), group=AFTER_ALL_HANDLERS)
            await start_application(application, poll_timeout=1)
            self._application = application
        except BaseException:
            await self._sandbox.stop()
            raise

    async def stop(self) -> None:
        """Stop the bot (closing its library), then the sandbox."""
        try:
            if self._application is not None:
                await stop_application(self._application)
                self._application = None
        finally:
            await self._sandbox.stop()

    async def _note_done(self, update: Update, context: BotContext) -> None:
        async with self._progress:
            self._updates_done += 1
            self._progress.notify_all()

    async def _wait_until_handled(self) -> bool:
        """Wait until the bot has handled every update sent so far; False after the timeout."""
        async with self._progress:
            try:
                await asyncio.wait_for(
                    self._progress.wait_for(lambda: self._updates_done >= self._updates_sent),
                    self._reply_timeout,
                )
            except TimeoutError:
                return False
        return True

    async def _collect_messages(self) -> list[str]:
        """Every message (or edit) the bot sent to the user since the last call, formatted."""
        replies: list[str] = []
        while True:
            try:
                (sent,) = await self._sandbox.wait_for_messages(
                    USER_ID, 1, timeout=self._quiet_period
                )
            except SandboxTimeout:
                return replies
            replies.append(self._show(sent))

    def _show(self, sent: SentMessage) -> str:
        if sent.buttons:
            self._keyboard = (sent.message_id, sent.buttons)
        elif self._keyboard is not None and self._keyboard[0] == sent.message_id:
            self._keyboard = None  # an edit without a keyboard removes it
        return format_message(sent.text, sent.buttons, edited=sent.is_edit)

    async def _replies(self, answer_of: str | None = None) -> list[str]:
        handled = await self._wait_until_handled()
        replies: list[str] = []
        if answer_of is not None:
            replies.extend(await self._query_answer(answer_of))
        replies.extend(await self._collect_messages())
        if not handled and not replies:
            replies.append(f"(no reply within {self._reply_timeout:g} s)")
        return replies

    async def _query_answer(self, query_id: str) -> list[str]:
        try:
            answer: Mapping[str, Any] = await self._sandbox.wait_for_answer(
                query_id, timeout=self._quiet_period
            )
        except SandboxTimeout:
            return []
        if "results" in answer:
            return [format_inline_answer(answer)]
        notice = format_callback_answer(answer)
        return [notice] if notice else []

    # -- what the user can do ----------------------------------------------------------------

    async def send_command(self, text: str) -> list[str]:
        """Send ``/command args`` in the private chat."""
        self._sandbox.send_command(USER_ID, USER_ID, text)
        self._updates_sent += 1
        return await self._replies()

    async def send_text(self, text: str) -> list[str]:
        """Send a message (links get ``url`` entities, as Telegram's clients add them)."""
        self._sandbox.send_text(USER_ID, USER_ID, text, entities=url_entities(text))
        self._updates_sent += 1
        return await self._replies()

    async def send_file(self, path: str) -> list[str]:
        """Send the file at ``path`` as a document.

        Raises:
            TryActionError: the file cannot be read.
        """
        file = Path(path).expanduser()
        try:
            data = file.read_bytes()
        except OSError as error:
            raise TryActionError(f"cannot read {file}: {error.strerror or error}") from error
        mime_type, _ = mimetypes.guess_type(file.name)
        self._sandbox.send_document(USER_ID, USER_ID, data, file.name, mime_type)
        self._updates_sent += 1
        return await self._replies()

    async def press(self, number: int) -> list[str]:
        """Press button ``number`` (1-based) of the last bot message that has buttons.

        Raises:
            TryActionError: there is no such button, or it cannot be pressed in a terminal.
        """
        if self._keyboard is None:
            raise TryActionError("no bot message with buttons to press")
        message_id, buttons = self._keyboard
        if number > len(buttons):
            raise TryActionError(f"the last keyboard has {len(buttons)} button(s), not {number}")
        button = buttons[number - 1]
        if "callback_data" in button:
            query_id = self._sandbox.press_button(
                USER_ID, USER_ID, message_id, button["callback_data"]
            )
            self._updates_sent += 1
            return await self._replies(answer_of=query_id)
        if "switch_inline_query_current_chat" in button:
            return await self.inline(button["switch_inline_query_current_chat"])
        if "url" in button:
            raise TryActionError(f"button {number} opens a link: {button['url']}")
        raise TryActionError(f"button {number} cannot be pressed in the terminal chat")

    async def inline(self, query: str) -> list[str]:
        """An inline query, as typing ``@bot query`` would send."""
        query_id = self._sandbox.inline_query(USER_ID, query)
        self._updates_sent += 1
        replies = await self._replies(answer_of=query_id)
        return replies or ["inline: (no answer)"]
