"""Chats and follows: who the bot knows, their settings, and which collections they follow."""

from __future__ import annotations

import hashlib

from storage.engine import SqlDatabase
from storage.errors import ChatNotFoundError
from storage.models import Chat
from storage.rows import CHAT_COLUMNS, row_to_chat, select_list

_SELECT = f"SELECT {select_list(CHAT_COLUMNS, 'c')} FROM chats AS c"


#: Telegram chat ids have at most 52 significant bits, so ids at or below this one are ours: the
#: collection of a ``@username`` whose Telegram id is not known yet (``ingest --chat @name``).
PLACEHOLDER_ID_CEILING = -(2**53)


def normalize_username(username: str) -> str:
    """``"@Name"`` and ``"name"`` both become ``"name"`` (lookups are case-insensitive)."""
    return username.strip().lstrip("@")


def placeholder_chat_id(username: str) -> int:
    """The stable id of ``@username``'s collection while its Telegram chat id is unknown."""
    digest = hashlib.sha256(normalize_username(username).lower().encode("utf-8")).digest()
    return PLACEHOLDER_ID_CEILING - int.from_bytes(digest[:6], "big")


def is_placeholder_chat_id(chat_id: int) -> bool:
    """Whether ``chat_id`` is a :func:`placeholder_chat_id` rather than Telegram's."""
    return chat_id <= PLACEHOLDER_ID_CEILING


class ChatStore:
    """Chat and follow methods of :class:`storage.Library`."""

    _db: SqlDatabase

    def upsert_chat(self, chat: Chat) -> None:
        """Insert or update what Telegram says about a chat.

        ``type``, ``title`` and ``username`` always take the new values. ``timezone`` and
        ``telegram_language`` are kept when the new value is None. ``auto_ingest``,
        ``paused_reason`` and ``language`` are settings of ours, not Telegram facts: they are
        used only when the chat is new, afterwards they change only through
        :meth:`set_auto_ingest`, :meth:`set_chat_paused` and :meth:`set_chat_language`.

        The first time a real chat with a username arrives, the placeholder collection of that
        username (see :meth:`collection_for_username`) becomes this chat's: its articles, follows
        and subscriptions move over (:meth:`migrate_chat`).
        """
        username = normalize_username(chat.username) if chat.username else None
        with self._db.atomic():
            if username and not is_placeholder_chat_id(chat.chat_id):
                placeholder = self._db.execute(
                    "SELECT chat_id FROM chats WHERE username = ? AND chat_id <= ?",
                    (username, PLACEHOLDER_ID_CEILING),
                ).fetchone()
                if placeholder is not None:
                    self.migrate_chat(placeholder[0], chat.chat_id)
            self._insert_or_update_chat(chat, username or None)

    def _insert_or_update_chat(self, chat: Chat, username: str | None) -> None:
        self._db.execute(
            """
            INSERT INTO chats (chat_id, type, title, username, timezone, auto_ingest,
                               paused_reason, language, telegram_language)
            VALUES (:chat_id, :type, :title, :username, :timezone, :auto_ingest, :paused_reason,
                    :language, :telegram_language)
            ON CONFLICT (chat_id) DO UPDATE SET
                type = excluded.type,
                title = excluded.title,
                username = excluded.username,
                timezone = coalesce(excluded.timezone, chats.timezone),
                telegram_language = coalesce(excluded.telegram_language, chats.telegram_language)
            """,
            {
                "chat_id": chat.chat_id,
                "type": chat.type,
                "title": chat.title,
                "username": username,
                "timezone": chat.timezone,
                "auto_ingest": int(chat.auto_ingest),
                "paused_reason": chat.paused_reason,
                "language": chat.language,
                "telegram_language": chat.telegram_language,
            },
        )

    def collection_for_username(self, username: str, chat_type: str = "channel") -> Chat:
        """The chat known as ``@username``, else a placeholder collection for it, created once.

        A placeholder's id is :func:`placeholder_chat_id`; when the bot meets the real chat (or
        an export names its id), :meth:`upsert_chat` moves everything over to the real id.
        """
        name = normalize_username(username)
        known = self.find_chat(name)
        if known is not None:
            return known
        chat = Chat(placeholder_chat_id(name), chat_type, username=name)
        self.upsert_chat(chat)
        return chat

    def get_chat(self, chat_id: int) -> Chat | None:
        row = self._db.execute(f"{_SELECT} WHERE c.chat_id = ?", (chat_id,)).fetchone()
        return row_to_chat(row) if row else None

    def find_chat(self, username: str) -> Chat | None:
        """The chat with this username, ``"@name"`` or ``"name"``, case-insensitive."""
        name = normalize_username(username)
        if not name:
            return None
        row = self._db.execute(f"{_SELECT} WHERE c.username = ?", (name,)).fetchone()
        return row_to_chat(row) if row else None

    def set_auto_ingest(self, chat_id: int, on: bool) -> None:
        """Turn storing every article posted in a group on or off.

        Raises:
            ChatNotFoundError: the chat was never stored with :meth:`upsert_chat`.
        """
        self._update_chat(chat_id, "auto_ingest = ?", int(on))

    def set_chat_paused(self, chat_id: int, reason: str | None) -> None:
        """Record why the bot cannot post to the chat (None clears it).

        Raises:
            ChatNotFoundError: the chat was never stored with :meth:`upsert_chat`.
        """
        self._update_chat(chat_id, "paused_reason = ?", reason)

    def set_chat_language(self, chat_id: int, language: str | None) -> None:
        """Record the language chosen for the chat with /lang (None: follow the default again).

        Raises:
            ChatNotFoundError: the chat was never stored with :meth:`upsert_chat`.
        """
        self._update_chat(chat_id, "language = ?", language)

    def _update_chat(self, chat_id: int, assignment: str, value: object) -> None:
        cursor = self._db.execute(
            f"UPDATE chats SET {assignment} WHERE chat_id = ?", (value, chat_id)
        )
        if cursor.rowcount == 0:
            raise ChatNotFoundError(f"Chat {chat_id} is unknown; store it with upsert_chat first.")

    def migrate_chat(self, old_chat_id: int, new_chat_id: int) -> None:
        """Move everything of a group that became a supergroup to its new id, in one transaction.

        Articles, follows (both directions), subscriptions and feeds move (a feed both chats
        follow is kept once, with the new chat's state). An article the new chat
        already holds (same content hash) is kept once. The chat's settings move too; when the
        new chat is already known, its Telegram facts are kept and the old settings carried over.
        """
        ids = {"old": old_chat_id, "new": new_chat_id}
        with self._db.atomic():
            conn = self._db.conn
            # "Move unless the target already holds it", in SQL both engines read (SQLite's
            # UPDATE OR IGNORE has no PostgreSQL spelling); what stays behind is deleted.
            conn.execute(_move_unless_held("articles", "chat_id", ("content_hash",)), ids)
            conn.execute("DELETE FROM articles WHERE chat_id = :old", ids)
            conn.execute(_move_unless_held("follows", "chat_id", ("source_chat_id",)), ids)
            conn.execute(_move_unless_held("follows", "source_chat_id", ("chat_id",)), ids)
            conn.execute(
                "DELETE FROM follows WHERE :old IN (chat_id, source_chat_id) "
                "OR chat_id = source_chat_id",
                ids,
            )
            conn.execute("UPDATE subscriptions SET chat_id = :new WHERE chat_id = :old", ids)
            self._migrate_feeds(ids)
            conn.execute(
                """
                UPDATE chats SET
                    auto_ingest = old.auto_ingest,
                    timezone = coalesce(chats.timezone, old.timezone),
                    language = coalesce(chats.language, old.language)
                FROM (SELECT auto_ingest, timezone, language FROM chats WHERE chat_id = :old) AS old
                WHERE chats.chat_id = :new
                """,
                ids,
            )
            conn.execute(
                f"INSERT INTO chats ({', '.join(CHAT_COLUMNS)}) "
                f"SELECT :new, {', '.join(CHAT_COLUMNS[1:])} FROM chats WHERE chat_id = :old "
                "ON CONFLICT DO NOTHING",
                ids,
            )
            conn.execute("DELETE FROM chats WHERE chat_id = :old", ids)

    def _migrate_feeds(self, ids: dict[str, int]) -> None:
        conn = self._db.conn
        conn.execute(_move_unless_held("feeds", "chat_id", ("url",)), ids)
        # GUID keys of the old chat's feeds that stay behind (the new chat follows the same
        # URL) mean nothing any more; the feeds' URL and content keys move with the articles.
        conn.execute(
            "DELETE FROM feed_items WHERE scope IN (SELECT id FROM feeds WHERE chat_id = :old)",
            ids,
        )
        conn.execute("DELETE FROM feeds WHERE chat_id = :old", ids)
        conn.execute(_move_unless_held("feed_items", "chat_id", ("scope", "key")), ids)
        conn.execute("DELETE FROM feed_items WHERE chat_id = :old", ids)

    def follow(self, chat_id: int, source_chat_id: int) -> bool:
        """Let ``chat_id`` see ``source_chat_id``'s collection; False if it already did.

        Following oneself is a no-op (a chat always sees its own collection) and returns False.
        """
        if chat_id == source_chat_id:
            return False
        cursor = self._db.execute(
            "INSERT INTO follows (chat_id, source_chat_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
            (chat_id, source_chat_id),
        )
        return cursor.rowcount == 1

    def unfollow(self, chat_id: int, source_chat_id: int) -> bool:
        """Stop following; False if the chat did not follow that source."""
        cursor = self._db.execute(
            "DELETE FROM follows WHERE chat_id = ? AND source_chat_id = ?",
            (chat_id, source_chat_id),
        )
        return cursor.rowcount == 1

    def following(self, chat_id: int) -> list[Chat]:
        """The chats ``chat_id`` follows, by title; a source never stored has type "unknown"."""
        rows = self._db.execute(
            """
            SELECT f.source_chat_id, coalesce(c.type, 'unknown'), c.title, c.username,
                   c.timezone, coalesce(c.auto_ingest, 0), c.paused_reason, c.language,
                   c.telegram_language
            FROM follows AS f LEFT JOIN chats AS c ON c.chat_id = f.source_chat_id
            WHERE f.chat_id = ?
            ORDER BY coalesce(c.title, c.username, ''), f.source_chat_id
            """,
            (chat_id,),
        ).fetchall()
        return [row_to_chat(row) for row in rows]


def _move_unless_held(table: str, column: str, rest: tuple[str, ...]) -> str:
    """``UPDATE table SET column = :new WHERE column = :old`` for the rows whose unique key
    (``column`` plus ``rest``) is not already taken at ``:new``."""
    same = " AND ".join(f"held.{other} = {table}.{other}" for other in rest)
    return (
        f"UPDATE {table} SET {column} = :new WHERE {column} = :old AND NOT EXISTS "
        f"(SELECT 1 FROM {table} AS held WHERE held.{column} = :new AND {same})"
    )
