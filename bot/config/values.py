"""Reading one value: a TOML value, or an environment variable's string, into its field's type.

Times as ``"HH:MM"``, booleans, whole and finite numbers, strings, intervals (``"15m"``), a
``Literal``'s choices and lists (comma-separated in the environment); anything else raises
:class:`ConfigError` naming the key and where the value came from.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import math
import re
import typing
from typing import Any, Literal

from bot.config.errors import ConfigError

_TIME_RE = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")
_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


def convert_value(value: Any, hint: Any, key: str, origin: str, *, from_env: bool) -> Any:
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
        return convert_value(value, int, key, origin, from_env=from_env)
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
