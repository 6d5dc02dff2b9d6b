"""The bot token never shows: not in logs (at DEBUG, through a handler exception, a 400, a dropped
connection), not in replies, not in ``repr`` of the configuration, not in what ``digest-bot run``
prints when Telegram rejects the token or cannot be reached.

Logging is set up as ``digest-bot run`` sets it up (:func:`bot.logconfig.configure_logging`), with
pytest's capture handler added after it: both must be free of the token.
"""

from __future__ import annotations

import asyncio
import io
import logging
import os
import sys
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from pathlib import Path

import pytest
from telegram import Update
from telegram.ext import CommandHandler, ContextTypes

from bot.config import load_config
from bot.logconfig import QUIET_LOGGERS, configure_logging
from bot.sandbox import Sandbox

from .conftest import e2e

TOKEN = "5000000001:AAF-reliability-SECRET-token-7q9Z"
WEBHOOK_SECRET = "webhook-SECRET-4f1e"
SECRET_PART = TOKEN.split(":", 1)[1]
USER_ID = e2e.USER_ID


@pytest.fixture
async def sandbox() -> AsyncIterator[Sandbox]:
    async with Sandbox(token=TOKEN) as running:
        running.add_user(USER_ID, "Ann", "ann")
        yield running


@pytest.fixture
def production_logging(caplog: pytest.LogCaptureFixture) -> Iterator[io.StringIO]:
    """The run command's logging at DEBUG into a buffer, pytest's capture after it."""
    root = logging.getLogger()
    saved = (list(root.handlers), root.level)
    quiet = {name: logging.getLogger(name).level for name in QUIET_LOGGERS}
    stream = io.StringIO()
    configure_logging(level=logging.DEBUG, secrets=(TOKEN, WEBHOOK_SECRET), stream=stream)
    root.addHandler(caplog.handler)
    try:
        yield stream
    finally:
        root.handlers[:] = saved[0]
        root.setLevel(saved[1])
        for name, level in quiet.items():
            logging.getLogger(name).setLevel(level)


async def _explode(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A handler bug whose exception carries the bot (python-telegram-bot's repr shows the
    token) and a request URL, as an httpx error would."""
    raise RuntimeError(
        f"handler failed for {context.bot!r} calling {context.bot.base_url}/sendMessage"
    )


def _assert_no_secret(text: str, where: str) -> None:
    assert SECRET_PART not in text, f"the token leaks in {where}"
    assert WEBHOOK_SECRET not in text, f"the webhook secret leaks in {where}"


async def test_the_token_stays_out_of_logs_and_replies_through_errors(
    make_bot: Callable[..., Awaitable[e2e.BotEnv]],
    production_logging: io.StringIO,
    caplog: pytest.LogCaptureFixture,
    capsys: pytest.CaptureFixture[str],
) -> None:
    env = await make_bot(telegram={"webhook_secret": WEBHOOK_SECRET})
    # Before every group of the bot (the gate is -2), so nothing else takes the update first.
    env.application.add_handler(CommandHandler("explode", _explode), group=-3)
    sandbox = env.sandbox
    sandbox.send_command(USER_ID, USER_ID, "/explode")  # a handler exception
    await sandbox.wait_for_messages(USER_ID, 1)
    sandbox.fail_next(1, method="sendMessage", error_code=400)  # a 400 from Telegram
    sandbox.send_command(USER_ID, USER_ID, "/help")
    await sandbox.wait_for_messages(USER_ID, 1)
    sandbox.drop_next(1, method="sendMessage")  # a network error
    sandbox.send_command(USER_ID, USER_ID, "/help")
    await sandbox.wait_for_messages(USER_ID, 1)

    logged = production_logging.getvalue()
    assert "handler failed for" in logged  # the handler's error was logged, traceback included
    assert "BadRequest" in logged and "NetworkError" in logged
    assert "<redacted>" in logged  # the secret was there to be caught
    _assert_no_secret(logged, "the log output")
    _assert_no_secret(caplog.text, "captured log records")
    for record in caplog.records:
        _assert_no_secret(record.getMessage(), "a log record's message")
    captured = capsys.readouterr()
    _assert_no_secret(captured.out + captured.err, "stdout/stderr")
    for message in sandbox.sent:
        _assert_no_secret(message.text, "a reply")


def test_repr_of_the_configuration_hides_the_token_and_the_webhook_secret() -> None:
    config = load_config(
        env={"DIGEST_BOT_TOKEN": TOKEN, "DIGEST_BOT_TELEGRAM_WEBHOOK_SECRET": WEBHOOK_SECRET}
    )
    assert config.telegram.token == TOKEN
    _assert_no_secret(repr(config), "repr(config)")
    _assert_no_secret(str(config.telegram), "str(config.telegram)")


async def _run_cli(base_url: str, tmp_path: Path, token: str) -> tuple[int, str]:
    env = {
        **os.environ,
        "DIGEST_BOT_TOKEN": token,
        "DIGEST_BOT_TELEGRAM_BASE_URL": base_url,
        "DIGEST_BOT_STORAGE_PATH": str(tmp_path / "library.sqlite3"),
    }
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "run",
        "--verbose",
        cwd=tmp_path,
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    output, _ = await asyncio.wait_for(process.communicate(), timeout=60)
    return process.returncode or 0, output.decode(errors="replace")


async def test_a_rejected_token_is_reported_without_showing_it(
    sandbox: Sandbox, tmp_path: Path
) -> None:
    wrong = "5000000001:AAF-reliability-WRONG-token-3x8K"
    code, output = await _run_cli(sandbox.base_url, tmp_path, wrong)
    assert code != 0
    assert "Telegram rejected the bot token" in output
    assert wrong.split(":", 1)[1] not in output


async def test_an_unreachable_api_is_reported_without_showing_the_token(tmp_path: Path) -> None:
    server = await asyncio.start_server(lambda r, w: w.close(), "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    async with server:  # accepts and hangs up at once: a dropped connection
        code, output = await _run_cli(f"http://127.0.0.1:{port}/bot", tmp_path, TOKEN)
    assert code != 0
    assert "cannot reach the Bot API" in output
    _assert_no_secret(output, "the run command's output")
