"""The [feeds] section: intervals written like /feed's, limits validated at start."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest

from bot.config import ConfigError, FeedsConfig, load_config


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults() -> None:
    feeds = load_config(env={}).feeds
    assert feeds == FeedsConfig()
    assert feeds.min_interval == dt.timedelta(minutes=15)
    assert feeds.default_interval == dt.timedelta(hours=1)
    assert (feeds.concurrency, feeds.per_host) == (16, 2)
    assert (feeds.full_text_below_words, feeds.backfill_items) == (80, 50)
    assert feeds.pause_after_days == 3.0
    assert feeds.tick_seconds == 60


def test_intervals_from_the_file_and_the_environment(tmp_path: Path) -> None:
    path = write(tmp_path, '[feeds]\nmin_interval = "5m"\ndefault_interval = "1h30m"\n')
    env = {"DIGEST_BOT_FEEDS_MIN_INTERVAL": "2m", "DIGEST_BOT_FEEDS_BACKFILL_ITEMS": "10"}
    feeds = load_config(path, env=env).feeds
    assert feeds.min_interval == dt.timedelta(minutes=2)
    assert feeds.default_interval == dt.timedelta(minutes=90)
    assert feeds.backfill_items == 10


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('min_interval = "soon"', "feeds.min_interval"),
        ("min_interval = 15", "feeds.min_interval must be an interval"),
        ('default_interval = "30s"', "feeds.default_interval"),
        ('default_interval = "9d"', "feeds.default_interval: The longest interval"),
        ('min_interval = "2h"\ndefault_interval = "1h"', "must not be shorter"),
        ("concurrency = 0", "feeds.concurrency must be greater than 0"),
        ("per_host = -1", "feeds.per_host must be greater than 0"),
        ("pause_after_days = 0", "feeds.pause_after_days must be greater than 0"),
        ("backfill_items = -1", "feeds.backfill_items must be 0 or more"),
        ("full_text_below_words = -5", "feeds.full_text_below_words must be 0 or more"),
        ("tick_seconds = 0", "feeds.tick_seconds must be greater than 0"),
    ],
)
def test_bad_values_name_the_key(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        load_config(write(tmp_path, f"[feeds]\n{text}\n"), env={})


def test_a_configuration_without_feed_intervals_does_not_load_the_feeds_package(
    tmp_path: Path,
) -> None:
    probe = (
        "import sys; from bot.config import load_config; load_config(env={}); "
        "print('bot.feeds' in sys.modules)"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=tmp_path
    ).stdout.strip()
    assert loaded == "False"
