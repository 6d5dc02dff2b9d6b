"""PostgreSQL for the tests: a fresh database per test, copied from a migrated template.

The server is ``DIGEST_BOT_TEST_POSTGRES_URL`` (default: the developers' and CI's local
server, ``postgresql://root@127.0.0.1:5432/postgres``; the user needs CREATEDB). Each test that
asks for :func:`postgres_url` gets a database of its own, created from a template that was
migrated once per session (a copy takes tens of milliseconds, a migration more), and dropped
after the test.

When the server does not answer, PostgreSQL tests are skipped with the reason, unless
``DIGEST_BOT_REQUIRE_POSTGRES`` is set (``.ci/run`` sets it after starting the server): then
they fail, so CI never passes with the PostgreSQL half skipped.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator

import pytest

ADMIN_URL = os.environ.get(
    "DIGEST_BOT_TEST_POSTGRES_URL", "postgresql://root@127.0.0.1:5432/postgres"
)
REQUIRE_ENV = "DIGEST_BOT_REQUIRE_POSTGRES"


def _database_url(name: str) -> str:
    """``ADMIN_URL`` with its database replaced by ``name`` (still a ``postgresql://`` URL)."""
    base, _, query = ADMIN_URL.partition("?")
    return f"{base.rsplit('/', 1)[0]}/{name}" + (f"?{query}" if query else "")


def _unavailable(reason: str) -> None:
    if os.environ.get(REQUIRE_ENV):
        pytest.fail(f"PostgreSQL is required ({REQUIRE_ENV} is set) but {reason}")
    pytest.skip(
        f"PostgreSQL not available: {reason}. Start it (pg_ctlcluster --skip-systemctl-redirect "
        f"15 main start) or point DIGEST_BOT_TEST_POSTGRES_URL at a server."
    )


@pytest.fixture(scope="session")
def postgres_template() -> Iterator[str]:
    """The name of a database holding the migrated, empty schema (session-wide)."""
    try:
        import psycopg
    except ImportError:
        _unavailable("psycopg is not installed (pip install -e '.[test]')")
    try:
        admin = psycopg.connect(ADMIN_URL, autocommit=True, connect_timeout=5)
    except psycopg.OperationalError as error:
        _unavailable(f"cannot connect to {ADMIN_URL}: {error}")
    from storage import Library

    name = f"digest_bot_template_{uuid.uuid4().hex[:12]}"
    with admin:
        admin.execute(f'CREATE DATABASE "{name}"')
        try:
            Library(_database_url(name)).close()
            yield name
        finally:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def postgres_url(postgres_template: str) -> Iterator[Callable[[], str]]:
    """``new_database()`` -> the URL of a fresh, migrated database, dropped after the test."""
    import psycopg

    created: list[str] = []

    def new_database() -> str:
        name = f"digest_bot_test_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(ADMIN_URL, autocommit=True) as admin:
            admin.execute(f'CREATE DATABASE "{name}" TEMPLATE "{postgres_template}"')
        created.append(name)
        return _database_url(name)

    yield new_database
    with psycopg.connect(ADMIN_URL, autocommit=True) as admin:
        for name in created:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
