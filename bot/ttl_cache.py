"""A small in-memory map whose entries expire, for answers that are cheap to ask again.

Used for getChatMember answers (:mod:`bot.access`) and for chats recently stored
(:mod:`bot.handlers.membership`). Losing an entry only costs one more API call or write, so the
size bound is the simplest one: when the map is full it is emptied, not pruned entry by entry.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

__all__ = ["TtlCache"]

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class TtlCache(Generic[K, V]):
    """Values kept for ``ttl`` seconds; at ``max_entries`` the cache is cleared before a new key.

    ``None`` is a value like any other (a user Telegram does not know in a chat), so
    :meth:`get` says whether the key was found separately from the value.
    """

    def __init__(
        self, ttl: float, max_entries: int, *, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.ttl = ttl
        self.max_entries = max_entries
        self._clock = clock
        self._entries: dict[K, tuple[float, V]] = {}

    def __len__(self) -> int:
        return len(self._entries)

    def get(self, key: K) -> tuple[bool, V | None]:
        """``(True, value)`` when ``key`` was put less than ``ttl`` seconds ago, else
        ``(False, None)``."""
        entry = self._entries.get(key)
        if entry is None or self._clock() - entry[0] >= self.ttl:
            return False, None
        return True, entry[1]

    def put(self, key: K, value: V) -> None:
        """Remember ``value`` for ``key`` from now on."""
        if key not in self._entries and len(self._entries) >= self.max_entries:
            self._entries.clear()
        self._entries[key] = (self._clock(), value)

    def forget(self, key: K) -> None:
        """Drop ``key`` if present."""
        self._entries.pop(key, None)

    def forget_where(self, matches: Callable[[K], bool]) -> None:
        """Drop every key for which ``matches(key)`` is true."""
        for key in [key for key in self._entries if matches(key)]:
            del self._entries[key]
