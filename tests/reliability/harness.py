"""Run the real bot and the real CLI as subprocesses, kill them, and check what they left behind.

``BotProcess`` starts ``python -m bot run`` against a :class:`~bot.sandbox.Sandbox` running in the
test process, with its library in a file both can open; ``run_ingest`` starts
``python -m bot ingest``. The checks read the library file directly while no process writes it.
"""

from __future__ import annotations

import asyncio
import logging
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Mapping
from pathlib import Path

from bot.sandbox import Sandbox
from storage import Library
from tests.library_backend import is_postgres_target

__all__ = [
    "START_TIMEOUT",
    "BotProcess",
    "article_text",
    "articles_by_hash",
    "assert_fts_consistent",
    "count_articles",
    "crash_rng",
    "finds_headline",
    "headline_of",
    "run_ingest",
]

log = logging.getLogger(__name__)

START_TIMEOUT = 20.0
#: How long a process may take to end after a signal before the test gives up on it.
EXIT_TIMEOUT = 20.0


def crash_rng(name: str) -> random.Random:
    """A seeded RNG for the kill points: ``CRASH_SEED`` replays a run, else a fresh seed.

    The seed is logged (pytest shows it with a failure's captured log).
    """
    seed = int(os.environ.get("CRASH_SEED") or random.SystemRandom().randrange(2**32))
    log.warning("%s: kill points from seed %d (replay with CRASH_SEED=%d)", name, seed, seed)
    return random.Random(seed)


def headline_of(number: int, topic: str) -> str:
    """The headline of generated article ``number``: one made-up word makes it unique."""
    return f"Harbour council approves {topic} plan number {number} quorvex{topic}{number}"


def article_text(number: int, topic: str) -> str:
    """A plain-text article (headline line, quote, body) of about 500 characters."""
    return (
        f"{headline_of(number, topic)}\n\n"
        f"The council of the harbour town voted on Tuesday to approve {topic} plan {number}. "
        '"We are very pleased with the outcome of this vote today," said Mayor Ann Lee. '
        + "The plan covers new piers and a ferry terminal. " * 5
        + "\n"
    )


def _bot_env(overrides: Mapping[str, str]) -> dict[str, str]:
    """The test's environment without any DIGEST_BOT_ setting of its own, plus ``overrides``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("DIGEST_BOT_")}
    env.update(overrides)
    return env


def _storage_env(library_target: str | Path) -> dict[str, str]:
    if is_postgres_target(library_target):
        return {"DIGEST_BOT_DATABASE_URL": str(library_target)}
    return {"DIGEST_BOT_STORAGE_PATH": str(library_target)}


class BotProcess:
    """Starts and stops ``python -m bot run`` against the sandbox, with one library: the file
    ``workdir/library.sqlite3`` unless ``db_path`` (a file or a PostgreSQL URL) is given.

    ``settings`` are extra ``DIGEST_BOT_*`` variables (e.g. a higher ingest limit). ``args``
    follow ``python -m bot``; the bot counts as started once it made one more ``ready_call``
    (post_init's last call in polling mode; ``setWebhook`` in webhook mode). Several processes
    share one library when given one ``db_path``; ``name`` tells their logs apart.
    """

    def __init__(
        self,
        sandbox: Sandbox,
        workdir: Path,
        settings: Mapping[str, str] | None = None,
        *,
        args: tuple[str, ...] = ("run",),
        ready_call: str = "setMyCommands",
        db_path: str | Path | None = None,
        name: str = "bot",
    ) -> None:
        self.sandbox = sandbox
        self.workdir = workdir
        self.db_path = db_path or workdir / "library.sqlite3"
        self.log_path = workdir / f"{name}.log"
        self.settings = dict(settings or {})
        self.args = args
        self.ready_call = ready_call
        self.process: subprocess.Popen[bytes] | None = None

    def _env(self) -> dict[str, str]:
        return _bot_env(
            {
                "DIGEST_BOT_TOKEN": self.sandbox.token,
                "DIGEST_BOT_TELEGRAM_BASE_URL": self.sandbox.base_url,
                "DIGEST_BOT_TELEGRAM_BASE_FILE_URL": self.sandbox.base_file_url,
                **_storage_env(self.db_path),
                "DIGEST_BOT_DIGEST_TICK_SECONDS": "1",
                **self.settings,
            }
        )

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    async def start(self) -> None:
        """Start the bot and wait until its post_init has run (setMyCommands is its last call)."""
        ready_calls = len(self.sandbox.calls(self.ready_call)) + 1
        with self.log_path.open("ab") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "bot", *self.args],
                cwd=self.workdir,
                env=self._env(),
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        try:
            await self.sandbox.wait_for_call(self.ready_call, ready_calls, timeout=START_TIMEOUT)
        except Exception:
            await self.kill(signal.SIGKILL)
            raise AssertionError(f"the bot did not start:\n{self.log_path.read_text()}") from None

    async def kill(self, signum: int) -> int:
        """Send ``signum`` and wait for the process to end; returns its exit code.

        The wait runs on a thread: a stopping bot still talks to the sandbox on this loop.
        """
        code, _ = await self.stop_timed(signum)
        return code

    async def stop_timed(self, signum: int) -> tuple[int, float]:
        """Send ``signum``; returns the exit code and the seconds the process took to end."""
        assert self.process is not None
        started = time.monotonic()
        if self.process.poll() is None:
            self.process.send_signal(signum)
        code = await asyncio.to_thread(self.process.wait, EXIT_TIMEOUT)
        self.process = None
        return code, time.monotonic() - started

    def log_text(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""


def run_ingest(
    db_path: Path, chat: str, paths: list[Path], log_path: Path
) -> subprocess.Popen[bytes]:
    """Start ``python -m bot ingest PATHS --chat CHAT --db DB --jobs 1`` in the background.

    One process (``--jobs 1``): a SIGKILL then ends the whole ingest, with no orphaned workers.
    """
    with log_path.open("ab") as log:
        return subprocess.Popen(
            [
                sys.executable,
                "-m",
                "bot",
                "ingest",
                *map(str, paths),
                "--chat",
                chat,
                "--db",
                str(db_path),
                "--jobs",
                "1",
            ],
            env=_bot_env({}),
            stdout=log,
            stderr=subprocess.STDOUT,
        )


def _connect(db_path: Path) -> sqlite3.Connection:
    return sqlite3.connect(db_path, timeout=10)


def assert_fts_consistent(db_path: str | Path) -> None:
    """FTS5's own check that ``articles_fts`` matches ``articles`` (raises when it does not).

    A process killed before its migrations finished leaves no FTS table yet, and no articles.
    Nothing to check on PostgreSQL: the search vector is a generated column of the row itself.
    """
    if is_postgres_target(db_path):
        return
    with _connect(db_path) as db:
        tables = {name for (name,) in db.execute("SELECT name FROM sqlite_master")}
        if "articles_fts" not in tables:
            assert count_articles(db_path) == 0
            return
        db.execute("INSERT INTO articles_fts(articles_fts) VALUES('integrity-check')")
        [(quick,)] = db.execute("PRAGMA quick_check").fetchall()
    assert quick == "ok", quick


def count_articles(db_path: Path) -> int:
    """Stored articles; 0 before the library file exists."""
    if not db_path.exists():
        return 0
    with _connect(db_path) as db:
        try:
            [(count,)] = db.execute("SELECT count(*) FROM articles").fetchall()
        except sqlite3.OperationalError:  # the first migration has not run yet
            return 0
    return int(count)


def articles_by_hash(db_path: Path) -> dict[tuple[int, str], list[int]]:
    """Article ids by (collection, content hash): more than one id would be a duplicate."""
    found: dict[tuple[int, str], list[int]] = {}
    if count_articles(db_path) == 0:  # also before the first migration
        return found
    with _connect(db_path) as db:
        for article_id, chat_id, content_hash in db.execute(
            "SELECT id, chat_id, content_hash FROM articles"
        ):
            found.setdefault((chat_id, content_hash), []).append(article_id)
    return found


def finds_headline(library: Library, article_id: int, headline: str) -> bool:
    """Whether searching every collection for the headline as a phrase finds the article."""
    page = library.search(None, f'"{headline}"', limit=50)
    return article_id in {hit.article.id for hit in page.hits}
