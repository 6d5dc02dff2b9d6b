"""Fetch a web page for ingestion, with limits and a guard against server-side request forgery.

A user can make the bot fetch any URL, so every hop is checked before anything is sent:

* only ``http`` and ``https``;
* the host is normalised the way the C resolver reads it (``2130706433``, ``0177.0.0.1`` and
  ``0x7f.1`` are all ``127.0.0.1``; ``::ffff:127.0.0.1`` is IPv4 in disguise) and, when it is a
  name, resolved; every address it resolves to must be public unless ``allow_private``;
* redirects are followed by hand (at most :data:`MAX_REDIRECTS`) so each hop is checked again.

DNS rebinding: the name is resolved once per hop and the connection goes to that checked
address, never to a second resolution. The request URL carries the IP; the ``Host`` header and
the TLS server name (httpcore's ``sni_hostname`` extension, also used for certificate checks)
carry the original name, so virtual hosts and HTTPS work as usual. Proxies from the
environment are ignored (``trust_env=False``): a proxy would resolve the name itself.

The whole fetch, resolution and redirects included, is capped at ``timeout_s``; the body is
    defaults = {"User-Agent": _USER_AGENT, "Accept": accept, "Accept-Encoding": ACCEPT_ENCODING}
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import ipaddress
import logging
import re
import socket
import ssl
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from urllib.parse import SplitResult, urljoin, urlsplit

import httpx

from bot.capped_decoding import (
    ACCEPT_ENCODING,
    CappedBodyDecoder,
    DecodedSizeExceededError,
    UndecodableBodyError,
)
from bot.fetch_errors import (
    BlockedAddressError,
    FetchConnectionError,
    FetchError,
    FetchTimeoutError,
    HostNotFoundError,
    HttpStatusError,
    InvalidUrlError,
    TooLargeError,
    TooManyRedirectsError,
    UnsupportedContentError,
    UnsupportedSchemeError,
)
from bot.i18n import N_

__all__ = [
    "ALLOWED_CONTENT_TYPES",
    "MAX_REDIRECTS",
    "BlockedAddressError",
    "FetchConnectionError",
    "FetchError",
    "FetchTimeoutError",
    "FetchedPage",
    "HostNotFoundError",
    "HttpStatusError",
    "InvalidUrlError",
    "TooLargeError",
    "TooManyRedirectsError",
    "UnsupportedContentError",
    "UnsupportedSchemeError",
    "fetch_url",
    "is_blocked_address",
    "normalise_host",
]

log = logging.getLogger(__name__)

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

MAX_REDIRECTS = 5
MAX_URL_LENGTH = 2048
ALLOWED_CONTENT_TYPES = frozenset({"text/html", "application/xhtml+xml", "text/plain"})
_REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
_DEFAULT_PORTS = {"http": 80, "https": 443}
_USER_AGENT = "digest-bot/0.1 (news article fetcher)"
_ACCEPT = "text/html,application/xhtml+xml,text/plain;q=0.9"
# Hosts made only of numeric labels (decimal, octal or 0x-hex): the C resolver reads them as an
# IPv4 address (when there are 1 to 4 parts in range); they are never a valid host name.
_NUMERIC_HOST = re.compile(r"^(?:0x[0-9a-f]*|[0-9]+)(?:\.(?:0x[0-9a-f]*|[0-9]+))*\.?$")
_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")


@dataclass(frozen=True, slots=True)
class FetchedPage:
    """A fetched page: the URL asked for, the URL after redirects, its content type and body,
    the status (200, or 304 for a conditional request whose page did not change: no body) and
    the response headers (names in lower case)."""

    url: str
    final_url: str
    content_type: str
    body: bytes
    status: int = 200
    headers: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class _Target:
    """One hop, checked: where to connect and what to call the host in ``Host`` and TLS."""

    url: str
    scheme: str
    host: str
    port: int
    address: IPAddress

    @property
    def request_url(self) -> str:
        parts = urlsplit(self.url)
        literal = f"[{self.address}]" if self.address.version == 6 else str(self.address)
        path = parts.path or "/"
        query = f"?{parts.query}" if parts.query else ""
        return f"{self.scheme}://{literal}:{self.port}{path}{query}"

    @property
    def host_header(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return host if self.port == _DEFAULT_PORTS[self.scheme] else f"{host}:{self.port}"


def _embedded_ipv4(address: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 address stands for (mapped, 6to4, NAT64), if any."""
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address.sixtofour is not None:
        return address.sixtofour
    if address in _NAT64:
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return None


def is_blocked_address(address: IPAddress) -> bool:
    """Whether ``address`` is not a public unicast address (or hides one that is not)."""
    if isinstance(address, ipaddress.IPv6Address):
        embedded = _embedded_ipv4(address)
        if embedded is not None and is_blocked_address(embedded):
            return True
    return (
        address.is_loopback
        or address.is_private
        or address.is_link_local
        or address.is_multicast
        or address.is_reserved
        or address.is_unspecified
        or not address.is_global
    )


def normalise_host(host: str) -> IPAddress | str:
    """An IP address when ``host`` spells one in any form the resolver accepts, else the name.

    ``2130706433``, ``0177.0.0.1``, ``0x7f.1`` and ``127.1`` are all ``127.0.0.1``
    (``inet_aton`` semantics); names are lower-cased and IDNA-encoded.

    Raises:
        InvalidUrlError: a numeric host that is no valid address, or a name IDNA rejects.
    """
    host = host.strip().lower()
    try:
        return ipaddress.ip_address(host)
    except ValueError:
        pass
    if _NUMERIC_HOST.match(host):
        try:
            return ipaddress.IPv4Address(socket.inet_aton(host.rstrip(".")))
        except OSError as error:
            raise InvalidUrlError(N_("{host} is not a valid IP address."), host=host) from error
    try:
        return host.rstrip(".").encode("idna").decode("ascii")
    except UnicodeError as error:
        raise InvalidUrlError(N_("{host} is not a valid host name."), host=host) from error


def _split(url: str) -> SplitResult:
    if len(url) > MAX_URL_LENGTH:
        raise InvalidUrlError(
            N_("The link is longer than {limit} characters."), limit=MAX_URL_LENGTH
        )
    try:
        parts = urlsplit(url.strip())
        parts.port  # noqa: B018 - raises ValueError for a port out of range
    except ValueError as error:
        raise InvalidUrlError(N_("{url} is not a valid web address."), url=url) from error
    if parts.scheme.lower() not in _DEFAULT_PORTS:
        scheme = parts.scheme or "(none)"
        raise UnsupportedSchemeError(
            N_("Only http:// and https:// links can be fetched, not {scheme}."), scheme=scheme
        )
    if not parts.hostname:
        raise InvalidUrlError(N_("{url} has no host name."), url=url)
    return parts


async def _resolve(host: str, port: int) -> list[IPAddress]:
    loop = asyncio.get_running_loop()
    try:
        infos = await loop.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as error:
        raise HostNotFoundError(N_("Could not find the web site {host}."), host=host) from error
    addresses: list[IPAddress] = []
    for _family, _type, _proto, _name, sockaddr in infos:
        address = ipaddress.ip_address(str(sockaddr[0]).split("%", 1)[0])
        if address not in addresses:
            addresses.append(address)
    if not addresses:
        raise HostNotFoundError(N_("Could not find the web site {host}."), host=host)
    return addresses


async def _check_hop(url: str, *, allow_private: bool, exempt: frozenset[IPAddress]) -> _Target:
    """Validate one URL and choose the address to connect to.

    Raises:
        InvalidUrlError, UnsupportedSchemeError, HostNotFoundError, BlockedAddressError.
    """
    parts = _split(url)
    scheme = parts.scheme.lower()
    port = parts.port or _DEFAULT_PORTS[scheme]
    host = normalise_host(parts.hostname or "")
    if isinstance(host, str):
        addresses = await _resolve(host, port)
        name = host
    else:
        addresses = [host]
        name = str(host)
    if not allow_private:
        for address in addresses:
            if address not in exempt and is_blocked_address(address):
                raise BlockedAddressError(
                    N_(
                        "{host} is a private or local network address; only public web sites "
                        "can be fetched."
                    ),
                    host=name,
                )
    return _Target(url=parts.geturl(), scheme=scheme, host=name, port=port, address=addresses[0])


def _media_type(response: httpx.Response) -> str:
    declared = str(response.headers.get("content-type", ""))
    return declared.split(";", 1)[0].strip().lower()


async def _read_body(response: httpx.Response, max_bytes: int) -> bytes:
    """The decoded body, capped at ``max_bytes`` while it inflates (see bot.capped_decoding)."""
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise _too_large(max_bytes)
    try:
        decoder = CappedBodyDecoder(response.headers.get("content-encoding", ""), max_bytes)
        async for chunk in response.aiter_raw():
            decoder.feed(chunk)
        return decoder.finish()
    except DecodedSizeExceededError as error:
        raise _too_large(max_bytes) from error
    except UndecodableBodyError as error:
        raise UnsupportedContentError(
            N_("The site sent the page in a form I cannot read ({reason})."), reason=str(error)
        ) from error


def _too_large(max_bytes: int) -> TooLargeError:
    return TooLargeError(
        N_("The page is larger than {megabytes} MB, the most I fetch."),
        megabytes=max_bytes / 1_000_000,
    )


@contextlib.contextmanager
def _connection_errors(url: str, host: str) -> Iterator[None]:
    """Turn httpx's transport errors (timeouts aside) into one fixed sentence naming the host.

    Their own text (OS errors, resolved addresses, protocol details) is for the log, not for
    the user's chat.
    """
    try:
        yield
    except httpx.TimeoutException:
        raise
    except httpx.TransportError as error:
        log.info("fetching %s: the connection to %s failed: %r", url, host, error)
        raise FetchConnectionError(N_("Could not connect to {host}."), host=host) from error


async def _fetch_hops(
    client: httpx.AsyncClient,
    url: str,
    *,
    max_bytes: int,
    allow_private: bool,
    exempt: frozenset[IPAddress],
    headers: Mapping[str, str],
    content_types: frozenset[str] | None,
) -> FetchedPage:
    current = url
    for _hop in range(MAX_REDIRECTS + 1):
        target = await _check_hop(current, allow_private=allow_private, exempt=exempt)
        extensions = {"sni_hostname": target.host} if target.scheme == "https" else {}
        request = client.build_request(
            "GET",
            target.request_url,
            headers={**headers, "Host": target.host_header},
            extensions=extensions,
        )
        with _connection_errors(url, target.host):
            try:
                response = await client.send(request, stream=True)
            except httpx.InvalidURL as error:
                # The request URL was checked above; httpx parses a redirect's Location while
                # answering, so this is the site redirecting to something that is not an address.
                raise InvalidUrlError(
                    N_("{host} redirected to something that is not a valid web address."),
                    host=target.host,
                ) from error
            try:
                if response.status_code in _REDIRECT_STATUSES and "location" in response.headers:
                    current = urljoin(target.url, response.headers["location"])
                    continue
                answer = {name.lower(): value for name, value in response.headers.items()}
                page = FetchedPage(
                    url=url,
                    final_url=target.url,
                    content_type=answer.get("content-type", ""),
                    body=b"",
                    status=response.status_code,
                    headers=answer,
                )
                if response.status_code == 304:
                    return page
                if response.status_code >= 400:
                    status = f"{response.status_code} {response.reason_phrase or ''}".rstrip()
                    raise HttpStatusError(
                        N_("{host} answered {status}."),
                        host=target.host,
                        status=status,
                        code=response.status_code,
                        retry_after=answer.get("retry-after"),
                    )
                media_type = _media_type(response)
                # content_types None: the caller reads any body (a feed).
                if content_types is not None and not media_type:
                    raise UnsupportedContentError(
                        N_(
                            "The link points to content of an unstated type, not a web page "
                            "or plain text."
                        )
                    )
                if content_types is not None and media_type not in content_types:
                    raise UnsupportedContentError(
                        N_("The link points to {content}, not a web page or plain text."),
                        content=media_type,
                    )
                return replace(page, body=await _read_body(response, max_bytes))
            finally:
                await response.aclose()
    raise TooManyRedirectsError(
        N_("The link redirects more than {limit} times."), limit=MAX_REDIRECTS
    )


@functools.cache
def _tls_context() -> ssl.SSLContext:
    """The TLS context every fetch shares: building one reads the CA bundle (about 30 ms of
    CPU), which a feed cycle would otherwise pay for each of its thousands of requests."""
    return httpx.create_ssl_context(trust_env=False)


async def fetch_url(
    url: str,
    *,
    timeout_s: float,
    max_bytes: int,
    allow_private: bool = False,
    exempt: Iterable[IPAddress] = (),
    headers: Mapping[str, str] | None = None,
    accept: str = _ACCEPT,
    content_types: frozenset[str] | None = ALLOWED_CONTENT_TYPES,
) -> FetchedPage:
    """Fetch ``url`` (an HTML or plain-text page) within ``timeout_s`` seconds in all.

    ``exempt`` addresses pass the guard even when private (a known intranet server; tests).
    ``headers`` are sent with every hop (conditional requests); ``accept`` is the ``Accept``
    header and ``content_types`` the media types taken (None: any, the caller reads the body).

    Raises:
        FetchError: one of its subclasses, with a message that can be shown to the user.
    """
    timeout = httpx.Timeout(timeout_s)
    defaults = {"User-Agent": _USER_AGENT, "Accept": accept, "Accept-Encoding": ACCEPT_ENCODING}
    try:
        async with (
            asyncio.timeout(timeout_s),
            httpx.AsyncClient(
                timeout=timeout,
                headers=defaults,
                follow_redirects=False,
                trust_env=False,
                verify=_tls_context(),
            ) as client,
        ):
            return await _fetch_hops(
                client,
                url,
                max_bytes=max_bytes,
                allow_private=allow_private,
                exempt=frozenset(exempt),
                headers=headers or {},
                content_types=content_types,
            )
    except (TimeoutError, httpx.TimeoutException) as error:
        raise FetchTimeoutError(
            N_("The site did not deliver the page within {seconds} seconds."), seconds=timeout_s
        ) from error
    except httpx.InvalidURL as error:
        raise InvalidUrlError(N_("{url} is not a valid web address."), url=url) from error
