"""Fixtures for the storage tests: a real SQLite library in a temporary directory."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from storage import Library, NewArticle


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
def library(db_path: Path) -> Iterator[Library]:
    with Library(db_path) as lib:
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
