"""`digest-bot run` stopping: one line when it cannot start, exit 0 on SIGTERM at any moment."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from bot.sandbox import Sandbox

TOKEN = "123456789:AAH-abcdefghijklmnopqrstuvwxyz_0123"


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DIGEST_BOT_")}
    return {**env, "DIGEST_BOT_STORAGE_PATH": str(tmp_path / "library.sqlite3"), **extra}


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.mark.parametrize("verbose", [False, True])
def test_no_network_is_one_line_and_the_traceback_only_when_verbose(
    tmp_path: Path, verbose: bool
) -> None:
    base_url = f"http://127.0.0.1:{_closed_port()}/bot"
    result = subprocess.run(
        [sys.executable, "-m", "bot", "run", *(["--verbose"] if verbose else [])],
        cwd=tmp_path,
        env=_env(tmp_path, DIGEST_BOT_TOKEN=TOKEN, DIGEST_BOT_TELEGRAM_BASE_URL=base_url),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    last = result.stderr.splitlines()[-1]
    assert last.startswith(f"Error: cannot reach the Bot API at {base_url}: ")
    assert TOKEN not in result.stderr
    if verbose:
        assert "Traceback" in result.stderr and " DEBUG " in result.stderr
    else:
        assert result.stderr == last + "\n"


async def _sigterm_while_held(tmp_path: Path, method: str) -> tuple[int, str, list[str]]:
    async with Sandbox() as sandbox:
        sandbox.hold_calls(method)
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bot",
            "run",
            cwd=tmp_path,
            env=_env(
                tmp_path,
                DIGEST_BOT_TOKEN=sandbox.token,
                DIGEST_BOT_TELEGRAM_BASE_URL=sandbox.base_url,
                DIGEST_BOT_TELEGRAM_BASE_FILE_URL=sandbox.base_file_url,
            ),
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
        )
        try:
            await sandbox.wait_for_held(1, timeout=60)
            process.send_signal(signal.SIGTERM)
            _, stderr = await asyncio.wait_for(process.communicate(), 30)
        finally:
            if process.returncode is None:
                process.kill()
                await process.wait()
            sandbox.stop_holding()
        assert process.returncode is not None
        return process.returncode, stderr.decode(), [call["method"] for call in sandbox.calls()]


@pytest.mark.parametrize(
    ("held", "phase"),
    [
        ("getMe", "initialize"),
        ("setMyCommands", "post_init: library open, command menu"),
        ("deleteWebhook", "the updater starting to poll"),
    ],
)
async def test_sigterm_during_start_up_stops_cleanly_with_exit_0(
    tmp_path: Path, held: str, phase: str
) -> None:
    code, stderr, calls = await _sigterm_while_held(tmp_path, held)
    assert code == 0, f"SIGTERM during {phase}:\n{stderr}"
    assert "Traceback" not in stderr
    assert "getUpdates" not in calls  # it stopped instead of going on to poll
