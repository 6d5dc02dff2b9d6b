"""fetch_url against a real HTTP server on 127.0.0.1: limits, redirects and the SSRF guard."""

from __future__ import annotations

import asyncio
import ipaddress
import logging
import socket
import time
from collections.abc import AsyncIterator

import pytest
from aiohttp import web

from bot.fetch import (
    MAX_REDIRECTS,
    BlockedAddressError,
    FetchConnectionError,
    FetchTimeoutError,
    HttpStatusError,
    InvalidUrlError,
    TooLargeError,
    TooManyRedirectsError,
    UnsupportedContentError,
    UnsupportedSchemeError,
    fetch_url,
    is_blocked_address,
    normalise_host,
)

LOOPBACK = ipaddress.ip_address("127.0.0.1")
PAGE = b"<html><head><title>Summit ends</title></head><body><p>Leaders met.</p></body></html>"


async def _page(request: web.Request) -> web.Response:
    return web.Response(body=PAGE, content_type="text/html", charset="utf-8")


async def _echo_host(request: web.Request) -> web.Response:
    return web.Response(text=request.headers.get("Host", ""), content_type="text/plain")


async def _redirect(request: web.Request) -> web.Response:
    raise web.HTTPFound(request.query["to"])


async def _chain(request: web.Request) -> web.Response:
    """/chain/N redirects N more times, then serves the page."""
    left = int(request.match_info["left"])
    if left == 0:
        return await _page(request)
    raise web.HTTPFound(f"/chain/{left - 1}")


async def _endless(request: web.Request) -> web.StreamResponse:
    response = web.StreamResponse(headers={"Content-Type": "text/html"})
    await response.prepare(request)
    chunk = b"<p>" + b"x" * 65_536 + b"</p>"
    while True:
        await response.write(chunk)


async def _declared_huge(request: web.Request) -> web.Response:
    return web.Response(body=b"x" * 2048, content_type="text/html")


async def _slow_drip(request: web.Request) -> web.StreamResponse:
    response = web.StreamResponse(headers={"Content-Type": "text/html"})
    await response.prepare(request)
    while True:
        await response.write(b"<p>a</p>")
        await asyncio.sleep(0.05)


async def _image(request: web.Request) -> web.Response:
    return web.Response(body=b"\x89PNG\r\n\x1a\n", content_type="image/png")


async def _missing(request: web.Request) -> web.Response:
    raise web.HTTPNotFound()


@pytest.fixture
async def server() -> AsyncIterator[str]:
    app = web.Application()
    app.router.add_get("/page", _page)
    app.router.add_get("/host", _echo_host)
    app.router.add_get("/redirect", _redirect)
    app.router.add_get("/chain/{left}", _chain)
    app.router.add_get("/endless", _endless)
    app.router.add_get("/huge", _declared_huge)
    app.router.add_get("/slow", _slow_drip)
    app.router.add_get("/image", _image)
    app.router.add_get("/missing", _missing)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = runner.addresses[0][1]
    yield f"http://127.0.0.1:{port}"
    await runner.cleanup()


def _port(base: str) -> int:
    return int(base.rsplit(":", 1)[1])


async def fetch(url: str, **options: object) -> object:
    settings: dict[str, object] = {"timeout_s": 5.0, "max_bytes": 1_000_000}
    settings.update(options)
    return await fetch_url(url, **settings)  # type: ignore[arg-type]


async def test_fetches_a_page_when_private_addresses_are_allowed(server: str) -> None:
    page = await fetch(f"{server}/page", allow_private=True)
    assert page.body == PAGE
    assert page.content_type.startswith("text/html")
    assert page.url == page.final_url == f"{server}/page"


async def test_the_pinned_connection_keeps_the_name_in_the_host_header(server: str) -> None:
    port = _port(server)
    page = await fetch(f"http://localhost:{port}/host", allow_private=True)
    assert page.body.decode() == f"localhost:{port}"


async def test_redirects_are_followed_and_the_final_url_reported(server: str) -> None:
    page = await fetch(f"{server}/chain/{MAX_REDIRECTS}", allow_private=True)
    assert page.body == PAGE
    assert page.final_url == f"{server}/chain/0"


async def test_more_redirects_than_allowed_are_refused(server: str) -> None:
    with pytest.raises(TooManyRedirectsError, match="more than 5"):
        await fetch(f"{server}/chain/{MAX_REDIRECTS + 1}", allow_private=True)


@pytest.mark.parametrize(
    "target",
    [
        "http://127.0.0.2:{port}/page",
        "http://[::1]:{port}/page",
        "http://10.1.2.3/",
        "http://169.254.169.254/latest/meta-data/",
        "http://2130706434:{port}/page",
        "http://0x7f.0.0.2:{port}/page",
    ],
)
async def test_a_redirect_to_a_private_address_is_refused(server: str, target: str) -> None:
    location = target.format(port=_port(server))
    with pytest.raises(BlockedAddressError, match="private or local"):
        # Only the test server itself is exempt: the hop after it must pass the guard.
        await fetch(f"{server}/redirect?to={location}", exempt=[LOOPBACK])


@pytest.mark.parametrize("target", ["file:///etc/passwd", "ftp://example.com/article.txt"])
async def test_a_redirect_to_another_scheme_is_refused_even_when_private_is_allowed(
    server: str, target: str
) -> None:
    with pytest.raises(UnsupportedSchemeError, match="Only http:// and https://"):
        await fetch(f"{server}/redirect?to={target}", allow_private=True)


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/",
        "http://localhost/",
        "http://LOCALHOST./",
        "http://[::1]/",
        "http://[::ffff:127.0.0.1]/",
        "http://[::ffff:7f00:1]/",
        "http://2130706433/",
        "http://0177.0.0.1/",
        "http://0x7f.1/",
        "http://127.1/",
        "http://0/",
        "http://0.0.0.0/",
        "http://10.0.0.1/",
        "http://192.168.1.1/",
        "http://172.16.0.1/",
        "http://100.64.0.1/",
        "http://169.254.169.254/",
        "http://[fe80::1]/",
        "http://[fc00::1]/",
        "http://224.0.0.1/",
        "http://[ff02::1]/",
        "http://[64:ff9b::7f00:1]/",
        "http://[2002:7f00:1::]/",
        "https://user:pass@127.0.0.1:8443/x",
    ],
)
async def test_local_and_private_hosts_are_refused(url: str) -> None:
    with pytest.raises(BlockedAddressError):
        await fetch(url)


@pytest.mark.parametrize(
    "url",
    ["file:///etc/passwd", "ftp://example.com/a.txt", "javascript:alert(1)", "gopher://x/"],
)
async def test_only_http_and_https_are_fetched(url: str) -> None:
    with pytest.raises(UnsupportedSchemeError):
        await fetch(url, allow_private=True)


@pytest.mark.parametrize("url", ["http://", "http://256.256.256.256.256/", "http://x:99999/"])
async def test_malformed_urls_are_refused(url: str) -> None:
    with pytest.raises(InvalidUrlError):
        await fetch(url, allow_private=True)


async def test_an_endless_body_stops_at_the_size_cap(server: str) -> None:
    started = time.monotonic()
    with pytest.raises(TooLargeError, match="larger than 0.2 MB"):
        await fetch(f"{server}/endless", allow_private=True, max_bytes=200_000)
    assert time.monotonic() - started < 3


async def test_a_declared_length_over_the_cap_is_refused(server: str) -> None:
    with pytest.raises(TooLargeError):
        await fetch(f"{server}/huge", allow_private=True, max_bytes=1024)


async def test_a_slow_drip_stops_at_the_total_time_cap(server: str) -> None:
    started = time.monotonic()
    with pytest.raises(FetchTimeoutError, match="within 0.5 seconds"):
        await fetch(f"{server}/slow", allow_private=True, timeout_s=0.5)
    assert time.monotonic() - started < 2


async def test_content_that_is_not_a_page_is_refused(server: str) -> None:
    with pytest.raises(UnsupportedContentError, match="image/png"):
        await fetch(f"{server}/image", allow_private=True)


async def test_an_error_status_is_reported(server: str) -> None:
    with pytest.raises(HttpStatusError, match="404"):
        await fetch(f"{server}/missing", allow_private=True)


@pytest.mark.parametrize(
    ("host", "expected"),
    [
        ("2130706433", "127.0.0.1"),
        ("0177.0.0.1", "127.0.0.1"),
        ("0x7f.1", "127.0.0.1"),
        ("0x7F000001", "127.0.0.1"),
        ("127.1", "127.0.0.1"),
        ("::ffff:127.0.0.1", "::ffff:7f00:1"),
        ("Example.COM", "example.com"),
        ("bücher.de", "xn--bcher-kva.de"),
    ],
)
def test_hosts_are_normalised_like_the_resolver_reads_them(host: str, expected: str) -> None:
    assert str(normalise_host(host)) == expected


def test_public_addresses_pass_the_guard() -> None:
    assert not is_blocked_address(ipaddress.ip_address("93.184.216.34"))
    assert not is_blocked_address(ipaddress.ip_address("2606:2800:220:1:248:1893:25c8:1946"))
    assert is_blocked_address(ipaddress.ip_address("::ffff:10.0.0.1"))


def _closed_port() -> int:
    """A local port nothing listens on (bound, then released)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


async def test_a_refused_connection_names_only_the_host(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="bot.fetch")
    with pytest.raises(FetchConnectionError) as info:
        await fetch(f"http://localhost:{_closed_port()}/page", allow_private=True)
    assert str(info.value) == "Could not connect to localhost."
    # The OS's words and the address stay in the log.
    assert "ConnectError" in caplog.text and "127.0.0.1" not in str(info.value)


async def test_a_refused_redirect_target_is_named(server: str) -> None:
    target = f"http://127.0.0.1:{_closed_port()}/page"
    with pytest.raises(FetchConnectionError, match=r"^Could not connect to 127\.0\.0\.1\.$"):
        await fetch(f"{server}/redirect?to={target}", allow_private=True)
