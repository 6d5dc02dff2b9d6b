"""Reading what the bot did: messages sent, calls made, answers given, and waiting for them."""

from __future__ import annotations

from .errors import SandboxTimeout
from .world import SentMessage, World

__all__ = ["Observation"]


class Observation:
    """The observing half of :class:`bot.sandbox.Sandbox`'s scripting API."""

    _world: World
    _read_cursor: dict[int, int]

    @property
    def sent(self) -> list[SentMessage]:
        """Every accepted sendMessage, sendDocument and edit, in order."""
        return self._world.sent

    @property
    def rejected(self) -> list[dict]:
        """Every call answered with an error: ``{"method", "params", "error"}``."""
        return self._world.rejected

    def calls(self, method: str | None = None) -> list[dict]:
        """Every call (accepted or not), optionally only those of one method."""
        if method is None:
            return list(self._world.calls)
        return [call for call in self._world.calls if call["method"].lower() == method.lower()]

    def disrupted_calls(self, method: str | None = None) -> list[dict]:
        """The calls stalled or dropped so far (``{"method", "params", "disrupted",
        "executed"}``), optionally only those of one method."""
        return [call for call in self.calls(method) if "disrupted" in call]

    def messages_to(self, chat_id: int) -> list[SentMessage]:
        return [sent for sent in self._world.sent if sent.chat_id == chat_id]

    async def wait_for_messages(
        self, chat_id: int, count: int = 1, timeout: float = 10.0
    ) -> list[SentMessage]:
        """Wait for ``count`` messages (sends or edits) to ``chat_id`` not returned before."""
        start = self._read_cursor.get(chat_id, 0)

        def arrived() -> bool:
            return len(self.messages_to(chat_id)) - start >= count

        if not await self._world.notifier.wait_for(arrived, timeout):
            new = self.messages_to(chat_id)[start:]
            errors = [(r["method"], r["error"]["description"]) for r in self.rejected]
            raise SandboxTimeout(
                f"expected {count} new message(s) to chat {chat_id} within {timeout}s, "
                f"got {len(new)}: {[m.text[:80] for m in new]}; "
                f"rejected calls: {errors}"
            )
        self._read_cursor[chat_id] = start + count
        return self.messages_to(chat_id)[start : start + count]

    def inline_answers(self, query_id: str) -> dict | None:
        """The bot's answerInlineQuery for ``query_id`` (results, next_offset...), if any."""
        return self._world.queries.get(query_id, {}).get("answer")

    def callback_answers(self, query_id: str) -> dict | None:
        """The bot's answerCallbackQuery for ``query_id`` (text, show_alert...), if any."""
        return self._world.queries.get(query_id, {}).get("answer")

    async def wait_for_answer(self, query_id: str, timeout: float = 10.0) -> dict:
        """Wait until the bot answers the callback or inline query ``query_id``."""
        if not await self._world.notifier.wait_for(
            lambda: self.inline_answers(query_id) is not None, timeout
        ):
            raise SandboxTimeout(f"query {query_id} was not answered within {timeout}s")
        return self._world.queries[query_id]["answer"]

    async def wait_for_call(self, method: str, count: int = 1, timeout: float = 10.0) -> list[dict]:
        """Wait until ``method`` has been called ``count`` times in total."""
        if not await self._world.notifier.wait_for(
            lambda: len(self.calls(method)) >= count, timeout
        ):
            raise SandboxTimeout(
                f"{method} was called {len(self.calls(method))} times, not {count}"
            )
        return self.calls(method)
