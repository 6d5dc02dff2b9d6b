"""The :class:`~storage.library.Library` on PostgreSQL: what ``Library("postgresql://…")`` is.

Every store runs its shared SQL (``storage.engine``) on a :class:`PostgresDatabase`; search and
the digest reads are PostgreSQL's own (``storage.postgres.search``); due feeds are claimed with
``FOR UPDATE SKIP LOCKED`` so pollers in several processes never claim one feed twice.
"""

from __future__ import annotations

import os

from storage.engine import SqlDatabase
from storage.library import Library
from storage.postgres.connection import PostgresDatabase
from storage.postgres.schema import migrate
from storage.postgres.search import PostgresSearch

__all__ = ["PostgresLibrary"]


class PostgresLibrary(PostgresSearch, Library):
    """The library in a PostgreSQL database (``path`` is its ``postgresql://`` URL).

    Raises:
        DatabaseOpenError: the server cannot be reached.
        SchemaTooNewError: a newer digest-bot already upgraded the database.
    """

    _CLAIM_LOCK = " FOR UPDATE SKIP LOCKED"

    def _open(self, path: str | os.PathLike[str]) -> SqlDatabase:
        db = PostgresDatabase.open(os.fspath(path))
        try:
            migrate(db)
        except BaseException:
            db.close()
            raise
        return db
