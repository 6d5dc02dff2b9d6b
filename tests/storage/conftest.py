"""Fixtures for the storage tests: the contract runs on a real SQLite file and on PostgreSQL.

``library`` (and ``library_target``, what to open a second Library on) is parametrized over
both backends: ``[sqlite]`` is a file in a temporary directory, ``[postgresql]`` a database of
its own (``tests/conftest.py``). A test or module marked ``sqlite_only`` (FTS5 plans and
internals, the shipped-schema snapshot, file errors) runs on SQLite alone.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from storage import Library, NewArticle

BACKENDS = ("sqlite", "postgresql")


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "backend" in metafunc.fixturenames:
        sqlite_only = metafunc.definition.get_closest_marker("sqlite_only") is not None
        backends = ("sqlite",) if sqlite_only else BACKENDS
        metafunc.parametrize("backend", backends, indirect=True)


@pytest.fixture
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


def _new_article(
    chat_id: int = -1001,
    headline: str = "Ministers meet in Brussels",
    body: str = "The meeting lasted three hours.",
    **fields: object,
) -> NewArticle:
    """A NewArticle whose content hash derives from its text unless one is given."""
    fields.setdefault("content_hash", hashlib.sha256(f"{headline}\n{body}".encode()).hexdigest())
    return NewArticle(chat_id=chat_id, headline=headline, body=body, **fields)  # type: ignore[arg-type]


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "library.db"


@pytest.fixture
def library_target(backend: str, request: pytest.FixtureRequest) -> str | Path:
    """What ``Library(...)`` opens for this test: the SQLite file or a fresh PostgreSQL URL."""
    if backend == "postgresql":
        new_database: Callable[[], str] = request.getfixturevalue("postgres_url")
        return new_database()
    path: Path = request.getfixturevalue("db_path")
    return path


@pytest.fixture
def library(library_target: str | Path) -> Iterator[Library]:
    with Library(library_target) as lib:
        yield lib


@pytest.fixture
def make_article() -> Callable[..., NewArticle]:
    """Build a NewArticle: ``make_article(chat_id, headline, body, **fields)``."""
    return _new_article


@pytest.fixture
def add(library: Library) -> Callable[..., int]:
    """Store an article built like :func:`make_article` and return its id."""

    def add_one(*args: object, **fields: object) -> int:
        return library.add_article(_new_article(*args, **fields)).article_id  # type: ignore[arg-type]

    return add_one
