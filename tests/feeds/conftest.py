"""Shared fixtures of the feed tests: the real-world feed files (see fixtures/PROVENANCE.md)
and a loopback feed server for the poller."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from pathlib import Path

import pytest

from tests.feeds.feed_server import FeedServer, running_feed_server

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def fixture_bytes() -> Callable[[str], bytes]:
    """Read a fixture file by name, as the bytes a server would send."""

    def read(name: str) -> bytes:
        return (FIXTURES / name).read_bytes()

    return read


@pytest.fixture
async def feed_server() -> AsyncIterator[FeedServer]:
    async with running_feed_server() as server:
        yield server
