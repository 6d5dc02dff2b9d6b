"""A durable update inbox: an update the bot fetched is handled even if the bot is killed.

python-telegram-bot's Updater confirms a batch of updates to Telegram with its *next*
``getUpdates`` call (``offset`` = last id + 1), right after it put the batch into the update queue
and long before the handlers finished; Telegram then forgets those updates. A bot killed in
between would lose them. Three seams close that gap:

* :class:`InboxBot` stores every batch ``getUpdates`` returns in the library's update inbox
  (one transaction, on the database thread) before handing it to the Updater, so nothing is
  confirmed before it is on disk. Updates Telegram sends again after a restart (fetched, never
  confirmed) are at or below the inbox's high-water mark: they are dropped here, as the replay
  already covers them.
* :class:`InboxUpdateProcessor` removes an update from the inbox once its handlers ran (also when
  they raised, so a failing update is not replayed forever; not when cancelled). The removals
  are coalesced: one write per :data:`SETTLE_INTERVAL` at most, for every update finished in it.
  A handler whose answer goes out later (an article answered in a burst's coalesced list)
  holds its update (:meth:`~UpdateInbox.hold`) until then: a kill before the answer replays it.
* :meth:`UpdateInbox.replay`, called in ``post_init`` before polling starts, puts every update
  still in the inbox back into the update queue, oldest first.

An update is thus handled at least once across a SIGKILL, and exactly once unless the kill falls
between its handling and the removal write (then it is handled again on start; ingestion
de-duplicates, so the sender sees "already saved"). In webhook mode updates do not pass
through ``getUpdates``: :mod:`bot.webhook` stores each one before answering Telegram, claimed by
the receiving process, and the same :class:`InboxUpdateProcessor` settles it once handled.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import logging
from collections.abc import Awaitable, Sequence
from typing import TYPE_CHECKING, Any

from telegram import Update
from telegram.ext import BaseUpdateProcessor, ExtBot

from bot.metrics import BotMetrics
from bot.update_types import update_type
from storage.aio import AsyncLibrary
from storage.errors import StorageError

if TYPE_CHECKING:
    from bot.services import App

log = logging.getLogger(__name__)

#: How long handled updates wait to be removed together. One write (a commit on the database
#: thread) per handled update slowed the 5,000-update load test (24-31 s, against 21-26 s
#: without the inbox; 19-26 s with this interval, noisy runs); the price of waiting is that a
#: SIGKILL within this interval after a reply replays its update.
SETTLE_INTERVAL = 0.05
#: The pause after a batch could not be stored, before the Updater fetches it again: without it
#: a full disk would turn polling into a tight loop of getUpdates calls.
STORE_RETRY_DELAY = 1.0

__all__ = ["InboxBot", "InboxNotAttachedError", "InboxUpdateProcessor", "UpdateInbox"]


class InboxNotAttachedError(RuntimeError):
    """The update inbox was used before a library was attached to it."""


class UpdateInbox:
    """The bot's side of the library's update inbox: admit batches, settle handled updates.

    Created unattached with the Application; :meth:`attach` gives it the library in
    ``post_init``, which runs before polling starts.
    """

    def __init__(self) -> None:
        self._library: AsyncLibrary | None = None
        self._done: set[int] = set()
        self._held: dict[int, asyncio.Future[None]] = {}
        self._flush_task: asyncio.Task[None] | None = None

    def attach(self, library: AsyncLibrary) -> None:
        """Store updates in ``library`` from now on."""
        self._library = library

    @property
    def library(self) -> AsyncLibrary:
        if self._library is None:
            raise InboxNotAttachedError(
                "The update inbox has no library yet: attach one in post_init, before polling."
            )
        return self._library

    async def admit(self, batch: Sequence[Update]) -> tuple[Update, ...]:
        """Store the updates of ``batch`` not seen before, and return them.

        Raises whatever storing raised, after :data:`STORE_RETRY_DELAY`: the Updater then keeps
        its offset and fetches the same batch again, so nothing is confirmed to Telegram that is
        not stored.
        """
        if not batch:
            return ()
        try:
            mark = await self.library.inbox_high_water()
            fresh = tuple(update for update in batch if update.update_id > mark)
            await self.library.inbox_add([(u.update_id, u.to_json()) for u in fresh])
        except (StorageError, InboxNotAttachedError):
            log.exception("could not store %d fetched update(s); fetching again", len(batch))
            await asyncio.sleep(STORE_RETRY_DELAY)
            raise
        if len(fresh) < len(batch):
            log.info(
                "dropping %d update(s) Telegram sent again (ids up to %d were stored before)",
                len(batch) - len(fresh),
                mark,
            )
        return fresh

    def hold(self, update_id: int, answered: asyncio.Future[None]) -> None:
        """Keep ``update_id`` in the inbox until ``answered`` is done, even once its handlers
        returned: its answer is sent later, and a kill before that must replay the update."""
        if not answered.done():
            self._held[update_id] = answered

    def settle(self, update_id: int) -> None:
        """Remove ``update_id`` from the inbox soon: it was handled (and, if held, answered)."""
        held = self._held.pop(update_id, None)
        if held is not None and not held.done():
            held.add_done_callback(lambda _: self.settle(update_id))
            return
        self._done.add(update_id)
        if self._flush_task is None or self._flush_task.done():
            self._flush_task = asyncio.create_task(self._write_done(), name="update-inbox-done")

    async def flush(self) -> None:
        """Wait until every settled update is removed from the inbox."""
        while self._flush_task is not None and not self._flush_task.done():
            await self._flush_task

    async def _write_done(self) -> None:
        while self._done:
            await asyncio.sleep(SETTLE_INTERVAL)
            update_ids, self._done = sorted(self._done), set()
            try:
                await self.library.inbox_done(*update_ids)
            except (StorageError, InboxNotAttachedError):
                log.exception(
                    "could not mark %d handled update(s) as done; they will be handled again "
                    "on the next start",
                    len(update_ids),
                )

    async def replay(self, application: App) -> int:
        """Queue every update still in the inbox, oldest first; returns how many.

        Call before the Application starts: a replayed update is older than anything Telegram
        sends next. A payload that no longer decodes is logged and removed.
        """
        replayed = 0
        for update_id, payload in await self.library.inbox_pending():
            try:
                update = Update.de_json(json.loads(payload), application.bot)
            except (ValueError, TypeError, KeyError):
                log.exception("dropping stored update %d: its payload does not decode", update_id)
                self.settle(update_id)
                continue
            application.update_queue.put_nowait(update)
            replayed += 1
        if replayed:
            log.info(
                "replaying %d update(s) fetched but not handled before the last stop", replayed
            )
        return replayed


class InboxBot(ExtBot[dict[str, Any]]):
    """An ExtBot whose ``getUpdates`` stores each batch in the update inbox before returning it."""

    __slots__ = ("_fetching", "_inbox")

    def __init__(self, *args: Any, inbox: UpdateInbox, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._inbox = inbox
        self._fetching = True

    def stop_fetching(self) -> None:
        """Answer ``getUpdates`` with nothing from now on, without asking Telegram.

        For a bot that is stopping because another process polls with its token (409): even
        the Updater's last call on stop, which only confirms updates, would end the other
        process's long poll with a 409 of its own. Nothing needs confirming: what was fetched
        is in the inbox, and what Telegram sends again is dropped by the high-water mark.
        """
        self._fetching = False

    async def get_updates(
        self,
        offset: int | None = None,
        limit: int | None = None,
        timeout: Any = None,
        allowed_updates: Sequence[str] | None = None,
        **request_options: Any,
    ) -> tuple[Update, ...]:
        """``getUpdates``, returning only updates not stored before, each stored first.

        ``request_options`` are the timeouts and ``api_kwargs`` of :meth:`ExtBot.get_updates`.
        After :meth:`stop_fetching`, waits ``timeout`` and returns nothing.
        """
        if not self._fetching:
            seconds = timeout.total_seconds() if isinstance(timeout, dt.timedelta) else timeout
            await asyncio.sleep(float(seconds or 0))
            return ()
        while True:
            batch = await super().get_updates(
                offset=offset,
                limit=limit,
                timeout=timeout,
                allowed_updates=allowed_updates,
                **request_options,
            )
            fresh = await self._inbox.admit(batch)
            if fresh or not batch:
                return fresh
            # Only re-sent updates: the Updater would poll with the same offset and get them
            # again. Confirm them with the next poll instead, which also waits for new ones.
            offset = batch[-1].update_id + 1


class InboxUpdateProcessor(BaseUpdateProcessor):
    """Handles up to ``max_concurrent_updates`` updates at once, settles each in the inbox and
    counts it in ``metrics`` by update type (a handler's error was counted by the error
    handler: the Application passes it there, not up to here)."""

    __slots__ = ("_inbox", "_metrics")

    def __init__(
        self, inbox: UpdateInbox, max_concurrent_updates: int, metrics: BotMetrics
    ) -> None:
        super().__init__(max_concurrent_updates)
        self._inbox = inbox
        self._metrics = metrics

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        try:
            await coroutine
        except asyncio.CancelledError:
            raise  # interrupted, not handled: it stays in the inbox and is replayed on start
        except Exception:
            self._settle(update)
            self._metrics.update_handled(update_type(update))
            raise
        self._settle(update)
        self._metrics.update_handled(update_type(update))

    def _settle(self, update: object) -> None:
        if isinstance(update, Update):
            self._inbox.settle(update.update_id)

    async def initialize(self) -> None:
        """Nothing to allocate: the inbox gets its library in ``post_init``."""

    async def shutdown(self) -> None:
        """Write the last removals; the Application calls this before ``post_shutdown``."""
        await self._inbox.flush()
