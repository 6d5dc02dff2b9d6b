"""Configuration: defaults, the example file, environment overrides and every kind of bad input."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from click.testing import CliRunner

from bot.cli import main
from bot.config import Config, ConfigError, describe_defaults, load_config

REPO = Path(__file__).resolve().parents[2]


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults_without_file_or_environment(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    config = load_config(env={})
    assert config == Config()
    assert config.digest.default_time == dt.time(9, 0)
    assert config.telegram.mode == "polling"


def test_example_file_documents_every_key_with_its_default():
    config = load_config(REPO / "config.example.toml", env={})
    assert config == Config()
    example = (REPO / "config.example.toml").read_text(encoding="utf-8")
    for section, keys in describe_defaults().items():
        assert f"[{section}]" in example
        for key in keys:
            assert f"\n{key} = " in example, f"{section}.{key} missing from config.example.toml"


def test_file_values_and_environment_overrides(tmp_path):
    path = write(
        tmp_path,
        '[storage]\npath = "/tmp/x.sqlite3"\n[access]\nowners = [1, 2]\n'
        '[library]\npublic_sources = [-100123, "@newsroom"]\n[digest]\ndefault_time = "07:30"\n',
    )
    env = {
        "DIGEST_BOT_TOKEN": "123:SECRET-token-of-thirty-characters",
        "DIGEST_BOT_DIGEST_SEND_EMPTY": "yes",
        "DIGEST_BOT_ACCESS_ALLOWED_USERS": "5, 6",
        "DIGEST_BOT_FETCH_TIMEOUT_S": "2.5",
    }
    config = load_config(path, env=env)
    assert config.storage.path == "/tmp/x.sqlite3"
    assert config.access.owners == (1, 2)
    assert config.access.allowed_users == (5, 6)
    assert config.library.public_sources == (-100123, "@newsroom")
    assert config.digest.default_time == dt.time(7, 30)
    assert config.digest.send_empty is True
    assert config.fetch.timeout_s == 2.5
    assert config.telegram.token == "123:SECRET-token-of-thirty-characters"


def test_telegram_token_spelling_is_an_alias_and_the_short_name_wins():
    alias = load_config(env={"DIGEST_BOT_TELEGRAM_TOKEN": "123:ALIAS-token-of-thirty-characters-"})
    assert alias.telegram.token == "123:ALIAS-token-of-thirty-characters-"
    both = load_config(
        env={
            "DIGEST_BOT_TELEGRAM_TOKEN": "123:ALIAS-token-of-thirty-characters-",
            "DIGEST_BOT_TOKEN": "9:MAIN-token-of-thirty-characters-long",
        }
    )
    assert both.telegram.token == "9:MAIN-token-of-thirty-characters-long"


def test_token_never_in_repr_or_str():
    config = load_config(env={"DIGEST_BOT_TOKEN": "123456:VERY-SECRET-TOKEN-of-thirty-characters"})
    assert "VERY-SECRET" not in repr(config)
    assert "VERY-SECRET" not in str(config)
    assert "VERY-SECRET" not in repr(config.telegram)


BAD_FILES = [
    ("[storage]\npath = 5\n", "storage.path"),
    ("[storage]\npaht = 'x'\n", "storage.paht"),
    ("[nonsense]\nx = 1\n", "[nonsense]"),
    ('[digest]\ndefault_time = "25:00"\n', "digest.default_time"),
    ('[digest]\ndefault_time = "9am"\n', "digest.default_time"),
    ('[digest]\ntimezone = "Mars/Olympus"\n', "digest.timezone"),
    ('[digest]\nsend_empty = "yes"\n', "digest.send_empty"),
    ("[digest]\ncatch_up_hours = -1\n", "digest.catch_up_hours"),
    ("[limits]\ningest_per_hour = 0\n", "limits.ingest_per_hour"),
    ("[limits]\nmax_document_bytes = true\n", "limits.max_document_bytes"),
    ('[telegram]\nmode = "push"\n', "telegram.mode"),
    ('[telegram]\nmode = "webhook"\n', "telegram.webhook_url"),
    ('[access]\nowners = ["alice"]\n', "access.owners"),
    ('[library]\npublic_sources = ["not a chat"]\n', "library.public_sources"),
    ("[fetch]\ntimeout_s = nan\n", "fetch.timeout_s"),
    ("[fetch]\ntimeout_s = inf\n", "fetch.timeout_s"),
    ("[digest]\ncatch_up_hours = inf\n", "digest.catch_up_hours"),
    ("[digest]\ncatch_up_hours = -nan\n", "digest.catch_up_hours"),
    ("[storage\n", "not valid TOML"),
    ('[bot]\ndefault_language = "pt"\n', "bot.default_language"),
    ('[bot]\ndefault_language = "de-AT"\n', "bot.default_language"),
]


@pytest.mark.parametrize(("text", "key"), BAD_FILES)
def test_bad_file_names_key_and_file(tmp_path, text, key):
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as info:
        load_config(path, env={})
    assert key in str(info.value)
    assert str(path) in str(info.value)


@pytest.mark.parametrize(
    ("env", "key"),
    [
        ({"DIGEST_BOT_DIGEST_SEND_EMPTY": "maybe"}, "digest.send_empty"),
        ({"DIGEST_BOT_LIMITS_INGEST_PER_HOUR": "ten"}, "limits.ingest_per_hour"),
        ({"DIGEST_BOT_STORAGE_PAHT": "x"}, "storage.paht"),
        ({"DIGEST_BOT_DIGEST_TIMEZONE": "Nowhere/Land"}, "digest.timezone"),
        ({"DIGEST_BOT_FETCH_TIMEOUT_S": "nan"}, "fetch.timeout_s"),
        ({"DIGEST_BOT_FETCH_TIMEOUT_S": "1e999"}, "fetch.timeout_s"),
        ({"DIGEST_BOT_DIGEST_CATCH_UP_HOURS": "inf"}, "digest.catch_up_hours"),
    ],
)
def test_bad_environment_names_key_and_variable(env, key):
    with pytest.raises(ConfigError) as info:
        load_config(env=env)
    assert key in str(info.value)


def test_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(ConfigError, match="not found"):
        load_config(tmp_path / "absent.toml", env={})


@pytest.mark.parametrize(("text", "key"), BAD_FILES[:6])
def test_cli_exits_2_with_one_line_message(tmp_path, text, key):
    path = write(tmp_path, text)
    result = CliRunner().invoke(main, ["--config", str(path), "stats"])
    assert result.exit_code == 2
    assert key in result.output
    assert "Traceback" not in result.output


GOOD_TOKEN = "123456789:AAH-abcdefghijklmnopqrstuvwxyz_0123"


@pytest.mark.parametrize(
    "token",
    [
        "e",
        " ",
        "telegram",
        "123456789",
        "123456789:",
        "123:short-tail",
        ":" + "A" * 35,
        GOOD_TOKEN + " ",
        GOOD_TOKEN.replace("_", "/"),
    ],
)
def test_a_value_not_shaped_like_a_bot_token_is_refused(token: str) -> None:
    with pytest.raises(ConfigError) as caught:
        load_config(env={"DIGEST_BOT_TOKEN": token})
    message = str(caught.value)
    assert message.startswith("environment DIGEST_BOT_TOKEN: telegram.token is not a bot token")
    assert "@BotFather" in message
    if len(token) > 20:
        assert token.strip() not in message  # a token is a secret, even a malformed one


def test_a_malformed_token_in_the_file_names_the_file(tmp_path: Path) -> None:
    path = write(tmp_path, '[telegram]\ntoken = "e"\n')
    with pytest.raises(ConfigError, match=r"config\.toml: telegram\.token is not a bot token"):
        load_config(path, env={})
    assert load_config(path, env={"DIGEST_BOT_TOKEN": GOOD_TOKEN}).telegram.token == GOOD_TOKEN


def test_no_token_is_still_allowed_for_commands_that_need_none() -> None:
    assert load_config(env={}).telegram.token == ""
    assert load_config(env={"DIGEST_BOT_TOKEN": GOOD_TOKEN}).telegram.token == GOOD_TOKEN


def test_the_cli_exits_2_on_a_malformed_token_without_repeating_it(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main, ["stats", "--db", str(tmp_path / "x.sqlite3")], env={"DIGEST_BOT_TOKEN": "e"}
    )
    assert result.exit_code == 2
    assert result.stderr.startswith(
        "Error: environment DIGEST_BOT_TOKEN: telegram.token is not a bot token"
    )
    assert "@BotFather" in result.stderr
    assert "Traceback" not in result.output


def test_default_language_is_english_and_configurable(tmp_path):
    assert load_config(env={}).bot.default_language == "en"
    path = write(tmp_path, '[bot]\ndefault_language = "uk"\n')
    assert load_config(path, env={}).bot.default_language == "uk"
    assert load_config(env={"DIGEST_BOT_BOT_DEFAULT_LANGUAGE": "fr"}).bot.default_language == "fr"
