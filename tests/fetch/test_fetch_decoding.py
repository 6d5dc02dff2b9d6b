"""Content decoding under the size cap: a gzip bomb served on loopback never inflates past it."""

from __future__ import annotations

import gzip
import tracemalloc
import zlib
from collections.abc import AsyncIterator

import pytest
from aiohttp import web

from bot.capped_decoding import (
    CappedBodyDecoder,
    DecodedSizeExceededError,
    UndecodableBodyError,
)
from bot.fetch import TooLargeError, UnsupportedContentError, fetch_url

PAGE = b"<html><head><title>Summit ends</title></head><body><p>Leaders met.</p></body></html>"
MAX_BYTES = 1_000_000
BOMB_BYTES = 200_000_000  # 200 MB of zeros: about 200 KB on the wire


def _bomb() -> bytes:
    compressor = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    zeros = bytes(10_000_000)
    parts = [compressor.compress(zeros) for _ in range(BOMB_BYTES // len(zeros))]
    return b"".join(parts) + compressor.flush()


def _raw_deflate(data: bytes) -> bytes:
    compressor = zlib.compressobj(6, zlib.DEFLATED, -zlib.MAX_WBITS)
    return compressor.compress(data) + compressor.flush()


def _encoded(body: bytes, encoding: str) -> web.Response:
    return web.Response(
        body=body, headers={"Content-Type": "text/html", "Content-Encoding": encoding}
    )


@pytest.fixture(scope="module")
def bomb() -> bytes:
    return _bomb()


@pytest.fixture
async def server(bomb: bytes) -> AsyncIterator[str]:
    routes = {
        "/bomb": lambda request: _encoded(bomb, "gzip"),
        "/gzip": lambda request: _encoded(gzip.compress(PAGE), "gzip"),
        "/deflate": lambda request: _encoded(zlib.compress(PAGE), "deflate"),
        "/raw-deflate": lambda request: _encoded(_raw_deflate(PAGE), "deflate"),
        "/brotli": lambda request: _encoded(b"\x8b\x02\x80hello\x03", "br"),
        "/damaged": lambda request: _encoded(b"<html>not gzip at all</html>", "gzip"),
        "/echo-accept-encoding": lambda request: web.Response(
            text=request.headers.get("Accept-Encoding", ""), content_type="text/plain"
        ),
    }
    app = web.Application()
    for path, handler in routes.items():

        async def respond(request: web.Request, handler=handler) -> web.Response:
            return handler(request)

        app.router.add_get(path, respond)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    yield f"http://127.0.0.1:{runner.addresses[0][1]}"
    await runner.cleanup()


async def _fetch(url: str) -> bytes:
    page = await fetch_url(url, timeout_s=20.0, max_bytes=MAX_BYTES, allow_private=True)
    return page.body


async def test_a_gzip_bomb_never_holds_more_than_the_cap_decoded(server: str, bomb: bytes) -> None:
    assert len(bomb) < 300_000
    tracemalloc.start()
    try:
        with pytest.raises(TooLargeError):
            await _fetch(f"{server}/bomb")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    # the compressed body, the cap and buffers: a few MB, not the ~66 MB one read inflates to
    assert peak < 6 * MAX_BYTES, f"peak {peak:,} bytes"


@pytest.mark.parametrize("path", ["/gzip", "/deflate", "/raw-deflate"])
async def test_compressed_pages_are_decoded(server: str, path: str) -> None:
    assert await _fetch(f"{server}{path}") == PAGE


@pytest.mark.parametrize(
    ("path", "reason"),
    [("/brotli", "unsupported content encoding 'br'"), ("/damaged", "damaged compressed data")],
)
async def test_unreadable_encodings_are_refused(server: str, path: str, reason: str) -> None:
    with pytest.raises(UnsupportedContentError, match=reason):
        await _fetch(f"{server}{path}")


async def test_only_encodings_it_can_undo_are_asked_for(server: str) -> None:
    assert await _fetch(f"{server}/echo-accept-encoding") == b"gzip, deflate"


@pytest.mark.parametrize("encoding", ["identity", "gzip", "deflate"])
def test_the_cap_is_exact(encoding: str) -> None:
    body = b"x" * 1000
    encode = {"identity": bytes, "gzip": gzip.compress, "deflate": zlib.compress}[encoding]
    at_cap = CappedBodyDecoder(encoding, 1000)
    at_cap.feed(encode(body))
    assert at_cap.finish() == body
    over = CappedBodyDecoder(encoding, 999)
    with pytest.raises(DecodedSizeExceededError):
        over.feed(encode(body))
        over.finish()


def test_a_bomb_fed_whole_yields_at_most_one_byte_over_the_cap() -> None:
    decoder = CappedBodyDecoder("gzip", 5000)
    with pytest.raises(DecodedSizeExceededError):
        decoder.feed(gzip.compress(bytes(50_000_000)))
    with pytest.raises(UndecodableBodyError):
        CappedBodyDecoder("compress", 10)
