"""Which backend the bot-level tests run on: ``DIGEST_BOT_TEST_BACKEND`` (see tests/conftest.py)."""

from __future__ import annotations

import os

BACKEND_ENV = "DIGEST_BOT_TEST_BACKEND"
#: "sqlite" (the default) or "postgresql".
TEST_BACKEND = os.environ.get(BACKEND_ENV, "sqlite").strip().lower() or "sqlite"
if TEST_BACKEND not in ("sqlite", "postgresql"):
    raise ValueError(f"{BACKEND_ENV} must be 'sqlite' or 'postgresql', not {TEST_BACKEND!r}")

POSTGRES_SCHEMES = ("postgresql://", "postgres://")


def is_postgres_target(target: str | os.PathLike[str]) -> bool:
    """Whether ``target`` (from the ``library_target`` fixture) is a PostgreSQL URL."""
    return str(target).startswith(POSTGRES_SCHEMES)


def execute(target: str | os.PathLike[str], sql: str, *rows: tuple[object, ...]) -> list[tuple]:
    """Run one statement straight on the library at ``target`` (SQLite file or PostgreSQL URL),
    once per parameter row (once without parameters when none are given), committed; returns
    the rows of the last run. ``?`` placeholders work on both backends.

    For tests that move a stored moment or join articles by hand, bypassing the library."""
    if is_postgres_target(target):
        import psycopg

        with psycopg.connect(str(target)) as conn:
            result: list[tuple] = []
            for row in rows or ((),):
                cursor = conn.execute(sql.replace("?", "%s"), row)  # type: ignore[arg-type]
                result = cursor.fetchall() if cursor.description else []
            return result
    import sqlite3

    with sqlite3.connect(target, timeout=10) as db:
        result = []
        for row in rows or ((),):
            result = db.execute(sql, row).fetchall()
        return result
