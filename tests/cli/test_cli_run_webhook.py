"""`digest-bot run --webhook`: webhook mode from the command line, refused in one line (exit 2)
without the URL or the secret it needs."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.config import ConfigError, load_config

TOKEN = "123456789:AAH-secret-token-value-0123456789"


def _clean_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DIGEST_BOT_")}
    return {**env, **extra}


@pytest.mark.parametrize(
    ("settings", "missing"),
    [
        ({}, "telegram.webhook_url"),
        ({"DIGEST_BOT_TELEGRAM_WEBHOOK_URL": "https://bot.example/hook"}, "webhook_secret"),
    ],
)
def test_webhook_without_its_settings_is_refused_in_one_line(
    tmp_path: Path, settings: dict[str, str], missing: str
) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "bot", "run", "--webhook"],
        cwd=tmp_path,
        env=_clean_env(DIGEST_BOT_TOKEN=TOKEN, **settings),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    [line] = result.stderr.splitlines()
    assert line.startswith("Error: --webhook: ") and missing in line
    assert TOKEN not in result.stderr


@pytest.mark.parametrize(
    ("key", "value"),
    [("DIGEST_BOT_SCALE_LEASE_SECONDS", "0"), ("DIGEST_BOT_SCALE_REDIS_URL", "127.0.0.1:6379")],
)
def test_bad_scale_settings_name_their_key(key: str, value: str) -> None:
    with pytest.raises(ConfigError, match=key.removeprefix("DIGEST_BOT_SCALE_").lower()):
        load_config(env={key: value})
