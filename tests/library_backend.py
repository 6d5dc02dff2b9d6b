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
