"""A PostgreSQL database behind the same small interface the stores use with SQLite.

:class:`PostgresDatabase` offers what the stores call on :class:`sqlite_utils.Database`:
``execute``, ``conn.execute`` / ``conn.executemany`` and ``atomic()`` (nested blocks become
savepoints), over a :class:`psycopg_pool.ConnectionPool`; and, for bulk loads,
:meth:`~PostgresDatabase.insert_missing` (rows streamed with ``COPY``). A statement outside
``atomic()`` borrows a connection in autocommit mode and returns it at once, so its rows are
fetched before ``execute`` returns; ``atomic()`` holds one connection (per thread) until the
block ends.

Errors keep the stores engine-blind: a constraint violation is raised as
:class:`IntegrityViolation`, a subclass of :class:`sqlite3.IntegrityError` whose message starts
the way SQLite's does (``UNIQUE constraint failed``, ``NOT NULL constraint failed``, ...), which
the stores already tell apart; any other psycopg error becomes
:class:`storage.errors.DatabaseError`.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import psycopg
import psycopg_pool
from psycopg import errors as pg_errors
from psycopg.conninfo import conninfo_to_dict

from storage.errors import DatabaseError, DatabaseOpenError
from storage.postgres.sql import to_postgres

__all__ = ["IntegrityViolation", "PostgresDatabase", "is_postgres_url"]

#: Connections a library keeps open; one thread uses one at a time, more serve callers that
#: share a library across threads.
POOL_MAX_SIZE = 4
OPEN_TIMEOUT_S = 10.0


def is_postgres_url(target: object) -> bool:
    """Whether ``target`` (a path or a URL) names a PostgreSQL database."""
    return isinstance(target, str) and target.startswith(("postgresql://", "postgres://"))


class IntegrityViolation(sqlite3.IntegrityError):
    """A PostgreSQL constraint violation, raised as the class the stores catch for SQLite."""


class FetchedResult:
    """The rows and row count of one statement, read before its connection went back."""

    def __init__(self, rows: list[Any], rowcount: int) -> None:
        self._rows = rows
        self._next = 0
        self.rowcount = rowcount

    def fetchone(self) -> Any:
        if self._next >= len(self._rows):
            return None
        self._next += 1
        return self._rows[self._next - 1]

    def fetchall(self) -> list[Any]:
        rest = self._rows[self._next :]
        self._next = len(self._rows)
        return rest

    def __iter__(self) -> Iterator[Any]:
        return iter(self.fetchall())


def _translated(error: psycopg.Error) -> Exception:
    if isinstance(error, pg_errors.UniqueViolation):
        return IntegrityViolation(f"UNIQUE constraint failed: {error}")
    if isinstance(error, pg_errors.ForeignKeyViolation):
        return IntegrityViolation(f"FOREIGN KEY constraint failed: {error}")
    if isinstance(error, pg_errors.NotNullViolation):
        return IntegrityViolation(f"NOT NULL constraint failed: {error}")
    if isinstance(error, pg_errors.IntegrityError):
        return IntegrityViolation(str(error))
    return DatabaseError(f"database error: {error}")


class PostgresDatabase:
    """The stores' database interface (``storage.engine.SqlDatabase``) on PostgreSQL."""

    def __init__(self, pool: psycopg_pool.ConnectionPool[psycopg.Connection[Any]]) -> None:
        self._pool = pool
        self._local = threading.local()

    @classmethod
    def open(cls, url: str) -> PostgresDatabase:
        """Connect to ``url`` (a ``postgresql://`` URL).

        Raises:
            DatabaseOpenError: the server does not answer or refuses the connection.
        """
        # Date-only text cast to timestamptz (the feed window) must mean midnight UTC.
        options = f"{conninfo_to_dict(url).get('options') or ''} -c TimeZone=UTC".strip()
        pool: psycopg_pool.ConnectionPool[psycopg.Connection[Any]] = psycopg_pool.ConnectionPool(
            url,
            min_size=1,
            max_size=POOL_MAX_SIZE,
            kwargs={"autocommit": True, "options": options},
            open=False,
        )
        try:
            pool.open(wait=True, timeout=OPEN_TIMEOUT_S)
        except psycopg_pool.PoolTimeout as error:
            pool.close()
            raise DatabaseOpenError(
                f"Cannot connect to the PostgreSQL database {_without_password(url)!r} within "
                f"{OPEN_TIMEOUT_S:.0f} s. Check that the server runs and the URL is right "
                "([storage] url or DIGEST_BOT_DATABASE_URL)."
            ) from error
        return cls(pool)

    @property
    def conn(self) -> PostgresDatabase:
        """Statements inside the caller's transaction: the same object (as sqlite-utils'
        ``db.conn``, whose statements join the open transaction)."""
        return self

    def execute(self, sql: str, parameters: Any = None, /) -> FetchedResult:
        return self._run(sql, parameters, many=False)

    def executemany(self, sql: str, parameters: Any, /) -> FetchedResult:
        return self._run(sql, list(parameters), many=True)

    @contextmanager
    def atomic(self) -> Iterator[None]:
        """A transaction, or a savepoint inside the one this thread holds."""
        held: psycopg.Connection[Any] | None = getattr(self._local, "connection", None)
        try:
            if held is not None:
                with held.transaction():
                    yield
                return
            with self._pool.connection() as connection:
                self._local.connection = connection
                try:
                    with connection.transaction():
                        yield
                finally:
                    self._local.connection = None
        except psycopg.Error as error:
            raise _translated(error) from error

    def insert_missing(
        self, table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]
    ) -> int:
        """Insert ``rows`` (values of ``columns``) into ``table`` in one transaction, skipping
        those that conflict with a row already there (``ON CONFLICT DO NOTHING``); returns how
        many were inserted.

        The rows are streamed with ``COPY`` into a temporary table and moved with one
        ``INSERT ... SELECT``: one statement for the server to run instead of one per row.
        ``table`` and ``columns`` are SQL names written by the caller, never user input.
        """
        names = ", ".join(columns)
        staging = f"digest_bot_staging_{table}"
        with self.atomic():  # which also turns a psycopg error into the stores' classes
            connection: psycopg.Connection[Any] = self._local.connection
            with connection.cursor() as cursor:
                cursor.execute(
                    f"CREATE TEMPORARY TABLE {staging} AS SELECT {names} FROM {table} WITH NO DATA"
                )
                with cursor.copy(f"COPY {staging} ({names}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row)
                cursor.execute(
                    f"INSERT INTO {table} ({names}) SELECT {names} FROM {staging} "
                    "ON CONFLICT DO NOTHING"
                )
                inserted = cursor.rowcount
                cursor.execute(f"DROP TABLE {staging}")
                return inserted

    def close(self) -> None:
        self._pool.close()

    def _run(self, sql: str, parameters: Any, *, many: bool) -> FetchedResult:
        # Without parameters psycopg reads the text as it is (and allows several statements).
        query = sql if parameters is None else to_postgres(sql)
        held: psycopg.Connection[Any] | None = getattr(self._local, "connection", None)
        try:
            if held is not None:
                return self._fetch(held, query, parameters, many=many)
            with self._pool.connection() as connection:
                return self._fetch(connection, query, parameters, many=many)
        except psycopg.Error as error:
            raise _translated(error) from error

    @staticmethod
    def _fetch(
        connection: psycopg.Connection[Any], query: str, parameters: Any, *, many: bool
    ) -> FetchedResult:
        with connection.cursor() as cursor:
            if many:
                cursor.executemany(query, parameters)
            else:
                cursor.execute(query, parameters)
            rows = cursor.fetchall() if cursor.description else []
            return FetchedResult(rows, cursor.rowcount)


def _without_password(url: str) -> str:
    return psycopg.conninfo.make_conninfo(url, password="***") if "@" in url else url
