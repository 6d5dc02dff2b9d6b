"""The SSRF guard and the fetch caps, beyond ``tests/fetch/test_fetch.py``: names that resolve to
local addresses (DNS rebinding), more spellings of local addresses, redirects into them, and
servers that stall, drip or never stop, against a real HTTP server on 127.0.0.1.

Name resolution is the one seam replaced: the test machine has no DNS, so the event loop's
``getaddrinfo`` answers for the ``*.test`` names below (and only for them) as a hostile DNS
server would.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
import time
import zlib
from collections.abc import AsyncIterator
from urllib.parse import quote

import pytest
from aiohttp import web

from bot.fetch import (
    BlockedAddressError,
    FetchTimeoutError,
    InvalidUrlError,
    TooLargeError,
    UnsupportedSchemeError,
    fetch_url,
)

LOOPBACK = ipaddress.ip_address("127.0.0.1")
PAGE = b"<html><head><title>Summit</title></head><body><p>Leaders met.</p></body></html>"
#: What the hostile DNS server answers: name -> addresses.
HOSTILE_DNS = {
    "rebind.test": ["127.0.0.2"],
    "metadata.test": ["169.254.169.254"],
    "mixed.test": ["93.184.216.34", "10.0.0.7"],
    "mapped.test": ["::ffff:127.0.0.1"],
    "v6local.test": ["::1"],
    "ula.test": ["fd00::1"],
}


@pytest.fixture
async def hostile_dns(monkeypatch: pytest.MonkeyPatch) -> None:
    loop = asyncio.get_running_loop()
    real = loop.getaddrinfo

    async def getaddrinfo(host: str, port: int, *args: object, **kwargs: object) -> list:
        if host not in HOSTILE_DNS:
            return await real(host, port, *args, **kwargs)
        answers = []
        for address in HOSTILE_DNS[host]:
            family = socket.AF_INET6 if ":" in address else socket.AF_INET
            sockaddr = (address, port, 0, 0) if family == socket.AF_INET6 else (address, port)
            answers.append((family, socket.SOCK_STREAM, 6, "", sockaddr))
        return answers

    monkeypatch.setattr(loop, "getaddrinfo", getaddrinfo)


async def _page(request: web.Request) -> web.Response:
    return web.Response(body=PAGE, content_type="text/html")


async def _redirect(request: web.Request) -> web.Response:
    raise web.HTTPFound(request.query["to"])


async def _slow_redirect(request: web.Request) -> web.Response:
    """Each hop takes 0.3 s, and there are always more hops: only a total cap stops it."""
    await asyncio.sleep(0.3)
    left = int(request.match_info["left"])
    raise web.HTTPFound(f"/slow-redirect/{max(left - 1, 0)}")


async def _silent(request: web.Request) -> web.Response:
    """Accepts the connection and sends no headers for longer than any cap in these tests."""
    await asyncio.sleep(2)
    return await _page(request)


async def _gzip_bomb(request: web.Request) -> web.StreamResponse:
    """A small compressed body that inflates without end."""
    response = web.StreamResponse(headers={"Content-Type": "text/html", "Content-Encoding": "gzip"})
    await response.prepare(request)
    compressor = zlib.compressobj(1, zlib.DEFLATED, 31)
    block = b"<p>" + b"A" * 1_000_000 + b"</p>"
    while True:
        await response.write(compressor.compress(block) + compressor.flush(zlib.Z_SYNC_FLUSH))
        await asyncio.sleep(0)  # the client shares this event loop


async def _big_slow_chunks(request: web.Request) -> web.StreamResponse:
    """Endless, and slow: 64 KB every 0.1 s; the time cap or the size cap, whichever first."""
    response = web.StreamResponse(headers={"Content-Type": "text/plain"})
    await response.prepare(request)
    while True:
        await response.write(b"x" * 65_536)
        await asyncio.sleep(0.1)


@pytest.fixture
async def server() -> AsyncIterator[str]:
    app = web.Application()
    app.router.add_get("/page", _page)
    app.router.add_get("/redirect", _redirect)
    app.router.add_get("/slow-redirect/{left}", _slow_redirect)
    app.router.add_get("/silent", _silent)
    app.router.add_get("/gzip-bomb", _gzip_bomb)
    app.router.add_get("/big-slow", _big_slow_chunks)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    yield f"http://127.0.0.1:{runner.addresses[0][1]}"
    await runner.cleanup()


async def fetch(url: str, **options: object) -> object:
    settings: dict[str, object] = {"timeout_s": 5.0, "max_bytes": 1_000_000}
    settings.update(options)
    return await fetch_url(url, **settings)  # type: ignore[arg-type]


@pytest.mark.usefixtures("hostile_dns")
@pytest.mark.parametrize("host", sorted(HOSTILE_DNS))
async def test_a_name_that_resolves_to_a_local_address_is_refused(host: str) -> None:
    with pytest.raises(BlockedAddressError, match="private or local"):
        await fetch(f"http://{host}/news")


@pytest.mark.usefixtures("hostile_dns")
async def test_a_redirect_to_a_name_that_resolves_to_loopback_is_refused(server: str) -> None:
    port = server.rsplit(":", 1)[1]
    with pytest.raises(BlockedAddressError):
        await fetch(f"{server}/redirect?to=http://rebind.test:{port}/page", exempt=[LOOPBACK])


@pytest.mark.parametrize(
    "url",
    [
        "http://017700000001/",  # octal, one part
        "http://0x7f000001/",  # hexadecimal, one part
        "http://0x7f.0x0.0x0.0x1/",
        "http://0177.0.1/",
        "http://127.000.000.001/",
        "http://3232235777/",  # 192.168.1.1 in decimal
        "http://0xa9fea9fe/",  # 169.254.169.254 (cloud metadata)
        "http://[::]/",
        "http://[::127.0.0.1]/",  # IPv4-compatible IPv6
        "http://[0:0:0:0:0:ffff:7f00:1]/",
        "http://[::ffff:a9fe:a9fe]/",
        "http://[::ffff:192.168.0.1]:8080/",
        "http://[fe80::1%25eth0]/",
        "HTTP://LOCALHOST:80/",
        "http://evil.com@127.0.0.1/",  # userinfo that looks like a host
    ],
)
async def test_more_spellings_of_local_addresses_are_refused(url: str) -> None:
    with pytest.raises((BlockedAddressError, InvalidUrlError)):
        await fetch(url)


@pytest.mark.parametrize(
    "target",
    [
        "http://017700000002:{port}/page",
        "http://[::ffff:127.0.0.2]:{port}/page",
        "http://[::ffff:7f00:2]:{port}/page",
        "http://0x7f000002:{port}/page",
        "http://127.2:{port}/page",
        "http://[::1]:{port}/page",
    ],
)
async def test_redirects_into_local_spellings_are_refused(server: str, target: str) -> None:
    location = target.format(port=server.rsplit(":", 1)[1])
    with pytest.raises(BlockedAddressError):
        await fetch(f"{server}/redirect?to={location}", exempt=[LOOPBACK])


@pytest.mark.parametrize(
    "url",
    [
        "data:text/html,<p>hi</p>",
        "//example.com/news",
        "ws://example.com/",
        "dict://127.0.0.1:11211/stats",
        "ldap://127.0.0.1/",
        "jar:http://example.com/x.jar!/",
    ],
)
async def test_non_http_schemes_are_refused(url: str) -> None:
    with pytest.raises(UnsupportedSchemeError):
        await fetch(url, allow_private=True)


@pytest.mark.parametrize("target", ["data:text/html,<p>x</p>", "ws://example.com/", "//[::1]/"])
async def test_redirects_to_non_http_schemes_are_refused(server: str, target: str) -> None:
    # httpx itself rejects some Location values (InvalidUrlError): refused all the same, and the
    # message names the redirect, not the link the user sent (which was fine).
    with pytest.raises((UnsupportedSchemeError, BlockedAddressError, InvalidUrlError)) as info:
        await fetch(f"{server}/redirect?to={quote(target, safe='')}", exempt=[LOOPBACK])
    if isinstance(info.value, InvalidUrlError):
        assert "redirected to" in str(info.value)
        assert "/redirect" not in str(info.value)


async def test_a_server_that_never_sends_headers_stops_at_the_time_cap(server: str) -> None:
    started = time.monotonic()
    with pytest.raises(FetchTimeoutError):
        await fetch(f"{server}/silent", allow_private=True, timeout_s=0.5)
    assert time.monotonic() - started < 2


async def test_slow_redirects_stop_at_the_total_time_cap(server: str) -> None:
    """Every hop is quicker than the cap; only a cap on the whole fetch stops the chain."""
    started = time.monotonic()
    with pytest.raises(FetchTimeoutError):
        await fetch(f"{server}/slow-redirect/4", allow_private=True, timeout_s=0.8)
    assert time.monotonic() - started < 2


async def test_a_gzip_bomb_stops_at_the_size_cap_after_decoding(server: str) -> None:
    started = time.monotonic()
    with pytest.raises(TooLargeError):
        await fetch(f"{server}/gzip-bomb", allow_private=True, max_bytes=2_000_000)
    assert time.monotonic() - started < 3


async def test_a_slow_endless_body_stops_at_whichever_cap_comes_first(server: str) -> None:
    started = time.monotonic()
    with pytest.raises(TooLargeError):
        await fetch(f"{server}/big-slow", allow_private=True, max_bytes=300_000, timeout_s=5)
    with pytest.raises(FetchTimeoutError):
        await fetch(f"{server}/big-slow", allow_private=True, max_bytes=10**9, timeout_s=0.6)
    assert time.monotonic() - started < 4
