"""Configuration: a TOML file plus environment overrides, validated once into frozen dataclasses.

Every setting has a default, so the bot starts with no file at all. Environment variables override
the file: ``DIGEST_BOT_TOKEN`` sets ``[telegram] token`` (``DIGEST_BOT_TELEGRAM_TOKEN``, the
general spelling, is read too; ``DIGEST_BOT_TOKEN`` wins when both are set),
``DIGEST_BOT_DATABASE_URL`` sets ``[storage] url`` (as ``DIGEST_BOT_STORAGE_URL`` does) and
``DIGEST_BOT_<SECTION>_<KEY>`` sets any other key (``DIGEST_BOT_STORAGE_PATH``,
``DIGEST_BOT_DIGEST_SEND_EMPTY=true``, lists comma-separated: ``DIGEST_BOT_ACCESS_OWNERS=1,2``).
Any wrong value raises :class:`ConfigError` naming the key and where it came from; the CLI turns
that into a one-line message and exit code 2.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import math
import os
import re
import tomllib
import typing
import zoneinfo
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from bot.i18n import DEFAULT_LANGUAGE, SUPPORTED_LANGUAGES, UnsupportedLanguageError, get_language

ENV_PREFIX = "DIGEST_BOT_"
#: Sets ``[storage] url`` as ``DIGEST_BOT_STORAGE_URL`` does (which wins when both are set).
DATABASE_URL_ENV = "DIGEST_BOT_DATABASE_URL"
POSTGRES_URL_SCHEMES = ("postgresql://", "postgres://")
TOKEN_ENV = "DIGEST_BOT_TOKEN"
#: The ``DIGEST_BOT_<SECTION>_<KEY>`` spelling of the token; :data:`TOKEN_ENV` wins over it.
TOKEN_ENV_ALIAS = "DIGEST_BOT_TELEGRAM_TOKEN"
DEFAULT_CONFIG_FILE = Path("config.toml")
#: What @BotFather hands out: the bot's numeric id, a colon, then 30+ letters, digits, _ or -.
#: Checked at load: a stray value (``e``, a blank) would otherwise be redacted from every log line.
TOKEN_SHAPE = re.compile(r"[0-9]+:[A-Za-z0-9_-]{30,}")


class ConfigError(Exception):
    """A configuration value is missing, unknown or of the wrong form; the message names the key."""


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
    #: ``postgresql://user:password@host:port/dbname``; also read from DATABASE_URL_ENV.
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


_TIME_RE = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")
_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


def _sections() -> dict[str, type]:
    hints = typing.get_type_hints(Config)
    return {f.name: hints[f.name] for f in dataclasses.fields(Config) if f.name != "source"}


def _convert(value: Any, hint: Any, key: str, origin: str, *, from_env: bool) -> Any:
    """Turn a TOML (or environment string) value into the field's type, or raise ConfigError."""

    def bad(expected: str) -> ConfigError:
        return ConfigError(f"{origin}: {key} must be {expected}, got {value!r}")

    if hint is dt.time:
        if isinstance(value, dt.time):
            return value.replace(second=0, microsecond=0)
        match = _TIME_RE.match(str(value).strip()) if isinstance(value, str) else None
        if not match:
            raise bad('a time as "HH:MM" (24-hour), e.g. "09:00"')
        return dt.time(int(match.group(1)), int(match.group(2)))
    if hint is bool:
        if isinstance(value, bool):
            return value
        if from_env and str(value).strip().lower() in _TRUE | _FALSE:
            return str(value).strip().lower() in _TRUE
        raise bad("true or false")
    if hint is int:
        if isinstance(value, bool):
            raise bad("a whole number")
        if isinstance(value, int):
            return value
        if from_env and re.fullmatch(r"\s*-?\d+\s*", str(value)):
            return int(value)
        raise bad("a whole number")
    if hint is float:
        if isinstance(value, bool):
            raise bad("a number")
        number: float | None = None
        if isinstance(value, int | float):
            number = float(value)
        elif from_env:
            with contextlib.suppress(ValueError):
                number = float(value)
        # TOML and float() both accept nan and inf, and no comparison with a limit catches nan.
        if number is None or not math.isfinite(number):
            raise bad("a finite number")
        return number
    if hint is str:
        if isinstance(value, str):
            return value
        raise bad("a string")
    if hint is dt.timedelta:
        # Imported here: the feeds package is large, and only an interval given in the file or
        # the environment needs its reader.
        from bot.feeds.intervals import parse_interval
        from bot.feeds.model import InvalidIntervalError

        if not isinstance(value, str):
            raise bad('an interval such as "15m", "1h" or "1d"')
        try:
            return parse_interval(value)
        except InvalidIntervalError as exc:
            raise ConfigError(f"{origin}: {key}: {exc}") from exc
    origin_type = typing.get_origin(hint)
    if origin_type is Literal:
        choices = typing.get_args(hint)
        if value in choices:
            return value
        raise bad("one of " + ", ".join(repr(c) for c in choices))
    if origin_type is tuple:
        item_hint = typing.get_args(hint)[0]
        if from_env and isinstance(value, str):
            value = [part.strip() for part in value.split(",") if part.strip()]
        if not isinstance(value, list):
            raise bad("a list, e.g. [1, 2]")
        return tuple(_convert_item(v, item_hint, key, origin, from_env=from_env) for v in value)
    raise ConfigError(f"{origin}: {key} has an unsupported type")  # pragma: no cover - schema bug


def _convert_item(value: Any, hint: Any, key: str, origin: str, *, from_env: bool) -> Any:
    if hint is int:
        return _convert(value, int, key, origin, from_env=from_env)
    # int | str: a chat id or an @username
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str):
        text = value.strip()
        if re.fullmatch(r"-?\d+", text):
            return int(text)
        if re.fullmatch(r"@[A-Za-z][A-Za-z0-9_]{3,31}", text):
            return text
    raise ConfigError(f"{origin}: {key} entries must be chat ids or @usernames, got {value!r}")


def _check_token(token: str, origin: str) -> None:
    """Refuse a token that is not shaped like one, without repeating it (it may be a secret)."""
    if not TOKEN_SHAPE.fullmatch(token):
        raise ConfigError(
            f"{origin}: telegram.token is not a bot token (they look like 123456789:AAH... : "
            "digits, a colon, then 30 or more letters, digits, _ or -). Get yours from "
            "@BotFather in Telegram (/newbot, or /mybots > API Token) and copy it whole."
        )


def validate(config: Config) -> None:
    """Raise :class:`ConfigError` for the first value out of its range or combination."""
    origin = config.source
    try:
        get_language(config.bot.default_language)
    except UnsupportedLanguageError:
        codes = ", ".join(language.code for language in SUPPORTED_LANGUAGES)
        raise ConfigError(
            f"{origin}: bot.default_language {config.bot.default_language!r} is not a language "
            f"the bot speaks; use one of {codes}"
        ) from None
    try:
        zoneinfo.ZoneInfo(config.digest.timezone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError) as exc:
        raise ConfigError(
            f"{origin}: digest.timezone {config.digest.timezone!r} is not a known time zone; "
            'use an IANA name such as "Europe/Berlin" or "UTC"'
        ) from exc
    if config.storage.url and not config.storage.url.startswith(POSTGRES_URL_SCHEMES):
        raise ConfigError(
            f"{origin}: storage.url must be a PostgreSQL URL (postgresql://user@host/dbname); "
            "leave it empty to keep the library in the SQLite file at storage.path"
        )
    tg = config.telegram
    if tg.mode == "webhook" and not tg.webhook_url:
        raise ConfigError(
            f"{origin}: telegram.webhook_url is required when telegram.mode = 'webhook'"
        )
    if tg.mode == "webhook" and not tg.webhook_secret:
        raise ConfigError(
            f"{origin}: telegram.webhook_secret is required when telegram.mode = 'webhook' "
            "(Telegram sends it with every update so strangers cannot post fake ones)"
        )
    if not 0 < tg.webhook_port < 65536:
        raise ConfigError(f"{origin}: telegram.webhook_port must be between 1 and 65535")
    _validate_metrics(config)
    positive = {
        "limits.max_document_bytes": config.limits.max_document_bytes,
        "limits.max_text_chars": config.limits.max_text_chars,
        "limits.ingest_per_hour": config.limits.ingest_per_hour,
        "fetch.timeout_s": config.fetch.timeout_s,
        "fetch.max_bytes": config.fetch.max_bytes,
        "digest.tick_seconds": config.digest.tick_seconds,
        "feeds.concurrency": config.feeds.concurrency,
        "feeds.per_host": config.feeds.per_host,
        "feeds.pause_after_days": config.feeds.pause_after_days,
        "feeds.tick_seconds": config.feeds.tick_seconds,
        "stories.window_hours": config.stories.window_hours,
        "scale.lease_seconds": config.scale.lease_seconds,
    }
    for key, value in positive.items():
        if value <= 0:
            raise ConfigError(f"{origin}: {key} must be greater than 0, got {value!r}")
    redis = config.scale.redis_url
    if redis and not redis.startswith(("redis://", "rediss://", "unix://")):
        raise ConfigError(f"{origin}: scale.redis_url must be a redis://, rediss:// or unix:// URL")
    if config.digest.catch_up_hours < 0:
        raise ConfigError(f"{origin}: digest.catch_up_hours must be 0 or more")
    for key in ("full_text_below_words", "backfill_items"):
        if getattr(config.feeds, key) < 0:
            raise ConfigError(f"{origin}: feeds.{key} must be 0 or more")
    if config.feeds.default_interval < config.feeds.min_interval:
        raise ConfigError(
            f"{origin}: feeds.default_interval must not be shorter than feeds.min_interval"
        )


def _validate_metrics(config: Config) -> None:
    origin = config.source
    metrics, tg = config.metrics, config.telegram
    if not 0 <= metrics.port < 65536:
        raise ConfigError(
            f"{origin}: metrics.port must be between 1 and 65535, or 0 to serve no metrics "
            f"(the default), got {metrics.port!r}"
        )
    if metrics.port and not metrics.host.strip():
        raise ConfigError(
            f'{origin}: metrics.host must be an address to listen on, such as "127.0.0.1" '
            '(this machine only) or "0.0.0.0" (every interface)'
        )
    if tg.mode == "webhook" and metrics.port == tg.webhook_port:
        raise ConfigError(
            f"{origin}: metrics.port {metrics.port} is the webhook port; in webhook mode the "
            "metrics are served on telegram.webhook_port already: set metrics.port = 0, or "
            "another port to serve them apart"
        )


def _reject_misspelt_env(env: Mapping[str, str], sections: dict[str, type]) -> None:
    """A variable that names a known section but no key of it is a typo worth stopping for."""
    for env_name in env:
        if not env_name.startswith(ENV_PREFIX) or env_name == TOKEN_ENV:
            continue
        rest = env_name[len(ENV_PREFIX) :].lower()
        for name, cls in sections.items():
            keys = {f.name for f in dataclasses.fields(cls)}
            if rest.startswith(name + "_") and rest[len(name) + 1 :] not in keys:
                raise ConfigError(
                    f"environment {env_name}: unknown key {name}.{rest[len(name) + 1 :]}; "
                    f"known keys in [{name}]: " + ", ".join(sorted(keys))
                )


def _env_name(env: Mapping[str, str], section: str, key: str) -> str:
    """The variable that sets ``section.key``; for the token, whichever of its names is set."""
    if (section, key) == ("telegram", "token"):
        return TOKEN_ENV if TOKEN_ENV in env or TOKEN_ENV_ALIAS not in env else TOKEN_ENV_ALIAS
    if (section, key) == ("storage", "url"):
        general = f"{ENV_PREFIX}STORAGE_URL"
        return general if general in env or DATABASE_URL_ENV not in env else DATABASE_URL_ENV
    return f"{ENV_PREFIX}{section.upper()}_{key.upper()}"


def load_config(
    path: str | os.PathLike[str] | None = None, env: Mapping[str, str] | None = None
) -> Config:
    """Read ``path`` (or ``./config.toml`` when it exists, else nothing) and the environment.

    Raises:
        ConfigError: the file is missing or not TOML, or any key is unknown or has a bad value.
    """
    env = os.environ if env is None else env
    data: dict[str, Any] = {}
    origin = "built-in defaults"
    if path is None and DEFAULT_CONFIG_FILE.is_file():
        path = DEFAULT_CONFIG_FILE
    if path is not None:
        file = Path(path)
        origin = str(file)
        try:
            data = tomllib.loads(file.read_text(encoding="utf-8"))
        except FileNotFoundError as exc:
            raise ConfigError(f"{file}: config file not found") from exc
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{file}: cannot read config file: {exc}") from exc
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"{file}: not valid TOML: {exc}") from exc

    sections = _sections()
    for name, value in data.items():
        if name not in sections:
            raise ConfigError(
                f"{origin}: unknown section [{name}]; known sections: " + ", ".join(sections)
            )
        if not isinstance(value, dict):
            raise ConfigError(f"{origin}: {name} must be a [{name}] table")

    built: dict[str, Any] = {}
    for name, section_cls in sections.items():
        hints = typing.get_type_hints(section_cls)
        known = {f.name for f in dataclasses.fields(section_cls)}
        values = data.get(name, {})
        for key in values:
            if key not in known:
                raise ConfigError(
                    f"{origin}: unknown key {name}.{key}; known keys in [{name}]: "
                    + ", ".join(sorted(known))
                )
        kwargs = {
            key: _convert(value, hints[key], f"{name}.{key}", origin, from_env=False)
            for key, value in values.items()
        }
        for key in known:
            env_name = _env_name(env, name, key)
            if env_name in env:
                kwargs[key] = _convert(
                    env[env_name],
                    hints[key],
                    f"{name}.{key}",
                    f"environment {env_name}",
                    from_env=True,
                )
        if name == "telegram" and kwargs.get("token"):
            token_env = _env_name(env, "telegram", "token")
            token_origin = f"environment {token_env}" if token_env in env else origin
            _check_token(kwargs["token"], token_origin)
        built[name] = section_cls(**kwargs)
    _reject_misspelt_env(env, sections)
    config = Config(**built, source=origin)
    validate(config)
    return config


def describe_defaults() -> dict[str, dict[str, Any]]:
    """Every section and key with its default value (used by tests of config.example.toml)."""
    result: dict[str, dict[str, Any]] = {}
    for name, cls in _sections().items():
        default = cls()
        result[name] = {f.name: getattr(default, f.name) for f in dataclasses.fields(cls)}
    return result


__all__ = [
    "AccessConfig",
    "BotConfig",
    "Config",
    "ConfigError",
    "DigestConfig",
    "FeedsConfig",
    "FetchConfig",
    "LibraryConfig",
    "LimitsConfig",
    "MetricsConfig",
    "ScaleConfig",
    "StorageConfig",
    "StoriesConfig",
    "TOKEN_SHAPE",
    "TelegramConfig",
    "describe_defaults",
    "load_config",
    "validate",
]
