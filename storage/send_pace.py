"""The send pace all bot processes share: Telegram's ~30 messages a second is per bot.

One row holds ``next_slot``, the moment (seconds since the epoch) at which the next message may
leave: a token bucket kept as one number (the generic cell rate algorithm's theoretical arrival
time). A sender *reserves* a slot with one upsert and then waits until it, so no process ever
retries in a loop and the database sees one short write per message. The bucket allows a burst
of messages after a quiet spell: ``next_slot`` may lag ``now`` by ``tolerance`` seconds.

On PostgreSQL the same statement holds the row lock only for the upsert. The clock is the
callers' (``now``): processes on several machines need their clocks in step (NTP) to share one
pace exactly.
"""

from __future__ import annotations

from storage.engine import SqlDatabase


class SendPaceStore:
    """Send-pace methods of :class:`storage.Library`."""

    _db: SqlDatabase

    def reserve_send_slot(self, now: float, interval: float, tolerance: float) -> float:
        """Reserve the next message slot; returns when it is (seconds since the epoch; at or
        before ``now`` means at once). Slots are ``interval`` apart; after a quiet spell up to
        ``tolerance / interval`` more go at once."""
        with self._db.atomic():
            (after,) = self._db.execute(
                "INSERT INTO send_pace (id, next_slot) VALUES (1, :now - :tolerance + :interval) "
                "ON CONFLICT (id) DO UPDATE SET "
                "next_slot = CASE WHEN send_pace.next_slot > :now - :tolerance "
                "THEN send_pace.next_slot ELSE :now - :tolerance END + :interval "
                "RETURNING next_slot",
                {"now": now, "interval": interval, "tolerance": tolerance},
            ).fetchone()
        return float(after) - interval

    def hold_send_pace(self, until: float) -> None:
        """No slot before ``until`` (seconds since the epoch): Telegram answered 429 to one
        process, and the wait it asked for holds for every process of the bot."""
        with self._db.atomic():
            self._db.execute(
                "INSERT INTO send_pace (id, next_slot) VALUES (1, :until) "
                "ON CONFLICT (id) DO UPDATE SET next_slot = "
                "CASE WHEN send_pace.next_slot > :until THEN send_pace.next_slot ELSE :until END",
                {"until": until},
            )
