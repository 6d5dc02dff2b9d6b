"""Copying a whole library from one database to another (``digest-bot migrate``).

Both ends are opened as :class:`~storage.library.Library` (so both are migrated to the current
schema, whichever engine); then every table is copied in an order that satisfies its foreign
keys, in batches read in primary-key order, each batch written in one transaction with
``ON CONFLICT DO NOTHING``. So a copy is idempotent (running it again adds nothing), and a copy
killed at any moment is resumed by running it again: a table keyed by one integer id continues
after the highest id the destination already holds, the others are read again and their rows
already copied are skipped. Ids are copied as they are; PostgreSQL's id sequences are moved past
them at the end. Search indexes follow by themselves (SQLite's triggers, PostgreSQL's generated
search vector).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from storage.library import POSTGRES_SCHEMES, Library

__all__ = ["TABLES", "TableCount", "copy_library", "count_tables"]

#: Every table, parents before children, with its primary key columns. Not copied: the state of
#: running processes (``bot_processes``, ``digest_claims``, ``send_pace``), which the processes
#: on the new database build again; move house with the bot stopped.
TABLES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("chats", ("chat_id",)),
    ("follows", ("chat_id", "source_chat_id")),
    ("articles", ("id",)),
    ("stories", ("id",)),
    ("story_core", ("story_id", "position")),
    ("story_keys", ("key", "story_id")),
    ("subscriptions", ("id",)),
    ("deliveries", ("subscription_id", "period", "part")),
    ("digest_windows", ("subscription_id", "period")),
    ("searches", ("id",)),
    ("update_inbox", ("update_id",)),
    ("update_inbox_mark", ("id",)),
    ("webhook_seen", ("update_id",)),
    ("feeds", ("id",)),
    ("feed_items", ("id",)),
)
DEFAULT_BATCH = 2000

#: ``progress(table, copied so far, rows in the source table)``.
Progress = Callable[[str, int, int], None]


@dataclass(frozen=True, slots=True)
class TableCount:
    """Rows of one table at both ends after a copy."""

    table: str
    source: int
    destination: int

    @property
    def matches(self) -> bool:
        return self.source == self.destination


def count_tables(library: Library) -> dict[str, int]:
    """Rows of every copied table."""
    return {
        table: int(library._db.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
        for table, _ in TABLES
    }


def copy_library(
    source: Library,
    destination: Library,
    *,
    batch: int = DEFAULT_BATCH,
    progress: Progress | None = None,
) -> list[TableCount]:
    """Copy every row of ``source`` into ``destination`` (see the module docstring); returns
    the row counts of both ends, table by table."""
    if batch < 1:
        raise ValueError(f"batch must be at least 1, got {batch}")
    for table, key in TABLES:
        _copy_table(source, destination, table, key, batch, progress)
    if _is_postgres(destination):
        _move_id_sequences(destination)
    before, after = count_tables(source), count_tables(destination)
    return [TableCount(table, before[table], after[table]) for table, _ in TABLES]


def _is_postgres(library: Library) -> bool:
    return library.path.startswith(POSTGRES_SCHEMES)


def _columns(library: Library, table: str) -> list[str]:
    """The table's stored columns (generated ones left out), in the table's order."""
    if _is_postgres(library):
        rows = library._db.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = ? "
            "AND table_schema = current_schema() AND is_generated = 'NEVER' "
            "ORDER BY ordinal_position",
            (table,),
        ).fetchall()
        return [str(name) for (name,) in rows]
    return [
        str(row[1]) for row in library._db.execute(f"PRAGMA table_xinfo({table})") if not row[6]
    ]


def _copy_table(
    source: Library,
    destination: Library,
    table: str,
    key: tuple[str, ...],
    batch: int,
    progress: Progress | None,
) -> None:
    wanted = set(_columns(destination, table))
    columns = [column for column in _columns(source, table) if column in wanted]
    (total,) = source._db.execute(f"SELECT count(*) FROM {table}").fetchone()
    after: tuple[object, ...] | None = None
    copied = 0
    if len(key) == 1:
        (highest,) = destination._db.execute(f"SELECT max({key[0]}) FROM {table}").fetchone()
        if highest is not None:
            after = (highest,)
            (copied,) = source._db.execute(
                f"SELECT count(*) FROM {table} WHERE {key[0]} <= ?", after
            ).fetchone()
    positions = [columns.index(column) for column in key]
    select = f"SELECT {', '.join(columns)} FROM {table}"
    order = f" ORDER BY {', '.join(key)} LIMIT {int(batch)}"
    insert = (
        f"INSERT INTO {table} ({', '.join(columns)}) "
        f"VALUES ({', '.join('?' * len(columns))}) ON CONFLICT DO NOTHING"
    )
    row_key = f"({', '.join(key)}) > ({', '.join('?' * len(key))})"
    while True:
        if after is None:
            rows = source._db.execute(select + order).fetchall()
        else:
            rows = source._db.execute(f"{select} WHERE {row_key}{order}", after).fetchall()
        if not rows:
            break
        with destination._db.atomic():
            destination._db.conn.executemany(insert, [tuple(row) for row in rows])
        copied += len(rows)
        after = tuple(rows[-1][position] for position in positions)
        if progress is not None:
            progress(table, min(copied, int(total)), int(total))
    if progress is not None and total == 0:
        progress(table, 0, 0)


def _move_id_sequences(destination: Library) -> None:
    """Set every identity sequence past the highest id copied, so new rows get new ids."""
    for table, key in TABLES:
        if key != ("id",) or table == "update_inbox_mark":
            continue
        destination._db.execute(
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), coalesce(max(id), 0) + 1, "
            f"false) FROM {table}"
        )
