"""Configuration loading under arbitrary input: any TOML value for every key, any environment
string for every variable, any bytes as the file. The only outcomes allowed are a ``Config`` or a
``ConfigError`` whose message names where the problem is; never another exception."""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import tempfile
import tomllib
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from bot.config import ENV_PREFIX, TOKEN_ENV, Config, ConfigError, describe_defaults, load_config

FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
KEYS = [(section, key) for section, keys in describe_defaults().items() for key in keys]


def _toml_string(text: str) -> str:
    """A TOML basic string: quotes, backslashes and control characters escaped."""
    out = []
    for ch in text:
        if ch in '"\\':
            out.append("\\" + ch)
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def _toml_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        return repr(value)
    if isinstance(value, str):
        return _toml_string(value)
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(item) for item in value) + "]"
    if isinstance(value, dict):
        items = ", ".join(f"{_toml_string(k)} = {_toml_value(v)}" for k, v in value.items())
        return "{" + items + "}"
    raise TypeError(value)


_text = st.text(st.characters(exclude_categories=("Cs",)), max_size=40)
_scalars = st.one_of(
    st.booleans(),
    st.integers(-(2**63), 2**63 - 1),
    st.floats(allow_nan=True, allow_infinity=True),
    _text,
    st.sampled_from(["09:00", "24:00", "UTC", "Mars/Olympus", "@newsroom", "-1001", "webhook"]),
    st.dates(),
    st.times().map(lambda t: t.replace(microsecond=0)),
    st.datetimes().map(lambda d: d.replace(microsecond=0)),
)
toml_values = st.recursive(
    _scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_text, inner, max_size=3),
    max_leaves=8,
)
_key_choices = st.sampled_from(KEYS + [("telegram", "tokn"), ("nosuch", "key")])


def _load_text(text: str) -> Config:
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "config.toml"
        path.write_text(text, encoding="utf-8")
        return load_config(path, env={})


def _assert_config_or_config_error(load: object) -> None:
    try:
        config = load()  # type: ignore[operator]
    except ConfigError as error:
        assert str(error).strip()
        return
    assert isinstance(config, Config)
    # What was accepted is usable: every section is its dataclass, limits are positive, and no
    # number is nan or infinite (nan passes every "must be greater than 0" comparison).
    assert config.limits.max_document_bytes > 0 and config.fetch.timeout_s > 0
    assert config.digest.catch_up_hours >= 0
    for section in describe_defaults():
        for value in vars(getattr(config, section)).values():
            assert not isinstance(value, float) or math.isfinite(value), config
    assert all(
        dataclasses.is_dataclass(getattr(config, f.name))
        for f in dataclasses.fields(Config)
        if f.name != "source"
    )


@FUZZ
@given(assignments=st.lists(st.tuples(_key_choices, toml_values), min_size=1, max_size=6))
@example(assignments=[(("fetch", "timeout_s"), math.nan)])
@example(assignments=[(("fetch", "timeout_s"), math.inf)])
@example(assignments=[(("digest", "catch_up_hours"), math.inf)])
@example(assignments=[(("digest", "catch_up_hours"), -math.nan)])
def test_any_toml_value_for_any_key_gives_a_config_or_a_config_error(
    assignments: list[tuple[tuple[str, str], object]],
) -> None:
    sections: dict[str, dict[str, object]] = {}
    for (section, key), value in assignments:
        sections.setdefault(section, {})[key] = value
    text = "\n".join(
        f"[{section}]\n"
        + "\n".join(f"{_toml_string(key)} = {_toml_value(value)}" for key, value in keys.items())
        for section, keys in sections.items()
    )
    tomllib.loads(text)  # the document is valid TOML: the values reach the key checks
    _assert_config_or_config_error(lambda: _load_text(text))


@FUZZ
@given(section=_text, value=toml_values)
def test_a_section_that_is_not_a_table_gives_a_config_error(section: str, value: object) -> None:
    text = f"{_toml_string(section)} = {_toml_value(value)}\n"
    tomllib.loads(text)
    _assert_config_or_config_error(lambda: _load_text(text))


@FUZZ
@given(data=st.binary(max_size=300))
def test_any_bytes_as_the_config_file_give_a_config_or_a_config_error(data: bytes) -> None:
    def load() -> Config:
        with tempfile.TemporaryDirectory() as directory:
            path = Path(directory) / "config.toml"
            path.write_bytes(data)
            return load_config(path, env={})

    _assert_config_or_config_error(load)


def _env_name(section: str, key: str) -> str:
    if (section, key) == ("telegram", "token"):
        return TOKEN_ENV
    return f"{ENV_PREFIX}{section.upper()}_{key.upper()}"


@FUZZ
@given(
    env=st.dictionaries(
        st.sampled_from([_env_name(s, k) for s, k in KEYS] + [ENV_PREFIX + "LIMITS_MAXBYTES"]),
        st.text(st.characters(exclude_categories=("Cs",), exclude_characters="\x00"), max_size=30),
        min_size=1,
        max_size=6,
    )
)
@example(env={ENV_PREFIX + "FETCH_TIMEOUT_S": "nan"})
@example(env={ENV_PREFIX + "DIGEST_CATCH_UP_HOURS": "inf"})
@example(env={ENV_PREFIX + "DIGEST_CATCH_UP_HOURS": "-1e999"})
def test_any_environment_value_gives_a_config_or_a_config_error(env: dict[str, str]) -> None:
    _assert_config_or_config_error(lambda: _load_env(env))


def _load_env(env: dict[str, str]) -> Config:
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "config.toml"
        path.write_text("", encoding="utf-8")
        return load_config(path, env=env)
