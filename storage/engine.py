"""What the stores need of a database connection, whichever engine is behind it.

The stores (``storage.articles``, ``storage.chats``, ...) are written against these protocols,
not against sqlite-utils: :class:`sqlite_utils.Database` satisfies them for SQLite, and
:class:`storage.postgres.connection.PostgresDatabase` for PostgreSQL. Their SQL is the subset
both engines read the same way (``ON CONFLICT ... DO NOTHING``, ``RETURNING``, ``?`` and
``:name`` parameters, which the PostgreSQL side translates); what the engines do differently
lives in per-engine modules (search, the schema, claims).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import AbstractContextManager
from typing import Any, Protocol


class SqlResult(Protocol):
    """The rows of one statement (an :class:`sqlite3.Cursor` or a fetched PostgreSQL result)."""

    @property
    def rowcount(self) -> int: ...

    def fetchone(self) -> Any: ...

    def fetchall(self) -> list[Any]: ...

    def __iter__(self) -> Iterator[Any]: ...


class SqlConnection(Protocol):
    """Statements inside the caller's transaction."""

    def execute(self, sql: str, parameters: Any = ..., /) -> SqlResult: ...

    def executemany(self, sql: str, parameters: Any, /) -> SqlResult: ...


class SqlDatabase(Protocol):
    """A database the stores run statements on."""

    def execute(self, sql: str, parameters: Any = ..., /) -> SqlResult: ...

    @property
    def conn(self) -> SqlConnection: ...

    def atomic(self) -> AbstractContextManager[Any]: ...

    def close(self) -> None: ...
