"""fetch_url for feeds: conditional requests, 304, any content type, response headers."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from aiohttp import web

from bot.fetch import HttpStatusError, UnsupportedContentError, fetch_url

FEED = b"<?xml version='1.0'?><rss version='2.0'><channel><title>T</title></channel></rss>"
ETAG = '"v1"'


async def _feed(request: web.Request) -> web.Response:
    if request.headers.get("If-None-Match") == ETAG:
        return web.Response(status=304, headers={"ETag": ETAG})
    return web.Response(
        body=FEED,
        headers={
            "ETag": ETAG,
            "Content-Type": "application/rss+xml",
            "X-Accept": request.headers.get("Accept", ""),
        },
    )


async def _busy(request: web.Request) -> web.Response:
    return web.Response(status=503, headers={"Retry-After": "120"})


@pytest.fixture
async def server() -> AsyncIterator[str]:
    app = web.Application()
    app.router.add_get("/feed", _feed)
    app.router.add_get("/busy", _busy)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    yield f"http://127.0.0.1:{runner.addresses[0][1]}"
    await runner.cleanup()


async def get(url: str, **options: object) -> object:
    settings: dict[str, object] = {"timeout_s": 5.0, "max_bytes": 100_000, "allow_private": True}
    return await fetch_url(url, **{**settings, **options})  # type: ignore[arg-type]


async def test_a_feed_type_is_refused_by_default_and_taken_when_asked(server: str) -> None:
    with pytest.raises(UnsupportedContentError):
        await get(f"{server}/feed")
    page = await fetch_url(
        f"{server}/feed",
        timeout_s=5.0,
        max_bytes=100_000,
        allow_private=True,
        accept="application/rss+xml",
        content_types=None,
    )
    assert page.status == 200 and page.body == FEED
    assert page.headers["etag"] == ETAG and page.headers["x-accept"] == "application/rss+xml"


async def test_a_conditional_request_answered_304_has_no_body(server: str) -> None:
    page = await fetch_url(
        f"{server}/feed",
        timeout_s=5.0,
        max_bytes=100_000,
        allow_private=True,
        headers={"If-None-Match": ETAG},
        content_types=None,
    )
    assert page.status == 304 and page.body == b"" and page.headers["etag"] == ETAG


async def test_an_error_status_keeps_retry_after(server: str) -> None:
    with pytest.raises(HttpStatusError) as raised:
        await get(f"{server}/busy")
    assert raised.value.status == 503 and raised.value.retry_after == "120"
    assert "503" in str(raised.value)
