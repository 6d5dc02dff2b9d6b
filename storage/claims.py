"""Claims of several bot processes on one database: who handles which update and which digests.

Every process registers under an ``owner`` name and refreshes its ``heartbeat_at`` while it
runs (:meth:`ClaimStore.heartbeat`). A claim names its owner and is *live* while that owner's
heartbeat is newer than ``stale_before`` (the caller's now minus the lease); the claims of a
process that was killed lapse on their own, without anyone releasing them.

Each claim is taken by one write statement inside a write transaction, the SQLite spelling of
PostgreSQL's ``SELECT … FOR UPDATE SKIP LOCKED``: SQLite has one writer at a time, so two
processes never claim one row. On PostgreSQL the same claims select their rows ``FOR UPDATE
SKIP LOCKED`` in the subquery, so concurrent claimers pass over each other's rows instead of
waiting.

What is claimed:

* an update received by webhook (:meth:`ClaimStore.store_webhook_update`) is stored claimed by
  the process that received it, before Telegram is answered; an update whose owner died is
  taken over by :meth:`ClaimStore.claim_orphaned_updates`;
* a chat's due digests (:meth:`ClaimStore.claim_due_chats`): a chat, not a single digest, so one
  chat's parts go out from one process, in order and at that chat's pace.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable

from storage.engine import SqlDatabase
from storage.inbox import TELEGRAM_RETENTION
from storage.models import Subscription
from storage.rows import SUBSCRIPTION_COLUMNS, instant_to_text, row_to_subscription, select_list

#: A process row whose heartbeat is older than this is removed when another process registers.
FORGET_PROCESSES_AFTER = dt.timedelta(days=1)

_LIVE_OWNERS = "SELECT owner FROM bot_processes WHERE heartbeat_at > :stale"


class ClaimStore:
    """Process registration and claims: methods of :class:`storage.Library`."""

    _db: SqlDatabase

    # -- processes -----------------------------------------------------------------------------

    def register_process(self, owner: str, mode: str, now: dt.datetime) -> None:
        """Record a starting process (its first heartbeat) and forget long-dead ones."""
        at = instant_to_text(now)
        with self._db.atomic():
            self._db.execute(
                "DELETE FROM bot_processes WHERE heartbeat_at < ?",
                (instant_to_text(now - FORGET_PROCESSES_AFTER),),
            )
            self._db.execute(
                "INSERT INTO bot_processes (owner, mode, started_at, heartbeat_at) "
                "VALUES (?, ?, ?, ?) ON CONFLICT (owner) DO UPDATE SET "
                "mode = excluded.mode, heartbeat_at = excluded.heartbeat_at",
                (owner, mode, at, at),
            )

    def heartbeat(self, owner: str, mode: str, now: dt.datetime) -> None:
        """Keep ``owner``'s claims live: its heartbeat becomes ``now`` (re-registered if a
        process registering meanwhile forgot it)."""
        if not self._heartbeat(owner, now):
            self.register_process(owner, mode, now)

    def _heartbeat(self, owner: str, now: dt.datetime) -> bool:
        with self._db.atomic():
            cursor = self._db.execute(
                "UPDATE bot_processes SET heartbeat_at = ? WHERE owner = ?",
                (instant_to_text(now), owner),
            )
        return cursor.rowcount > 0

    def unregister_process(self, owner: str) -> None:
        """A process stops cleanly: its claims are released at once, without waiting for the
        lease to run out."""
        with self._db.atomic():
            self._db.execute("UPDATE update_inbox SET owner = NULL WHERE owner = ?", (owner,))
            self._db.execute("DELETE FROM digest_claims WHERE owner = ?", (owner,))
            self._db.execute("DELETE FROM bot_processes WHERE owner = ?", (owner,))

    def live_processes(self, stale_before: dt.datetime, mode: str | None = None) -> list[str]:
        """Owners whose heartbeat is newer than ``stale_before`` (of one ``mode`` if given)."""
        rows = self._db.execute(
            "SELECT owner FROM bot_processes WHERE heartbeat_at > :stale "
            "AND (CAST(:mode AS TEXT) IS NULL OR mode = :mode) ORDER BY started_at",
            {"stale": instant_to_text(stale_before), "mode": mode},
        ).fetchall()
        return [str(owner) for (owner,) in rows]

    # -- updates received by webhook -----------------------------------------------------------

    def store_webhook_update(
        self, update_id: int, payload: str, owner: str, now: dt.datetime
    ) -> bool:
        """Store an update received by webhook, claimed by ``owner``; False when this update
        was received before (Telegram delivers an update again when an answer was lost or
        late), which then must not be handled again.

        Update ids are remembered for Telegram's retention of a day; older ones are forgotten
        here, in the same transaction.
        """
        at = instant_to_text(now)
        with self._db.atomic():
            self._db.execute(
                "DELETE FROM webhook_seen WHERE received_at < ?",
                (instant_to_text(now - TELEGRAM_RETENTION),),
            )
            seen = self._db.execute(
                "INSERT INTO webhook_seen (update_id, received_at) VALUES (?, ?) "
                "ON CONFLICT DO NOTHING",
                (update_id, at),
            )
            if seen.rowcount == 0:
                return False
            self._db.execute(
                "INSERT INTO update_inbox (update_id, payload, received_at, owner) "
                "VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                (update_id, payload, at, owner),
            )
        return True

    def claim_orphaned_updates(
        self, owner: str, stale_before: dt.datetime
    ) -> list[tuple[int, str]]:
        """Claim every inbox update no live process handles (never claimed, or claimed by a
        process whose heartbeat stopped before ``stale_before``) for ``owner``; returns
        ``(update_id, payload)`` oldest first."""
        with self._db.atomic():
            rows = self._db.execute(
                "UPDATE update_inbox SET owner = :owner WHERE (owner IS NULL OR owner != :owner) "
                f"AND (owner IS NULL OR owner NOT IN ({_LIVE_OWNERS})) "
                "RETURNING update_id, payload",
                {"owner": owner, "stale": instant_to_text(stale_before)},
            ).fetchall()
        return sorted((int(update_id), str(payload)) for update_id, payload in rows)

    # -- due digests ---------------------------------------------------------------------------

    def claim_due_chats(
        self, now: dt.datetime, owner: str, stale_before: dt.datetime, *, limit: int
    ) -> list[Subscription]:
        """Claim up to ``limit`` chats with digests due at ``now`` that no live process holds
        (nor ``owner`` itself), most overdue first; returns their due subscriptions, most
        overdue first.

        The claim stands until :meth:`release_chats` or until ``owner``'s heartbeat stops.
        """
        params = {
            "owner": owner,
            "now": instant_to_text(now),
            "stale": instant_to_text(stale_before),
            "limit": int(limit),
        }
        with self._db.atomic():
            claimed = self._db.execute(
                "INSERT INTO digest_claims (chat_id, owner, claimed_at) "
                "SELECT s.chat_id, :owner, :now FROM subscriptions AS s "
                "WHERE s.active = 1 AND s.next_due_at <= :now AND s.chat_id NOT IN ("
                "SELECT c.chat_id FROM digest_claims AS c "
                f"WHERE c.owner = :owner OR c.owner IN ({_LIVE_OWNERS})) "
                "GROUP BY s.chat_id ORDER BY min(s.next_due_at), min(s.id) LIMIT :limit "
                "ON CONFLICT (chat_id) DO UPDATE SET "
                "owner = excluded.owner, claimed_at = excluded.claimed_at "
                # Checked again on the row as it now is: on PostgreSQL another process may
                # have claimed the chat since this statement's snapshot.
                f"WHERE digest_claims.owner NOT IN ({_LIVE_OWNERS}) "
                "RETURNING chat_id",
                params,
            ).fetchall()
            if not claimed:
                return []
            rows = self._db.execute(
                f"SELECT {select_list(SUBSCRIPTION_COLUMNS, 's')} FROM subscriptions AS s "
                "WHERE s.chat_id IN (SELECT value FROM json_each(:chats)) "
                "AND s.active = 1 AND s.next_due_at <= :now ORDER BY s.next_due_at, s.id",
                {"chats": json.dumps([chat_id for (chat_id,) in claimed]), "now": params["now"]},
            ).fetchall()
        return [row_to_subscription(row) for row in rows]

    def release_chats(self, owner: str, chat_ids: Iterable[int]) -> None:
        """Give up ``owner``'s claims on ``chat_ids`` (claims another process took are kept)."""
        ids = list(chat_ids)
        if not ids:
            return
        with self._db.atomic():
            self._db.execute(
                "DELETE FROM digest_claims WHERE owner = :owner "
                "AND chat_id IN (SELECT value FROM json_each(:chats))",
                {"owner": owner, "chats": json.dumps(ids)},
            )
