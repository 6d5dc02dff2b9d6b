"""STUB for stories-ui: the story reads the renderers need, over ``articles.story_id``."""

from __future__ import annotations

import json
from collections.abc import Sequence

from sqlite_utils import Database

from storage.models import Article
from storage.rows import ARTICLE_COLUMNS, row_to_article, select_list
from storage.visibility import PublicSources, visible_to_viewer

_COLUMNS = select_list(ARTICLE_COLUMNS, "a")


class StoryStore:
    """Story methods of :class:`storage.Library`."""

    _db: Database
    _public: PublicSources

    def _visibility(self, viewer_chat_id: int | None) -> tuple[str, dict[str, object]]:
        if viewer_chat_id is None:
            return "", {}
        return f" AND {visible_to_viewer('a.chat_id')}", self._public.params(viewer_chat_id)

    def story_articles(self, story_id: int, *, viewer_chat_id: int | None) -> list[Article]:
        """The story's articles the viewer sees, oldest first."""
        where, params = self._visibility(viewer_chat_id)
        rows = self._db.execute(
            f"SELECT {_COLUMNS} FROM articles AS a WHERE a.story_id = :story{where} ORDER BY a.id",
            {"story": int(story_id), **params},
        ).fetchall()
        return [row_to_article(row) for row in rows]

    def story_counts(
        self, story_ids: Sequence[int], *, viewer_chat_id: int | None
    ) -> dict[int, int]:
        """How many articles of each story the viewer sees (stories with none are left out)."""
        where, params = self._visibility(viewer_chat_id)
        rows = self._db.execute(
            "SELECT a.story_id, count(*) FROM articles AS a "
            f"WHERE a.story_id IN (SELECT value FROM json_each(:stories)){where} "
            "GROUP BY a.story_id",
            {"stories": json.dumps([int(s) for s in story_ids]), **params},
        ).fetchall()
        return {int(story): int(count) for story, count in rows}
