"""The update inbox: Telegram updates stored from the moment they are fetched until handled.

Telegram forgets an update once a later ``getUpdates`` confirms it, and python-telegram-bot
confirms a batch with the next poll, before its updates were handled. The bot therefore stores
every fetched batch here first (:meth:`UpdateInboxStore.inbox_add`), removes each update once it
was handled (:meth:`UpdateInboxStore.inbox_done`) and, on start, replays what is still pending.

The high-water mark is the highest update id ever stored. Updates at or below it that Telegram
sends again after a restart (fetched but never confirmed) are already here or already handled:
the bot drops them. Telegram keeps an unconfirmed update for at most :data:`TELEGRAM_RETENTION`,
and after a week without updates it may start the ids again at a random, lower number. So a mark
not raised within that retention says nothing about the updates arriving now:
:meth:`UpdateInboxStore.inbox_high_water` reports 0 for it, and the next batch replaces it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from storage.engine import SqlDatabase
from storage.rows import instant_to_text

#: How long Telegram keeps an update that was not confirmed (Bot API, getUpdates).
TELEGRAM_RETENTION = dt.timedelta(hours=24)


class UpdateInboxStore:
    """Update-inbox methods of :class:`storage.Library`."""

    _db: SqlDatabase

    def inbox_add(self, updates: Sequence[tuple[int, str]]) -> None:
        """Store ``(update_id, payload JSON)`` pairs and raise the high-water mark, atomically.

        An update id already in the inbox keeps its first payload, so a batch stored twice is
        harmless. An empty batch changes nothing.
        """
        if not updates:
            return
        now = dt.datetime.now(dt.UTC)
        received_at = instant_to_text(now)
        highest = max(update_id for update_id, _ in updates)
        with self._db.atomic():
            self._db.conn.executemany(
                "INSERT INTO update_inbox (update_id, payload, received_at) "
                "VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                [(update_id, payload, received_at) for update_id, payload in updates],
            )
            mark = self._current_mark(now)
            self._db.execute(
                "INSERT INTO update_inbox_mark (id, high_water, stored_at) VALUES (1, ?, ?) "
                "ON CONFLICT (id) DO UPDATE SET "
                "high_water = excluded.high_water, stored_at = excluded.stored_at",
                (max(mark, highest), received_at),
            )

    def inbox_done(self, *update_ids: int) -> None:
        """Remove handled updates from the inbox (unknown ids are ignored), in one transaction."""
        if not update_ids:
            return
        with self._db.atomic():
            self._db.conn.executemany(
                "DELETE FROM update_inbox WHERE update_id = ?", [(i,) for i in update_ids]
            )

    def inbox_pending(self) -> list[tuple[int, str]]:
        """Every ``(update_id, payload)`` stored and not yet done, oldest first."""
        rows = self._db.execute(
            "SELECT update_id, payload FROM update_inbox ORDER BY update_id"
        ).fetchall()
        return [(int(update_id), str(payload)) for update_id, payload in rows]

    def inbox_size(self) -> int:
        """How many updates are stored and not yet done (the inbox depth; also the trivial query
        of the readiness check)."""
        row = self._db.execute("SELECT count(*) FROM update_inbox").fetchone()
        return int(row[0])

    def inbox_high_water(self) -> int:
        """The highest update id stored, or 0 if nothing was stored within Telegram's retention.

        An update whose id is at most this was stored before: drop it when Telegram sends it
        again.
        """
        return self._current_mark(dt.datetime.now(dt.UTC))

    def _current_mark(self, now: dt.datetime) -> int:
        row = self._db.execute(
            "SELECT high_water FROM update_inbox_mark WHERE id = 1 AND stored_at >= ?",
            (instant_to_text(now - TELEGRAM_RETENTION),),
        ).fetchone()
        return int(row[0]) if row else 0
