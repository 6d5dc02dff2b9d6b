"""Answers to articles that come in bursts: coalesced lists, and the hourly quota told once.

An editor files a batch by selecting 40 posts and forwarding them to the bot: 40 updates within
a couple of seconds. Every article is stored as it comes; the answers are not one card each:

* the first article of a chat (or forum topic) at rest gets its card at once, so a single
  article is answered as it always was;
* the articles stored while the burst lasts are listed together (``#id · headline`` per line,
  split at Telegram's limits), one message every :data:`BURST_REPLY_SECONDS`, until a stretch
  that long passes without any; then the chat is at rest again. An article that waited alone
  still gets its card (someone sending two articles a second apart sees two cards);
* a sender over ``[limits] ingest_per_hour`` gets one notice, sent :data:`BURST_REPLY_SECONDS`
  after the first refusal and naming every message refused until then; further refusals in
  that hour are not answered (the notice said so), never one message per refused article.

On shutdown (:meth:`IngestReplies.aclose`) what is still waiting is sent at once. The
handler holds its update in the update inbox until its answer is out (the futures
:meth:`IngestReplies.stored` and :meth:`IngestReplies.refused` return), so a bot killed with
answers still waiting replays those updates on start and answers them then.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import math
from collections.abc import Coroutine
from dataclasses import dataclass, field
from typing import Any, TypeAlias

from telegram import Bot, Message
from telegram.error import TelegramError

from bot import render
from bot.i18n import Translator
from bot.render.ingest import StoredArticle, quota_notice, stored_list
from bot.ttl_cache import TtlCache
from storage.models import AddResult, Article

__all__ = [
    "BURST_REPLY_SECONDS",
    "QUOTA_WINDOW_S",
    "IngestReplies",
    "describe_message",
]

log = logging.getLogger(__name__)

#: How long answers to a burst are gathered before they are sent as one list.
BURST_REPLY_SECONDS = 3.0
#: The window of ``[limits] ingest_per_hour``, and how long a told sender is not told again.
QUOTA_WINDOW_S = 3600.0
#: Senders remembered as told (the memory bound of the "once per hour" rule).
MAX_TOLD_SENDERS = 10_000
_DESCRIPTION_CHARS = 80

#: A chat and forum topic (None outside topics): where a burst's answers go.
ChatKey: TypeAlias = tuple[int, int | None]


@dataclass(frozen=True, slots=True)
class _Stored:
    t: Translator  # the chat's language
    message: Message  # what the card replies to
    result: AddResult
    article: Article | None  # None: the chat cannot see it (deleted meanwhile)
    answered: asyncio.Future[None]  # done once its card or list went out (or failed to)

    def line(self) -> StoredArticle:
        headline = self.article.headline if self.article is not None else ""
        return StoredArticle(self.result.article_id, headline, self.result.duplicate)


@dataclass(slots=True)
class _QuotaNotice:
    t: Translator  # the sender's chat's language
    key: ChatKey
    wait_s: float
    answered: asyncio.Future[None]  # done once the notice went out (or failed to)
    refused: list[str] = field(default_factory=list)


def describe_message(t: Translator, message: Message) -> str:
    """How a refused message is named to its sender: its first line of text, the document's
    file name, or what kind of message it is."""
    text = message.text or message.caption or ""
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    if first:
        return first if len(first) <= _DESCRIPTION_CHARS else f"{first[:_DESCRIPTION_CHARS]}…"
    if message.document is not None and message.document.file_name:
        return message.document.file_name
    return t.gettext("a message without text")


async def _send_card(stored: _Stored) -> None:
    """The answer to one article: its card, or the note that it was already saved."""
    if stored.result.duplicate or stored.article is None:
        text = render.duplicate_notice(stored.t, stored.result.article_id)
    else:
        text = render.article_card(stored.t, stored.article)
    try:
        await stored.message.reply_text(text)
    finally:
        _mark_done(stored.answered)


def _mark_done(answered: asyncio.Future[None]) -> None:
    if not answered.done():
        answered.set_result(None)


def _chat_key(message: Message) -> ChatKey:
    return message.chat.id, message.message_thread_id if message.is_topic_message else None


class IngestReplies:
    """The answers to stored and refused articles of one Application (see the module).

    ``interval_s`` is :data:`BURST_REPLY_SECONDS` unless a test wants it shorter.
    """

    def __init__(self, bot: Bot, *, quota: int, interval_s: float = BURST_REPLY_SECONDS) -> None:
        self._bot = bot
        self._quota = quota
        self._interval_s = interval_s
        #: Chats in a burst, with the articles stored since the last message to them.
        self._bursts: dict[ChatKey, list[_Stored]] = {}
        self._notices: dict[int, _QuotaNotice] = {}
        self._told: TtlCache[int, bool] = TtlCache(QUOTA_WINDOW_S, MAX_TOLD_SENDERS)
        self._tasks: set[asyncio.Task[None]] = set()
        self._closing = asyncio.Event()

    async def stored(
        self, t: Translator, message: Message, result: AddResult, article: Article | None
    ) -> asyncio.Future[None]:
        """Answer in ``t``'s language an article stored from ``message`` (``article`` as the
        chat sees it); the future returned is done once the answer went out.

        At rest the answer is the article's card (or the note that it was already saved),
        replying to ``message``; during a burst the article waits for the next list.
        """
        key = _chat_key(message)
        stored = _Stored(t, message, result, article, asyncio.get_running_loop().create_future())
        waiting = self._bursts.get(key)
        if waiting is not None:
            waiting.append(stored)
            return stored.answered
        self._bursts[key] = []
        self._start(self._run_burst(key))
        await _send_card(stored)
        return stored.answered

    def refused(
        self, t: Translator, message: Message, sender: int, wait_s: float
    ) -> asyncio.Future[None]:
        """Note an article of ``message`` refused because ``sender`` is over the quota; it is
        named in the sender's notice (in ``t``'s language) unless the sender was told within
        the hour. The future
        returned is done once the notice went out (at once when there is none to send)."""
        notice = self._notices.get(sender)
        if notice is None:
            told, _ = self._told.get(sender)
            if told:
                log.info("article of %s refused over the quota (already told)", sender)
                answered = asyncio.get_running_loop().create_future()
                answered.set_result(None)
                return answered
            self._told.put(sender, True)
            notice = _QuotaNotice(
                t, _chat_key(message), wait_s, asyncio.get_running_loop().create_future()
            )
            self._notices[sender] = notice
            self._start(self._send_notice(sender))
        notice.refused.append(describe_message(notice.t, message))
        return notice.answered

    async def aclose(self) -> None:
        """Send what is waiting now, and end the background tasks."""
        self._closing.set()
        if self._tasks:
            await asyncio.gather(*self._tasks, return_exceptions=True)

    def _start(self, job: Coroutine[Any, Any, None]) -> None:
        task = asyncio.create_task(job)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _pause(self) -> None:
        """Wait one interval, or less when the application is closing."""
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._closing.wait(), self._interval_s)

    async def _run_burst(self, key: ChatKey) -> None:
        """Send the burst's list every interval until an interval passes without articles."""
        while True:
            await self._pause()
            waiting = self._bursts.pop(key, [])
            # Decided before sending: an article arriving meanwhile starts a burst of its own.
            ending = not waiting or self._closing.is_set()
            if not ending:
                self._bursts[key] = []
            if waiting:
                await self._answer_burst(key, waiting)
            if ending:
                return

    async def _answer_burst(self, key: ChatKey, waiting: list[_Stored]) -> None:
        """One waiting article gets its card; several, the list."""
        if len(waiting) > 1:
            try:
                lines = [stored.line() for stored in waiting]
                await self._send(key, stored_list(waiting[-1].t, lines))
            finally:
                for stored in waiting:
                    _mark_done(stored.answered)
            return
        try:
            await _send_card(waiting[0])
        except TelegramError:
            log.warning("could not answer an article in chat %s", key[0], exc_info=True)

    async def _send_notice(self, sender: int) -> None:
        await self._pause()
        notice = self._notices.pop(sender)
        minutes = max(1, math.ceil(notice.wait_s / 60))
        try:
            await self._send(
                notice.key, [quota_notice(notice.t, self._quota, minutes, notice.refused)]
            )
        finally:
            _mark_done(notice.answered)

    async def _send(self, key: ChatKey, parts: list[str]) -> None:
        chat_id, thread_id = key
        for part in parts:
            try:
                await self._bot.send_message(chat_id, part, message_thread_id=thread_id)
            except TelegramError:
                log.warning("could not send a burst reply to chat %s", chat_id, exc_info=True)
                return
