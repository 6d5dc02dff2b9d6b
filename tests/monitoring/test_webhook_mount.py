"""Serving the monitoring paths on python-telegram-bot's webhook server, or saying why not."""

from __future__ import annotations

import pytest
from telegram.ext import Updater

from bot.monitoring import WebhookServerNotFoundError, webhook_web_app


def test_an_updater_without_a_running_webhook_server_is_refused_with_the_way_out() -> None:
    updater = Updater(bot=None, update_queue=None)  # type: ignore[arg-type]
    with pytest.raises(WebhookServerNotFoundError, match=r"set \[metrics\] port"):
        webhook_web_app(updater)
