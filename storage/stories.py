"""Stories as shown: a story's articles and counts for one viewer, listing, and the rebuild.

A story is computed per article across every collection (``storage.story_index``) and shown per
chat: these reads apply the same visibility rule as ``get_article`` and search, so they never
list or count an article the viewer cannot see.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Sequence

from storage.engine import SqlDatabase
from storage.models import Article, Story
from storage.rows import ARTICLE_COLUMNS, instant_to_text, row_to_article, select_list
from storage.story_index import STORY_TEXT_COLUMNS, StoryIndex, row_to_story_text
from storage.visibility import PublicSources, visible_to_viewer

__all__ = ["REBUILD_BATCH", "StoryStore"]

#: Articles reassigned per transaction by :meth:`StoryStore.rebuild_stories`.
REBUILD_BATCH = 500
#: Stories read per query by :meth:`StoryStore.stories`.
_STORY_PAGE = 200
#: Oldest published first: the publication time, else the arrival time (as stored, text order).
_OLDEST_FIRST = "coalesce(a.published, a.ingested_at), a.id"
#: The earlier of publication and arrival (as stored, text order), in SQL both engines read.
_EARLIER_OF_PUBLISHED_AND_ARRIVED = (
    "CASE WHEN a.published < a.ingested_at THEN a.published ELSE a.ingested_at END"
)
_SELECT = f"SELECT {select_list(ARTICLE_COLUMNS, 'a')} FROM articles AS a"


def _placeholders(count: int) -> str:
    return ", ".join("?" * count)


class StoryStore:
    """Story methods of :class:`storage.Library`."""

    _db: SqlDatabase
    _public: PublicSources
    _stories: StoryIndex

    def _visible(self, viewer_chat_id: int | None) -> tuple[str, dict[str, object]]:
        if viewer_chat_id is None:
            return "TRUE", {}
        return visible_to_viewer("a.chat_id"), self._public.params(viewer_chat_id)

    def story_articles(self, story_id: int, *, viewer_chat_id: int | None) -> list[Article]:
        """The story's articles the viewer sees, oldest published first (publication time, else
        arrival). ``viewer_chat_id=None`` shows all: for owners and the CLI only."""
        where, params = self._visible(viewer_chat_id)
        rows = self._db.execute(
            f"{_SELECT} WHERE a.story_id = :story AND {where} ORDER BY {_OLDEST_FIRST}",
            {"story": story_id, **params},
        ).fetchall()
        return [row_to_article(row) for row in rows]

    def story_counts(
        self, story_ids: Sequence[int], *, viewer_chat_id: int | None
    ) -> dict[int, int]:
        """How many articles of each story the viewer sees (0 for a story it sees none of)."""
        counts = dict.fromkeys(story_ids, 0)
        if not counts:
            return counts
        where, params = self._visible(viewer_chat_id)
        names = {f"s{index}": story_id for index, story_id in enumerate(counts)}
        rows = self._db.execute(
            f"SELECT a.story_id, count(*) FROM articles AS a "
            f"WHERE a.story_id IN ({', '.join(':' + name for name in names)}) AND {where} "
            "GROUP BY a.story_id",
            {**names, **params},
        ).fetchall()
        counts.update({story_id: count for story_id, count in rows})
        return counts

    def stories(
        self, *, chat_id: int | None = None, since: dt.datetime | None = None
    ) -> Iterator[Story]:
        """Every story with an article ``chat_id`` sees (None: every story), oldest first by
        the publication of its first article, from ``since`` (aware) on. Each lists only the
        articles the chat sees. Read page by page: consume it on the library's thread."""
        after = (instant_to_text(since) if since is not None else "", 0)
        while True:
            page = self._db.execute(
                "SELECT id, first_at FROM stories WHERE (first_at, id) > (?, ?) "
                "ORDER BY first_at, id LIMIT ?",
                (*after, _STORY_PAGE),
            ).fetchall()
            if not page:
                return
            members = self._members([story_id for story_id, _ in page], chat_id)
            for story_id, first_at in page:
                if members.get(story_id):
                    yield Story(story_id, _first_at(first_at), tuple(members[story_id]))
            after = (page[-1][1], page[-1][0])

    def _members(
        self, story_ids: list[int], viewer_chat_id: int | None
    ) -> dict[int, list[Article]]:
        where, params = self._visible(viewer_chat_id)
        names = {f"s{index}": story_id for index, story_id in enumerate(story_ids)}
        rows = self._db.execute(
            f"{_SELECT} WHERE a.story_id IN ({', '.join(':' + name for name in names)}) "
            f"AND {where} ORDER BY {_OLDEST_FIRST}",
            {**names, **params},
        ).fetchall()
        members: dict[int, list[Article]] = {}
        for row in rows:
            article = row_to_article(row)
            assert article.story_id is not None
            members.setdefault(article.story_id, []).append(article)
        return members

    def rebuild_stories(self, progress: Callable[[int, int], None] | None = None) -> int:
        """Assign every article again, in order of publication (after the rules or the window
        changed, or to group the articles stored before stories existed).

        Works in transactions of :data:`REBUILD_BATCH` articles, so the bot may keep storing
        meanwhile; interrupted, every article still has a story, and running it again finishes
        the job. ``progress(done, total)`` is called after each batch. Returns the number of
        stories afterwards. Story ids change.
        """
        with self._db.atomic():
            self._stories.clear()
        article_ids = [
            article_id
            for (article_id,) in self._db.execute(
                f"SELECT a.id FROM articles AS a ORDER BY {_EARLIER_OF_PUBLISHED_AND_ARRIVED}, a.id"
            )
        ]
        for start in range(0, len(article_ids), REBUILD_BATCH):
            batch = article_ids[start : start + REBUILD_BATCH]
            with self._db.atomic():
                rows = self._db.execute(
                    f"SELECT {STORY_TEXT_COLUMNS} FROM articles "
                    f"WHERE id IN ({_placeholders(len(batch))})",
                    batch,
                ).fetchall()
                by_id = {row[0]: row for row in rows}
                for article_id in batch:
                    if article_id in by_id:  # deleted meanwhile: nothing to assign
                        self._stories.assign(row_to_story_text(by_id[article_id]))
            if progress is not None:
                progress(min(start + REBUILD_BATCH, len(article_ids)), len(article_ids))
        with self._db.atomic():
            self._db.execute(
                "DELETE FROM stories "
                "WHERE NOT EXISTS (SELECT 1 FROM articles WHERE story_id = stories.id)"
            )
            (count,) = self._db.execute("SELECT count(*) FROM stories").fetchone()
        return int(count)


def _first_at(text: str) -> dt.datetime:
    """A story's ``first_at``; stories made by the v10 upgrade kept the article's stored
    publication text (a date, or a time without zone), read as UTC."""
    moment = dt.datetime.fromisoformat(text)
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=dt.UTC)
