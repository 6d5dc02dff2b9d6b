"""Opening an SQLite database: pragmas, the pending migrations under a lock, refusing a newer one.

The schema itself is the ordered history of frozen migrations in :mod:`storage.migrations`;
opening a database applies the steps it has not had yet, one process at a time, and refuses a
database that a newer digest-bot has upgraded past the steps this code knows.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from sqlite_utils import Database

from storage.errors import DatabaseOpenError, SchemaTooNewError
from storage.migrations import migrations, schema_versions

BUSY_TIMEOUT_MS = 5000


def open_database(path: str | os.PathLike[str], *, stop_before: str | None = None) -> Database:
    """Open (creating it and its directory if needed) and migrate the database at ``path``.

    Sets WAL journaling, foreign keys and a busy timeout, then applies pending migrations.
    ``stop_before`` leaves the schema at an earlier version (used by upgrade tests).

    Raises:
        DatabaseOpenError: the file cannot be created or is not an SQLite database.
        SchemaTooNewError: the database has migrations this version does not know.
    """
    file = Path(path)
    try:
        file.parent.mkdir(parents=True, exist_ok=True)
        db = Database(file)
        db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        db.execute("PRAGMA foreign_keys = ON")
        db.enable_wal()
    except (OSError, sqlite3.DatabaseError) as exc:
        raise DatabaseOpenError(
            f"Cannot open the database {str(file)!r}: {exc}. Check that the path is writable "
            "and is an SQLite file ([storage] path in the configuration)."
        ) from exc
    try:
        _refuse_newer_schema(db, file)
        if migrations.pending(db):
            with _migration_lock(file):
                migrations.apply(db, stop_before=stop_before)
    except BaseException:
        db.close()
        raise
    return db


@contextlib.contextmanager
def _migration_lock(file: Path) -> Iterator[None]:
    """Hold ``<database>-migrate.lock`` exclusively while migrating, and remove it after.

    Several bot processes may start at once on one database file. A migration's
    ``executescript`` commits statement by statement, so SQLite's own locks cannot keep two
    processes from running the same step; this lock can, and the second process then finds
    nothing pending. It is a separate file: an ``flock`` on the database itself would be
    released, with SQLite's own locks, when any descriptor of it is closed. A process that got
    the lock on a file its holder removed meanwhile takes it again on the new file.
    """
    if str(file) == ":memory:":
        yield
        return
    path = file.with_name(file.name + "-migrate.lock")
    while True:
        lock = open(path, "a")  # noqa: SIM115 - held across the yield, closed below
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            if os.fstat(lock.fileno()).st_ino == os.stat(path).st_ino:
                break
        except FileNotFoundError:
            pass
        lock.close()
    try:
        yield
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(path)
        lock.close()


def _refuse_newer_schema(db: Database, file: Path) -> None:
    unknown = {m.name for m in migrations.applied(db)} - set(schema_versions())
    if unknown:
        raise SchemaTooNewError(
            f"The database {str(file)!r} was upgraded by a newer digest-bot (migrations "
            f"{', '.join(sorted(unknown))}). Upgrade digest-bot, or restore a backup made "
            "with this version."
        )
