"""``[digest] tick_seconds``: how often due digests are looked for."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import ConfigError, load_config


def test_default_is_one_tick_a_minute() -> None:
    assert load_config(env={}).digest.tick_seconds == 60


def test_file_and_environment_set_it(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text("[digest]\ntick_seconds = 5\n", encoding="utf-8")
    assert load_config(path, env={}).digest.tick_seconds == 5
    env = {"DIGEST_BOT_DIGEST_TICK_SECONDS": "2"}
    assert load_config(path, env=env).digest.tick_seconds == 2


@pytest.mark.parametrize("value", ["0", "-1", "soon"])
def test_only_a_positive_whole_number_is_accepted(value: str) -> None:
    with pytest.raises(ConfigError, match="digest.tick_seconds"):
        load_config(env={"DIGEST_BOT_DIGEST_TICK_SECONDS": value})
