"""Articles: adding with de-duplication, reading, deleting, exporting."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator

from storage.engine import SqlConnection, SqlDatabase
from storage.models import AddResult, Article, NewArticle, StoryText
from storage.rows import (
    ARTICLE_COLUMNS,
    instant_to_text,
    published_to_text,
    row_to_article,
    select_list,
    text_to_instant,
    utc_now_text,
)
from storage.story_index import StoryIndex, story_instant, story_source
from storage.visibility import PublicSources, visible_to_viewer

_INSERT_COLUMNS = tuple(column for column in ARTICLE_COLUMNS if column not in ("id", "story_id"))
_FIELDS_FROM_ARTICLE = tuple(column for column in _INSERT_COLUMNS if column != "ingested_at")
_INSERT_SQL = (
    f"INSERT INTO articles ({', '.join(_INSERT_COLUMNS)}) "
    f"VALUES ({', '.join(':' + column for column in _INSERT_COLUMNS)}) "
    "ON CONFLICT (chat_id, content_hash) DO NOTHING RETURNING id"
)
_SELECT = f"SELECT {select_list(ARTICLE_COLUMNS, 'a')} FROM articles AS a"
EXPORT_PAGE_SIZE = 500


def insert_article(
    conn: SqlConnection, article: NewArticle, ingested_at: str, stories: StoryIndex
) -> AddResult:
    """Insert ``article`` unless its collection holds the same content hash, and put it into its
    story (the one insert path of every article, whichever door it came through). The caller
    holds the transaction."""
    values = {column: getattr(article, column) for column in _FIELDS_FROM_ARTICLE}
    values.update(published=published_to_text(article.published), ingested_at=ingested_at)
    inserted = conn.execute(_INSERT_SQL, values).fetchone()
    if inserted is not None:
        article_id = int(inserted[0])
        moment = story_instant(article.published, text_to_instant(ingested_at))
        source = story_source(article.source_title, article.source_url)
        stories.assign(
            StoryText(article_id, article.lang, moment, article.headline, article.lead, source)
        )
        return AddResult(article_id=article_id, duplicate=False)
    (existing_id,) = conn.execute(
        "SELECT id FROM articles WHERE chat_id = ? AND content_hash = ?",
        (article.chat_id, article.content_hash),
    ).fetchone()
    return AddResult(article_id=existing_id, duplicate=True)


class ArticleStore:
    """Article methods of :class:`storage.Library`."""

    _db: SqlDatabase
    _public: PublicSources
    _stories: StoryIndex

    def add_article(self, article: NewArticle) -> AddResult:
        """Store ``article`` unless its collection already holds the same content hash.

        Returns the new id, or the stored id with ``duplicate=True``.
        """
        with self._db.atomic():
            return insert_article(self._db.conn, article, utc_now_text(), self._stories)

    def add_articles(self, articles: Iterable[NewArticle]) -> list[AddResult]:
        """Store many articles in one transaction (all or none); results in input order."""
        ingested_at = utc_now_text()
        with self._db.atomic():
            return [
                insert_article(self._db.conn, article, ingested_at, self._stories)
                for article in articles
            ]

    def get_article(self, article_id: int, *, viewer_chat_id: int | None) -> Article | None:
        """The article, or None when it does not exist or the viewer does not see it.

        ``viewer_chat_id=None`` skips the visibility rule: for owners and the CLI only.
        """
        if viewer_chat_id is None:
            row = self._db.execute(f"{_SELECT} WHERE a.id = ?", (article_id,)).fetchone()
        else:
            row = self._db.execute(
                f"{_SELECT} WHERE a.id = :id AND {visible_to_viewer('a.chat_id')}",
                {"id": article_id, **self._public.params(viewer_chat_id)},
            ).fetchone()
        return row_to_article(row) if row else None

    def delete_article(self, article_id: int) -> bool:
        """Delete an article (permission checks are the caller's); False if it did not exist.

        A story left without articles goes with it."""
        with self._db.atomic():
            row = self._db.execute(
                "DELETE FROM articles WHERE id = ? RETURNING story_id", (article_id,)
            ).fetchone()
            if row is None:
                return False
            self._db.execute(
                "DELETE FROM stories WHERE id = ? "
                "AND NOT EXISTS (SELECT 1 FROM articles WHERE story_id = ?)",
                (row[0], row[0]),
            )
            return True

    def newest_id_before(self, moment: dt.datetime) -> int:
        """The id of the newest article stored before ``moment`` (aware), 0 when none.

        Ids grow with arrival, so the articles that arrived since ``moment`` are those after
        this id (a digest window ``cursor``). The scan walks back from the newest id and stops
        at the first older article: it reads only what arrived since ``moment``.
        """
        row = self._db.execute(
            "SELECT id FROM articles WHERE ingested_at < ? ORDER BY id DESC LIMIT 1",
            (instant_to_text(moment),),
        ).fetchone()
        return int(row[0]) if row else 0

    def latest(self, viewer_chat_id: int, limit: int = 5) -> list[Article]:
        """The most recently stored articles the chat sees, newest first."""
        rows = self._db.execute(
            f"{_SELECT} WHERE {visible_to_viewer('a.chat_id')} ORDER BY a.id DESC LIMIT :limit",
            {"limit": int(limit), **self._public.params(viewer_chat_id)},
        ).fetchall()
        return [row_to_article(row) for row in rows]

    def articles_after(
        self, after_id: int, *, chat_id: int | None = None, limit: int = EXPORT_PAGE_SIZE
    ) -> list[Article]:
        """One page of articles with id > ``after_id``, oldest first (keyset paging for export).

        ``chat_id`` restricts the page to that chat's own collection.
        """
        if chat_id is None:
            rows = self._db.execute(
                f"{_SELECT} WHERE a.id > ? ORDER BY a.id LIMIT ?", (after_id, int(limit))
            ).fetchall()
        else:
            rows = self._db.execute(
                f"{_SELECT} WHERE a.chat_id = ? AND a.id > ? ORDER BY a.id LIMIT ?",
                (chat_id, after_id, int(limit)),
            ).fetchall()
        return [row_to_article(row) for row in rows]

    def iter_articles(self, chat_id: int | None = None) -> Iterator[Article]:
        """Every article (or one chat's own collection), oldest first, read page by page.

        The generator must be consumed on the thread that owns the library; from asyncio use
        :meth:`storage.AsyncLibrary.iter_articles`.
        """
        after_id = 0
        while page := self.articles_after(after_id, chat_id=chat_id):
            yield from page
            after_id = page[-1].id
