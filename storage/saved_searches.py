"""Saved searches: the query behind a "More" button, so callback data carries only an id.

Telegram limits callback data to 64 bytes, far less than a query; the button says
``pg:<search id>:<offset>`` and the query is read back here. A saved search belongs to the chat it
was made in and lives :data:`SEARCH_LIFETIME`; older ones are pruned when new ones are saved.
"""

from __future__ import annotations

import datetime as dt

from storage.engine import SqlDatabase
from storage.rows import instant_to_text

#: How long a "More" button keeps working.
SEARCH_LIFETIME = dt.timedelta(days=7)


class SavedSearchStore:
    """Saved-search methods of :class:`storage.Library`."""

    _db: SqlDatabase

    def save_search(self, chat_id: int, query: str) -> int:
        """Remember ``query`` as searched in ``chat_id``; returns its id. Prunes expired ones."""
        now = dt.datetime.now(dt.UTC)
        with self._db.atomic():
            self._db.execute(
                "DELETE FROM searches WHERE created_at < ?",
                (instant_to_text(now - SEARCH_LIFETIME),),
            )
            (search_id,) = self._db.execute(
                "INSERT INTO searches (chat_id, query, created_at) VALUES (?, ?, ?) RETURNING id",
                (chat_id, query, instant_to_text(now)),
            ).fetchone()
        return int(search_id)

    def get_search(self, search_id: int, chat_id: int) -> str | None:
        """The query saved as ``search_id`` in ``chat_id``; None if unknown, expired or foreign."""
        oldest = instant_to_text(dt.datetime.now(dt.UTC) - SEARCH_LIFETIME)
        row = self._db.execute(
            "SELECT query FROM searches WHERE id = ? AND chat_id = ? AND created_at >= ?",
            (search_id, chat_id, oldest),
        ).fetchone()
        return str(row[0]) if row else None
