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

Into PostgreSQL, where computing each article's search vector is most of the cost, the copy
goes faster three ways. A table keyed by one integer id is cut into ``POSTGRES_WRITERS`` ranges
of ids, each written in order by a connection of its own (the same ranges for the same source,
so a resumed copy continues each range after the highest id the destination holds in it). A
batch is streamed with ``COPY`` into a temporary table and inserted from there in one statement.
And when most of the source's articles are still to come, the GIN search index is dropped for
the copy and built once at the end (cheaper than updating it article by article); a copy killed
in between leaves the index missing, and opening the library (``storage.postgres.schema.migrate``:
the next ``migrate`` run, the bot's start) builds it again.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import ExitStack
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from storage.library import POSTGRES_SCHEMES, Library

if TYPE_CHECKING:
    from storage.postgres.connection import PostgresDatabase

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
#: Connections writing one table into PostgreSQL side by side: an article's search vector is
#: computed by the server process inserting it, one row at a time, and is most of the copy's cost.
POSTGRES_WRITERS = 2

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
    postgres = _postgres(destination)
    if postgres is None:
        for table, key in TABLES:
            _copy_table(source, destination, table, key, batch, progress)
    else:
        from storage.postgres.schema import drop_search_index, ensure_search_index

        if _most_articles_to_come(source, destination):
            drop_search_index(postgres)
        try:
            for table, key in TABLES:
                _copy_table(source, destination, table, key, batch, progress)
            _move_id_sequences(destination)
        finally:
            ensure_search_index(postgres)
    before, after = count_tables(source), count_tables(destination)
    return [TableCount(table, before[table], after[table]) for table, _ in TABLES]


def _is_postgres(library: Library) -> bool:
    return library.path.startswith(POSTGRES_SCHEMES)


def _postgres(library: Library) -> PostgresDatabase | None:
    """The library's PostgreSQL database, or None on SQLite."""
    if not _is_postgres(library):
        return None
    from storage.postgres.connection import PostgresDatabase  # psycopg is an extra

    assert isinstance(library._db, PostgresDatabase)
    return library._db


def _most_articles_to_come(source: Library, destination: Library) -> bool:
    """Whether the articles still to copy outnumber those the destination holds."""
    (coming,) = source._db.execute("SELECT count(*) FROM articles").fetchone()
    (held,) = destination._db.execute("SELECT count(*) FROM articles").fetchone()
    return int(coming) - int(held) > int(held)


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
    postgres = _postgres(destination)
    wanted = set(_columns(destination, table))
    columns = [column for column in _columns(source, table) if column in wanted]
    (total,) = source._db.execute(f"SELECT count(*) FROM {table}").fetchone()
    spans = _spans(source, destination, table, key, POSTGRES_WRITERS if postgres else 1)
    copied = sum(span.copied for span in spans)

    def report() -> None:
        if progress is not None:
            progress(table, min(copied, int(total)), int(total))

    insert = (
        f"INSERT INTO {table} ({', '.join(columns)}) "
        f"VALUES ({', '.join('?' * len(columns))}) ON CONFLICT DO NOTHING"
    )

    def write(rows: list[Any]) -> int:
        if postgres is not None:
            postgres.insert_missing(table, columns, rows)
        else:
            with destination._db.atomic():
                destination._db.conn.executemany(insert, [tuple(row) for row in rows])
        return len(rows)

    if postgres is None:  # one span; SQLite's connection belongs to this thread
        for rows in _batches(source, table, columns, key, spans[0], batch):
            copied += write(rows)
            report()
        if total == 0:
            report()
        return
    # Each span is written in order by a thread (so a connection) of its own: what a resumed copy
    # skips in a span is what that span had written. This thread reads the spans in turn.
    with ExitStack() as stack:
        writers = [
            (
                _batches(source, table, columns, key, span, batch),
                stack.enter_context(ThreadPoolExecutor(max_workers=1)),
                deque[Future[int]](),
            )
            for span in spans
        ]
        while writers:
            for writer in list(writers):
                reader, pool, written = writer
                if len(written) > 1 or (written and written[0].done()):
                    copied += written.popleft().result()
                    report()
                rows = next(reader, [])
                if rows:
                    written.append(pool.submit(write, rows))
                    continue
                writers.remove(writer)
                while written:
                    copied += written.popleft().result()
                    report()
    if total == 0:
        report()


@dataclass(frozen=True, slots=True)
class _Span:
    """A part of a table, copied in key order: its rows after ``after`` (the key of the last row
    copied, None for the start) up to the id ``last`` included (None: to the end). ``copied``
    counts its rows the destination already holds."""

    after: tuple[object, ...] | None
    last: int | None
    copied: int


def _spans(
    source: Library, destination: Library, table: str, key: tuple[str, ...], parts: int
) -> list[_Span]:
    """The table in ``parts`` ranges of its integer id (in one part when its key is not one
    column), each resuming after the highest id the destination holds in the range."""
    if len(key) != 1:
        return [_Span(None, None, 0)]
    (column,) = key
    low, high = source._db.execute(f"SELECT min({column}), max({column}) FROM {table}").fetchone()
    # Range k holds the ids in (bounds[k], bounds[k + 1]]; None is open-ended. Given the same
    # source, a resumed copy cuts the same ranges.
    inner = (
        [] if low is None else [low - 1 + (high - low + 1) * k // parts for k in range(1, parts)]
    )
    bounds: list[int | None] = [None, *inner, None]
    spans = []
    for first, last in zip(bounds, bounds[1:], strict=False):
        conditions, values = _in_range(column, first, last)
        where = f" WHERE {' AND '.join(conditions)}" if conditions else ""
        (highest,) = destination._db.execute(
            f"SELECT max({column}) FROM {table}{where}", values
        ).fetchone()
        if highest is None:
            spans.append(_Span(None if first is None else (first,), last, 0))
            continue
        conditions, values = _in_range(column, first, highest)
        (copied,) = source._db.execute(
            f"SELECT count(*) FROM {table} WHERE {' AND '.join(conditions)}", values
        ).fetchone()
        spans.append(_Span((highest,), last, int(copied)))
    return spans


def _in_range(
    column: str, first: object | None, last: object | None
) -> tuple[list[str], tuple[object, ...]]:
    """SQL conditions and their values: ``column`` after ``first`` and up to ``last``."""
    bounds = ((f"{column} > ?", first), (f"{column} <= ?", last))
    return (
        [condition for condition, bound in bounds if bound is not None],
        tuple(bound for _, bound in bounds if bound is not None),
    )


def _batches(
    source: Library,
    table: str,
    columns: list[str],
    key: tuple[str, ...],
    span: _Span,
    batch: int,
) -> Iterator[list[Any]]:
    """The span's rows, ``batch`` at a time, in key order."""
    positions = [columns.index(column) for column in key]
    select = f"SELECT {', '.join(columns)} FROM {table}"
    order = f" ORDER BY {', '.join(key)} LIMIT {int(batch)}"
    after = span.after
    while True:
        conditions: list[str] = []
        values: tuple[object, ...] = ()
        if after is not None:
            conditions.append(f"({', '.join(key)}) > ({', '.join('?' * len(key))})")
            values += after
        if span.last is not None:
            conditions.append(f"{key[0]} <= ?")
            values += (span.last,)
        where = f" WHERE {' AND '.join(conditions)}" if conditions else ""
        rows = source._db.execute(select + where + order, values).fetchall()
        if not rows:
            return
        yield rows
        after = tuple(rows[-1][position] for position in positions)


def _move_id_sequences(destination: Library) -> None:
    """Set every identity sequence past the highest id copied, so new rows get new ids."""
    for table, key in TABLES:
        if key != ("id",) or table == "update_inbox_mark":
            continue
        destination._db.execute(
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), coalesce(max(id), 0) + 1, "
            f"false) FROM {table}"
        )
