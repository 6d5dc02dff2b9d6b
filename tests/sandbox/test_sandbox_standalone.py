"""``python -m bot.sandbox`` runs the server in its own process and prints where it listens."""

from __future__ import annotations

import subprocess
import sys

import httpx


def test_standalone_process_serves_get_me() -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "bot.sandbox", "--port", "0", "--token", "77:standalone"],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        lines = dict(process.stdout.readline().strip().split("=", 1) for _ in range(3))
        answer = httpx.get(f"{lines['base_url']}{lines['token']}/getMe", timeout=5).json()
    finally:
        process.terminate()
        process.wait(timeout=5)
    assert lines["token"] == "77:standalone"
    assert answer["ok"] is True
    assert answer["result"]["id"] == 77
    assert process.returncode == 0
