"""Checking a whole configuration: ranges, combinations and shapes no single value shows.

:func:`validate` raises :class:`ConfigError` for the first value out of its range or in a
combination that cannot work (webhook mode without a URL, a metrics port on the webhook port);
:func:`check_token` refuses a bot token of the wrong shape without repeating it.
"""

from __future__ import annotations

import re
import zoneinfo

from bot.config.errors import ConfigError
from bot.config.sections import Config
from bot.i18n import SUPPORTED_LANGUAGES, UnsupportedLanguageError, get_language

POSTGRES_URL_SCHEMES = ("postgresql://", "postgres://")
#: What @BotFather hands out: the bot's numeric id, a colon, then 30+ letters, digits, _ or -.
#: Checked at load: a stray value (``e``, a blank) would otherwise be redacted from every log line.
TOKEN_SHAPE = re.compile(r"[0-9]+:[A-Za-z0-9_-]{30,}")


def check_token(token: str, origin: str) -> None:
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
