"""Loading: the TOML file and the environment, key by key, into a validated :class:`Config`.

``DIGEST_BOT_<SECTION>_<KEY>`` overrides a key of the file; ``DIGEST_BOT_TOKEN`` and
``DIGEST_BOT_DATABASE_URL`` are the short names of the token and the storage URL. An unknown
section or key, in the file or in a variable that names a known section, is an error.
"""

from __future__ import annotations

import dataclasses
import os
import tomllib
import typing
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from bot.config.errors import ConfigError
from bot.config.sections import Config, section_classes
from bot.config.validation import check_token, validate
from bot.config.values import convert_value

ENV_PREFIX = "DIGEST_BOT_"
#: Sets ``[storage] url`` as ``DIGEST_BOT_STORAGE_URL`` does (which wins when both are set).
DATABASE_URL_ENV = "DIGEST_BOT_DATABASE_URL"
TOKEN_ENV = "DIGEST_BOT_TOKEN"
#: The ``DIGEST_BOT_<SECTION>_<KEY>`` spelling of the token; :data:`TOKEN_ENV` wins over it.
TOKEN_ENV_ALIAS = "DIGEST_BOT_TELEGRAM_TOKEN"
DEFAULT_CONFIG_FILE = Path("config.toml")


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

    sections = section_classes()
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
            key: convert_value(value, hints[key], f"{name}.{key}", origin, from_env=False)
            for key, value in values.items()
        }
        for key in known:
            env_name = _env_name(env, name, key)
            if env_name in env:
                kwargs[key] = convert_value(
                    env[env_name],
                    hints[key],
                    f"{name}.{key}",
                    f"environment {env_name}",
                    from_env=True,
                )
        if name == "telegram" and kwargs.get("token"):
            token_env = _env_name(env, "telegram", "token")
            token_origin = f"environment {token_env}" if token_env in env else origin
            check_token(kwargs["token"], token_origin)
        built[name] = section_cls(**kwargs)
    _reject_misspelt_env(env, sections)
    config = Config(**built, source=origin)
    validate(config)
    return config
