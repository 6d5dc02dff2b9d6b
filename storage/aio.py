"""AsyncLibrary: the Library's methods as coroutines, for the bot's event loop.

How the event loop is never blocked: an AsyncLibrary owns a single-thread executor. The
:class:`~storage.library.Library` is created on that thread (an sqlite3 connection is bound to
the thread that opened it) and every call is submitted to it; the coroutine awaits the future
with :func:`asyncio.wrap_future`, so the loop keeps serving updates and jobs while SQLite works.
One thread means one writer and calls run in submission order, so no two statements of ours ever
contend for the connection. A cancelled coroutine does not interrupt a call already running: its
transaction completes (or rolls back) as a whole on the database thread.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import os
import sqlite3
from collections.abc import AsyncIterator, Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from typing import Any, Concatenate, Generic, ParamSpec, TypeVar, overload

from storage.errors import DatabaseError, LibraryClosedError
from storage.library import Library
from storage.models import Article, Story, StoryMatcher

P = ParamSpec("P")
R = TypeVar("R")
T = TypeVar("T")


class _OnDatabaseThread(Generic[P, R]):
    """Descriptor: ``Library.method`` becomes an ``async`` method run on the database thread.

    Typed through ParamSpec, so ``await alib.search(...)`` is checked against the signature of
    ``Library.search`` without writing it twice.
    """

    def __init__(self, method: Callable[Concatenate[Library, P], R]) -> None:
        self._method = method
        self.__doc__ = method.__doc__

    def __set_name__(self, owner: type, name: str) -> None:
        self._name = name

    @overload
    def __get__(self, instance: None, owner: type) -> _OnDatabaseThread[P, R]: ...

    @overload
    def __get__(self, instance: AsyncLibrary, owner: type) -> Callable[P, asyncio.Future[R]]: ...

    def __get__(self, instance: AsyncLibrary | None, owner: type) -> Any:
        if instance is None:
            return self
        # Looked up on the instance: a PostgresLibrary overrides some of Library's methods.
        bound: Callable[P, R] = getattr(instance._library, self._name)

        def call(*args: P.args, **kwargs: P.kwargs) -> asyncio.Future[R]:
            return instance._run(partial(bound, *args, **kwargs))

        call.__name__ = self._name
        call.__doc__ = self.__doc__
        return call


def _storage_errors_only(call: Callable[[], T]) -> T:
    """Run ``call``; an sqlite3 error leaves as :class:`DatabaseError`, so no caller outside
    storage needs to know the engine (PostgreSQL's errors are translated to it, or to a
    subclass of sqlite3's, by ``storage.postgres.connection``)."""
    try:
        return call()
    except sqlite3.Error as error:
        raise DatabaseError(f"database error: {error}") from error


class AsyncLibrary:
    """The :class:`Library` API as coroutines, executed on one dedicated database thread.

    Create it with ``await AsyncLibrary.open(path, public_sources=...)`` and finish with
    ``await lib.aclose()``.
    """

    def __init__(self, library: Library, executor: ThreadPoolExecutor) -> None:
        self._library = library
        self._executor = executor
        self._closed = False

    @classmethod
    async def open(
        cls,
        path: str | os.PathLike[str],
        *,
        public_sources: Sequence[int | str] = (),
        stories: StoryMatcher | None = None,
    ) -> AsyncLibrary:
        """Open (and migrate) the database on a new database thread.

        Raises the same errors as :class:`Library`.
        """
        executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="digest-bot-db")
        try:
            library = await asyncio.wrap_future(
                executor.submit(
                    partial(Library, path, public_sources=public_sources, stories=stories)
                )
            )
        except BaseException:
            executor.shutdown(wait=False)
            raise
        return cls(library, executor)

    @property
    def path(self) -> str:
        return self._library.path

    def _run(self, call: Callable[[], T]) -> asyncio.Future[T]:
        if self._closed:
            raise LibraryClosedError("This AsyncLibrary was closed; open a new one.")
        return asyncio.wrap_future(self._executor.submit(_storage_errors_only, call))

    async def aclose(self) -> None:
        """Close the connection on its thread, then let the thread end. Safe to call twice."""
        if self._closed:
            return
        try:
            await self._run(self._library.close)
        finally:
            self._closed = True
            self._executor.shutdown(wait=False)

    async def iter_articles(self, chat_id: int | None = None) -> AsyncIterator[Article]:
        """Every article (or one chat's own collection), oldest first, fetched page by page."""
        after_id = 0
        while page := await self.articles_after(after_id, chat_id=chat_id):
            for article in page:
                yield article
            after_id = page[-1].id

    async def stories(
        self, *, chat_id: int | None = None, since: dt.datetime | None = None
    ) -> list[Story]:
        """:meth:`Library.stories`, read whole on the database thread."""
        return await self._run(lambda: list(self._library.stories(chat_id=chat_id, since=since)))

    visible_chats = _OnDatabaseThread(Library.visible_chats)
    stats = _OnDatabaseThread(Library.stats)
    # articles
    add_article = _OnDatabaseThread(Library.add_article)
    add_articles = _OnDatabaseThread(Library.add_articles)
    get_article = _OnDatabaseThread(Library.get_article)
    delete_article = _OnDatabaseThread(Library.delete_article)
    latest = _OnDatabaseThread(Library.latest)
    newest_id_before = _OnDatabaseThread(Library.newest_id_before)
    since = _OnDatabaseThread(Library.since)
    count_since = _OnDatabaseThread(Library.count_since)
    digest_selection = _OnDatabaseThread(Library.digest_selection)
    articles_after = _OnDatabaseThread(Library.articles_after)
    search = _OnDatabaseThread(Library.search)
    save_search = _OnDatabaseThread(Library.save_search)
    get_search = _OnDatabaseThread(Library.get_search)
    # chats and follows
    upsert_chat = _OnDatabaseThread(Library.upsert_chat)
    get_chat = _OnDatabaseThread(Library.get_chat)
    find_chat = _OnDatabaseThread(Library.find_chat)
    collection_for_username = _OnDatabaseThread(Library.collection_for_username)
    set_auto_ingest = _OnDatabaseThread(Library.set_auto_ingest)
    set_chat_paused = _OnDatabaseThread(Library.set_chat_paused)
    set_chat_language = _OnDatabaseThread(Library.set_chat_language)
    migrate_chat = _OnDatabaseThread(Library.migrate_chat)
    follow = _OnDatabaseThread(Library.follow)
    unfollow = _OnDatabaseThread(Library.unfollow)
    following = _OnDatabaseThread(Library.following)
    # subscriptions and deliveries
    add_subscription = _OnDatabaseThread(Library.add_subscription)
    get_subscription = _OnDatabaseThread(Library.get_subscription)
    list_subscriptions = _OnDatabaseThread(Library.list_subscriptions)
    remove_subscription = _OnDatabaseThread(Library.remove_subscription)
    remove_all_subscriptions = _OnDatabaseThread(Library.remove_all_subscriptions)
    due_subscriptions = _OnDatabaseThread(Library.due_subscriptions)
    reschedule = _OnDatabaseThread(Library.reschedule)
    pause_subscription = _OnDatabaseThread(Library.pause_subscription)
    resume_subscriptions = _OnDatabaseThread(Library.resume_subscriptions)
    record_delivery = _OnDatabaseThread(Library.record_delivery)
    delivered_parts = _OnDatabaseThread(Library.delivered_parts)
    open_digest_window = _OnDatabaseThread(Library.open_digest_window)
    complete_digest = _OnDatabaseThread(Library.complete_digest)
    skip_digest = _OnDatabaseThread(Library.skip_digest)
    # the update inbox
    inbox_add = _OnDatabaseThread(Library.inbox_add)
    inbox_done = _OnDatabaseThread(Library.inbox_done)
    inbox_pending = _OnDatabaseThread(Library.inbox_pending)
    inbox_high_water = _OnDatabaseThread(Library.inbox_high_water)
    inbox_size = _OnDatabaseThread(Library.inbox_size)
    # feeds and their items
    add_feed = _OnDatabaseThread(Library.add_feed)
    get_feed = _OnDatabaseThread(Library.get_feed)
    find_feed = _OnDatabaseThread(Library.find_feed)
    feeds_of = _OnDatabaseThread(Library.feeds_of)
    remove_feed = _OnDatabaseThread(Library.remove_feed)
    claim_due_feeds = _OnDatabaseThread(Library.claim_due_feeds)
    claim_feed = _OnDatabaseThread(Library.claim_feed)
    release_feed = _OnDatabaseThread(Library.release_feed)
    record_not_modified = _OnDatabaseThread(Library.record_not_modified)
    record_failure = _OnDatabaseThread(Library.record_failure)
    new_item_positions = _OnDatabaseThread(Library.new_item_positions)
    store_feed_items = _OnDatabaseThread(Library.store_feed_items)
    # stories
    story_articles = _OnDatabaseThread(Library.story_articles)
    story_counts = _OnDatabaseThread(Library.story_counts)
    rebuild_stories = _OnDatabaseThread(Library.rebuild_stories)
    # several processes: heartbeats, claims, the shared send pace
    register_process = _OnDatabaseThread(Library.register_process)
    heartbeat = _OnDatabaseThread(Library.heartbeat)
    unregister_process = _OnDatabaseThread(Library.unregister_process)
    live_processes = _OnDatabaseThread(Library.live_processes)
    store_webhook_update = _OnDatabaseThread(Library.store_webhook_update)
    claim_orphaned_updates = _OnDatabaseThread(Library.claim_orphaned_updates)
    claim_due_chats = _OnDatabaseThread(Library.claim_due_chats)
    release_chats = _OnDatabaseThread(Library.release_chats)
    reserve_send_slot = _OnDatabaseThread(Library.reserve_send_slot)
    hold_send_pace = _OnDatabaseThread(Library.hold_send_pace)
