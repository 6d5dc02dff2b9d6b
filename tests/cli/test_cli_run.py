"""`digest-bot run`: the token check, a real polling run, and keeping the token out of logs."""

from __future__ import annotations

import asyncio
import io
import logging
import os
import signal
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.logconfig import REDACTED, SecretRedactingFilter, configure_logging
from bot.sandbox import Sandbox

TOKEN = "123456789:AAH-secret-token-value"


def _clean_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DIGEST_BOT_")}
    return {**env, **extra}


def test_run_without_a_token_explains_how_to_get_one(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "bot", "run"],
        cwd=tmp_path,
        env=_clean_env(),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "@BotFather" in result.stderr
    assert "/newbot" in result.stderr
    assert "DIGEST_BOT_TOKEN" in result.stderr
    assert "digest-bot try" in result.stderr
    assert not (tmp_path / "digest-bot.sqlite3").exists()


@pytest.mark.slow  # stopping waits for the current long poll (run_polling's 10 s timeout)
async def test_run_polls_until_interrupted_and_never_logs_the_token(tmp_path: Path) -> None:
    async with Sandbox() as sandbox:
        sandbox.add_user(1001, "Ann", "ann")
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bot",
            "run",
            "--verbose",
            cwd=tmp_path,
            env=_clean_env(
                DIGEST_BOT_TOKEN=sandbox.token,
                DIGEST_BOT_TELEGRAM_BASE_URL=sandbox.base_url,
                DIGEST_BOT_TELEGRAM_BASE_FILE_URL=sandbox.base_file_url,
                DIGEST_BOT_STORAGE_PATH=str(tmp_path / "library.sqlite3"),
            ),
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
        )
        try:
            await sandbox.wait_for_call("getUpdates", 1, timeout=60)
            sandbox.send_command(1001, 1001, "/start")
            (greeting,) = await sandbox.wait_for_messages(1001, 1, timeout=30)
            process.send_signal(signal.SIGINT)
            _, stderr_bytes = await asyncio.wait_for(process.communicate(), 60)
        finally:
            if process.returncode is None:
                process.kill()
                await process.wait()
    stderr = stderr_bytes.decode("utf-8", "replace")
    assert greeting.text
    assert process.returncode == 0, stderr
    assert "Traceback" not in stderr
    assert " DEBUG " in stderr  # --verbose really logged, and still no token in it
    assert sandbox.token not in stderr
    assert sandbox.token.split(":", 1)[1] not in stderr
    assert (tmp_path / "library.sqlite3").exists()


@pytest.fixture
def captured_log() -> Iterator[io.StringIO]:
    root = logging.getLogger()
    saved_handlers, saved_level = list(root.handlers), root.level
    quiet_levels = {name: logging.getLogger(name).level for name in ("httpx", "httpcore")}
    stream = io.StringIO()
    configure_logging(level=logging.DEBUG, secrets=(TOKEN, ""), stream=stream)
    yield stream
    root.handlers[:] = saved_handlers
    root.setLevel(saved_level)
    for name, level in quiet_levels.items():
        logging.getLogger(name).setLevel(level)


def test_the_token_is_redacted_from_messages_arguments_and_tracebacks(
    captured_log: io.StringIO,
) -> None:
    log = logging.getLogger("digest_bot_test")
    log.info("POST https://api.telegram.org/bot%s/getMe", TOKEN)
    log.warning(f"inline token {TOKEN} in the message itself")
    try:
        raise ConnectionError(f"cannot reach https://api.telegram.org/bot{TOKEN}/getUpdates")
    except ConnectionError:
        log.exception("request failed")
    output = captured_log.getvalue()
    assert TOKEN not in output
    assert f"https://api.telegram.org/bot{REDACTED}/getMe" in output
    assert f"inline token {REDACTED} in the message" in output
    assert f"ConnectionError: cannot reach https://api.telegram.org/bot{REDACTED}" in output


def test_http_client_request_lines_are_silenced(captured_log: io.StringIO) -> None:
    logging.getLogger("httpx").info("HTTP Request: POST https://api.telegram.org/bot... 200 OK")
    logging.getLogger("httpcore.http11").debug("send_request_headers.started")
    logging.getLogger("httpx").warning("a warning still shows")
    output = captured_log.getvalue()
    assert "HTTP Request" not in output
    assert "send_request_headers" not in output
    assert "a warning still shows" in output


def test_records_with_mismatched_arguments_are_still_redacted() -> None:
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "token %s and %s", (TOKEN,), None)
    assert SecretRedactingFilter([TOKEN]).filter(record)
    assert TOKEN not in record.getMessage()
    assert REDACTED in record.getMessage()


def test_configuring_twice_does_not_duplicate_lines(captured_log: io.StringIO) -> None:
    second = io.StringIO()
    configure_logging(level=logging.INFO, secrets=(TOKEN,), stream=second)
    logging.getLogger("digest_bot_test").info("once")
    assert second.getvalue().count("once") == 1
    assert "once" not in captured_log.getvalue()


async def test_run_with_a_metrics_port_in_use_says_so_and_exits_1(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        async with Sandbox() as sandbox:
            process = await asyncio.create_subprocess_exec(
                sys.executable,
                "-m",
                "bot",
                "run",
                cwd=tmp_path,
                env=_clean_env(
                    DIGEST_BOT_TOKEN=sandbox.token,
                    DIGEST_BOT_TELEGRAM_BASE_URL=sandbox.base_url,
                    DIGEST_BOT_TELEGRAM_BASE_FILE_URL=sandbox.base_file_url,
                    DIGEST_BOT_STORAGE_PATH=str(tmp_path / "library.sqlite3"),
                    DIGEST_BOT_METRICS_PORT=str(port),
                ),
                stdout=asyncio.subprocess.PIPE,
                stderr=asyncio.subprocess.PIPE,
            )
            _, stderr_bytes = await asyncio.wait_for(process.communicate(), 60)
    stderr = stderr_bytes.decode("utf-8", "replace")
    assert process.returncode == 1, stderr
    assert "Traceback" not in stderr
    assert f"cannot serve the metrics on 127.0.0.1:{port} ([metrics] host and port)" in stderr
    assert sandbox.calls("getUpdates") == []  # it stopped before polling
