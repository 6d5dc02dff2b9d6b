"""Storage: the only code that speaks SQL. Everything callers need is importable from here."""

from storage.aio import AsyncLibrary
from storage.errors import (
    ChatNotFoundError,
    DatabaseError,
    DatabaseOpenError,
    DeliveryAlreadyRecordedError,
    LibraryClosedError,
    NaiveDatetimeError,
    SchemaTooNewError,
    StorageError,
    SubscriptionNotFoundError,
)
from storage.library import Library
from storage.models import (
    SNIPPET_END,
    SNIPPET_START,
    AddResult,
    Article,
    Chat,
    LibraryStats,
    NewArticle,
    SearchHit,
    SearchPage,
    Subscription,
)
from storage.query import ParsedQuery, parse_query

__all__ = [
    "SNIPPET_END",
    "SNIPPET_START",
    "AddResult",
    "Article",
    "AsyncLibrary",
    "Chat",
    "ChatNotFoundError",
    "DatabaseError",
    "DatabaseOpenError",
    "DeliveryAlreadyRecordedError",
    "Library",
    "LibraryClosedError",
    "LibraryStats",
    "NaiveDatetimeError",
    "NewArticle",
    "ParsedQuery",
    "SchemaTooNewError",
    "SearchHit",
    "SearchPage",
    "StorageError",
    "Subscription",
    "SubscriptionNotFoundError",
    "parse_query",
]
