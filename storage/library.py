"""The :class:`Library` facade: the only door to the stored data.

A Library owns one SQLite connection, which is bound to the thread that created it. Use it
directly from synchronous code (the CLI); from asyncio use :class:`storage.aio.AsyncLibrary`,
which creates and calls it on one dedicated thread. Given a ``postgresql://`` URL instead of a
path, ``Library(url)`` is a :class:`storage.postgres.PostgresLibrary`: the same methods on
PostgreSQL (psycopg 3 and its pool, installed with ``pip install 'digest-bot[postgres]'``).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from types import TracebackType

from storage.articles import ArticleStore
from storage.chats import ChatStore
from storage.claims import ClaimStore
from storage.engine import SqlDatabase
from storage.feed_items import FeedItemStore
from storage.feeds import FeedStore
from storage.inbox import UpdateInboxStore
from storage.models import LibraryStats, StoryMatcher
from storage.rows import text_to_instant
from storage.saved_searches import SavedSearchStore
from storage.schema import open_database
from storage.search import ArticleSearch
from storage.send_pace import SendPaceStore
from storage.shares import ShownShares
from storage.stories import StoryStore
from storage.story_index import StoryIndex
from storage.subscriptions import SubscriptionStore
from storage.visibility import VISIBLE_CHATS_SQL, PublicSources, visible_to_viewer

#: What a ``[storage] url`` of PostgreSQL starts with.
POSTGRES_SCHEMES = ("postgresql://", "postgres://")


class Library(
    ArticleStore,
    ArticleSearch,
    SavedSearchStore,
    ChatStore,
    SubscriptionStore,
    UpdateInboxStore,
    FeedStore,
    FeedItemStore,
    StoryStore,
    ClaimStore,
    SendPaceStore,
):
    """Articles, search, chats, follows, subscriptions, deliveries, the update inbox, feeds and
    stories.

    Args:
        path: the database file; it and its directory are created when missing, and pending
            migrations are applied. A ``postgresql://`` URL opens that PostgreSQL database.
        public_sources: chat ids or ``@usernames`` whose collections every chat sees.
        stories: the story rules applied to every article stored (``bot.stories``
            implements them: storage imports nothing of ``bot``). Without them each article
            becomes a story of its own.

    Raises:
        DatabaseOpenError: the file cannot be opened as an SQLite database.
        SchemaTooNewError: a newer digest-bot already upgraded the database.
        ValueError: a public source is neither a chat id nor a username.
    """

    def __new__(
        cls,
        path: str | os.PathLike[str],
        *,
        public_sources: Sequence[int | str] = (),
        stories: StoryMatcher | None = None,
    ) -> Library:
        if cls is Library and isinstance(path, str) and path.startswith(POSTGRES_SCHEMES):
            from storage.postgres.library import PostgresLibrary  # psycopg is an extra

            return super().__new__(PostgresLibrary)
        return super().__new__(cls)

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        public_sources: Sequence[int | str] = (),
        stories: StoryMatcher | None = None,
    ) -> None:
        self._public = PublicSources.parse(public_sources)
        self._shown_shares = ShownShares()
        self._db: SqlDatabase = self._open(path)
        self._stories = StoryIndex(self._db.conn, stories)
        self.path = os.fspath(path)

    def _open(self, path: str | os.PathLike[str]) -> SqlDatabase:
        return open_database(path)

    def close(self) -> None:
        """Checkpoint and close the connection; the library cannot be used afterwards."""
        self._db.close()

    def __enter__(self) -> Library:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def visible_chats(self, chat_id: int) -> frozenset[int]:
        """Ids of the collections ``chat_id`` sees: its own, public sources, followed chats.

        Read paths do not call this: they embed the same SQL (``storage.visibility``).
        """
        rows = self._db.execute(VISIBLE_CHATS_SQL, self._public.params(chat_id)).fetchall()
        return frozenset(int(chat) for (chat,) in rows)

    def stats(self, chat_id: int | None = None) -> LibraryStats:
        """Counts for the whole library, or for what ``chat_id`` sees.

        For a chat: articles and collections it sees, ``chats`` = collections it sees (itself
        included), ``subscriptions`` = its active subscriptions. Globally: every article,
        collection, known chat and active subscription.
        """
        if chat_id is None:
            where, params = "TRUE", {}
            (chats,) = self._db.execute("SELECT count(*) FROM chats").fetchone()
            (subscriptions,) = self._db.execute(
                "SELECT count(*) FROM subscriptions WHERE active = 1"
            ).fetchone()
        else:
            where, params = visible_to_viewer("chat_id"), self._public.params(chat_id)
            chats = len(self.visible_chats(chat_id))
            (subscriptions,) = self._db.execute(
                "SELECT count(*) FROM subscriptions WHERE active = 1 AND chat_id = ?", (chat_id,)
            ).fetchone()
        articles, collections, newest = self._db.execute(
            f"SELECT count(*), count(DISTINCT chat_id), max(ingested_at) FROM articles "
            f"WHERE {where}",
            params,
        ).fetchone()
        return LibraryStats(
            articles=articles,
            collections=collections,
            chats=chats,
            subscriptions=subscriptions,
            by_format=self._count_by("format", where, params),
            by_lang=self._count_by("lang", where, params),
            newest=text_to_instant(newest) if newest else None,
        )

    def _count_by(self, column: str, where: str, params: dict[str, object]) -> dict[str, int]:
        rows = self._db.execute(
            f"SELECT {column}, count(*) FROM articles WHERE {where} "
            f"GROUP BY {column} ORDER BY count(*) DESC, {column}",
            params,
        ).fetchall()
        return {value: count for value, count in rows}
