"""Configuration: a TOML file plus environment overrides, validated once into frozen dataclasses.

Every setting has a default, so the bot starts with no file at all. Environment variables override
the file: ``DIGEST_BOT_TOKEN`` sets ``[telegram] token`` (``DIGEST_BOT_TELEGRAM_TOKEN``, the
general spelling, is read too; ``DIGEST_BOT_TOKEN`` wins when both are set),
``DIGEST_BOT_DATABASE_URL`` sets ``[storage] url`` (as ``DIGEST_BOT_STORAGE_URL`` does) and
``DIGEST_BOT_<SECTION>_<KEY>`` sets any other key (``DIGEST_BOT_STORAGE_PATH``,
``DIGEST_BOT_DIGEST_SEND_EMPTY=true``, lists comma-separated: ``DIGEST_BOT_ACCESS_OWNERS=1,2``).
Any wrong value raises :class:`ConfigError` naming the key and where it came from; the CLI turns
that into a one-line message and exit code 2.

The parts: ``sections`` (the dataclasses and their defaults), ``values`` (one value into its
field's type), ``validation`` (ranges and combinations), ``loading`` (file and environment into
a :class:`Config`), ``errors``. This package hands on their public names.
"""

from __future__ import annotations

from bot.config.errors import ConfigError
from bot.config.loading import ENV_PREFIX, TOKEN_ENV, load_config
from bot.config.sections import (
    AccessConfig,
    BotConfig,
    Config,
    DigestConfig,
    FeedsConfig,
    FetchConfig,
    LibraryConfig,
    LimitsConfig,
    MetricsConfig,
    ScaleConfig,
    StorageConfig,
    StoriesConfig,
    TelegramConfig,
    describe_defaults,
)
from bot.config.validation import POSTGRES_URL_SCHEMES, TOKEN_SHAPE, validate

__all__ = [
    "ENV_PREFIX",
    "POSTGRES_URL_SCHEMES",
    "TOKEN_ENV",
    "TOKEN_SHAPE",
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
    "TelegramConfig",
    "describe_defaults",
    "load_config",
    "validate",
]
