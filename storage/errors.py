"""Exceptions raised by the storage package.

Every error the library raises on purpose derives from :class:`StorageError`, so the bot and the
CLI can turn all of them into a short message at one boundary. Messages say what to do next.
"""

from __future__ import annotations


class StorageError(Exception):
    """Base class of every error raised on purpose by the storage package."""


class DatabaseOpenError(StorageError):
    """The database file cannot be created or opened (bad path, permissions, not SQLite)."""


class SchemaTooNewError(StorageError):
    """The database was migrated by a newer digest-bot than the one running now."""


class NaiveDatetimeError(StorageError, ValueError):
    """A datetime without a time zone was given where an aware (UTC) datetime is required."""


class SubscriptionNotFoundError(StorageError, LookupError):
    """The subscription id does not exist (it may have been removed meanwhile)."""


class DeliveryAlreadyRecordedError(StorageError):
    """This part of this digest was already recorded as delivered: sending it again is a bug."""


class LibraryClosedError(StorageError):
    """The library was closed; open a new one."""


class ChatNotFoundError(StorageError, LookupError):
    """The chat is not known yet: store it with ``upsert_chat`` first."""


class FeedNotFoundError(StorageError, LookupError):
    """The feed id does not exist (it may have been removed meanwhile)."""


class FeedExistsError(StorageError):
    """The chat already follows this feed URL; ``feed_id`` is the existing feed."""

    def __init__(self, message: str, *, feed_id: int) -> None:
        super().__init__(message)
        self.feed_id = feed_id


class DatabaseError(StorageError):
    """SQLite failed (disk full, I/O error, database locked for too long, corrupted file).

    The message keeps SQLite's own words; the original error is chained as ``__cause__``.
    """
