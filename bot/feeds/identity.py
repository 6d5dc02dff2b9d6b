"""How a feed item is recognised when it comes again: GUID, then canonical URL, then content.

A feed may re-date or reorder its items, drop and re-add them, or carry an item another feed of
the same collection carries too. The keys, in priority order:

1. ``guid``: the item's GUID / Atom ``id`` / JSON ``id``. Meaningful within one feed only.
2. ``url``: the canonical form of its link (:func:`bot.feeds.urls.canonical_url`). Shared by
   every feed of a collection.
3. ``hash``: a digest of its title and text, for items with neither GUID nor link. Shared too.

Storage records every key an item has and treats an item as known when any key is known.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from typing import Literal, NamedTuple

from bot.feeds.model import FeedItem
from bot.feeds.urls import canonical_url

__all__ = ["ItemKey", "identity_keys", "item_content_hash"]

_SPACES = re.compile(r"\s+")


class ItemKey(NamedTuple):
    """One way of recognising an item; ``str(key)`` is ``"kind:value"``."""

    kind: Literal["guid", "url", "hash"]
    value: str

    def __str__(self) -> str:
        return f"{self.kind}:{self.value}"


def _normalised(text: str | None) -> str:
    return _SPACES.sub(" ", unicodedata.normalize("NFKC", text or "")).strip().casefold()


def item_content_hash(item: FeedItem) -> str:
    """SHA-256 (hex) of the item's title and text, insensitive to case, white space and Unicode
    compatibility forms, and blind to its date and link: a re-dated item hashes the same."""
    material = f"{_normalised(item.title)}\n{_normalised(item.body)}"
    return hashlib.sha256(material.encode("utf-8")).hexdigest()


def identity_keys(item: FeedItem) -> tuple[ItemKey, ...]:
    """The keys ``item`` can be recognised by, strongest first (see the module notes).
    An item with no title and no text has no content key."""
    keys: list[ItemKey] = []
    if item.guid:
        keys.append(ItemKey("guid", item.guid))
    if item.link:
        keys.append(ItemKey("url", canonical_url(item.link)))
    if not item.is_empty:
        keys.append(ItemKey("hash", item_content_hash(item)))
    return tuple(keys)
