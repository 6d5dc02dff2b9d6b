"""Several ``python -m bot run --webhook`` processes on one library, behind the sandbox.

The sandbox is Telegram and the reverse proxy at once: the processes all set the same public
webhook URL, and the sandbox POSTs each update to their local ports in turn
(:meth:`bot.sandbox.Sandbox.set_webhook_backends`).
"""

from __future__ import annotations

import signal
import socket
from pathlib import Path

from bot.sandbox import Sandbox

from .harness import BotProcess

__all__ = [
    "LEASE_SECONDS",
    "WEBHOOK_SECRET",
    "WEBHOOK_URL",
    "backend_of",
    "stop_all",
    "webhook_fleet",
]

WEBHOOK_URL = "https://digest.example/telegram/hook"
WEBHOOK_SECRET = "fleet-test-secret_0123456789"
#: Short leases so a killed process's claims lapse within the test's patience.
LEASE_SECONDS = 3.0


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def webhook_fleet(
    sandbox: Sandbox,
    workdir: Path,
    count: int,
    *,
    settings: dict[str, str] | None = None,
    db_path: str | Path | None = None,
) -> list[BotProcess]:
    """``count`` webhook processes sharing ``workdir/library.sqlite3`` (or ``db_path``: a file or
    a PostgreSQL URL), each on its own port, registered with the sandbox as the backends of the
    webhook URL (not started yet)."""
    processes = []
    for number in range(count):
        port = _free_port()
        process = BotProcess(
            sandbox,
            workdir,
            {
                "DIGEST_BOT_TELEGRAM_WEBHOOK_URL": WEBHOOK_URL,
                "DIGEST_BOT_TELEGRAM_WEBHOOK_SECRET": WEBHOOK_SECRET,
                "DIGEST_BOT_TELEGRAM_WEBHOOK_PORT": str(port),
                "DIGEST_BOT_SCALE_LEASE_SECONDS": str(LEASE_SECONDS),
                **(settings or {}),
            },
            args=("run", "--webhook"),
            ready_call="setWebhook",
            db_path=db_path,
            name=f"bot{number}",
        )
        processes.append(process)
    sandbox.set_webhook_backends([backend_of(process) for process in processes])
    return processes


def backend_of(process: BotProcess) -> str:
    """The local address the sandbox POSTs this process's share of the updates to."""
    return f"http://127.0.0.1:{process.settings['DIGEST_BOT_TELEGRAM_WEBHOOK_PORT']}/telegram/hook"


async def stop_all(processes: list[BotProcess]) -> None:
    for process in processes:
        if process.running:
            await process.kill(signal.SIGKILL)
