"""The [metrics] section: off by default, a port and an address validated at start."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import ConfigError, MetricsConfig, load_config

WEBHOOK = {
    "DIGEST_BOT_TELEGRAM_MODE": "webhook",
    "DIGEST_BOT_TELEGRAM_WEBHOOK_URL": "https://bot.example.com/hook",
    "DIGEST_BOT_TELEGRAM_WEBHOOK_SECRET": "webhook-secret-0123",
    "DIGEST_BOT_TELEGRAM_WEBHOOK_PORT": "8443",
}


def test_metrics_are_off_by_default_and_local_when_on() -> None:
    metrics = load_config(env={}).metrics
    assert metrics == MetricsConfig(port=0, host="127.0.0.1")


def test_port_and_host_from_the_file_and_the_environment(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('[metrics]\nport = 9108\nhost = "0.0.0.0"\n', encoding="utf-8")
    assert load_config(path, env={}).metrics == MetricsConfig(port=9108, host="0.0.0.0")
    from_env = load_config(env={"DIGEST_BOT_METRICS_PORT": "9200"}).metrics
    assert from_env.port == 9200


@pytest.mark.parametrize("port", ["-1", "65536", "100000"])
def test_a_port_out_of_range_is_refused(port: str) -> None:
    with pytest.raises(ConfigError, match=r"metrics\.port must be between 1 and 65535, or 0"):
        load_config(env={"DIGEST_BOT_METRICS_PORT": port})


def test_a_blank_host_is_refused_when_a_port_is_set() -> None:
    with pytest.raises(ConfigError, match=r"metrics\.host must be an address"):
        load_config(env={"DIGEST_BOT_METRICS_PORT": "9108", "DIGEST_BOT_METRICS_HOST": " "})


def test_the_webhook_port_cannot_be_the_metrics_port_too() -> None:
    with pytest.raises(ConfigError, match=r"metrics\.port 8443 is the webhook port"):
        load_config(env={**WEBHOOK, "DIGEST_BOT_METRICS_PORT": "8443"})
    assert load_config(env={**WEBHOOK, "DIGEST_BOT_METRICS_PORT": "9108"}).metrics.port == 9108


def test_a_misspelt_metrics_key_is_named() -> None:
    with pytest.raises(ConfigError, match=r"unknown key metrics\.prot"):
        load_config(env={"DIGEST_BOT_METRICS_PROT": "9108"})
