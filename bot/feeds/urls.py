"""Links in feeds: made absolute, kept only when web links, and put in one canonical form.

The canonical form is what makes one article found through two feeds, or through a feed that
adds campaign parameters, the same item: fragment removed, ``utm_*``, ``fbclid`` and ``gclid``
removed, scheme and host lower-cased, the default port dropped, an empty path made ``/``.
"""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

__all__ = ["canonical_url", "resolve_link"]

_WEB_SCHEMES = frozenset({"http", "https"})
_DEFAULT_PORTS = {"http": 80, "https": 443}
_TRACKING_PARAMETERS = frozenset({"fbclid", "gclid"})


def resolve_link(href: str | None, base: str | None) -> str | None:
    """``href`` made absolute against ``base``; None unless the result is an http(s) URL with
    a host (``javascript:``, ``mailto:`` and relative links without a base are dropped)."""
    if not href or not href.strip():
        return None
    try:
        absolute = urljoin(base or "", href.strip())
        parts = urlsplit(absolute)
    except ValueError:
        return None
    if parts.scheme.lower() not in _WEB_SCHEMES or not parts.hostname:
        return None
    return absolute


def _is_tracking(name: str) -> bool:
    lowered = name.lower()
    return lowered.startswith("utm_") or lowered in _TRACKING_PARAMETERS


def canonical_url(url: str) -> str:
    """The form of ``url`` two links to one article share.

    ``HTTPS://Example.COM:443/a?utm_source=x&id=3#top`` -> ``https://example.com/a?id=3``.
    The path and the remaining query keep their case and order: servers may tell them apart.
    """
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if ":" in host:  # an IPv6 literal keeps its brackets
        host = f"[{host}]"
    try:
        port = parts.port
    except ValueError:
        port = None
    if port is not None and port != _DEFAULT_PORTS.get(scheme):
        host = f"{host}:{port}"
    userinfo = parts.netloc.rpartition("@")[0]
    netloc = f"{userinfo}@{host}" if userinfo else host
    query_pairs = parse_qsl(parts.query, keep_blank_values=True)
    kept = [(name, value) for name, value in query_pairs if not _is_tracking(name)]
    query = parts.query if len(kept) == len(query_pairs) else urlencode(kept)
    path = parts.path or ("/" if netloc else "")
    return urlunsplit((scheme, netloc, path, query, ""))
