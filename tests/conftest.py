"""PostgreSQL for the tests: a fresh database per test, copied from a migrated template.

The server is ``DIGEST_BOT_TEST_POSTGRES_URL`` (default: the developers' and CI's local
server, ``postgresql://root@127.0.0.1:5432/postgres``; the user needs CREATEDB). Each test that
asks for :func:`postgres_url` gets a database of its own, created from a template that was
migrated once per session (a copy takes tens of milliseconds, a migration more), and dropped
after the test.

When the server does not answer, PostgreSQL tests are skipped with the reason, unless
``DIGEST_BOT_REQUIRE_POSTGRES`` is set (``.ci/run`` sets it after starting the server): then
they fail, so CI never passes with the PostgreSQL half skipped.

The bot-level tests (handlers, digest, feeds, e2e, cli...) open their library through
:func:`library_target`: a SQLite file in ``tmp_path`` by default, a fresh PostgreSQL database
when ``DIGEST_BOT_TEST_BACKEND=postgresql`` (``.ci/run`` runs them both ways). Tests about
SQLite itself (file paths, WAL, kill tests reading the file) are marked ``sqlite_only`` and are
skipped on the PostgreSQL pass. The storage tests run on both backends in every pass
(``tests/storage/conftest.py`` parametrizes ``library_target`` itself).
"""

from __future__ import annotations

import os
import uuid
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.library_backend import BACKEND_ENV, TEST_BACKEND

ADMIN_URL = os.environ.get(
    "DIGEST_BOT_TEST_POSTGRES_URL", "postgresql://root@127.0.0.1:5432/postgres"
)
REQUIRE_ENV = "DIGEST_BOT_REQUIRE_POSTGRES"


#: Test databases are thrown away: their commits need not wait for the disk.
_TEST_OPTIONS = "options=-c%20synchronous_commit%3Doff"


def _database_url(name: str) -> str:
    """``ADMIN_URL`` with its database replaced by ``name`` (still a ``postgresql://`` URL)."""
    base, _, query = ADMIN_URL.partition("?")
    return f"{base.rsplit('/', 1)[0]}/{name}?" + "&".join(filter(None, [query, _TEST_OPTIONS]))


def _unavailable(reason: str) -> None:
    if os.environ.get(REQUIRE_ENV):
        pytest.fail(f"PostgreSQL is required ({REQUIRE_ENV} is set) but {reason}")
    pytest.skip(
        f"PostgreSQL not available: {reason}. Start it (pg_ctlcluster --skip-systemctl-redirect "
        f"15 main start) or point DIGEST_BOT_TEST_POSTGRES_URL at a server."
    )


class _Databases:
    """Fresh databases copied from the template, made ahead on a few threads: a copy takes
    about half a second of the server's I/O, a test on it a few milliseconds."""

    AHEAD = 2

    def __init__(self, template: str) -> None:
        self._template = template
        self._executor = ThreadPoolExecutor(max_workers=self.AHEAD, thread_name_prefix="pg-db")
        self._ready: deque[Future[str]] = deque()
        self._dropped: list[Future[None]] = []

    def take(self) -> str:
        while len(self._ready) < self.AHEAD + 1:
            self._ready.append(self._executor.submit(self._create))
        return self._ready.popleft().result()

    def drop_later(self, name: str) -> None:
        self._dropped.append(self._executor.submit(self._drop, name))

    def close(self) -> None:
        for future in self._ready:
            self._drop(future.result())
        for dropped in self._dropped:
            dropped.result()
        self._executor.shutdown()

    def _create(self) -> str:
        import psycopg

        name = f"digest_bot_test_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(ADMIN_URL, autocommit=True) as admin:
            admin.execute("SET synchronous_commit = off")
            admin.execute(f'CREATE DATABASE "{name}" TEMPLATE "{self._template}"')
        return name

    @staticmethod
    def _drop(name: str) -> None:
        import psycopg

        with psycopg.connect(ADMIN_URL, autocommit=True) as admin:
            admin.execute("SET synchronous_commit = off")
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


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


@pytest.fixture(scope="session")
def _postgres_databases(postgres_template: str) -> Iterator[_Databases]:
    databases = _Databases(postgres_template)
    yield databases
    databases.close()


@pytest.fixture
def postgres_url(_postgres_databases: _Databases) -> Iterator[Callable[[], str]]:
    """``new_database()`` -> the URL of a fresh, migrated database, dropped after the test."""
    taken: list[str] = []

    def new_database() -> str:
        taken.append(_postgres_databases.take())
        return _database_url(taken[-1])

    yield new_database
    for name in taken:
        _postgres_databases.drop_later(name)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "sqlite_only: tests SQLite internals; not run against PostgreSQL"
    )


#: The fixtures through which a bot-level test gets its library (see the module docstring).
_LIBRARY_FIXTURES = frozenset({"new_library_target", "module_library_target"})


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """On the PostgreSQL pass, skip the bot-level tests that are about SQLite itself, and leave
    out those that open no library through the fixtures above: they would only run a second
    time unchanged (the storage tests choose their backends by parametrization instead)."""
    if TEST_BACKEND != "postgresql":
        return
    skip = pytest.mark.skip(reason=f"SQLite only ({BACKEND_ENV}=postgresql)")
    kept: list[pytest.Item] = []
    unchanged: list[pytest.Item] = []
    for item in items:
        names = set(getattr(item, "fixturenames", ()))
        if "backend" not in names and not names & _LIBRARY_FIXTURES:
            unchanged.append(item)
            continue
        if item.get_closest_marker("sqlite_only") and "backend" not in names:
            item.add_marker(skip)
        kept.append(item)
    if unchanged:
        config.hook.pytest_deselected(items=unchanged)
        items[:] = kept


@pytest.fixture
def new_library_target(tmp_path: Path, request: pytest.FixtureRequest) -> Callable[[], str | Path]:
    """``new_target()`` -> what ``Library(...)`` opens for a new, empty library of this test:
    a SQLite file in ``tmp_path`` (a new name each call), or with
    ``DIGEST_BOT_TEST_BACKEND=postgresql`` the URL of a fresh migrated database."""
    made: list[str | Path] = []
    new_database: Callable[[], str] | None = None
    if TEST_BACKEND == "postgresql":
        new_database = request.getfixturevalue("postgres_url")

    def new_target() -> str | Path:
        if new_database is not None:
            made.append(new_database())
        else:
            name = f"library{len(made)}.sqlite3" if made else "library.sqlite3"
            made.append(tmp_path / name)
        return made[-1]

    return new_target


@pytest.fixture(scope="module")
def module_library_target(
    tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest
) -> Iterator[str | Path]:
    """Like :func:`library_target`, for a library a whole module shares (filled once)."""
    if TEST_BACKEND != "postgresql":
        yield tmp_path_factory.mktemp("library") / "library.sqlite3"
        return
    databases: _Databases = request.getfixturevalue("_postgres_databases")
    name = databases.take()
    yield _database_url(name)
    databases.drop_later(name)


@pytest.fixture
def library_target(new_library_target: Callable[[], str | Path]) -> str | Path:
    """The library of a bot-level test: a SQLite file or a PostgreSQL URL (see the module)."""
    return new_library_target()
