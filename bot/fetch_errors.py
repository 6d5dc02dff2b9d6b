"""Why a URL could not be fetched: one exception class per reason, each with a message a user
can act on (in the reader's language on request: :meth:`bot.i18n.LocalizedError.in_language`).

:mod:`bot.fetch` raises them and re-exports them; callers may import them from either.
"""

from __future__ import annotations

from bot.i18n import LocalizedError

__all__ = [
    "BlockedAddressError",
    "FetchConnectionError",
    "FetchError",
    "FetchTimeoutError",
    "HostNotFoundError",
    "HttpStatusError",
    "InvalidUrlError",
    "TooLargeError",
    "TooManyRedirectsError",
    "UnsupportedContentError",
    "UnsupportedSchemeError",
]


class FetchError(LocalizedError):
    """Base class: the URL cannot be fetched; the message says why in words a user can act on
    (in the reader's language on request: :meth:`bot.i18n.LocalizedError.in_language`)."""


class InvalidUrlError(FetchError):
    """The text is not a well-formed web address."""


class UnsupportedSchemeError(FetchError):
    """The URL is not http or https (file://, ftp://, javascript: ...)."""


class BlockedAddressError(FetchError):
    """The host is, or resolves to, a loopback, private, link-local or otherwise local address."""


class HostNotFoundError(FetchError):
    """The host name does not resolve."""


class FetchConnectionError(FetchError):
    """The server could not be reached or broke the connection."""


class FetchTimeoutError(FetchError):
    """The whole fetch took longer than allowed."""


class TooLargeError(FetchError):
    """The page is bigger than allowed."""


class UnsupportedContentError(FetchError):
    """The page is not HTML or plain text (an image, a PDF...), or its encoding is unreadable."""


class TooManyRedirectsError(FetchError):
    """The URL redirects more than :data:`MAX_REDIRECTS` times."""


class HttpStatusError(FetchError):
    """The server answered with an error status; ``retry_after`` is its ``Retry-After``
    header, if any (a 429 or 503 saying when to come back)."""

    def __init__(
        self, message: str, /, *, code: int, retry_after: str | None = None, **fields: object
    ) -> None:
        super().__init__(message, **fields)
        self.status = code
        self.retry_after = retry_after
