"""The settings: one frozen dataclass per section of the TOML file, each key with its default.

:class:`Config` holds one of each; :func:`section_classes` lists them by section name for the
loader, and :func:`describe_defaults` spells every default out (tests of config.example.toml).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import typing
from dataclasses import dataclass, field
from typing import Any, Literal

from bot.i18n import DEFAULT_LANGUAGE


@dataclass(frozen=True)
class BotConfig:
    """How the bot speaks: the language of groups and channels no administrator chose one for."""

    default_language: str = DEFAULT_LANGUAGE


@dataclass(frozen=True)
class TelegramConfig:
    """How to reach Telegram: token, API server and update mode."""

    token: str = field(default="", repr=False)
    base_url: str = "https://api.telegram.org/bot"
    base_file_url: str = "https://api.telegram.org/file/bot"
    mode: Literal["polling", "webhook"] = "polling"
    webhook_url: str = ""
    webhook_listen: str = "127.0.0.1"
    webhook_port: int = 8443
    webhook_secret: str = field(default="", repr=False)
    #: Show link previews under the bot's messages (cards, lists, digests, inline results).
    link_previews: bool = False


@dataclass(frozen=True)
class StorageConfig:
    """Where the library lives: a PostgreSQL database when ``url`` is set, else the SQLite file
    at ``path``."""

    path: str = "digest-bot.sqlite3"
    #: ``postgresql://user:password@host:port/dbname``; also read from ``DIGEST_BOT_DATABASE_URL``.
    url: str = field(default="", repr=False)

    @property
    def target(self) -> str:
        """What :class:`storage.Library` opens: the PostgreSQL URL, else the SQLite path."""
        return self.url or self.path


@dataclass(frozen=True)
class AccessConfig:
    """User ids of the owners and, when not empty, the only users allowed in private chats."""

    owners: tuple[int, ...] = ()
    allowed_users: tuple[int, ...] = ()


@dataclass(frozen=True)
class LibraryConfig:
    """Collections every chat sees: chat ids or ``@usernames``."""

    public_sources: tuple[int | str, ...] = ()


@dataclass(frozen=True)
class DigestConfig:
    """Defaults for ``/subscribe`` and the catch-up rule after downtime."""

    default_time: dt.time = dt.time(9, 0)
    timezone: str = "UTC"
    catch_up_hours: float = 6.0
    send_empty: bool = False
    #: How often due digests are looked for; 60 aligns the ticks to the start of each minute.
    tick_seconds: int = 60


@dataclass(frozen=True)
class LimitsConfig:
    """Sizes and rates that protect the bot from large or abusive input."""

    max_document_bytes: int = 5_000_000
    max_text_chars: int = 1_000_000
    #: Articles one sender may store in any hour; a burst of forwards counts article by article.
    ingest_per_hour: int = 300


@dataclass(frozen=True)
class FetchConfig:
    """Limits for fetching URLs; ``allow_private`` lifts the SSRF guard (tests, intranets)."""

    timeout_s: float = 15.0
    max_bytes: int = 5_000_000
    allow_private: bool = False


@dataclass(frozen=True)
class FeedsConfig:
    """Feed polling: interval floor and default, concurrency, completion and backfill, pausing.

    Intervals are written like ``/feed``'s (``15m``, ``1h``, ``1d``). ``min_interval`` is the
    floor for chat users (the command line accepts any interval from 1m).
    """

    min_interval: dt.timedelta = dt.timedelta(minutes=15)
    default_interval: dt.timedelta = dt.timedelta(hours=1)
    concurrency: int = 16
    per_host: int = 2
    full_text_below_words: int = 80
    backfill_items: int = 50
    pause_after_days: float = 3.0
    #: How often ``digest-bot run`` looks for due feeds (each feed keeps its own interval).
    tick_seconds: int = 60


@dataclass(frozen=True)
class StoriesConfig:
    """Grouping the same news from several sources into stories.

    ``window_hours``: an article joins a story only if published within this many hours of the
    story's first article; the candidate index holds the stories of this window.
    """

    window_hours: float = 48.0


@dataclass(frozen=True)
class MetricsConfig:
    """Where polling mode serves ``/metrics``, ``/healthz`` and ``/readyz``; port 0: nowhere.

    Webhook mode serves them on the webhook port in any case; a port here adds a listener of
    their own (to keep them off the address a proxy exposes).
    """

    port: int = 0
    host: str = "127.0.0.1"


@dataclass(frozen=True)
class ScaleConfig:
    """Several ``run --webhook`` processes: claim lease, Redis send pace (config.example.toml)."""

    lease_seconds: float = 30.0
    redis_url: str = field(default="", repr=False)


@dataclass(frozen=True)
class Config:
    """The whole configuration; ``source`` says where it was read from (for messages)."""

    bot: BotConfig = BotConfig()
    telegram: TelegramConfig = TelegramConfig()
    storage: StorageConfig = StorageConfig()
    access: AccessConfig = AccessConfig()
    library: LibraryConfig = LibraryConfig()
    digest: DigestConfig = DigestConfig()
    limits: LimitsConfig = LimitsConfig()
    fetch: FetchConfig = FetchConfig()
    feeds: FeedsConfig = FeedsConfig()
    stories: StoriesConfig = StoriesConfig()
    metrics: MetricsConfig = MetricsConfig()
    scale: ScaleConfig = ScaleConfig()
    source: str = field(default="built-in defaults", compare=False)


def section_classes() -> dict[str, type]:
    """Each section's name (as in the TOML file) and its dataclass, in :class:`Config`'s order."""
    hints = typing.get_type_hints(Config)
    return {f.name: hints[f.name] for f in dataclasses.fields(Config) if f.name != "source"}


def describe_defaults() -> dict[str, dict[str, Any]]:
    """Every section and key with its default value (used by tests of config.example.toml)."""
    result: dict[str, dict[str, Any]] = {}
    for name, cls in section_classes().items():
        default = cls()
        result[name] = {f.name: getattr(default, f.name) for f in dataclasses.fields(cls)}
    return result
