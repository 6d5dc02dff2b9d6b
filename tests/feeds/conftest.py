"""Shared fixtures of the feed tests: the real-world feed files (see fixtures/PROVENANCE.md)
and a loopback feed server for the poller."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from pathlib import Path

import pytest
from aiohttp import web

from tests.feeds.feed_server import FeedServer

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def fixture_bytes() -> Callable[[str], bytes]:
    """Read a fixture file by name, as the bytes a server would send."""

    def read(name: str) -> bytes:
        return (FIXTURES / name).read_bytes()

    return read


@pytest.fixture
async def feed_server() -> AsyncIterator[FeedServer]:
    server = FeedServer()
    app = web.Application()
    app.router.add_get("/{path:.*}", server.handle)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, FeedServer.HOST, 0)
    await site.start()
    server.base = f"http://{FeedServer.HOST}:{runner.addresses[0][1]}"
    yield server
    await runner.cleanup()
