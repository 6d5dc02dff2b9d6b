"""Undo a response's Content-Encoding without ever holding more than a cap of decoded bytes.

httpx decodes each network read whole: one 64 KB read of a gzip bomb inflates to about 66 MB
before a caller can count it. Here the raw bytes are inflated with ``max_length``, so at most
the cap (plus one byte, to notice it was passed) is ever produced. Pure: no I/O.
"""

from __future__ import annotations

import zlib

__all__ = [
    "ACCEPT_ENCODING",
    "CappedBodyDecoder",
    "DecodedSizeExceededError",
    "UndecodableBodyError",
]

#: What to ask servers for: exactly what :class:`CappedBodyDecoder` can undo.
ACCEPT_ENCODING = "gzip, deflate"
_IDENTITY = frozenset({"", "identity"})
_GZIP = frozenset({"gzip", "x-gzip"})


class DecodedSizeExceededError(Exception):
    """The decoded body is larger than the cap."""


class UndecodableBodyError(Exception):
    """The Content-Encoding is one this decoder does not know, or the compressed data is damaged."""


class CappedBodyDecoder:
    """Feed raw chunks with :meth:`feed`, then take the decoded body from :meth:`finish`.

    Raises:
        DecodedSizeExceededError: as soon as the decoded bytes pass ``max_bytes``.
        UndecodableBodyError: an unknown encoding (at construction) or damaged data.
    """

    def __init__(self, content_encoding: str, max_bytes: int) -> None:
        encoding = content_encoding.strip().lower()
        self._max_bytes = max_bytes
        self._body = bytearray()
        self._inflater: zlib._Decompress | None
        if encoding in _IDENTITY:
            self._inflater = None
        elif encoding in _GZIP:
            self._inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
        elif encoding == "deflate":
            self._inflater = zlib.decompressobj(zlib.MAX_WBITS)
        else:
            raise UndecodableBodyError(f"unsupported content encoding {content_encoding!r}")
        # "deflate" should carry the zlib wrapper; some servers send raw deflate instead, which
        # shows as an error on the first chunk.
        self._may_be_raw_deflate = encoding == "deflate"

    def feed(self, raw: bytes) -> None:
        if self._inflater is None:
            self._keep(raw)
            return
        try:
            decoded = self._inflater.decompress(raw, self._room() + 1)
        except zlib.error as error:
            if not self._may_be_raw_deflate:
                raise UndecodableBodyError(f"damaged compressed data: {error}") from error
            self._may_be_raw_deflate = False
            self._inflater = zlib.decompressobj(-zlib.MAX_WBITS)
            self.feed(raw)
            return
        self._may_be_raw_deflate = False
        self._keep(decoded)

    def finish(self) -> bytes:
        """The whole decoded body (the compressed stream may end without its trailer)."""
        if self._inflater is not None:
            try:
                self._keep(self._inflater.flush())
            except zlib.error as error:
                raise UndecodableBodyError(f"damaged compressed data: {error}") from error
        return bytes(self._body)

    def _room(self) -> int:
        return self._max_bytes - len(self._body)

    def _keep(self, decoded: bytes) -> None:
        if len(decoded) > self._room():
            raise DecodedSizeExceededError(f"the decoded body passed {self._max_bytes} bytes")
        self._body += decoded
