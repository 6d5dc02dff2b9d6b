"""A loopback feed server and an RSS writer for the poller tests (imported by conftest)."""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import html
from collections.abc import AsyncIterator

from aiohttp import web

__all__ = ["BILLION_LAUGHS", "FeedServer", "rss", "running_feed_server"]


class FeedServer:
    """A loopback web server for the poller tests (aiohttp on 127.0.0.2, a real socket).

    ``serve(path, body, content_type)`` publishes a document, answered with an ``ETag`` and a
    ``Last-Modified`` and with 304 to a matching conditional request. Fixed hostile routes:
    ``/loop`` redirects to itself, ``/garbage`` streams 10 MB of noise, ``/laughs`` is a
    billion-laughs document, ``/drip`` sends a byte every half second for 30 s, ``/busy``
    answers 503 with ``Retry-After: 3600``, ``/slow/<n>`` is a feed answered after 0.3 s.
    Every request's path and headers are kept in ``requests``; ``max_in_flight`` is the most
    requests the server was answering at once. ``delay`` seconds pass before a published
    document is answered (polls long enough to be interrupted).
    """

    HOST = "127.0.0.2"
    LAST_MODIFIED = "Sat, 01 Mar 2025 10:00:00 GMT"

    def __init__(self) -> None:
        self.documents: dict[str, tuple[bytes, str]] = {}
        self.requests: list[tuple[str, dict[str, str]]] = []
        self.in_flight = 0
        self.max_in_flight = 0
        self.delay = 0.0
        self.base = ""

    def url(self, path: str, host: str = HOST) -> str:
        return f"{self.base.replace(self.HOST, host)}/{path}"

    def serve(self, path: str, body: bytes, content_type: str = "application/rss+xml") -> str:
        self.documents[path] = (body, content_type)
        return self.url(path)

    def headers_of(self, path: str) -> list[dict[str, str]]:
        return [headers for seen, headers in self.requests if seen == path]

    async def handle(self, request: web.Request) -> web.StreamResponse:
        path = request.match_info["path"]
        self.requests.append((path, dict(request.headers)))
        self.in_flight += 1
        self.max_in_flight = max(self.max_in_flight, self.in_flight)
        try:
            return await self._answer(path, request)
        finally:
            self.in_flight -= 1

    async def _answer(self, path: str, request: web.Request) -> web.StreamResponse:
        if path == "loop":
            raise web.HTTPFound("/loop")
        if path == "busy":
            return web.Response(status=503, headers={"Retry-After": "3600"})
        if path == "laughs":
            return web.Response(body=BILLION_LAUGHS, content_type="application/rss+xml")
        if path in ("garbage", "drip"):
            return await self._stream(request, drip=path == "drip")
        if path.startswith("slow/"):
            await asyncio.sleep(0.3)
            path = "slow"
        if path not in self.documents:
            raise web.HTTPNotFound()
        if self.delay:
            await asyncio.sleep(self.delay)
        body, content_type = self.documents[path]
        etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
        validators = {"ETag": etag, "Last-Modified": self.LAST_MODIFIED}
        if request.headers.get("If-None-Match") == etag:
            return web.Response(status=304, headers=validators)
        return web.Response(body=body, headers={**validators, "Content-Type": content_type})

    @staticmethod
    async def _stream(request: web.Request, *, drip: bool) -> web.StreamResponse:
        response = web.StreamResponse(headers={"Content-Type": "application/rss+xml"})
        await response.prepare(request)
        if drip:
            for _ in range(60):
                await response.write(b"<")
                await asyncio.sleep(0.5)
        else:
            noise = bytes(range(256)) * 256  # 64 KiB
            for _ in range(160):  # 10 MiB
                await response.write(noise)
        return response


@contextlib.asynccontextmanager
async def running_feed_server() -> AsyncIterator[FeedServer]:
    """A :class:`FeedServer` listening on a free port of 127.0.0.2 until the block ends."""
    server = FeedServer()
    app = web.Application()
    app.router.add_get("/{path:.*}", server.handle)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, FeedServer.HOST, 0)
    await site.start()
    server.base = f"http://{FeedServer.HOST}:{runner.addresses[0][1]}"
    try:
        yield server
    finally:
        await runner.cleanup()


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE rss [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<rss version="2.0"><channel><title>&lol9;</title>
<item><title>&lol9;</title><description>&lol9;</description></item>
</channel></rss>
"""


#: A GUID is not a link here (RSS reads a bare <guid> as the item's permalink).
_OPEN = {"guid": 'guid isPermaLink="false"'}


def rss(items: list[dict[str, str]], title: str = "Wire") -> bytes:
    """An RSS 2.0 document; each item a dict of its elements (guid, link, title, pubDate,
    description), values escaped, GUIDs marked as no permalinks."""
    entries = "".join(
        "<item>"
        + "".join(
            f"<{_OPEN.get(name, name)}>{html.escape(value)}</{name}>"
            for name, value in item.items()
        )
        + "</item>"
        for item in items
    )
    return (
        f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>{html.escape(title)}</title><link>https://wire.example/</link>{entries}"
        "</channel></rss>"
    ).encode()
